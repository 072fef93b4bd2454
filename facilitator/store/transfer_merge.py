"""The library side of merging a workshop file: look-ups, upserts, ancestors, backups.

The decisions (which version wins) are made in ``facilitator.transfer.merge``;
this module only reads and writes rows. Callers wrap the writes of one file in
``store.transaction()`` so a failure leaves the library exactly as it was.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from facilitator.store.errors import LibraryError
from facilitator.store.store import Store
from facilitator.store.transfer_schema import table_columns

#: Primary key columns of each merged table (attendance has a composite key).
KEY_COLUMNS = {
    "formats": ("key",),
    "programmes": ("id",),
    "themes": ("id",),
    "workshops": ("id",),
    "notes": ("id",),
    "attendance": ("workshop_id", "category"),
    "photos": ("id",),
    "votes": ("id",),
    "priorities": ("id",),
    "actions": ("id",),
    "progress_updates": ("id",),
    "assets": ("id",),
    "asset_sources": ("id",),
    "connections": ("id",),
    "connection_assets": ("id",),
}
EVENTS = {
    "programmes": "programmes_changed",
    "themes": "themes_changed",
    "workshops": "workshops_changed",
    "notes": "notes_changed",
    "photos": "photos_changed",
    "priorities": "actions_changed",
    "actions": "actions_changed",
    "progress_updates": "actions_changed",
    "assets": "assets_changed",
    "asset_sources": "assets_changed",
    "connections": "assets_changed",
    "connection_assets": "assets_changed",
}
CHUNK = 500


def row_key(table: str, row: dict[str, Any]) -> str:
    return "|".join(str(row[name]) for name in KEY_COLUMNS[table])


def row_keys(table: str, rows: list[dict[str, Any]]) -> list[str]:
    """``row_key`` of each row (in one pass: a table keyed by its text ``id`` has that)."""
    if KEY_COLUMNS[table] == ("id",):
        return [row["id"] if type(row["id"]) is str else str(row["id"]) for row in rows]
    return [row_key(table, row) for row in rows]


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def local_values(store: Store, table: str, rows: list[dict[str, Any]]) -> dict[str, tuple]:
    """Set-wise, the library's current version of each row in ``rows`` (by key) that it
    holds, as a tuple of its values in ``table_columns`` order; a key not in the answer is
    a row the library does not hold."""
    names = [c.name for c in table_columns(table)]
    keys = KEY_COLUMNS[table]
    at = [names.index(k) for k in keys]
    wanted = json.dumps(list({str(r[keys[0]]) for r in rows}))  # (any length, in one go)
    cursor = store.conn.execute(
        f"SELECT {', '.join(names)} FROM {table} "
        f"WHERE {keys[0]} IN (SELECT value FROM json_each(?))", [wanted])
    if len(at) == 1:
        i = at[0]
        return {v[i] if type(v[i]) is str else str(v[i]): v for v in cursor}
    return {"|".join([str(v[i]) for i in at]): v for v in cursor}


def local_rows(store: Store, table: str, rows: list[dict[str, Any]]) -> dict[str, dict]:
    """The library's current version of each row in ``rows`` (by key), where it has one."""
    names = [c.name for c in table_columns(table)]
    return {key: dict(zip(names, values, strict=True))
            for key, values in local_values(store, table, rows).items()}


def format_definitions(store: Store) -> dict[str, str]:
    """Each of the library's formats' definition, as stored (JSON text), by key."""
    return dict(store.conn.execute("SELECT key, definition FROM formats"))


def live_names(store: Store, table: str, column: str, **equal: str) -> list[tuple[str, str]]:
    """(id, ``column``) of the live rows of ``table`` whose columns have the given values
    (for comparing names, without reading whole records)."""
    clause = "".join(f" AND {name} = ?" for name in equal)
    return store.conn.execute(
        f"SELECT id, {column} FROM {table} WHERE deleted = 0{clause}", list(equal.values())
    ).fetchall()


def own_photo_copies(store: Store, photo_id: str, original: bytes) -> tuple[bytes, bytes] | None:
    """The display copy and thumbnail this library already holds for a photo with this
    original (made or re-made here, so trusted); SQLite compares the originals."""
    row = store.conn.execute(
        "SELECT display, thumbnail FROM photos WHERE id = ? AND original = ?",
        [photo_id, original],
    ).fetchone()
    return (bytes(row[0]), bytes(row[1])) if row else None


def all_merge_bases(
    store: Store, table: str, keys: list[str]
) -> dict[str, dict[str, tuple[str, str]]]:
    """For each row, the version last seen from every library this one has taken it from."""
    found: dict[str, dict[str, tuple[str, str]]] = {}
    for chunk in _chunks(sorted(keys)):
        # The few library ids, found through the primary key (source_id first) one by one,
        # so each look-up below uses that key rather than reading the whole table.
        cursor = store.conn.execute(
            "WITH RECURSIVE sources(id) AS (SELECT min(source_id) FROM merge_base "
            "UNION ALL SELECT (SELECT min(source_id) FROM merge_base WHERE source_id > "
            "sources.id) FROM sources WHERE sources.id IS NOT NULL) "
            "SELECT b.row_key, b.source_id, b.row_hash, b.updated_at FROM sources "
            "JOIN merge_base b ON b.source_id = sources.id AND b.table_name = ? "
            "AND b.row_key IN (SELECT value FROM json_each(?))",
            [table, json.dumps(chunk)],
        )
        for key, source_id, digest, updated_at in cursor.fetchall():
            found.setdefault(key, {})[source_id] = (digest, updated_at)
    return found


