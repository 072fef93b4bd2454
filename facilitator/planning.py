"""Setting up a round without the window: a new programme, a new workshop, or the whole plan
of a programme's workshops from a table (CSV or Excel) as the Communities Team keeps it.

The same rules as the window: a programme title is not used twice (case, spacing and
punctuation aside), a workshop code is not used twice in one programme, a format must be one
the library knows, a postponed or cancelled workshop says why. No Qt; the store does the SQL.

A plan is checked row by row first (``plan_workshops``), nothing written; then the valid rows
are applied in one transaction (``apply_workshop_plan``). A row with an empty cell leaves that
field of an existing workshop as it is, so a plan can be re-run, or extended, safely: running
the same table twice changes nothing the second time.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from facilitator.formats import Format
from facilitator.models import (
    Programme,
    ValidationError,
    Workshop,
    WorkshopStatus,
    code_key,
    iso_date,
    name_key,
)
from facilitator.store import LibraryError, Store
from facilitator.transfer.notes_columns import normalise_header
from facilitator.transfer.table_base import NoteTable, RowProblem

DEFAULT_FORMAT = "delivery-planning"
NEEDS_REASON = (WorkshopStatus.POSTPONED, WorkshopStatus.CANCELLED)


# ------------------------------------------------------------------ names
def title_key(title: str) -> str:
    """What makes two programme titles the same: case, spacing, punctuation and how an
    accent is stored do not count (the library's own rule, ``models.name_key``)."""
    return name_key(title)


def programmes_titled(store: Store, title: str) -> list[Programme]:
    key = title_key(title)
    return [p for p in store.programmes() if title_key(p.title) == key]


def programme_with_title(store: Store, title: str) -> Programme | None:
    found = programmes_titled(store, title)
    return found[0] if found else None


def find_programme(store: Store, title: str) -> Programme:
    """The programme of that title (case, spacing and punctuation aside); LibraryError
    listing the titles there are if none has it, or saying so if two have it (made
    separately on two laptops) rather than picking one."""
    programmes = programmes_titled(store, title)
    if len(programmes) > 1:
        raise LibraryError(
            f"{len(programmes)} programmes are titled {programmes[0].title!r} in "
            f"{store.path or 'the library'} (made separately on different laptops). Rename "
            "one in the window so each title says which is which."
        )
    found = programmes[0] if programmes else None
    if found is None:
        titles = "; ".join(repr(p.title) for p in store.programmes()) or "none yet"
        raise LibraryError(
            f"No programme titled {title!r} in {store.path or 'the library'} "
            f"(programmes: {titles})."
        )
    return found


def check_new_title(store: Store, title: str) -> None:
    if not title.strip():
        raise ValidationError("A programme needs a title.")
    existing = programme_with_title(store, title)
    if existing is not None:
        raise ValidationError(
            f"The library already has a programme titled {existing.title!r} (titles that "
            "differ only in case, spacing or punctuation are the same). Add its workshops to "
            "that one, or choose another title."
        )


def new_programme(
    store: Store, title: str, *, area: str = "", organisation: str = "", description: str = ""
) -> Programme:
    """Add a programme; refuses a title the library already has, naming it."""
    title = " ".join(title.split())
    check_new_title(store, title)
    programme = Programme(
        title, description=description.strip(), organisation=organisation.strip(),
        area=area.strip(),
    )
    programme.validate()
    return store.add_programme(programme)


# --------------------------------------------------------------- workshops
def format_choices(formats: dict[str, Format]) -> str:
    return ", ".join(f"{key} ({fmt.name})" for key, fmt in sorted(formats.items()))


def find_format(formats: dict[str, Format], wanted: str) -> str:
    """The key of the format named by its key or its name (case and spacing aside)."""
    key = " ".join(wanted.replace("_", "-").split()).casefold()
    for fmt_key, fmt in formats.items():
        if key in (fmt_key.casefold(), fmt.name.casefold(), fmt_key.replace("-", " ")):
            return fmt_key
    raise ValidationError(
        f"The library has no format {wanted!r}; the formats are: {format_choices(formats)}."
    )


def parse_status(value: str) -> WorkshopStatus:
    text = value.strip().casefold()
    for status in WorkshopStatus:
        if text == status.value:
            return status
    choices = ", ".join(s.value for s in WorkshopStatus)
    raise ValidationError(f"unknown status {value!r} (use {choices})")


def describe_workshop(workshop: Workshop) -> str:
    """'W8 "How can we help?" (2015-03-04, Lutterworth)' to name an existing workshop."""
    where = ", ".join(p for p in (workshop.date, workshop.venue) if p)
    question = f" {workshop.theme_question!r}" if workshop.theme_question else ""
    return f"{workshop.code}{question}" + (f" ({where})" if where else "")


def check_code(store: Store, programme: Programme, code: str, *, ignore_id: str = "") -> None:
    """Refuse a code the programme already uses (case and spaces aside, ``code_key``),
    naming that workshop."""
    wanted = code_key(code)
    for other in store.workshops(programme.id):
        if other.id != ignore_id and code_key(other.code) == wanted:
            raise ValidationError(
                f"{programme.title!r} already has a workshop {describe_workshop(other)}; "
                "choose another code."
            )


def new_workshop(store: Store, programme: Programme, workshop: Workshop) -> Workshop:
    """Add a workshop to a programme after the checks the window makes."""
    workshop.programme_id = programme.id
    workshop.code = " ".join(workshop.code.split())
    workshop.format_key = find_format(store.formats(), workshop.format_key)
    workshop.date = iso_date(workshop.date)
    workshop.rescheduled_date = iso_date(workshop.rescheduled_date)
    workshop.validate()
    check_code(store, programme, workshop.code)
    return store.add_workshop(workshop)


# -------------------------------------------------------------------- plans
#: What a plan row can hold: field -> the label used in messages.
PLAN_FIELDS: dict[str, str] = {
    "code": "workshop code",
    "theme_question": "theme question",
    "format_key": "format",
    "date": "date",
    "venue": "venue",
    "district": "district",
    "status": "status",
    "status_reason": "reason",
    "rescheduled_date": "new date",
    "facilitators": "facilitators",
}
#: Header names for each field, compared with case, spacing and punctuation ignored; a
#: header that contains one of them as whole words matches too ("Date of workshop").
PLAN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": ("code", "workshop code", "workshop", "workshop id", "ref", "no", "number"),
    "theme_question": ("theme question", "question", "theme", "title", "topic"),
    "format_key": ("format", "workshop format", "type"),
    "date": ("date", "workshop date", "when", "day"),
    "venue": ("venue", "where", "location", "place"),
    "district": ("district", "locality", "borough"),
    "status": ("status", "state"),
    "status_reason": ("reason", "status reason", "why", "reason for postponement",
                      "postponement reason", "cancellation reason"),
    "rescheduled_date": ("new date", "rescheduled date", "rescheduled", "rescheduled to",
                         "rescheduled for", "postponed to"),
    "facilitators": ("facilitators", "facilitator", "facilitated by", "lead", "leads"),
}


