"""The capture box: type a note, Enter adds it; Shift+Enter breaks the line.

A paste of several lines is handed to ``on_paste_lines`` (the window asks
whether to add one note per line); a sticky table/group label sits beside it.

Ctrl+Z while typing undoes the typing (Qt's own text undo), never the note added
before: the library's Undo (Edit ▸ Undo) gets the keys only when the box is empty.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QKeyCombination, QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ui.run.note_text import split_lines

#: Keys the box keeps while it holds text (its own text undo) and passes to the window's
#: Undo and Redo (the library's history) when it is empty.
_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
#: Ctrl+Shift+Z (Cmd on a Mac, as QKeySequence("Ctrl+Shift+Z") reads), as a combined key.
_CTRL_SHIFT_Z = QKeyCombination(
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Z
).toCombined()


class CaptureBox(QPlainTextEdit):
    submitted = Signal(str)

    def __init__(self, on_paste_lines: Callable[[list[str]], bool] | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.on_paste_lines = on_paste_lines
        self.setObjectName("captureBox")
        self.setAccessibleName("New note")
        self.setAccessibleDescription(
            "Type a sticky note and press Enter to add it. Shift+Enter starts a new line.")
        self.setToolTip("Type a note, Enter adds it (Shift+Enter for a new line; Alt+O comes here)")
        self.setPlaceholderText("Type a note and press Enter…   (Shift+Enter for a new line)")
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(True)  # (clear() after each note empties its history)

    def sizeHint(self):  # noqa: N802
        size = super().sizeHint()
        size.setHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        return size

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
            any(event.matches(k) for k in _UNDO_KEYS)
            or event.keyCombination().toCombined() == _CTRL_SHIFT_Z
        ):
            if self.toPlainText():
                event.accept()  # typing in hand: the box's own undo (or nothing) — never
                return True     # the library's, which would take the previous note away
            event.ignore()
            return False
        return super().event(event)

    def _redo_key(self, event: QKeyEvent) -> bool:
        """Ctrl+Shift+Z redoes typing too (Qt's text edit knows only Ctrl+Y here)."""
        if event.keyCombination().toCombined() == _CTRL_SHIFT_Z:
            self.redo()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self._redo_key(event):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit(self.toPlainText())
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        lines = split_lines(source.text()) if source.hasText() else []
        if len(lines) > 1 and self.on_paste_lines is not None and self.on_paste_lines(lines):
            return
        super().insertFromMimeData(source)


class CapturePanel(QWidget):
    """The capture box with its sticky table/group label."""

    def __init__(self, on_paste_lines: Callable[[list[str]], bool] | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.box = CaptureBox(on_paste_lines)
        self.table = QLineEdit()
        self.table.setObjectName("tableLabel")
        self.table.setAccessibleName("Table or group")
        self.table.setToolTip("Optional: which table or group wrote these notes "
                              "(stays until you change it) (Ctrl+L)")
        self.table.setPlaceholderText("e.g. Table 2")
        self.table.setMaximumWidth(self.table.fontMetrics().averageCharWidth() * 28)
        self.table.returnPressed.connect(self.box.setFocus)
        label = QLabel("N&ote:")  # (Alt+N opens the Notes menu)
        label.setBuddy(self.box)
        self.table_title = QLabel("Ta&ble:")
        self.table_title.setBuddy(self.table)
        side = QVBoxLayout()
        side.addWidget(self.table_title)
        side.addWidget(self.table)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        main = QVBoxLayout()
        main.addWidget(label)
        main.addWidget(self.box)
        layout.addLayout(main, 1)
        layout.addLayout(side)
        self.setTabOrder(self.box, self.table)

    def set_label(self, name: str) -> None:
        """Name the sticky label after what the format records instead of the table (a
        roadshow's "Stall or location")."""
        self.table_title.setText(f"{name}:")  # (Ctrl+L comes here)
        self.table.setAccessibleName(name)
        self.table.setToolTip(f"Optional: {name[:1].lower()}{name[1:]} of these notes "
                              "(stays until you change it) (Ctrl+L)")
        self.table.setPlaceholderText("e.g. Market Place, Oakham")

    def table_label(self) -> str:
        return self.table.text().strip()
