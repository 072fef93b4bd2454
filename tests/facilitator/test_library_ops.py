"""Correcting the library: rename, duplicate codes, move, delete, restore, empty for good."""

from __future__ import annotations

import pytest

from facilitator import library_ops as ops
from facilitator.models import Attendance, Note, Programme, Theme, ValidationError, Workshop
from facilitator.transfer import import_workshop_files
from tests.facilitator.transfer.helpers import export_all, new_library


@pytest.fixture
def two_programmes(store):
    a = store.add_programme(Programme("Rutland 2026", area="Rutland"))
    b = store.add_programme(Programme("Leicestershire 2015", area="Leicestershire"))
    w1 = store.add_workshop(Workshop(a.id, "W1", "Older people?", "delivery-planning"))
    w2 = store.add_workshop(
        Workshop(a.id, "W2", "How can I help my neighbours?", "delivery-planning",
                 date="2015-05-12")
    )
    theme = store.add_theme(Theme(a.id, "who", "Living alone"))
    store.add_notes([Note(w1.id, "who", f"Note {i}", theme_id=theme.id) for i in range(3)])
    return a, b, w1, w2, theme


def test_rename_programme_refuses_empty_and_used_titles(store, two_programmes):
    a, b, *_ = two_programmes
    with pytest.raises(ValidationError, match="needs a title"):
        ops.rename_programme(store, a.id, "   ")
    with pytest.raises(ValidationError, match="already called “Leicestershire 2015”"):
        ops.rename_programme(store, a.id, "leicestershire,  2015")
    before = store.get_programme(a.id).updated_at
    renamed = ops.rename_programme(store, a.id, "Rutland  2026 round two")
    assert renamed.title == "Rutland 2026 round two"
    assert store.get_programme(a.id).title == "Rutland 2026 round two"
    assert store.get_programme(a.id).updated_at > before


def test_a_second_workshop_code_is_refused_naming_the_first(store, two_programmes):
    a, b, w1, w2, _ = two_programmes
    with pytest.raises(ValidationError) as caught:
        store.add_workshop(Workshop(a.id, "w2", "Another", "delivery-planning"))
    assert str(caught.value) == (
        "w2 is already used by W2 “How can I help my neighbours?” (12 May 2015) in this "
        "programme: choose another code."
    )
    with pytest.raises(ValidationError, match="already used by W2"):
        ops.check_workshop_code(store, a.id, " W 2")
    ops.check_workshop_code(store, a.id, "W2", exclude_id=w2.id)
    ops.check_workshop_code(store, b.id, "W2")  # another programme: fine
    w1.code = "W2"
    with pytest.raises(ValidationError, match="already used by W2"):
        store.update_workshop(w1)
    # a deleted workshop's code is free again
    ops.delete_workshop(store, w2.id)
    store.add_workshop(Workshop(a.id, "W2", "Again", "delivery-planning"))


def test_editing_a_workshop_that_already_shares_its_code_is_allowed(store, two_programmes):
    """An import can bring a second W2 (two scribes); its venue can still be edited."""
    a, _, _, w2, _ = two_programmes
    twin = Workshop(a.id, "W2", "Same event", "delivery-planning")
    with store.transaction():  # as an import writes it: without the edit rule
        store._insert(twin)
    twin.venue = "Village hall"
    store.update_workshop(twin)
    assert store.get_workshop(twin.id).venue == "Village hall"


def test_move_workshop_takes_its_notes_and_themes_along(store, two_programmes):
    a, b, w1, w2, theme = two_programmes
    store.add_workshop(Workshop(b.id, "W1", "Taken", "delivery-planning"))
    with pytest.raises(ValidationError, match="W1 is already used by W1"):
        ops.move_workshop(store, w1.id, b.id)
    moved = ops.move_workshop(store, w1.id, b.id, new_code="W7")
    assert (moved.programme_id, moved.code) == (b.id, "W7")
    notes = store.notes(w1.id)
    assert len(notes) == 3
    [new_theme] = store.themes(b.id)
    assert new_theme.label == "Living alone" and new_theme.id != theme.id
    assert {n.theme_id for n in notes} == {new_theme.id}
    # a second move back finds the old theme by its label
    ops.move_workshop(store, w1.id, a.id)
    assert {n.theme_id for n in store.notes(w1.id)} == {theme.id}


def test_delete_and_restore_a_workshop(store, two_programmes):
    a, _, w1, _, _ = two_programmes
    ops.delete_workshop(store, w1.id)
    assert w1.id not in [w.id for w in store.workshops(a.id)]
    [item] = ops.deleted_items(store)
    assert (item.kind, item.id, item.programme_title) == ("workshop", w1.id, "Rutland 2026")
    assert item.label == "W1 “Older people?”"
    ops.restore(store, "workshop", w1.id)
    assert not store.get_workshop(w1.id).deleted
    assert ops.deleted_items(store) == []


