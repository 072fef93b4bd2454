"""The step's countdown: a compact timer for the run window, and a big read-only face.

For the run window::

    timer = StepTimer(session)              # each step its own countdown, on step_changed
    toolbar_or_layout.addWidget(timer)
    step_menu.addActions(timer.actions())   # Start/pause Ctrl+T, Add a minute Ctrl+Shift+T,
                                            # Reset Ctrl+R (they work while typing in the
                                            # capture box: the buttons never take focus)
    timer.countdown                         # the one Countdown; hand it to PresenterWindow

Other useful members: ``start_pause()``, ``add_minute()``, ``reset()``, ``refresh()``,
``phase_changed(str)`` (a :class:`~facilitator.timebox.Phase` value) and ``ticked``.

``TimerFace(countdown, clock)`` is a read-only view of any Countdown (the presenter
window shows one); it repaints itself a few times a second and flashes at zero.
Tests pass ``clock=`` a function returning seconds and call ``refresh()``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from facilitator.timebox import Countdown, Phase, format_seconds, spoken_seconds
from ui.announce import announce, visible_first
from ui.run.session import RunSession

Clock = Callable[[], float]

TICK_MS = 250
#: Colours per phase (text, background). Over: alternates with the flash colours.
PHASE_COLOURS: dict[str, tuple[str, str]] = {
    Phase.NONE: ("#555555", "transparent"),
    Phase.NORMAL: ("#1b5e20", "transparent"),
    Phase.LAST_MINUTE: ("#8a4b00", "#ffe08a"),
    Phase.OVER: ("#ffffff", "#b71c1c"),
}
FLASH_COLOURS = ("#b71c1c", "#ffffff")

START_SHORTCUT = "Ctrl+T"
ADD_SHORTCUT = "Ctrl+Shift+T"
RESET_SHORTCUT = "Ctrl+R"


class TimerFace(QLabel):
    """Shows a Countdown's time left, coloured by phase, flashing when the time is up."""

    phase_changed = Signal(str)

    def __init__(
        self,
        countdown: Countdown,
        clock: Clock = time.monotonic,
        parent: QWidget | None = None,
        colours: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.countdown = countdown
        self.clock = clock
        #: (text, background) per phase; a dark presenter screen passes its own.
        self.colours = {**PHASE_COLOURS, **(colours or {})}
        self._phase: str = ""
        self._flash_on = False
        self.setObjectName("timerFace")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolTip("Time left in this step's time box")
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.refresh)
        self._ticker.start()
        self.refresh()

    @property
    def phase(self) -> str:
        return self._phase

    @property
    def flashing(self) -> bool:
        return self._phase == Phase.OVER

    def refresh(self) -> None:
        now = self.clock()
        left = self.countdown.remaining(now)
        phase = self.countdown.phase(now)
        text = "No time box" if phase is Phase.NONE else format_seconds(left)
        if text != self.text():
            self.setText(text)
            # The name is the time shown; the description says it in words.
            self.setAccessibleDescription(
                "This step has no time box" if phase is Phase.NONE
                else f"Time left in this step: {spoken_seconds(left)}"
            )
        fg, bg = self.colours[phase]
        if phase is Phase.OVER:
            self._flash_on = not self._flash_on
            bg, fg = FLASH_COLOURS if self._flash_on else FLASH_COLOURS[::-1]
        self.setStyleSheet(
            f"QLabel#timerFace {{ color: {fg}; background: {bg}; border-radius: 6px;"
            " padding: 0 0.3em; font-weight: bold; }"
        )
        if phase != self._phase:
            self._phase = phase
            self.phase_changed.emit(str(phase))


