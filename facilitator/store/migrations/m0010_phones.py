"""Migration ``0010_phones``. Shipped: never edit it; add the next number instead
(``facilitator.store.schema``; tests/facilitator/test_shipped_schemas.py checks)."""

from __future__ import annotations

from sqlite_utils import Database


def m0010_phones(db: Database) -> None:
    """Dot-votes from phones (issue 14): for each idea voted on in a workshop's step, the
    number of dots it got, never who placed them. One row per (workshop, step, idea), its
    id derived from those three (``facilitator.store.votes.vote_id``), so voting again on a
    step updates the same rows and two laptops' copies merge row by row. The rows travel
    in workshop files (``EXPORTED_TABLES``)."""
    db.execute(
        """CREATE TABLE votes (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_key TEXT NOT NULL,
            target_kind TEXT NOT NULL CHECK (target_kind IN ('note', 'theme')),
            target_id TEXT NOT NULL,
            label TEXT NOT NULL,
            dots INTEGER NOT NULL CHECK (dots >= 0),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX votes_workshop_step ON votes(workshop_id, step_key)")
