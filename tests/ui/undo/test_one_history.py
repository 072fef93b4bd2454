"""One undo history per library: every window pushes onto ``context.undo_stack``; Ctrl+Z in
the capture box undoes the typing first; a listener that fails never unsaves a note."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.hostile import another_program
from tests.ui.run.helpers import CTRL, make_workshop, open_run, texts, type_note
from ui.main_window import MainWindow


def test_the_library_window_and_run_windows_share_one_history(qtbot, context):
    workshop = make_workshop(context.store)
    main = MainWindow(context)
    qtbot.addWidget(main)
    run = open_run(qtbot, context, workshop.id)
    assert main.undo_stack is run.session.undo_stack is context.undo_stack
    type_note(qtbot, run, "Lonely older men")
    undo = next(a for a in main.menus["edit"].actions() if a.objectName() == "Undo")
    assert undo.text() == "&Undo Add note “Lonely older men”"
    undo.trigger()  # from the library window
    assert texts(run) == []
    qtbot.keyClick(run.capture.box, Qt.Key.Key_Y, CTRL)  # redo from the run window
    assert texts(run) == ["Lonely older men"]


def test_ctrl_z_while_typing_undoes_the_typing_never_the_note_before(qtbot, context):
    run = open_run(qtbot, context, make_workshop(context.store).id)
    box = run.capture.box
    type_note(qtbot, run, "Carers need a break")
    qtbot.keyClicks(box, "Young carers")
    for _ in range(5):  # however often it is pressed while the box holds text
        if not box.toPlainText():
            break
        qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
        assert texts(run) == ["Carers need a break"]
    assert box.toPlainText() == ""
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # redo typing
    assert box.toPlainText() == "Young carers"
    assert texts(run) == ["Carers need a break"]
    box.clear()
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)  # empty box: the library's undo
    assert texts(run) == []


def test_a_failing_listener_never_shows_a_saved_note_as_not_saved(qtbot, context, dialogs):
    run = open_run(qtbot, context, make_workshop(context.store).id)

    def broken(_ids):
        raise RuntimeError("a view fell over")

    context.store.events.notes_changed.connect(broken)
    try:
        type_note(qtbot, run, "Bus to the day centre")
        qtbot.keyClick(run.capture.box, Qt.Key.Key_Return)  # Enter again: nothing twice
    finally:
        context.store.events.notes_changed.disconnect(broken)
    assert texts(run) == ["Bus to the day centre"]
    assert run.capture.box.toPlainText() == ""
    assert dialogs.errors == []
    assert run.saved_label.text().startswith("All changes saved at ")
    assert context.undo_stack.count() == 1


def test_undo_after_another_program_changed_the_note_is_refused(qtbot, disk_context, dialogs):
    context = disk_context
    run = open_run(qtbot, context, make_workshop(context.store).id)
    type_note(qtbot, run, "Befriending calls")
    type_note(qtbot, run, "Lunch club")
    with another_program(context.store.path) as other:
        note = next(n for n in other.notes() if n.text == "Lunch club")
        note.text = "Lunch club on Fridays"
        other.update_note(note)
    qtbot.keyClick(run.capture.box, Qt.Key.Key_Z, CTRL)
    assert "Cannot undo “Add note “Lunch club””" in dialogs.infos[0]
    assert "the note changed since" in dialogs.infos[0]
    assert texts(run) == ["Befriending calls", "Lunch club on Fridays"]  # nothing lost
    assert dialogs.errors == []
    assert context.undo_stack.count() == 1  # the refused step is gone from the history
    assert context.undo_stack.undoText() == "Add note “Befriending calls”"
    qtbot.keyClick(run.capture.box, Qt.Key.Key_Z, CTRL)  # goes on to the change before
    assert texts(run) == ["Lunch club on Fridays"]
