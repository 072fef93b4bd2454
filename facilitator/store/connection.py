"""Opening a library file safely: checks before anything is written, durable pragmas.

A file that is not ours is refused and left untouched: we read its header and
pragmas before writing anything, and only a brand-new (missing or empty) file
is initialised.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from facilitator.store.errors import (
    DamagedLibraryError,
    NewerLibraryError,
    NotALibraryError,
)

#: ``PRAGMA application_id`` of every library and workshop file: "WkFc" in ASCII.
APPLICATION_ID = 0x576B4663
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def apply_pragmas(conn: sqlite3.Connection, *, wal: bool = True) -> None:
    """Durability and safety settings; they are per connection, so set them on every one."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if wal:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal" and str(mode).lower() != "memory":
            # Some network drives cannot do WAL; a rollback journal is still durable.
            conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    if sys.platform == "darwin":
        conn.execute("PRAGMA fullfsync = ON")
        conn.execute("PRAGMA checkpoint_fullfsync = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")


def check_header(path: Path) -> bool:
    """True when ``path`` is an existing non-empty file, after checking it is SQLite.

    Returns False for a missing or zero-byte file (a new library may be made there).
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    if path.is_dir():
        raise NotALibraryError(f"{path} is a folder, not a library file.")
    if size == 0:
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise NotALibraryError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if header != SQLITE_HEADER:
        raise NotALibraryError(
            f"{path} is not a Workshop Facilitator library: it is not an SQLite database "
            "(perhaps another kind of file, or one that was damaged)."
        )
    return True


def check_identity(conn: sqlite3.Connection, path: Path, known_version: int) -> int:
    """Check an existing file is ours and not from the future; return its schema version."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DamagedLibraryError(f"{path} is damaged and cannot be read ({exc}).") from None
    if app_id != APPLICATION_ID:
        raise NotALibraryError(
            f"{path} is an SQLite database of another application, not a Workshop "
            "Facilitator library. It has been left untouched."
        )
    if version > known_version:
        raise NewerLibraryError(
            f"{path} was made by a newer version of Workshop Facilitator (schema "
            f"{version}; this version knows up to {known_version}). Please update the app. "
            "The file has been left untouched."
        )
    return version


def check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DamagedLibraryError(f"{path} is damaged and cannot be read ({exc}).") from None
    if result != "ok":
        raise DamagedLibraryError(f"{path} is damaged: SQLite's check says {result!r}.")


def connect(path: Path | None) -> sqlite3.Connection:
    """A connection in driver-level legacy mode, as sqlite-utils expects."""
    target = ":memory:" if path is None else str(path)
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    return conn
