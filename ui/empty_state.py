"""What a newcomer sees in an empty library: what the app is for, and two ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    demo_requested = Signal()
    new_programme_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        heading = QLabel("<h2>Your library is empty</h2>")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(
            "A <b>programme</b> is a round of workshops for one consultation. Each workshop "
            "walks through its questions (WHO, WHAT, HOW) and every sticky note is saved "
            "as you type it.<br><br>Start with the built-in demo to see how it works, or "
            "create your own programme."
        )
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setMaximumWidth(560)
        self.demo_button = QPushButton("Start with the &demo programme")
        self.demo_button.setAccessibleName("Start with the demo programme")
        self.demo_button.setToolTip("Adds the 2015 delivery planning workshops, with illustrative notes")
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.demo_requested)
        self.new_button = QPushButton("Create a &new programme…")
        self.new_button.setAccessibleName("Create a new programme")
        self.new_button.setToolTip("Start an empty programme of your own (Ctrl+Shift+N)")
        self.new_button.clicked.connect(self.new_programme_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (heading, body, self.demo_button, self.new_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.setFocusProxy(self.demo_button)
