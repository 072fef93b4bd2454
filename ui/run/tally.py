"""The visitor tally of a drop-in stall (a format with ``tally``, e.g. the Community roadshow).

Nobody fills in a sign-in sheet at a stall, so the facilitator counts passers-by who stop:
one key per participant category (Ctrl+Alt+1, Ctrl+Alt+2, …) adds one to the workshop's
attendance without leaving the capture box. The counts show live beside the keys, and each
press is one step of the library's one undo history (Ctrl+Z in the empty box takes it back).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from facilitator.models import PARTICIPANT_CATEGORY_LABELS
from ui.announce import announce
from ui.commands.tally import CountVisitorCommand
from ui.run.flow_layout import FlowLayout


def tally_key(number: int) -> str:
    """The key of the tally's n-th category (1-based): Ctrl+Alt+n, free while typing."""
    return f"Ctrl+Alt+{number}"


class TallyBar(QWidget):
    """One label per counted category (its key, name and count) and the total."""

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self.categories: tuple[str, ...] = tuple(session.format.tally)
        self.setObjectName("visitorTally")
        self.setAccessibleName("Visitor tally")
        layout = FlowLayout(self, spacing=14)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Visitors</b> (Ctrl+Alt+number):")
        layout.addWidget(title)
        self.labels: dict[str, QLabel] = {}
        for number, category in enumerate(self.categories, 1):
            label = QLabel()
            label.setObjectName(f"tally_{category}")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setToolTip(f"{tally_key(number)} counts one more "
                             f"{PARTICIPANT_CATEGORY_LABELS[category].lower()}")
            self.labels[category] = label
            layout.addWidget(label)
        self.total_label = QLabel()
        self.total_label.setObjectName("tallyTotal")
        layout.addWidget(self.total_label)
        self.store.events.attendance_changed.connect(self._on_attendance_changed)
        self.refresh()

    def counts(self) -> dict[str, int]:
        return dict(self.store.attendance(self.session.workshop_id).counts)

    def refresh(self) -> None:
        counts = self.counts()
        for number, category in enumerate(self.categories, 1):
            label = PARTICIPANT_CATEGORY_LABELS[category]
            count = counts.get(category, 0)
            self.labels[category].setText(
                f"<span style='color:#57606a'>{number}</span> {label}: <b>{count}</b>")
            self.labels[category].setAccessibleName(
                f"{number} {label}: {count} (key {tally_key(number)})")
        total = sum(counts.values())
        self.total_label.setText(f"Total: <b>{total}</b>")
        self.total_label.setAccessibleName(f"Total: {total} visitors")

    def count(self, number: int) -> bool:
        """One more visitor of the tally's ``number``-th category (1-based), undoable."""
        if not 1 <= number <= len(self.categories):
            return False
        category = self.categories[number - 1]
        command = CountVisitorCommand(self.store, self.session.workshop_id, category)
        if not self.session.run(command):
            return False
        counts = self.counts()
        announce(self, f"{PARTICIPANT_CATEGORY_LABELS[category]}: {counts.get(category, 0)}. "
                       f"{sum(counts.values())} visitors")
        return True

    def _on_attendance_changed(self, ids: list[str]) -> None:
        if self.session.workshop_id in ids:
            self.refresh()

    def disconnect_store(self) -> None:
        self.store.events.attendance_changed.disconnect(self._on_attendance_changed)
