"""Migration ``0011_assets``. Shipped: never change what it makes (its statements, in their
order); add the next number instead (``facilitator.store.schema``;
tests/facilitator/test_shipped_schemas.py checks). Its steps are split by table only to read."""

from __future__ import annotations

from sqlite_utils import Database


def m0011_assets(db: Database) -> None:
    """Asset-based sessions (issue 11): a programme's register of community assets, the
    notes and workshops that named each one, and connections (an idea that brings two or
    more assets together). All four travel in workshop files (``EXPORTED_TABLES``) and merge
    row by row like notes; an asset merged into another leaves a redirect in
    ``merged_records`` (table ``assets``). No foreign keys: a purge or a merge elsewhere must
    never be refused because a link names what it removed; readers join on live rows.

    - ``assets``: name, category (a tag key of the programme's asset vocabulary, format
      data), what it offers, place, who can help connect (a role or organisation), notes.
    - ``asset_sources``: the note (or, with ``note_id`` empty, the workshop) that named an
      asset; id derived from (asset, workshop, note), so two laptops linking the same make
      one row.
    - ``connections``: the idea, with the workshop and note it came from ('' when none).
    - ``connection_assets``: the assets a connection links; id derived from the pair.
    """
    _assets(db)
    _asset_sources(db)
    _connections(db)
    _connection_assets(db)


def _assets(db: Database) -> None:
    db.execute(
        """CREATE TABLE assets (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL,
            name TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT '',
            offers TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            connector TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX assets_programme ON assets(programme_id)")


def _asset_sources(db: Database) -> None:
    db.execute(
        """CREATE TABLE asset_sources (
            id TEXT PRIMARY KEY,
            asset_id TEXT NOT NULL,
            workshop_id TEXT NOT NULL,
            note_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX asset_sources_asset ON asset_sources(asset_id)")
    db.execute("CREATE INDEX asset_sources_workshop ON asset_sources(workshop_id)")
    db.execute("CREATE INDEX asset_sources_note ON asset_sources(note_id)")


def _connections(db: Database) -> None:
    db.execute(
        """CREATE TABLE connections (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL,
            idea TEXT NOT NULL,
            workshop_id TEXT NOT NULL DEFAULT '',
            note_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX connections_programme ON connections(programme_id)")


def _connection_assets(db: Database) -> None:
    db.execute(
        """CREATE TABLE connection_assets (
            id TEXT PRIMARY KEY,
            connection_id TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX connection_assets_connection ON connection_assets(connection_id)")
    db.execute("CREATE INDEX connection_assets_asset ON connection_assets(asset_id)")
