"""Migration ``0008_search``. Shipped: never edit it; add the next number instead
(``facilitator.store.schema``; tests/facilitator/test_shipped_schemas.py checks)."""

from __future__ import annotations

from sqlite_utils import Database


def m0008_search(db: Database) -> None:
    """Search: an FTS5 index of each note's text and its theme's label (accents folded,
    prefixes of 2 and 3 characters indexed), built here for the notes a library already has.
    The store keeps it in step when it commits (``Store._sync_search``: every write names
    the notes and themes it changed), not with triggers: the library runs with
    ``trusted_schema=OFF``, under which a trigger may not write to a virtual table. Its rowid
    is the note's rowid (libraries are copied with SQLite's backup API, which keeps rowids;
    ``Store.rebuild_search_index`` builds it again should they ever change)."""
    db.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5(text, theme, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    db.execute(
        "INSERT INTO search_index (rowid, text, theme) SELECT n.rowid, n.text, "
        "coalesce(t.label, '') FROM notes n LEFT JOIN themes t ON t.id = n.theme_id "
        "AND t.deleted = 0"
    )
