"""Setting up programmes and workshops without the window: names, codes, plan columns."""

from __future__ import annotations

import pytest

from facilitator.models import Programme, ValidationError, Workshop, WorkshopStatus
from facilitator.planning import (
    apply_workshop_plan,
    find_programme,
    new_programme,
    new_workshop,
    plan_mapping,
    plan_workshops,
    title_key,
)
from facilitator.transfer.notes_table import NoteTable


def test_titles_differing_in_case_spacing_punctuation_and_accent_storage_are_one():
    assert title_key("Delivery Planning Workshops, 2015") == title_key(
        "  delivery planning workshops 2015!")
    assert title_key("Cafe\u0301 rounds") == title_key("Café rounds")
    assert title_key("Round 1") != title_key("Round 2")


def test_a_second_programme_with_the_same_title_is_refused_naming_the_first(store):
    new_programme(store, "Delivery Planning 2026", area="Rutland")
    with pytest.raises(ValidationError, match="'Delivery Planning 2026'"):
        new_programme(store, "delivery-planning 2026")
    with pytest.raises(ValidationError, match="needs a title"):
        new_programme(store, "   ")
    assert len(store.programmes()) == 1


def test_two_programmes_of_one_title_are_not_chosen_between(store):
    store.add_programme(Programme("Round 2026"))
    store.add_programme(Programme("round 2026"))  # made on two laptops, before this check
    with pytest.raises(Exception, match="2 programmes are titled"):
        find_programme(store, "Round 2026")


def test_new_workshop_takes_the_format_by_name_and_refuses_a_used_code(store):
    programme = new_programme(store, "P")
    made = new_workshop(store, programme, Workshop("", " W8 ", "Q", "Delivery planning (WHO / WHAT / HOW)",
                                                   date="4 March 2026"))
    assert (made.code, made.format_key, made.date) == ("W8", "delivery-planning", "2026-03-04")
    with pytest.raises(ValidationError, match="already has a workshop W8 'Q' \\(2026-03-04\\)"):
        new_workshop(store, programme, Workshop("", "w8", "Other", "delivery-planning"))
    with pytest.raises(ValidationError, match="asset-mapping \\(Asset mapping\\)"):
        new_workshop(store, programme, Workshop("", "W9", "Q", "nope"))


def test_plan_headers_are_matched_forgivingly():
    headers = ["Workshop Code", "Theme_Question", "Date of workshop", "New date (if postponed)",
               "VENUE:", "Notes for us", "Status"]
    mapping = plan_mapping(headers)
    assert mapping == {"code": 0, "theme_question": 1, "date": 2, "rescheduled_date": 3,
                       "venue": 4, "status": 6}


def table(rows, headers=("Code", "Question", "Status", "Reason")):
    return NoteTable(__import__("pathlib").Path("plan.csv"), list(headers),
                     [(n, list(r)) for n, r in enumerate(rows, start=2)])


def test_a_status_change_clears_a_reason_that_no_longer_applies(store):
    programme = new_programme(store, "P")
    store.add_workshop(Workshop(programme.id, "W3", "Families", "delivery-planning",
                                status=WorkshopStatus.POSTPONED, status_reason="Snow"))
    plan = plan_workshops(store, table([["W3", "", "held", ""]]), programme)
    apply_workshop_plan(store, plan)
    (w3,) = store.workshops(programme.id)
    assert (w3.status, w3.status_reason, w3.theme_question) == (WorkshopStatus.HELD, "",
                                                                "Families")
    assert plan.describe() == "0 created, 1 updated, 0 unchanged"


def test_a_plan_row_w_2_is_the_workshop_w2(store):
    programme = new_programme(store, "P")
    store.add_workshop(Workshop(programme.id, "W2", "Older people", "delivery-planning"))
    plan = plan_workshops(store, table([["w 2", "Older people, again", "", ""]]), programme)
    assert (len(plan.created), len(plan.updated)) == (0, 1)
    apply_workshop_plan(store, plan)
    assert [w.theme_question for w in store.workshops(programme.id)] == ["Older people, again"]