def upsert(store: Store, table: str, rows: list[dict[str, Any]], *, new: bool = False) -> None:
    """Insert rows, or overwrite the library's version of them, column by column.

    ``new``: the library holds none of these rows (read in this transaction) and no two
    share a key, so they are inserted plainly (a row that is there after all fails the
    statement, and with it the transaction); a new note's search index row is then written
    without comparing (``_index_new_notes``)."""
    if not rows:
        return
    names = [c.name for c in table_columns(table)]
    keys = KEY_COLUMNS[table]
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    if not new:
        assignments = ", ".join(f"{n} = excluded.{n}" for n in names if n not in keys)
        sql += f" ON CONFLICT({', '.join(keys)}) DO UPDATE SET {assignments}"
    conn = store.conn
    last = None
    if new and table == "notes":
        last = conn.execute("SELECT max(rowid) FROM notes").fetchone()[0] or 0
        if last >= 2**62:  # (far from SQLite's largest rowid, where new rowids are random)
            last = None
    conn.executemany(sql, map(itemgetter(*names), rows))
    if last is not None:
        store._index_new_notes(last, [row["id"] for row in rows])
    event = EVENTS.get(table)
    if event:
        store._touch(event, *(str(row["id"]) for row in rows))
    elif table == "attendance":
        store._touch("attendance_changed", *(str(row["workshop_id"]) for row in rows))


def record_bases(store: Store, source_id: str, entries: list[tuple[str, str, str, str]]) -> None:
    """Remember (table, key, hash, updated_at) as the version last seen from ``source_id``."""
    store.conn.executemany(
        "INSERT INTO merge_base (source_id, table_name, row_key, row_hash, updated_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(source_id, table_name, row_key) DO UPDATE SET "
        "row_hash = excluded.row_hash, updated_at = excluded.updated_at "
        # (an entry already remembered as it is is not written again)
        "WHERE row_hash IS NOT excluded.row_hash OR updated_at IS NOT excluded.updated_at",
        [(source_id, *entry) for entry in entries],
    )


def record_sources(
    store: Store,
    workshop_ids: Iterable[str],
    source_file: str,
    source_library_id: str,
    exported_at: str,
    imported_at: str,
) -> None:
    """Note where each workshop last came from, for the Compile view."""
    store.conn.executemany(
        "INSERT INTO workshop_sources (workshop_id, source_file, source_library_id, "
        "exported_at, imported_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(workshop_id) DO UPDATE "
        "SET source_file = excluded.source_file, source_library_id = "
        "excluded.source_library_id, exported_at = excluded.exported_at, "
        "imported_at = excluded.imported_at",
        [(w, source_file, source_library_id, exported_at, imported_at) for w in workshop_ids],
    )
    store._touch("workshops_changed", *workshop_ids)


def workshop_sources(store: Store) -> dict[str, dict[str, str]]:
    """Per workshop id: source_file, source_library_id, exported_at, imported_at."""
    cursor = store.conn.execute(
        "SELECT workshop_id, source_file, source_library_id, exported_at, imported_at "
        "FROM workshop_sources"
    )
    return {
        row[0]: dict(zip(("source_file", "source_library_id", "exported_at", "imported_at"),
                         row[1:], strict=True))
        for row in cursor.fetchall()
    }


def content_snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every merged table's rows, sorted: for tests and checks that content is unchanged."""
    snapshot = {}
    for table in KEY_COLUMNS:
        names = ", ".join(c.name for c in table_columns(table) if c.name != "updated_at"
                          or table != "formats")
        rows = store.conn.execute(f"SELECT {names} FROM {table}").fetchall()
        snapshot[table] = sorted(rows, key=repr)
    for table in ("merged_records", "purged_records"):
        rows = store.conn.execute(f"SELECT * FROM {table}").fetchall()
        snapshot[table] = sorted(rows, key=repr)
    return snapshot


# -------------------------------------------------------------------- backups
def backup_library(store: Store, folder: Path, keep: int = 10) -> Path:
    """Copy the whole library with SQLite's backup API into ``folder``; keep the newest ``keep``."""
    folder = Path(folder)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"library-before-import-{stamp}.wfdb"
    part = target.with_name(target.name + ".part")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(part))
        try:
            store.conn.backup(dest)
        finally:
            dest.close()
        part.replace(target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        raise LibraryError(
            f"Cannot back up the library into {folder} before importing ({exc}); "
            "nothing was imported."
        ) from None
    backups = sorted(folder.glob("library-before-import-*.wfdb"))
    for old in backups[:-keep] if keep > 0 else []:
        with contextlib.suppress(OSError):
            old.unlink()
    return target