def test_deleting_a_programme_takes_its_workshops_and_restore_brings_back_exactly_those(
    store, two_programmes
):
    a, _, w1, w2, _ = two_programmes
    ops.delete_workshop(store, w2.id)  # deleted before, on its own
    ops.delete_programme(store, a.id)
    assert store.get_programme(a.id).deleted and store.get_workshop(w1.id).deleted
    items = ops.deleted_items(store)
    assert [(i.kind, i.id) for i in items] == [("programme", a.id), ("workshop", w2.id)]
    assert items[0].workshops == 1
    with pytest.raises(ValidationError, match="restore it first"):
        ops.restore(store, "workshop", w2.id)
    ops.restore(store, "programme", a.id)
    assert not store.get_workshop(w1.id).deleted
    assert store.get_workshop(w2.id).deleted  # it was deleted on its own
    assert [i.id for i in ops.deleted_items(store)] == [w2.id]


def test_a_deleted_theme_leaves_its_notes_unthemed_until_restored(store, two_programmes):
    from facilitator.transfer.compile import themes_board

    a, _, w1, _, theme = two_programmes
    ops.delete_theme(store, theme.id)
    board = themes_board(store, a.id, "who")
    assert [c.theme for c in board.columns] == [None]
    assert len(board.columns[0].notes) == 3
    [item] = ops.deleted_items(store)
    assert (item.kind, item.label) == ("theme", "Living alone (WHO)")
    ops.restore(store, "theme", theme.id)
    board = themes_board(store, a.id, "who")
    assert [len(c.notes) for c in board.columns] == [0, 3]


def test_emptying_deleted_items_removes_rows_and_a_file_cannot_bring_them_back(
    builtin_formats, awkward_dir
):
    office = new_library(builtin_formats)
    store = office.store
    a = store.add_programme(Programme("Rutland 2026"))
    w1 = store.add_workshop(Workshop(a.id, "W1", "Q?", "delivery-planning"))
    w2 = store.add_workshop(Workshop(a.id, "W2", "Q?", "delivery-planning"))
    theme = store.add_theme(Theme(a.id, "who", "Transport"))
    store.add_notes([Note(w1.id, "who", "Bus", theme_id=theme.id), Note(w2.id, "who", "Car")])
    store.set_attendance(Attendance(w1.id, {"residents": 4}))
    old_file = export_all(office, awkward_dir / "before.workshop")
    ops.delete_workshop(store, w1.id)
    ops.delete_theme(store, theme.id)
    assert ops.empty_deleted_items(store) == 2
    assert ops.deleted_items(store) == []
    assert [w.id for w in store.workshops(include_deleted=True)] == [w2.id]
    assert store.themes(include_deleted=True) == []
    assert [n.text for n in store.notes(include_deleted=True)] == ["Car"]
    assert store.attendance(w1.id).counts == {}
    assert store.conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == 1
    assert [hit.text for hit in store.search_notes("car")] == ["Car"]
    [summary] = import_workshop_files(store, [old_file], backup_dir=awkward_dir)
    assert summary.ok, summary.error
    assert [w.id for w in store.workshops(include_deleted=True)] == [w2.id]
    assert store.themes(include_deleted=True) == []
    assert [n.text for n in store.notes(include_deleted=True)] == ["Car"]
    assert [n.theme_id for n in store.notes()] == [None]


def test_empty_deleted_items_only_takes_what_is_still_deleted(store, two_programmes):
    a, _, w1, w2, _ = two_programmes
    ops.delete_workshop(store, w1.id)
    ops.delete_workshop(store, w2.id)
    items = ops.deleted_items(store)
    ops.restore(store, "workshop", w1.id)
    assert ops.empty_deleted_items(store, items) == 1
    assert [w.id for w in store.workshops(a.id)] == [w1.id]


def _scribes(store):
    """Programme A (W1, W2 with a theme) and B (W2 same date, W3, a theme of the same label)."""
    a = store.add_programme(Programme("Communities 2015"))
    b = store.add_programme(Programme("Communities 2015 (Raj)"))
    a1 = store.add_workshop(Workshop(a.id, "W1", "Q?", "delivery-planning"))
    a2 = store.add_workshop(Workshop(a.id, "W2", "Q?", "delivery-planning", date="2015-05-12",
                                     facilitators="Ann"))
    b2 = store.add_workshop(Workshop(b.id, "W2", "Q?", "delivery-planning", date="2015-05-12",
                                     venue="Hall", facilitators="Raj, ann"))
    b3 = store.add_workshop(Workshop(b.id, "W3", "Q?", "delivery-planning"))
    ta = store.add_theme(Theme(a.id, "who", "Transport"))
    tb = store.add_theme(Theme(b.id, "who", "transport"))
    tc = store.add_theme(Theme(b.id, "how", "Funding"))
    store.add_notes([Note(a1.id, "who", "Bus", theme_id=ta.id), Note(a2.id, "who", "Taxi")])
    store.add_notes([Note(b2.id, "who", "Lift", theme_id=tb.id), Note(b3.id, "how", "Grant",
                                                                      theme_id=tc.id)])
    store.set_attendance(Attendance(a2.id, {"residents": 10}))
    store.set_attendance(Attendance(b2.id, {"residents": 5, "vcse_groups": 2}))
    return a, b, (a1, a2, b2, b3), (ta, tb, tc)


