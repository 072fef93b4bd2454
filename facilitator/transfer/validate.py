"""Domain checks on the rows of a workshop file, before anything is written.

Every row must make a valid record (``Note.validate()`` and friends), every
reference must resolve inside the file, and the bookkeeping columns (ids,
timestamps, deleted flags) must have the shapes this app writes.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, timedelta
from typing import Any, NoReturn

from facilitator import limits
from facilitator.formats import format_from_json
from facilitator.models import (
    PARTICIPANT_CATEGORY_LABELS,
    Note,
    Programme,
    Theme,
    ValidationError,
    Workshop,
)
from facilitator.store import action_plan as plan_store
from facilitator.store.file_checks import MAX_ID_LENGTH, nullable
from facilitator.store.rows import from_row
from facilitator.store.transfer_read import LIBRARY_NOT_FILE
from facilitator.store.transfer_schema import FileContent, WorkshopFileError, table_columns
from facilitator.transfer.merge import content_digest
from facilitator.transfer.note_checks import notes_clear, tags_ok
from facilitator.transfer.row_digest import table_hashes

#: Tables whose records can be merged into others or removed for good.
RECORD_TABLES = ("programmes", "workshops", "themes", "assets")
#: How far ahead of this laptop's clock an edit time may be (time zones, small drift).
FUTURE_SLACK = timedelta(days=1)


def validate_content(content: FileContent) -> None:
    """Raise WorkshopFileError naming the file and the first problem found."""
    try:
        _validate(content)
    except ValidationError as exc:
        raise WorkshopFileError(content.path, f"{exc} Refused; nothing was imported.") from None


def _fail(message: str) -> NoReturn:
    raise ValidationError(message)


def _check_id(value: Any, what: str) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_ID_LENGTH:
        _fail(f"{what} has a missing or malformed id.")


def _check_record(row: dict[str, Any], what: str, *, within: Collection[str] | None = None,
                  column: str = "programme_id", owner: str = "a programme",
                  unnamed: str | None = None) -> None:
    """What every record of the file is checked for: its id (a wrong one refused as ``unnamed``
    where given), its times and deleted flag and, given the ids of its owners ``within`` the
    file, that its owner (``column``) is one."""
    _check_id(row["id"], unnamed or what)
    _check_bookkeeping(row, what)
    if within is not None and row[column] not in within:
        _fail(f"{what} belongs to {owner} that is not in the file.")


def _check_bookkeeping(row: dict[str, Any], what: str) -> None:
    for name in ("created_at", "updated_at"):
        if name in row:
            try:
                when = datetime.fromisoformat(row[name])
            except (TypeError, ValueError):
                _fail(f"{what} has {name.replace('_', ' ')} {row[name]!r}, which is not a time.")
            if name == "updated_at":
                _check_edit_time(when, what)
    if "deleted" in row and row["deleted"] not in (0, 1):
        _fail(f"{what} has a deleted flag of {row['deleted']!r}.")


def _check_edit_time(when: datetime, what: str) -> None:
    """Edit times decide which version wins, so they must be real UTC times, not the future."""
    if when.tzinfo is None or when.utcoffset() != timedelta(0):
        _fail(f"{what} has an edit time that is not in UTC.")
    if when > datetime.now(UTC) + FUTURE_SLACK:
        _fail(
            f"{what} was last changed on {when:%d %B %Y}, which is in the future: the clock "
            "of the laptop that exported it may be wrong. It is refused so that its edits "
            "cannot override newer ones."
        )


def _validate(content: FileContent) -> None:
    _check_file_kind(content)
    # The check sum first: nothing in the file (a format's JSON, a tag list) is parsed
    # until the file is known to be as it was exported.
    _check_digest(content)
    rows = content.rows
    # Every text within its bound before any of it is used (issue 12): a 1 MB title is
    # refused here, naming the field, not carried into messages, the window and reports.
    _check_texts(content)
    formats = _validate_formats(rows["formats"])
    programmes = _validate_programmes(rows["programmes"])
    themes = _validate_themes(rows["themes"], programmes)
    workshops = _validate_workshops(rows["workshops"], programmes, formats)
    _validate_notes(content, workshops, themes, formats)
    _validate_attendance(rows["attendance"], workshops)
    _validate_photos(rows["photos"], workshops, formats)
    _validate_action_plan(rows, programmes)
    _validate_assets(rows, programmes, workshops)
    _validate_merge_records(rows["merged_records"])
    _validate_purge_records(rows["purged_records"])


def _check_file_kind(content: FileContent) -> None:
    """A workshop file (not a whole library) that says which library exported it."""
    if content.meta.get("file_kind") != "workshop-file" and "content_digest" not in content.meta:
        _fail(LIBRARY_NOT_FILE)
    if not content.library_id:
        _fail("It does not say which library exported it (no library id).")


def _validate_formats(rows: list[dict]) -> dict:
    """The file's formats by key, each definition read and holding its own key."""
    formats = {}
    for row in rows:
        fmt = format_from_json(row["definition"], source=f"format {row['key']!r}")
        if fmt.key != row["key"]:
            _fail(f"Format {row['key']!r} holds the definition of {fmt.key!r}.")
        formats[fmt.key] = fmt
    return formats


