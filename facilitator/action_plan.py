"""The action plan (Appendix A of the Summary of Results): a programme's strategic
priorities, the actions that carry its ideas into delivery, and their dated progress.

Plain records and rules, no Qt, no SQL (the store is ``facilitator.store.action_plan``).
An action starts from an idea, a HOW or WHAT note or a whole theme, and keeps links to
the notes, theme and workshops it came from, with the text it was promoted from; when
those notes are deleted later the action keeps working and says so.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from facilitator import limits
from facilitator.models import (
    ValidationError,
    check_lengths,
    iso_date,
    long_date,
    new_id,
    parse_date,
    require_words,
    utc_now,
)


class ActionStatus(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()


STATUSES = tuple(ActionStatus)

#: The 2015 Communities Strategy priorities (seed 003, paragraphs 17-18), for the demo.
PRIORITIES_2015 = (
    "Building the capacity and resilience of local communities to support themselves and "
    "vulnerable individuals and families (a longer term 'demand management' role)",
    "Supporting community groups to take over relevant services, including those currently "
    "delivered by the County Council, and to work more closely alongside us to design and "
    "deliver services",
    "Developing voluntary and community sector organisations in Leicestershire as effective "
    "providers in a mixed, diverse market",
)

MAX_TEXT = limits.LONG_TEXT  # all bounds: limits.FIELDS
_QUARTER = re.compile(r"^(?:q\s*([1-4])\s*[/ ,-]?\s*(\d{4})|(\d{4})\s*[/ ,-]?\s*q\s*([1-4]))$",
                      re.IGNORECASE)


def normalise_timescale(text: str) -> str:
    """A quarter as "Q3 2015", a date as YYYY-MM-DD (typed the UK way or not), "" for none;
    anything else raises ValidationError saying what is accepted."""
    text = " ".join(text.split())
    if not text:
        return ""
    match = _QUARTER.match(text)
    if match:
        quarter, year = (match.group(1), match.group(2)) if match.group(1) else (
            match.group(4), match.group(3))
        return f"Q{quarter} {year}"
    if parse_date(text) is None:
        raise ValidationError(
            f"Timescale “{text[:40]}” is neither a quarter (such as Q3 2015) nor a date "
            "(such as 30/09/2015).")
    return iso_date(text)


def timescale_label(timescale: str) -> str:
    """ "Q3 2015" stays; "2015-09-30" reads "30 September 2015"."""
    return long_date(timescale) if timescale[:1].isdigit() else timescale


@dataclass
class Priority:
    """One of a programme's strategic priorities, in the order the strategy lists them."""

    programme_id: str
    text: str
    position: int = 0
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    def validate(self) -> None:
        require_words(self.text, "A priority needs some words.")
        check_lengths("priorities", self)


@dataclass
class Action:
    """One line of the action plan."""

    programme_id: str
    text: str
    priority_id: str | None = None
    support_area: str = ""
    lead: str = ""
    partners: str = ""
    timescale: str = ""
    measure: str = ""
    status: ActionStatus = ActionStatus.PROPOSED
    #: Where it came from: the theme (if a theme was promoted), the notes and their
    #: workshops, and the idea's text as it was then (kept if the notes go).
    theme_id: str | None = None
    note_ids: list[str] = field(default_factory=list)
    workshop_ids: list[str] = field(default_factory=list)
    source_text: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    def validate(self) -> None:
        require_words(self.text, "An action needs some words: what will be done.")
        try:
            self.status = ActionStatus(self.status)
        except ValueError:
            raise ValidationError(
                f"Status “{self.status}” is not one of "
                f"{', '.join(s.label.lower() for s in STATUSES)}.") from None
        self.timescale = normalise_timescale(self.timescale)
        check_lengths("actions", self)


@dataclass
class ProgressUpdate:
    """ "Key progress to date": what happened on an action, and when."""

    action_id: str
    date: str
    text: str
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    # (``datetime.date``: in this class, ``date`` is the field)
    def validate(self, today: datetime.date | None = None) -> None:
        require_words(self.text, "A progress update needs some words: what happened.")
        check_lengths("progress_updates", self)
        when = parse_date(self.date)
        if when is None:
            raise ValidationError(f"“{self.date.strip()[:40]}” is not a date (such as 12/05/2015).")
        self.date = when.isoformat()
        if when > (today or date.today()):
            raise ValidationError(
                f"Progress on {long_date(self.date)} is in the future: record progress once "
                "it has happened (give today's date or an earlier one).")


@dataclass(frozen=True)
class Sources:
    """What an action came from, as the library holds it now."""

    notes: tuple  # live notes (models.Note)
    missing: int  # source notes deleted since
    theme_label: str  # "" if none, or the theme was deleted
    theme_missing: bool
    workshop_codes: tuple[str, ...]

    def describe(self) -> str:
        """ "From 3 notes in W2, W4" / "... (2 source notes deleted since)"."""
        parts = []
        if self.theme_label:
            parts.append(f"theme “{self.theme_label}”")
        if self.notes:
            parts.append(f"{len(self.notes)} note{'s' if len(self.notes) != 1 else ''}")
        where = f" in {', '.join(self.workshop_codes)}" if self.workshop_codes else ""
        text = f"From {' and '.join(parts)}{where}" if parts else (
            f"From{where}" if where else "")
        gone = []
        if self.missing:
            gone.append(f"{self.missing} source note{'s' if self.missing != 1 else ''}")
        if self.theme_missing:
            gone.append("its theme")
        if gone:
            text = (text + "; " if text else "") + f"{' and '.join(gone)} deleted since " \
                "(the action keeps the idea's words)"
        return text


def action_from_idea(programme_id: str, text: str, notes: list, *, theme_id: str | None = None,
                     support_area: str = "", priority_id: str | None = None) -> Action:
    """A new, proposed action from an idea: a note (``notes`` = [it]) or a theme (its label,
    and every note in it); its words start as the idea's words."""
    text = " ".join(text.split())
    workshops = list(dict.fromkeys(n.workshop_id for n in notes))
    return Action(programme_id, text, priority_id=priority_id, support_area=support_area,
                  theme_id=theme_id, note_ids=[n.id for n in notes], workshop_ids=workshops,
                  source_text=text)


def status_key(status: ActionStatus | str) -> int:
    return STATUSES.index(ActionStatus(status))


def timescale_key(timescale: str) -> tuple:
    """Quarters and dates in time order (a quarter sorts at its end); none last."""
    if not timescale:
        return (1, "")
    if timescale.startswith("Q"):
        quarter, year = int(timescale[1]), timescale[3:]
        return (0, f"{year}-{quarter * 3:02d}-31")
    return (0, timescale)
