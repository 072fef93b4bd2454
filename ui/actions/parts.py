"""What the action plan window's parts (``rows``, ``cells``, ``changes``: mixins of
``ActionPlanWindow``) use of the window and of one another, declared once for the type
checker. At run time ``PlanWindowParts`` is plain ``object``: the mixins gain nothing from
it, and the window (``window.py``) is what sets and defines all of this."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtGui import QAction, QIcon, QUndoStack
    from PySide6.QtWidgets import (
        QComboBox,
        QDialog,
        QLabel,
        QListWidget,
        QMainWindow,
        QMenu,
        QTreeWidget,
        QTreeWidgetItem,
    )

    from facilitator.action_plan import Action, Priority
    from facilitator.store import Store
    from ui.commands.base import StoreCommand
    from ui.context import AppContext

    #: A cell being edited: ("action" or "priority", the record as the editor opened on
    #: it, its column).
    Editing = tuple[str, Action | Priority, int]

    class PlanWindowParts(QMainWindow):
        # Set by ActionPlanWindow.__init__:
        context: AppContext
        store: Store
        undo_stack: QUndoStack
        programme_id: str
        programme_box: QComboBox
        tree: QTreeWidget
        warning_icon: QIcon
        refresh_pending: bool
        sources_label: QLabel
        progress: QListWidget
        count_label: QLabel
        menus: dict[str, QMenu]
        progress_action: QAction
        sort_actions: list[QAction]
        sort_column: int | None
        sort_descending: bool
        #: The form open now (tests drive it by keyboard).
        dialog: QDialog | None
        # Kept by the rows (rows.py) as the tree is built:
        priorities: list[Priority]
        plan_actions: list[Action]
        # The cell being edited (cells.py):
        editing: Editing | None
        retyped: str | None
        tab_step: int

        def programme_title(self) -> str: ...
        # rows.py
        def refresh(self) -> None: ...
        def current_id(self) -> str | None: ...
        def current_kind(self) -> str: ...
        def current_action(self) -> Action | None: ...
        def current_priority(self) -> Priority | None: ...
        def select(self, record_id: str) -> None: ...
        def _select(self, record_id: str | None, column: int = 0) -> None: ...
        def _items(self) -> Iterator[QTreeWidgetItem]: ...
        def _show_details(self) -> None: ...
        # cells.py
        def edit_current(self) -> None: ...
        def edit_cell(self, record_id: str, column: int, typed: str | None = None) -> bool: ...
        def commit_cell(self, value: object) -> None: ...
        # changes.py
        def run(self, command: StoreCommand) -> bool: ...
        def edit_details(self) -> None: ...
        def edit_progress(self) -> None: ...
        def edit_priority(self) -> None: ...
        def _report(self, exc: Exception) -> None: ...
else:
    PlanWindowParts = object
