"""Notes as CSV: one row per note, UTF-8 with BOM, formula injection neutralised."""

from __future__ import annotations

import csv

import pytest

from facilitator.reports.csv_export import HEADER, export_notes_csv, neutralise
from facilitator.reports.safe_write import ExportError
from tests.facilitator.reports.conftest import add_notes, add_theme, small_programme, workshop


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents right
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_one_row_per_note_with_its_context(store, awkward_dir):
    programme = small_programme(store)
    theme = add_theme(store, programme, "how", "Grants")
    [note] = add_notes(
        store, programme, "W2", "how", "Café grant 😀\nsecond line",
        theme=theme, tags=["getting-started", "keeping-going"],
    )
    add_notes(store, programme, "W1", "who", "Carers")
    add_notes(store, programme, "W4", "who", "Postponed: not exported by default")
    target = awkward_dir / "notes é.csv"
    assert export_notes_csv(store, programme, target) == 2
    rows = read_csv(target)
    assert rows[0] == list(HEADER)
    assert rows[1][:5] == [
        "Test programme", "W1", "who",
        "WHO within Rutland communities most needs help and support?", "Carers",
    ]
    assert rows[2] == [
        "Test programme", "W2", "how",
        "HOW can we 'Unlock Community Capacity' to tackle this issue?",
        "Café grant 😀\nsecond line", "Grants",
        "Support to get started; Support to keep going", "", note.created_at,
    ]


def test_selected_workshops_only(store, awkward_dir):
    programme = small_programme(store)
    add_notes(store, programme, "W1", "who", "one")
    add_notes(store, programme, "W4", "who", "four")
    target = awkward_dir / "n.csv"
    export_notes_csv(store, programme, target, [workshop(store, programme, "W4")])
    assert [r[4] for r in read_csv(target)[1:]] == ["four"]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+44 1234", "'+44 1234"),
        ("-2 degrees", "'-2 degrees"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("Plain = fine", "Plain = fine"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised(cell, safe):
    assert neutralise(cell) == safe


def test_injection_in_a_note_and_a_theme(store, awkward_dir):
    programme = small_programme(store)
    theme = add_theme(store, programme, "who", "=1+1")
    add_notes(store, programme, "W1", "who", "=cmd|' /C calc'!A0", theme=theme)
    target = awkward_dir / "n.csv"
    export_notes_csv(store, programme, target)
    row = read_csv(target)[1]
    assert row[4] == "'=cmd|' /C calc'!A0" and row[5] == "'=1+1"


def test_missing_folder(store, awkward_dir):
    programme = small_programme(store)
    target = awkward_dir / "nope" / "n.csv"
    with pytest.raises(ExportError, match="does not exist") as caught:
        export_notes_csv(store, programme, target)
    assert str(target) in str(caught.value)
