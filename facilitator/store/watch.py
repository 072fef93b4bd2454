"""Noticing what happened to the library behind this connection's back.

Two things can change a library while the app has it open:

- **another program commits to it** (the command line, a second copy of the app, a
  second connection): SQLite's ``PRAGMA data_version`` changes. The ui polls
  :meth:`ChangeWatch.check_external_changes` on a timer; when it sees a change it
  compares a cheap snapshot (each row's ``updated_at``) with the one before and fires
  the store's ``*_changed`` events with the ids that differ, so every view refreshes;
- **the file itself is deleted or replaced** (moved to the Recycle Bin, a sync tool or a
  backup restore writing a new file in its place). SQLite would go on writing into the
  unlinked file, and every note would look saved and be lost. The file's identity
  (device and inode; on Windows the volume and file index) is taken at opening and
  compared before every write and on every check: once it differs, every write raises
  :class:`LibraryGoneError` naming the file, and nothing is reported saved again.

``row_versions`` is the cheap read undo commands use to refuse a stale undo.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.store.errors import LibraryGoneError

if TYPE_CHECKING:
    from facilitator.events import StoreEvents

#: Tables whose rows carry ``id`` and ``updated_at``, and the event announcing each.
WATCHED = {
    "programmes": "programmes_changed",
    "workshops": "workshops_changed",
    "notes": "notes_changed",
    "themes": "themes_changed",
    "photos": "photos_changed",
    "attendance": "attendance_changed",
    "assets": "assets_changed",
}
#: SQLite's default limit on ``?`` in one statement is 999 in old builds.
CHUNK = 900
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def file_identity(path: Path | None) -> tuple[int, int] | None:
    """What makes this file this file: (device, inode); on Windows Python gives the
    volume serial number and the file index in the same fields. None when missing."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    # A file system without inode numbers (st_ino 0): its creation time stands in.
    return (st.st_dev, st.st_ino or st.st_ctime_ns)


def gone_message(path: Path, how: str) -> str:
    return (
        f"The library file {path} was {how} by another program while the app had it open. "
        "Nothing typed from now on can be saved to it: notes and changes since this message "
        "are NOT saved. Keep the app open and copy anything you still need (the note you "
        "were typing stays in its box), then close the app, put the library file back (from "
        "the Recycle Bin, the Trash or a backup) and start the app again."
    )