class StepTimer(QWidget):
    """Countdown for the session's current step, with start/pause, +1 minute and reset."""

    #: Emitted after every refresh (for views that mirror the time).
    ticked = Signal()
    phase_changed = Signal(str)
    #: The step changed, and with it the Countdown shown (for the presenter's face).
    countdown_changed = Signal(object)

    def __init__(
        self,
        session: RunSession,
        clock: Clock = time.monotonic,
        countdown: Countdown | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.clock = clock
        self.countdown = countdown or Countdown(session.step.minutes * 60)
        #: Each step keeps its own countdown: a look back at WHO does not lose HOW's time.
        self._countdowns: dict[str, Countdown] = {session.step_key: self.countdown}
        self.setObjectName("stepTimer")
        self.setAccessibleName("Step timer")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.face = TimerFace(self.countdown, clock, self)
        font = self.face.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.face.setFont(font)
        self.face.setMinimumWidth(self.face.fontMetrics().horizontalAdvance("No time box") + 16)
        self.face.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.face.phase_changed.connect(self.phase_changed)
        self.face.phase_changed.connect(self._announce_phase)
        self.face._ticker.timeout.connect(self.ticked)

        self.start_action = self._action(
            "Start timer", START_SHORTCUT, "Start or pause the step's countdown", self.start_pause
        )
        self.add_action = self._action(
            "Add a minute", ADD_SHORTCUT, "Add one minute to the step's time box", self.add_minute
        )
        self.reset_action = self._action(
            "Reset timer", RESET_SHORTCUT, "Reset the countdown to this step's time box",
            self.reset,
        )

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.face)
        self.start_button = self._button(self.start_action, "startTimerButton")
        self.add_action.setIconText("+1 min")
        self.add_button = self._button(self.add_action, "addMinuteButton")
        self.reset_action.setIconText("Reset")
        self.reset_button = self._button(self.reset_action, "resetTimerButton")
        for button in (self.start_button, self.add_button, self.reset_button):
            layout.addWidget(button)

        session.step_changed.connect(self._on_step_changed)
        self._update_start_action()

    # ------------------------------------------------------------ actions
    def _action(self, text: str, shortcut: str, tip: str, slot) -> QAction:
        action = QAction(text, self)
        action.setObjectName(text)  # stable name for the help overlay and the guide
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({native})")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # QWidget.actions() now lists it for the run window's menu
        return action

    def _button(self, action: QAction, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never steal the capture box's focus
        # The visible label starts the spoken name (WCAG 2.5.3: "+1 min" is what a voice
        # control user says); the action's words follow it.
        button.setAccessibleName(visible_first(action.iconText(), action.text()))
        button.setToolTip(action.toolTip())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # ------------------------------------------------------------- public
    def start_pause(self) -> None:
        self.countdown.toggle(self.clock())
        self._changed()
        left = spoken_seconds(self.countdown.remaining(self.clock()))
        announce(self, f"Timer {'started' if self.countdown.running else 'paused'}: {left}")

    def add_minute(self) -> None:
        self.countdown.add(60, now=self.clock())
        self._changed()

    def reset(self) -> None:
        self.countdown.reset(self.session.step.minutes * 60)
        self._changed()

    def refresh(self) -> None:
        self.face.refresh()
        self.ticked.emit()

    @property
    def running(self) -> bool:
        return self.countdown.running

    def time_text(self) -> str:
        return self.face.text()

    # ------------------------------------------------------------- events
    def _announce_phase(self, phase: str) -> None:
        """One minute left (polite) and time up (assertive), said once as the time runs."""
        if not self.countdown.running:
            return
        if phase == Phase.LAST_MINUTE:
            announce(self, "One minute left")
        elif phase == Phase.OVER:
            announce(self, "Time is up", assertive=True)

    def saved_state(self) -> dict[str, tuple[float, float]]:
        """Each visited step's (time box, seconds left), to keep in the library."""
        now = self.clock()
        return {key: (c.total, c.remaining(now)) for key, c in self._countdowns.items()}

    def restore_state(self, timers: dict[str, tuple[float, float]]) -> None:
        """Each step's countdown as it was left, paused (the room's time did not run on
        while the laptop was shut)."""
        keys = {s.key for s in self.session.steps}
        for key, (total, left) in timers.items():
            if key in keys:
                self._countdowns.setdefault(key, Countdown()).restore(total, left)
        self._on_step_changed(self.session.step_key)

    def _on_step_changed(self, key: str) -> None:
        """Show the new step's countdown: as it was left (a running one kept running, as
        the room's time does), or a fresh, stopped time box on a first visit."""
        if key not in self._countdowns:
            self._countdowns[key] = Countdown(self.session.step.minutes * 60)
        self.countdown = self._countdowns[key]
        self.face.countdown = self.countdown
        self.countdown_changed.emit(self.countdown)
        self._changed()

    def _changed(self) -> None:
        self._update_start_action()
        self.refresh()

    def _update_start_action(self) -> None:
        text = "Pause timer" if self.countdown.running else "Start timer"
        self.start_action.setText(text)
        self.start_action.setIconText("Pause" if self.countdown.running else "Start")
        self.start_button.setAccessibleName(visible_first(self.start_action.iconText(), text))
        native = QKeySequence(START_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        tip = f"{'Pause' if self.countdown.running else 'Start'} the step's countdown ({native})"
        self.start_action.setToolTip(tip)
        self.start_button.setToolTip(tip)
