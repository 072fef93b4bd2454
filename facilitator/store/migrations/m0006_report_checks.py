"""Migration ``0006_report_checks``. Shipped: never edit it; add the next number instead
(``facilitator.store.schema``; tests/facilitator/test_shipped_schemas.py checks)."""

from __future__ import annotations

from sqlite_utils import Database


def m0006_report_checks(db: Database) -> None:
    """The personal-data check before an export: notes a facilitator looked at and marked
    "checked, keep" (with a digest of the text they saw, so an edited note is checked
    again), and the user's own list of names to look for. Both are this library's own
    decisions, never copied into workshop files (not in ``EXPORTED_TABLES``)."""
    db.execute(
        """CREATE TABLE report_checks (
            note_id TEXT PRIMARY KEY,
            text_hash TEXT NOT NULL,
            checked_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE TABLE privacy_names (name TEXT PRIMARY KEY)")
