"""The notes' full-text search index (``search_index``, FTS5, migration 0008): the search
itself, and keeping the index in step with the notes and themes each transaction changed,
at COMMIT. It stays in the library (schema.LOCAL_ONLY).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from facilitator.store.base import StoreBase
from facilitator.store.errors import LibraryError

#: Where ``_pending`` keeps the notes and themes marked by ``_index_unchanged``.
_KEPT = {"notes_changed": "_index_kept_notes", "themes_changed": "_index_kept_themes"}
#: Where ``_pending`` keeps the notes marked by ``_index_new_notes``, and the rowid they
#: all come after (as text: ``_pending`` holds sets of text).
_NEW, _NEW_AFTER = "_index_new_notes", "_index_new_after"


class SearchIndexMixin(StoreBase):
    """Part of ``Store``: search, and the index kept in step at each COMMIT."""

    def search_notes(self, match: str, filters=None, *, limit: int = 200) -> list:
        """Live notes whose text or theme label match an FTS5 expression (see
        ``facilitator.sense.search.to_fts``), best first, with the matches marked."""
        from facilitator.sense.search import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit

        if not match:
            return []
        clauses = ["search_index MATCH ?", "n.deleted = 0", "w.deleted = 0"]
        params: list = [match]
        f = filters
        if f is not None:
            if f.programme_id:
                clauses.append("w.programme_id = ?")
                params.append(f.programme_id)
            if f.workshop_ids:
                clauses.append(f"n.workshop_id IN ({', '.join('?' for _ in f.workshop_ids)})")
                params.extend(f.workshop_ids)
            if f.step_key:
                clauses.append("n.step_key = ?")
                params.append(f.step_key)
            if f.tag:
                clauses.append("EXISTS (SELECT 1 FROM json_each(n.tags) WHERE value = ?)")
                params.append(f.tag)
            if f.untagged:
                clauses.append("n.tags = '[]'")
            if f.theme_ids is not None:
                clauses.append(f"n.theme_id IN ({', '.join('?' for _ in f.theme_ids)})")
                params.extend(f.theme_ids)
            if f.unthemed:
                clauses.append("(n.theme_id IS NULL OR t.id IS NULL)")
        sql = (
            "SELECT n.id, n.workshop_id, w.code, n.step_key, n.text, coalesce(t.label, ''), "
            "n.tags, highlight(search_index, 0, ?, ?) "
            "FROM search_index JOIN notes n ON n.rowid = search_index.rowid "
            "JOIN workshops w ON w.id = n.workshop_id "
            "LEFT JOIN themes t ON t.id = n.theme_id AND t.deleted = 0 "
            f"WHERE {' AND '.join(clauses)} ORDER BY search_index.rank LIMIT ?"
        )
        try:
            rows = self.conn.execute(
                sql, [HIGHLIGHT_START, HIGHLIGHT_END, *params, limit]).fetchall()
        except sqlite3.OperationalError as exc:
            # to_fts only builds valid expressions; anything else is said plainly
            raise LibraryError(f"Cannot search for {match!r}: {exc}.") from None
        return [
            SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], list(json.loads(r[6] or "[]")), r[7])
            for r in rows
        ]

    def _before_commit(self) -> None:
        self._sync_search()

    def _touch(self, event: str, *ids: str) -> None:
        super()._touch(event, *ids)
        # A note or theme changed again after being marked as leaving its index rows as
        # they are: it is compared at COMMIT after all.
        kept = self._pending.get(_KEPT.get(event, ""))
        if kept:
            kept.difference_update(ids)

    def _index_unchanged(self, notes: Iterable[str] = (), themes: Iterable[str] = ()) -> None:
        """What this transaction has done so far to these notes (pointed at another workshop,
        or at a theme of the very same label) and themes (moved to another programme) leaves
        their search index rows as they are: COMMIT does not compare them, unless they
        change again before it. Said by merges, which re-point thousands of notes."""
        self._pending.setdefault(_KEPT["notes_changed"], set()).update(notes)
        self._pending.setdefault(_KEPT["themes_changed"], set()).update(themes)

    def _index_new_notes(self, after_rowid: int, ids: Iterable[str]) -> None:
        """These notes were just inserted, after every note whose rowid is at most
        ``after_rowid`` (read in this transaction): COMMIT gives every note above that rowid
        its index row in one statement instead of comparing them one by one. Said by
        imports, which add thousands."""
        self._pending.setdefault(_NEW, set()).update(ids)
        after = self._pending.setdefault(_NEW_AFTER, set())
        lowest = min([after_rowid, *map(int, after)])
        after.clear()
        after.add(str(lowest))

    def _index_inserted(self) -> set[str]:
        """Index the notes ``_index_new_notes`` named; returns their ids. SQLite gives a new
        row the rowid one above the largest (while that is below 2**63 - 1: the import
        names notes only far below it), so the notes above ``after`` are exactly those
        added since, all new (none has an index row yet; an index row up there was left
        by a note removed before, and goes)."""
        new = self._pending.pop(_NEW, set())
        after = self._pending.pop(_NEW_AFTER, set())
        if not new:
            return set()
        lowest = min(map(int, after))
        self.conn.execute("DELETE FROM search_index WHERE rowid > ?", [lowest])
        self.conn.execute(
            "INSERT INTO search_index (rowid, text, theme) SELECT n.rowid, n.text, "
            "coalesce(t.label, '') FROM notes n LEFT JOIN themes t ON t.id = n.theme_id "
            "AND t.deleted = 0 WHERE n.rowid > ?", [lowest])
        return new

    def _sync_search(self) -> None:
        """Bring the index in step with the notes this transaction changed, and the notes of
        the themes it changed (a renamed or deleted theme), so search sees them as committed.

        Only index rows whose text or theme label differ from the note's are written again
        (rewriting an FTS row costs far more than comparing it), and rows said to be
        unchanged (``_index_unchanged``) are not even compared."""
        kept_notes = self._pending.pop(_KEPT["notes_changed"], set()) | self._index_inserted()
        kept_themes = self._pending.pop(_KEPT["themes_changed"], set())
        note_ids = set(self._pending.get("notes_changed", ())) - kept_notes
        theme_ids = sorted(set(self._pending.get("themes_changed", ())) - kept_themes)
        if not note_ids and not theme_ids:
            return
        stale: list[int] = []
        indexed: list[int] = []
        wanted = (
            "SELECT n.rowid, s.rowid IS NOT NULL FROM notes n LEFT JOIN themes t ON t.id = n.theme_id "
            "AND t.deleted = 0 LEFT JOIN search_index s ON s.rowid = n.rowid WHERE "
            "{where} AND (s.rowid IS NULL OR s.text IS NOT n.text "
            "OR s.theme IS NOT coalesce(t.label, ''))"
        )
        for where, ids in (("n.id", sorted(note_ids)), ("n.theme_id", theme_ids)):
            if not ids:
                continue
            for rowid, in_index in self.conn.execute(
                    wanted.format(where=f"{where} IN (SELECT value FROM json_each(?))"),
                    [json.dumps(ids)]):
                stale.append(rowid)
                if in_index:
                    indexed.append(rowid)
        if not stale:
            return
        rowids = json.dumps(sorted(set(stale)))
        if indexed:  # (notes new to the index, such as those an import adds, have no rows)
            self.conn.execute("DELETE FROM search_index WHERE rowid IN "
                              "(SELECT value FROM json_each(?))", [json.dumps(indexed)])
        self.conn.execute(
            "INSERT INTO search_index (rowid, text, theme) SELECT n.rowid, n.text, "
            "coalesce(t.label, '') FROM notes n LEFT JOIN themes t ON t.id = n.theme_id "
            "AND t.deleted = 0 WHERE n.rowid IN (SELECT value FROM json_each(?))", [rowids])

    def rebuild_search_index(self) -> None:
        """Build the search index again from the notes (should rowids ever be renumbered)."""
        with self.transaction():
            self.conn.execute("DELETE FROM search_index")
            self.conn.execute(
                "INSERT INTO search_index (rowid, text, theme) SELECT n.rowid, n.text, "
                "coalesce(t.label, '') FROM notes n LEFT JOIN themes t ON t.id = n.theme_id "
                "AND t.deleted = 0"
            )
