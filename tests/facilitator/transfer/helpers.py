"""Small libraries and workshop files for the transfer tests."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from facilitator.demo import load_demo
from facilitator.library import open_library
from facilitator.models import Attendance, Note, Programme, Theme, Workshop
from facilitator.store.transfer_merge import content_snapshot
from facilitator.transfer import export_workshops, import_workshop_files


def new_library(builtin_formats):
    return open_library(None, builtin_formats)


def demo_library(builtin_formats):
    lib = new_library(builtin_formats)
    programme = load_demo(lib.store)
    return lib, programme


def small_library(builtin_formats, notes=3):
    lib = new_library(builtin_formats)
    store = lib.store
    programme = store.add_programme(Programme("Rutland 2026", area="Rutland"))
    w1 = store.add_workshop(Workshop(programme.id, "W1", "Older people?", "delivery-planning"))
    theme = store.add_theme(Theme(programme.id, "who", "Living alone"))
    store.add_notes([Note(w1.id, "who", f"Note {i}", theme_id=theme.id) for i in range(notes)])
    store.set_attendance(Attendance(w1.id, {"residents": 12}))
    return lib, programme, w1


def export_all(lib, path):
    ids = [w.id for w in lib.store.workshops(include_deleted=True)]
    return export_workshops(lib.store, ids, path).path


def carry(source, target, path: Path) -> list:
    """Every workshop of ``source`` exported to ``path`` and imported into ``target`` (backups
    beside the file), as a file carried from one laptop to another: the import's summaries."""
    return import_workshop_files(target.store, [export_all(source, path)], backup_dir=path.parent)


def office_and_laptop(builtin_formats, folder: Path):
    """A ``small_library`` (the office) and a new library that has imported its workshops (a
    laptop): ``(office, laptop, programme, workshop)``."""
    office, programme, w1 = small_library(builtin_formats)
    laptop = new_library(builtin_formats)
    carry(office, laptop, folder / "o.workshop")
    return office, laptop, programme, w1


def small_library_file(builtin_formats, folder: Path) -> Path:
    """``folder``/good.workshop: every workshop of a ``small_library`` (closed again), a good
    file to import or to tamper with."""
    lib, _, _ = small_library(builtin_formats)
    try:
        return export_all(lib, folder / "good.workshop")
    finally:
        lib.close()


def workshop_codes(path: Path) -> list[str]:
    """The codes of the workshops a workshop file holds, sorted (read as any SQLite file)."""
    conn = sqlite3.connect(str(path))
    try:
        return sorted(r[0] for r in conn.execute("SELECT code FROM workshops"))
    finally:
        conn.close()


def snapshot(lib):
    return content_snapshot(lib.store)


def without_undo_marks(store, snap: dict, tables) -> dict:
    """``snap`` (table -> sorted rows of ``store``) but for what undoing a merge changes on
    purpose, so that the undo travels to other laptops (``merge_record.undone``): the edit
    times of ``tables``' rows (those it may date anew), its "merge undone" markers (redirects
    with ``deleted = 1``), and attendance counts of 0 (the same as none)."""
    from facilitator.store.transfer_file import table_columns

    for table in tables:
        names = [c.name for c in table_columns(table) if c.name != "updated_at"]
        rows = store.conn.execute(
            f"SELECT {', '.join(names)} FROM {table}"
            + (" WHERE count != 0" if table == "attendance" else "")).fetchall()
        snap[table] = sorted(rows, key=repr)
    snap["merged_records"] = sorted(store.conn.execute(
        "SELECT * FROM merged_records WHERE deleted = 0").fetchall(), key=repr)
    return snap


def as_undone(store):
    """``content_snapshot`` ``without_undo_marks`` of every table a merge's undo may date."""
    return without_undo_marks(store, content_snapshot(store), (
        "programmes", "workshops", "themes", "attendance", "priorities", "actions", "assets",
        "asset_sources", "connections"))


def tampered_note(template: Path, folder: Path, column: str, value) -> Path:
    """A copy of the workshop file ``template`` in ``folder`` with its last note's ``column``
    set to ``value``, its check sum made good again (so the note's own checks must see it)."""
    from tests.hostile import reseal

    path = folder / "tampered.workshop"
    shutil.copy(template, path)
    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute(f"UPDATE notes SET {column} = ? WHERE rowid = (SELECT max(rowid) FROM "
                     "notes)", [value])
    conn.close()
    reseal(path)
    return path
