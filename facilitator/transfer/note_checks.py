"""A workshop file's notes checked a whole column at a time.

The notes are most of a file's rows. ``validate._validate_note`` checks one note (its id,
its workshop, its times and deleted flag, its tags, its theme, its step against its
workshop's format, and ``Note.validate()``) and refuses it with its own words. Here the same
rules are worked out for all the notes at once, each over a column of values with Python's
own loops (``map``, ``set``, ``max``: the work is done in C), and exactly: ``notes_clear`` is
True if and only if every note would pass ``_validate_note``. When it is False, each note
goes through ``_validate_note`` in the file's order, so the refusal names the first note
that is wrong with the same words as always.

(Until 26 Nov most of these rules were worked out in SQL as the notes were read, the rest
in Python note by note. SQLite's string functions made the times alone cost 28 ms per 10,000
notes; ``datetime.fromisoformat`` over a column costs about 1 ms: benchmarks/IMPORT.md.)
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime, timedelta
from functools import partial

from facilitator.store.file_checks import MAX_ID_LENGTH
from facilitator.store.transfer_schema import FileContent

_UTC = timedelta(0)


def tags_ok(tags: str) -> bool:
    """Whether a note's ``tags`` is a JSON list of words (what ``_validate_note`` asks)."""
    try:
        value = json.loads(tags)
    except ValueError:
        return False
    return isinstance(value, list) and all(isinstance(t, str) for t in value)


def _times(values: tuple) -> list[datetime] | None:
    try:
        return list(map(datetime.fromisoformat, values))
    except (TypeError, ValueError):
        return None


def notes_clear(content: FileContent, workshops: Collection[str], themes: Collection[str],
                steps: Collection[tuple[str, str]], latest: datetime) -> bool:
    """True if every note of ``content`` passes ``validate._validate_note`` given the file's
    ``workshops`` and ``themes`` (their ids), the (workshop id, step key) pairs its formats
    allow, and the ``latest`` edit time accepted (now and the slack for clocks ahead).

    The notes are as either reader gives them (every value of its column's type: text, a
    whole number, NULL only in ``theme_id``) and every text within its bound
    (``validate._check_texts`` runs first), so ``check_lengths`` in ``Note.validate()`` holds
    for each; everything else ``_validate_note`` asks is worked out here."""
    column = partial(content.column, "notes")
    ids = column("id")
    if not ids:
        return True
    # _check_id: not blank, not too long.
    if not all(map(str.strip, ids)) or max(map(len, ids)) > MAX_ID_LENGTH:
        return False
    # Its workshop, its theme (if any) and its step (the workshop's format has it) are the
    # file's.
    workshop_ids, steps_of = column("workshop_id"), column("step_key")
    if not set(workshop_ids) <= set(workshops):
        return False
    if not set(column("theme_id")) - {None} <= set(themes):
        return False
    if not set(zip(workshop_ids, steps_of, strict=True)) <= set(steps):
        return False
    # _check_bookkeeping: both times read as times; the edit time in UTC and not ahead of
    # ``latest``; the deleted flag 0 or 1.
    created, updated = _times(column("created_at")), _times(column("updated_at"))
    if created is None or updated is None:
        return False
    if set(map(datetime.utcoffset, updated)) != {_UTC} or max(updated) > latest:
        return False
    if not set(column("deleted")) <= {0, 1}:
        return False
    # The tags (each distinct value once), then Note.validate(): text that is not blank and
    # a step.
    if not all(map(tags_ok, set(column("tags")))):
        return False
    return all(map(str.strip, column("text"))) and all(steps_of)
