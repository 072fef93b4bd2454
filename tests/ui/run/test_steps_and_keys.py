"""Guided steps from the keyboard, the help overlay, accessible names and tooltips."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QWidget

from tests.ui.run.helpers import ALT, CTRL, make_workshop, open_run, type_note
from ui.run import actions as run_actions


def test_next_and_previous_step_from_the_keyboard_while_typing(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    box = window.capture.box
    assert window.header.question.text() == (
        "WHO within Leicestershire communities most needs help and support?")
    qtbot.keyClick(box, Qt.Key.Key_PageDown, CTRL)
    assert window.session.step_key == "what"
    assert window.header.position.text() == "W2 · Step 2 of 3 · WHAT"
    qtbot.keyClick(box, Qt.Key.Key_Right, ALT)
    assert window.session.step_key == "how"
    qtbot.keyClick(box, Qt.Key.Key_Right, ALT)  # stays on the last step
    assert window.session.step_key == "how"
    qtbot.keyClick(box, Qt.Key.Key_Left, ALT)
    qtbot.keyClick(box, Qt.Key.Key_PageUp, CTRL)
    assert window.session.step_key == "who"
    assert QApplication.focusWidget() is box


def test_the_sidebar_shows_each_steps_count_and_choosing_a_row_changes_step(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    type_note(qtbot, window, "Carers")
    type_note(qtbot, window, "Young people")
    assert window.steps.item(0).text() == "1  WHO\n    2 notes"
    assert window.steps.item(2).text() == "3  HOW\n    0 notes"
    window.steps.setCurrentRow(2)
    assert window.session.step_key == "how"
    assert window.model.rowCount() == 0
    assert "0</b> notes on HOW" in window.count_label.text()


def test_each_step_has_its_own_card_colour(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    colours = []
    for _ in range(3):
        colours.append(window.board.delegate.colour.name())
        window.session.next_step()
    assert len(set(colours)) == 3


def test_f1_lists_the_shortcuts_and_escape_closes_it(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F1)
    overlay = window.help_overlay
    assert overlay.isVisible()
    text = overlay.text.text()
    for expected in ("Next step", "Ctrl+PgDown", "Group into theme", "Ctrl+G", "Undo", "F5",
                     "Shift+Enter", "Start timer"):
        assert expected in text, expected
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
    assert QApplication.focusWidget() is window.capture.box


def test_every_action_has_a_tooltip_naming_its_shortcut(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    window.session.set_step("how")
    for action in run_actions.all_actions(window):
        for shortcut in action.shortcuts():
            key = shortcut.toString(shortcut.SequenceFormat.NativeText)
            assert key in action.toolTip(), (action.text(), action.toolTip())


def test_every_focusable_control_has_an_accessible_name(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    window.session.set_step("how")
    controls = [w for w in window.findChildren(QWidget)
                if isinstance(w, QAbstractButton | QLineEdit | QPlainTextEdit) and w.isVisible()]
    controls += [window.board, window.steps]
    assert len(controls) > 8
    for widget in controls:
        assert widget.accessibleName(), widget.objectName() or widget
        assert widget.toolTip(), widget.objectName() or widget


def test_tab_order_goes_capture_box_table_board_steps(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    order = [QApplication.focusWidget()]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [window.capture.box, window.capture.table, window.board, window.steps]


def test_ctrl_plus_scales_the_question_and_the_cards_and_ctrl_0_goes_back(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    type_note(qtbot, window, "Carers")
    question = window.header.question.font().pointSizeF()
    card = window.board.delegate.card_size()
    try:
        qtbot.keyClick(window.capture.box, Qt.Key.Key_Plus, CTRL)
        qtbot.keyClick(window.capture.box, Qt.Key.Key_Plus, CTRL)
        assert window.header.question.font().pointSizeF() > question * 1.15
        assert window.board.delegate.card_size().width() > card.width()
        assert context.settings.text_scale > 1.15
    finally:
        qtbot.keyClick(window.capture.box, Qt.Key.Key_0, CTRL)
    assert window.header.question.font().pointSizeF() == question


def test_a_postponed_workshop_says_so_under_the_question(qtbot, context):
    from facilitator.models import WorkshopStatus

    workshop = make_workshop(context.store)
    workshop.status, workshop.status_reason = WorkshopStatus.POSTPONED, "Snow"
    context.store.update_workshop(workshop)
    window = open_run(qtbot, context, workshop.id)
    assert window.header.position.text() == "W2 · Step 1 of 3 · WHO"
    assert window.banner.isVisible()
    assert window.banner.text.text().startswith("W2 is marked postponed: Snow.")
