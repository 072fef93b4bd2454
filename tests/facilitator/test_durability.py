"""A note reported saved survives ``kill -9``: the write is on disk when the method returns."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from facilitator.library import open_library

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from pathlib import Path
    from facilitator.library import open_library
    from facilitator.models import Note, Programme, Workshop

    library = open_library(Path(sys.argv[1]))
    store = library.store
    programme = store.add_programme(Programme("Durability"))
    workshop = store.add_workshop(Workshop(programme.id, "W1", "Q", "delivery-planning"))
    print("workshop", workshop.id, flush=True)
    i = 0
    while True:
        note = store.add_note(Note(workshop.id, "who", f"note {i} ✓"))
        print("saved", note.id, flush=True)
        i += 1
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_note_reported_saved_survives_kill_9(library_path, seed):
    stop_after = random.Random(seed).randint(5, 150)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(library_path), str(ROOT)],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    saved: list[str] = []
    workshop_id = None
    try:
        for line in child.stdout:
            kind, _, value = line.strip().partition(" ")
            if kind == "workshop":
                workshop_id = value
            elif kind == "saved":
                saved.append(value)
                if len(saved) >= stop_after:
                    break
        os.kill(child.pid, signal.SIGKILL)
        # Anything it managed to print before dying was also reported saved.
        rest = child.stdout.read()
        saved.extend(v for k, _, v in (ln.partition(" ") for ln in rest.splitlines()) if k == "saved")
    finally:
        child.kill()
        child.wait()
    assert workshop_id and len(saved) >= stop_after
    library = open_library(library_path)
    on_disk = {n.id for n in library.store.notes(workshop_id)}
    library.close()
    missing = [i for i in saved if i not in on_disk]
    assert not missing, f"{len(missing)} notes reported saved were lost"
