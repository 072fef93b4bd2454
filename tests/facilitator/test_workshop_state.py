"""Where a workshop was left (migration 0007_workshop_state) is kept in the library and
survives reopening it, and stays local: a workshop file never carries it."""

from __future__ import annotations

import sqlite3

from facilitator.library import open_library
from facilitator.models import Programme, Workshop, WorkshopState
from facilitator.transfer import export_workshops


def test_kept_in_the_library_file_and_read_back(tmp_path, builtin_formats):
    path = tmp_path / "Library é.wfdb"
    library = open_library(path, builtin_formats)
    store = library.store
    programme = store.add_programme(Programme("Round"))
    workshop = store.add_workshop(Workshop(programme.id, "W1", "Q?", "delivery-planning"))
    assert store.workshop_state(workshop.id) == WorkshopState(workshop.id)
    store.save_workshop_state(WorkshopState(workshop.id, "how", "half a no", "how", "Table 2",
                                            {"how": (1800.0, 754.5)}, True))
    library.close()
    again = open_library(path, builtin_formats, create=False)
    assert again.store.workshop_state(workshop.id) == WorkshopState(
        workshop.id, "how", "half a no", "how", "Table 2", {"how": (1800.0, 754.5)}, True)
    assert again.store.open_workshop_ids() == [workshop.id]
    # A damaged timers value is forgotten, not a reason the workshop cannot open.
    again.store.conn.execute("UPDATE workshop_state SET timers = 'not json'")
    assert again.store.workshop_state(workshop.id).timers == {}
    again.close()


def test_it_never_travels_in_a_workshop_file(tmp_path, builtin_formats):
    library = open_library(tmp_path / "a.wfdb", builtin_formats)
    store = library.store
    programme = store.add_programme(Programme("Round"))
    workshop = store.add_workshop(Workshop(programme.id, "W1", "Q?", "delivery-planning"))
    store.save_workshop_state(WorkshopState(workshop.id, draft="private half-typed note"))
    target = tmp_path / "W1.workshop"
    export_workshops(store, [workshop.id], target)
    library.close()
    with sqlite3.connect(target) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "workshop_state" not in tables
    assert b"private half-typed note" not in target.read_bytes()
