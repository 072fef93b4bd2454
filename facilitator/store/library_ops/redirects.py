"""Merge redirects (``merged_records``, which travels): ``old_id -> new_id`` per table, for a
programme, workshop, theme or asset merged into another."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from facilitator.store.store import Store


@dataclass(frozen=True)
class Redirect:
    table_name: str
    old_id: str
    new_id: str
    created_at: str
    updated_at: str
    deleted: bool = False

    def row(self) -> dict[str, Any]:
        return {
            "table_name": self.table_name, "old_id": self.old_id, "new_id": self.new_id,
            "created_at": self.created_at, "updated_at": self.updated_at,
            "deleted": 1 if self.deleted else 0,
        }


def redirects(store: Store, *, include_deleted: bool = False) -> list[Redirect]:
    where = "" if include_deleted else "WHERE deleted = 0"
    return [
        Redirect(t, o, n, c, u, bool(d))
        for t, o, n, c, u, d in store.conn.execute(
            "SELECT table_name, old_id, new_id, created_at, updated_at, deleted "
            f"FROM merged_records {where} ORDER BY table_name, old_id"
        )
    ]


def save_redirects(store: Store, items: Iterable[Redirect]) -> None:
    """Insert redirects, or replace the library's where the new one is newer (ties: the
    larger new id), so every library keeps the same one whatever the order."""
    store.conn.executemany(
        "INSERT INTO merged_records (table_name, old_id, new_id, created_at, updated_at, "
        "deleted) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(table_name, old_id) DO UPDATE SET "
        "new_id = excluded.new_id, created_at = excluded.created_at, "
        "updated_at = excluded.updated_at, deleted = excluded.deleted "
        "WHERE (excluded.updated_at, excluded.new_id, excluded.deleted) > "
        "(merged_records.updated_at, merged_records.new_id, merged_records.deleted)",
        [(r.table_name, r.old_id, r.new_id, r.created_at, r.updated_at, int(r.deleted))
         for r in items],
    )


def forget_redirects(store: Store, keys: Iterable[tuple[str, str]]) -> None:
    """Forget the redirects from these (table, old id): their records were purged."""
    store.conn.executemany(
        "DELETE FROM merged_records WHERE table_name = ? AND old_id = ?", list(keys)
    )