def _validate_programmes(rows: list[dict]) -> set:
    """The ids of the file's programmes, each a valid record."""
    programmes = set()
    for row in rows:
        _check_record(row, f"Programme {row['title']!r}", unnamed="A programme")
        from_row(Programme, row).validate()
        programmes.add(row["id"])
    return programmes


def _validate_themes(rows: list[dict], programmes: set) -> dict:
    """The file's themes by id, each a valid record of a programme in the file."""
    themes = {}
    for row in rows:
        what = f"Theme {row['label']!r}"
        _check_record(row, what, within=programmes)
        from_row(Theme, row).validate()
        themes[row["id"]] = row
    return themes


def _validate_workshops(rows: list[dict], programmes: set, formats: dict) -> dict:
    """The file's workshops by id, valid records of a programme and format in the file."""
    workshops = {}
    for row in rows:
        what = f"Workshop {row['code']!r}"
        _check_record(row, what, within=programmes)
        if row["format_key"] not in formats:
            _fail(f"{what} uses the format {row['format_key']!r}, which is not in the file.")
        try:
            from_row(Workshop, row).validate()
        except ValueError as exc:  # an unknown status
            _fail(f"{what}: {exc}")
        workshops[row["id"]] = row
    return workshops


def _validate_attendance(rows: list[dict], workshops: dict) -> None:
    """Each attendance count: of a workshop in the file, a known category, not negative."""
    for row in rows:
        if row["workshop_id"] not in workshops:
            _fail("Attendance is recorded for a workshop that is not in the file.")
        if row["category"] not in PARTICIPANT_CATEGORY_LABELS:
            _fail(f"Attendance has an unknown participant category {row['category']!r}.")
        if row["count"] < 0:
            _fail("Attendance has a negative count.")
        _check_bookkeeping(row, "Attendance")


def _validate_photos(rows: list[dict], workshops: dict, formats: dict) -> None:
    """Each photo: of a workshop in the file, its record and images as the app writes them."""
    for row in rows:
        _check_record(row, f"Photo {row['file_name'][:80]!r}", unnamed="A photo",
                      within=workshops, column="workshop_id", owner="a workshop")
        _check_photo(row, formats[workshops[row["workshop_id"]]["format_key"]])


def _validate_merge_records(rows: list[dict]) -> None:
    """Each redirect: of a record table, between two ids, not into itself."""
    for row in rows:
        if row["table_name"] not in RECORD_TABLES:
            _fail(f"A merge record names the table {row['table_name']!r}.")
        _check_id(row["old_id"], "A merge record")
        _check_id(row["new_id"], "A merge record")
        if row["old_id"] == row["new_id"]:
            _fail("A merge record merges a record into itself.")
        _check_bookkeeping(row, "A merge record")


