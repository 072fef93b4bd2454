"""The action plan's two forms: an action's details, and a dated progress update.

Both are keyboard first: every field has a label with a mnemonic, Enter in a field saves
(Ctrl+Enter too), Escape cancels, and a refusal (a timescale that is no quarter or date,
progress dated in the future) is shown in the form, which stays open with what was typed.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from facilitator.action_plan import STATUSES, Action, ActionStatus, Priority, ProgressUpdate
from facilitator.models import ValidationError
from ui.announce import announce

#: The four support areas of the HOW question (seed 003), offered for "Support area".
SUPPORT_AREAS = ("Willingness to do things", "Understanding what works",
                 "Support to get started", "Support to keep going")


class _Form(QDialog):
    def __init__(self, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = QFormLayout()
        self.error = QLabel("")
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4262c; font-weight: bold;")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.try_accept)

    def line(self, label: str, text: str, name: str, tip: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setAccessibleName(label.replace("&", ""))
        if tip:
            edit.setToolTip(tip)
            edit.setPlaceholderText(tip)
        edit.returnPressed.connect(self.try_accept)
        self._row(label, edit)
        return edit

    def combo(self, label: str, name: str, items: Sequence[tuple[str, object]],
              current: object, editable: bool = False) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setAccessibleName(label.replace("&", "").rstrip(":"))
        box.setEditable(editable)
        for text, data in items:
            box.addItem(text, data)
        index = box.findData(current)
        if index >= 0:
            box.setCurrentIndex(index)
        elif editable:
            box.setEditText(str(current or ""))
        line = box.lineEdit()  # (an editable box's own text box)
        if editable and line is not None:
            line.returnPressed.connect(self.try_accept)
        self._row(label, box)
        return box

    def _row(self, label: str, widget) -> None:
        title = QLabel(label)
        title.setBuddy(widget)
        self.form.addRow(title, widget)

    def refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        announce(self, message, assertive=True)

    def try_accept(self) -> None:
        try:
            self.check()
        except ValidationError as exc:
            self.refuse(str(exc))
            return
        self.accept()

    def check(self) -> None:
        raise NotImplementedError


class ActionDialog(_Form):
    """An action's details; ``result_action()`` is the action as saved."""

    def __init__(self, action: Action, priorities: list[Priority], support_areas=(),
                 parent=None, title: str = "Edit action", focus: str = "text") -> None:
        super().__init__(title, parent)
        self.setObjectName("actionDialog")
        self.original = copy.deepcopy(action)
        self.action = copy.deepcopy(action)
        self.text = self.line("&Action:", action.text, "actionText")
        self.text.setMinimumWidth(self.text.fontMetrics().averageCharWidth() * 70)
        items: list[tuple[str, str | None]] = [
            (f"{n}. {p.text}" if len(p.text) < 90 else f"{n}. {p.text[:88]}…", p.id)
            for n, p in enumerate(priorities, 1)]
        items.append(("Not yet under a priority", None))
        self.priority = self.combo("&Priority:", "actionPriority", items, action.priority_id)
        areas = list(dict.fromkeys([*SUPPORT_AREAS, *support_areas]))
        self.support = self.combo("&Support area:", "actionSupportArea",
                                  [("", "")] + [(a, a) for a in areas], action.support_area,
                                  editable=True)
        self.lead = self.line("&Lead:", action.lead, "actionLead",
                              "Who leads: a team or organisation, not a private person")
        self.partners = self.line("Pa&rtners:", action.partners, "actionPartners",
                                  "Organisations working with the lead")
        self.timescale = self.line("&Timescale:", _timescale_text(action.timescale),
                                   "actionTimescale", "A quarter (Q3 2015) or a date (30/09/2015)")
        self.measure = self.line("&Measure of success:", action.measure, "actionMeasure",
                                 "How you will know it worked")
        self.status = self.combo("Stat&us:", "actionStatus",
                                 [(s.label, s.value) for s in STATUSES],
                                 ActionStatus(action.status).value)
        fields = {"text": self.text, "priority": self.priority, "support": self.support,
                  "lead": self.lead, "partners": self.partners, "timescale": self.timescale,
                  "measure": self.measure, "status": self.status}
        self.first = fields.get(focus, self.text)
        self.first.setFocus()

    def check(self) -> None:
        action = copy.deepcopy(self.original)
        action.text = " ".join(self.text.text().split())
        action.priority_id = self.priority.currentData()
        action.support_area = " ".join(self.support.currentText().split())
        action.lead = self.lead.text().strip()
        action.partners = self.partners.text().strip()
        action.timescale = self.timescale.text()
        action.measure = self.measure.text().strip()
        action.status = ActionStatus(self.status.currentData())
        action.validate()
        self.action = action

    def result_action(self) -> Action:
        return self.action


def _timescale_text(timescale: str) -> str:
    """A date shown the UK way for editing; a quarter as it is."""
    if timescale[:1].isdigit():
        year, month, day = timescale.split("-")
        return f"{day}/{month}/{year}"
    return timescale


class ProgressDialog(_Form):
    """ "Key progress to date": what happened and when (not in the future)."""

    def __init__(self, update: ProgressUpdate, action_text: str, parent=None,
                 title: str = "Add progress update", today: date | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName("progressDialog")
        self.today = today
        self.original = copy.deepcopy(update)
        self.progress_update = copy.deepcopy(update)
        about = QLabel(f"For: {action_text}")
        about.setWordWrap(True)
        self.form.addRow(about)
        when = update.date or (today or date.today()).isoformat()
        self.when = self.line("&Date:", _timescale_text(when), "progressDate",
                              "When it happened, e.g. 12/05/2015")
        self.text = self.line("&What happened:", update.text, "progressText",
                              "Key progress, e.g. Contract awarded")
        self.text.setMinimumWidth(self.text.fontMetrics().averageCharWidth() * 60)
        self.text.setFocus()

    def check(self) -> None:
        update = copy.deepcopy(self.original)
        update.date = self.when.text()
        update.text = " ".join(self.text.text().split())
        update.validate(self.today)
        self.progress_update = update

    def result_update(self) -> ProgressUpdate:
        return self.progress_update


class PriorityDialog(_Form):
    def __init__(self, priority: Priority, parent=None, title: str = "New priority") -> None:
        super().__init__(title, parent)
        self.setObjectName("priorityDialog")
        self.original = copy.deepcopy(priority)
        self.priority = copy.deepcopy(priority)
        self.text = self.line("&Priority:", priority.text, "priorityText",
                              "As the strategy words it")
        self.text.setMinimumWidth(self.text.fontMetrics().averageCharWidth() * 70)
        self.text.setFocus()

    def check(self) -> None:
        priority = copy.deepcopy(self.original)
        priority.text = " ".join(self.text.text().split())
        priority.validate()
        self.priority = priority

    def result_priority(self) -> Priority:
        return self.priority
