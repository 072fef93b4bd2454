"""Undo across windows, driven by the keyboard: one history for the library window and the
run windows. Ctrl+Z in either window undoes only what the newest change changed; a change
made behind the history (an import, another program) makes an older undo refuse, with a
message, and nothing another window or program wrote is lost."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.library import open_library
from facilitator.models import WorkshopStatus
from facilitator.transfer import export_workshops, import_workshop_files
from tests.hostile import another_program
from tests.ui.run.helpers import CTRL, SHIFT, make_workshop, open_run, texts, type_note
from tests.ui.transfer.helpers import laptop_file, make_window
from ui.commands.library import EditWorkshopCommand


def _activate(qtbot, window, focus=None) -> None:
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    if focus is not None:
        focus.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is focus)


def _venue_set_in_the_library_window(qtbot, context):
    """A workshop open in a run window, its venue set to "Village hall" in the library window:
    (the library window, the run window, the workshop as it was before)."""
    workshop = make_workshop(context.store)
    main = make_window(qtbot, context)
    run = open_run(qtbot, context, workshop.id)
    before = context.store.get_workshop(workshop.id)
    venue = copy.deepcopy(before)
    venue.venue = "Village hall"
    assert main.run_command(EditWorkshopCommand(context.store, before, venue))
    return main, run, before


def _titles(store) -> list[str]:
    return [p.title for p in store.programmes()]


def test_interleaved_edits_ctrl_z_in_the_older_window_undoes_only_the_newest(
        qtbot, context, dialogs):
    workshop = make_workshop(context.store)
    main = make_window(qtbot, context)
    run = open_run(qtbot, context, workshop.id)
    type_note(qtbot, run, "Lunch club")  # the run window
    _activate(qtbot, main, main.tree)
    dialogs.text_answers = ["Second round 2016"]
    qtbot.keyClick(main.tree, Qt.Key.Key_N, CTRL | SHIFT)  # the library window
    _activate(qtbot, run, run.capture.box)
    type_note(qtbot, run, "Minibus")  # the run window again
    assert context.undo_stack.count() == 3

    _activate(qtbot, main, main.tree)  # the older window
    qtbot.keyClick(main.tree, Qt.Key.Key_Z, CTRL)
    assert texts(run) == ["Lunch club"]  # only the newest change, whoever made it
    assert "Second round 2016" in _titles(context.store)
    qtbot.keyClick(main.tree, Qt.Key.Key_Z, CTRL)
    assert "Second round 2016" not in _titles(context.store)
    assert texts(run) == ["Lunch club"]  # the run window's earlier note is untouched

    _activate(qtbot, run, run.capture.box)
    qtbot.keyClick(run.capture.box, Qt.Key.Key_Z, CTRL | SHIFT)  # redo, from the run window
    assert "Second round 2016" in _titles(context.store)
    assert dialogs.errors == [] and dialogs.infos == []


def test_two_windows_edit_one_workshop_and_undo_puts_back_only_the_newer_edit(
        qtbot, context, dialogs):
    main, run, before = _venue_set_in_the_library_window(qtbot, context)
    now = context.store.get_workshop(before.id)
    held = copy.deepcopy(now)
    held.status = WorkshopStatus.HELD
    assert run.session.run(EditWorkshopCommand(context.store, now, held))

    _activate(qtbot, main, main.tree)
    qtbot.keyClick(main.tree, Qt.Key.Key_Z, CTRL)
    after = context.store.get_workshop(before.id)
    assert after.status == before.status  # the run window's edit is undone…
    assert after.venue == "Village hall"  # …and the library window's is kept
    assert dialogs.infos == []


def test_undo_after_an_import_changed_the_note_is_refused_and_the_import_kept(
        qtbot, context, dialogs, builtin_formats, awkward_dir):
    main = make_window(qtbot, context)
    main.transfer.import_files([laptop_file(builtin_formats, awkward_dir, "base.workshop")])
    qtbot.waitUntil(lambda: main.transfer.import_run.done, timeout=10_000)
    main.transfer.summary_dialog.close()
    workshop = context.store.workshops()[0]
    run = open_run(qtbot, context, workshop.id)
    type_note(qtbot, run, "Bus to the lunch club")
    (ours,) = [n for n in context.store.notes() if n.text == "Bus to the lunch club"]

    # A colleague's laptop had our note and reworded it; its file comes back.
    mine = export_workshops(context.store, [workshop.id], awkward_dir / "mine.workshop").path
    other = open_library(None, builtin_formats)
    import_workshop_files(other.store, [mine])
    theirs = other.store.get_note(ours.id)
    theirs.text = "Bus to the lunch club on Fridays"
    other.store.update_note(theirs)
    back = export_workshops(other.store, [workshop.id], awkward_dir / "laptop.workshop").path
    other.close()
    _activate(qtbot, main)
    main.transfer.import_files([back])
    qtbot.waitUntil(lambda: main.transfer.import_run.done, timeout=10_000)
    main.transfer.summary_dialog.close()
    assert context.store.get_note(ours.id).text == "Bus to the lunch club on Fridays"

    _activate(qtbot, run, run.capture.box)
    type_note(qtbot, run, "Second idea")
    qtbot.keyClick(run.capture.box, Qt.Key.Key_Z, CTRL)  # the newest: undone as usual
    assert "Second idea" not in texts(run)
    qtbot.keyClick(run.capture.box, Qt.Key.Key_Z, CTRL)  # the imported note: refused
    assert len(dialogs.infos) == 1
    assert "Cannot undo “Add note “Bus to the lunch club””" in dialogs.infos[0]
    assert "import" in dialogs.infos[0]
    note = context.store.get_note(ours.id)
    assert (note.text, note.deleted) == ("Bus to the lunch club on Fridays", False)
    assert "Bus to the lunch club on Fridays" in texts(run)
    assert "Cannot undo" in run.statusBar().currentMessage()
    assert dialogs.errors == []


def test_undo_after_another_program_changed_the_workshop_is_refused(
        qtbot, disk_context, dialogs):
    context = disk_context
    main, run, before = _venue_set_in_the_library_window(qtbot, context)
    type_note(qtbot, run, "Befriending")
    with another_program(context.store.path) as other:  # the command line, meanwhile
        changed = other.get_workshop(before.id)
        changed.district = "Harborough"
        other.update_workshop(changed)

    qtbot.keyClick(run.capture.box, Qt.Key.Key_Z, CTRL)  # the note: nobody else touched it
    assert texts(run) == []
    _activate(qtbot, main, main.tree)
    qtbot.keyClick(main.tree, Qt.Key.Key_Z, CTRL)  # the venue: the row changed elsewhere
    assert "Cannot undo “Edit workshop W2”: the workshop changed since" in dialogs.infos[0]
    after = context.store.get_workshop(before.id)
    assert (after.venue, after.district) == ("Village hall", "Harborough")  # nothing lost
    assert context.undo_stack.count() == 1 and context.undo_stack.index() == 0
    assert context.undo_stack.redoText() == "Add note “Befriending”"
    assert dialogs.errors == []
