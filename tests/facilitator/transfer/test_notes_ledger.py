"""Repeated notes are kept; the import ledger makes importing a table again a no-op, and an
edited copy of it adds only its new rows. The column choice for a layout is remembered."""

from __future__ import annotations

import sqlite3

from openpyxl import Workbook

from facilitator.library import open_library
from facilitator.models import Note
from facilitator.transfer.notes_columns import auto_mapping
from facilitator.transfer.notes_import import (
    apply_notes_import,
    columns_for,
    import_notes_file,
    plan_notes_import,
)
from facilitator.transfer.notes_table import read_table
from tests.facilitator.transfer.helpers import demo_library, export_all
from tests.facilitator.transfer.test_notes_import import write_csv

ROWS = [
    ["W2", "who", "Carers", "", "", ""],
    ["W2", "who", "Carers", "", "", ""],
    ["W2", "what", "Lunch club", "", "", ""],
]


def texts(store, code="W2"):
    (workshop,) = [w for w in store.workshops() if w.code == code]
    return sorted(n.text for n in store.notes(workshop.id))


def test_the_same_text_twice_in_one_table_is_two_notes(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    before = texts(lib.store)
    plan = import_notes_file(lib.store, write_csv(awkward_dir / "wall é.csv", ROWS))
    assert plan.imported == 3 and plan.duplicates == 0 and plan.already == 0
    assert sorted(texts(lib.store)) == sorted([*before, "Carers", "Carers", "Lunch club"])


def test_a_note_with_the_same_text_as_one_typed_in_the_window_is_still_added(
        builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    (w2,) = [w for w in lib.store.workshops() if w.code == "W2"]
    lib.store.add_note(Note(w2.id, "who", "Carers"))
    lib.store.add_note(Note(w2.id, "who", "Carers"))  # typed twice: two notes
    plan = import_notes_file(lib.store, write_csv(awkward_dir / "wall.csv", ROWS[:1]))
    assert plan.imported == 1
    assert texts(lib.store).count("Carers") == 3


def test_the_same_table_again_adds_nothing_and_says_when(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    path = write_csv(awkward_dir / "wall.csv", ROWS)
    import_notes_file(lib.store, path)
    after = texts(lib.store)
    again = import_notes_file(lib.store, path)
    assert again.imported == 0 and again.already == 3
    assert again.all_imported_before
    assert again.describe().startswith("wall.csv: already imported on ")
    assert "nothing new to import" in again.describe()
    assert texts(lib.store) == after
    # the same table under another name, or saved again with another encoding, is the same
    copy = write_csv(awkward_dir / "copy of wall.csv", ROWS, encoding="utf-8")
    assert import_notes_file(lib.store, copy).all_imported_before


def test_an_edited_table_with_rows_added_imports_only_those(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    path = write_csv(awkward_dir / "wall.csv", ROWS)
    import_notes_file(lib.store, path)
    after = texts(lib.store)
    edited = [
        ["W2", "who", "Young carers", "", "", ""],  # a new row on top moves every row down
        *ROWS,
        ["W2", "who", "Carers", "", "", ""],  # a third "Carers" is a third note
        ["W2", "how", "Befriending", "", "", ""],
    ]
    plan = import_notes_file(lib.store, write_csv(awkward_dir / "wall.csv", edited))
    assert plan.imported == 3 and plan.already == 3
    assert "3 rows already imported from an earlier version of this table (wall.csv, " \
        in plan.describe()
    assert texts(lib.store) == sorted([*after, "Young carers", "Carers", "Befriending"])


def test_another_table_sharing_a_line_is_not_an_earlier_version(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    import_notes_file(lib.store, write_csv(awkward_dir / "ann.csv", [
        ["W2", "who", "Carers", "", "", ""], *[["W2", "what", f"Idea {i}", "", "", ""]
                                               for i in range(5)]]))
    plan = import_notes_file(lib.store, write_csv(awkward_dir / "raj.csv", [
        ["W2", "who", "Carers", "", "", ""], ["W2", "who", "Isolated men", "", "", ""]]))
    assert plan.imported == 2 and plan.already == 0
    assert texts(lib.store).count("Carers") == 2


def test_rows_that_failed_before_come_in_once_they_can(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    path = write_csv(awkward_dir / "wall.csv", [*ROWS, ["W9", "who", "New workshop", "", "", ""]])
    first = import_notes_file(lib.store, path, valid_only=True)
    assert first.imported == 3 and len(first.problems) == 1
    from facilitator.models import Workshop

    programme = lib.store.programmes()[0]
    lib.store.add_workshop(Workshop(programme.id, "W9", "Q", "delivery-planning"))
    second = import_notes_file(lib.store, path)
    assert second.imported == 1 and second.already == 3
    assert "3 rows already imported on " in second.describe()
    assert texts(lib.store, "W9") == ["New workshop"]


def test_a_deleted_imported_note_does_not_come_back(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    path = write_csv(awkward_dir / "wall.csv", ROWS)
    plan = import_notes_file(lib.store, path)
    lib.store.set_notes_deleted([plan.notes[2].id])
    assert import_notes_file(lib.store, path).imported == 0
    assert "Lunch club" not in texts(lib.store)


def test_forgetting_the_rows_lets_the_table_in_again(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    path = write_csv(awkward_dir / "wall.csv", ROWS)
    plan = import_notes_file(lib.store, path)
    lib.store.set_notes_deleted([n.id for n in plan.notes])
    lib.store.forget_imports([n.id for n in plan.notes])  # what undoing the import does
    assert import_notes_file(lib.store, path).imported == 3


def test_the_ledger_survives_reopening_and_stays_out_of_workshop_files(
        builtin_formats, awkward_dir):
    library = awkward_dir / "lib é.wfdb"
    lib = open_library(library, builtin_formats)
    from facilitator.demo import load_demo

    load_demo(lib.store)
    path = write_csv(awkward_dir / "wall.csv", ROWS)
    import_notes_file(lib.store, path)
    out = export_all(lib, awkward_dir / "out é.workshop")
    lib.close()
    conn = sqlite3.connect(out)
    try:
        assert conn.execute("SELECT count(*) FROM import_ledger").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM import_layouts").fetchone()[0] == 0
    finally:
        conn.close()
    lib = open_library(library, builtin_formats)
    try:
        assert import_notes_file(lib.store, path).all_imported_before
    finally:
        lib.close()


def test_headers_that_name_the_text_the_usual_ways():
    for header in ("Text", "NOTES", "comment", "Comments", "Response", "idea", "Ideas",
                   "Participant comments", "Response text", "What's the idea?", "Sticky_note"):
        assert auto_mapping(["Workshop", "Step", header])["text"] == 2, header
    assert auto_mapping(["Workshop", "Step", "Venue"])["text"] is None
    # an exact name wins over a header that only contains one
    assert auto_mapping(["Workshop", "Step", "Comments from table", "Note"])["text"] == 3


def test_the_columns_chosen_for_a_layout_are_remembered(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    book = Workbook()
    sheet = book.active
    sheet.append(["Session", "Stage", "What people wrote"])
    sheet.append(["W4", "who", "Young carers"])
    path = awkward_dir / "wall photo.xlsx"
    book.save(path)
    table = read_table(path)
    mapping, remembered = columns_for(lib.store, table)
    assert not remembered and mapping["workshop"] is None
    mapping, _ = columns_for(lib.store, table, {"workshop": 0, "text": 2})
    apply_notes_import(lib.store, plan_notes_import(lib.store, table, mapping))
    # next week's sheet: same headers (any case and spacing), other rows
    book = Workbook()
    sheet = book.active
    sheet.append(["SESSION", "stage", "What  people wrote"])
    sheet.append(["W4", "what", "Homework club"])
    other = awkward_dir / "next week.xlsx"
    book.save(other)
    mapping, remembered = columns_for(lib.store, read_table(other))
    assert remembered and (mapping["workshop"], mapping["step"], mapping["text"]) == (0, 1, 2)
    assert import_notes_file(lib.store, other).imported == 1
