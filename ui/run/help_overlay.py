"""F1: an overlay over the run window listing every shortcut, read from the window's actions."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QTextDocument
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

#: Keys that work on the board or in the capture box without a menu action.
EXTRA_KEYS = (
    ("Enter", "Add the note (in the capture box); edit the card (on the board)"),
    ("Shift+Enter", "New line inside a note"),
    ("1 – 4", "Tag the selected cards (on the board)"),
    ("0", "Clear the tag of the selected cards (on the board)"),
    ("Tab / Shift+Tab", "Move between the capture box, table label, board, tag chips and steps"),
    ("Escape", "Back to the capture box; close this help"),
)


class HelpOverlay(QWidget):
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAccessibleName("Keyboard shortcuts")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text = QLabel()
        self.text.setObjectName("helpText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)  # at large text the descriptions wrap, not run off
        self.text.setStyleSheet("background: white; color: #1f2328; border-radius: 10px;"
                                " padding: 18px 24px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignCenter)
        parent.installEventFilter(self)
        self.hide()

    def shortcuts(self, actions: list[QAction]) -> list[tuple[str, str]]:
        rows = []
        for action in actions:
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys:
                text = re.sub(r"^\d+ ", "", action.text().replace("&", ""))
                rows.append((" or ".join(keys), text))
        return rows + list(EXTRA_KEYS)

    def show_for(self, actions: list[QAction]) -> None:
        shortcuts = self.shortcuts(actions)
        half = (len(shortcuts) + 1) // 2

        def table(part: list[tuple[str, str]]) -> str:
            rows = "".join(
                f"<tr><td style='padding:0 14px 0 0'><b>{keys}</b></td>"
                f"<td style='padding:0 28px 0 0'>{text}</td></tr>" for keys, text in part)
            return f"<table>{rows}</table>"

        self.text.setText(
            "<h2>Keyboard shortcuts</h2><table><tr>"
            f"<td valign='top'>{table(shortcuts[:half])}</td>"
            f"<td valign='top'>{table(shortcuts[half:])}</td></tr></table>"
            "<p style='color:#57606a'>Press Escape or F1 to close.</p>")
        self._fit()
        self.show()
        self.raise_()
        self.setFocus()

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 24, 28, 150))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1, Qt.Key.Key_Question):
            self.hide()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, _event) -> None:  # noqa: N802
        self.hide()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        self.closed.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        """Cover the window; the list is at most as wide as the window, less a margin."""
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        document = QTextDocument()
        document.setDefaultFont(self.text.font())
        document.setHtml(self.text.text())
        natural = int(document.idealWidth()) + 2 * 24 + 8  # the style sheet's padding
        self.text.setFixedWidth(max(200, min(natural, self.width() - 40)))
