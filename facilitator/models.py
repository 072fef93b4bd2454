"""The domain's records: plain dataclasses, no Qt, no SQL.

Every record that can travel between laptops has a UUID key and an
``updated_at`` timestamp (ISO 8601, UTC, microseconds), so that workshop files
from different laptops can be merged row by row.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from facilitator import limits


def new_id() -> str:
    """A fresh UUID key as 32 hex digits."""
    import uuid  # (on Linux it imports platform, ~5 ms: not needed to open the window)

    return uuid.uuid4().hex


def utc_now() -> str:
    """Now, as the ISO 8601 UTC text every ``updated_at`` holds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def edit_time(previous: str | None, now: str) -> str:
    """The edit time of a new version of a row whose current version has ``previous``:
    ``now``, or one microsecond after ``previous`` when the laptop's clock reads no later
    than that (a clock set back, or behind the laptop the row came from).

    So a row's versions on one laptop never go back in time, and an edit always beats, by
    time, the version it replaced: the merge's last resort (the newer edit wins) can never
    prefer the version someone edited over their edit, whatever the clocks say. Times are
    the fixed-width ISO text of ``utc_now``, compared as text."""
    if not previous or previous < now:
        return now
    try:
        after = datetime.fromisoformat(previous).astimezone(UTC) + timedelta(microseconds=1)
    except ValueError:
        return now
    return after.isoformat(timespec="microseconds")


#: Dates as people in England type them, besides the YYYY-MM-DD the library keeps.
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y", "%d %B %Y",
                "%d %b %Y")


def iso_date(text: str) -> str:
    """``"4/3/2015"`` or ``"4 March 2015"`` -> ``"2015-03-04"`` (day first, as in the UK);
    a spreadsheet's date-and-time cell (``2015-03-04T00:00:00``) gives its date; text that
    is no date is returned as typed, for the check to name it."""
    text = " ".join(text.split())
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    if "T" in text:
        try:
            return datetime.fromisoformat(text).date().isoformat()
        except ValueError:
            pass
    return text


