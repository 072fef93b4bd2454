"""Five laptops start from one laptop's file; the office imports them all, in any order.

A laptop that did not touch a row holds an older copy of it, not a rival edit: only rows
really edited on two laptops are listed as conflicts, whichever order the files come in.
"""

from __future__ import annotations

import itertools

import pytest

from facilitator.models import Theme
from facilitator.transfer import import_workshop_files
from tests.facilitator.transfer.helpers import (
    carry,
    export_all,
    new_library,
    office_and_laptop,
    small_library,
    snapshot,
)


def _edit(lib, note_id, text):
    note = lib.store.get_note(note_id)
    note.text = text
    lib.store.update_note(note)


@pytest.fixture
def laptop_files(builtin_formats, awkward_dir):
    """Laptop A made the workshop; B, C and D took A's file. A and D edit note 0, B edits
    note 1, C edits nothing; A also deletes note 2. Returns the four files and the note ids."""
    a, _, w1 = small_library(builtin_formats, notes=4)
    shared = export_all(a, awkward_dir / "Laptop A first é.workshop")
    others = []
    for _ in "BCD":
        laptop = new_library(builtin_formats)
        import_workshop_files(laptop.store, [shared], backup_dir=awkward_dir)
        others.append(laptop)
    b, c, d = others
    ids = [n.id for n in a.store.notes(w1.id)]
    _edit(a, ids[0], "A's wording")
    a.store.set_notes_deleted([ids[2]])
    _edit(b, ids[1], "B's wording")
    _edit(d, ids[0], "D's wording (latest)")
    files = {
        name: export_all(lib, awkward_dir / f"From laptop {name} ü.workshop")
        for name, lib in zip("ABCD", (a, b, c, d), strict=True)
    }
    return files, ids


def test_only_rows_edited_on_two_laptops_are_conflicts_in_any_order(
    builtin_formats, awkward_dir, laptop_files
):
    files, ids = laptop_files
    results = []
    for order in itertools.permutations("ABCD"):
        office = new_library(builtin_formats)
        summaries = import_workshop_files(
            office.store, [files[name] for name in order], backup_dir=awkward_dir
        )
        conflicts = [c for s in summaries for c in s.conflicts]
        assert [c.key for c in conflicts] == [ids[0]], (order, [c.what for c in conflicts])
        [conflict] = conflicts
        assert {conflict.library_text, conflict.file_text} == {"A's wording", "D's wording (latest)"}
        store = office.store
        assert store.get_note(ids[0]).text == "D's wording (latest)"
        assert store.get_note(ids[1]).text == "B's wording"
        assert store.get_note(ids[2]).deleted
        results.append(snapshot(office))
        office.close()
    assert all(result == results[0] for result in results)


def test_a_conflict_shows_what_differs_when_the_texts_are_the_same(
    builtin_formats, awkward_dir
):
    office, laptop, programme, w1 = office_and_laptop(builtin_formats, awkward_dir)
    note = office.store.notes(w1.id)[0]
    office.store.set_notes_theme([note.id], None)
    theme = laptop.store.add_theme(Theme(programme.id, "who", "Lonely in the évening"))
    laptop.store.set_notes_theme([note.id], theme.id)
    workshop = office.store.get_workshop(w1.id)
    workshop.theme_question = "A long question " * 12
    office.store.update_workshop(workshop)
    theirs = laptop.store.get_workshop(w1.id)
    theirs.theme_question = workshop.theme_question
    theirs.venue = "Café Hall, Oakham"
    laptop.store.update_workshop(theirs)
    [summary] = carry(laptop, office, awkward_dir / "l.workshop")
    texts = {c.table: (c.library_text, c.file_text) for c in summary.conflicts}
    assert texts["notes"] == ("Note 0 · theme: none", "Note 0 · theme: “Lonely in the évening”")
    assert texts["workshops"] == ("W1 · venue: none", "W1 · venue: Café Hall, Oakham")
    printed = "\n".join(summary.lines())
    assert "file:    W1 · venue: Café Hall, Oakham" in printed


def test_a_theme_named_alike_on_two_laptops_is_flagged(builtin_formats, awkward_dir):
    office, laptop, programme, w1 = office_and_laptop(builtin_formats, awkward_dir)
    office.store.add_theme(Theme(programme.id, "who", "Transport"))
    laptop.store.add_theme(Theme(programme.id, "who", "transport"))
    [summary] = carry(laptop, office, awkward_dir / "l.workshop")
    assert summary.warnings == [
        "The theme “transport” (WHO) was also made on another laptop: the report counts them "
        "as one theme; merge them on the themes board to keep them together."
    ]
    assert "Check: The theme “transport”" in "\n".join(summary.lines())
