"""The compile list and the cross-workshop themes board (domain side)."""

from __future__ import annotations

from facilitator.models import Note, Theme, WorkshopStatus
from facilitator.reports.gather import build_report, select_workshops
from facilitator.transfer import import_workshop_files
from facilitator.transfer.compile import (
    compile_rows,
    facilitator_names,
    filter_rows,
    step_choices,
    themes_board,
)
from tests.facilitator.transfer.helpers import demo_library, export_all, new_library


def test_compile_rows_show_the_source_file_and_filter(builtin_formats, awkward_dir):
    laptop, programme = demo_library(builtin_formats)
    w2 = next(w for w in laptop.store.workshops() if w.code == "W2")
    w2.facilitators = "Ann Smith and Raj Patel"
    w2.district = "Melton"
    laptop.store.update_workshop(w2)
    office = new_library(builtin_formats)
    path = export_all(laptop, awkward_dir / "Ann's laptop.workshop")
    import_workshop_files(office.store, [path], backup_dir=awkward_dir)
    rows = compile_rows(office.store)
    assert [r.workshop.code for r in rows] == ["W1", "W2", "W3", "W4", "W5", "W6", "W7"]
    assert {r.source_name for r in rows} == {"Ann's laptop.workshop"}
    assert all(r.imported_at for r in rows)
    assert [r.workshop.code for r in filter_rows(rows, facilitator="raj patel")] == ["W2"]
    assert [r.workshop.code for r in filter_rows(rows, district="MELTON")] == ["W2"]
    postponed = filter_rows(rows, status=WorkshopStatus.POSTPONED.value)
    assert [r.workshop.code for r in postponed] == ["W3"]
    assert len(filter_rows(rows, programme_id=programme.id)) == 7
    assert filter_rows(rows, programme_id="other") == []


def test_facilitator_names():
    assert facilitator_names("Ann, Raj & Jo; Sam") == ["Ann", "Raj", "Jo", "Sam"]


def test_themes_board_across_workshops(builtin_formats):
    lib, programme = demo_library(builtin_formats)
    store = lib.store
    board = themes_board(store, programme.id, "who")
    codes = {w.code for w in board.workshops}
    assert "W7" not in codes  # the income workshop has no WHO step
    assert board.columns[0].theme is None
    total = sum(len(c.notes) for c in board.columns)
    assert total == len(store.notes(step_key="who"))
    w1, w2 = board.workshops[:2]
    theme = store.add_theme(Theme(programme.id, "who", "Carers"))
    a = store.add_note(Note(w1.id, "who", "Young carers", theme_id=theme.id))
    store.add_note(Note(w2.id, "who", "Older carers", theme_id=theme.id))
    board = themes_board(store, programme.id, "who")
    column = next(c for c in board.columns if c.theme and c.theme.id == theme.id)
    assert len(column.notes) == 2
    assert board.raised_at(column) == "raised at 2 of 5 workshops"  # W3 was postponed
    assert board.code(a.workshop_id) == w1.code
    assert ("who", "WHO") in step_choices(store, programme.id)


def test_the_board_counts_workshops_as_the_report_does(builtin_formats):
    """The demo's W3 was postponed: the board says "of 5 workshops", like the report."""
    lib, programme = demo_library(builtin_formats)
    store = lib.store
    report = build_report(store, programme, select_workshops(store, programme, None))
    [who] = [s for s in report.sections if s.step_key == "who"]
    captions = [theme.caption for group in who.groups for theme in group.themes]
    board = themes_board(store, programme.id, "who")
    assert "W3" in {w.code for w in board.workshops}
    assert len(board.columns) > 2
    for column in board.columns[1:]:
        words = board.raised_at(column)
        assert any(caption.startswith(words) for caption in captions), (words, captions)
