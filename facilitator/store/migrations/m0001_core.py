"""Migration ``0001_core``. Shipped: never change what it makes (its statements, in their
order); add the next number instead (``facilitator.store.schema``;
tests/facilitator/test_shipped_schemas.py checks). Its steps are split by table only to read."""

from __future__ import annotations

from sqlite_utils import Database


def m0001_core(db: Database) -> None:
    _meta_and_formats(db)
    _programmes_and_workshops(db)
    _attendance(db)
    _themes_and_notes(db)


def _meta_and_formats(db: Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE formats (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            definition TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )


def _programmes_and_workshops(db: Database) -> None:
    db.execute(
        """CREATE TABLE programmes (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            area TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """CREATE TABLE workshops (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL REFERENCES programmes(id),
            code TEXT NOT NULL,
            theme_question TEXT NOT NULL DEFAULT '',
            format_key TEXT NOT NULL REFERENCES formats(key),
            date TEXT NOT NULL DEFAULT '',
            venue TEXT NOT NULL DEFAULT '',
            district TEXT NOT NULL DEFAULT '',
            facilitators TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'held', 'postponed', 'cancelled')),
            status_reason TEXT NOT NULL DEFAULT '',
            rescheduled_date TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX workshops_programme ON workshops(programme_id)")


def _attendance(db: Database) -> None:
    db.execute(
        """CREATE TABLE attendance (
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            category TEXT NOT NULL,
            count INTEGER NOT NULL CHECK (count >= 0),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (workshop_id, category)
        )"""
    )


def _themes_and_notes(db: Database) -> None:
    db.execute(
        """CREATE TABLE themes (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL REFERENCES programmes(id),
            step_key TEXT NOT NULL,
            label TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX themes_programme_step ON themes(programme_id, step_key)")
    db.execute(
        """CREATE TABLE notes (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_key TEXT NOT NULL,
            text TEXT NOT NULL,
            table_label TEXT NOT NULL DEFAULT '',
            theme_id TEXT REFERENCES themes(id),
            tags TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX notes_workshop_step ON notes(workshop_id, step_key)")
    db.execute("CREATE INDEX notes_theme ON notes(theme_id)")