def name_key(text: str) -> str:
    """What makes two programme titles the same: case, spacing, punctuation and how an
    accent is stored do not count ("Rutland 2026" is "rutland, 2026")."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def code_key(code: str) -> str:
    """What makes two workshop codes the same: case and spaces do not count (W2 is w 2)."""
    return "".join(unicodedata.normalize("NFKC", code).split()).casefold()


def long_date(iso: str) -> str:
    """ "2015-05-12" -> "12 May 2015" ("" stays "", anything else is returned as it is)."""
    try:
        when = datetime.strptime(iso, "%Y-%m-%d")
    except ValueError:
        return iso
    return f"{when.day} {when:%B %Y}"


def require_words(text: str, message: str) -> None:
    """Refuse (``message``) a text that is empty or only spaces."""
    if not text.strip():
        raise ValidationError(message)


def parse_date(text: str) -> date | None:
    """A date typed the UK way or kept as YYYY-MM-DD (see :func:`iso_date`), or None if
    the text is no date."""
    try:
        return datetime.strptime(iso_date(text), "%Y-%m-%d").date()
    except ValueError:
        return None


class WorkshopStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()


#: Who came, in the order the council's reports list them (seed 003 para 14).
PARTICIPANT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("community_representatives", "Community representatives"),
    ("town_parish_councils", "Town and parish councils"),
    ("partner_organisations", "Partner organisations"),
    ("council_officers", "Council officers"),
    ("residents", "Residents"),
    ("vcse_groups", "VCSE groups"),
    ("other", "Other"),
)
PARTICIPANT_CATEGORY_KEYS = tuple(key for key, _ in PARTICIPANT_CATEGORIES)
PARTICIPANT_CATEGORY_LABELS = dict(PARTICIPANT_CATEGORIES)


class ValidationError(ValueError):
    """A record breaks a domain rule; the message says which and why."""


def check_lengths(table: str, record: object) -> None:
    """Every text of ``record`` (a row of ``table``) within its bound, ``limits.FIELDS``;
    ValidationError naming the field and the bound otherwise."""
    problem = limits.record_problem(table, record)
    if problem:
        raise ValidationError(problem)


def code_clash_message(code: str, existing: Workshop, programme_title: str = "") -> str:
    """ "W2 is already used by W2 “How can I…” (12 May 2015) in 'P': …" """
    question = " ".join(existing.theme_question.split())
    if len(question) > 40:
        question = question[:39] + "…"
    what = existing.code + (f" “{question}”" if question else "")
    if existing.date:
        what += f" ({long_date(existing.date)})"
    where = f" in “{programme_title}”" if programme_title else " in this programme"
    return f"{code} is already used by {what}{where}: choose another code."


@dataclass
class Programme:
    title: str
    description: str = ""
    organisation: str = ""
    #: The area named in the questions, e.g. "Leicestershire".
    area: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    def validate(self) -> None:
        if not self.title.strip():
            raise ValidationError("A programme needs a title.")
        check_lengths("programmes", self)


@dataclass
class Workshop:
    programme_id: str
    code: str
    theme_question: str
    format_key: str
    date: str = ""  # ISO date, YYYY-MM-DD, or "" when not set yet
    venue: str = ""
    district: str = ""
    facilitators: str = ""
    status: WorkshopStatus = WorkshopStatus.PLANNED
    status_reason: str = ""
    rescheduled_date: str = ""
    notes: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    def validate(self) -> None:
        if not self.code.strip():
            raise ValidationError("A workshop needs a code, such as W2.")
        if not self.format_key:
            raise ValidationError(f"Workshop {self.code} needs a format.")
        check_lengths("workshops", self)
        self.status = WorkshopStatus(self.status)
        for name in ("date", "rescheduled_date"):
            value = getattr(self, name)
            if value:
                try:
                    datetime.strptime(value, "%Y-%m-%d")
                except ValueError:
                    raise ValidationError(
                        f"Workshop {self.code}: {name.replace('_', ' ')} {value!r} "
                        "is not a date (use YYYY-MM-DD)."
                    ) from None
        if (
            self.status in (WorkshopStatus.POSTPONED, WorkshopStatus.CANCELLED)
            and not self.status_reason.strip()
        ):
            raise ValidationError(
                f"Workshop {self.code} is {self.status.value}: say why (e.g. snow)."
            )


@dataclass
class Note:
    """One sticky note. Notes are about the community, never about a named person."""

    workshop_id: str
    step_key: str
    text: str
    table_label: str = ""
    theme_id: str | None = None
    tags: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    def validate(self) -> None:
        if not self.text.strip():
            raise ValidationError("An empty note is not added.")
        if not self.step_key:
            raise ValidationError("A note belongs to a step.")
        check_lengths("notes", self)


@dataclass
class Theme:
    """A group of notes that say the same thing, possibly across workshops."""

    programme_id: str
    step_key: str
    label: str
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    def validate(self) -> None:
        if not self.label.strip():
            raise ValidationError("A theme needs a label.")
        check_lengths("themes", self)


@dataclass
class Attendance:
    workshop_id: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def validate(self) -> None:
        for key, count in self.counts.items():
            if key not in PARTICIPANT_CATEGORY_LABELS:
                raise ValidationError(f"Unknown participant category {key!r}.")
            if not isinstance(count, int) or count < 0:
                raise ValidationError(
                    f"Attendance for {PARTICIPANT_CATEGORY_LABELS[key]} must be a whole "
                    f"number of 0 or more, not {count!r}."
                )


@dataclass
class WorkshopState:
    """Where a workshop was left on this laptop (the library's ``workshop_state``; it never
    travels in workshop files): its step, the note being typed and its step, the table
    label, each step's timer (its time box and the seconds left, paused), and whether its
    window was open."""

    workshop_id: str
    step_key: str = ""
    draft: str = ""
    draft_step: str = ""
    table_label: str = ""
    timers: dict[str, tuple[float, float]] = field(default_factory=dict)  # (time box, left)
    was_open: bool = False
