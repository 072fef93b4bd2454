"""The action plan view: a programme's actions grouped under its strategic priorities.

A tree: each priority (in the strategy's order, then "Not yet under a priority") holds its
actions, one row each with the columns of the council's Appendix A. Keyboard first:
arrows move, F2 or Enter edits the current row (an action's details, or a priority's
words), Ctrl+N adds an action, Ctrl+P a dated progress update, Delete deletes, Ctrl+Shift+Up
and Ctrl+Shift+Down move a priority; a click on a column heading (or View ▸ Sort by) sorts
the actions within each priority. Under the tree: where the current action came from
(notes, theme, workshops; it says so when they were deleted since) and its progress, newest
last. Every change is one command on the library's undo history.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator import APP_NAME
from facilitator.action_plan import (
    Action,
    ActionStatus,
    Priority,
    ProgressUpdate,
    status_key,
    timescale_key,
    timescale_label,
)
from facilitator.models import long_date
from facilitator.names import natural_key
from facilitator.store import action_plan as plan
from ui.announce import announce, tell
from ui.close_keys import add_close_keys
from ui.commands.action_plan import (
    AddActionsCommand,
    AddPriorityCommand,
    AddProgressCommand,
    DeleteActionsCommand,
    DeletePriorityCommand,
    DeleteProgressCommand,
    EditActionCommand,
    EditPriorityCommand,
    EditProgressCommand,
    ReorderPrioritiesCommand,
)
from ui.commands.base import StaleCommandError, try_push, undo_actions
from ui.context import AppContext
from ui.programme_box import fill_programmes

COLUMNS = ("Action", "Support area", "Lead", "Partners", "Timescale", "Measure of success",
           "Status", "From")
#: The dialog field F2 opens on, per column.
FIELDS = ("text", "support", "lead", "partners", "timescale", "measure", "status", "text")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "priority", "none" or "action"
NO_PRIORITY = "Not yet under a priority"


class ActionPlanWindow(QMainWindow):
    def __init__(self, context: AppContext, programme_id: str, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.undo_stack = context.undo_stack
        self.programme_id = programme_id
        self.sort_column: int | None = None
        self.sort_descending = False
        self.dialog = None  # the form open now (tests drive it by keyboard)
        self.setObjectName("ActionPlanWindow")
        self.resize(1280, 760)
        add_close_keys(self)

        self.programme_box = QComboBox()
        self.programme_box.setObjectName("planProgramme")
        self.programme_box.setAccessibleName("Programme")
        fill_programmes(self.programme_box, self.store, programme_id)
        self.programme_box.currentIndexChanged.connect(self._on_programme_chosen)
        bar = QToolBar("Programme")
        bar.setObjectName("planToolbar")
        bar.setMovable(False)
        title = QLabel(" &Programme: ")
        title.setBuddy(self.programme_box)
        bar.addWidget(title)
        bar.addWidget(self.programme_box)
        self.addToolBar(bar)

        self.tree = QTreeWidget()
        self.tree.setObjectName("actionPlanTree")
        self.tree.setAccessibleName("Action plan")
        self.tree.setAccessibleDescription(
            "Actions grouped by priority. F2 or Enter edits, Ctrl+N adds an action, "
            "Ctrl+P adds progress, Delete deletes.")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._on_header_clicked)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((330, 150, 140, 140, 100, 200, 90, 120)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemActivated.connect(lambda *_: self.edit_current())
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())

        self.sources_label = QLabel("")
        self.sources_label.setObjectName("actionSources")
        self.sources_label.setWordWrap(True)
        self.sources_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QListWidget()
        self.progress.setObjectName("progressList")
        self.progress.setAccessibleName("Key progress to date")
        self.progress.itemActivated.connect(lambda *_: self.edit_progress())
        progress_title = QLabel("&Key progress to date (Ctrl+P adds; F6 comes here):")
        progress_title.setBuddy(self.progress)
        details = QWidget()
        column = QVBoxLayout(details)
        column.setContentsMargins(8, 4, 8, 4)
        column.addWidget(self.sources_label)
        column.addWidget(progress_title)
        column.addWidget(self.progress, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.count_label = QLabel("")
        self.count_label.setObjectName("planCounts")
        self.statusBar().addPermanentWidget(self.count_label)

        self.menus: dict[str, QMenu] = {}
        self._build_menus()
        self._listen(True)
        self.refresh()
        self.tree.setFocus()

    _EVENTS = ("actions_changed", "notes_changed", "themes_changed", "workshops_changed",
               "programmes_changed")

    def _listen(self, on: bool) -> None:
        for name in self._EVENTS:
            event = getattr(self.store.events, name)
            (event.connect if on else event.disconnect)(self._on_changed)

    # ----------------------------------------------------------------- menus
    def _add(self, menu: str, text: str, slot, keys, tip: str, *, reason: str = "",
             widget=None) -> QAction:
        keys = (keys,) if isinstance(keys, str) else (keys or ())
        action = QAction(text, widget or self)
        action.setObjectName(text.replace("&", "").replace("…", "").strip())
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            tip = f"{tip} ({' or '.join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)})"
        else:
            action.setProperty("no_shortcut_reason", reason)
        if widget is not None:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        (widget or self).addAction(action)
        self.menus[menu].addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for key, title in (("file", "&File"), ("edit", "&Edit"), ("plan", "&Actions"),
                           ("priorities", "P&riorities"), ("view", "&View")):
            self.menus[key] = bar.addMenu(title)
        self._add("file", "&Export action plan…", self.export, "Ctrl+Shift+E",
                  "Appendix A as a Word document: a table of actions per priority")
        self.menus["file"].addSeparator()
        self._add("file", "&Close action plan", self.close, "Ctrl+W",
                  "Close this window (everything is already saved)")
        undo, redo = undo_actions(self.undo_stack, self, self._report)
        for action, name, tip in ((undo, "Undo", "Undo the last change (Ctrl+Z)"),
                                  (redo, "Redo", "Redo what was undone (Ctrl+Shift+Z or Ctrl+Y)")):
            action.setObjectName(name)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            self.addAction(action)
            self.menus["edit"].addAction(action)
        self._add("plan", "&New action…", self.new_action, "Ctrl+N",
                  "Write an action that did not come from a note")
        self._add("plan", "&Edit…", self.edit_current, "F2",
                  "Edit the current action's details, or the current priority's words "
                  "(Enter too)")
        self.progress_action = self._add(
            "plan", "Add &progress update…", self.add_progress, "Ctrl+P",
            "Key progress to date on the current action, with the date it happened")
        self._add("plan", "Edit progress &update…", self.edit_progress, None,
                  "Edit the progress update chosen in the list under the plan (Enter in the "
                  "list)", reason="Enter in the progress list")
        self._add("plan", "&Delete", self.delete_current, "Delete",
                  "Delete the current action or priority, or the chosen progress update "
                  "(Ctrl+Z brings it back)")
        self._add("plan", "Go to the &progress list", self.focus_progress, "F6",
                  "Move the keyboard between the plan and its progress list")
        self._add("priorities", "&New priority…", self.new_priority, "Ctrl+Shift+N",
                  "Add a strategic priority at the end of the list")
        self._add("priorities", "Move priority &up", lambda: self.move_priority(-1),
                  "Ctrl+Shift+Up", "Move the current priority one place earlier")
        self._add("priorities", "Move priority &down", lambda: self.move_priority(1),
                  "Ctrl+Shift+Down", "Move the current priority one place later")
        sort_menu = self.menus["view"].addMenu("&Sort by")
        sort_menu.setObjectName("Sort by")
        self.sort_actions = []
        for number, name in enumerate(("Order added", *COLUMNS[:-1])):
            action = sort_menu.addAction(name)
            action.setObjectName(f"Sort by {name}")
            action.setCheckable(True)
            action.setToolTip(f"Sort the actions in each priority by {name.lower()} "
                              "(choose it again to reverse)")
            action.setProperty("no_shortcut_reason",
                               "a list of the columns; or click a column heading")
            action.triggered.connect(lambda _c=False, n=number: self.sort_by(n - 1 if n else None))
            self.sort_actions.append(action)
        self.sort_actions[0].setChecked(True)

    # --------------------------------------------------------------- showing
    def programme_title(self) -> str:
        return self.programme_box.currentText()

    def _on_programme_chosen(self, _index: int) -> None:
        self.programme_id = self.programme_box.currentData()
        self.refresh()

    def show_programme(self, programme_id: str) -> None:
        """Show a programme (when opened again from the library window)."""
        fill_programmes(self.programme_box, self.store, programme_id)
        self.programme_id = self.programme_box.currentData()
        self.refresh()

    def _on_changed(self, _ids) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Build the tree again from the library, keeping the current row."""
        current = self.current_id()
        self.setWindowTitle(f"Action plan: {self.programme_title()} — {APP_NAME}")
        self.priorities = plan.priorities(self.store, self.programme_id)
        self.plan_actions = plan.actions(self.store, self.programme_id)
        codes = plan.workshop_codes(self.store, self.programme_id)
        self.tree.clear()
        groups: dict[str | None, QTreeWidgetItem] = {}
        for number, priority in enumerate(self.priorities, 1):
            item = QTreeWidgetItem([f"Priority {number}: {priority.text}"])
            item.setData(0, ID_ROLE, priority.id)
            item.setData(0, KIND_ROLE, "priority")
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setToolTip(0, item.text(0))
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)  # (only once it is in the tree)
            groups[priority.id] = item
        known = set(groups)
        loose = [a for a in self.plan_actions if a.priority_id not in known]
        if loose or not self.priorities:
            item = QTreeWidgetItem([NO_PRIORITY])
            item.setData(0, ID_ROLE, "")
            item.setData(0, KIND_ROLE, "none")
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)
            groups[None] = item
        for action in self._sorted(self.plan_actions):
            group = groups[action.priority_id if action.priority_id in known else None]
            group.addChild(self._action_item(action, codes))
        for item in groups.values():
            count = item.childCount()
            spoken = f"{item.text(0)}: {count} action{'s' if count != 1 else ''}"
            for column in range(len(COLUMNS)):  # (its other cells are blank, not nameless)
                item.setData(column, Qt.ItemDataRole.AccessibleTextRole, spoken)
        self.tree.expandAll()
        self._select(current)
        done = sum(1 for a in self.plan_actions if a.status == ActionStatus.DONE)
        self.count_label.setText(f"{len(self.plan_actions)} actions, {done} done, "
                                 f"{len(self.priorities)} priorities")
        self._show_details()

    def _action_item(self, action: Action, codes: dict[str, str]) -> QTreeWidgetItem:
        where = ", ".join(sorted((codes[w] for w in action.workshop_ids if w in codes),
                                 key=natural_key))
        values = (action.text, action.support_area, action.lead, action.partners,
                  timescale_label(action.timescale), action.measure,
                  ActionStatus(action.status).label, where)
        item = QTreeWidgetItem(list(values))
        item.setData(0, ID_ROLE, action.id)
        item.setData(0, KIND_ROLE, "action")
        for column, value in enumerate(values):
            item.setToolTip(column, value)
            if not value:  # a blank cell is still read: say what is missing
                item.setData(column, Qt.ItemDataRole.AccessibleTextRole,
                             f"No {COLUMNS[column].lower()}")
        spoken = [action.text] + [f"{name}: {value}" for name, value in
                                  zip(COLUMNS[1:], values[1:], strict=True) if value]
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, ". ".join(spoken))
        return item

    def _sorted(self, actions: list[Action]) -> list[Action]:
        if self.sort_column is None:
            return list(actions)
        column = self.sort_column
        keys = {
            4: lambda a: timescale_key(a.timescale),
            6: lambda a: status_key(a.status),
        }
        attr = ("text", "support_area", "lead", "partners", "timescale", "measure",
                "status")[column]
        key = keys.get(column, lambda a: (not getattr(a, attr), getattr(a, attr).casefold()))
        return sorted(actions, key=key, reverse=self.sort_descending)

    def sort_by(self, column: int | None) -> None:
        """Sort the actions within each priority (None: the order they were added); the
        same column again reverses the order."""
        if column is not None and column == self.sort_column:
            self.sort_descending = not self.sort_descending
        else:
            self.sort_column, self.sort_descending = column, False
        header = self.tree.header()
        header.setSortIndicatorShown(column is not None)
        if column is not None:
            header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if self.sort_descending
                                    else Qt.SortOrder.AscendingOrder)
        for number, action in enumerate(self.sort_actions):
            action.setChecked((number - 1 if number else None) == column)
        self.refresh()
        name = "order added" if column is None else COLUMNS[column].lower()
        announce(self, f"Sorted by {name}{', reversed' if self.sort_descending else ''}")

    def _on_header_clicked(self, column: int) -> None:
        if column < len(COLUMNS) - 1:
            self.sort_by(column)

    # ------------------------------------------------------------- the rows
    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def current_kind(self) -> str:
        item = self.tree.currentItem()
        return item.data(0, KIND_ROLE) if item is not None else ""

    def current_action(self) -> Action | None:
        if self.current_kind() != "action":
            return None
        return next((a for a in self.plan_actions if a.id == self.current_id()), None)

    def current_priority(self) -> Priority | None:
        if self.current_kind() != "priority":
            return None
        return next((p for p in self.priorities if p.id == self.current_id()), None)

    def _select(self, record_id: str | None) -> None:
        if record_id is not None:
            for item in self._items():
                if item.data(0, ID_ROLE) == record_id:
                    self.tree.setCurrentItem(item)
                    return
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first.child(0) if first.childCount() else first)

    def _items(self):
        for top in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(top)
            yield group
            for row in range(group.childCount()):
                yield group.child(row)

    def select(self, record_id: str) -> None:
        self._select(record_id)

    def _show_details(self) -> None:
        action = self.current_action()
        self.progress.clear()
        if action is None:
            self.sources_label.setText("Choose an action to see where it came from and its "
                                       "progress.")
            return
        sources = plan.sources(self.store, action)
        said = sources.describe() or "Written in the action plan (not from a note)."
        if action.source_text and action.source_text != action.text:
            said += f" The idea: “{action.source_text}”."
        self.sources_label.setText(said)
        self.sources_label.setAccessibleName(said)
        for update in plan.progress_updates(self.store, [action.id]):
            item = QListWidgetItem(f"{long_date(update.date)}: {update.text}")
            item.setData(ID_ROLE, update.id)
            self.progress.addItem(item)
        if self.progress.count():
            self.progress.setCurrentRow(self.progress.count() - 1)

    # ----------------------------------------------------------- changing
    def run(self, command) -> bool:
        return try_push(self.undo_stack, command, self._report)

    run_command = run

    def _report(self, exc: Exception) -> None:
        if isinstance(exc, StaleCommandError):
            tell(self, str(exc), 15000)
            self.context.dialogs.info(self, "Undo", str(exc))
        else:
            self.context.dialogs.error(self, "Action plan", str(exc))

    def _open(self, dialog, on_accept) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.finished.connect(lambda _r: self._closed_dialog(dialog))
        dialog.open()

    def _closed_dialog(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.activateWindow()
        self.tree.setFocus()

    def new_action(self) -> None:
        from ui.actions.dialogs import ActionDialog

        priority = self.current_priority()
        action = self.current_action()
        priority_id = priority.id if priority else (action.priority_id if action else None)
        fresh = Action(self.programme_id, "", priority_id=priority_id)
        dialog = ActionDialog(fresh, self.priorities, parent=self, title="New action")
        dialog.text.setPlaceholderText("What will be done")

        def save(d) -> None:
            made = d.result_action()
            if self.run(AddActionsCommand(self.store, [made],
                                          f"Add action “{made.text[:40]}”")):
                self.select(made.id)
                announce(self, "Action added")

        self._open(dialog, save)

    def edit_current(self) -> None:
        if self.current_kind() == "priority":
            self.edit_priority()
            return
        action = self.current_action()
        if action is None:
            tell(self, "Choose an action or a priority to edit (arrows move).", 5000)
            return
        from ui.actions.dialogs import ActionDialog

        column = max(0, self.tree.currentColumn())
        dialog = ActionDialog(action, self.priorities, parent=self,
                              focus=FIELDS[min(column, len(FIELDS) - 1)])

        def save(d) -> None:
            after = d.result_action()
            if after != action:
                self.run(EditActionCommand(self.store, action, after))
                self.select(after.id)

        self._open(dialog, save)

    def add_progress(self) -> None:
        action = self.current_action()
        if action is None:
            tell(self, "Choose an action first: progress belongs to an action.", 5000)
            return
        from ui.actions.dialogs import ProgressDialog

        dialog = ProgressDialog(ProgressUpdate(action.id, "", ""), action.text, parent=self)

        def save(d) -> None:
            if self.run(AddProgressCommand(self.store, d.result_update())):
                announce(self, "Progress added")

        self._open(dialog, save)

    def current_progress(self) -> ProgressUpdate | None:
        item = self.progress.currentItem()
        action = self.current_action()
        if item is None or action is None:
            return None
        return next((u for u in plan.progress_updates(self.store, [action.id])
                     if u.id == item.data(ID_ROLE)), None)

    def edit_progress(self) -> None:
        update, action = self.current_progress(), self.current_action()
        if update is None or action is None:
            tell(self, "Choose a progress update in the list under the plan (F6).", 5000)
            return
        from ui.actions.dialogs import ProgressDialog

        dialog = ProgressDialog(update, action.text, parent=self, title="Edit progress update")

        def save(d) -> None:
            after = d.result_update()
            if after != update:
                self.run(EditProgressCommand(self.store, update, after))

        self._open(dialog, save)

    def focus_progress(self) -> None:
        if self.progress.hasFocus():
            self.tree.setFocus()
        else:
            self.progress.setFocus()

    def delete_current(self) -> None:
        if self.progress.hasFocus():
            update = self.current_progress()
            if update is not None:
                self.run(DeleteProgressCommand(self.store, update))
            return
        kind = self.current_kind()
        if kind == "priority":
            priority = self.current_priority()
            if self.run(DeletePriorityCommand(self.store, priority)):
                tell(self, "Priority deleted; its actions are under “Not yet under a priority”."
                     " Ctrl+Z brings it back.", 8000)
            return
        action = self.current_action()
        if action is not None and self.run(DeleteActionsCommand(self.store, [action])):
            tell(self, "Action deleted. Ctrl+Z brings it back.", 6000)

    def new_priority(self) -> None:
        from ui.actions.dialogs import PriorityDialog

        position = max((p.position for p in self.priorities), default=0) + 1
        dialog = PriorityDialog(Priority(self.programme_id, "", position), parent=self)

        def save(d) -> None:
            made = d.result_priority()
            if self.run(AddPriorityCommand(self.store, made)):
                self.select(made.id)

        self._open(dialog, save)

    def edit_priority(self) -> None:
        priority = self.current_priority()
        if priority is None:
            return
        from ui.actions.dialogs import PriorityDialog

        dialog = PriorityDialog(priority, parent=self, title="Edit priority")

        def save(d) -> None:
            after = d.result_priority()
            if after.text != priority.text:
                self.run(EditPriorityCommand(self.store, priority, after))

        self._open(dialog, save)

    def move_priority(self, step: int) -> None:
        priority = self.current_priority()
        if priority is None:
            tell(self, "Choose a priority's row to move it.", 5000)
            return
        order = [p.id for p in self.priorities]
        index = order.index(priority.id)
        target = index + step
        if not 0 <= target < len(order):
            return
        moved = list(order)
        moved[index], moved[target] = moved[target], moved[index]
        if self.run(ReorderPrioritiesCommand(self.store, order, moved,
                                             f"Move priority {index + 1} "
                                             f"{'up' if step < 0 else 'down'}")):
            self.select(priority.id)
            announce(self, f"Priority now number {target + 1}")

    def export(self) -> None:
        from facilitator.reports.action_plan_doc import write_action_plan

        title = self.programme_title()
        path = self.context.dialogs.save_file(
            self, "Export action plan", "Word document (*.docx)",
            f"{title} - Action plan.docx")
        if not path:
            return
        try:
            write_action_plan(self.store, self.programme_id, path)
        except Exception as exc:  # noqa: BLE001 - a disk or permission problem, said plainly
            self.context.dialogs.error(self, "Export action plan", str(exc))
            return
        tell(self, f"Saved the action plan as {path}", 10000)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._listen(True)  # (again, after a close: the window is kept to be shown again)
        super().showEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._listen(False)
        super().closeEvent(event)
