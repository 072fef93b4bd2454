"""A warning above the capture box when the workshop being run is marked postponed or cancelled.

The Summary of Results leaves out postponed and cancelled workshops, so notes typed
into one (a rescheduled W3 still marked postponed) would silently miss the report.
The banner says so, with the reason, and offers "Mark as held…", which opens the
workshop's details with the status set to Held and the new date filled in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from facilitator.models import WorkshopStatus
from ui.announce import announce
from ui.run.session import RunSession

NOT_HELD = (WorkshopStatus.POSTPONED, WorkshopStatus.CANCELLED)


class StatusBanner(QFrame):
    mark_held_requested = Signal()

    def __init__(self, session: RunSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("statusBanner")
        self.setStyleSheet(
            "QFrame#statusBanner { background: #fff4ce; border: 1px solid #e0b400;"
            " border-radius: 6px; }"
            "QFrame#statusBanner QLabel { color: #3b2f00; }")
        self.text = QLabel()
        self.text.setObjectName("statusBannerText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton("Mar&k as held…")
        self.button.setObjectName("markHeld")
        self.button.setAccessibleName("Mark this workshop as held")
        self.button.setToolTip("Open the workshop's details with the status set to Held "
                               "and the new date filled in (Alt+K)")
        self.button.clicked.connect(self.mark_held_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.refresh()

    def refresh(self) -> None:
        workshop = self.session.workshop
        self.setVisible(workshop.status in NOT_HELD)
        if workshop.status not in NOT_HELD:
            return
        status = workshop.status.label.lower()
        reason = " ".join(workshop.status_reason.split())
        text = f"{workshop.code} is marked {status}"
        text += f": {reason}" if reason else "."
        if not text.endswith((".", "!", "?")):
            text += "."
        if workshop.rescheduled_date:
            text += f" New date: {workshop.rescheduled_date}."
        text += (" Notes typed here are left out of the Summary of Results until the "
                 "workshop is marked held.")
        if text != self.text.text():
            announce(self, text)
        self.text.setText(text)
        self.text.setAccessibleName(text)
        self.setAccessibleName(text)
