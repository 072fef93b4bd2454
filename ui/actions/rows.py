"""The action plan's tree: its columns, its rows (a priority, "Not yet under a priority",
or an action with the columns of the council's Appendix A), sorting within each priority,
the current row, and under the tree where the current action came from and its progress.
A mixin of ``ActionPlanWindow`` (its ``tree``, ``store`` and labels)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QTreeWidgetItem

from facilitator import APP_NAME
from facilitator.action_plan import (
    Action,
    ActionStatus,
    Priority,
    status_key,
    timescale_key,
    timescale_label,
)
from facilitator.models import long_date
from facilitator.names import natural_key
from facilitator.reports.action_plan import contact_findings
from facilitator.store import action_plan as plan
from ui.actions.parts import PlanWindowParts
from ui.announce import announce
from ui.tree_items import child_items, top_level_items

COLUMNS = ("Action", "Support area", "Lead", "Partners", "Timescale", "Measure of success",
           "Status", "Priority", "From")
#: The columns the actions can be sorted by (within each priority).
SORTABLE = 7
#: The details form's field Alt+Enter opens on, per column.
FIELDS = ("text", "support", "lead", "partners", "timescale", "measure", "status", "priority",
          "text")
#: The action's field each column shows and edits in place (None: not edited there).
CELL_FIELDS = ("text", "support_area", "lead", "partners", "timescale", "measure", "status",
               "priority_id", None)


def cell_field(column: int) -> str:
    """The action's field ``column`` edits in place (asked only of the columns that do)."""
    field = CELL_FIELDS[column]
    assert field is not None, f"column {column} is not edited in place"
    return field


ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "priority", "none" or "action"
NO_PRIORITY = "Not yet under a priority"


class PlanRows(PlanWindowParts):
    """Showing the plan: the tree, its sorting, the current row and its details."""

    def refresh(self) -> None:
        """Build the tree again from the library, keeping the current row."""
        if self.editing is not None:
            self.refresh_pending = True  # after the cell being edited is saved or cancelled
            return
        self.refresh_pending = False
        current, column = self.current_id(), max(0, self.tree.currentColumn())
        self.setWindowTitle(f"Action plan: {self.programme_title()} — {APP_NAME}")
        self.priorities = plan.priorities(self.store, self.programme_id)
        self.plan_actions = plan.actions(self.store, self.programme_id)
        self.priority_numbers = {p.id: n for n, p in enumerate(self.priorities, 1)}
        self.priority_texts = {p.id: p.text for p in self.priorities}
        self.contact_warnings: dict[str, dict[str, str]] = {}
        for finding in contact_findings(self.store, self.plan_actions):
            self.contact_warnings.setdefault(finding.action_id, {})[finding.field] = \
                "; ".join(finding.reasons)
        codes = plan.workshop_codes(self.store, self.programme_id)
        self.tree.clear()
        groups: dict[str | None, QTreeWidgetItem] = {}
        for number, priority in enumerate(self.priorities, 1):
            item = QTreeWidgetItem([f"Priority {number}: {priority.text}"])
            item.setData(0, ID_ROLE, priority.id)
            item.setData(0, KIND_ROLE, "priority")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)  # its words, in place
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
        self._select(current, column)
        done = sum(1 for a in self.plan_actions if a.status == ActionStatus.DONE)
        self.count_label.setText(f"{len(self.plan_actions)} actions, {done} done, "
                                 f"{len(self.priorities)} priorities")
        self._show_details()

    def _action_item(self, action: Action, codes: dict[str, str]) -> QTreeWidgetItem:
        where = ", ".join(sorted((codes[w] for w in action.workshop_ids if w in codes),
                                 key=natural_key))
        priority_id = action.priority_id
        number = self.priority_numbers.get(priority_id) if priority_id else None
        values = (action.text, action.support_area, action.lead, action.partners,
                  timescale_label(action.timescale), action.measure,
                  ActionStatus(action.status).label, str(number) if number else "", where)
        item = QTreeWidgetItem(list(values))
        item.setData(0, ID_ROLE, action.id)
        item.setData(0, KIND_ROLE, "action")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        warnings = self.contact_warnings.get(action.id, {})
        for column, value in enumerate(values):
            item.setToolTip(column, value)
            if not value:  # a blank cell is still read: say what is missing
                item.setData(column, Qt.ItemDataRole.AccessibleTextRole,
                             f"No {COLUMNS[column].lower()}")
            field = CELL_FIELDS[column]
            found = warnings.get(field) if field else None
            if found:  # a lead or partners that looks like a private person's details
                said = f"Warning: looks like a private person's contact details ({found})"
                item.setIcon(column, self.warning_icon)
                item.setToolTip(column, f"{value}\n{said}; give a role or an organisation")
                item.setData(column, Qt.ItemDataRole.AccessibleTextRole,
                             f"{COLUMNS[column]}: {value}. {said}")
        if priority_id and number:
            item.setToolTip(7, f"Priority {number}: {self.priority_texts[priority_id]}")
        item.setData(7, Qt.ItemDataRole.AccessibleTextRole,
                     f"Priority {number}" if number else "Not yet under a priority")
        spoken = [action.text] + [f"{name}: {value}" for name, value in
                                  zip(COLUMNS[1:], values[1:], strict=True)
                                  if value and name != "Priority"]
        if warnings:
            spoken.append("Warning: lead or partners look like a private person's contact "
                          "details")
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, ". ".join(spoken))
        return item

    def _sorted(self, actions: list[Action]) -> list[Action]:
        if self.sort_column is None:
            return list(actions)
        column = self.sort_column
        keys: dict[int, Callable[[Action], Any]] = {
            4: lambda a: timescale_key(a.timescale),
            6: lambda a: status_key(a.status),
        }
        attr = ("text", "support_area", "lead", "partners", "timescale", "measure",
                "status")[column]
        key: Callable[[Action], Any] = keys.get(
            column, lambda a: (not getattr(a, attr), getattr(a, attr).casefold()))
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
        if column < SORTABLE:
            self.sort_by(column)

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

    def _select(self, record_id: str | None, column: int = 0) -> None:
        if record_id is not None:
            for item in self._items():
                if item.data(0, ID_ROLE) == record_id:
                    kind = item.data(0, KIND_ROLE)
                    self.tree.setCurrentItem(item, column if kind == "action" else 0)
                    return
        first = self.tree.topLevelItem(0)
        if first is not None:
            child = first.child(0)  # (None when it has no rows)
            self.tree.setCurrentItem(child if child is not None else first)

    def _items(self) -> Iterator[QTreeWidgetItem]:
        for group in top_level_items(self.tree):
            yield group
            yield from child_items(group)

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
        for field, found in self.contact_warnings.get(action.id, {}).items():
            said += (f" Warning: the {field} looks like a private person's contact details "
                     f"({found}); give a role or an organisation instead.")
        self.sources_label.setText(said)
        self.sources_label.setAccessibleName(said)
        for update in plan.progress_updates(self.store, [action.id]):
            item = QListWidgetItem(f"{long_date(update.date)}: {update.text}")
            item.setData(ID_ROLE, update.id)
            self.progress.addItem(item)
        if self.progress.count():
            self.progress.setCurrentRow(self.progress.count() - 1)
