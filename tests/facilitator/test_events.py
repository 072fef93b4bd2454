"""A committed write stays committed: a listener that fails is logged, the others still run,
and the writer never hears of it (a saved note shown as "NOT saved" would be typed twice)."""

from __future__ import annotations

import logging

from facilitator.events import Event
from facilitator.models import Note, Programme, Workshop


def _workshop(store) -> Workshop:
    programme = store.add_programme(Programme("Events 2026"))
    return store.add_workshop(Workshop(programme.id, "W1", "Who?", "delivery-planning"))


def test_every_handler_runs_even_when_one_raises(caplog):
    event = Event("things_changed")
    heard: list[str] = []

    def broken(_ids):
        raise ValueError("boom")

    event.connect(lambda ids: heard.append("first"))
    event.connect(broken)
    event.connect(lambda ids: heard.append("last"))
    with caplog.at_level(logging.ERROR, logger="facilitator.events"):
        event.emit(["a"])
    assert heard == ["first", "last"]
    assert "things_changed" in caplog.text and "ValueError" in caplog.text
    assert "broken" in caplog.text


def test_a_note_is_saved_and_the_writer_never_sees_a_listener_fail(store, caplog):
    workshop = _workshop(store)
    heard: list[list[str]] = []

    def broken(_ids):
        raise RuntimeError("the view fell over quoting Secret Garden Club")

    store.events.notes_changed.connect(broken)
    store.events.notes_changed.connect(heard.append)
    saved: list[str] = []
    store.events.saved.connect(saved.append)
    with caplog.at_level(logging.ERROR):
        note = store.add_note(Note(workshop.id, "who", "Secret Garden Club"))  # does not raise
    assert store.get_note(note.id).text == "Secret Garden Club"
    assert heard == [[note.id]]
    assert len(saved) == 1  # "All changes saved" still follows the write
    assert "RuntimeError" in caplog.text
    assert "Secret" not in caplog.text  # the note's words never reach the log
