"""Importing notes typed up from paper or a wall photo, from CSV or Excel."""

from __future__ import annotations

import csv

import pytest
from openpyxl import Workbook

from facilitator.models import Note
from facilitator.reports.csv_export import export_notes_csv
from facilitator.transfer.notes_columns import auto_mapping
from facilitator.transfer.notes_import import import_notes_file, plan_notes_import
from facilitator.transfer.notes_table import NotesImportError, read_table
from tests.facilitator.transfer.helpers import demo_library, snapshot

HEADER = ["Workshop", "Step", "Note", "Support area", "Theme", "Table"]


def write_csv(path, rows, header=HEADER, encoding="utf-8-sig"):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def note_key(store, note):
    workshop = store.get_workshop(note.workshop_id)
    theme = store.get_theme(note.theme_id).label if note.theme_id else ""
    return (workshop.code, note.step_key, note.text, theme, tuple(note.tags), note.table_label,
            note.created_at)


def test_our_csv_export_round_trips(builtin_formats, awkward_dir):
    lib, programme = demo_library(builtin_formats)
    store = lib.store
    w1 = store.workshops(programme.id)[0]
    store.add_notes([
        Note(w1.id, "what", "=SUM(A1:A3) looks like a formula"),
        Note(w1.id, "what", "-5 degrees in the hall\nand a second line"),
        Note(w1.id, "how", "@mentions on the parish page", tags=["willingness"]),
        Note(w1.id, "who", "Emoji 🙂 and accents: café, Łódź"),
    ])
    workshops = store.workshops(programme.id)
    path = awkward_dir / "notes é.csv"
    export_notes_csv(store, programme, path, workshops)
    original = sorted(note_key(store, n) for n in store.notes(workshop_ids=[w.id for w in workshops]))
    # the same notes typed into a library that has the workshops but lost the notes
    store.set_notes_deleted([n.id for n in store.notes()])
    plan = import_notes_file(store, path)
    assert plan.problems == []
    assert plan.imported == len(original)
    assert sorted(note_key(store, n) for n in store.notes()) == original


def test_importing_our_export_into_the_same_library_adds_nothing(builtin_formats, awkward_dir):
    lib, programme = demo_library(builtin_formats)
    path = awkward_dir / "notes.csv"
    export_notes_csv(lib.store, programme, path, lib.store.workshops(programme.id))
    before = snapshot(lib)
    plan = import_notes_file(lib.store, path)
    assert plan.imported == 0 and plan.duplicates > 0 and plan.problems == []
    assert snapshot(lib) == before


def test_five_bad_rows_among_two_hundred_are_listed_with_their_lines(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    rows = [["W2", "who", f"Good note {i}", "", "", f"Table {i % 4}"] for i in range(200)]
    bad = {
        17: ["W9", "who", "Lost workshop", "", "", ""],
        42: ["W2", "why", "Odd step", "", "", ""],
        99: ["W2", "what", "   ", "", "", ""],
        150: ["W2", "how", "Grants", "Money from nowhere", "", ""],
        199: ["", "who", "No workshop code", "", "", ""],
    }
    for index, row in bad.items():
        rows[index] = row
    path = write_csv(awkward_dir / "typed up.csv", rows)
    before = snapshot(lib)
    plan = import_notes_file(lib.store, path)
    assert [p.line for p in plan.problems] == [index + 2 for index in sorted(bad)]
    reasons = [p.reason for p in plan.problems]
    assert "unknown workshop 'W9'" in reasons[0]
    assert "unknown step 'why'" in reasons[1]
    assert "empty note text" in reasons[2]
    assert "unknown support area 'Money from nowhere'" in reasons[3]
    assert "no workshop code" in reasons[4]
    assert plan.problem_lines()[0].startswith("Row 19: ")
    assert snapshot(lib) == before  # nothing written while rows fail
    plan = import_notes_file(lib.store, path, valid_only=True)
    assert plan.imported == 195
    w2 = next(w for w in lib.store.workshops() if w.code == "W2")
    assert sum(n.text.startswith("Good note") for n in lib.store.notes(w2.id)) == 195


def test_support_areas_by_label_or_key_and_new_themes(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    path = write_csv(awkward_dir / "how.csv", [
        ["w5", "HOW", "Tool library", "Support to get started", "Sharing kit", "A"],
        ["W5", "how", "Mentors", "keeping-going", "sharing kit", "B"],
    ])
    plan = import_notes_file(lib.store, path)
    assert plan.problems == [] and plan.imported == 2
    assert len(plan.new_themes) == 1
    notes = [n for n in lib.store.notes() if n.text in ("Tool library", "Mentors")]
    assert sorted(tuple(n.tags) for n in notes) == [("getting-started",), ("keeping-going",)]
    assert notes[0].theme_id == notes[1].theme_id
    assert lib.store.get_theme(notes[0].theme_id).label == "Sharing kit"


def test_excel_with_other_headers_uses_a_chosen_mapping(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    book = Workbook()
    sheet = book.active
    sheet.append(["Session", "Question", "What people wrote", "Where"])
    sheet.append(["W4", "who", "Young carers", 3])
    sheet.append(["W4", "what", "'=Homework club", 1])
    sheet.append([None, None, None, None])
    sheet.append(["W4", "when", "Wrong step", 2])
    path = awkward_dir / "wall photo.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.unit == "row"
    mapping = auto_mapping(table.headers)
    assert mapping["workshop"] is None
    with pytest.raises(NotesImportError, match="wall photo.xlsx"):
        plan_notes_import(lib.store, table, mapping)
    mapping.update(workshop=0, step=1, text=2, table=3)
    plan = plan_notes_import(lib.store, table, mapping)
    assert [(p.line, p.reason.split(" for")[0]) for p in plan.problems] == [
        (5, "unknown step 'when'")
    ]
    assert sorted((n.text, n.table_label) for n in plan.notes) == [
        ("=Homework club", "1"), ("Young carers", "3")
    ]


def test_semicolon_csv_in_windows_1252(builtin_formats, awkward_dir):
    lib, _ = demo_library(builtin_formats)
    path = awkward_dir / "excel.csv"
    path.write_bytes("Workshop;Step;Note\r\nW1;who;Caf\xe9 regulars; and friends\r\n"
                     .encode("cp1252"))
    table = read_table(path)
    assert table.headers == ["Workshop", "Step", "Note"]
    assert table.rows[0] == (2, ("W1", "who", "Café regulars", " and friends"))


def test_a_cell_with_line_breaks_is_one_row_as_in_excel(builtin_formats, awkward_dir):
    """Problems name the row a spreadsheet shows (issue 12, rule 8), not the text's line."""
    lib, _ = demo_library(builtin_formats)
    path = write_csv(awkward_dir / "multi.csv", [
        ["W1", "who", "First\nsecond\nthird line", "", "", ""],
        ["W1", "nope", "Bad step", "", "", ""],
    ])
    plan = plan_notes_import(lib.store, read_table(path))
    assert [p.line for p in plan.problems] == [3]


def test_a_binary_file_is_refused_naming_it(builtin_formats, awkward_dir):
    path = awkward_dir / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(NotesImportError, match="photo.csv"):
        read_table(path)
