"""Where the workshop was left is kept in the library (its ``workshop_state``), so it
survives a flat battery and a restart, and moves with the library to another laptop.

A moment after the last keystroke the capture box's text is written as the draft, with
the step it was typed on; a note added (or the box emptied) clears it. The step, the
table label and each step's timer are kept as they change and when the window closes.
When the workshop's run window opens again it goes to that step, puts the draft back in
an empty box (the status bar says so), the table label back, and the timers paused where
they were. ``opened``/``closed`` mark the window open, so the app reopens it at start.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from facilitator.store import LibraryError

#: How long after the last keystroke the draft is written (milliseconds).
DELAY_MS = 800
log = logging.getLogger(__name__)


class DraftKeeper(QObject):
    def __init__(self, box: QPlainTextEdit, session, parent=None, *, table: QLineEdit | None = None,
                 timer=None) -> None:
        super().__init__(parent)
        self.box = box
        self.table = table
        self.step_timer = timer
        self.session = session
        self.store = session.store
        self.state = self.store.workshop_state(session.workshop_id)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.save)
        box.textChanged.connect(self._on_text_changed)
        if table is not None:
            table.editingFinished.connect(self.save)
        session.step_changed.connect(self._on_step_changed)

    def _write(self) -> None:
        """Keep the state; a library that cannot be written now is not a reason to stop."""
        if self.store.is_closed:  # (a window outliving its library, e.g. one moved away)
            return
        try:
            self.store.save_workshop_state(self.state)
        except LibraryError as exc:
            log.warning("could not keep where the workshop was left: %s", exc)

    def _on_step_changed(self, key: str) -> None:
        """Remember the step, so the workshop opens again where it was left."""
        self.state.step_key = key
        self._write()

    def _on_text_changed(self) -> None:
        self.timer.start()

    def save(self) -> None:
        """Write the box's text now (or clear the draft when the box is empty), with the
        table label and the timers."""
        self.timer.stop()
        text = self.box.toPlainText()
        if text.strip():
            self.state.draft, self.state.draft_step = text, self.session.step_key
        else:
            self.state.draft = self.state.draft_step = ""
        self.state.step_key = self.session.step_key
        if self.table is not None:
            self.state.table_label = self.table.text()
        if self.step_timer is not None:
            self.state.timers = self.step_timer.saved_state()
        self._write()

    def mark_open(self, is_open: bool) -> None:
        self.state.was_open = is_open
        self.save()

    def restore(self) -> bool:
        """Go back to where the workshop was left; put a kept draft back in an empty box
        (on the step it was typed on); True if there was a draft."""
        steps = [s.key for s in self.session.steps]
        state = self.state
        if self.step_timer is not None and state.timers:
            self.step_timer.restore_state(state.timers)
        if self.table is not None and state.table_label and not self.table.text():
            self.table.setText(state.table_label)
        step = state.draft_step if state.draft.strip() else state.step_key
        if step in steps:
            self.session.set_step(step)
        if not state.draft.strip() or self.box.toPlainText():
            return False
        self.box.setPlainText(state.draft)
        self.box.moveCursor(QTextCursor.MoveOperation.End)
        self.timer.stop()
        return True
