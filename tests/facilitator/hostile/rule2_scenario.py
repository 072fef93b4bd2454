"""The scenario of issue 12, rule 2: an office library that took in a laptop's workshops W1
and W2 (and has its own W3), and a workshop file "for W1" from that laptop; plus what "the
other workshops are unchanged" means, table by table."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from facilitator.library import Library, open_library
from facilitator.models import Attendance, Note, Programme, Theme, Workshop
from facilitator.store import connection
from facilitator.store.transfer_schema import table_columns
from facilitator.transfer import export_workshops, import_workshop_files


@dataclass
class Scenario:
    office_path: Path
    file: Path
    #: Ids in the office a hostile file might reuse: W2's and W3's notes, the workshops,
    #: the programme, the themes.
    ids: dict[str, list[str]]


def build(builtin_formats, folder: Path) -> Scenario:
    laptop = open_library(None, builtin_formats)
    store = laptop.store
    programme = store.add_programme(Programme("Rutland 2026", area="Rutland"))
    theme = store.add_theme(Theme(programme.id, "who", "Living alone"))
    w1 = store.add_workshop(Workshop(programme.id, "W1", "Older people?", "delivery-planning"))
    w2 = store.add_workshop(Workshop(programme.id, "W2", "Young people?", "delivery-planning"))
    store.add_notes([Note(w1.id, "who", f"W1 note {i}", theme_id=theme.id) for i in range(3)])
    store.add_notes([Note(w2.id, step, f"W2 {step} note {i}")
                     for i in range(3) for step in ("who", "how")])
    store.set_attendance(Attendance(w1.id, {"residents": 12}))
    store.set_attendance(Attendance(w2.id, {"residents": 7}))
    both = export_workshops(store, [w1.id, w2.id], folder / "both.workshop").path
    office_path = folder / "office.wfdb"
    office = open_library(office_path, builtin_formats)
    [summary] = import_workshop_files(office.store, [both], backup_dir=folder / "bk")
    assert summary.ok, summary.error
    own = office.store.add_programme(Programme("Office's own", area="Oakham"))
    w3 = office.store.add_workshop(Workshop(own.id, "W3", "Carers?", "delivery-planning"))
    office.store.add_notes([Note(w3.id, "how", f"W3 note {i}") for i in range(2)])
    ids = {
        "notes": [n.id for w in (w2, w3) for n in office.store.notes(w.id)],
        "workshops": [w1.id, w2.id, w3.id],
        "programmes": [programme.id, own.id],
        "themes": [theme.id],
    }
    office.close()
    # The laptop goes on with W1 and sends only W1.
    store.add_notes([Note(w1.id, "who", "W1 note added later")])
    path = export_workshops(store, [w1.id], folder / "W1 from Ann.workshop").path
    laptop.close()
    return Scenario(office_path, path, ids)


def open_copy(scenario: Scenario, folder: Path, name: str = "copy.wfdb") -> Library:
    target = folder / name
    shutil.copy(scenario.office_path, target)
    return open_library(target, create=False)


def carried(path: Path) -> tuple[set[str], set[str]] | None:
    """The ids of the workshops a (possibly damaged) file carries and of their programmes,
    or None if it cannot be read."""
    try:
        uri = connection.sqlite_uri(Path(os.path.abspath(path)), mode="ro", immutable="1")
        conn = sqlite3.connect(uri, uri=True)
        try:
            conn.text_factory = lambda data: data.decode("utf-8", "replace")
            rows = conn.execute("SELECT id, programme_id FROM workshops").fetchall()
            return {r[0] for r in rows}, {r[1] for r in rows}
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError):  # a damaged schema's names
        return None


def others(lib: Library, own: set[str], own_programmes: set[str] | None = None
           ) -> dict[str, object]:
    """Everything that belongs to workshops outside ``own``: their rows, their notes,
    attendance, photos and votes, and the definition of the format each uses; and the
    programmes and themes none of ``own`` belong to."""
    db = lib.store.db
    out: dict[str, object] = {}

    def rows(table: str, where: str, params: list) -> list:
        names = ", ".join(c.name for c in table_columns(table))
        return sorted(db.execute(f"SELECT {names} FROM {table} WHERE {where}", params)
                      .fetchall(), key=repr)

    own_json = json.dumps(sorted(own))
    not_own = "NOT IN (SELECT value FROM json_each(?))"
    out["workshops"] = rows("workshops", f"id {not_own}", [own_json])
    for table in ("notes", "attendance", "photos", "votes"):
        out[table] = rows(table, f"workshop_id {not_own}", [own_json])
    out["formats used"] = sorted(db.execute(
        f"SELECT w.id, f.definition FROM workshops w JOIN formats f ON f.key = w.format_key "
        f"WHERE w.id {not_own}", [own_json]).fetchall())
    out["formats"] = dict(db.execute("SELECT key, definition FROM formats").fetchall())
    if own_programmes is None:
        own_programmes = {r[0] for r in db.execute(
            "SELECT programme_id FROM workshops WHERE id IN (SELECT value FROM json_each(?))",
            [own_json])}
    programmes_json = json.dumps(sorted(own_programmes))
    out["programmes"] = rows("programmes", f"id {not_own}", [programmes_json])
    out["themes"] = rows("themes", f"programme_id {not_own}", [programmes_json])
    # No record of theirs may be marked as removed for good.
    out["removed for good"] = sorted(db.execute(
        f"SELECT table_name, id FROM purged_records WHERE (table_name = 'workshops' AND id IN "
        f"(SELECT id FROM workshops WHERE id {not_own})) OR (table_name = 'programmes' AND id "
        f"IN (SELECT id FROM programmes WHERE id {not_own})) OR (table_name = 'themes' AND id IN "
        f"(SELECT id FROM themes WHERE programme_id {not_own}))",
        [own_json, programmes_json, programmes_json]).fetchall())
    return out


def assert_others_unchanged(before: dict, after: dict) -> None:
    """The other workshops' things are as they were; formats may only have been added."""
    for name, value in before.items():
        if name == "formats":
            for key, definition in value.items():
                assert after["formats"].get(key) == definition, f"format {key} changed"
        else:
            assert after[name] == value, f"{name} of other workshops changed"
