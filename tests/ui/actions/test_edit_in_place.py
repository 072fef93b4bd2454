"""The action plan edited in place, keyboard only: F2 or Enter edits the current cell, Tab
saves it and goes on to the next cell, Enter saves, Escape cancels; each saved cell is one
step of Undo; a refused timescale reopens the cell with what was typed; an edit begun on
an action that changes meanwhile is refused and said; a private person's contact details
as partners are flagged in the cell, and the export asks first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from facilitator.action_plan import Action, ActionStatus, Priority
from facilitator.models import Programme
from facilitator.store import action_plan as plan
from tests.ui.actions.test_action_plan_window import _open_plan
from ui.actions.rows import ID_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


def _plan(store):
    programme = store.add_programme(Programme("Rutland 2026"))
    first = plan.save_priority(store, Priority(programme.id, "Capacity and resilience", 1))
    second = plan.save_priority(store, Priority(programme.id, "Groups run services", 2))
    [action] = plan.add_actions(store, [Action(programme.id, "Lunch clubs",
                                               priority_id=first.id)])
    return programme, first, second, action


def _focused_editor(qtbot, field):
    def found():
        widget = QApplication.focusWidget()
        while widget is not None:
            if widget.objectName() == f"cell_{field}":
                return widget
            widget = widget.parentWidget()
        return None
    qtbot.waitUntil(lambda: found() is not None)
    return found()


def _type(qtbot, field, text):
    editor = _focused_editor(qtbot, field)
    target = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    target.selectAll()
    qtbot.keyClicks(target, text)
    return target


def _row(window, action_id):
    return next(i for i in window._items() if i.data(0, ID_ROLE) == action_id)


def _cells(window, action_id):
    item = _row(window, action_id)
    return [item.text(c) for c in range(window.tree.columnCount())]


def test_tab_through_a_row_saving_each_cell_as_one_undo_step(qtbot, context, dialogs):
    store = context.store
    programme, first, second, action = _plan(store)
    window = _open_plan(qtbot, context, programme.id)
    assert window.current_action().id == action.id and window.tree.currentColumn() == 0
    steps = context.undo_stack.count()

    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = _type(qtbot, "text", "Lunch clubs in every village")
    assert editor.accessibleName() == "Action of “Lunch clubs”"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    editor = _type(qtbot, "support_area", "Support to keep going")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    editor = _type(qtbot, "lead", "Parish clerk")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    editor = _type(qtbot, "partners", "Age UK, jo.bloggs@example.com")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    editor = _type(qtbot, "timescale", "soon")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # refused: said, and the cell opens again with what was typed
    qtbot.waitUntil(lambda: "neither a quarter" in window.statusBar().currentMessage())
    editor = _focused_editor(qtbot, "timescale")
    assert editor.text() == "soon" and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "q3 2015")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)

    assert _cells(window, action.id) == [
        "Lunch clubs in every village", "Support to keep going", "Parish clerk",
        "Age UK, jo.bloggs@example.com", "Q3 2015", "", "Proposed", "1", ""]
    assert window.tree.currentColumn() == 4  # still on the timescale
    saved = plan.get_action(store, action.id)
    assert (saved.text, saved.support_area, saved.lead, saved.partners, saved.timescale) == (
        "Lunch clubs in every village", "Support to keep going", "Parish clerk",
        "Age UK, jo.bloggs@example.com", "Q3 2015")
    assert context.undo_stack.count() == steps + 5  # one step per cell
    assert context.undo_stack.undoText() == "Change the timescale of “Lunch clubs in every " \
        "village”"

    # the partners cell is flagged, seen and heard; a role as lead is not
    row = _row(window, action.id)
    assert not row.icon(3).isNull() and row.icon(2).isNull()
    assert row.data(3, ACCESSIBLE) == (
        "Partners: Age UK, jo.bloggs@example.com. Warning: looks like a private person's "
        "contact details (an email address: jo.bloggs@example.com)")
    assert "Warning: the partners looks like a private person's contact details" in \
        window.sources_label.text()

    # Ctrl+Z takes back one cell at a time
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _cells(window, action.id)[4] == "")
    assert _cells(window, action.id)[3] == "Age UK, jo.bloggs@example.com"

    # Escape cancels: nothing saved, no step added
    window.tree.setCurrentItem(_row(window, action.id), 5)
    qtbot.keyClick(window.tree, Qt.Key.Key_Return)  # Enter edits too
    editor = _type(qtbot, "measure", "Ten clubs")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
    assert plan.get_action(store, action.id).measure == ""
    assert (context.undo_stack.count(), context.undo_stack.index()) == (steps + 5, steps + 4)

    # status and priority are chosen from their lists; Shift+Tab goes back a cell
    window.tree.setCurrentItem(_row(window, action.id), 6)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    status = _focused_editor(qtbot, "status")
    assert isinstance(status, QComboBox)
    qtbot.keyClick(status, Qt.Key.Key_Down)  # agreed
    qtbot.keyClick(status, Qt.Key.Key_Tab)
    priority = _focused_editor(qtbot, "priority_id")
    assert [priority.itemText(i) for i in range(priority.count())] == [
        "1. Capacity and resilience", "2. Groups run services", "Not yet under a priority"]
    qtbot.keyClick(priority, Qt.Key.Key_Down)  # priority 2
    qtbot.keyClick(priority, Qt.Key.Key_Tab, SHIFT)
    status = _focused_editor(qtbot, "status")
    qtbot.keyClick(status, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
    saved = plan.get_action(store, action.id)
    assert (saved.status, saved.priority_id) == (ActionStatus.AGREED, second.id)
    moved = _row(window, action.id)
    assert moved.parent().text(0) == "Priority 2: Groups run services"
    assert window.current_action().id == action.id  # it moved, the keyboard with it

    # a priority's row edits its words in place
    window.tree.setCurrentItem(moved.parent(), 0)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = _focused_editor(qtbot, "text")
    assert isinstance(editor, QLineEdit) and editor.text() == "Groups run services"
    editor.selectAll()
    qtbot.keyClicks(editor, "Groups run local services")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: plan.get_priority(store, second.id).text ==
                    "Groups run local services")
    assert window.tree.currentItem().text(0) == "Priority 2: Groups run local services"
    window.close()


def test_an_edit_begun_before_another_change_is_refused(qtbot, context, dialogs):
    store = context.store
    programme, _first, _second, action = _plan(store)
    window = _open_plan(qtbot, context, programme.id)
    window.tree.setCurrentItem(_row(window, action.id), 2)
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = _type(qtbot, "lead", "Age UK")
    # meanwhile another window (or program) gives the action a lead
    other = plan.get_action(store, action.id)
    other.lead = "Communities Team"
    plan.update_actions(store, [other])
    assert editor.isVisible()  # the tree is not rebuilt under the cell being edited
    steps = context.undo_stack.count()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialogs.infos))
    assert "Cannot change the lead of “Lunch clubs”: it changed since you began editing" \
        in dialogs.infos[-1]
    assert plan.get_action(store, action.id).lead == "Communities Team"
    assert context.undo_stack.count() == steps
    qtbot.waitUntil(lambda: _cells(window, action.id)[2] == "Communities Team")
    window.close()


def test_the_export_asks_first_when_a_lead_looks_like_contact_details(
        qtbot, context, dialogs, tmp_path):
    store = context.store
    programme, _first, _second, action = _plan(store)
    action = plan.get_action(store, action.id)
    action.lead = "Mrs Patel 07700 900123"
    plan.update_actions(store, [action])
    window = _open_plan(qtbot, context, programme.id)
    target = tmp_path / "Plan.docx"
    dialogs.confirm_answers = [False]
    dialogs.file_answers = [str(target)]
    qtbot.keyClick(window.tree, Qt.Key.Key_E, CTRL | SHIFT)
    assert not target.exists()
    assert "Not exported" in window.statusBar().currentMessage()
    dialogs.confirm_answers = [True]
    qtbot.keyClick(window.tree, Qt.Key.Key_E, CTRL | SHIFT)
    assert target.is_file()
    window.close()
