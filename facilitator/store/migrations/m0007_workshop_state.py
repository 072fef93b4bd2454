"""Migration ``0007_workshop_state``. Shipped: never edit it; add the next number instead
(``facilitator.store.schema``; tests/facilitator/test_shipped_schemas.py checks)."""

from __future__ import annotations

from sqlite_utils import Database


def m0007_workshop_state(db: Database) -> None:
    """Where each workshop was left on this laptop: the step, the note being typed (the
    draft), the table label, each step's timer, and whether its run window was open when
    the app closed (so it opens again). Kept in the library, so it moves with it and
    survives a restart; it stays local and never travels in workshop files
    (``LOCAL_ONLY``): another laptop's half-typed note is not part of the workshop."""
    db.execute(
        """CREATE TABLE workshop_state (
            workshop_id TEXT PRIMARY KEY,
            step_key TEXT NOT NULL DEFAULT '',
            draft TEXT NOT NULL DEFAULT '',
            draft_step TEXT NOT NULL DEFAULT '',
            table_label TEXT NOT NULL DEFAULT '',
            timers TEXT NOT NULL DEFAULT '{}',
            was_open INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        )"""
    )
