"""SQL that keeps the asset register in step with the library (migration ``0011_assets``):
assets follow a programme or workshop merged into another, and go with a programme or the
workshop links removed for good. Called by ``facilitator.store.library_ops`` and
``facilitator.library_ops`` inside their own transactions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from facilitator.store.assets import EVENT
from facilitator.store.store import Store


def _ids(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)))


def purge_programmes(store: Store, programme_ids: Iterable[str]) -> None:
    """Remove the assets and connections of programmes removed for good (their ids are
    skipped on import through the programmes' own purge tombstones)."""
    ids = _ids(programme_ids)
    with store.transaction():
        assets_sql = "SELECT id FROM assets WHERE programme_id IN (SELECT value FROM json_each(?))"
        conns_sql = ("SELECT id FROM connections WHERE programme_id IN (SELECT value FROM "
                     "json_each(?))")
        store.conn.execute(f"DELETE FROM asset_sources WHERE asset_id IN ({assets_sql})", [ids])
        store.conn.execute(
            f"DELETE FROM connection_assets WHERE connection_id IN ({conns_sql}) OR asset_id IN "
            f"({assets_sql})", [ids, ids])
        for table, select in (("assets", assets_sql), ("connections", conns_sql)):
            store.conn.execute(
                f"DELETE FROM merge_base WHERE table_name = ? AND row_key IN ({select})",
                [table, ids])
        store.conn.execute(
            "DELETE FROM merged_records WHERE table_name = 'assets' AND (old_id IN "
            f"({assets_sql}) OR new_id IN ({assets_sql}))", [ids, ids])
        store.conn.execute(f"DELETE FROM assets WHERE id IN ({assets_sql})", [ids])
        store.conn.execute(f"DELETE FROM connections WHERE id IN ({conns_sql})", [ids])
        store._touch(EVENT, "")


def purge_workshops(store: Store, workshop_ids: Iterable[str]) -> None:
    """Links to workshops removed for good go with them (the assets stay)."""
    with store.transaction():
        store.conn.execute(
            "DELETE FROM asset_sources WHERE workshop_id IN (SELECT value FROM json_each(?))",
            [_ids(workshop_ids)])
        store._touch(EVENT, "")


def repoint_workshop(store: Store, old_id: str, new_id: str) -> None:
    """Links to a workshop merged into another follow it (edit times kept: the workshop's
    redirect travels)."""
    with store.transaction():
        ids = [r[0] for r in store.conn.execute(
            "SELECT asset_id FROM asset_sources WHERE workshop_id = ?", [old_id])]
        for table in ("asset_sources", "connections"):
            store.conn.execute(f"UPDATE {table} SET workshop_id = ? WHERE workshop_id = ?",
                               [new_id, old_id])
        store._touch(EVENT, *ids)


def set_programme(store: Store, old_programme: str, new_programme: str) -> list[str]:
    """Assets and connections follow a programme merged into another (edit times kept: the
    programme's redirect travels and does the same elsewhere)."""
    with store.transaction():
        ids = [r[0] for r in store.conn.execute(
            "SELECT id FROM assets WHERE programme_id = ?", [old_programme])]
        for table in ("assets", "connections"):
            store.conn.execute(f"UPDATE {table} SET programme_id = ? WHERE programme_id = ?",
                               [new_programme, old_programme])
        store._touch(EVENT, *ids)
    return ids
