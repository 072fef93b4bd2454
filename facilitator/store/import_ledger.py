"""The notes-import ledger and the remembered column layouts: SQL for ``notes_import``.

Which row of which table (by the table's content digest) became which note, and when; and
the column mapping chosen for a header layout. Neither travels in workshop files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from facilitator.store.base import StoreBase


class ImportLedgerMixin(StoreBase):
    """Part of ``Store``: uses the ``conn`` and ``transaction`` of the ``StoreBase`` it extends."""

    # ------------------------------------------------------------------ ledger
    def record_imports(
        self, table_hash: str, file_name: str, rows: Iterable[tuple[int, str, str]],
        imported_at: str,
    ) -> None:
        """Remember ``(row number, row key, note id)`` rows of one table as imported."""
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO import_ledger (table_hash, row_number, row_key, "
                "note_id, file_name, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                [(table_hash, n, key, note_id, file_name, imported_at)
                 for n, key, note_id in rows],
            )

    def forget_imports(self, note_ids: Iterable[str]) -> None:
        """Forget the rows that made these notes (their import was undone)."""
        ids = list(note_ids)
        with self.transaction():
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                self.conn.execute(
                    f"DELETE FROM import_ledger WHERE note_id IN ({', '.join('?' * len(chunk))})",
                    chunk,
                )

    def imported_rows(self, table_hash: str) -> dict[int, str]:
        """Row number -> when it was imported, for one table."""
        rows = self.conn.execute(
            "SELECT row_number, imported_at FROM import_ledger WHERE table_hash = ?",
            [table_hash],
        ).fetchall()
        return dict(rows)

    def imports_of_rows(self, row_keys: Iterable[str]) -> list[tuple[str, str, str, str]]:
        """``(table hash, row key, file name, imported at)`` of earlier imports of rows with
        these keys, from any table."""
        keys = list(dict.fromkeys(row_keys))
        found: list[tuple[str, str, str, str]] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            found += self.conn.execute(
                "SELECT table_hash, row_key, file_name, imported_at FROM import_ledger "
                f"WHERE row_key IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
        return found

    def imported_table_sizes(self, table_hashes: Iterable[str]) -> dict[str, int]:
        """How many rows of each table were imported."""
        hashes = list(dict.fromkeys(table_hashes))
        if not hashes:
            return {}
        rows = self.conn.execute(
            "SELECT table_hash, count(*) FROM import_ledger "
            f"WHERE table_hash IN ({', '.join('?' * len(hashes))}) GROUP BY table_hash",
            hashes,
        ).fetchall()
        return dict(rows)

    # ----------------------------------------------------------------- layouts
    def remembered_mapping(self, layout: str) -> dict[str, int | None] | None:
        row = self.conn.execute(
            "SELECT mapping FROM import_layouts WHERE layout = ?", [layout]
        ).fetchone()
        return json.loads(row[0]) if row else None

    def remember_mapping(self, layout: str, mapping: dict[str, int | None] | None,
                         when: str) -> None:
        """Keep the columns chosen for a header layout (``None`` forgets them)."""
        with self.transaction():
            if mapping is None:
                self.conn.execute("DELETE FROM import_layouts WHERE layout = ?", [layout])
                return
            self.conn.execute(
                "INSERT INTO import_layouts (layout, mapping, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(layout) DO UPDATE SET mapping = excluded.mapping, "
                "updated_at = excluded.updated_at",
                [layout, json.dumps(mapping, sort_keys=True), when],
            )
