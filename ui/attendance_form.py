"""Attendance by participant category, with the total: part of the workshop dialog."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox

from facilitator.models import PARTICIPANT_CATEGORIES, Attendance

#: Each spin box's tooltip, in words (not "How many vcse groups came").
HINTS = {
    "community_representatives": "How many community representatives came",
    "town_parish_councils": "How many people came from town and parish councils",
    "partner_organisations": "How many people came from partner organisations",
    "council_officers": "How many council officers came",
    "residents": "How many residents came",
    "vcse_groups": "How many people came from VCSE groups (voluntary, community and "
                   "social enterprise)",
    "other": "How many other people came",
}


class AttendanceForm(QGroupBox):
    """One spin box per participant category; the total updates as you type."""

    total_changed = Signal(int)

    def __init__(self, attendance: Attendance | None = None, parent=None) -> None:
        super().__init__("Attendance (can be filled in during or after the session)", parent)
        self.setAccessibleName("Attendance by participant category")
        layout = QFormLayout(self)
        self.boxes: dict[str, QSpinBox] = {}
        counts = attendance.counts if attendance else {}
        for key, label in PARTICIPANT_CATEGORIES:
            box = QSpinBox()
            box.setObjectName(f"attendance_{key}")
            box.setRange(0, 9999)
            box.setValue(int(counts.get(key, 0)))
            box.setAccessibleName(f"{label}: number who came")
            box.setToolTip(HINTS.get(key, f"How many people came: {label}"))
            box.valueChanged.connect(self._on_count_changed)
            self.boxes[key] = box
            layout.addRow(f"{label}:", box)
        self.total_label = QLabel()
        self.total_label.setObjectName("attendanceTotal")
        self.total_label.setAccessibleDescription("Total attendance")
        layout.addRow("Total:", self.total_label)
        self._on_count_changed()

    def counts(self) -> dict[str, int]:
        """Recorded counts; a category left at 0 is not recorded."""
        return {key: box.value() for key, box in self.boxes.items() if box.value() > 0}

    def total(self) -> int:
        return sum(self.counts().values())

    def _on_count_changed(self, *_args) -> None:
        total = self.total()
        self.total_label.setText(f"<b>{total}</b> {'person' if total == 1 else 'people'}")
        self.total_changed.emit(total)
