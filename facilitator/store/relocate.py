"""Moving a library to a new place safely: copy with SQLite's backup API, verify, then switch.

The old file is never touched: the copy is made beside its destination under a
temporary name, checked (it opens as a library, passes SQLite's integrity check,
has the same library id and the same number of rows in every table), flushed to
disk, and only then given its final name. Whatever goes wrong, the user still has
the library they had.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from pathlib import Path

from facilitator.store.errors import LibraryError
from facilitator.store.store import Store

PARTIAL_SUFFIX = ".partial"
log = logging.getLogger(__name__)


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of every table (the fingerprint compared after a copy)."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}


def copy_library(store: Store, destination: Path | str) -> Path:
    """Copy the open library ``store`` to a new file ``destination`` and verify the copy.

    Raises :class:`LibraryError` with a clear message (naming the file) when the
    destination is unsuitable or the copy does not match; the source is unchanged.
    """
    destination = Path(destination)
    if store.path is None:
        raise LibraryError("This library is only in memory: there is no file to move.")
    with contextlib.suppress(OSError):
        if destination.resolve() == Path(store.path).resolve():
            raise LibraryError(
                f"The library is already at {destination}. Choose a new file name in "
                "another folder."
            )
    if destination.exists():
        raise LibraryError(
            f"{destination} already exists. Choose a new file name: an existing file is "
            "never overwritten."
        )
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(
            f"Cannot create the folder {destination.parent}: {exc.strerror or exc}."
        ) from None
    partial = destination.with_name(destination.name + PARTIAL_SUFFIX)
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        _backup(store.db.conn, partial)
        _verify(store, partial)
        _fsync(partial)
        os.replace(partial, destination)
        _fsync_dir(destination.parent)
    except LibraryError as exc:
        _remove(partial)
        log.warning("library not copied to %s: %s", destination, exc)
        raise
    except (OSError, sqlite3.Error) as exc:
        _remove(partial)
        log.warning("library not copied to %s: %s", destination, exc)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
            # SQLite's words for a folder that is read-only, or a drive that has gone.
            reason = (f"the folder {destination.parent} cannot be written to (it may be "
                      "read-only, or a drive that is no longer connected)")
        raise LibraryError(f"Could not copy the library to {destination}: {reason}.") from None
    log.info("library %s copied to %s and verified", store.path, destination)
    return destination


def _backup(source: sqlite3.Connection, target_path: Path) -> None:
    target = sqlite3.connect(str(target_path))
    try:
        source.backup(target)
        # A plain rollback-journal file: it can be copied or emailed on its own.
        target.execute("PRAGMA journal_mode = DELETE")
        target.commit()
    finally:
        target.close()


def _verify(store: Store, copy_path: Path) -> None:
    expected = table_counts(store.db.conn)
    try:
        copy = Store.open(copy_path, create=False)
    except LibraryError as exc:
        raise LibraryError(f"The copy did not open as a library, so nothing was moved: {exc}") from None
    try:
        if copy.library_id != store.library_id:
            raise LibraryError("The copy has a different library id, so nothing was moved.")
        found = table_counts(copy.db.conn)
    finally:
        copy.close()
    if found != expected:
        differing = sorted(k for k in set(found) | set(expected) if found.get(k) != expected.get(k))
        raise LibraryError(
            "The copy does not match the library (tables differ: "
            f"{', '.join(differing)}), so nothing was moved."
        )


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            candidate.unlink()
