"""Commands run on a worker thread keep the history's rules (ui/commands/background.py):
one transaction and one undo step; a stale undo is refused with a message and made
obsolete, never half-done; a failed write is reported and leaves nothing; a committed
write is never reported as failed; and anything else that writes waits for it, in order."""

from __future__ import annotations

import pytest

from facilitator import library_ops as ops
from facilitator.models import Note, Programme, Workshop
from facilitator.store import StorageFullError
from facilitator.store.transfer_merge import content_snapshot
from ui.commands.background import push_in_background
from ui.commands.library import AddProgrammeCommand
from ui.commands.library_ops import MergeProgrammesCommand, MergeWorkshopsCommand
from ui.main_window import MainWindow


def _programme(store, title, codes, notes=50):
    programme = store.add_programme(Programme(title))
    for code in codes:
        workshop = store.add_workshop(Workshop(programme.id, code, "Who?", "delivery-planning"))
        store.add_notes([Note(workshop.id, "who", f"{code} {i}") for i in range(notes)])
    return programme


@pytest.fixture
def window(qtbot, disk_context):
    win = MainWindow(disk_context)
    qtbot.addWidget(win)
    return win


def _merge(qtbot, history, command, report):
    done = []
    push_in_background(history, command, report, done.append)
    assert history.busy  # a library in a file: it runs on another thread
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    return done[0]


def test_a_stale_undo_is_refused_with_a_message_and_taken_off_the_history(
    qtbot, disk_context, dialogs, window
):
    store, history = disk_context.store, disk_context.undo_stack
    a = _programme(store, "Young people 2026", ["W1"])
    b = _programme(store, "Young people 2026 (2)", ["W2", "W3"])
    assert _merge(qtbot, history, MergeProgrammesCommand(store, b.id, a.id), window.report_error)
    # Another window (or an import) edits a workshop the merge moved.
    moved = store.workshops(a.id)[1]
    moved.venue = "Oakham Library"
    store.update_workshop(moved)
    before = content_snapshot(store)
    history.undo_with(window.report_error)
    qtbot.waitUntil(lambda: not history.busy and bool(dialogs.infos), timeout=30_000)
    assert "Cannot undo" in dialogs.infos[0] and not dialogs.errors
    assert content_snapshot(store) == before  # nothing half-done
    assert history.count() == 0 and not history.canUndo()  # obsolete: off the history
    assert window.model.rowCount() == 1


def test_a_stale_undo_found_inside_the_transaction_is_refused_too(
    qtbot, disk_context, dialogs, window
):
    """A change the command did not declare (a re-pointed note) is found by the domain's
    own check, inside the worker's transaction: refused the same way."""
    store, history = disk_context.store, disk_context.undo_stack
    programme = _programme(store, "Carers 2026", ["W1", "W2"])
    keep, other = store.workshops(programme.id)
    command = MergeWorkshopsCommand(store, keep.id, other.id)
    assert _merge(qtbot, history, command, window.report_error)
    note = store.notes(keep.id)[-1]
    note.text = "Edited after the merge"
    store.update_note(note)
    before = content_snapshot(store)
    history.undo_with(window.report_error)
    qtbot.waitUntil(lambda: not history.busy and bool(dialogs.infos), timeout=30_000)
    assert "changed since" in dialogs.infos[0]
    assert content_snapshot(store) == before
    assert history.count() == 0


def test_a_write_that_fails_on_the_worker_is_reported_and_leaves_nothing(
    qtbot, disk_context, dialogs, window, monkeypatch
):
    store, history = disk_context.store, disk_context.undo_stack
    a = _programme(store, "Older people 2026", ["W1"])
    b = _programme(store, "Older people 2026 (2)", ["W2"])
    before = content_snapshot(store)
    real = ops.merge_programmes

    def full_disk(twin, *args, **kwargs):
        with twin.transaction():
            real(twin, *args, **kwargs)  # every row written ... then the disk is full
            raise StorageFullError("Cannot write: the disk is full. Your notes are safe.")

    monkeypatch.setattr(ops, "merge_programmes", full_disk)
    assert not _merge(qtbot, history, MergeProgrammesCommand(store, b.id, a.id),
                      window.report_error)
    assert dialogs.errors and "disk is full" in dialogs.errors[0]
    assert content_snapshot(store) == before and history.count() == 0
    assert window.model.rowCount() == 2
    assert all(a.isEnabled() for a in window.write_actions())  # switched back on


def test_a_committed_merge_is_kept_when_a_listener_fails(qtbot, disk_context, dialogs, window):
    store, history = disk_context.store, disk_context.undo_stack
    a = _programme(store, "Families 2026", ["W1"])
    b = _programme(store, "Families 2026 (2)", ["W2"])

    def broken(_ids):
        raise RuntimeError("a view fell over")

    store.events.programmes_changed.connect(broken)
    try:
        assert _merge(qtbot, history, MergeProgrammesCommand(store, b.id, a.id),
                      window.report_error)
    finally:
        store.events.programmes_changed.disconnect(broken)
    assert not dialogs.errors and history.count() == 1 and history.canUndo()
    assert [p.id for p in store.programmes()] == [a.id]


def test_a_change_made_while_a_merge_runs_waits_for_it_and_keeps_the_order(
    qtbot, disk_context, window
):
    store, history = disk_context.store, disk_context.undo_stack
    a = _programme(store, "Transport 2026", ["W1"], notes=500)
    b = _programme(store, "Transport 2026 (2)", ["W2"], notes=500)
    push_in_background(history, MergeProgrammesCommand(store, b.id, a.id), window.report_error)
    assert history.busy
    assert window.run_command(AddProgrammeCommand(store, Programme("Another round 2027")))
    assert not history.busy  # the merge went first, and is first in the history
    texts = [history.command(i).text() for i in range(history.count())]
    assert [t.split(" “")[0] for t in texts] == ["Merge programme", "Add programme"]
    assert sorted(p.title for p in store.programmes()) == ["Another round 2027",
                                                           "Transport 2026"]
    history.undo()
    history.undo()
    qtbot.waitUntil(lambda: not history.busy and len(store.programmes()) == 2, timeout=30_000)
    assert sorted(p.id for p in store.programmes()) == sorted([a.id, b.id])
