"""The run session keeps its workshop, programme and format, and lets go of what the store
says changed: a step change reads nothing it already has, an edit anywhere shows at once."""

from __future__ import annotations

import copy

from facilitator.models import Programme
from tests.ui.run.helpers import make_session


def statements(store, work) -> list[str]:
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        work()
    finally:
        store.conn.set_trace_callback(None)
    return seen


def test_changing_step_reads_nothing_from_the_library(context):
    session = make_session(context)
    session.question()  # read once
    seen = statements(context.store, lambda: [(session.set_step(s.key), session.question())
                                              for s in session.steps])
    assert seen == []


def test_an_edit_of_the_workshop_or_its_programme_is_seen_at_once(context):
    session = make_session(context)
    assert session.workshop.code == "W2"
    edited = copy.deepcopy(session.workshop)
    edited.code = "W12"
    context.store.update_workshop(edited)
    assert session.workshop.code == "W12"
    programme = copy.deepcopy(session.programme)
    programme.area = "Rutland"
    context.store.update_programme(programme)
    assert session.programme.area == "Rutland"
    context.store.add_programme(Programme("Another"))  # another programme: still right
    assert session.programme.area == "Rutland"


def test_a_closed_session_stops_following_the_store(context):
    session = make_session(context)
    session.close()
    assert session._on_workshops_changed not in context.store.events.workshops_changed._handlers
