"""How long each text may be, field by field: the one place that says so (issue 12).

Every text that comes from outside — a workshop file, a spreadsheet of notes or of workshops,
a format's JSON, a library on a share, a phone — is held to these bounds, and so is what is
typed, so that nothing the app lets in can make a file it then refuses. The records'
``validate()`` (``models``, ``asset_models``, ``action_plan``) check their own fields against
``FIELDS``; a workshop file's rows are checked column by column, before anything else is read
from them (``facilitator.transfer.validate``), each refusal naming the file and the field.

This module imports nothing of the app's, so the records can import it.
"""

from __future__ import annotations

from typing import Any

#: Ids (32 hex digits written; some slack), keys of steps, tags and formats, ISO times.
ID = 64
KEY = 64
TIME = 40
#: A label (a title, a place, a name) and a paragraph (a description, an action).
NAME = 200
LONG_TEXT = 4000
#: A sticky note, and so a cell of a spreadsheet of notes.
NOTE_TEXT = 10_000
#: A format's JSON (also its size limit in bytes, ``formats.MAX_FORMAT_BYTES``).
FORMAT_DEFINITION = 256 * 1024
#: A list of ids in JSON (an action's notes and workshops).
ID_LIST = 200_000

_BOOKKEEPING = {"id": (ID, "id"), "created_at": (TIME, "creation time"),
                "updated_at": (TIME, "edit time")}


def _record(**fields: tuple[int, str]) -> dict[str, tuple[int, str]]:
    return {**_BOOKKEEPING, **fields}


#: table -> column -> (at most this many characters, what the field is called in a message).
FIELDS: dict[str, dict[str, tuple[int, str]]] = {
    "formats": {"key": (KEY, "key"), "name": (NAME, "name"),
                "definition": (FORMAT_DEFINITION, "definition"),
                "updated_at": (TIME, "edit time")},
    "programmes": _record(title=(NAME, "title"), description=(LONG_TEXT, "description"),
                          organisation=(NAME, "organisation"), area=(NAME, "area")),
    "themes": _record(programme_id=(ID, "programme"), step_key=(KEY, "step"),
                      label=(500, "label")),
    "workshops": _record(
        programme_id=(ID, "programme"), code=(40, "code"),
        theme_question=(1000, "theme question"), format_key=(KEY, "format"),
        date=(TIME, "date"), venue=(300, "venue"), district=(NAME, "district"),
        facilitators=(500, "facilitators"), status=(KEY, "status"),
        status_reason=(1000, "reason for its status"),
        rescheduled_date=(TIME, "new date"), notes=(LONG_TEXT, "notes")),
    "notes": _record(workshop_id=(ID, "workshop"), step_key=(KEY, "step"),
                     text=(NOTE_TEXT, "text"), table_label=(NAME, "table label"),
                     theme_id=(ID, "theme"), tags=(LONG_TEXT, "tags")),
    "attendance": {"workshop_id": (ID, "workshop"), "category": (KEY, "category"),
                   "updated_at": (TIME, "edit time")},
    "photos": _record(workshop_id=(ID, "workshop"), step_key=(KEY, "step"),
                      file_name=(255, "file name"), media_type=(KEY, "media type")),
    "votes": _record(workshop_id=(ID, "workshop"), step_key=(KEY, "step"),
                     target_kind=(KEY, "kind of idea"), target_id=(ID, "idea"),
                     label=(NOTE_TEXT, "idea's words")),
    "priorities": _record(programme_id=(ID, "programme"), text=(LONG_TEXT, "text")),
    "actions": _record(
        programme_id=(ID, "programme"), text=(LONG_TEXT, "text"),
        priority_id=(ID, "priority"), support_area=(KEY, "support area"),
        lead=(LONG_TEXT, "lead"), partners=(LONG_TEXT, "partners"),
        timescale=(TIME, "timescale"), measure=(LONG_TEXT, "measure of success"),
        status=(KEY, "status"), theme_id=(ID, "theme"), note_ids=(ID_LIST, "notes"),
        workshop_ids=(ID_LIST, "workshops"), source_text=(LONG_TEXT, "source text")),
    "progress_updates": _record(action_id=(ID, "action"), date=(TIME, "date"),
                                text=(LONG_TEXT, "text")),
    "assets": _record(programme_id=(ID, "programme"), name=(NAME, "name"),
                      category=(KEY, "category"), offers=(LONG_TEXT, "what it offers"),
                      place=(LONG_TEXT, "place"), connector=(LONG_TEXT, "who can help connect"),
                      notes=(LONG_TEXT, "notes")),
    "asset_sources": _record(asset_id=(ID, "asset"), workshop_id=(ID, "workshop"),
                             note_id=(ID, "note")),
    "connections": _record(programme_id=(ID, "programme"), idea=(LONG_TEXT, "idea"),
                           workshop_id=(ID, "workshop"), note_id=(ID, "note")),
    "connection_assets": _record(connection_id=(ID, "connection"), asset_id=(ID, "asset")),
    "merged_records": {"table_name": (KEY, "table"), "old_id": (ID, "old id"),
                       "new_id": (ID, "new id"), "created_at": (TIME, "creation time"),
                       "updated_at": (TIME, "edit time")},
    "purged_records": {"table_name": (KEY, "table"), "id": (ID, "id"),
                       "purged_at": (TIME, "time removed")},
    "merge_base": {"source_id": (ID, "library"), "table_name": (KEY, "table"),
                   "row_key": (NAME, "row"), "row_hash": (128, "check sum"),
                   "updated_at": (TIME, "edit time")},
}

#: What one row of each table is called at the start of a sentence.
RECORDS = {
    "formats": "A format", "programmes": "A programme", "themes": "A theme",
    "workshops": "A workshop", "notes": "A note", "attendance": "An attendance count",
    "photos": "A photo", "votes": "A dot-vote count", "priorities": "A priority",
    "actions": "An action", "progress_updates": "A progress update", "assets": "An asset",
    "asset_sources": "A link from an asset to a note", "connections": "A connection",
    "connection_assets": "A connection's asset", "merged_records": "A merge record",
    "purged_records": "A record of removed items", "merge_base": "A record of a past merge",
}


def limit(table: str, column: str) -> tuple[int, str]:
    """(characters allowed, the field's name) for ``table.column``; a text column not listed
    is held to a paragraph's length (tests/facilitator/hostile/test_text_bounds.py makes
    sure every column a workshop file carries is listed)."""
    return FIELDS.get(table, {}).get(column, (LONG_TEXT, column.replace("_", " ")))


def text_problem(table: str, column: str, value: Any, *, nullable: bool = True) -> str | None:
    """What is wrong with ``value`` as the text of ``table.column``, said for a person, or
    None: not text at all, or longer than its bound (the bound is stated)."""
    if value is None and nullable:
        return None
    chars, name = limit(table, column)
    what = RECORDS.get(table, "A record")
    if not isinstance(value, str):
        return f"{what}'s {name} is not text."
    if len(value) > chars:
        return (f"{what}'s {name} is {len(value):,} characters long; at most {chars:,} "
                "are allowed.")
    return None


def record_problem(table: str, record: object) -> str | None:
    """The first field of a record (a dataclass of ``table``'s row) longer than its bound."""
    for column, (chars, name) in FIELDS.get(table, {}).items():
        value = getattr(record, column, None)
        if isinstance(value, str) and len(value) > chars:
            return (f"{RECORDS.get(table, 'A record')}'s {name} is {len(value):,} characters "
                    f"long; at most {chars:,} are allowed.")
    return None
