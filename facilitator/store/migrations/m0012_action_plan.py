"""Migration ``0012_action_plan``. Shipped: never edit it; add the next number instead
(``facilitator.store.schema``; tests/facilitator/test_shipped_schemas.py checks)."""

from __future__ import annotations

from sqlite_utils import Database


def m0012_action_plan(db: Database) -> None:
    """The action plan (issue 11; Appendix A of the Summary of Results): a programme's
    strategic priorities in order, its actions (from a note or a theme: the notes, theme and
    workshops they came from are kept as lists of ids, with the idea's words, so an action
    outlives its notes) and each action's dated progress updates. All three travel in
    workshop files with their programme (``EXPORTED_TABLES``) and merge row by row."""
    db.execute(
        """CREATE TABLE priorities (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL REFERENCES programmes(id),
            text TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX priorities_programme ON priorities(programme_id)")
    db.execute(
        """CREATE TABLE actions (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL REFERENCES programmes(id),
            text TEXT NOT NULL,
            priority_id TEXT,
            support_area TEXT NOT NULL DEFAULT '',
            lead TEXT NOT NULL DEFAULT '',
            partners TEXT NOT NULL DEFAULT '',
            timescale TEXT NOT NULL DEFAULT '',
            measure TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'proposed'
                CHECK (status IN ('proposed', 'agreed', 'in progress', 'done', 'dropped')),
            theme_id TEXT,
            note_ids TEXT NOT NULL DEFAULT '[]',
            workshop_ids TEXT NOT NULL DEFAULT '[]',
            source_text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX actions_programme ON actions(programme_id)")
    db.execute(
        """CREATE TABLE progress_updates (
            id TEXT PRIMARY KEY,
            action_id TEXT NOT NULL REFERENCES actions(id),
            date TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX progress_updates_action ON progress_updates(action_id)")
