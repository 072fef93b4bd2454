"""Migration ``0002_photos``. Shipped: never edit it; add the next number instead
(``facilitator.store.schema``; tests/facilitator/test_shipped_schemas.py checks)."""

from __future__ import annotations

from sqlite_utils import Database


def m0002_photos(db: Database) -> None:
    """Photos of the wall: the original kept, a display copy and a thumbnail beside it."""
    db.execute(
        """CREATE TABLE photos (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_key TEXT NOT NULL,
            file_name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            original BLOB NOT NULL,
            display BLOB NOT NULL,
            thumbnail BLOB NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX photos_workshop_step ON photos(workshop_id, step_key)")
