"""Rows an import pointed through a redirect (``rewritten``, migration ``0014_merge_undone``,
which stays local): pointed there, remembered with the value they had, and followed again when
a merge is undone or a longer chain arrives."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from facilitator.store.library_ops.records import _EVENT_OF, _ids, existing_ids
from facilitator.store.library_ops.whole_rows import raw_rows
from facilitator.store.store import Store

#: Columns that name a merged record, per table: (column, the table its ids belong to).
REFERENCES = (
    ("workshops", "programme_id", "programmes"),
    ("themes", "programme_id", "programmes"),
    ("notes", "workshop_id", "workshops"),
    ("notes", "theme_id", "themes"),
    ("photos", "workshop_id", "workshops"),
    ("priorities", "programme_id", "programmes"),
    ("actions", "programme_id", "programmes"),
    ("actions", "theme_id", "themes"),
    ("assets", "programme_id", "programmes"),
    ("connections", "programme_id", "programmes"),
    ("asset_sources", "workshop_id", "workshops"),
    ("connections", "workshop_id", "workshops"),
    ("asset_sources", "asset_id", "assets"),
    ("connection_assets", "asset_id", "assets"),
)
#: Columns holding a JSON list of ids (table, column, the table the ids belong to): an
#: action names the workshops its idea came from.
LIST_REFERENCES = (
    ("actions", "workshop_ids", "workshops"),
)


def repoint_local(store: Store, targets: dict[str, dict[str, str]]) -> list[tuple[str, dict]]:
    """Point the library's rows that still name merged records at the records they were
    merged into, keeping their edit times; returns (table, row as it was) of each.

    The records pointed at may only arrive later in the same import, so foreign keys are
    checked at COMMIT (``defer_foreign_keys`` lasts until the transaction ends)."""
    store.conn.execute("PRAGMA defer_foreign_keys = ON")
    before: list[tuple[str, dict]] = []
    for table, column, target_table in REFERENCES:
        mapping = targets.get(target_table)
        if not mapping:
            continue
        rows = raw_rows(
            store, table, f"{column} IN (SELECT value FROM json_each(?))", [_ids(mapping)]
        )
        if not rows:
            continue
        before.extend((table, row) for row in rows)
        store.conn.executemany(
            f"UPDATE {table} SET {column} = ? WHERE id = ?",
            [(mapping[row[column]], row["id"]) for row in rows],
        )
        log_rewrites(store, [(table, row["id"], column, row[column], mapping[row[column]],
                              row["updated_at"]) for row in rows])
        store._touch(_EVENT_OF.get(table, f"{table}_changed"), *(row["id"] for row in rows))
    seen = {(table, row["id"]) for table, row in before}
    for table, column, target_table in LIST_REFERENCES:
        mapping = targets.get(target_table)
        if not mapping:
            continue
        rows = raw_rows(
            store, table, f"EXISTS (SELECT 1 FROM json_each({table}.{column}) j "
            "WHERE j.value IN (SELECT value FROM json_each(?)))", [_ids(mapping)])
        for row in rows:
            ids = json.loads(row[column] or "[]")
            new_ids = list(dict.fromkeys(mapping.get(i, i) for i in ids))
            if new_ids == ids:
                continue
            if (table, row["id"]) not in seen:  # (as it was before any column moved)
                before.append((table, row))
                seen.add((table, row["id"]))
            store.conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?",
                               [json.dumps(new_ids, ensure_ascii=False), row["id"]])
            store._touch(_EVENT_OF.get(table, f"{table}_changed"), row["id"])
    return before


def log_rewrites(store: Store,
                 entries: Iterable[tuple[str, str, str, str, str, str]]) -> None:
    """Remember rows pointed through a redirect by an import: (table, row id, column, the
    value it had, the value it was given, its edit time, which the rewrite kept). The first
    value a row had is kept while the row is that same version."""
    store.conn.executemany(
        "INSERT INTO rewritten (table_name, row_id, column_name, original, rewritten_to, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(table_name, row_id, column_name) "
        "DO UPDATE SET rewritten_to = excluded.rewritten_to, original = CASE WHEN "
        "rewritten.updated_at = excluded.updated_at THEN rewritten.original ELSE "
        "excluded.original END, updated_at = excluded.updated_at",
        list(entries),
    )


def follow_rewrites(store: Store, target: Callable[[str, str], str]) -> list[tuple[str, dict]]:
    """Point each row an import pointed through a redirect (``log_rewrites``) where the
    redirects send the value it had now (``target(table, id)``): back to that value when the
    redirect was undone, on along a longer chain when one was added. A row changed since
    (moved by hand, removed) is left as it is and forgotten. Edit times are kept, as the
    rewrite kept them. A row is only moved while it is the version that was rewritten (the
    same edit time): an edit made since, here or in a file taken in, decided where it is;
    a row is never pointed at a record no longer here (purged since).
    Returns (table, row as it was) of each row moved."""
    tables = {(table, column): target_table for table, column, target_table in REFERENCES}
    moved: list[tuple[str, dict]] = []
    forget, keep = [], []
    for table, row_id, column, original, to, updated_at in store.conn.execute(
        "SELECT table_name, row_id, column_name, original, rewritten_to, updated_at "
        "FROM rewritten"
    ).fetchall():
        if (table, column) not in tables:
            forget.append((table, row_id, column))
            continue
        want = target(tables[(table, column)], original)
        if want == to:
            continue
        rows = raw_rows(store, table, "id = ?", [row_id])
        if not rows or (rows[0][column], rows[0]["updated_at"]) != (to, updated_at) \
                or not existing_ids(store, tables[(table, column)], [want]):
            # (changed since, removed, or what it would go back to is gone for good: a
            # record purged since, which a row may not name, so the row stays where it is)
            forget.append((table, row_id, column))
            continue
        store.conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", [want, row_id])
        store._touch(_EVENT_OF.get(table, f"{table}_changed"), row_id)
        moved.append((table, rows[0]))
        if want == original:
            forget.append((table, row_id, column))
        else:
            keep.append((want, table, row_id, column))
    store.conn.executemany(
        "DELETE FROM rewritten WHERE table_name = ? AND row_id = ? AND column_name = ?", forget)
    store.conn.executemany(
        "UPDATE rewritten SET rewritten_to = ? WHERE table_name = ? AND row_id = ? "
        "AND column_name = ?", keep)
    return moved
