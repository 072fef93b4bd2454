"""Migration ``0004_library_operations``. Shipped: never edit it; add the next number instead
(``facilitator.store.schema``; tests/facilitator/test_shipped_schemas.py checks)."""

from __future__ import annotations

from sqlite_utils import Database


def m0004_library_operations(db: Database) -> None:
    """Correcting the library: merges, purges and deletions made together.

    ``merged_records`` (travels in workshop files): a programme, workshop or theme merged
    into another (or a programme of a file added to an existing one at import) leaves a
    redirect ``old_id -> new_id``; rows arriving with the old id are rewritten to the new
    one before they are merged. ``deleted`` set means the merge was undone.

    ``purged_records`` (travels): ids removed for good from Deleted items, so a file that
    still carries them does not bring them back.

    ``deleted_with`` (stays in the library): workshops deleted together with their
    programme, so restoring the programme brings back exactly those.
    """
    db.execute(
        """CREATE TABLE merged_records (
            table_name TEXT NOT NULL,
            old_id TEXT NOT NULL,
            new_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (table_name, old_id)
        )"""
    )
    db.execute("CREATE INDEX merged_records_new ON merged_records(table_name, new_id)")
    db.execute(
        """CREATE TABLE purged_records (
            table_name TEXT NOT NULL,
            id TEXT NOT NULL,
            purged_at TEXT NOT NULL,
            PRIMARY KEY (table_name, id)
        )"""
    )
    db.execute(
        """CREATE TABLE deleted_with (
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            owner_table TEXT NOT NULL,
            owner_id TEXT NOT NULL,
            PRIMARY KEY (table_name, row_id)
        )"""
    )