def _validate_purge_records(rows: list[dict]) -> None:
    """Each record of what was removed for good: of a record table, an id, a time."""
    for row in rows:
        if row["table_name"] not in RECORD_TABLES:
            _fail(f"A record of removed items names the table {row['table_name']!r}.")
        _check_id(row["id"], "A record of removed items")
        try:
            datetime.fromisoformat(row["purged_at"])
        except ValueError:
            _fail(f"A record of removed items has the time {row['purged_at']!r}.")



def _validate_action_plan(rows: dict, programmes: set) -> None:
    """Priorities, actions and progress updates (migration 0012_action_plan): each belongs
    to something in the file and reads as the app would have written it."""
    for row in rows["priorities"]:
        what = f"Priority {str(row['text'])[:60]!r}"
        _check_record(row, what, within=programmes)
        try:
            plan_store.record_from_row("priorities", row).validate()
        except (ValueError, TypeError) as exc:
            _fail(f"{what}: {exc}")
    actions = set()
    for row in rows["actions"]:
        what = f"Action {str(row['text'])[:60]!r}"
        _check_record(row, what, within=programmes)
        try:
            action = plan_store.record_from_row("actions", row)
            action.validate()
        except (ValueError, TypeError) as exc:
            _fail(f"{what}: {exc}")
        for value in [*action.note_ids, *action.workshop_ids,
                      *([action.theme_id] if action.theme_id else []),
                      *([action.priority_id] if action.priority_id else [])]:
            _check_id(value, what)
        actions.add(row["id"])
    for row in rows["progress_updates"]:
        what = f"Progress update {str(row['text'])[:60]!r}"
        _check_record(row, what, within=actions, column="action_id", owner="an action")
        try:
            # Another laptop's clock may run ahead: only the shape of the date is checked.
            plan_store.record_from_row("progress_updates", row).validate(today=date.max)
        except (ValueError, TypeError) as exc:
            _fail(f"{what}: {exc}")


def _validate_assets(rows: dict, programmes: set, workshops: dict) -> None:
    """The asset register's rows (issue 11): valid records, references inside the file."""
    from facilitator.asset_models import Asset, Connection

    notes = {row["id"] for row in rows["notes"]}
    assets = set()
    for row in rows["assets"]:
        what = f"Asset {row['name'][:80]!r}"
        _check_record(row, what, within=programmes)
        Asset(**{**row, "deleted": bool(row["deleted"])}).validate()
        assets.add(row["id"])
    for row in rows["asset_sources"]:
        _check_record(row, "A link from an asset to a note")
        if row["asset_id"] not in assets:
            _fail("A link from an asset to a note names an asset that is not in the file.")
        if row["workshop_id"] not in workshops:
            _fail("A link from an asset to a note names a workshop that is not in the file.")
        if row["note_id"] and row["note_id"] not in notes:
            _fail("A link from an asset to a note names a note that is not in the file.")
    connections = set()
    for row in rows["connections"]:
        what = f"Connection {row['idea'][:80]!r}"
        _check_record(row, what, within=programmes)
        if row["workshop_id"]:
            _check_id(row["workshop_id"], what)
        Connection(**{**row, "deleted": bool(row["deleted"])}).validate()
        connections.add(row["id"])
    for row in rows["connection_assets"]:
        _check_record(row, "A connection's asset")
        if row["connection_id"] not in connections or row["asset_id"] not in assets:
            _fail("A connection names an asset or connection that is not in the file.")


