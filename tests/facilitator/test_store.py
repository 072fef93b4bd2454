"""The store: records round-trip exactly, writes are transactions, events fire after commit."""

from __future__ import annotations

import pytest

from facilitator.models import Attendance, Note, Programme, Theme, ValidationError, Workshop
from facilitator.store import LibraryError, Store


def make_workshop(store, code="W1", fmt="delivery-planning"):
    programme = store.add_programme(Programme("Test programme", area="Rutland"))
    return programme, store.add_workshop(Workshop(programme.id, code, "How can we help?", fmt))


def test_note_text_is_stored_exactly_as_typed(store):
    _, workshop = make_workshop(store)
    texts = [
        "Emoji 🙂👍🏽 and accents: café, naïve, Łódź, Ærø",
        "Line one\nLine two\r\nLine three",
        "x" * 10_000,
        "Control chars from Word: \x0b\x07 end",
        "  leading and trailing spaces  ",
    ]
    added = store.add_notes([Note(workshop.id, "who", t) for t in texts])
    back = {n.id: n.text for n in store.notes(workshop.id)}
    assert [back[n.id] for n in added] == texts


def test_empty_note_is_refused_and_nothing_is_written(store):
    _, workshop = make_workshop(store)
    with pytest.raises(ValidationError):
        store.add_notes([Note(workshop.id, "who", "fine"), Note(workshop.id, "who", "   \n ")])
    assert store.notes(workshop.id) == []


def test_update_and_soft_delete_note(store):
    _, workshop = make_workshop(store)
    note = store.add_note(Note(workshop.id, "how", "Small grants"))
    first_updated = note.updated_at
    note.text = "Small start-up grants"
    note.tags = ["getting-started"]
    store.update_note(note)
    again = store.get_note(note.id)
    assert again.text == "Small start-up grants"
    assert again.tags == ["getting-started"]
    assert again.updated_at > first_updated
    store.set_notes_deleted([note.id])
    assert store.notes(workshop.id) == []
    assert store.notes(workshop.id, include_deleted=True)[0].deleted
    store.set_notes_deleted([note.id], deleted=False)
    assert [n.id for n in store.notes(workshop.id)] == [note.id]


def test_themes_gather_notes_across_workshops(store):
    programme, w1 = make_workshop(store, "W1")
    w2 = store.add_workshop(Workshop(programme.id, "W2", "Older people?", "delivery-planning"))
    theme = store.add_theme(Theme(programme.id, "who", "Isolated older people"))
    a = store.add_note(Note(w1.id, "who", "Living alone"))
    b = store.add_note(Note(w2.id, "who", "No visitors"))
    store.set_notes_theme([a.id, b.id], theme.id)
    assert {n.theme_id for n in store.notes(step_key="who")} == {theme.id}
    store.set_notes_theme([a.id], None)
    assert store.get_note(a.id).theme_id is None


def test_attendance_round_trips_and_totals(store):
    _, workshop = make_workshop(store)
    store.set_attendance(Attendance(workshop.id, {"residents": 12, "council_officers": 3}))
    got = store.attendance(workshop.id)
    assert got.counts == {"residents": 12, "council_officers": 3}
    assert got.total == 15
    store.set_attendance(Attendance(workshop.id, {"residents": 10}))
    assert store.attendance(workshop.id).counts == {"residents": 10}
    with pytest.raises(ValidationError, match="whole number"):
        store.set_attendance(Attendance(workshop.id, {"residents": -1}))


def test_workshop_rules(store):
    programme = store.add_programme(Programme("P"))
    with pytest.raises(ValidationError, match="code"):
        store.add_workshop(Workshop(programme.id, " ", "Q", "delivery-planning"))
    with pytest.raises(ValidationError, match="say why"):
        store.add_workshop(
            Workshop(programme.id, "W3", "Q", "delivery-planning", status="postponed")
        )
    with pytest.raises(ValidationError, match="not a date"):
        store.add_workshop(Workshop(programme.id, "W3", "Q", "delivery-planning", date="13/03/15"))
    with pytest.raises(ValidationError, match="no format"):
        store.add_workshop(Workshop(programme.id, "W3", "Q", "no-such-format"))
    assert store.workshops() == []


def test_events_fire_once_after_commit_with_ids(store):
    _, workshop = make_workshop(store)
    heard = []
    store.events.notes_changed.connect(lambda ids: heard.append(ids))
    saved = []
    store.events.saved.connect(saved.append)
    with store.transaction():
        a = store.add_note(Note(workshop.id, "who", "a"))
        b = store.add_note(Note(workshop.id, "who", "b"))
        assert heard == []
    assert heard == [sorted([a.id, b.id])]
    assert len(saved) == 1


def test_failed_transaction_rolls_back_everything(store):
    _, workshop = make_workshop(store)
    with pytest.raises(RuntimeError), store.transaction():
        store.add_note(Note(workshop.id, "who", "kept?"))
        raise RuntimeError("boom")
    assert store.notes(workshop.id) == []


def test_find_workshops_by_code(store):
    programme, w1 = make_workshop(store, "W1")
    assert store.find_workshops(programme.id, ["w1"]) == [w1]
    with pytest.raises(LibraryError, match="W9"):
        store.find_workshops(programme.id, ["W9"])


def test_on_disk_library_reopens_with_everything(library_path):
    store = Store.open(library_path)
    from facilitator.formats import load_builtin_formats

    for fmt in load_builtin_formats().values():
        store.save_format(fmt)
    _, workshop = make_workshop(store)
    note = store.add_note(Note(workshop.id, "who", "Saved on disk ✓"))
    library_id = store.library_id
    store.close()
    again = Store.open(library_path)
    assert again.get_note(note.id).text == "Saved on disk ✓"
    assert again.library_id == library_id
    assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert again.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert again.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    again.close()
