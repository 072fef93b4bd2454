"""The library store: the only place in the app that speaks SQL.

Every public write method is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``
with ``synchronous=FULL``): when it returns, the change is on disk and survives
``kill -9`` or a power cut. Listeners on ``store.events`` hear about it after.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from facilitator.events import StoreEvents
from facilitator.formats import Format, format_from_json
from facilitator.models import (
    PARTICIPANT_CATEGORY_LABELS,
    Attendance,
    Note,
    Programme,
    Theme,
    ValidationError,
    Workshop,
    new_id,
    utc_now,
)
from facilitator.store import connection
from facilitator.store.errors import LibraryBusyError, LibraryError, StorageFullError
from facilitator.store.rows import TABLES, Record, columns, from_row, to_row
from facilitator.store.version import SCHEMA_VERSION


class Store:
    """One open library file (or an in-memory library when ``path`` is None)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._db = None
        self.events = StoreEvents()
        self._depth = 0
        self._pending: dict[str, set[str]] = {}

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: Path | str | None, *, create: bool = True) -> Store:
        """Open (and if needed create or migrate) a library.

        A file that is not ours, is damaged or comes from a newer app raises a
        :class:`LibraryError` naming the path, and is left exactly as it was.
        """
        path = Path(path) if path is not None else None
        exists = False
        if path is not None:
            exists = connection.check_header(path)
            if not exists and not create:
                raise LibraryError(f"There is no library at {path}.")
            if not exists:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise LibraryError(
                        f"Cannot create the folder for {path}: {exc.strerror or exc}."
                    ) from None
        try:
            conn = connection.connect(path)
        except sqlite3.Error as exc:
            raise LibraryError(f"Cannot open {path}: {exc}.") from None
        try:
            if exists:
                version = connection.check_identity(conn, path, SCHEMA_VERSION)
                connection.check_integrity(conn, path)
            else:
                version = 0
            connection.apply_pragmas(conn, wal=path is not None)
            store = cls(conn, path)
            if version < SCHEMA_VERSION:
                store._migrate(new=not exists)
        except BaseException:
            conn.close()
            raise
        return store

    @property
    def db(self):
        """The connection as a sqlite-utils ``Database`` (imported lazily: it costs start-up)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def _migrate(self, *, new: bool) -> None:
        from facilitator.store.schema import migrations

        try:
            if new:
                self.conn.execute(f"PRAGMA application_id = {connection.APPLICATION_ID}")
            migrations.apply(self.db)
            applied = len(migrations.applied(self.db))
            self.conn.execute(f"PRAGMA user_version = {applied}")
            if new:
                with self.transaction():
                    self._set_meta("library_id", new_id())
                    self._set_meta("created_at", utc_now())
        except sqlite3.OperationalError as exc:
            raise self._translate(exc) from None

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @property
    def library_id(self) -> str:
        return self.meta("library_id") or ""

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._set_meta(key, value)

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    # ------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One durable write. Nested calls join the outer transaction."""
        conn = self.conn
        if self._depth == 0:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self._translate(exc) from None
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._pending.clear()
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            try:
                conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                self._pending.clear()
                raise self._translate(exc) from None
            self._announce()

    def _touch(self, event: str, *ids: str) -> None:
        self._pending.setdefault(event, set()).update(ids)

    def _announce(self) -> None:
        pending, self._pending = self._pending, {}
        for name, ids in pending.items():
            getattr(self.events, name).emit(sorted(ids))
        if pending:
            self.events.saved.emit(utc_now())

    def _translate(self, exc: sqlite3.OperationalError) -> LibraryError:
        message = str(exc).lower()
        where = self.path or "the in-memory library"
        if "locked" in message or "busy" in message:
            return LibraryBusyError(
                f"{where} is busy: another window or program is writing to it. "
                "Nothing was lost; try again in a moment."
            )
        if "full" in message or "disk i/o" in message or "readonly" in message:
            return StorageFullError(
                f"Cannot write to {where}: {exc}. The disk may be full or the file "
                "read-only. Your earlier notes are safe."
            )
        return LibraryError(f"{where}: {exc}")

    # ------------------------------------------------------- generic records
    def _insert(self, record: Record) -> None:
        record.validate()
        row = to_row(record)
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(
            f"INSERT INTO {TABLES[type(record)]} ({names}) VALUES ({marks})", list(row.values())
        )

    def _update(self, record: Record) -> None:
        record.validate()
        record.updated_at = utc_now()
        row = to_row(record)
        key = row.pop("id")
        row.pop("created_at")
        assignments = ", ".join(f"{name} = ?" for name in row)
        cursor = self.conn.execute(
            f"UPDATE {TABLES[type(record)]} SET {assignments} WHERE id = ?",
            [*row.values(), key],
        )
        if cursor.rowcount != 1:
            raise LibraryError(f"No {TABLES[type(record)][:-1]} with id {key} to update.")

    def _select(
        self, cls: type[Record], where: str = "1", params: Iterable[Any] = (), order: str = ""
    ) -> list[Record]:
        sql = f"SELECT {', '.join(columns(cls))} FROM {TABLES[cls]} WHERE {where}"
        if order:
            sql += f" ORDER BY {order}"
        cursor = self.conn.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [from_row(cls, dict(zip(names, row, strict=True))) for row in cursor.fetchall()]

    def _get(self, cls: type[Record], record_id: str) -> Record:
        found = self._select(cls, "id = ?", [record_id])
        if not found:
            raise LibraryError(f"No {TABLES[cls][:-1]} with id {record_id}.")
        return found[0]

    def _set_deleted(self, cls: type, ids: Iterable[str], deleted: bool) -> list[str]:
        ids = list(ids)
        now = utc_now()
        for record_id in ids:
            self.conn.execute(
                f"UPDATE {TABLES[cls]} SET deleted = ?, updated_at = ? WHERE id = ?",
                [1 if deleted else 0, now, record_id],
            )
        return ids

    # ----------------------------------------------------------------- formats
    def format_versions(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT key, version FROM formats").fetchall())

    def save_format(self, fmt: Format) -> None:
        """Store a format's definition, unless the library already has that version or newer."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO formats (key, name, version, definition, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                "name = excluded.name, version = excluded.version, "
                "definition = excluded.definition, updated_at = excluded.updated_at "
                "WHERE excluded.version > formats.version",
                [fmt.key, fmt.name, fmt.version, fmt.to_json(), utc_now()],
            )

    def formats(self) -> dict[str, Format]:
        rows = self.conn.execute("SELECT key, definition FROM formats ORDER BY name").fetchall()
        return {key: format_from_json(text, source=f"format {key}") for key, text in rows}

    def get_format(self, key: str) -> Format:
        row = self.conn.execute("SELECT definition FROM formats WHERE key = ?", [key]).fetchone()
        if row is None:
            raise LibraryError(f"The library has no format {key!r}.")
        return format_from_json(row[0], source=f"format {key}")

    # -------------------------------------------------------------- programmes
    def add_programme(self, programme: Programme) -> Programme:
        with self.transaction():
            self._insert(programme)
            self._touch("programmes_changed", programme.id)
        return programme

    def update_programme(self, programme: Programme) -> Programme:
        with self.transaction():
            self._update(programme)
            self._touch("programmes_changed", programme.id)
        return programme

    def programmes(self, *, include_deleted: bool = False) -> list[Programme]:
        where = "1" if include_deleted else "deleted = 0"
        return self._select(Programme, where, order="title COLLATE NOCASE")

    def get_programme(self, programme_id: str) -> Programme:
        return self._get(Programme, programme_id)

    def find_programme(self, title: str) -> Programme | None:
        found = self._select(Programme, "deleted = 0 AND title = ? COLLATE NOCASE", [title])
        return found[0] if found else None

    # --------------------------------------------------------------- workshops
    def add_workshop(self, workshop: Workshop) -> Workshop:
        with self.transaction():
            self._check_format(workshop.format_key)
            self._insert(workshop)
            self._touch("workshops_changed", workshop.id)
        return workshop

    def update_workshop(self, workshop: Workshop) -> Workshop:
        with self.transaction():
            self._check_format(workshop.format_key)
            self._update(workshop)
            self._touch("workshops_changed", workshop.id)
        return workshop

    def _check_format(self, key: str) -> None:
        if not self.conn.execute("SELECT 1 FROM formats WHERE key = ?", [key]).fetchone():
            raise ValidationError(f"The library has no format {key!r}.")

    def set_workshop_deleted(self, workshop_id: str, deleted: bool = True) -> None:
        with self.transaction():
            self._set_deleted(Workshop, [workshop_id], deleted)
            self._touch("workshops_changed", workshop_id)

    def workshops(
        self, programme_id: str | None = None, *, include_deleted: bool = False
    ) -> list[Workshop]:
        clauses, params = ["1"], []
        if programme_id is not None:
            clauses.append("programme_id = ?")
            params.append(programme_id)
        if not include_deleted:
            clauses.append("deleted = 0")
        return self._select(
            Workshop, " AND ".join(clauses), params, order="code COLLATE NOCASE, date"
        )

    def get_workshop(self, workshop_id: str) -> Workshop:
        return self._get(Workshop, workshop_id)

    def find_workshops(self, programme_id: str, codes: Iterable[str]) -> list[Workshop]:
        """Workshops of a programme by code (case-insensitive), in the order asked."""
        by_code = {w.code.casefold(): w for w in self.workshops(programme_id)}
        missing = [c for c in codes if c.casefold() not in by_code]
        if missing:
            raise LibraryError(f"No workshop with code {', '.join(missing)} in this programme.")
        return [by_code[c.casefold()] for c in codes]

    def note_counts(self) -> dict[str, int]:
        """Live notes per workshop id."""
        rows = self.conn.execute(
            "SELECT workshop_id, count(*) FROM notes WHERE deleted = 0 GROUP BY workshop_id"
        ).fetchall()
        return dict(rows)

    # -------------------------------------------------------------- attendance
    def set_attendance(self, attendance: Attendance) -> Attendance:
        attendance.validate()
        now = utc_now()
        with self.transaction():
            for category in PARTICIPANT_CATEGORY_LABELS:
                count = attendance.counts.get(category)
                if count is None:
                    self.conn.execute(
                        "DELETE FROM attendance WHERE workshop_id = ? AND category = ?",
                        [attendance.workshop_id, category],
                    )
                    continue
                self.conn.execute(
                    "INSERT INTO attendance (workshop_id, category, count, updated_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT(workshop_id, category) DO UPDATE SET "
                    "count = excluded.count, updated_at = excluded.updated_at "
                    "WHERE attendance.count != excluded.count",
                    [attendance.workshop_id, category, count, now],
                )
            self._touch("attendance_changed", attendance.workshop_id)
        return attendance

    def attendance(self, workshop_id: str) -> Attendance:
        rows = self.conn.execute(
            "SELECT category, count FROM attendance WHERE workshop_id = ?", [workshop_id]
        ).fetchall()
        return Attendance(workshop_id, dict(rows))

    # ------------------------------------------------------------------- notes
    def add_note(self, note: Note) -> Note:
        return self.add_notes([note])[0]

    def add_notes(self, notes: list[Note]) -> list[Note]:
        """Add many notes in one transaction (a paste of many lines is one write)."""
        with self.transaction():
            for note in notes:
                self._insert(note)
            self._touch("notes_changed", *(n.id for n in notes))
        return notes

    def update_note(self, note: Note) -> Note:
        return self.update_notes([note])[0]

    def update_notes(self, notes: list[Note]) -> list[Note]:
        """Write back edited notes (text, step, theme, tags, label) in one transaction."""
        with self.transaction():
            for note in notes:
                self._update(note)
            self._touch("notes_changed", *(n.id for n in notes))
        return notes

    def set_notes_deleted(self, note_ids: Iterable[str], deleted: bool = True) -> None:
        """Soft delete (or restore) notes; deleted notes stay in the file for undo and merge."""
        with self.transaction():
            ids = self._set_deleted(Note, note_ids, deleted)
            self._touch("notes_changed", *ids)

    def get_note(self, note_id: str) -> Note:
        return self._get(Note, note_id)

    def get_notes(self, note_ids: Iterable[str]) -> list[Note]:
        return [self._get(Note, note_id) for note_id in note_ids]

    def notes(
        self,
        workshop_id: str | None = None,
        step_key: str | None = None,
        *,
        include_deleted: bool = False,
        workshop_ids: Iterable[str] | None = None,
    ) -> list[Note]:
        """Notes in the order they were written."""
        clauses, params = ["1"], []
        if workshop_id is not None:
            clauses.append("workshop_id = ?")
            params.append(workshop_id)
        if workshop_ids is not None:
            ids = list(workshop_ids)
            clauses.append(f"workshop_id IN ({', '.join('?' for _ in ids)})")
            params.extend(ids)
        if step_key is not None:
            clauses.append("step_key = ?")
            params.append(step_key)
        if not include_deleted:
            clauses.append("deleted = 0")
        return self._select(Note, " AND ".join(clauses), params, order="created_at, rowid")

    # ------------------------------------------------------------------ themes
    def add_theme(self, theme: Theme) -> Theme:
        with self.transaction():
            self._insert(theme)
            self._touch("themes_changed", theme.id)
        return theme

    def update_theme(self, theme: Theme) -> Theme:
        with self.transaction():
            self._update(theme)
            self._touch("themes_changed", theme.id)
        return theme

    def set_theme_deleted(self, theme_id: str, deleted: bool = True) -> None:
        with self.transaction():
            self._set_deleted(Theme, [theme_id], deleted)
            self._touch("themes_changed", theme_id)

    def get_theme(self, theme_id: str) -> Theme:
        return self._get(Theme, theme_id)

    def themes(
        self, programme_id: str | None = None, step_key: str | None = None,
        *, include_deleted: bool = False,
    ) -> list[Theme]:
        clauses, params = ["1"], []
        if programme_id is not None:
            clauses.append("programme_id = ?")
            params.append(programme_id)
        if step_key is not None:
            clauses.append("step_key = ?")
            params.append(step_key)
        if not include_deleted:
            clauses.append("deleted = 0")
        return self._select(Theme, " AND ".join(clauses), params, order="label COLLATE NOCASE")

    def set_notes_theme(self, note_ids: Iterable[str], theme_id: str | None) -> None:
        """Put notes under a theme (or take them out with ``None``)."""
        now = utc_now()
        ids = list(note_ids)
        with self.transaction():
            for note_id in ids:
                self.conn.execute(
                    "UPDATE notes SET theme_id = ?, updated_at = ? WHERE id = ?",
                    [theme_id, now, note_id],
                )
            self._touch("notes_changed", *ids)

    def set_notes_tags(self, note_ids: Iterable[str], tags: list[str]) -> None:
        now = utc_now()
        ids = list(note_ids)
        with self.transaction():
            for note_id in ids:
                self.conn.execute(
                    "UPDATE notes SET tags = ?, updated_at = ? WHERE id = ?",
                    [json.dumps(tags, ensure_ascii=False), now, note_id],
                )
            self._touch("notes_changed", *ids)
