"""Turning domain records into table rows and back. No SQL here, just shapes."""

from __future__ import annotations

import functools
import json
from dataclasses import fields
from typing import Any, TypeVar

from facilitator.models import Note, Programme, Theme, Workshop, WorkshopStatus

Record = TypeVar("Record", Programme, Workshop, Note, Theme)

TABLES: dict[type, str] = {
    Programme: "programmes",
    Workshop: "workshops",
    Note: "notes",
    Theme: "themes",
}


def where(*, include_deleted: bool = False, **equal: Any) -> tuple[str, list[Any]]:
    """A WHERE clause and its parameters: each column given a value (not None) equal to it,
    and live rows only unless ``include_deleted``. Column names come from the caller's code,
    never from input."""
    clauses = [f"{column} = ?" for column, value in equal.items() if value is not None]
    params = [value for value in equal.values() if value is not None]
    if not include_deleted:
        clauses.append("deleted = 0")
    return " AND ".join(clauses) or "1", params


def columns(cls: type) -> list[str]:
    return list(_columns(cls))


@functools.cache
def _columns(cls: type) -> tuple[str, ...]:
    # (a record class's fields are fixed: read once, not for every row)
    return tuple(f.name for f in fields(cls))


def to_row(record: Any) -> dict[str, Any]:
    row = {name: getattr(record, name) for name in columns(type(record))}
    if "tags" in row:
        row["tags"] = json.dumps(list(row["tags"]), ensure_ascii=False)
    if "status" in row:
        row["status"] = str(WorkshopStatus(row["status"]).value)
    row["deleted"] = 1 if row["deleted"] else 0
    return row


def from_row(cls: type[Record], row: dict[str, Any]) -> Record:
    values = {name: row[name] for name in columns(cls)}
    if "tags" in values:
        values["tags"] = list(json.loads(values["tags"] or "[]"))
    if "status" in values:
        values["status"] = WorkshopStatus(values["status"])
    values["deleted"] = bool(values["deleted"])
    return cls(**values)