def plan_mapping(headers: list[str]) -> dict[str, int]:
    """Field -> column, matched forgivingly: exact names first, then a header that contains
    a name as whole words (longer names before shorter, so "New date" is not the date)."""
    normalised = [normalise_header(h) for h in headers]
    mapping: dict[str, int] = {}
    for key, names in PLAN_SYNONYMS.items():
        for name in names:
            if name in normalised and normalised.index(name) not in mapping.values():
                mapping[key] = normalised.index(name)
                break
    pairs = sorted(
        ((name, key) for key, names in PLAN_SYNONYMS.items() for name in names),
        key=lambda pair: -len(pair[0]),
    )
    for name, key in pairs:
        if key in mapping:
            continue
        pattern = re.compile(rf"(^| ){re.escape(name)}( |$)")
        for index, header in enumerate(normalised):
            if index not in mapping.values() and pattern.search(header):
                mapping[key] = index
                break
    return mapping


@dataclass
class WorkshopPlan:
    """What applying a table would do to a programme's workshops."""

    source: Path
    unit: str
    programme: Programme
    #: True when the programme is not in the library yet and applying adds it.
    new_programme: bool = False
    created: list[Workshop] = field(default_factory=list)
    updated: list[tuple[Workshop, Workshop]] = field(default_factory=list)
    unchanged: list[Workshop] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    unused_columns: list[str] = field(default_factory=list)

    def problem_lines(self) -> list[str]:
        return [f"{self.unit.capitalize()} {p.line}: {p.reason}" for p in self.problems]

    def describe(self) -> str:
        text = (f"{len(self.created)} created, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged")
        if self.problems:
            text += f", {len(self.problems)} row{'s' * (len(self.problems) != 1)} with problems"
        return text


