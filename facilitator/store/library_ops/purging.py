"""Purging for good: records removed with what hangs off them, and the tombstones
(``purged_records``, which travels) that stop a workshop file bringing them back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from facilitator.models import utc_now
from facilitator.store import asset_upkeep
from facilitator.store import assets as assets_sql
from facilitator.store.library_ops.records import RECORD_TABLES, _ids, _ids_where
from facilitator.store.store import Store


def _merged_into(store: Store, table: str, ids: set[str]) -> set[str]:
    """``ids`` and every record merged into them (following chains of redirects)."""
    found = set(ids)
    frontier = set(ids)
    while frontier:
        rows = store.conn.execute(
            "SELECT old_id FROM merged_records WHERE table_name = ? AND deleted = 0 "
            "AND new_id IN (SELECT value FROM json_each(?))",
            [table, _ids(frontier)],
        ).fetchall()
        frontier = {r[0] for r in rows} - found
        found |= frontier
    return found


def _forget(store: Store, table: str, ids: set[str], now: str) -> None:
    """Delete the rows and their bookkeeping, and keep a purge tombstone for each."""
    if not ids:
        return
    store.conn.execute(
        "DELETE FROM merge_base WHERE table_name = ? AND row_key IN "
        "(SELECT value FROM json_each(?))", [table, _ids(ids)],
    )
    store.conn.execute(
        "DELETE FROM merged_records WHERE table_name = ?1 AND (old_id IN "
        "(SELECT value FROM json_each(?2)) OR new_id IN (SELECT value FROM json_each(?2)))",
        [table, _ids(ids)],
    )
    store.conn.execute(
        "DELETE FROM deleted_with WHERE (table_name = ?1 AND row_id IN "
        "(SELECT value FROM json_each(?2))) OR (owner_table = ?1 AND owner_id IN "
        "(SELECT value FROM json_each(?2)))", [table, _ids(ids)],
    )
    store.conn.execute(
        f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [_ids(ids)]
    )
    record_purged(store, [{"table_name": table, "id": record_id, "purged_at": now}
                          for record_id in sorted(ids)])


def purge_workshops(
    store: Store, workshop_ids: Iterable[str], when: str | None = None
) -> set[str]:
    """Remove workshops for good with their notes, attendance and photos (and the
    workshops merged into them); returns the workshop ids removed."""
    now = when or utc_now()
    with store.transaction():
        ids = _merged_into(store, "workshops", set(workshop_ids))
        arg = [_ids(ids)]
        notes = _ids_where(store, "notes", "workshop_id", ids)
        store.conn.execute(
            "DELETE FROM merge_base WHERE table_name = 'notes' AND row_key IN "
            "(SELECT value FROM json_each(?))", [_ids(notes)],
        )
        store.conn.execute(
            "DELETE FROM merge_base WHERE table_name = 'attendance' AND substr(row_key, 1, "
            "instr(row_key, '|') - 1) IN (SELECT value FROM json_each(?))", arg,
        )
        # The search index is kept by rowid: take the notes out of it before they go.
        store.conn.execute(
            "DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM notes WHERE "
            "workshop_id IN (SELECT value FROM json_each(?)))", arg,
        )
        asset_upkeep.purge_workshops(store, ids)
        for table in ("notes", "attendance", "photos", "workshop_sources"):
            store.conn.execute(
                f"DELETE FROM {table} WHERE workshop_id IN (SELECT value FROM json_each(?))", arg
            )
        _forget(store, "workshops", ids, now)
        store._touch("workshops_changed", *ids)
        store._touch("notes_changed", *notes)
    return ids


def purge_themes(
    store: Store, theme_ids: Iterable[str], when: str | None = None
) -> set[str]:
    """Remove themes for good; their notes become unthemed."""
    now = when or utc_now()
    with store.transaction():
        ids = _merged_into(store, "themes", set(theme_ids))
        notes = _ids_where(store, "notes", "theme_id", ids)
        store.conn.execute(
            "UPDATE notes SET theme_id = NULL WHERE theme_id IN (SELECT value FROM json_each(?))",
            [_ids(ids)],
        )
        _forget(store, "themes", ids, now)
        store._touch("themes_changed", *ids)
        store._touch("notes_changed", *notes)
    return ids


def purge_programmes(
    store: Store, programme_ids: Iterable[str], when: str | None = None
) -> set[str]:
    """Remove programmes for good with all their workshops and themes."""
    now = when or utc_now()
    with store.transaction():
        ids = _merged_into(store, "programmes", set(programme_ids))
        workshops = _ids_where(store, "workshops", "programme_id", ids)
        purge_workshops(store, workshops, now)
        themes = _ids_where(store, "themes", "programme_id", ids)
        purge_themes(store, themes, now)
        _purge_action_plans(store, ids)
        asset_upkeep.purge_programmes(store, ids)
        _forget(store, "programmes", ids, now)
        store._touch("programmes_changed", *ids)
    return ids


def purge_assets(
    store: Store, asset_ids: Iterable[str], when: str | None = None
) -> set[str]:
    """Remove assets of the register for good (and the assets merged into them), with the
    links naming them (the notes and workshops that named them, their places in
    connections); a connection itself stays with the assets it still links."""
    now = when or utc_now()
    with store.transaction():
        ids = _merged_into(store, "assets", set(asset_ids))
        for table in ("asset_sources", "connection_assets"):
            links = _ids_where(store, table, "asset_id", ids)
            store.conn.execute(
                "DELETE FROM merge_base WHERE table_name = ? AND row_key IN "
                "(SELECT value FROM json_each(?))", [table, _ids(links)])
            store.conn.execute(
                f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                [_ids(links)])
        _forget(store, "assets", ids, now)
        store._touch(assets_sql.EVENT, *ids)
    return ids


def _purge_action_plans(store: Store, programme_ids: set[str]) -> None:
    """The programmes' action plans go with them: progress updates, actions, priorities
    (and what this library knew of other libraries' copies of them). A file still carrying
    them is skipped at import: their programme is in ``purged_records``."""
    actions = _ids_where(store, "actions", "programme_id", programme_ids)
    updates = _ids_where(store, "progress_updates", "action_id", actions)
    priorities = _ids_where(store, "priorities", "programme_id", programme_ids)
    for table, ids in (("progress_updates", updates), ("actions", actions),
                       ("priorities", priorities)):
        store.conn.execute(
            "DELETE FROM merge_base WHERE table_name = ? AND row_key IN "
            "(SELECT value FROM json_each(?))", [table, _ids(ids)])
        store.conn.execute(
            f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [_ids(ids)])
    store._touch("actions_changed", *actions, *priorities)


def purged_at(store: Store) -> dict[tuple[str, str], str]:
    """When each record was emptied from Deleted items (the earliest known), by (table, id)."""
    return {(t, i): when for t, i, when in store.conn.execute(
        "SELECT table_name, id, purged_at FROM purged_records")}


def purged_ids(store: Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {table: set() for table in RECORD_TABLES}
    for table, record_id in store.conn.execute("SELECT table_name, id FROM purged_records"):
        found.setdefault(table, set()).add(record_id)
    return found


def record_purged(store: Store, rows: list[dict[str, Any]]) -> int:
    """Keep purge tombstones that came in a workshop file; returns how many were new."""
    before = store.conn.total_changes
    store.conn.executemany(
        "INSERT INTO purged_records (table_name, id, purged_at) VALUES (?, ?, ?) "
        "ON CONFLICT(table_name, id) DO UPDATE SET purged_at = excluded.purged_at "
        "WHERE excluded.purged_at < purged_records.purged_at",
        [(r["table_name"], r["id"], r["purged_at"]) for r in rows],
    )
    return store.conn.total_changes - before


def unpurge(store: Store, keys: Iterable[tuple[str, str]]) -> None:
    """Withdraw purge records (table, id): the record is in use on another laptop, whose
    file brings it back."""
    store.conn.executemany("DELETE FROM purged_records WHERE table_name = ? AND id = ?",
                           list(keys))
