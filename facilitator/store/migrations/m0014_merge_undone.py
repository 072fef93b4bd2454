"""Migration ``0014_merge_undone``. Shipped: never edit it; add the next number instead
(``facilitator.store.schema``; tests/facilitator/test_shipped_schemas.py checks)."""

from __future__ import annotations

from sqlite_utils import Database


def m0014_merge_undone(db: Database) -> None:
    """Merges that can be undone on another laptop (issue 9). A merge's undo travels as a
    "merge undone" marker, the merge's ``merged_records`` row with ``deleted = 1`` and a
    newer time (no new column: it travels with ``merged_records``). What it needs here is
    ``rewritten`` (stays in the library, not in ``EXPORTED_TABLES``; empty in workshop
    files): each row an import pointed through a redirect at the record merged into (its
    edit time kept), with the value it had and its edit time, so that when the redirect is
    undone (here or on any laptop) the row goes back if it is still that version, as the
    merge's own undo puts back the rows it moved."""
    db.execute(
        """CREATE TABLE rewritten (
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            column_name TEXT NOT NULL,
            original TEXT NOT NULL,
            rewritten_to TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (table_name, row_id, column_name)
        )"""
    )
