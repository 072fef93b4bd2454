"""Migration ``0003_merge_base``. Shipped: never edit it; add the next number instead
(``facilitator.store.schema``; tests/facilitator/test_shipped_schemas.py checks)."""

from __future__ import annotations

from sqlite_utils import Database


def m0003_merge_base(db: Database) -> None:
    """Merging workshop files: the version of each row last seen from each other library
    (the common ancestor of a three-way merge), and where each workshop last came from."""
    db.execute(
        """CREATE TABLE merge_base (
            source_id TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_key TEXT NOT NULL,
            row_hash TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (source_id, table_name, row_key)
        )"""
    )
    db.execute(
        """CREATE TABLE workshop_sources (
            workshop_id TEXT PRIMARY KEY,
            source_file TEXT NOT NULL,
            source_library_id TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            imported_at TEXT NOT NULL
        )"""
    )
