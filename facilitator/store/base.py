"""The store's foundations: opening a library safely, durable transactions, generic rows.

``Store`` (in ``store.py``) adds the domain's records on top. Every public write is
one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT`` with ``synchronous=FULL``): when
it returns, the change is on disk and survives ``kill -9`` or a power cut.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from facilitator.events import StoreEvents
from facilitator.models import edit_time, new_id, utc_now
from facilitator.store import connection, schema_check
from facilitator.store.errors import (
    LibraryBusyError,
    LibraryError,
    ReadOnlyLibraryError,
    StorageFullError,
)
from facilitator.store.rows import TABLES, Record, columns, from_row, to_row
from facilitator.store.version import SCHEMA_VERSION
from facilitator.store.watch import ChangeWatch


@contextlib.contextmanager
def _closed_on_failure(conn: sqlite3.Connection, path: Path | None) -> Iterator[None]:
    """While a library is being opened: on any failure the connection is closed, and an
    SQLite error is told as what is wrong with the file (``connection.open_problem``)."""
    try:
        yield
    except sqlite3.Error as exc:
        conn.close()
        raise connection.open_problem(exc, path) from None
    except BaseException:
        conn.close()
        raise


class StoreBase(ChangeWatch):
    """One open library file (or an in-memory library when ``path`` is None)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._db = None
        self.events = StoreEvents()
        self._depth = 0
        self._pending: dict[str, set[str]] = {}
        #: Opened read-only (the file, folder or drive cannot be written, or the user chose
        #: to look without changing): every write is refused, saying why.
        self.read_only = False
        self.read_only_reason = ""
        #: A twin (``twin.py``) keeps what its commits changed here instead of announcing.
        self._handing_over: dict[str, set[str]] | None = None
        #: How many twins of this store are writing on other threads (``twin.py``).
        self._twins_writing = 0
        #: A twin's owner: the store it was opened from (``twin.py``), else None.
        self._owner: StoreBase | None = None

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls, path: Path | str | None, *, create: bool = True, read_only: bool = False,
        reason: str = "",
    ):
        """Open (and if needed create or migrate) a library.

        A file that is not ours, is damaged or comes from a newer app raises a
        :class:`LibraryError` naming the path, and is left exactly as it was; so does one
        holding a table, trigger or view this app never makes. A file that cannot be
        written or is locked raises :class:`ReadOnlyLibraryError` or
        :class:`LockedLibraryError` (never "damaged"); ``read_only=True`` then opens it
        through a connection that cannot write, with ``reason`` saying why.
        """
        path = Path(path) if path is not None else None
        if read_only:
            return cls._open_read_only(path, reason)
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
            raise connection.open_problem(exc, path) from None
        with _closed_on_failure(conn, path):
            if exists and path is not None:
                version = connection.check_identity(conn, path, SCHEMA_VERSION)
                connection.check_integrity(conn, path)
                schema_check.check_library_schema(conn, path, version)
            else:
                version = 0
            connection.apply_pragmas(conn, wal=path is not None)
            store = cls(conn, path)
            store._remember_file()
            if version < SCHEMA_VERSION:
                store._migrate(new=not exists)
        return store

    @classmethod
    def _open_read_only(cls, path: Path | None, reason: str):
        if path is None or not connection.check_header(path):
            raise LibraryError(f"There is no library at {path}.")
        try:
            conn = connection.connect_read_only(path)
        except sqlite3.Error as exc:
            raise connection.open_problem(exc, path) from None
        with _closed_on_failure(conn, path):
            version = connection.check_identity(conn, path, SCHEMA_VERSION)
            connection.check_integrity(conn, path)
            schema_check.check_library_schema(conn, path, version, read_only=True)
            if version < SCHEMA_VERSION:
                raise ReadOnlyLibraryError(
                    f"{path} was made by an earlier version of Workshop Facilitator and must "
                    "be updated before this version can read it, which cannot be done while it "
                    "is read-only. Copy it to a folder you can write to and open the copy."
                )
            conn.execute(f"PRAGMA busy_timeout = {connection.BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(conn, path)
        store.read_only = True
        store.read_only_reason = reason or "it was opened read-only"
        return store

    @classmethod
    def repair(cls, path: Path | str) -> Path:
        """Copy the known tables of a library refused for its structure into a fresh library
        beside it (nothing in the old file is run or changed); returns the new file's path."""
        path = Path(path)
        target = schema_check.repaired_path(path)
        store = cls.open(target)
        try:
            schema_check.copy_known_tables(path, store.conn)
            store.rebuild_search_index()  # built here, never copied from the old file
        except sqlite3.Error as exc:
            store.close()
            for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise LibraryError(f"Could not repair {path}: {exc}.") from None
        store.close()
        return target

    @property
    def db(self):
        """The connection as a sqlite-utils ``Database`` (imported lazily: it costs start-up)."""
        if self._db is None:
            self._db = _sqlite_utils().Database(self.conn)
        return self._db

    def _migrate(self, *, new: bool) -> None:
        from facilitator.store.schema import migrations

        try:
            if new:
                self.conn.execute(f"PRAGMA application_id = {connection.APPLICATION_ID}")
            migrations.apply(self.db)
            schema_check.warm_cache(self.conn)
            applied = len(migrations.applied(self.db))
            self.conn.execute(f"PRAGMA user_version = {applied}")
            if new:
                with self.transaction():
                    self._set_meta("library_id", new_id())
                    self._set_meta("created_at", utc_now())
        except sqlite3.OperationalError as exc:
            raise self._translate(exc) from None

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    @property
    def is_closed(self) -> bool:
        return getattr(self, "_closed", False)

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
        if self.read_only:
            raise ReadOnlyLibraryError(
                f"{self.path} is open read-only ({self.read_only_reason}), so nothing can be "
                "changed. You can still look, search and export."
            )
        if self._depth == 0:
            self.check_file()  # deleted or replaced underneath us: never write into the void
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self._translate(exc) from None
        self._depth += 1
        try:
            yield
        except BaseException as exc:
            self._depth -= 1
            if self._depth == 0:
                self._pending.clear()
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    # A full disk or a lock met half-way through: say so plainly.
                    raise self._translate(exc) from None
            raise
        self._depth -= 1
        if self._depth == 0:
            try:
                self._before_commit()
                conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                self._pending.clear()
                raise self._translate(exc) from None
            self._announce()

    def _before_commit(self) -> None:
        """Called inside each write transaction just before COMMIT (``_pending`` names what
        changed); the store keeps derived tables in step here."""

    def _touch(self, event: str, *ids: str) -> None:
        self._pending.setdefault(event, set()).update(ids)
        same = self._pending.get(f"_same_version:{event}")
        if same:  # changed again after being marked: its version may differ after all
            same.difference_update(ids)

    def _versions_unchanged(self, event: str, ids) -> None:
        """These rows, announced with ``event``, keep their version (``updated_at`` and
        deleted flag) through what this transaction has done to them so far: a merge only
        re-pointed them. The change watch's snapshot need not read them again at COMMIT."""
        self._pending.setdefault(f"_same_version:{event}", set()).update(ids)

    def _announce(self) -> None:
        pending, self._pending = self._pending, {}
        if self._handing_over is not None:  # a twin (``twin.py``): its owner announces
            for name, ids in pending.items():
                self._handing_over.setdefault(name, set()).update(ids)
            return
        self.announce_committed(pending)

    def announce_committed(self, pending: dict[str, set[str]]) -> None:
        """Tell the listeners what a commit changed (``pending``: event name -> ids), as one
        batch (``StoreEvents.batch``). Called after each of this store's commits, and with
        what a twin committed for this store on another thread (``twin.py``)."""
        self._note_own_writes(pending)
        with self.events.batch():
            for name, ids in pending.items():
                if name.startswith("_"):  # the store's own bookkeeping, not an event
                    continue
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
        if "readonly" in message:
            return ReadOnlyLibraryError(
                f"Cannot write to {where}: {connection.why_read_only(self.path)}. "
                "Your earlier notes are safe."
            )
        if "full" in message or "disk i/o" in message:
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

    def _edit_times(self, table: str, ids: Iterable[str], now: str | None = None) -> dict[str, str]:
        """The edit time each of these rows gets now (``models.edit_time``: never before the
        time of the version it replaces), by id, in one read."""
        now = now or utc_now()
        ids = list(ids)
        found = dict(self.conn.execute(
            f"SELECT id, updated_at FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        ).fetchall())
        return {i: edit_time(found.get(i), now) for i in ids}

    def _update(self, record: Record) -> None:
        record.validate()
        table = TABLES[type(record)]
        record.updated_at = self._edit_times(table, [record.id])[record.id]
        row: dict[str, Any] = to_row(record)
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
        times = self._edit_times(TABLES[cls], ids)
        for record_id in ids:
            self.conn.execute(
                f"UPDATE {TABLES[cls]} SET deleted = ?, updated_at = ? WHERE id = ?",
                [1 if deleted else 0, times[record_id], record_id],
            )
        return ids


def _sqlite_utils():
    """sqlite-utils, imported without numpy.

    sqlite-utils imports numpy whenever it is installed (to store numpy numbers), which
    costs 0.1 s or more; numpy is installed only for the sense features (similar notes,
    suggested themes), which load it when first used, off the GUI thread. The store never
    writes numpy values, so while sqlite-utils is first imported numpy is marked absent
    (unless something already loaded it) and the mark is taken away straight after:
    opening a workshop (its photos strip reads through sqlite-utils) stays as quick as
    before numpy was installed. tests/ui/sense/test_model_loads_late.py checks it.
    """
    import sys

    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        import sqlite_utils

        return sqlite_utils
    sys.modules["numpy"] = None  # "not installed", for this import
    try:
        import sqlite_utils
    finally:
        if sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]
    return sqlite_utils

