"""Migration ``0005_import_ledger``. Shipped: never edit it; add the next number instead
(``facilitator.store.schema``; tests/facilitator/test_shipped_schemas.py checks)."""

from __future__ import annotations

from sqlite_utils import Database


def m0005_import_ledger(db: Database) -> None:
    """Tables of notes (CSV, Excel) this library has read: which row of which table became
    which note, so the same table imported again adds nothing, and an edited table with new
    rows adds only those; and the column choice made for each header layout, to offer it
    again. Both are this library's own memory, never copied into workshop files (see
    ``EXPORTED_TABLES`` in transfer_schema.py): the notes themselves travel, by id."""
    db.execute(
        """CREATE TABLE import_ledger (
            table_hash TEXT NOT NULL,
            row_number INTEGER NOT NULL,
            row_key TEXT NOT NULL,
            note_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (table_hash, row_number)
        )"""
    )
    db.execute("CREATE INDEX import_ledger_row_key ON import_ledger(row_key)")
    db.execute("CREATE INDEX import_ledger_note ON import_ledger(note_id)")
    db.execute(
        """CREATE TABLE import_layouts (
            layout TEXT PRIMARY KEY,
            mapping TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