def _check_photo(row: dict, fmt) -> None:
    """A photo's record and its three images, checked from their headers (nothing is decoded
    whole), within the limits stated in each refusal (issue 12)."""
    from facilitator.photos import (
        MAX_PHOTO_PIXELS,
        MEDIA_TYPES,
        check_file_name,
        check_image,
    )

    name = row["file_name"]
    check_file_name(name)
    if row["media_type"] not in set(MEDIA_TYPES.values()):
        _fail(f"Photo {name!r} has the media type {row['media_type'][:40]!r}; only JPEG and "
              "PNG photos are taken.")
    if row["step_key"] not in fmt.step_keys():
        _fail(f"Photo {name!r} is for the step {row['step_key'][:40]!r}, which its workshop's "
              "format does not have.")
    width, height = row["width"], row["height"]
    if not (0 < width <= 65535 and 0 < height <= 65535) or width * height > MAX_PHOTO_PIXELS:
        _fail(f"Photo {name!r} has the size {width} × {height}, which no photo has.")
    check_image(name, row["original"], row["media_type"])
    check_image(name, row["display"], None, "display")
    check_image(name, row["thumbnail"], None, "thumbnail")


def _check_texts(content: FileContent) -> None:
    """Every text column of every table within its bound (``limits.FIELDS``), worked out a
    column at a time by Python's own loops (10,000 notes in a few ms); only a column with a
    value that is not text or is too long is gone through row by row, for the message."""
    for table, table_rows in content.rows.items():
        if not table_rows:
            continue
        for column in table_columns(table):
            # (A format's definition is held to its bound by the format schema, which says
            # it in KB: format_from_json, below.)
            if column.type != "TEXT" or (table, column.name) == ("formats", "definition"):
                continue
            values = list(filter(None, content.column(table, column.name)))
            if not values:
                continue
            if set(map(type, values)) <= {str} and max(map(len, values)) <= limits.limit(
                    table, column.name)[0]:
                continue
            for row in table_rows:
                problem = limits.text_problem(table, column.name, row[column.name],
                                              nullable=nullable(column))
                if problem:
                    _fail(problem)


def _check_digest(content: FileContent) -> None:
    expected = content.meta.get("content_digest")
    if not expected:
        _fail("It has no check sum, so damage to it could not be recognised.")
    if not content.hashes:
        content.hashes = file_hashes(content)
    if content_digest(content.hashes) != expected:
        _fail(
            "Its contents do not match the check sum written when it was exported: it was "
            "damaged on the way (a copy may have failed) or changed outside the app."
        )


def file_hashes(content: FileContent) -> dict[str, list[str]]:
    """Each row's content digest (``merge.row_hash``), per table, in the rows' order."""
    hashes = {}
    for table, rows in content.rows.items():
        names = [c.name for c in table_columns(table)]
        hashes[table] = table_hashes(rows, names, [content.column(table, n) for n in names])
    return hashes


def _validate_notes(content: FileContent, workshops: dict, themes: dict, formats: dict) -> None:
    """Every note: all at once, a column at a time (``note_checks.notes_clear``, which says
    exactly whether each would pass ``_validate_note``); if any would not, each in the file's
    order through ``_validate_note``, which refuses the first wrong one with its own words."""
    notes = content.rows["notes"]
    steps = {(wid, step) for wid, w in workshops.items()
             for step in formats[w["format_key"]].step_keys()}
    clear = notes_clear(content, workshops, themes, steps, datetime.now(UTC) + FUTURE_SLACK)
    content.cleared["notes"] = [clear] * len(notes)
    if clear:
        return
    for row in notes:
        _validate_note(row, workshops, themes, formats)


def _validate_note(row: dict, workshops: dict, themes: dict, formats: dict) -> None:
    _check_id(row["id"], "A note")
    workshop = workshops.get(row["workshop_id"])
    if workshop is None:
        _fail(f"Note {row['id']} belongs to a workshop that is not in the file.")
    what = f"A note of workshop {workshop['code']!r}"
    _check_bookkeeping(row, what)
    if not tags_ok(row["tags"]):
        _fail(f"{what} has tags that are not a list of words.")
    if row["theme_id"] is not None and row["theme_id"] not in themes:
        _fail(f"{what} is under a theme that is not in the file.")
    steps = formats[workshop["format_key"]].step_keys()
    if row["step_key"] not in steps:
        _fail(f"{what} belongs to step {row['step_key']!r}, which its format does not have.")
    try:
        from_row(Note, row).validate()
    except ValidationError as exc:
        _fail(f"{what}: {exc}")
