"""What a row's cells become in a note: support areas named by their key or label (the
format's vocabulary for the step), and a created time in ISO form or the day-first forms a
spreadsheet saved in Britain writes.
"""

from __future__ import annotations

from datetime import datetime

from facilitator.formats import Format


def tags_from(fmt: Format, step_key: str, value: str) -> list[str]:
    parts = [p.strip() for p in value.replace("|", ";").split(";") if p.strip()]
    vocabulary = fmt.vocabulary_for(step_key)
    if vocabulary is None:
        return parts
    tags = []
    for part in parts:
        match = next(
            (t.key for t in vocabulary.tags
             if part.casefold() in (t.key.casefold(), t.label.casefold())),
            None,
        )
        if match is None:
            known = "; ".join(t.label for t in vocabulary.tags)
            raise ValueError(f"unknown {vocabulary.name.lower()} {part!r} (known: {known})")
        tags.append(match)
    return tags


#: Besides ISO times (what the app's own CSV and Excel dates give), the day-first forms a
#: spreadsheet saved in Britain writes.
_DAY_FIRST = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%y %H:%M", "%d/%m/%y")


def read_time(text: str) -> str:
    """The created time in a row, as the library keeps it; ValueError naming it if it
    cannot be read."""
    try:
        datetime.fromisoformat(text)
        return text
    except ValueError:
        pass
    for pattern in _DAY_FIRST:
        try:
            return datetime.strptime(text, pattern).isoformat()
        except ValueError:
            continue
    raise ValueError(
        f"the created time {text[:40]!r} cannot be read (write it as 2026-03-04 14:05 or "
        "04/03/2026 14:05, or leave the column out)"
    )

