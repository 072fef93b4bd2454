"""Workshops captured twice (two scribes, or two laptops that each set up W2): after an
import or a programme merge, the pairs with the same code are offered for merging.
Pairs with the same date too are ticked already; the others are left for the person."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.models import Workshop
from facilitator.names import counted
from ui.commands.library_ops import MergeWorkshopsCommand
from ui.context import AppContext
from ui.library_ops.merge_dialogs import ATTENDANCE_CHOICES, copy_sources, workshop_words


class SameWorkshopsDialog(QDialog):
    def __init__(
        self, context: AppContext, pairs: list[tuple[Workshop, Workshop]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sameWorkshopsDialog")
        self.setWindowTitle("Workshops captured twice")
        self.setAccessibleName(self.windowTitle())
        self.resize(640, 380)
        self.store = context.store
        self.pairs = pairs
        self.commands: list[MergeWorkshopsCommand] = []
        counts = self.store.note_counts()
        sources = copy_sources(self.store, [w.id for pair in pairs for w in pair])
        intro = QLabel(
            "These workshops have the same code in one programme: most likely the same event "
            "typed up on two laptops. Merge the ones that are: every note of both copies is "
            "kept. Pairs with the same date are ticked already."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("samePairs")
        self.list.setAccessibleName("Workshops with the same code")
        for first, second in pairs:
            text = (
                f"{workshop_words(first, sources[first.id])}, {counted(counts.get(first.id, 0), 'note')}"
                f"  +  {workshop_words(second, sources[second.id])}, "
                f"{counted(counts.get(second.id, 0), 'note')}"
            )
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            same = bool(first.date) and first.date == second.date
            item.setCheckState(Qt.CheckState.Checked if same else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        label = QLabel("&Pairs to merge (Space ticks or unticks):")
        label.setBuddy(self.list)
        self.attendance = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel("Attendance of each merged workshop:"))
        for index, (key, text) in enumerate(ATTENDANCE_CHOICES[:2]):
            button = QRadioButton(text.replace("kept copy's", "first copy's"))
            button.setProperty("choice", key)
            self.attendance.addButton(button, index)
            layout.addWidget(button)
        self.attendance.button(0).setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Merge ticked pairs")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Not now")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.setFocus()

    def ticked(self) -> list[tuple[Workshop, Workshop]]:
        return [
            pair for row, pair in enumerate(self.pairs)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _accept(self) -> None:
        button = self.attendance.checkedButton()
        assert button is not None, "one attendance choice is always ticked (exclusive group)"
        choice = button.property("choice")
        self.commands = [
            MergeWorkshopsCommand(self.store, first.id, second.id, choice)
            for first, second in self.ticked()
        ]
        self.accept()
