"""The step timer, driven as a facilitator would: shortcuts while typing, buttons, step changes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from facilitator.timebox import Phase
from tests.ui.a11y_audit import name_of
from tests.ui.run.helpers import make_session
from tests.ui.windows import show_active
from ui.run.timer import StepTimer


@pytest.fixture
def window(qtbot, session, clock):
    """A stand-in run window: the timer beside a capture box that has the focus."""
    host = QWidget()
    layout = QVBoxLayout(host)
    host.timer = StepTimer(session, clock=clock)
    host.capture = QLineEdit()
    host.capture.setObjectName("capture")
    layout.addWidget(host.timer)
    layout.addWidget(host.capture)
    show_active(qtbot, host)
    host.capture.setFocus()
    qtbot.waitUntil(host.capture.hasFocus)
    return host


def test_shows_the_current_steps_time_box_stopped(window):
    assert window.timer.time_text() == "20:00"  # WHO is a 20-minute step
    assert not window.timer.running
    assert window.timer.start_button.text() == "Start"


def test_the_qtimer_drives_the_face(qtbot, window, clock):
    window.timer.start_pause()
    clock.advance(30)
    qtbot.waitUntil(lambda: window.timer.time_text() == "19:30", timeout=2000)


def test_shortcuts_work_while_typing_and_keep_the_focus(qtbot, window, clock):
    qtbot.keyClicks(window.capture, "Older people living alone")
    qtbot.keyClick(window.capture, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.timer.running
    assert window.capture.hasFocus()
    assert window.capture.text() == "Older people living alone"  # nothing typed went astray

    clock.advance(90)
    window.timer.refresh()
    assert window.timer.time_text() == "18:30"
    qtbot.keyClick(window.capture, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert not window.timer.running
    assert window.timer.start_button.text() == "Start"

    qtbot.keyClick(
        window.capture, Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.timer.time_text() == "19:30"
    qtbot.keyClick(window.capture, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.timer.time_text() == "20:00"
    assert window.capture.hasFocus()


def test_clicking_the_buttons_does_not_take_the_focus(qtbot, window, clock):
    qtbot.mouseClick(window.timer.start_button, Qt.MouseButton.LeftButton)
    assert window.timer.running
    assert window.timer.start_button.text() == "Pause"
    qtbot.mouseClick(window.timer.add_button, Qt.MouseButton.LeftButton)
    assert window.timer.time_text() == "21:00"
    assert window.capture.hasFocus()
    for button in (window.timer.start_button, window.timer.add_button,
                   window.timer.reset_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_colour_in_the_last_minute_and_flashing_at_zero(qtbot, window, clock):
    timer = window.timer
    phases = []
    timer.phase_changed.connect(phases.append)
    timer.start_pause()
    clock.advance(20 * 60 - 59)
    timer.refresh()
    assert timer.face.phase == Phase.LAST_MINUTE
    assert "#ffe08a" in timer.face.styleSheet()
    clock.advance(60)
    timer.refresh()
    assert timer.time_text() == "0:00"
    assert timer.face.flashing
    first = timer.face.styleSheet()
    timer.refresh()
    assert timer.face.styleSheet() != first  # it flashes
    assert phases == [Phase.LAST_MINUTE, Phase.OVER]
    # A minute more after zero is a whole minute, and it keeps running.
    timer.add_minute()
    assert timer.time_text() == "1:00"
    assert timer.face.phase == Phase.LAST_MINUTE


def test_each_step_keeps_its_own_countdown_across_step_changes(window, session, clock):
    window.timer.start_pause()
    clock.advance(100)
    session.next_step()  # WHAT: 30 minutes, a fresh time box
    assert window.timer.time_text() == "30:00"
    assert not window.timer.running
    session.set_step("how")
    window.timer.start_pause()  # HOW running; a look back at WHO to move a card…
    clock.advance(60)
    session.set_step("who")  # …WHO's countdown kept running, like the room's clock
    assert window.timer.time_text() == "17:20"
    assert window.timer.running
    clock.advance(30)
    session.set_step("how")  # HOW's time was not lost by looking away
    assert window.timer.time_text() == "28:30"
    assert window.timer.running
    window.timer.reset()
    assert window.timer.time_text() == "30:00"


def test_a_step_without_a_time_box(context, qtbot, clock):
    base = context.store.get_format("delivery-planning")
    steps = tuple(replace(step, minutes=0) for step in base.steps)
    context.store.save_format(replace(base, key="untimed", name="Untimed", steps=steps))
    session = make_session(context, "untimed")
    timer = StepTimer(session, clock=clock)
    qtbot.addWidget(timer)
    assert timer.time_text() == "No time box"
    timer.add_minute()
    assert timer.time_text() == "1:00"


def test_actions_for_the_menu_with_names_shortcuts_and_tooltips(window):
    actions = window.timer.actions()
    assert [a.shortcut().toString() for a in actions] == ["Ctrl+T", "Ctrl+Shift+T", "Ctrl+R"]
    for action in actions:
        assert action.toolTip().endswith(f"({action.shortcut().toString()})")
    for button in (window.timer.start_button, window.timer.add_button,
                   window.timer.reset_button):
        assert button.accessibleName()
        assert "Ctrl+" in button.toolTip()
    # Named by the time it shows (what a screen reader reads); described in words.
    assert name_of(window.timer.face) == "20:00"
    assert window.timer.face.accessibleDescription() == "Time left in this step: 20 minutes left"
