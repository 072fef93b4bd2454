"""The action plan's rules and store: priorities in order, actions from ideas, progress
updates (none in the future), and an action that outlives the notes it came from."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.action_plan import (
    PRIORITIES_2015,
    Action,
    ActionStatus,
    Priority,
    ProgressUpdate,
    action_from_idea,
    normalise_timescale,
    timescale_key,
)
from facilitator.library import open_library
from facilitator.models import Note, Programme, Theme, ValidationError, Workshop
from facilitator.store import action_plan as plan


@pytest.fixture
def store(builtin_formats):
    library = open_library(None, builtin_formats)
    yield library.store
    library.close()


def _setup(store):
    programme = store.add_programme(Programme("Rutland 2026"))
    w1 = store.add_workshop(Workshop(programme.id, "W1", "Older people?", "delivery-planning"))
    w2 = store.add_workshop(Workshop(programme.id, "W2", "Young people?", "delivery-planning"))
    theme = store.add_theme(Theme(programme.id, "how", "Transport"))
    notes = store.add_notes([Note(w1.id, "how", "Community minibus", theme_id=theme.id),
                             Note(w2.id, "how", "Volunteer drivers", theme_id=theme.id)])
    return programme, theme, notes


@pytest.mark.parametrize(("typed", "kept"), [
    ("q3 2015", "Q3 2015"), ("Q1/2016", "Q1 2016"), ("2016 q2", "Q2 2016"),
    ("30/09/2015", "2015-09-30"), ("2015-09-30", "2015-09-30"), ("4 March 2015", "2015-03-04"),
    ("", ""), ("  ", ""),
])
def test_a_timescale_is_a_quarter_or_a_date(typed, kept):
    assert normalise_timescale(typed) == kept


@pytest.mark.parametrize("typed", ["soon", "Q5 2015", "31/02/2015", "next year"])
def test_anything_else_is_refused_saying_what_is_accepted(typed):
    with pytest.raises(ValidationError, match="quarter .* date"):
        normalise_timescale(typed)


def test_quarters_and_dates_sort_in_time_order():
    found = sorted(["", "2015-08-01", "Q1 2015", "Q3 2015", "2015-10-01"], key=timescale_key)
    assert found == ["Q1 2015", "2015-08-01", "Q3 2015", "2015-10-01", ""]


def test_priorities_keep_their_order_and_can_be_reordered(store):
    programme, *_ = _setup(store)
    made = [plan.save_priority(store, Priority(programme.id, text, n))
            for n, text in enumerate(PRIORITIES_2015, 1)]
    assert [p.text for p in plan.priorities(store, programme.id)] == list(PRIORITIES_2015)
    plan.set_priority_order(store, [made[2].id, made[0].id, made[1].id])
    assert [p.id for p in plan.priorities(store, programme.id)] == [
        made[2].id, made[0].id, made[1].id]
    with pytest.raises(ValidationError):
        plan.save_priority(store, Priority(programme.id, "   "))


def test_a_theme_becomes_an_action_linked_to_its_notes_and_workshops(store):
    programme, theme, notes = _setup(store)
    action = action_from_idea(programme.id, theme.label, notes, theme_id=theme.id)
    plan.add_actions(store, [action])
    [saved] = plan.actions(store, programme.id)
    assert saved.text == saved.source_text == "Transport"
    assert saved.status == ActionStatus.PROPOSED
    assert saved.note_ids == [n.id for n in notes]
    assert plan.promoted_notes(store, programme.id) == {n.id: [saved.id] for n in notes}
    assert plan.promoted_themes(store, programme.id) == {theme.id: [saved.id]}
    sources = plan.sources(store, saved)
    assert sources.describe() == "From theme “Transport” and 2 notes in W1, W2"


def test_an_action_whose_notes_are_deleted_keeps_working_and_says_so(store):
    programme, theme, notes = _setup(store)
    [action] = plan.add_actions(store, [action_from_idea(programme.id, "Transport", notes,
                                                         theme_id=theme.id)])
    store.set_notes_deleted([notes[0].id])
    store.set_theme_deleted(theme.id)
    action = plan.get_action(store, action.id)
    action.status = ActionStatus.IN_PROGRESS
    plan.update_actions(store, [action])
    sources = plan.sources(store, plan.get_action(store, action.id))
    assert len(sources.notes) == 1 and sources.missing == 1 and sources.theme_missing
    assert sources.describe() == (
        "From 1 note in W1, W2; 1 source note and its theme deleted since "
        "(the action keeps the idea's words)")
    store.set_notes_deleted([notes[1].id])
    assert "2 source notes and its theme deleted since" in plan.sources(
        store, plan.get_action(store, action.id)).describe()


def test_progress_dated_in_the_future_is_refused_with_a_message(store):
    programme, *_ = _setup(store)
    [action] = plan.add_actions(store, [Action(programme.id, "Minibus")])
    with pytest.raises(ValidationError, match="in the future"):
        plan.save_progress(store, ProgressUpdate(action.id, "2015-06-02", "Bus bought"),
                           today=date(2015, 6, 1))
    assert plan.progress_updates(store, [action.id]) == []
    plan.save_progress(store, ProgressUpdate(action.id, "1/6/2015", "Bus bought"),
                       today=date(2015, 6, 1))
    [update] = plan.progress_updates(store, [action.id])
    assert update.date == "2015-06-01"
    with pytest.raises(ValidationError, match="not a date"):
        plan.save_progress(store, ProgressUpdate(action.id, "last week", "Bus bought"))


def test_an_action_needs_words_and_a_known_status(store):
    programme, *_ = _setup(store)
    with pytest.raises(ValidationError, match="needs some words"):
        plan.add_actions(store, [Action(programme.id, "  ")])
    with pytest.raises(ValidationError, match="Status"):
        plan.add_actions(store, [Action(programme.id, "Bus", status="maybe")])


def test_the_action_plan_follows_a_programme_merge_and_its_undo(store):
    from facilitator import library_ops as ops

    programme, theme, notes = _setup(store)
    other = store.add_programme(Programme("Rutland 2026 (laptop 2)"))
    w9 = store.add_workshop(Workshop(other.id, "W9", "Carers?", "delivery-planning"))
    twin = store.add_theme(Theme(other.id, "how", "Transport"))
    [note] = store.add_notes([Note(w9.id, "how", "Dial-a-ride", theme_id=twin.id)])
    plan.save_priority(store, Priority(programme.id, "First", 1))
    moving = plan.save_priority(store, Priority(other.id, "Second", 1))
    [action] = plan.add_actions(store, [action_from_idea(other.id, "Transport", [note],
                                                         theme_id=twin.id,
                                                         priority_id=moving.id)])
    from tests.facilitator.transfer.helpers import as_undone

    before = as_undone(store)  # (an undone merge travels: see as_undone)
    record = ops.merge_programmes(store, other.id, programme.id)
    assert [p.text for p in plan.priorities(store, programme.id)] == ["First", "Second"]
    moved = plan.get_action(store, action.id)
    assert (moved.programme_id, moved.theme_id) == (programme.id, theme.id)
    ops.undo_merge(store, record)
    assert as_undone(store) == before


def test_a_programme_removed_for_good_takes_its_action_plan(store):
    from facilitator import library_ops as ops

    programme, theme, notes = _setup(store)
    plan.save_priority(store, Priority(programme.id, "First", 1))
    [action] = plan.add_actions(store, [action_from_idea(programme.id, "Transport", notes)])
    plan.save_progress(store, ProgressUpdate(action.id, "2015-01-01", "Bus ordered"))
    ops.delete_programme(store, programme.id)
    assert ops.empty_deleted_items(store) >= 1
    assert plan.actions(store, include_deleted=True) == []
    assert plan.progress_updates(store, include_deleted=True) == []
    assert plan.priorities(store, programme.id, include_deleted=True) == []


def test_a_workshop_merge_points_its_actions_at_the_workshop_kept_and_undo_restores(store):
    from facilitator import library_ops as ops

    programme, theme, notes = _setup(store)
    w1, w2 = notes[0].workshop_id, notes[1].workshop_id
    twin = store.add_theme(Theme(programme.id, "how", "Transport"))  # the laptop's own
    [late] = store.add_notes([Note(w2, "how", "Lift share", theme_id=twin.id)])
    both = action_from_idea(programme.id, "Transport", notes)  # named W1 and W2
    only_w2 = action_from_idea(programme.id, "Transport", [late], theme_id=twin.id)
    elsewhere = action_from_idea(programme.id, "Minibus", notes[:1])  # W1 only
    plan.add_actions(store, [both, only_w2, elsewhere])
    rows_before = {a.id: a for a in plan.actions(store, programme.id)}
    from tests.facilitator.transfer.helpers import as_undone

    before = as_undone(store)  # (an undone merge travels: see as_undone)

    record = ops.merge_workshops(store, w1, w2)

    after = {a.id: a for a in plan.actions(store, programme.id)}
    assert after[both.id].workshop_ids == [w1]  # W2 became W1: named once
    assert (after[only_w2.id].workshop_ids, after[only_w2.id].theme_id) == ([w1], theme.id)
    assert after[elsewhere.id] == rows_before[elsewhere.id]  # untouched
    for action_id in (both.id, only_w2.id):  # edit times kept (the redirect travels)
        assert after[action_id].updated_at == rows_before[action_id].updated_at
    assert plan.sources(store, after[only_w2.id]).workshop_codes == ("W1",)
    assert not plan.sources(store, after[only_w2.id]).theme_missing

    ops.undo_merge(store, record)
    assert as_undone(store) == before
    assert {a.id: a for a in plan.actions(store, programme.id)} == rows_before


def test_undoing_a_workshop_merge_is_refused_once_an_action_it_moved_is_edited(store):
    from facilitator import library_ops as ops

    programme, theme, notes = _setup(store)
    [action] = plan.add_actions(store, [action_from_idea(programme.id, "Bus", notes[1:])])
    record = ops.merge_workshops(store, notes[0].workshop_id, notes[1].workshop_id)
    edited = plan.get_action(store, action.id)
    edited.lead = "Parish council"
    plan.update_actions(store, [edited])
    with pytest.raises(ValidationError, match="changed since"):
        ops.undo_merge(store, record)
    assert plan.get_action(store, action.id).lead == "Parish council"
