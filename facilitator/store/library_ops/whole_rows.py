"""Whole rows, read and written back exactly: what a merge keeps of the rows it changes, and
its undo putting them back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from facilitator.store.library_ops.records import _EVENT_OF, _ids
from facilitator.store.store import Store


def _image_columns(store: Store, table: str) -> str:
    """Every column of ``table`` in order, a BLOB (a photo's image bytes, up to 50 MB) by
    its length: what a merge keeps of each row it re-points, for its undo's check."""
    return ", ".join(
        f"length({name}) AS {name}" if kind.upper() == "BLOB" else name
        for _, name, kind, *_ in store.conn.execute(f"PRAGMA table_info({table})")
    )


def whole_rows(store: Store, table: str, ids: Iterable[str]) -> dict[str, tuple]:
    """The rows of these ids as a merge keeps them (``_image_columns``), by id, in one
    read."""
    cursor = store.conn.execute(
        f"SELECT {_image_columns(store, table)} FROM {table} "
        "WHERE id IN (SELECT value FROM json_each(?))", [_ids(ids)]
    )
    key = [d[0] for d in cursor.description].index("id")
    return {row[key]: row for row in cursor.fetchall()}


def raw_rows(store: Store, table: str, where: str, params: list[Any]) -> list[dict[str, Any]]:
    """Whole rows of a table (every column), for a merge's record of what it changed."""
    cursor = store.conn.execute(f"SELECT * FROM {table} WHERE {where}", params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


#: Key columns of the tables ``put_rows`` writes.
_KEYS = {
    "programmes": ("id",), "workshops": ("id",), "themes": ("id",), "notes": ("id",),
    "photos": ("id",), "attendance": ("workshop_id", "category"),
    "priorities": ("id",), "actions": ("id",),
    "merged_records": ("table_name", "old_id"),
    "assets": ("id",), "asset_sources": ("id",), "connections": ("id",),
    "connection_assets": ("id",),
}


def put_rows(store: Store, table: str, rows: list[dict[str, Any]]) -> None:
    """Write whole rows back exactly (an upsert, so each row keeps its rowid and the search
    index stays right), for undoing a merge."""
    if not rows:
        return
    names = list(rows[0])
    keys = _KEYS[table]
    assignments = ", ".join(f"{n} = excluded.{n}" for n in names if n not in keys)
    store.conn.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)}) "
        f"ON CONFLICT({', '.join(keys)}) DO UPDATE SET {assignments}",
        [[row[n] for n in names] for row in rows],
    )
    event = {"programmes": "programmes_changed", "workshops": "workshops_changed",
             "themes": "themes_changed", "notes": "notes_changed",
             "photos": "photos_changed", "priorities": "actions_changed",
             "actions": "actions_changed", **_EVENT_OF}.get(table)
    if event:
        store._touch(event, *(str(r["id"]) for r in rows))
    elif table == "attendance":
        store._touch("attendance_changed", *(str(r["workshop_id"]) for r in rows))


def delete_rows(store: Store, table: str, keys: list[tuple[str, ...]], columns: tuple[str, ...]):
    where = " AND ".join(f"{c} = ?" for c in columns)
    store.conn.executemany(f"DELETE FROM {table} WHERE {where}", keys)


def insert_row(store: Store, table: str, row: dict[str, Any]) -> None:
    """Insert one whole row unless a row with its id is already there."""
    names = list(row)
    store.conn.execute(
        f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) "
        f"VALUES ({', '.join('?' for _ in names)})",
        [row[n] for n in names],
    )
    store._touch(f"{table}_changed", str(row["id"]))