def test_merge_programmes_asks_for_codes_then_moves_everything(store):
    from facilitator.store.transfer_merge import content_snapshot
    from tests.facilitator.transfer.helpers import as_undone

    a, b, (a1, a2, b2, b3), (ta, tb, tc) = _scribes(store)
    preview = ops.preview_merge_programmes(store, b.id, a.id)
    assert [w.code for w in preview.workshops] == ["W2", "W3"]
    assert [(s.id, t.id) for s, t in preview.themes_merging] == [(tb.id, ta.id)]
    assert [t.id for t in preview.themes_moving] == [tc.id]
    assert [(m.id, e.id) for m, e in preview.code_clashes] == [(b2.id, a2.id)]
    assert preview.notes == 2
    before = content_snapshot(store)
    undone = as_undone(store)
    with pytest.raises(ValidationError, match="give a new code to W2"):
        ops.merge_programmes(store, b.id, a.id)
    with pytest.raises(ValidationError, match="W1 is already used by W1"):
        ops.merge_programmes(store, b.id, a.id, {"W2": "W1"})
    assert content_snapshot(store) == before
    record = ops.merge_programmes(store, b.id, a.id, {"w2": "W2b"})
    assert [p.id for p in store.programmes()] == [a.id]
    assert sorted(w.code for w in store.workshops(a.id)) == ["W1", "W2", "W2b", "W3"]
    assert {n.theme_id for n in store.notes() if n.step_key == "who" and n.theme_id} == {ta.id}
    assert store.get_theme(tc.id).programme_id == a.id
    assert ops.deleted_items(store) == []  # merged away, not deleted
    ops.undo_merge(store, record)
    assert as_undone(store) == undone


def test_merge_workshops_keeps_every_note_and_sums_attendance(store):
    from facilitator.store.transfer_merge import content_snapshot
    from tests.facilitator.transfer.helpers import as_undone

    a, b, (a1, a2, b2, b3), _ = _scribes(store)
    ops.merge_programmes(store, b.id, a.id, keep_pairs=True)
    [(keep, other)] = ops.same_code_pairs(store, a.id)
    assert (keep.id, other.id) == (a2.id, b2.id)
    preview = ops.preview_merge_workshops(store, keep.id, other.id)
    assert preview.same_date and preview.notes_moving == 1
    assert preview.attendance("sum").counts == {"residents": 15, "vcse_groups": 2}
    undone = as_undone(store)
    record = ops.merge_workshops(store, keep.id, other.id, attendance="sum")
    assert sorted(n.text for n in store.notes(a2.id)) == ["Lift", "Taxi"]
    assert store.attendance(a2.id).counts == {"residents": 15, "vcse_groups": 2}
    merged = store.get_workshop(a2.id)
    assert (merged.venue, merged.facilitators) == ("Hall", "Ann, Raj")
    assert store.get_workshop(b2.id).deleted
    assert ops.same_code_pairs(store, a.id) == []
    # an edit since the merge makes its undo refuse, changing nothing
    from facilitator.store import library_ops as sql

    [lift] = [n for n in store.notes(a2.id) if n.text == "Lift"]
    [merged_row] = sql.raw_rows(store, "notes", "id = ?", [lift.id])
    lift.text = "Edited after"
    store.update_note(lift)
    after_edit = content_snapshot(store)
    with pytest.raises(ValidationError, match="changed since"):
        ops.undo_merge(store, record)
    assert content_snapshot(store) == after_edit
    with store.transaction():  # the edit undone exactly: now the merge can be undone
        sql.put_rows(store, "notes", [merged_row])
    ops.undo_merge(store, record)
    assert as_undone(store) == undone


def test_merging_two_workshops_of_one_programme_needs_a_choice_of_attendance(store):
    a, b, (a1, a2, b2, b3), _ = _scribes(store)
    with pytest.raises(ValidationError, match="different programmes"):
        ops.merge_workshops(store, a2.id, b2.id)
    with pytest.raises(ValidationError, match="not 'max'"):
        ops.merge_workshops(store, a1.id, a2.id, attendance="max")
    ops.merge_workshops(store, a2.id, a1.id, attendance="other")
    assert store.attendance(a2.id).counts == {}



def test_a_programmes_live_workshops_come_in_the_codes_natural_order(store, two_programmes):
    """What a file's refused programme deletion names ("workshops of it that the file does
    not carry (W2, W10)") lists the codes as every list does: W2 before W10."""
    from facilitator.store import library_ops as sql

    a, *_ = two_programmes
    for code in ("W10", "w3", "W11"):
        store.add_workshop(Workshop(a.id, code, "Q?", "delivery-planning"))
    codes = [code for _id, code in sql.live_workshops_of(store, a.id)]
    assert codes == ["W1", "W2", "w3", "W10", "W11"]