def plan_workshops(
    store: Store, table: NoteTable, programme: Programme, *, new_programme: bool = False
) -> WorkshopPlan:
    """Check every row against the programme's workshops; nothing is written."""
    mapping = plan_mapping(table.headers)
    if "code" not in mapping:
        raise ValidationError(
            f"{table.source.name}: no column for the workshop code (name one 'Code'); the "
            f"columns are: {', '.join(h for h in table.headers if h) or 'none'}."
        )
    plan = WorkshopPlan(table.source, table.unit, programme, new_programme)
    plan.unused_columns = [
        h for i, h in enumerate(table.headers) if h and i not in mapping.values()
    ]
    formats = store.formats()
    existing = {} if new_programme else {
        code_key(w.code): w for w in store.workshops(programme.id)
    }
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        values = {
            key: " ".join(cells[index].split()) if index < len(cells) else ""
            for key, index in mapping.items()
        }
        code = values.get("code", "")
        try:
            if not code:
                raise ValidationError("no workshop code")
            folded = code_key(code)
            if folded in seen:
                raise ValidationError(
                    f"{code} is on {table.unit} {seen[folded]} already; give each workshop one row")
            seen[folded] = line
            before = existing.get(folded)
            after = _row_workshop(programme, before, values, formats)
        except ValidationError as exc:
            plan.problems.append(RowProblem(line, _lower_first(str(exc))))
            continue
        if before is None:
            plan.created.append(after)
        elif _same(before, after):
            plan.unchanged.append(before)
        else:
            plan.updated.append((before, after))
    return plan


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _row_workshop(
    programme: Programme, before: Workshop | None, values: dict[str, str],
    formats: dict[str, Format],
) -> Workshop:
    workshop = copy.deepcopy(before) if before is not None else Workshop(
        programme.id, values["code"], "", "")
    for key in ("theme_question", "venue", "district", "facilitators"):
        if values.get(key):
            setattr(workshop, key, values[key])
    if values.get("format_key"):
        workshop.format_key = find_format(formats, values["format_key"])
    elif not workshop.format_key:
        if DEFAULT_FORMAT not in formats:
            raise ValidationError(f"no format (the formats are: {format_choices(formats)})")
        workshop.format_key = DEFAULT_FORMAT
    for key in ("date", "rescheduled_date"):
        if values.get(key):
            setattr(workshop, key, iso_date(values[key]))
    if values.get("status"):
        workshop.status = parse_status(values["status"])
        if workshop.status not in NEEDS_REASON:
            workshop.status_reason = ""
        if workshop.status != WorkshopStatus.POSTPONED:
            workshop.rescheduled_date = ""
    if values.get("status_reason"):
        workshop.status_reason = values["status_reason"]
    workshop.validate()
    return workshop


def _same(a: Workshop, b: Workshop) -> bool:
    skip = {"updated_at"}
    return all(getattr(a, f.name) == getattr(b, f.name) for f in fields(Workshop)
               if f.name not in skip)


def apply_workshop_plan(store: Store, plan: WorkshopPlan) -> WorkshopPlan:
    """Write the plan's valid rows (and the programme, if new) in one transaction."""
    with store.transaction():
        if plan.new_programme:
            store.add_programme(plan.programme)
            plan.new_programme = False
        for workshop in plan.created:
            store.add_workshop(workshop)
        for _before, after in plan.updated:
            store.update_workshop(after)
    return plan


def change_lines(plan: WorkshopPlan) -> list[str]:
    """One line per workshop the plan creates or changes, saying what it does."""
    lines = []
    for workshop in plan.created:
        details = [d for d in (workshop.theme_question, workshop.date, workshop.venue) if d]
        lines.append(f"{workshop.code}: new" + (f" ({'; '.join(details)})" if details else ""))
    for before, after in plan.updated:
        changes = []
        for key, label in PLAN_FIELDS.items():
            old, new = getattr(before, key), getattr(after, key)
            if old != new:
                changes.append(f"{label} {str(old) or '(none)'!r} → {str(new) or '(none)'!r}")
        lines.append(f"{after.code}: " + "; ".join(changes))
    return lines
