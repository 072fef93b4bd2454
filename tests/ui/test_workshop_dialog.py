"""Setting up a workshop: the dialog from the library window, postponing, attendance, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from facilitator.models import Attendance, Programme, Workshop, WorkshopStatus
from tests.ui.windows import show_main_window
from ui import run as run_feature
from ui.commands.library import EditWorkshopCommand
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def library_window(qtbot, context) -> MainWindow:
    context.store.add_programme(Programme("Delivery planning 2015", area="Leicestershire"))
    return show_main_window(qtbot, context)


def fill(qtbot, widget, text: str) -> None:
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def test_ctrl_n_sets_up_a_workshop_and_save_only_saves(qtbot, context):
    window = library_window(qtbot, context)
    qtbot.keyClick(window.tree, Qt.Key.Key_N, CTRL)
    dialog = window.workshop_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.code
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isDefault()
    fill(qtbot, dialog.code, "W2")
    fill(qtbot, dialog.theme_question, "How can I help and support older people?")
    fill(qtbot, dialog.date, "2015-03-04")
    fill(qtbot, dialog.venue, "Market Harborough library")
    fill(qtbot, dialog.district, "Harborough")
    fill(qtbot, dialog.facilitators, "A. Facilitator")
    fill(qtbot, dialog.attendance.boxes["residents"], "12")
    dialog.attendance.boxes["council_officers"].setValue(3)
    assert dialog.attendance.total_label.text() == "<b>15</b> people"
    qtbot.keyClick(dialog.facilitators, Qt.Key.Key_Return)  # Enter is plain Save
    (workshop,) = context.store.workshops()
    assert (workshop.code, workshop.date, workshop.venue, workshop.format_key) == (
        "W2", "2015-03-04", "Market Harborough library", "delivery-planning")
    assert context.store.attendance(workshop.id).counts == {"residents": 12, "council_officers": 3}
    assert window.run_windows == {}
    # the new workshop is the current row: Enter runs it when the user is ready
    assert window.selected_ids("workshop") == [workshop.id]
    assert "Added workshop W2" in window.statusBar().currentMessage()
    assert window.undo_stack.undoText() == "Add workshop W2"
    window.undo_stack.undo()
    assert context.store.workshops() == []


def test_save_and_start_opens_the_run_window(qtbot, context):
    window = library_window(qtbot, context)
    dialog = run_feature.new_workshop(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.start_button.text() == "Save and sta&rt"
    fill(qtbot, dialog.code, "W4")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    (workshop,) = context.store.workshops()
    run = window.run_windows[workshop.id]
    qtbot.addWidget(run)
    assert run.isVisible()
    assert window.undo_stack.undoText() == "Add workshop W4"


def test_ctrl_enter_saves_and_starts_and_a_problem_starts_nothing(qtbot, context):
    window = library_window(qtbot, context)
    dialog = run_feature.new_workshop(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return, CTRL)
    assert "needs a code" in dialog.error_label.text()
    assert dialog.isVisible() and not dialog.start_after
    qtbot.keyClicks(dialog.code, "W6")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return, CTRL)
    (workshop,) = context.store.workshops()
    qtbot.addWidget(window.run_windows[workshop.id])
    assert window.run_windows[workshop.id].isVisible()


def test_editing_a_workshop_offers_no_start(qtbot, context):
    from ui.workshop_dialog import WorkshopDialog

    programme = context.store.add_programme(Programme("P"))
    workshop = context.store.add_workshop(
        Workshop(programme.id, "W1", "Healthy and active", "delivery-planning"))
    dialog = WorkshopDialog(context, workshop)
    qtbot.addWidget(dialog)
    assert dialog.start_button is None


def test_a_missing_code_or_bad_date_is_named_and_the_dialog_stays(qtbot, context):
    window = library_window(qtbot, context)
    dialog = run_feature.new_workshop(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "needs a code" in dialog.error_label.text()
    fill(qtbot, dialog.code, "W9")
    fill(qtbot, dialog.date, "4th March")
    save(qtbot, dialog)
    assert "'4th March' is not a date (use YYYY-MM-DD)" in dialog.error_label.text()
    assert context.store.workshops() == []


def test_enter_with_a_problem_puts_the_keyboard_in_the_field_named(qtbot, context):
    window = library_window(qtbot, context)
    dialog = run_feature.new_workshop(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.venue.setFocus()
    qtbot.keyClicks(dialog.venue, "Village hall")
    qtbot.keyClick(dialog.venue, Qt.Key.Key_Return)
    assert "needs a code" in dialog.error_label.text()
    assert QApplication.focusWidget() is dialog.code
    qtbot.keyClicks(dialog.code, "W9")
    dialog.date.setText("4th March")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is dialog.date
    assert dialog.date.selectedText() == "4th March"
    qtbot.keyClicks(dialog.date, "2015-03-04")
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    assert [w.date for w in context.store.workshops()] == ["2015-03-04"]


def test_postponing_asks_why_and_offers_a_new_date(qtbot, context):
    window = library_window(qtbot, context)
    programme = context.store.programmes()[0]
    workshop = context.store.add_workshop(
        Workshop(programme.id, "W3", "Families with young children", "delivery-planning",
                 date="2015-02-03"))
    context.store.set_attendance(Attendance(workshop.id, {"residents": 4}))
    window.tree.setCurrentIndex(window.model.index(0, 0, window.model.index(0, 0)))
    window.tree.selectionModel().select(window.tree.currentIndex(),
                                        window.tree.selectionModel().SelectionFlag.Rows
                                        | window.tree.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(window.tree, Qt.Key.Key_E, CTRL)
    dialog = window.workshop_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.code.text() == "W3"
    assert dialog.attendance.boxes["residents"].value() == 4
    assert not dialog.reason.isVisible()
    dialog.status.setCurrentIndex(dialog.status.findData("postponed"))
    assert dialog.reason.isVisible() and dialog.new_date.isVisible()
    assert dialog.reason_label.text() == "&Why postponed?"
    assert QApplication.focusWidget() is dialog.reason
    save(qtbot, dialog)
    assert "say why" in dialog.error_label.text()
    qtbot.keyClicks(dialog.reason, "Snow")
    fill(qtbot, dialog.new_date, "2015-03-10")
    save(qtbot, dialog)
    saved = context.store.get_workshop(workshop.id)
    assert (saved.status, saved.status_reason, saved.rescheduled_date) == (
        WorkshopStatus.POSTPONED, "Snow", "2015-03-10")
    assert window.undo_stack.undoText() == "Mark workshop W3 postponed"
    window.undo_stack.undo()
    assert context.store.get_workshop(workshop.id).status == WorkshopStatus.PLANNED


def test_attendance_can_be_entered_after_the_session_from_the_run_window(qtbot, context):
    programme = context.store.add_programme(Programme("P"))
    workshop = context.store.add_workshop(
        Workshop(programme.id, "W1", "Healthy and active", "delivery-planning"))
    from tests.ui.run.helpers import open_run

    run = open_run(qtbot, context, workshop.id)
    qtbot.keyClick(run.capture.box, Qt.Key.Key_E, CTRL)
    dialog = run.workshop_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.attendance.boxes["vcse_groups"].setValue(7)
    dialog.status.setCurrentIndex(dialog.status.findData("held"))
    save(qtbot, dialog)
    assert context.store.attendance(workshop.id).total == 7
    assert context.store.get_workshop(workshop.id).status == WorkshopStatus.HELD
    assert run.session.undo_stack.undoText() == "Mark workshop W1 held"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is run)
    qtbot.keyClick(run.capture.box, Qt.Key.Key_Z, CTRL)
    assert context.store.attendance(workshop.id).total == 0


def test_undoing_the_new_workshop_in_the_library_closes_its_run_window(qtbot, context):
    window = library_window(qtbot, context)
    dialog = run_feature.new_workshop(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    fill(qtbot, dialog.code, "W5")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    (workshop,) = context.store.workshops()
    run = window.run_windows[workshop.id]
    qtbot.addWidget(run)
    edited = context.store.get_workshop(workshop.id)
    edited.code = "W5a"
    # Through the library's one history (a change made behind it would make the undo of
    # the add refuse: see tests/ui/undo).
    assert window.run_command(EditWorkshopCommand(context.store, workshop, edited))
    assert run.header.position.text().startswith("W5a · Step 1 of 3")
    assert run.windowTitle().startswith("W5a: ")
    window.undo_stack.undo()  # the edit
    assert run.windowTitle().startswith("W5: ")
    window.undo_stack.undo()  # the new workshop
    assert not run.isVisible()
    assert workshop.id not in window.run_windows


def test_a_long_programme_title_keeps_the_dialog_on_a_1366_pixel_screen(qtbot, context):
    from ui.app import apply_text_scale
    from ui.workshop_dialog import WorkshopDialog

    title = ("Communities Strategy Delivery Planning Workshops 2015, a very long title typed "
             "in full with the consultation reference CSD/2015/004 and every district")
    programme = context.store.add_programme(Programme(title, area="Leicestershire"))
    apply_text_scale(QApplication.instance(), 1.5)
    try:
        dialog = WorkshopDialog(context, None, programme.id)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.sizeHint().width() <= 1366
        assert dialog.programme.currentText() == title
        assert dialog.programme.itemData(0, Qt.ItemDataRole.ToolTipRole) == title
    finally:
        apply_text_scale(QApplication.instance(), 1.0)


def test_the_same_workshops_details_open_from_two_windows_share_one_dialog(qtbot, context):
    from tests.ui.run.helpers import open_run
    from ui.workshop_dialog import WorkshopDialog

    window = library_window(qtbot, context)
    programme = context.store.programmes()[0]
    workshop = context.store.add_workshop(
        Workshop(programme.id, "W2", "Older people", "delivery-planning"))
    window.tree.setCurrentIndex(window._workshop_index(workshop.id))
    first = run_feature.edit_workshop(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    fill(qtbot, first.venue, "Melton Mowbray Library")
    run = open_run(qtbot, context, workshop.id)
    qtbot.keyClick(run.capture.box, Qt.Key.Key_E, CTRL)
    assert run.workshop_dialog is first
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, WorkshopDialog) and w.isVisible()]
    assert shown == [first]
    first.status.setCurrentIndex(first.status.findData("held"))
    save(qtbot, first)
    saved = context.store.get_workshop(workshop.id)
    assert (saved.venue, saved.status) == ("Melton Mowbray Library", WorkshopStatus.HELD)


def test_every_control_has_a_name_and_a_tooltip_whose_alt_key_reaches_it(qtbot, context):
    import re

    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    from tests.ui.a11y_audit import name_of

    window = library_window(qtbot, context)
    dialog = run_feature.new_workshop(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("postponed"))
    controls = [w for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)
                for w in dialog.findChildren(kind)
                if w.isVisible() and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)]
    assert len(controls) > 15
    for widget in controls:
        # What a screen reader reads (a button's visible text is its name: issue 15).
        assert name_of(widget), widget.objectName()
        assert widget.toolTip(), widget.objectName()
    for field in (dialog.code, dialog.date, dialog.venue, dialog.reason, dialog.new_date,
                  dialog.programme, dialog.status):
        match = re.search(r"\(Alt\+(\w)\)$", field.toolTip())
        assert match, (field.objectName(), field.toolTip())
        key = QKeySequence(f"Alt+{match.group(1)}")[0]
        qtbot.keyClick(QApplication.focusWidget(), key.key(), key.keyboardModifiers())
        assert QApplication.focusWidget() is field, field.objectName()


def test_ctrl_n_with_no_programme_asks_for_its_title_first(qtbot, main_window, context, dialogs):
    window = main_window
    dialogs.text_answers = [None]  # Cancel: no programme, no dialog
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert context.store.programmes() == []
    assert getattr(window, "workshop_dialog", None) is None
    dialogs.text_answers = ["Communities Strategy 2015"]
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    (programme,) = context.store.programmes()
    dialog = window.workshop_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.programme.currentData() == programme.id
    assert QApplication.focusWidget() is dialog.code


def test_dates_typed_the_british_way_are_kept_as_iso_dates(qtbot, context):
    window = library_window(qtbot, context)
    dialog = run_feature.new_workshop(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    fill(qtbot, dialog.code, "W3")
    fill(qtbot, dialog.date, "3/2/2015")
    dialog.status.setCurrentIndex(dialog.status.findData("postponed"))
    fill(qtbot, dialog.reason, "Snow")
    fill(qtbot, dialog.new_date, "13 March 2015")
    save(qtbot, dialog)
    (workshop,) = context.store.workshops()
    assert (workshop.date, workshop.rescheduled_date) == ("2015-02-03", "2015-03-13")
