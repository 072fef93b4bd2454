"""Announcements must not slow capture (issue 15): Enter -> card painted, with the
announcer as shipped against the announcer stubbed out.

The run window on a step with 2,000 notes (as ``bench_run``); each repetition types a note
and presses Enter, then paints the board (Enter -> row committed -> card laid out and
painted). Three modes, interleaved one note each, round after round, so the step's
growing note count and the machine's load fall on all alike:

- ``stub``: ``announce`` replaced by a function that does nothing (the floor);
- ``real``: the shipped ``ui.announce.announce`` ("Saved" after every note);
- ``stub again``: the floor once more, so the stub-vs-stub ratio shows the noise.

Measured twice: with accessibility off (no screen reader: ``QAccessible.isActive()`` is
false and nothing is built) and switched on (``QAccessible.setActive(True)``, as when a
screen reader runs: the ``QAccessibleAnnouncementEvent`` is built and sent). Aim: the
real announcer's median within 1.05x of the stub's, or within the stub-vs-stub noise.

On a busy machine a few milliseconds of noise swamp the announcer, so its own cost is
also timed alone (one ``announce(window, "Saved")`` call, many times, screen reader on
and off) and given as a share of the Enter -> painted median.
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

NOTES = 2000
ROUNDS = 40
MODES = ("stub", "real", "stub again")
AIM = 1.05


def _nothing(*_args, **_kwargs) -> None:
    return None


def _rounds(app, window, active: bool) -> dict[str, list[float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible
    from PySide6.QtTest import QTest

    import ui.run.window as run_window
    from benchmarks.bench_run import _assert_newest_visible, _painted
    from ui.announce import announce

    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    QAccessible.setActive(active)
    try:
        for n in range(ROUNDS):
            # Rotate the order each round, so no mode always follows the same one.
            order = MODES[n % 3:] + MODES[:n % 3]
            for mode in order:
                run_window.announce = announce if mode == "real" else _nothing
                window.capture.box.setPlainText(f"Idea {n} ({mode}): a lift share rota")
                app.processEvents()
                start = time.perf_counter()
                QTest.keyClick(window.capture.box, Qt.Key.Key_Return)
                _painted(app, window)
                times[mode].append(time.perf_counter() - start)
                _assert_newest_visible(window)
    finally:
        run_window.announce = announce
        QAccessible.setActive(False)
    return times


def _one_call(window, active: bool, calls: int = 2000) -> float:
    """Seconds per ``announce(window, "Saved")``: min of five batches."""
    from PySide6.QtGui import QAccessible

    from ui.announce import announce

    QAccessible.setActive(active)
    try:
        batches = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(calls):
                announce(window, "Saved")
            batches.append((time.perf_counter() - start) / calls)
    finally:
        QAccessible.setActive(False)
    return min(batches)


def run() -> list[tuple[str, float, str]]:
    from benchmarks.bench_run import _open
    from benchmarks.common import YesDialogs, bench_context, bench_workshop
    from facilitator.library import open_library
    from facilitator.models import Note
    from ui.app import create_application

    app = create_application()
    figures: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="wf bench ") as folder:
        library = open_library(Path(folder) / "Bench announce.wfdb")
        context = bench_context(library, folder, YesDialogs())
        store = library.store
        _programme, workshop = bench_workshop(store, "W2", "Full")
        store.add_notes([Note(workshop.id, "how", f"Idea {n}: volunteers need a small grant",
                              table_label=f"Table {n % 6 + 1}") for n in range(NOTES)])
        window, _took = _open(app, context, workshop.id, "how")
        try:
            _rounds(app, window, active=False)  # warm up: caches, fonts, the first layouts
            for active, words in ((False, "no screen reader"), (True, "screen reader on")):
                times = _rounds(app, window, active)
                low = {mode: min(ts) * 1000 for mode, ts in times.items()}
                mid = {mode: statistics.median(ts) * 1000 for mode, ts in times.items()}
                for mode in MODES:
                    figures.append((f"announce: Enter -> card painted, {NOTES} notes, {words}, "
                                    f"announcer {mode}, min", low[mode], "ms"))
                    figures.append((f"announce: Enter -> card painted, {NOTES} notes, {words}, "
                                    f"announcer {mode}, median", mid[mode], "ms"))
                floor = statistics.median([mid["stub"], mid["stub again"]])
                figures.append((f"announce: {words}, real vs stubbed announcer, median "
                                f"(aim <= {AIM}x or within the noise)", mid["real"] / floor, "x"))
                figures.append((f"announce: {words}, real vs stubbed announcer, min",
                                low["real"] / min(low["stub"], low["stub again"]), "x"))
                figures.append((f"announce: {words}, noise: stub vs stub again, median",
                                mid["stub again"] / mid["stub"], "x"))
                call = _one_call(window, active)
                figures.append((f"announce: {words}, one announce() call", call * 1e6, "us"))
                figures.append((f"announce: {words}, one announce() call as a share of "
                                "Enter -> card painted (median)",
                                100 * call * 1000 / floor, "%"))
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            library.close()
    return figures


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
