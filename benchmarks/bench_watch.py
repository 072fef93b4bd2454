"""What watching the library for other programs' changes costs while the app sits idle.

The library window polls ``store.check_external_changes()`` (one ``stat`` of the library
file and one ``PRAGMA data_version``) on a coarse timer. Figures, on an on-disk library
of 10,000 notes:
- idle CPU: the process's CPU time over a few seconds of an idle event loop with the
  watch polling at its real interval, against the same loop with no watch, interleaved
  repetitions; as a percentage of one core (aim < 1 %);
- one poll when nothing changed (the idle cost per tick), and the share of a core it
  makes at the active interval;
- one poll after another connection committed (the snapshot of every row's
  ``updated_at`` that finds which rows changed), for scale.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOTES = 10_000
IDLE_SECONDS = 3.0
ROUNDS = 3
POLLS = 200


def _idle_cpu(app, watch, seconds: float) -> float:
    """Process CPU seconds used while the event loop idles for ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    if watch is not None:
        watch.start()
    start = time.process_time()
    loop.exec()
    used = time.process_time() - start
    if watch is not None:
        watch.stop()
    return used


def run() -> list[tuple[str, float, str]]:
    from facilitator.library import open_library
    from facilitator.models import Note, Programme, Workshop
    from facilitator.store import Store
    from ui import library_watch
    from ui.app import create_application
    from ui.library_watch import LibraryWatch

    app = create_application()
    with tempfile.TemporaryDirectory(prefix="wf bench ") as folder:
        library = open_library(Path(folder) / "Bench library é.wfdb")
        store = library.store
        programme = store.add_programme(Programme("Bench", area="Benchshire"))
        workshop = store.add_workshop(Workshop(programme.id, "W1", "Who?", "delivery-planning"))
        store.add_notes([Note(workshop.id, "how", f"Idea {n}") for n in range(NOTES)])
        watch = LibraryWatch(store)
        # Offscreen the app never becomes "active": poll at the active (faster) rate anyway.
        library_watch.IDLE_MS = library_watch.ACTIVE_MS
        store.check_external_changes()

        polling, quiet = [], []
        for _ in range(ROUNDS):  # interleaved, so a busy machine hurts both alike
            quiet.append(_idle_cpu(app, None, IDLE_SECONDS))
            polling.append(_idle_cpu(app, watch, IDLE_SECONDS))
        idle_pct = 100 * min(polling) / IDLE_SECONDS
        extra_pct = 100 * max(0.0, min(polling) - min(quiet)) / IDLE_SECONDS

        times = []
        for _ in range(POLLS):
            start = time.perf_counter()
            store.check_external_changes()
            times.append(time.perf_counter() - start)
        poll = statistics.median(times)

        changed = []
        for n in range(5):
            other = Store.open(store.path)
            other.add_note(Note(workshop.id, "how", f"From elsewhere {n}"))
            other.close()
            start = time.perf_counter()
            assert store.check_external_changes()
            changed.append(time.perf_counter() - start)
        library.close()
    active_share = 100 * poll / (library_watch.ACTIVE_MS / 1000)
    return [
        ("watch: idle process CPU while polling, % of a core (aim < 1)", idle_pct, "%"),
        ("watch: idle CPU added by polling vs no watch, % of a core", extra_pct, "%"),
        ("watch: idle process CPU with no watch, % of a core", 100 * min(quiet) / IDLE_SECONDS,
         "%"),
        ("watch: one poll, nothing changed", poll * 1e6, "µs"),
        ("watch: one poll's share of a core at the active interval", active_share, "%"),
        (f"watch: one poll after another program wrote, {NOTES:,} notes",
         statistics.median(changed) * 1000, "ms"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
