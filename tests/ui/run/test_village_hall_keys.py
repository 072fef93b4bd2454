"""The run window from the keyboard alone: where Tab goes on a step with tag chips."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.run.helpers import make_workshop, open_run, texts, type_note
from tests.ui.run.test_village_hall import postponed_workshop


def test_tab_goes_box_table_chips_board_steps_banner_and_round_again(qtbot, context):
    """Reading order (issue 15): the chips above the board come before it; from the board
    Tab goes round to the Steps list (top left) and the banner's button."""
    window = open_run(qtbot, context, postponed_workshop(context.store, "Snow").id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    bar = window.tag_bar
    qtbot.waitUntil(lambda: all(chip.isVisible() for chip in bar.chips))  # shown once queued
    expected = [window.capture.box, window.capture.table, *bar.chips, bar.clear_chip,
                bar.group_by_tag, window.board, window.steps, window.banner.button,
                window.capture.box]
    order = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    names = [w.objectName() for w in order]
    assert names == [w.objectName() for w in expected]


def test_the_presenter_shows_each_steps_own_countdown(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    box = window.capture.box
    qtbot.keyClick(box, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # start WHO's
    who = window.timer.countdown
    assert who.running
    qtbot.keyClick(box, Qt.Key.Key_F5)
    presenter = window.presenter
    qtbot.addWidget(presenter)
    assert presenter.face.countdown is who
    qtbot.keyClick(box, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.timer.countdown is not who and not window.timer.running
    assert presenter.face.countdown is window.timer.countdown
    qtbot.keyClick(box, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert presenter.face.countdown is who and who.running
    presenter.close()
    qtbot.keyClick(box, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # no error


def test_an_undo_that_cannot_be_written_leaves_undo_and_redo_telling_the_truth(
        qtbot, context, dialogs, monkeypatch):
    from facilitator.store import LibraryBusyError
    window = open_run(qtbot, context, make_workshop(context.store).id)
    type_note(qtbot, window, "Carers")
    stack = window.session.undo_stack
    real = context.store.set_notes_deleted

    def busy(*_args, **_kwargs):
        raise LibraryBusyError("The library is busy: OneDrive is writing to it.")

    monkeypatch.setattr(context.store, "set_notes_deleted", busy)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.errors == ["The library is busy: OneDrive is writing to it."]
    qtbot.waitUntil(lambda: stack.index() == 1)  # back where it was: nothing was undone
    assert stack.undoText() == "Add note “Carers”" and not stack.canRedo()
    assert texts(window) == ["Carers"]
    monkeypatch.setattr(context.store, "set_notes_deleted", real)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(window) == []  # tried again, and this time undone
    assert stack.redoText() == "Add note “Carers”"
    assert dialogs.errors == ["The library is busy: OneDrive is writing to it."]
    monkeypatch.setattr(context.store, "set_notes_deleted", busy)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(dialogs.errors) == 2
    qtbot.waitUntil(lambda: stack.index() == 0)  # the redo did not happen either
    assert stack.redoText() == "Add note “Carers”" and texts(window) == []
    assert len(dialogs.errors) == 2  # putting the stack back wrote nothing, asked nothing


def test_the_questions_height_shrinks_again_when_the_window_widens(qtbot, context):
    from tests.ui.run.test_village_hall import settle_layouts

    window = open_run(qtbot, context, make_workshop(context.store).id)
    question = window.header.question
    line = question.fontMetrics().lineSpacing()
    window.resize(700, 700)
    settle_layouts()
    assert question.height() >= 2 * line  # wrapped on a narrow window
    window.resize(1366, 738)
    settle_layouts()
    assert question.width() > question.fontMetrics().horizontalAdvance(question.text())
    assert question.minimumHeight() < 2 * line  # one line again, no gap under it


def test_a_long_table_label_keeps_its_start_on_the_card(qtbot, context):
    from PySide6.QtGui import QFontMetrics

    window = open_run(qtbot, context, make_workshop(context.store).id)
    window.capture.table.setText("Table 12 — Parish councils and the VCSE forum")
    type_note(qtbot, window, "Carers")
    delegate = window.board.delegate
    index = window.model.index_of(context.store.notes()[0].id)
    width = delegate.card_size().width() - 2 * 3 - 2 * 10  # the card's margins and padding
    shown = delegate.table_text(index, window.board.font(), width)
    assert shown.startswith("Table 12") and shown.endswith("…")
    assert QFontMetrics(window.board.font()).horizontalAdvance(shown) <= width


def test_an_undo_that_empties_the_board_gives_the_keyboard_back_to_the_box(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    type_note(qtbot, window, "Carers")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.board
    qtbot.keyClick(window.board, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(window) == []
    assert QApplication.focusWidget() is window.capture.box


def test_moving_a_card_to_another_step_leaves_the_next_one_selected(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    for text in ("Carers", "A lunch club", "Young carers"):
        type_note(qtbot, window, text)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F6)
    window.board.select_notes([context.store.notes()[1].id])  # "A lunch club": a WHAT idea
    window.move_menu.actions()[0].trigger()  # To WHAT
    assert texts(window) == ["Carers", "Young carers"]
    assert [window.model.note(i).text for i in window.board.selected_note_ids()] == [
        "Young carers"]


def test_a_workshop_opens_again_on_the_step_it_was_left_on(qtbot, context):
    workshop = make_workshop(context.store)
    window = open_run(qtbot, context, workshop.id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    window.close()
    again = open_run(qtbot, context, workshop.id)
    assert again.session.step_key == "how"
    assert again.header.position.text().endswith("Step 3 of 3 · HOW")
    assert again.capture.box.toPlainText() == ""
    assert QApplication.focusWidget() is again.capture.box
