"""Priorities, actions and progress updates travel in workshop files and merge like notes:
a round trip between two libraries, in both orders, ends with the same action plan."""

from __future__ import annotations

from datetime import date

from facilitator.action_plan import ActionStatus, Priority, ProgressUpdate, action_from_idea
from facilitator.store import action_plan as plan
from facilitator.store.transfer_merge import content_snapshot
from facilitator.transfer import import_workshop_files
from tests.facilitator.transfer.helpers import export_all, new_library, small_library

TABLES = ("priorities", "actions", "progress_updates")


def _plan_rows(lib) -> dict:
    snapshot = content_snapshot(lib.store)
    return {table: snapshot[table] for table in TABLES}


def _pair(builtin_formats, tmp_path):
    """Library A with a programme, and library B that took it in from A's file."""
    a, programme, w1 = small_library(builtin_formats)
    b = new_library(builtin_formats)
    [summary] = import_workshop_files(b.store, [export_all(a, tmp_path / "start.workshop")],
                                      backup_dir=tmp_path / "bk")
    assert summary.ok
    return a, b, programme, w1


def _work_on(lib, programme_id, w1_id, who: str):
    store = lib.store
    priority = plan.save_priority(store, Priority(programme_id, f"{who}'s priority", 1))
    notes = store.notes(w1_id)
    action = action_from_idea(programme_id, f"{who}: a lunch club", notes[:1],
                              priority_id=priority.id)
    action.lead = f"{who} Parish Council"
    action.timescale = "q3 2026"
    [action] = plan.add_actions(store, [action])
    plan.save_progress(store, ProgressUpdate(action.id, "2026-01-12", f"{who} found a hall"),
                       today=date(2026, 2, 1))
    return priority, action


def _exchange(a, b, tmp_path, first: str):
    path_a = export_all(a, tmp_path / f"a-{first}.workshop")
    path_b = export_all(b, tmp_path / f"b-{first}.workshop")
    order = [(b, path_a), (a, path_b)] if first == "a" else [(a, path_b), (b, path_a)]
    for target, path in order:
        [summary] = import_workshop_files(target.store, [path], backup_dir=tmp_path / "bk")
        assert summary.ok, summary.error
    # once more each way, so both have seen everything
    for target, path in ((b, export_all(a, tmp_path / "a2.workshop")),
                         (a, export_all(b, tmp_path / "b2.workshop"))):
        [summary] = import_workshop_files(target.store, [path], backup_dir=tmp_path / "bk")
        assert summary.ok, summary.error


def test_action_plans_made_on_two_laptops_merge_the_same_in_both_orders(
        builtin_formats, tmp_path):
    results = []
    for first in ("a", "b"):
        folder = tmp_path / first
        folder.mkdir()
        a, b, programme, w1 = _pair(builtin_formats, folder)
        _, action_a = _work_on(a, programme.id, w1.id, "Alice")
        _, action_b = _work_on(b, programme.id, w1.id, "Bob")
        _exchange(a, b, folder, first)
        assert _plan_rows(a) == _plan_rows(b)
        texts = sorted(x.text for x in plan.actions(a.store, programme.id))
        assert texts == ["Alice: a lunch club", "Bob: a lunch club"]
        assert len(plan.priorities(b.store, programme.id)) == 2
        got = plan.get_action(b.store, action_a.id)
        assert got.lead == "Alice Parish Council" and got.timescale == "Q3 2026"
        assert got.note_ids == action_a.note_ids
        assert [u.text for u in plan.progress_updates(a.store, [action_b.id])] == [
            "Bob found a hall"]
        results.append(sorted(texts))
    assert results[0] == results[1]


def test_an_edit_and_a_deletion_travel_and_the_newer_edit_wins(builtin_formats, tmp_path):
    a, b, programme, w1 = _pair(builtin_formats, tmp_path)
    _, action = _work_on(a, programme.id, w1.id, "Alice")
    [summary] = import_workshop_files(b.store, [export_all(a, tmp_path / "1.workshop")],
                                      backup_dir=tmp_path / "bk")
    assert summary.ok
    theirs = plan.get_action(b.store, action.id)
    theirs.status = ActionStatus.AGREED
    plan.update_actions(b.store, [theirs])
    [update] = plan.progress_updates(b.store, [action.id])
    plan.set_progress_deleted(b.store, [update.id])
    [summary] = import_workshop_files(a.store, [export_all(b, tmp_path / "2.workshop")],
                                      backup_dir=tmp_path / "bk")
    assert summary.ok and not summary.conflicts
    assert plan.get_action(a.store, action.id).status == ActionStatus.AGREED
    assert plan.progress_updates(a.store, [action.id]) == []
    assert _plan_rows(a) == _plan_rows(b)


def test_a_prepare_laptops_file_carries_priorities_but_not_actions(builtin_formats, tmp_path):
    from facilitator.transfer import export_workshops

    a, programme, w1 = small_library(builtin_formats)
    _work_on(a, programme.id, w1.id, "Alice")
    path = export_workshops(a.store, [w1.id], tmp_path / "setup.workshop", setup_only=True).path
    b = new_library(builtin_formats)
    [summary] = import_workshop_files(b.store, [path], backup_dir=tmp_path / "bk")
    assert summary.ok
    assert [p.text for p in plan.priorities(b.store, programme.id)] == ["Alice's priority"]
    assert plan.actions(b.store) == []


def test_an_action_from_a_laptop_that_missed_a_workshop_merge_names_the_workshop_kept(
        builtin_formats, tmp_path):
    """A merged W2 into W1 (two copies of one workshop); B, which never saw the merge, made
    an action from W2's note. Its file's action arrives in A naming W1, as A's own did."""
    from facilitator import library_ops as ops
    from facilitator.models import Note, Workshop

    a, b, programme, w1 = _pair(builtin_formats, tmp_path)
    w2 = a.store.add_workshop(Workshop(programme.id, "W2", "Older people?", "delivery-planning"))
    [note] = a.store.add_notes([Note(w2.id, "how", "A hall")])
    [summary] = import_workshop_files(b.store, [export_all(a, tmp_path / "w2.workshop")],
                                      backup_dir=tmp_path / "bk")
    assert summary.ok
    [from_b] = plan.add_actions(b.store, [action_from_idea(programme.id, "A hall", [note])])
    [from_a] = plan.add_actions(a.store, [action_from_idea(programme.id, "A hall", [note])])
    ops.merge_workshops(a.store, w1.id, w2.id)
    assert plan.get_action(a.store, from_a.id).workshop_ids == [w1.id]

    [summary] = import_workshop_files(a.store, [export_all(b, tmp_path / "b.workshop")],
                                      backup_dir=tmp_path / "bk")
    assert summary.ok, summary.error
    arrived = plan.get_action(a.store, from_b.id)
    assert arrived.workshop_ids == [w1.id]
    assert plan.sources(a.store, arrived).workshop_codes == ("W1",)
    # and the other way, B takes in the merge: both end with the same action plan
    _exchange(a, b, tmp_path, "a")
    assert _plan_rows(a) == _plan_rows(b)
    assert plan.get_action(b.store, from_b.id).workshop_ids == [w1.id]
