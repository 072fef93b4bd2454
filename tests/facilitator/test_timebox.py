"""The step countdown, driven by a clock we pass in."""

from __future__ import annotations

import pytest

from facilitator.timebox import Countdown, Phase, format_seconds, spoken_seconds


def test_a_new_countdown_is_stopped_at_its_time_box():
    countdown = Countdown(20 * 60)
    assert not countdown.running
    assert countdown.remaining(1000.0) == 1200.0
    assert countdown.remaining(5000.0) == 1200.0
    assert countdown.phase(0) is Phase.NORMAL


def test_counts_down_while_running_and_holds_while_paused():
    countdown = Countdown(300)
    countdown.start(100.0)
    assert countdown.running
    assert countdown.remaining(160.0) == 240.0
    countdown.pause(160.0)
    assert not countdown.running
    assert countdown.remaining(999.0) == 240.0
    countdown.start(1000.0)
    assert countdown.remaining(1040.0) == 200.0


def test_start_twice_keeps_the_first_start():
    countdown = Countdown(300)
    countdown.start(0.0)
    countdown.start(100.0)
    assert countdown.remaining(100.0) == 200.0


def test_toggle_starts_then_pauses():
    countdown = Countdown(60)
    countdown.toggle(0.0)
    assert countdown.running
    countdown.toggle(30.0)
    assert not countdown.running
    assert countdown.remaining(90.0) == 30.0


def test_last_minute_and_over():
    countdown = Countdown(120)
    countdown.start(0.0)
    assert countdown.phase(59.0) is Phase.NORMAL
    assert countdown.phase(61.0) is Phase.LAST_MINUTE
    assert countdown.phase(120.0) is Phase.OVER
    assert countdown.remaining(500.0) == 0.0  # never negative


def test_add_a_minute_running_paused_and_after_zero():
    countdown = Countdown(120)
    countdown.add(60)
    assert countdown.remaining(0) == 180.0
    assert countdown.total == 180.0
    countdown.start(0.0)
    countdown.add(60, now=30.0)
    assert countdown.remaining(30.0) == 210.0
    # It runs out; a minute added then gives a whole minute from now, not from the overdraft.
    assert countdown.phase(1000.0) is Phase.OVER
    countdown.add(60, now=1000.0)
    assert countdown.remaining(1000.0) == 60.0
    assert countdown.phase(1000.0) is Phase.LAST_MINUTE
    assert countdown.remaining(1030.0) == 30.0


def test_add_ignores_nothing_or_negative():
    countdown = Countdown(60)
    countdown.add(0)
    countdown.add(-30)
    assert countdown.remaining(0) == 60.0


def test_reset_stops_and_sets_a_new_time_box():
    countdown = Countdown(60)
    countdown.start(0.0)
    countdown.reset(30 * 60)
    assert not countdown.running
    assert countdown.remaining(500.0) == 1800.0
    assert countdown.total == 1800.0


def test_start_at_zero_does_nothing():
    countdown = Countdown(0)
    countdown.start(0.0)
    assert not countdown.running
    assert countdown.phase(0.0) is Phase.NONE
    countdown.add(60)
    countdown.start(0.0)
    assert countdown.running


@pytest.mark.parametrize(
    ("seconds", "text", "spoken"),
    [
        (0, "0:00", "Time is up"),
        (0.2, "0:01", "1 second left"),
        (59.5, "1:00", "1 minute left"),
        (1110.2, "18:31", "18 minutes 31 seconds left"),
        (3600, "60:00", "60 minutes left"),
        (-5, "0:00", "Time is up"),
    ],
)
def test_formatting(seconds, text, spoken):
    assert format_seconds(seconds) == text
    assert spoken_seconds(seconds) == spoken
