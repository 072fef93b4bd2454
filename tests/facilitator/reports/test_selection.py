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
        ("W1", True), ("W2", True), ("W3", True), ("W4", False), ("W5", False),
    ]  # W4 postponed; W5 still planned with no notes, so not (yet) held
    chosen = select_workshops(store, programme, ["w4", "W1"])
    assert [w.code for w in chosen] == ["W1", "W4"]  # programme order, any case
    report = build_report(store, programme, chosen)
    # Chosen explicitly, the postponed W4 is listed with its status but not counted.
    assert [p.code for p in report.sections[1].pages] == ["W1"]
    assert report.sections[0].workshop_codes == ("W1",)
    assert [(w.code, w.attendance, w.included) for w in report.workshops] == [
        ("W1", "Not recorded", True), ("W4", "Postponed", False),
    ]
    assert (
        "W4 is postponed: it is listed with its status and not counted in the results."
        in report.warnings
    )


def test_raised_at_counts_held_workshops_only(store, export):
    """--workshops W1,W2,W4 with W4 postponed: "raised at 2 of 2", never "of 3"."""
    programme = small_programme(store)
    theme = add_theme(store, programme, "who", "Carers")
    add_notes(store, programme, "W1", "who", "Young carers", theme=theme)
    add_notes(store, programme, "W2", "who", "Older carers", theme=theme)
    chosen = select_workshops(store, programme, ["W1", "W2", "W4"])
    report = build_report(store, programme, chosen)
    who = report.sections[0]
    assert who.groups[0].themes[0].caption == "raised at 2 of 2 workshops (W1, W2) · 2 notes"
    texts = [b.text for b in read_blocks(export(store, programme, chosen))]
    assert "Aggregated across 2 workshops: W1, W2." in texts
    assert "W4 (postponed): Snow." in texts


def test_a_single_workshop_not_held_says_so(store, export):
    programme = small_programme(store)
    texts = [b.text for b in read_blocks(export(store, programme, [workshop(store, programme, "W4")]))]
    assert texts[1] == "Workshop summary: W4 (not held: postponed)"
    assert texts[3] == "W4: Question of W4? (not held: postponed)"
    assert texts[4] == "Planned for: 14 January 2015, Hall W4. Postponed: Snow."
    assert not any(t.startswith("Held:") for t in texts)


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
        "1) WHO within Rutland communities most needs help and support?",
        "2) WHAT could communities possibly do...?",
        "3) HOW can we 'Unlock Community Capacity' to tackle this issue?",
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
        "1) What did we learn from the presentations?",
        "2) How could communities generate income for community projects?",
        "Appendix: attendance by participant category",
    ]
    assert "No notes were recorded." in [b.text for b in blocks]


def test_deleted_workshops_are_left_out(store):
    programme = small_programme(store)
    add_notes(store, programme, "W2", "who", "From a workshop deleted since")
    store.set_workshop_deleted(workshop(store, programme, "W2").id)
    report = build_report(store, programme)
    assert [w.code for w in report.workshops] == ["W1", "W3", "W4", "W5"]
    assert "W2" not in report.counted_codes