class ChangeWatch:
    """Mixed into ``StoreBase``: uses ``self.conn``, ``self.path``, ``self.events``."""

    # (set by StoreBase.__init__)
    conn: sqlite3.Connection
    path: Path | None
    events: StoreEvents

    _file_id: tuple[int, int] | None = None
    _gone: str | None = None
    _data_version: int | None = None
    _snapshot: dict[str, dict[str, str]] | None = None

    def _remember_file(self) -> None:
        self._file_id = file_identity(self.path)

    # ------------------------------------------------------------ the file
    @property
    def gone(self) -> str | None:
        """Why the library can no longer be written (deleted or replaced), or None."""
        return self._gone

    def check_file(self) -> None:
        """Raise :class:`LibraryGoneError` if the library file is not the one opened."""
        if self._gone is not None:
            raise LibraryGoneError(self._gone)
        if self.path is None:
            return
        now = file_identity(self.path)
        if self._file_id is None:  # (not on disk yet when opened)
            self._file_id = now
            return
        if now == self._file_id:
            return
        how = "deleted or moved away" if now is None else "replaced by another file"
        self._gone = gone_message(self.path, how)
        raise LibraryGoneError(self._gone)

    # ------------------------------------------------- other connections
    def remember_version(self) -> None:
        """Note the version of the library read so far (one pragma), so that the snapshot
        can be taken later (by the first ``check_external_changes``, after the window's
        first paint: reading every row's version costs ~1 ms per 1,000 notes) and a commit
        by another program in between is still noticed."""
        self._data_version = self.conn.execute("PRAGMA data_version").fetchone()[0]

    def has_snapshot(self) -> bool:
        return self._snapshot is not None

    def check_external_changes(self) -> bool:
        """True (after firing the changed events) if another connection committed since
        the last call. The first call only takes the snapshot; if another program committed
        since ``remember_version``, there is nothing to compare with, so every row is
        announced as changed (rows removed for good in that moment go unnamed). Raises
        :class:`LibraryGoneError` when the file has been deleted or replaced."""
        self.check_file()
        if getattr(self, "_depth", 0) or getattr(self, "_twins_writing", 0):
            return False  # our own write is under way (it will announce itself)
        try:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.ProgrammingError:
            return False  # closed (the app is shutting down)
        unchanged = version == self._data_version
        if self._snapshot is not None and unchanged:
            return False
        first = self._snapshot is None
        missed = first and self._data_version is not None and not unchanged
        self._data_version = version
        before, self._snapshot = self._snapshot, self._take_snapshot()
        if missed:
            for table, event in WATCHED.items():
                ids = sorted(self._snapshot.get(table, {}))
                if ids:
                    getattr(self.events, event).emit(ids)
            return True
        if first or before is None:
            return False
        changed = False
        with self.events.batch():
            for table, event in WATCHED.items():
                old, new = before.get(table, {}), self._snapshot.get(table, {})
                ids = sorted({i for i in old.keys() | new.keys() if old.get(i) != new.get(i)})
                if ids:
                    changed = True
                    getattr(self.events, event).emit(ids)
        return changed

    def _note_own_writes(self, pending: dict[str, set[str]]) -> None:
        """Our own commit: keep the snapshot up to date for those rows, so the next
        external change is announced with its own ids only (data_version ignores ours)."""
        if self._snapshot is None:
            return
        for table, event in WATCHED.items():
            ids = pending.get(event, set()) - pending.get(f"_same_version:{event}", set())
            if ids:
                found = self.row_versions(table, ids)
                rows = self._snapshot.setdefault(table, {})
                for row_id in ids:
                    if row_id in found:
                        rows[row_id] = found[row_id]
                    else:
                        rows.pop(row_id, None)

    def _take_snapshot(self) -> dict[str, dict[str, str]]:
        snapshot = {}
        for table in WATCHED:
            if table == "attendance":
                rows = self.conn.execute(
                    "SELECT workshop_id, group_concat(category || '=' || count || '@' || "
                    "updated_at, ';') FROM (SELECT * FROM attendance ORDER BY workshop_id, "
                    "category) GROUP BY workshop_id"
                ).fetchall()
            else:
                rows = self.conn.execute(
                    f"SELECT id, updated_at || '/' || deleted FROM {table}"
                ).fetchall()
            snapshot[table] = dict(rows)
        return snapshot

    # ------------------------------------------------------------- undo
    def row_versions(self, table: str, ids: Iterable[str]) -> dict[str, str]:
        """Each row's current version (its ``updated_at`` and deleted flag; for
        ``attendance``, keyed by workshop id, all its counts). Rows not there are left out.

        Cheap (one indexed read per 900 ids): undo commands call it before and after
        every undo and redo to notice a row changed since by someone else."""
        if not _NAME.match(table):
            raise ValueError(f"not a table name: {table!r}")
        ids = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            if table == "attendance":
                sql = (
                    "SELECT workshop_id, group_concat(category || '=' || count || '@' || "
                    f"updated_at, ';') FROM (SELECT * FROM attendance WHERE workshop_id IN "
                    f"({marks}) ORDER BY category) GROUP BY workshop_id"
                )
            else:
                sql = f"SELECT id, {self._version_expr(table)} FROM {table} WHERE id IN ({marks})"
            found.update(self.conn.execute(sql, chunk).fetchall())
        return found

    def _version_expr(self, table: str) -> str:
        """``updated_at || '/' || deleted`` where the table has them; otherwise every column
        (a table added later without ``updated_at`` still gets an honest version)."""
        cache = self.__dict__.setdefault("_version_exprs", {})
        if table not in cache:
            names = [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]
            if not names:
                raise ValueError(f"no table {table!r} in the library")
            if "updated_at" in names:
                parts = ["updated_at"] + (["deleted"] if "deleted" in names else [])
            else:
                parts = [f"quote({name})" for name in names]
            cache[table] = " || '/' || ".join(parts)
        return cache[table]
