"""The notes as an Excel workbook, read back with openpyxl; and the CSV's control characters."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from facilitator.library import open_library
from facilitator.reports.csv_export import export_notes_csv
from facilitator.reports.xlsx_export import NOTES_HEADER, export_notes_xlsx
from facilitator.transfer.notes_import import import_notes_file
from tests.facilitator.reports.conftest import (
    TITLE,
    add_notes,
    add_theme,
    cli_main,
    small_programme,
)

FORMULAS = ["=SUM(A1:A3)", "+44 7700 900123", "-minus", "@mention", "=HYPERLINK(\"http://x\")"]


def test_notes_sheet_with_header_filters_frozen_panes_and_text_cells(store, tmp_path):
    programme = small_programme(store)
    theme = add_theme(store, programme, "who", "Carers")
    add_notes(store, programme, "W1", "who", "Young carers", theme=theme)
    add_notes(store, programme, "W2", "how", *FORMULAS, tags=["getting-started"])
    add_notes(store, programme, "W2", "what", "Line one\nLine two", "Café 😀 naïve")
    target = tmp_path / "notes.xlsx"
    assert export_notes_xlsx(store, programme, target) == 1 + len(FORMULAS) + 2
    book = openpyxl.load_workbook(target)
    sheet = book["Notes"]
    assert [c.value for c in sheet[1]] == list(NOTES_HEADER)
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:L")
    assert sheet.column_dimensions["H"].width >= 40
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][:8] == ["Test programme", "W1", "11 January 2015", "Hall W1", "Question of W1?",
                           "who", "WHO within Rutland communities most needs help and support?",
                           "Young carers"]
    assert rows[0][8] == "Carers"
    notes = [r[7] for r in rows]
    for text in [*FORMULAS, "Line one\nLine two", "Café 😀 naïve"]:
        assert text in notes  # byte for byte, no apostrophe added
    for row in sheet.iter_rows(min_row=2):
        assert row[7].data_type == "s"  # stored as text: never a formula
    formula_row = next(r for r in sheet.iter_rows(min_row=2) if r[7].value == "=SUM(A1:A3)")
    assert formula_row[7].quotePrefix  # stays text when edited, no visible apostrophe
    assert formula_row[9].value == "Support to get started"


def test_a_sheet_per_summary_table_with_numbers(demo, tmp_path):
    store, programme = demo
    target = tmp_path / "demo.xlsx"
    export_notes_xlsx(store, programme, target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "Notes", "Attendance", "Notes captured", "Top WHO themes", "Top HOW themes",
        "HOW ideas by support area", "Action plan",
    ]
    attendance = [[c.value for c in r] for r in book["Attendance"].iter_rows()]
    assert attendance[-1] == ["Total", 213]
    top = [[c.value for c in r] for r in book["Top WHO themes"].iter_rows()]
    assert top[1] == ["Older people living alone or isolated", "3 of 5 (W1, W2, W5)", 5]
    for name in book.sheetnames:
        assert book[name].freeze_panes == "A2"


def test_control_characters_are_dropped_from_the_cells_only(store, tmp_path):
    programme = small_programme(store)
    bad = "NUL\x00 bell\x07 vertical tab\x0b ok\ttab"
    [note] = add_notes(store, programme, "W1", "who", bad)
    export_notes_xlsx(store, programme, tmp_path / "n.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "n.xlsx")["Notes"]
    assert sheet["H2"].value == "NUL bell vertical tab ok\ttab"
    export_notes_csv(store, programme, tmp_path / "n.csv")
    text = (tmp_path / "n.csv").read_bytes().decode("utf-8-sig")
    assert not any(ch in text for ch in "\x00\x07\x0b")
    row = list(csv.reader(io.StringIO(text, newline="")))[1]
    assert row[4] == "NUL bell vertical tab ok\ttab"
    assert store.get_note(note.id).text == bad  # the library keeps it exactly


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_app_reads_its_own_exports_back(store, tmp_path, builtin_formats, suffix):
    programme = small_programme(store)
    texts = ["NUL\x00 in a note", "=SUM(A1)", "Line one\nLine two", "Café 😀", "'quoted"]
    add_notes(store, programme, "W1", "who", *texts)
    add_notes(store, programme, "W2", "how", "Small grants", tags=["getting-started"])
    target = tmp_path / f"notes.{suffix}"
    (export_notes_csv if suffix == "csv" else export_notes_xlsx)(store, programme, target)
    other = open_library(None, builtin_formats)
    try:
        fresh = small_programme(other.store)
        plan = import_notes_file(other.store, target, programme=fresh)
        assert not plan.problems, plan.problems
        got = sorted((n.step_key, n.text, tuple(n.tags)) for n in other.store.notes(
            workshop_ids=[w.id for w in other.store.workshops(fresh.id)]))
        expected = sorted([("who", "NUL in a note", ())] + [("who", t, ()) for t in texts[1:]]
                          + [("how", "Small grants", ("getting-started",))])
        assert got == expected
    finally:
        other.close()


def test_export_xlsx_command(demo_library, tmp_path, capsys):
    target = tmp_path / "Notes é.xlsx"
    assert cli_main("export-xlsx", "--library", demo_library, "--programme", TITLE, "--out", target) == 0
    assert "96 notes" in capsys.readouterr().out
    assert openpyxl.load_workbook(target)["Notes"].max_row == 97
