"""The personal-data check's memory: "checked, keep" marks and the list of names to look for.

Local to the library (never in workshop files). A mark holds a digest of the note's text as
it was when marked, so editing the note makes it be checked again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from facilitator.store.base import StoreBase


def text_hash(text: str) -> str:
    import hashlib  # (OpenSSL's, ~3 ms: not needed to open the window)

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ReportChecksMixin(StoreBase):
    """Part of ``Store``: uses the ``conn`` and ``transaction`` of the ``StoreBase`` it extends."""

    def checked_notes(self) -> dict[str, str]:
        """Note id -> digest of the text that was marked "checked, keep"."""
        return dict(self.conn.execute("SELECT note_id, text_hash FROM report_checks").fetchall())

    def mark_checked(self, notes: Iterable[tuple[str, str]]) -> None:
        """Mark ``(note id, text)`` pairs "checked, keep"."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO report_checks (note_id, text_hash, checked_at) VALUES (?, ?, ?)",
                [(note_id, text_hash(text), now) for note_id, text in notes],
            )

    def unmark_checked(self, note_ids: Iterable[str]) -> None:
        with self.transaction():
            self.conn.executemany(
                "DELETE FROM report_checks WHERE note_id = ?", [(i,) for i in note_ids]
            )

    def privacy_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM privacy_names ORDER BY name")]

    def set_privacy_names(self, names: Iterable[str]) -> None:
        """Replace the list of names the check looks for (blank lines and repeats dropped)."""
        kept: dict[str, str] = {}
        for name in names:
            name = " ".join(name.split())
            if name:
                kept.setdefault(name.casefold(), name)  # the first spelling of each
        cleaned = sorted(kept.values())
        with self.transaction():
            self.conn.execute("DELETE FROM privacy_names")
            self.conn.executemany("INSERT INTO privacy_names (name) VALUES (?)", [(n,) for n in cleaned])
