"""What the phones gate deals in: join codes, limits and refusals, the cleaning of a note's
text, token buckets for rate limits, and the values a phone sees (its notes, the step,
voting). No HTTP, no Qt, no store; ``facilitator.phones.gate`` holds the rules that use them.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

#: Unambiguous upper-case letters and digits for join codes (read aloud, typed on a phone).
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 5

WAITING, ACCEPTED, REJECTED = "waiting", "accepted", "not used"


class Refused(Exception):  # noqa: N818 - a refusal, not a programming error
    """A request the gate will not serve: an HTTP status and a message for the phone."""

    def __init__(self, status: int, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


@dataclass(frozen=True)
class Limits:
    note_chars: int = 280
    #: A phone may post this many notes at once, then one more every ``note_every`` seconds.
    note_burst: int = 6
    note_every: float = 4.0
    #: Any request from one address: a burst, then a steady rate per second.
    address_burst: int = 120
    address_rate: float = 20.0
    #: Wrong join codes from one address before it must wait; the wait doubles each time.
    join_failures: int = 5
    join_wait: float = 30.0
    #: Phones at once, and notes waiting for the facilitator at once (then 503).
    max_sessions: int = 200
    max_waiting: int = 1000
    max_notes_per_session: int = 200


def new_code(rng: Callable[[str], str] = secrets.choice) -> str:
    return "".join(rng(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a phone typed, as a code: case, spaces and dashes do not matter."""
    return "".join(ch for ch in str(text).upper() if ch.isalnum())


def clean_note(text: str) -> str:
    """A note's text as kept: NFC, control characters (but line breaks) gone, trimmed.
    Markup is left as typed: it is shown as text everywhere, never interpreted."""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text
                   if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return text.strip()


class Bucket:
    """A token bucket: ``burst`` at once, refilled at ``rate`` per second."""

    def __init__(self, burst: float, rate: float, now: float) -> None:
        self.burst, self.rate = float(burst), float(rate)
        self.tokens, self.stamp = float(burst), now

    def take(self, now: float) -> float:
        """0 when a token was taken, else the seconds until one will be there."""
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate if self.rate > 0 else float("inf")


@dataclass
class PhoneNote:
    """A note from a phone: what the queue, the phone and the run window see of it."""

    id: str
    step_key: str
    text: str
    area: str = ""          # a support area's tag key on HOW, or ""
    status: str = WAITING
    final_text: str = ""    # as accepted (the facilitator may have edited it)
    session: str = field(default="", repr=False)  # the gate's own key, never leaves it

    def for_phone(self) -> dict:
        return {"id": self.id, "text": self.final_text or self.text, "area": self.area,
                "status": self.status, "edited": bool(self.final_text)
                and self.final_text != self.text}


@dataclass
class Step:
    """What phones are shown of the current step."""

    key: str = ""
    title: str = ""
    question: str = ""
    prompt: str = ""
    #: (tag key, label) pairs a note may be filed under (the support areas on HOW).
    areas: tuple[tuple[str, str], ...] = ()


@dataclass
class Voting:
    step_key: str
    #: (item id, label) in the order phones list them.
    items: tuple[tuple[str, str], ...]
    dots: int = 3
    open: bool = True
