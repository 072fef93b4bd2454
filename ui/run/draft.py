"""The note being typed survives a flat battery: the capture box's text is kept as a draft.

A moment after the last keystroke the box's text is written to the settings file
under the workshop's id, with the step it was typed on; a note added (or the box
emptied) clears it. When the workshop's run window opens again with the box empty,
it goes to that step and the draft comes back, and the status bar says so. The
step is remembered anyway, so a workshop always opens where it was left.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

#: How long after the last keystroke the draft is written (milliseconds).
DELAY_MS = 800


class DraftKeeper(QObject):
    def __init__(self, box: QPlainTextEdit, session, parent=None) -> None:
        super().__init__(parent)
        self.box = box
        self.session = session
        self.settings = session.context.settings
        self.key = f"drafts/{session.workshop_id}"
        self.step_key = f"drafts/{session.workshop_id}-step"
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.save)
        box.textChanged.connect(self._on_text_changed)
        session.step_changed.connect(self._on_step_changed)

    def _on_step_changed(self, key: str) -> None:
        """Remember the step, so the workshop opens again where it was left."""
        self.settings.set_text_value(self.step_key, key)

    def _on_text_changed(self) -> None:
        self.timer.start()

    def saved_text(self) -> str:
        return self.settings.text_value(self.key, "")

    def save(self) -> None:
        """Write the box's text now (or clear the draft when the box is empty)."""
        self.timer.stop()
        text = self.box.toPlainText()
        if text.strip():
            self.settings.set_text_value(self.step_key, self.session.step_key)
            self.settings.set_text_value(self.key, text)
        elif self.saved_text():
            self.settings.set_text_value(self.key, "")

    def restore(self) -> bool:
        """Go back to the step the workshop was left on, and put a kept draft back in an
        empty box (it belongs to that step); True if there was a draft."""
        step = self.settings.text_value(self.step_key, "")
        if step in [s.key for s in self.session.steps]:
            self.session.set_step(step)
        text = self.saved_text()
        if not text.strip() or self.box.toPlainText():
            return False
        self.box.setPlainText(text)
        self.box.moveCursor(QTextCursor.MoveOperation.End)
        self.timer.stop()
        return True
