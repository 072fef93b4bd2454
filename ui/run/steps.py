"""The guided steps: a sidebar listing the format's steps with their note counts,
and the header with the current step's question and prompt in large type."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from facilitator.names import counted
from ui.run.cards import step_colour
from ui.run.session import RunSession


class StepList(QListWidget):
    """One row per step ("1  WHO · 12 notes"); choosing a row makes it the current step."""

    def __init__(self, session: RunSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.steps = session.steps
        self.setObjectName("stepList")
        self.setAccessibleName("Steps")
        self.setToolTip("The workshop's steps: next Ctrl+PgDown or Alt+Right, "
                        "previous Ctrl+PgUp or Alt+Left")
        self._counts: dict[str, int] = {}
        for number, step in enumerate(self.steps, 1):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, step.key)
            item.setBackground(step_colour(number - 1))
            self.addItem(item)
        self.setStyleSheet(
            "QListWidget#stepList { border: none; background: transparent; }"
            "QListWidget#stepList::item { padding: 4px 8px; margin: 3px 2px;"
            " border: 3px solid transparent; border-radius: 6px; color: #1f2328; }"
            # The chosen step: a dark bar down its left edge, not a ring (the one focus
            # ring, ui.focus_ring, shows where the keyboard is).
            "QListWidget#stepList::item:selected { border-left: 3px solid #1f2328; }")
        self.apply_fonts()
        self._refresh()
        self.fit_width()
        self.currentRowChanged.connect(self._on_row_chosen)
        session.step_changed.connect(self._on_step_changed)
        self._on_step_changed(session.step_key)

    def apply_fonts(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)

    def apply_fonts_and_refresh(self) -> None:
        self.apply_fonts()
        self._refresh()
        self.fit_width()

    def _item_width(self) -> int:
        """Wide enough for the longest step title ("2  Presentations") and a count, with
        the style sheet's padding, border and margin; at most 34 characters."""
        fm = self.fontMetrics()
        average = fm.averageCharWidth()
        longest = max([fm.horizontalAdvance(f"{n}  {step.title}")
                       for n, step in enumerate(self.steps, 1)]
                      + [fm.horizontalAdvance("    10000 notes")])
        return max(average * 12, min(average * 32, longest + 2 * (8 + 3 + 2)))

    def fit_width(self) -> None:
        self.setFixedWidth(self._item_width() + 2 * self.frameWidth() + 12)

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = dict(counts)
        self._refresh()

    def _refresh(self) -> None:
        width = self._item_width()
        for row, step in enumerate(self.steps):
            count = self._counts.get(step.key, 0)
            item = self.item(row)
            item.setText(f"{row + 1}  {step.title}\n    {count} note{'s' if count != 1 else ''}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"Step {row + 1}: {step.title}, {counted(count, 'note')}")
            item.setToolTip(f"{step.title}: {step.question_for('')}")
            item.setSizeHint(QSize(width, self.fontMetrics().lineSpacing() * 2 + 36))

    def _on_row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.steps):
            self.session.set_step(self.steps[row].key)

    def _on_step_changed(self, key: str) -> None:
        row = [s.key for s in self.steps].index(key)
        if self.currentRow() != row:
            self.blockSignals(True)
            self.setCurrentRow(row)
            self.blockSignals(False)


class StepHeader(QWidget):
    """The current step's question, large, with its prompt and position; room for a timer."""

    def __init__(self, session: RunSession, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("stepHeader")
        self.position = QLabel()
        self.position.setObjectName("stepPosition")
        self.position.setWordWrap(True)
        # The workshop's own theme question, under the step's title: what the whole
        # workshop is about, which the room keeps coming back to.
        self.theme_question = QLabel()
        self.theme_question.setObjectName("themeQuestion")
        self.theme_question.setWordWrap(True)
        self.theme_question.setStyleSheet("color: #57606a; font-style: italic;")
        self.question = QLabel()
        self.question.setObjectName("stepQuestion")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.question.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.question.installEventFilter(self)  # its own width sets its height
        self.prompt = QLabel()
        self.prompt.setObjectName("stepPrompt")
        self.prompt.setWordWrap(True)
        self.apply_fonts()
        self.position.setStyleSheet("color: #57606a;")
        self.prompt.setStyleSheet("color: #333a42;")
        # The timer sits beside the small position line, so the question and prompt
        # have the whole width (one line fewer on a 1366-pixel screen).
        self.side = QHBoxLayout()
        self.side.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        layout = QGridLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setVerticalSpacing(4)
        layout.addWidget(self.position, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(self.side, 0, 1)
        layout.addWidget(self.theme_question, 1, 0, 1, 2)
        layout.addWidget(self.question, 2, 0, 1, 2)
        layout.addWidget(self.prompt, 3, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        session.step_changed.connect(self._on_step_changed)
        self._on_step_changed(session.step_key)

    def apply_fonts(self) -> None:
        """The question twice the interface's text size; follows Ctrl +/-."""
        base = QApplication.font().pointSizeF()
        for label, scale, bold in ((self.position, 1.0, True), (self.question, 2.0, True),
                                   (self.prompt, 1.2, False)):
            font = QFont(QApplication.font())
            font.setPointSizeF(base * scale)
            font.setBold(bold)
            label.setFont(font)
        self._fit_question()

    def _fit_question(self) -> None:
        """Word-wrapped labels in nested layouts can be given too little height: ask it."""
        width = self.question.width()
        if width <= 50:
            return
        # QLabel's answer is never less than its minimum height: drop that first, or the
        # height only ever grows (a one-line question kept a three-line gap).
        before = self.question.minimumHeight()
        self.question.setMinimumHeight(0)
        height = self.question.heightForWidth(width)
        self.question.setMinimumHeight(height if height > 0 else before)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_question()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        """The question's height follows its own width (a height left from a narrower
        width put a gap above a one-line question at large text)."""
        if watched is self.question and event.type() == QEvent.Type.Resize:
            self._fit_question()
        return False

    def add_side_widget(self, widget: QWidget) -> None:
        """Put a widget (the timer) at the right of the header."""
        self.side.addWidget(widget)

    def _on_step_changed(self, key: str) -> None:
        steps = self.session.steps
        number = [s.key for s in steps].index(key) + 1
        step = steps[number - 1]
        workshop = self.session.workshop
        # (A postponed or cancelled workshop says so in the banner under the header.)
        self.position.setText(f"{workshop.code} · Step {number} of {len(steps)} · {step.title}")
        self.theme_question.setText(f"Theme: {workshop.theme_question}")
        self.theme_question.setVisible(bool(workshop.theme_question.strip()))
        self.theme_question.setAccessibleDescription("Workshop theme question")
        self.question.setText(self.session.question(step))
        self.prompt.setText(step.prompt)
        # Named by what they show; what they are is the description.
        self.question.setAccessibleDescription("Question")
        self.prompt.setAccessibleDescription("Prompt")
        self._fit_question()
