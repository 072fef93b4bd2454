"""The welcome a newcomer sees in an empty library: what the app is for, and how to begin.

Two ways to start ("Start with the demo programme", "Start an empty library",
which goes on to New programme), where the library file lives, and a button
that opens the user guide. The main window connects the signals.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator import APP_NAME


class WrappedText(QLabel):
    """A centred, word-wrapped paragraph whose width and height follow the text size.

    A layout that aligns a label asks for its size hint, worked out for some other width,
    so a fixed width alone cut off the welcome's last lines; the height is set from the
    width here, again whenever the text size changes."""

    CHARS_WIDE = 80

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fit()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.fit()

    #: Not yet fitted to its text: done when shown. Laying the text out costs ~10 ms, which
    #: a window opening on a library with programmes (the welcome hidden) need not pay
    #: before its first paint.
    _unfitted = True

    def fit(self) -> None:
        if not self.isVisible():
            self._unfitted = True
            return
        self._unfitted = False
        width = max(560, self.fontMetrics().averageCharWidth() * self.CHARS_WIDE)
        self.setFixedWidth(width)
        self.setFixedHeight(max(0, self.heightForWidth(width)))  # -1 while still empty

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._unfitted:
            self.fit()
        super().showEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit()


class EmptyState(QWidget):
    demo_requested = Signal()
    new_programme_requested = Signal()
    guide_requested = Signal()

    def __init__(self, library_path: Path | str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        heading = QLabel(f"<h2>Welcome to {APP_NAME}</h2>")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = body = WrappedText(
            "A <b>programme</b> is a round of workshops for one consultation. Each workshop "
            "walks through its questions (WHO, WHAT, HOW) and every sticky note is saved "
            "as you type it, with no internet needed.<br><br>Your library is empty. Start "
            "with the built-in demo to see how it works, or start an empty library and "
            "create your own programme."
        )
        self.demo_button = QPushButton("Start with the &demo programme")
        self.demo_button.setAccessibleName("Start with the demo programme")
        self.demo_button.setToolTip(
            "Adds the 2015 delivery planning workshops, with illustrative notes"
        )
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.demo_requested)
        # Alt+L: Alt+E is the Edit menu's, and a shared Alt key only moves the focus.
        self.new_button = QPushButton("Start an empty &library…")
        self.new_button.setAccessibleName("Start an empty library")
        self.new_button.setToolTip("Create your first programme of your own (Ctrl+Shift+N)")
        self.new_button.clicked.connect(self.new_programme_requested)
        self.guide_button = QPushButton("Read the &user guide")
        self.guide_button.setAccessibleName("Read the user guide")
        self.guide_button.setToolTip("Open the guide on this computer, in your web browser")
        self.guide_button.setFlat(True)
        self.guide_button.setStyleSheet("color: palette(link); text-decoration: underline;")
        self.guide_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.guide_button.clicked.connect(self.guide_requested)
        for button in (self.demo_button, self.new_button):
            button.setMinimumWidth(280)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFixedWidth(420)
        self.location_label = WrappedText("")
        self.location_label.setObjectName("libraryLocation")
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.set_library_path(library_path)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (heading, body, self.demo_button, self.new_button, rule,
                       self.location_label, self.guide_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.setFocusProxy(self.demo_button)

    def set_library_path(self, path: Path | str | None) -> None:
        """Say where the library file lives (or that it is only in memory)."""
        self.library_path = Path(path) if path else None
        if self.library_path is None:
            self.location_label.setText(
                "<small>This library is only in memory: nothing is saved to a file.</small>"
            )
        else:
            self.location_label.setText(
                "<small>Your library is saved on this computer in<br>"
                f"<code>{html.escape(str(self.library_path))}</code><br>"
                "Change where it lives in File ▸ Settings.</small>"
            )


def welcome_for(window) -> EmptyState:
    """The main window's welcome, connected to it and added to its stack (made when an empty
    library first shows it: ``MainWindow.empty_state``)."""
    welcome = EmptyState(window.store.path)
    welcome.demo_requested.connect(window.load_demo)
    welcome.new_programme_requested.connect(window.new_programme)
    welcome.guide_requested.connect(window.guide_requested)
    window.stack.addWidget(welcome)
    if window.store.read_only:
        for button in (welcome.demo_button, welcome.new_button):
            button.setEnabled(False)
            button.setToolTip(window.read_only_why())
    return welcome
