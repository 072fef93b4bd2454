"""The presenter screen: the current question, the timer and the notes as they arrive.

For the run window (F5)::

    presenter = PresenterWindow(session, step_timer.countdown)  # shares the run window's timer
    step_timer.countdown_changed.connect(presenter.set_countdown)  # each step's own countdown
    presenter.present()          # full screen on the second monitor when there is one
                                 # (context.settings.presenter_screen picks it; -1 = the
                                 # screen the run window is not on), else a normal window
    presenter.closed.connect(...)   # Esc closes it; uncheck the F5 action here

It follows ``session.step_changed`` and ``store.events.notes_changed`` on its own
(one card added, changed or removed per note, never a rebuild per note) and has
no editing controls and never takes part in undo. Ctrl+Plus / Ctrl+Minus / Ctrl+0
scale its text independently of the run window (``zoom_in()``, ``zoom_out()``,
``set_text_scale()``); F11 toggles full screen. Call ``close()`` when the workshop
closes; it disconnects from the store.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator.timebox import Countdown, Phase
from ui.announce import install_window_roles
from ui.run.presenter_wall import NoteWall
from ui.run.screen_fit import fit_to_screen
from ui.run.session import RunSession
from ui.run.timer import Clock, TimerFace

MIN_SCALE, MAX_SCALE, SCALE_STEP = 0.5, 3.0, 1.15
BACKGROUND = "#14213d"
QUESTION_COLOUR = "#ffffff"
MUTED_COLOUR = "#c9d3e6"
#: The timer on the dark screen: white, then amber in the last minute, then flashing red.
TIMER_COLOURS: dict[str, tuple[str, str]] = {
    Phase.NORMAL: ("#ffffff", "transparent"),
    Phase.LAST_MINUTE: ("#1a1a1a", "#ffd54f"),
}


def choose_screen(count: int, preferred: int, facilitator: int) -> int | None:
    """Which screen the presenter goes full screen on, or None for a normal window.

    ``preferred`` is the setting (-1: any screen but the facilitator's).
    """
    if count < 2:
        return None
    if 0 <= preferred < count:
        return preferred
    return next(i for i in range(count) if i != facilitator)


class PresenterWindow(QWidget):
    #: The window was closed (Esc, the window's close button, or ``close()``).
    closed = Signal()
    #: The text scale changed; carries the new scale.
    text_scale_changed = Signal(float)

    def __init__(
        self,
        session: RunSession,
        countdown: Countdown | None = None,
        clock: Clock = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        #: The phones' join card and vote bars under the wall, once phones are on
        #: (``phones_room.attach_presenter``; typed as widgets: phones_room imports this).
        self.phones_card: QWidget | None = None
        self.vote_bars: QWidget | None = None
        self._scale = 1.0
        self._connected = True
        self.setObjectName("presenterWindow")
        install_window_roles()  # a "window" to screen readers, not a filler
        self.setAccessibleName("Presenter screen")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(f"QWidget#presenterWindow {{ background: {BACKGROUND}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        self.step_label = self._text_label("presenterStep", "Step")
        self.face = TimerFace(countdown or Countdown(0), clock, self, colours=TIMER_COLOURS)
        self.face.setVisible(countdown is not None and self.face.phase != Phase.NONE)
        self.face.phase_changed.connect(self._on_timer_phase_changed)
        self._has_countdown = countdown is not None

        self.question_label = self._text_label("presenterQuestion", "Question")
        self.prompt_label = self._text_label("presenterPrompt", "Prompt")
        self.wall = NoteWall(session, self)

        header = QHBoxLayout()
        header.addWidget(self.step_label, 1)
        header.addWidget(self.face, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.question_label)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.wall, 1)

        self._add_keys()

        session.step_changed.connect(self._on_step_changed)
        self._on_step_changed(session.step_key)
        self.resize(1280, 720)

    def _text_label(self, name: str, description: str) -> QLabel:
        """A label of plain text (participants' words are never rich text), wrapped."""
        label = QLabel(self)
        label.setObjectName(name)
        label.setAccessibleDescription(description)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _add_keys(self) -> None:
        """Esc (or Ctrl+W) closes; Ctrl +/-/0 scale the text; F11 toggles full screen."""
        self._add_action("Close presenter screen", "Esc", self.close, "Ctrl+W")
        self._add_action("Larger text", QKeySequence.StandardKey.ZoomIn, self.zoom_in, "Ctrl+=")
        self._add_action("Smaller text", QKeySequence.StandardKey.ZoomOut, self.zoom_out)
        self._add_action("Normal text size", "Ctrl+0", lambda: self.set_text_scale(1.0))
        self._add_action("Full screen", "F11", self.toggle_full_screen)

    # --------------------------------------------------------------- public
    def present(self) -> None:
        """Show on the projector: full screen on the second monitor, or a normal window."""
        screens = QGuiApplication.screens()
        facilitator = self._facilitator_screen(screens)
        index = choose_screen(len(screens), self.session.context.settings.presenter_screen,
                              facilitator)
        if index is None:  # one screen: a window the facilitator can move, on the screen
            fit_to_screen(self, self.width(), self.height())
            self.showNormal()
        else:
            screen = screens[index]
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        self.raise_()

    @property
    def text_scale(self) -> float:
        return self._scale

    def set_text_scale(self, scale: float) -> None:
        self._scale = round(min(MAX_SCALE, max(MIN_SCALE, scale)), 3)
        self._apply_fonts()
        self.text_scale_changed.emit(self._scale)

    def zoom_in(self) -> None:
        self.set_text_scale(self._scale * SCALE_STEP)

    def zoom_out(self) -> None:
        self.set_text_scale(self._scale / SCALE_STEP)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def set_countdown(self, countdown: Countdown) -> None:
        """Show another Countdown (the run window's) from now on."""
        self.face.countdown = countdown
        self._has_countdown = True
        self.face.refresh()
        self._on_timer_phase_changed(self.face.phase)

    # --------------------------------------------------------------- events
    def _on_step_changed(self, key: str) -> None:
        step = self.session.step
        steps = self.session.steps
        number = [s.key for s in steps].index(step.key) + 1
        workshop = self.session.workshop
        # The workshop's own question too: "WHAT could communities do…?" needs its theme.
        theme = " ".join(workshop.theme_question.split())
        self.step_label.setText(f"{workshop.code}{': ' + theme if theme else ''} · "
                                f"Step {number} of {len(steps)}: {step.title}")
        self.question_label.setText(self.session.question(step))
        self.prompt_label.setText(step.prompt)
        self.prompt_label.setVisible(bool(step.prompt))
        self.setWindowTitle(f"Presenter: {workshop.code}, {step.title}")
        self.face.refresh()

    def _on_timer_phase_changed(self, phase: str) -> None:
        self.face.setVisible(self._has_countdown and phase != Phase.NONE)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._apply_fonts()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._connected:
            self._connected = False
            self.wall.disconnect_store()
            self.session.step_changed.disconnect(self._on_step_changed)
        super().closeEvent(event)
        self.closed.emit()

    # -------------------------------------------------------------- helpers
    def _add_action(self, text: str, key, slot, *more: str) -> QAction:
        action = QAction(text, self)
        shortcuts = [QKeySequence(key)] + [QKeySequence(k) for k in more]
        action.setShortcuts(shortcuts)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        native = shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({native})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _facilitator_screen(self, screens) -> int:
        parent = self.session.parent()
        window = parent.window() if isinstance(parent, QWidget) else None
        active = QGuiApplication.focusWindow()
        screen = (window.screen() if window else None) or (active.screen() if active else None)
        screen = screen or QGuiApplication.primaryScreen()
        return screens.index(screen) if screen in screens else 0

    def _apply_fonts(self) -> None:
        """Sizes follow the window's height, so the back row can read them on any projector."""
        unit = max(8.0, min(self.height() / 720.0, self.width() / 1000.0) * 16.0) * self._scale
        self._set_px(self.step_label, unit * 1.4, MUTED_COLOUR, bold=True)
        self._set_px(self.question_label, unit * 2.6, QUESTION_COLOUR, bold=True)
        self._set_px(self.prompt_label, unit * 1.4, MUTED_COLOUR)
        font = self.face.font()
        font.setPixelSize(round(unit * 3.0))
        font.setBold(True)
        self.face.setFont(font)
        self.wall.set_text_px(unit * 1.9)

    @staticmethod
    def _set_px(label: QLabel, px: float, colour: str, bold: bool = False) -> None:
        font = label.font()
        font.setPixelSize(max(8, round(px)))
        font.setBold(bold)
        label.setFont(font)
        label.setStyleSheet(f"color: {colour};")
