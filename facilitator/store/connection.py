"""Opening a library file safely: checks before anything is written, durable pragmas.

A file that is not ours is refused and left untouched: we read its header and
pragmas before writing anything, and only a brand-new (missing or empty) file
is initialised.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote, urlencode

from facilitator.store.errors import (
    DamagedLibraryError,
    LibraryError,
    LockedLibraryError,
    NewerLibraryError,
    NotALibraryError,
    ReadOnlyLibraryError,
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
        raise open_problem(exc, path) from None
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
        raise open_problem(exc, path) from None
    if result != "ok":
        raise DamagedLibraryError(f"{path} is damaged: SQLite's check says {result!r}.")


def connect(path: Path | None) -> sqlite3.Connection:
    """A connection in driver-level legacy mode, as sqlite-utils expects.

    ``trusted_schema`` is off before anything is read, so nothing stored in the file (a
    view, a trigger, a default) can call a function with side effects."""
    # A URI (not a plain name), so a workshop file can be ATTACHed by URI too, read-only or not.
    target = ":memory:" if path is None else sqlite_uri(Path(os.path.abspath(path)))
    conn = sqlite3.connect(
        target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, uri=path is not None
    )
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never write to ``path`` (SQLite's ``mode=ro``).

    A library whose folder cannot be written (so SQLite cannot make the ``-shm`` file it
    reads a WAL library through) or on a share that refuses locks is read as an
    ``immutable`` file instead: no lock, no file made beside it."""
    target = Path(os.path.abspath(path))
    for params in ({"mode": "ro"}, {"mode": "ro", "immutable": "1"}):
        conn = None
        try:
            conn = sqlite3.connect(
                sqlite_uri(target, **params), uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
            )
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError as exc:
            if conn is not None:
                conn.close()
            message = str(exc).lower()
            if "immutable" in params or not (
                "unable to open" in message or "disk i/o" in message or "locking" in message
            ):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def sqlite_uri(path: PurePath | str, **params: str) -> str:
    """A ``file:`` URI SQLite accepts for an absolute ``path`` on any system.

    Windows drive letters become ``file:///C:/…``; a UNC path ``\\\\server\\share\\…``
    becomes ``file:////server/share/…`` (SQLite refuses ``file://server/…``: "invalid uri
    authority"); the long-path prefix ``\\\\?\\`` is dropped; spaces, ``#``, ``%``, ``?`` and
    letters outside ASCII are percent-encoded, so they are never read as the URI's query or
    fragment."""
    if isinstance(path, PureWindowsPath) or (
        not isinstance(path, PurePath) and os.name == "nt"
    ):
        text = str(path).replace("\\", "/")
        if text.startswith("//?/UNC/"):
            text = "//" + text[len("//?/UNC/"):]
        elif text.startswith("//?/"):
            text = text[len("//?/"):]
        if not text.startswith("/"):
            text = "/" + text  # C:/x -> /C:/x, read by SQLite on Windows as C:/x
    else:
        text = str(path)
    query = f"?{urlencode(params)}" if params else ""
    return "file://" + quote(text, safe="/:") + query


def open_problem(exc: sqlite3.Error, path: Path | None) -> LibraryError:
    """What SQLite's error means for a person: read-only, locked, or (only when SQLite says
    the file is not a database or is malformed) damaged."""
    message = str(exc).lower()
    if isinstance(exc, sqlite3.OperationalError) or not isinstance(exc, sqlite3.DatabaseError):
        if "locked" in message or "busy" in message:
            return LockedLibraryError(
                f"{path} is locked by another program (perhaps the app on another computer "
                "using the same file, or a backup or sync tool). Close that program and try "
                "again. Nothing in the library has been changed.",
                "it is locked by another program",
            )
        if "disk i/o" in message or "locking protocol" in message:
            return LockedLibraryError(
                f"{path} cannot be locked: the drive or network share it is on refuses the "
                "file locks SQLite needs to write safely. It can be opened read-only, or copied "
                "to this computer first. Nothing in the library has been changed.",
                "its drive or share refuses file locks",
            )
        if "readonly" in message or "read-only" in message or "unable to open" in message:
            why = why_read_only(path)
            return ReadOnlyLibraryError(
                f"{path} cannot be written to: {why}. It can be opened "
                "read-only (to look, search and export). Nothing in it has been changed.",
                why,
            )
        return LibraryError(f"Cannot open {path}: {exc}.")
    return DamagedLibraryError(f"{path} is damaged and cannot be read ({exc}).")


def why_read_only(path: Path | None) -> str:
    """The likely reason a library cannot be written, in a person's words."""
    if path is None:
        return "it is read-only"
    path = Path(path)
    try:
        if path.exists() and not os.access(path, os.W_OK):
            return "the file is read-only (its permissions, or Read-only ticked in its Properties)"
        if not os.access(path.parent, os.W_OK):
            return (f"its folder {path.parent} is read-only, so SQLite cannot keep the "
                    "journal it needs beside the file")
        if hasattr(os, "statvfs") and os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return ("the drive it is on is read-only (a locked SD card, a CD, or a share "
                    "connected read-only)")
    except OSError:
        pass
    return "the file or the drive it is on is read-only"
