"""A step's time box as a pausable countdown, with the clock passed in (no Qt, no sleeping).

    countdown = Countdown(20 * 60)       # a 20-minute time box, stopped
    countdown.start(now)                 # ``now`` is any monotonic seconds value
    countdown.remaining(now + 90)        # -> 1110.0
    countdown.pause(now + 90)
    countdown.add(60)                    # one more minute, running or not
    countdown.reset(30 * 60)             # a new time box, stopped

The window drives it with ``time.monotonic`` and a QTimer; tests pass numbers.
Remaining time never goes below zero: at zero the time box is over
(``phase(now) == Phase.OVER``) and the window flashes.
"""

from __future__ import annotations

from enum import StrEnum

#: The last stretch of a time box, when the timer changes colour.
LAST_MINUTE = 60.0


class Phase(StrEnum):
    NONE = "none"  # the step has no time box (0 minutes) and nothing was added
    NORMAL = "normal"
    LAST_MINUTE = "last-minute"
    OVER = "over"


class Countdown:
    """Seconds left in a time box; ``start``/``pause`` take the current time."""

    def __init__(self, seconds: float = 0.0) -> None:
        self._total = 0.0
        self._left = 0.0
        self._started_at: float | None = None
        self.reset(seconds)

    # ------------------------------------------------------------- state
    @property
    def total(self) -> float:
        """The time box in seconds, including minutes added."""
        return self._total

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def remaining(self, now: float) -> float:
        left = self._left
        if self._started_at is not None:
            left -= max(0.0, now - self._started_at)
        return max(0.0, left)

    def phase(self, now: float) -> Phase:
        if self._total <= 0:
            return Phase.NONE
        left = self.remaining(now)
        if left <= 0:
            return Phase.OVER
        if left <= LAST_MINUTE:
            return Phase.LAST_MINUTE
        return Phase.NORMAL

    # ----------------------------------------------------------- changes
    def restore(self, total: float, left: float) -> None:
        """Paused with ``left`` of a ``total`` time box (as kept when the workshop closed)."""
        self._total = max(0.0, total)
        self._left = min(max(0.0, left), self._total)
        self._started_at = None

    def start(self, now: float) -> None:
        """Start (or resume) counting down; does nothing when running or at zero."""
        if self._started_at is None and self._left > 0:
            self._started_at = now

    def pause(self, now: float) -> None:
        if self._started_at is not None:
            self._left = self.remaining(now)
            self._started_at = None

    def toggle(self, now: float) -> None:
        if self.running:
            self.pause(now)
        else:
            self.start(now)

    def add(self, seconds: float, now: float | None = None) -> None:
        """Lengthen the time box. After zero, time counts from zero again (pass ``now``)."""
        if seconds <= 0:
            return
        if self._started_at is not None and now is not None and self.remaining(now) <= 0:
            # The box ran out while running: restart from zero, not from the overdraft.
            self._left = 0.0
            self._started_at = now
        self._left += seconds
        self._total += seconds

    def reset(self, seconds: float) -> None:
        """A fresh, stopped time box of ``seconds``."""
        self._total = max(0.0, float(seconds))
        self._left = self._total
        self._started_at = None


def format_seconds(seconds: float) -> str:
    """``1110.2`` -> ``"18:31"`` (rounded up, so 0:00 means the time is really over)."""
    whole = int(-(-max(0.0, seconds) // 1))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def spoken_seconds(seconds: float) -> str:
    """``"18 minutes 31 seconds left"`` for screen readers."""
    whole = int(-(-max(0.0, seconds) // 1))
    minutes, secs = divmod(whole, 60)
    if whole == 0:
        return "Time is up"
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if secs:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return " ".join(parts) + " left"
