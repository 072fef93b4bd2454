"""The action plan view: a programme's actions grouped under its strategic priorities.

A tree: each priority (in the strategy's order, then "Not yet under a priority") holds its
actions, one row each with the columns of the council's Appendix A. Keyboard first:
arrows move, F2 or Enter edits the current cell in place (Tab and Shift+Tab go on to the
next or previous cell, Escape cancels; a priority's row edits its words), Alt+Enter opens
the action's details as a form, Ctrl+N adds an action, Ctrl+P a dated progress update, Delete deletes, Ctrl+Shift+Up
and Ctrl+Shift+Down move a priority; a click on a column heading (or View ▸ Sort by) sorts
the actions within each priority. Under the tree: where the current action came from
(notes, theme, workshops; it says so when they were deleted since) and its progress, newest
last. Every change is one command on the library's undo history.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QSplitter,
    QStyle,
    QToolBar,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ui.actions.cells import CellDelegate, PlanCells
from ui.actions.changes import PlanChanges
from ui.actions.rows import (
    COLUMNS,
    FIELDS,
    ID_ROLE,
    KIND_ROLE,
    NO_PRIORITY,
    SORTABLE,
    PlanRows,
)
from ui.close_keys import CLOSE_KEYS
from ui.commands.base import undo_menu_entries
from ui.context import AppContext
from ui.programme_box import fill_programmes

__all__ = ["COLUMNS", "FIELDS", "ID_ROLE", "KIND_ROLE", "NO_PRIORITY", "ActionPlanWindow"]


class ActionPlanWindow(PlanRows, PlanCells, PlanChanges, QMainWindow):
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

        self._build_toolbar(programme_id)
        self.tree = self._build_tree()
        # Cells are edited in place with F2 or Enter only (typing moves by first letter).
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cell_delegate = CellDelegate(self)
        self.tree.setItemDelegate(self.cell_delegate)
        self.cell_delegate.closeEditor.connect(self.cell_closed)
        self.warning_icon = self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.refresh_pending = False
        self.tree.itemActivated.connect(lambda *_: self.edit_current())
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self._build_details())
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

    def _build_toolbar(self, programme_id: str) -> None:
        """The programme box (Alt+P), on a toolbar of its own."""
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

    def _build_tree(self) -> QTreeWidget:
        """The priorities and their actions, a column per field of Appendix A; a click on a
        heading sorts."""
        tree = QTreeWidget()
        tree.setObjectName("actionPlanTree")
        tree.setAccessibleName("Action plan")
        tree.setAccessibleDescription(
            "Actions grouped by priority. F2 or Enter edits the cell, Tab goes to the next "
            "cell, Escape cancels; Alt+Enter opens the details, Ctrl+N adds an action, "
            "Ctrl+P adds progress, Delete deletes.")
        tree.setColumnCount(len(COLUMNS))
        tree.setHeaderLabels(list(COLUMNS))
        tree.setUniformRowHeights(False)
        tree.setWordWrap(True)
        tree.setAlternatingRowColors(True)
        tree.setAllColumnsShowFocus(True)
        header = tree.header()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._on_header_clicked)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((330, 150, 140, 140, 100, 200, 90, 60, 120)):
            tree.setColumnWidth(column, width)
        return tree

    def _build_details(self) -> QWidget:
        """Under the tree: where the current action came from, and its progress (F6)."""
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
        under = QVBoxLayout(details)
        under.setContentsMargins(8, 4, 8, 4)
        under.addWidget(self.sources_label)
        under.addWidget(progress_title)
        under.addWidget(self.progress, 1)
        return details

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
        self._add("file", "&Close action plan", self.close, CLOSE_KEYS,
                  "Close this window (everything is already saved)")
        undo_menu_entries(self.undo_stack, self, self.menus["edit"], self._report)
        self._add("plan", "&New action…", self.new_action, "Ctrl+N",
                  "Write an action that did not come from a note")
        self._add("plan", "&Edit", self.edit_current, "F2",
                  "Edit the current cell in place, or the current priority's words (Enter "
                  "too; Tab goes on to the next cell, Escape cancels)")
        self._add("plan", "Edit &details…", self.edit_details, "Alt+Return",
                  "All of the current action's details in one form, on the current column's "
                  "field (or the current priority's words)")
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
        for number, name in enumerate(("Order added", *COLUMNS[:SORTABLE])):
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


    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._listen(True)  # (again, after a close: the window is kept to be shown again)
        super().showEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._listen(False)
        super().closeEvent(event)
