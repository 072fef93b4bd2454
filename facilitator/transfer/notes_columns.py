"""Matching a table's columns to what a note needs: the fields, the header names recognised
for each, the automatic match, and the check that a chosen match can be imported.
"""

from __future__ import annotations

import json

from facilitator.transfer.table_base import NotesImportError, NoteTable

#: What a note row can hold: field key -> label shown in the mapping step.
FIELDS: dict[str, str] = {
    "workshop": "Workshop code",
    "step": "Step",
    "text": "Note text",
    "support_area": "Support area",
    "theme": "Theme",
    "table": "Table label",
    "programme": "Programme title",
    "created": "Created time",
}
REQUIRED = ("workshop", "step", "text")
#: Header names recognised for each field (compared with case, spacing and punctuation
#: ignored, see ``normalise_header``).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "workshop": ("workshop", "workshop code", "code", "workshop id"),
    "step": ("step", "step key", "question step", "stage"),
    "text": ("note", "note text", "text", "notes", "sticky note", "sticky notes", "idea",
             "ideas", "comment", "comments", "response", "responses"),
    "support_area": ("support area", "support areas", "tags", "tag", "area of support"),
    "theme": ("theme", "theme label", "group"),
    "table": ("table", "table label", "table name"),
    "programme": ("programme", "program", "programme title"),
    "created": ("created utc", "created", "created time", "created at"),
}
#: Words that make a header the note text when no header is exactly a known name:
#: "Participant comments", "What's the idea?", "Response text".
TEXT_WORDS = frozenset(
    ("text", "note", "notes", "comment", "comments", "response", "responses", "idea", "ideas")
)
def normalise_header(text: str) -> str:
    """A header as compared with the names we know: case, spacing and punctuation aside
    ("Note_Text:" is "note text")."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def auto_mapping(headers: list[str]) -> dict[str, int | None]:
    """Field -> column index, matched by header name; None where no header matches. The
    note text also takes the first other header with one of ``TEXT_WORDS`` in it."""
    normalised = [normalise_header(h) for h in headers]
    mapping: dict[str, int | None] = {}
    taken: set[int] = set()
    for key, names in SYNONYMS.items():
        mapping[key] = None
        for name in names:
            index = normalised.index(name) if name in normalised else None
            if index is not None and index not in taken:
                mapping[key] = index
                taken.add(index)
                break
    if mapping["text"] is None:
        for index, header in enumerate(normalised):
            if index not in taken and TEXT_WORDS & set(header.split()):
                mapping["text"] = index
                break
    return mapping


def layout_key(headers: list[str]) -> str:
    """What identifies a table's layout, to remember the columns chosen for it: its header
    row, each header as compared (case, spacing and punctuation aside)."""
    return json.dumps([normalise_header(h) for h in headers], ensure_ascii=False)


def describe_mapping(headers: list[str], mapping: dict[str, int | None]) -> str:
    """'Workshop code = "Session", Note text = "What people wrote", …' for the used fields."""
    return ", ".join(
        f"{FIELDS[key]} = {headers[index] or f'column {index + 1}'!r}"
        for key, index in mapping.items()
        if index is not None and key in FIELDS and 0 <= index < len(headers)
    )


def check_mapping(table: NoteTable, mapping: dict[str, int | None]) -> None:
    """Raise NotesImportError if a needed column is unmapped or a column is used twice."""
    missing = [FIELDS[k] for k in REQUIRED if mapping.get(k) is None]
    if missing:
        raise NotesImportError(
            f"{table.source.name}: choose the column for {', '.join(missing)} "
            f"(the columns are: {', '.join(table.headers) or 'none'})."
        )
    used = [i for i in mapping.values() if i is not None]
    if len(used) != len(set(used)):
        raise NotesImportError(f"{table.source.name}: one column is chosen for two fields.")
    for index in used:
        if not 0 <= index < len(table.headers):
            raise NotesImportError(f"{table.source.name}: there is no column {index + 1}.")
