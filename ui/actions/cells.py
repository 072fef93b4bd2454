"""Editing the action plan in place: F2 or Enter edits the current cell (an action's words,
support area, lead, partners, timescale, measure of success, status or priority; on a
priority's row, its words), Tab and Shift+Tab save it and go on to the next or previous
cell of the row, Enter saves, Escape cancels.

Each saved cell is one command on the library's undo history (``EditActionFieldCommand``),
made on the action as the editor opened on it: if the action changed in between (another
window, an import, another program) the change is refused and said, and the plan shows
the action as it now is. While a cell is being edited the tree is not rebuilt under it;
it is rebuilt once the editor closes. A refused value (a timescale that is no quarter or
date, an action with no words) is said in the status bar and the cell opens again with
what was typed.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate

from facilitator.action_plan import STATUSES, ActionStatus
from facilitator.models import ValidationError
from facilitator.reports.action_plan import contact_warnings, name_list
from ui.actions.dialogs import SUPPORT_AREAS, _timescale_text
from ui.actions.parts import PlanWindowParts
from ui.actions.rows import CELL_FIELDS, COLUMNS, ID_ROLE, KIND_ROLE, cell_field
from ui.announce import announce, tell
from ui.commands.action_plan import EditActionFieldCommand, EditPriorityTextCommand

#: The cells Tab moves through, in order (the "From" column is where the idea came from:
#: not edited).
EDITABLE = [column for column, field in enumerate(CELL_FIELDS) if field]
NO_PRIORITY_TEXT = "Not yet under a priority"


class CellDelegate(QStyledItemDelegate):
    """The editors of the plan's cells. It never writes into the tree: a saved value goes to
    the window (``commit_cell``), which runs the command once the editor has closed."""

    def __init__(self, window) -> None:
        super().__init__(window.tree)
        self.window = window

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        window = self.window
        edit = window.editing
        if edit is None:
            return None
        kind, record, column = edit
        label = "Priority" if kind == "priority" else COLUMNS[column]
        field = "text" if kind == "priority" else CELL_FIELDS[column]
        if field in ("status", "priority_id", "support_area"):
            editor = QComboBox(parent)
            if field == "status":
                for status in STATUSES:
                    editor.addItem(status.label, status.value)
            elif field == "priority_id":
                for number, priority in enumerate(window.priorities, 1):
                    short = priority.text if len(priority.text) < 70 else priority.text[:68] + "…"
                    editor.addItem(f"{number}. {short}", priority.id)
                editor.addItem(NO_PRIORITY_TEXT, None)
            else:
                editor.setEditable(True)
                editor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
                areas = dict.fromkeys([*SUPPORT_AREAS, *(a.support_area for a in
                                                         window.plan_actions if a.support_area)])
                editor.addItem("", "")
                for area in areas:
                    editor.addItem(area, area)
        else:
            editor = QLineEdit(parent)
            if field == "timescale":
                editor.setPlaceholderText("A quarter (Q3 2015) or a date (30/09/2015)")
            elif field in ("lead", "partners"):
                editor.setPlaceholderText("A team or organisation, not a private person")
        subject = record.text if len(record.text) <= 60 else record.text[:59] + "…"
        editor.setObjectName(f"cell_{field}")
        editor.setAccessibleName(f"{label} of “{subject}”" if kind == "action" else label)
        editor.setAccessibleDescription("Enter saves, Tab saves and goes to the next cell, "
                                        "Escape cancels")
        editor.installEventFilter(self)
        if isinstance(editor, QComboBox) and editor.isEditable():
            editor.lineEdit().installEventFilter(self)  # (Tab reaches it first)
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt override
        edit = self.window.editing
        if edit is None:
            return
        kind, record, column = edit
        typed = self.window.retyped
        if kind == "priority":
            editor.setText(record.text if typed is None else typed)
            return
        field = cell_field(column)
        if isinstance(editor, QComboBox):
            value = {"status": lambda: ActionStatus(record.status).value}.get(
                field, lambda: getattr(record, field))()
            found = editor.findData(value)
            if editor.isEditable():
                editor.setEditText(value if typed is None else typed)
            elif found >= 0:
                editor.setCurrentIndex(found)
            return
        value = getattr(record, field)
        editor.setText(typed if typed is not None else
                       (_timescale_text(value) if field == "timescale" else value))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt override
        if isinstance(editor, QComboBox):
            value = editor.currentText() if editor.isEditable() else editor.currentData()
        else:
            value = editor.text()
        self.window.commit_cell(value)

    def eventFilter(self, editor, event) -> bool:  # noqa: N802 - Qt override
        """Tab and Shift+Tab save the cell and open the next or previous one of the row (the
        tree would otherwise go down a row)."""
        inner = isinstance(editor.parentWidget(), QComboBox) and isinstance(editor, QLineEdit)
        if inner:  # an editable list's own text box: the list is the editor
            if not (event.type() == QEvent.Type.KeyPress
                    and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
                return False
            editor = editor.parentWidget()
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab,
                                                                    Qt.Key.Key_Backtab):
            step = -1 if (event.key() == Qt.Key.Key_Backtab or event.modifiers()
                          & Qt.KeyboardModifier.ShiftModifier) else 1
            self.window.tab_step = step
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)


class PlanCells(PlanWindowParts):
    """The window's side of editing in place (a mixin of ``ActionPlanWindow``)."""

    #: (kind, the record as the editor opened on it, column) while a cell is edited.
    editing = None
    #: What was typed into a refused cell, shown again when it reopens.
    retyped: str | None = None
    #: +1 / -1: Tab or Shift+Tab closed the editor, so the next or previous cell opens.
    tab_step = 0

    def edit_current(self) -> None:
        """F2 or Enter: edit the current cell (a priority's row: its words)."""
        item = self.tree.currentItem()
        kind = item.data(0, KIND_ROLE) if item is not None else ""
        if item is None or kind not in ("priority", "action"):
            tell(self, "Choose an action or a priority to edit (arrows move).", 5000)
            return
        if kind == "priority":
            self.edit_cell(item.data(0, ID_ROLE), 0)
            return
        column = max(0, self.tree.currentColumn())
        if CELL_FIELDS[column] is None:
            tell(self, "“From” is where the idea came from: it changes with its notes. "
                 "Alt+Enter opens the action's details.", 6000)
            return
        self.edit_cell(item.data(0, ID_ROLE), column)

    def edit_cell(self, record_id: str, column: int, typed: str | None = None) -> bool:
        """Open the editor on a cell of the action (or priority) ``record_id``."""
        if self.refresh_pending:
            self.refresh()
        item = next((i for i in self._items() if i.data(0, ID_ROLE) == record_id), None)
        if item is None:
            return False
        kind = item.data(0, KIND_ROLE)
        records = self.priorities if kind == "priority" else self.plan_actions
        record = next((r for r in records if r.id == record_id), None)
        if record is None:
            return False
        column = 0 if kind == "priority" else column
        self.editing = (kind, copy.deepcopy(record), column)
        self.retyped = typed
        self.tab_step = 0
        self.tree.setCurrentItem(item, column)
        self.tree.scrollToItem(item)
        self.tree.setFocus()
        self.tree.editItem(item, column)
        self.retyped = None
        return True

    def commit_cell(self, value) -> None:
        """The editor saved ``value``: run the command once the editor has closed (the tree
        is rebuilt by the change, and must not be while its editor is open)."""
        edit, self.editing = self.editing, None
        if edit is not None:
            QTimer.singleShot(0, self, lambda: self._save_cell(edit, value))

    def _save_cell(self, edit, value) -> None:
        kind, before, column = edit
        step, self.tab_step = self.tab_step, 0
        if kind == "priority":
            text = " ".join(str(value).split())
            if text != before.text:
                after = copy.deepcopy(before)
                after.text = text
                try:
                    after.validate()
                except ValidationError as exc:
                    self._refused(kind, before.id, column, str(exc), str(value))
                    return
                self.run(EditPriorityTextCommand(self.store, before, text))
            self._after_edit(before.id, column, 0)
            return
        field = cell_field(column)
        if field in ("text", "support_area"):
            value = " ".join(str(value).split())
        elif field in ("lead", "partners", "measure"):
            value = str(value).strip()
        elif field == "status":
            value = ActionStatus(value)
        after = copy.deepcopy(before)
        setattr(after, field, value)
        try:
            after.validate()  # (a timescale as typed becomes Q3 2015 or YYYY-MM-DD)
        except ValidationError as exc:
            self._refused(kind, before.id, column, str(exc), str(value))
            return
        value = getattr(after, field)
        if value != getattr(before, field):
            label = COLUMNS[column]
            if self.run(EditActionFieldCommand(self.store, before, field, value, label)):
                announce(self, f"{label} saved")
                if field in ("lead", "partners"):
                    self._warn_contact(label, value)
        self._after_edit(before.id, column, step)

    def _warn_contact(self, label: str, value: str) -> None:
        found = contact_warnings(value, name_list(self.store))
        if found:
            tell(self, f"Check “{label}”: it looks like a private person's contact details "
                 f"({'; '.join(found)}). Give a role or an organisation instead.", 15000)

    def _refused(self, kind: str, record_id: str, column: int, message: str,
                 typed: str) -> None:
        if self.refresh_pending:
            self.refresh()
        tell(self, message, 15000)
        announce(self, message, assertive=True)
        self.edit_cell(record_id, column, typed)

    def _after_edit(self, record_id: str, column: int, step: int) -> None:
        """The cell is saved (or was unchanged): the tree rebuilt if a change came while it
        was open, the same cell current, or (Tab) the next cell of the row open."""
        if self.refresh_pending:
            self.refresh()
        if step and column in EDITABLE:
            at = EDITABLE.index(column) + step
            if 0 <= at < len(EDITABLE):
                self.edit_cell(record_id, EDITABLE[at])
                return
        self._select(record_id, column)
        self.tree.setFocus()

    def cell_closed(self, _editor, _hint) -> None:
        """Escape (or the editor lost the focus without saving): nothing changes."""
        if self.editing is not None:
            self.editing = None
            QTimer.singleShot(0, self, self._after_cancel)

    def _after_cancel(self) -> None:
        if self.refresh_pending:
            self.refresh()
        self.tree.setFocus()
