"""The note and theme commands on their own: each undo puts back exactly what was there."""

from __future__ import annotations

import dataclasses

import pytest

from facilitator.models import Note, Theme, ValidationError
from tests.ui.run.helpers import make_workshop
from ui.commands.base import UndoHistory, push
from ui.commands.notes import DeleteNotesCommand, EditNoteCommand, MoveNotesCommand, TagNotesCommand
from ui.commands.themes import CreateThemeCommand, RenameThemeCommand, SetNotesThemeCommand


def setup(store):
    w1 = make_workshop(store, code="W1")
    w2 = make_workshop(store, code="W2")
    old = store.add_theme(Theme(w1.programme_id, "how", "Old theme"))
    notes = store.add_notes([
        Note(w1.id, "how", "Grants", tags=["getting-started"], theme_id=old.id),
        Note(w1.id, "how", "Mentors", tags=["keeping-going"]),
        Note(w2.id, "how", "Training"),
    ])
    return old, [n.id for n in notes]


def state(store, ids):
    return [(n.step_key, n.theme_id, n.tags, n.text, n.deleted) for n in store.get_notes(ids)]


def test_a_new_theme_across_workshops_undoes_to_each_notes_old_theme(qapp, store):
    old, ids = setup(store)
    before = state(store, ids)
    stack = UndoHistory()
    theme = Theme(old.programme_id, "how", "Money")
    push(stack, CreateThemeCommand(store, theme, ids))
    assert {n.theme_id for n in store.get_notes(ids)} == {theme.id}
    assert stack.undoText() == "Group 3 notes under new theme “Money”"
    stack.undo()
    assert state(store, ids) == before
    assert store.get_theme(theme.id).deleted
    stack.redo()
    assert not store.get_theme(theme.id).deleted
    assert {n.theme_id for n in store.get_notes(ids)} == {theme.id}


def test_set_theme_rename_and_take_out(qapp, store):
    old, ids = setup(store)
    before = state(store, ids)
    stack = UndoHistory()
    push(stack, SetNotesThemeCommand(store, ids[1:], old.id))
    push(stack, RenameThemeCommand(store, old.id, "Older theme"))
    push(stack, SetNotesThemeCommand(store, ids, None))
    assert stack.undoText() == "Take 3 notes out of their theme"
    assert {n.theme_id for n in store.get_notes(ids)} == {None}
    stack.undo()
    assert {n.theme_id for n in store.get_notes(ids)} == {old.id}
    stack.undo()
    assert store.get_theme(old.id).label == "Old theme"
    stack.undo()
    assert state(store, ids) == before


def test_tag_move_delete_and_edit_undo_exactly(qapp, store):
    _old, ids = setup(store)
    before = state(store, ids)
    stack = UndoHistory()
    push(stack, TagNotesCommand(store, ids, "willingness", "Willingness to do things"))
    push(stack, MoveNotesCommand(store, ids[:2], "who", "WHO"))
    moved = store.get_notes(ids[:2])
    assert [(n.step_key, n.theme_id, n.tags) for n in moved] == [("who", None, [])] * 2
    push(stack, DeleteNotesCommand(store, ids[2:], "Training"))
    push(stack, EditNoteCommand(store, ids[0], "Grants", "Small grants"))
    assert [s.text() for s in (stack.command(i) for i in range(stack.count()))] == [
        "Tag 3 notes “Willingness to do things”", "Move 2 notes to WHO",
        "Delete note “Training”", "Edit note “Small grants”"]
    for _ in range(4):
        stack.undo()
    assert state(store, ids) == before
    for _ in range(4):
        stack.redo()
    after = state(store, ids)
    assert after[0][:4] == ("who", None, [], "Small grants") and after[2][4] is True


def test_moving_between_steps_with_the_same_vocabulary_keeps_the_tags(qapp, store):
    # A format whose HOW question is asked twice, both times sorted by support area.
    fmt = store.get_format("delivery-planning")
    how = fmt.step("how")
    store.save_format(dataclasses.replace(fmt, version=fmt.version + 1, steps=(
        *fmt.steps, dataclasses.replace(how, key="how-again", title="HOW, again"))))
    _old, ids = setup(store)
    stack = UndoHistory()
    push(stack, MoveNotesCommand(store, ids[1:2], "how-again", keep_tags=True))
    assert store.get_note(ids[1]).tags == ["keeping-going"]


def test_a_note_cannot_be_moved_to_a_step_its_workshop_does_not_have(qapp, store):
    _old, ids = setup(store)
    stack = UndoHistory()
    with pytest.raises(ValidationError, match="no step 'how-again'"):
        push(stack, MoveNotesCommand(store, ids[1:2], "how-again", keep_tags=True))
    assert store.get_note(ids[1]).step_key == "how"
