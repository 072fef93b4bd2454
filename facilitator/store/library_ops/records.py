"""The records a library's corrections work on: lists of ids handed to SQL (as JSON), which
of them exist or are live, what a person calls them, and the event each table's changes fire."""

from __future__ import annotations

import json
from collections.abc import Iterable

from facilitator.names import natural_key
from facilitator.store import assets as assets_sql
from facilitator.store.store import Store

#: The tables whose records can be merged (redirected) or purged.
RECORD_TABLES = ("programmes", "workshops", "themes", "assets")


def _ids(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)))


def _ids_where(store: Store, table: str, column: str, values: Iterable[str]) -> list[str]:
    """The ids of ``table``'s rows whose ``column`` is one of ``values``."""
    return [r[0] for r in store.conn.execute(
        f"SELECT id FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",
        [_ids(values)],
    )]


#: The event announcing a change to each table's rows (the asset tables share one).
_EVENT_OF = {table: "assets_changed" for table in assets_sql.TABLES}


def existing_ids(store: Store, table: str, ids: Iterable[str]) -> set[str]:
    return {r[0] for r in store.conn.execute(
        f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [_ids(ids)]
    )}


def live_ids(store: Store, table: str, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` name records here that are not deleted."""
    return {r[0] for r in store.conn.execute(
        f"SELECT id FROM {table} WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))",
        [_ids(ids)],
    )}


def record_names(store: Store, table: str, ids: Iterable[str]) -> list[str]:
    """What a person calls these programmes (title), workshops (code), themes (label) or
    assets (name)."""
    column = {"programmes": "title", "workshops": "code", "themes": "label",
              "assets": "name"}[table]
    return [r[0] for r in store.conn.execute(
        f"SELECT {column} FROM {table} WHERE id IN (SELECT value FROM json_each(?)) "
        f"ORDER BY {column}", [_ids(ids)],
    )]


def live_notes_in(store: Store, workshop_ids: Iterable[str]) -> int:
    """How many live notes these workshops hold."""
    return store.conn.execute(
        "SELECT count(*) FROM notes WHERE deleted = 0 AND workshop_id IN "
        "(SELECT value FROM json_each(?))", [_ids(workshop_ids)],
    ).fetchone()[0]


def live_workshops_of(store: Store, programme_id: str) -> list[tuple[str, str]]:
    """The programme's live workshops (id, code), in the codes' natural order (W2 before W10,
    as every list and message shows them)."""
    rows = store.conn.execute(
        "SELECT id, code FROM workshops WHERE programme_id = ? AND deleted = 0",
        [programme_id],
    ).fetchall()
    return sorted(((r[0], r[1]) for r in rows), key=lambda r: natural_key(r[1]))
