"""Which workshops a report covers, and a single workshop's own summary."""

from __future__ import annotations

import docx
import pytest

from facilitator.reports.gather import build_report, select_workshops
from facilitator.store import LibraryError
from tests.facilitator.reports.conftest import (
    add_notes,
    add_theme,
    headings,
    read_blocks,
    set_attendance,
    small_programme,
    workshop,
)


def test_postponed_workshops_are_left_out_unless_chosen(store):
    programme = small_programme(store)
    default = build_report(store, programme)
    assert [p.code for p in default.sections[1].pages] == ["W1", "W2", "W3"]
    assert [(w.code, w.included) for w in default.workshops] == [
        ("W1", True), ("W2", True), ("W3", True), ("W4", False), ("W5", True),
    ]
    chosen = select_workshops(store, programme, ["w4", "W1"])
    assert [w.code for w in chosen] == ["W1", "W4"]  # programme order, any case
    report = build_report(store, programme, chosen)
    assert [p.code for p in report.sections[1].pages] == ["W1", "W4"]
    assert report.sections[0].workshop_codes == ("W1", "W4")


def test_unknown_code_or_empty_selection_is_a_clear_error(store):
    programme = small_programme(store)
    with pytest.raises(LibraryError, match="W9"):
        select_workshops(store, programme, ["W9"])
    with pytest.raises(LibraryError, match="at least one workshop"):
        build_report(store, programme, [])


def test_workshops_sort_naturally(store):
    programme = small_programme(store)
    from facilitator.models import Workshop

    store.add_workshop(Workshop(programme.id, "W10", "Ten?", "delivery-planning"))
    report = build_report(store, programme)
    assert [w.code for w in report.workshops] == ["W1", "W2", "W3", "W4", "W5", "W10"]


def test_single_workshop_summary(store, export):
    programme = small_programme(store)
    theme = add_theme(store, programme, "who", "Carers")
    add_notes(store, programme, "W2", "who", "Young carers", "Older carers", theme=theme)
    add_notes(store, programme, "W2", "what", "Lunch club")
    add_notes(store, programme, "W2", "how", "Small grants", tags=["getting-started"])
    add_notes(store, programme, "W1", "who", "Not in W2's summary")
    set_attendance(store, programme, "W2", residents=12, council_officers=2)
    path = export(store, programme, [workshop(store, programme, "W2")])
    blocks = read_blocks(path)
    texts = [b.text for b in blocks]
    assert texts[1:5] == [
        "Workshop summary: W2", "Test Council", "W2: Question of W2?", "Held: 12 January 2015, Hall W2",
    ]
    assert headings(blocks, 1) == [
        "Introduction",
        "WHO within Rutland communities most needs help and support?",
        "WHAT could communities possibly do...?",
        "HOW can we 'Unlock Community Capacity' to tackle this issue?",
        "Appendix: attendance by participant category",
    ]
    assert "Carers — 2 notes" in texts  # no "raised at 1 of 1 workshops"
    assert "Lunch club" in texts and "Small grants" in texts
    assert "Not in W2's summary" not in texts
    assert not any(b.page_break_before for b in blocks)  # short: no page per step
    document = docx.Document(str(path))
    attendance = [[c.text for c in r.cells] for r in document.tables[-1].rows]
    assert attendance == [
        ["Participant category", "People"],
        ["Council officers", "2"],
        ["Residents", "12"],
        ["Total", "14"],
    ]
    assert len(document.tables[0].rows) == 2  # only W2 in the introduction


def test_single_income_workshop_summary_uses_its_own_steps(store, export):
    programme = small_programme(store)
    add_notes(store, programme, "W5", "ideas", "Crowd-fund the play area")
    blocks = read_blocks(export(store, programme, [workshop(store, programme, "W5")]))
    assert headings(blocks, 1) == [
        "Introduction",
        "What did we learn from the presentations?",
        "How could communities generate income for community projects?",
        "Appendix: attendance by participant category",
    ]
    assert "No notes were recorded." in [b.text for b in blocks]
