"""File ▸ Plan workshops from a spreadsheet…: the programme's workshops from a table, as the
``plan`` command does. Every row is checked and the changes listed before anything is
written; applying is one undoable step (new workshops, changed ones, and the programme if it
is new)."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
)

from facilitator.models import Programme, ValidationError
from facilitator.planning import (
    WorkshopPlan,
    change_lines,
    check_new_title,
    plan_workshops,
)
from facilitator.store import Store
from facilitator.transfer.notes_table import NoteTable
from ui.commands.base import CompositeCommand, StoreCommand
from ui.commands.library import AddProgrammeCommand, AddWorkshopCommand, EditWorkshopCommand
from ui.context import AppContext

NEW_PROGRAMME = "__new__"


class PlanWorkshopsCommand(CompositeCommand):
    """Apply a plan: the programme if new, the new workshops and the changed ones, together."""

    def __init__(self, store: Store, plan: WorkshopPlan) -> None:
        parts: list[StoreCommand] = []
        if plan.new_programme:
            parts.append(AddProgrammeCommand(store, plan.programme))
        parts += [AddWorkshopCommand(store, copy.deepcopy(w)) for w in plan.created]
        parts += [EditWorkshopCommand(store, before, after) for before, after in plan.updated]
        super().__init__(
            f"Plan workshops from {plan.source.name}: {len(plan.created)} created, "
            f"{len(plan.updated)} updated", store, parts,
        )


class PlanDialog(QDialog):
    """Choose the programme, see what the table would change; ``command`` is set on Apply."""

    def __init__(self, context: AppContext, table: NoteTable, programme_id: str | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.table = table
        self.plan: WorkshopPlan | None = None
        self.command: PlanWorkshopsCommand | None = None
        self.setObjectName("planDialog")
        self.setWindowTitle(f"Plan workshops from {table.source.name}")
        self.resize(720, 560)

        self.programme_box = self._build_programme_box(programme_id)
        self.title = QLineEdit()
        self.title.setObjectName("newProgrammeTitle")
        self.title.setAccessibleName("Title of the new programme")
        self.title.setPlaceholderText("e.g. Delivery Planning Workshops 2026")
        self.title_label = QLabel("New programme's &title:")
        self.title_label.setBuddy(self.title)
        form = QFormLayout()
        label = QLabel("&Programme:")
        label.setBuddy(self.programme_box)
        form.addRow(label, self.programme_box)
        form.addRow(self.title_label, self.title)

        self.status = QLabel()
        self.status.setObjectName("planStatus")
        self.status.setWordWrap(True)
        self.changes = QListWidget()
        self.changes.setObjectName("changeList")
        self.changes.setAccessibleName("What the table changes")
        self.problems = QListWidget()
        self.problems.setObjectName("problemList")
        self.problems.setAccessibleName("Rows that cannot be used")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton("&Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("applyPlanButton")
        self.apply_button.setDefault(True)
        self.buttons.accepted.connect(self.apply_plan)
        self.buttons.rejected.connect(self.reject)

        self._lay_out(form)
        self.programme_box.currentIndexChanged.connect(self.refresh)
        self.title.textChanged.connect(self.refresh)
        self.refresh()

    def _build_programme_box(self, programme_id: str | None) -> QComboBox:
        """The library's programmes and "A new programme…", at ``programme_id`` if given."""
        box = QComboBox()
        box.setObjectName("programmeBox")
        box.setAccessibleName("Programme")
        for programme in self.store.programmes():
            box.addItem(programme.title, programme.id)
        box.addItem("A new programme…", NEW_PROGRAMME)
        wanted = programme_id if programme_id else NEW_PROGRAMME
        if box.findData(wanted) >= 0:
            box.setCurrentIndex(box.findData(wanted))
        return box

    def _lay_out(self, form: QFormLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"{self.table.source.name}: {len(self.table.rows)} rows, one per workshop. A new "
            "code adds a workshop; a code the programme has updates it (an empty cell leaves "
            "that detail as it is). Nothing is written until you press Apply."))
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("Changes:"))
        layout.addWidget(self.changes, 2)
        layout.addWidget(QLabel("Rows that cannot be used:"))
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        for child in self.findChildren(QLabel):
            child.setWordWrap(True)

    def refresh(self, *_args) -> None:
        new = self.programme_box.currentData() == NEW_PROGRAMME
        self.title_label.setVisible(new)
        self.title.setVisible(new)
        self.changes.clear()
        self.problems.clear()
        self.plan = None
        self.apply_button.setEnabled(False)
        try:
            if new:
                title = " ".join(self.title.text().split())
                check_new_title(self.store, title)
                programme = Programme(title)
            else:
                programme = self.store.get_programme(self.programme_box.currentData())
            plan = plan_workshops(self.store, self.table, programme, new_programme=new)
        except ValidationError as exc:
            self.status.setText(str(exc))
            return
        self.plan = plan
        self.changes.addItems(change_lines(plan))
        self.problems.addItems(plan.problem_lines())
        text = f"{self.table.source.name}: {plan.describe()}."
        if plan.unused_columns:
            text += f" Columns not used: {', '.join(plan.unused_columns)}."
        self.status.setText(text)
        count = len(plan.created) + len(plan.updated)
        self.apply_button.setEnabled(count > 0)
        self.apply_button.setDefault(count > 0)  # Enter applies (Qt moves it to Cancel
        # while Apply is disabled)
        self.apply_button.setText(f"&Apply {count} change{'s' * (count != 1)}")

    def apply_plan(self) -> None:
        if self.plan is None or not (self.plan.created or self.plan.updated):
            return
        self.command = PlanWorkshopsCommand(self.store, self.plan)
        self.accept()
