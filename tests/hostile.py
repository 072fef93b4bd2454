"""Helpers for the hostile-input tests (issue 12): fingerprints of a library, and ways to make
a library read-only or locked even when the tests run as root (CI does)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from facilitator.store import connection

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534


def table_hashes(path: Path) -> dict[str, str]:
    """A digest of every table's rows (sorted) and of the schema, read through a connection
    that cannot write (it sees what is in a -wal file too; on a read-only folder, where that
    cannot be read, the file alone)."""
    target = Path(os.path.abspath(path))
    conn = sqlite3.connect(connection.sqlite_uri(target, mode="ro"), uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = sqlite3.connect(connection.sqlite_uri(target, mode="ro", immutable="1"), uri=True)
    try:
        conn.text_factory = bytes
        out = {}
        tables = [r[0].decode() for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{table}"'))
            out[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        out["(schema)"] = hashlib.sha256(repr(schema).encode()).hexdigest()
        return out
    finally:
        conn.close()


def file_state(path: Path) -> tuple[dict[str, str], bytes, list[str]]:
    """Table hashes, the file's own bytes' digest and the files beside it (-wal, -journal...;
    an empty -wal and its -shm, which reading a WAL library leaves, change nothing)."""
    wal = path.with_name(path.name + "-wal")
    empty_wal = {wal.name, path.name + "-shm"} if wal.exists() and wal.stat().st_size == 0 else set()
    beside = sorted(p.name for p in path.parent.iterdir()
                    if p.name.startswith(path.name) and p.name not in empty_wal)
    return table_hashes(path), hashlib.sha256(path.read_bytes()).digest(), beside


def as_rollback_journal(path: Path) -> None:
    """What "Move the library to…" leaves: a plain rollback-journal file, no -wal beside it."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


@contextlib.contextmanager
def another_program(path: Path) -> Iterator:
    """The library at ``path`` opened meanwhile by another program (the command line, a
    second copy of the app): its own ``Store``, closed at the end."""
    from facilitator.store import Store

    other = Store.open(path)
    try:
        yield other
    finally:
        other.close()


def demo_library_file(path: Path, formats=None, *, moved: bool = False) -> Path:
    """A library file at ``path`` holding the demo programme, closed; if ``moved``, in a plain
    rollback journal, as "Move the library to…" leaves it (``as_rollback_journal``)."""
    from facilitator.demo import load_demo
    from facilitator.library import open_library

    library = open_library(path, formats)
    try:
        load_demo(library.store)
    finally:
        library.close()
    if moved:
        as_rollback_journal(path)
    return path


@contextlib.contextmanager
def simulated_read_only(monkeypatch, *paths: Path) -> Iterator[None]:
    """Make the store see ``paths`` as on a read-only drive even as root: every connection it
    opens to them is SQLite's ``mode=ro`` (a write gives "attempt to write a readonly
    database", exactly as for a read-only file)."""
    targets = {Path(os.path.abspath(p)) for p in paths}
    real = connection.connect

    def connect(path):
        if path is not None and Path(os.path.abspath(path)) in targets:
            conn = sqlite3.connect(
                connection.sqlite_uri(Path(os.path.abspath(path)), mode="ro"), uri=True,
                check_same_thread=False,
            )
            conn.execute("PRAGMA trusted_schema = OFF")
            return conn
        return real(path)

    monkeypatch.setattr(connection, "connect", connect)
    yield


@contextlib.contextmanager
def exclusively_locked(path: Path, monkeypatch) -> Iterator[None]:
    """Another program holding an exclusive lock on the library (rollback-journal mode), with
    the store's wait for a lock cut short so the test is quick."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(str(path), isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode = DELETE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("SELECT count(*) FROM sqlite_master").fetchone()
        yield
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


def public_folder() -> Path:
    """A folder anyone can read (pytest's own tmp folder is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="wf hostile é #1 "))
    folder.chmod(0o755)
    return folder


def run_cli(*args: str, as_nobody: bool = False, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``main.py ARGS`` in a subprocess; ``as_nobody`` runs it as an ordinary user, so file
    permissions are enforced although the tests run as root."""
    extra = {}
    env = dict(os.environ)
    if as_nobody and os.geteuid() == 0:
        extra = {"user": NOBODY, "group": NOBODY, "extra_groups": []}
        env["HOME"] = tempfile.gettempdir()
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=120, env=env,
        **extra,
    )


def remove_tree(folder: Path) -> None:
    for dirpath, dirnames, filenames in os.walk(folder):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(dirpath, name), 0o644)
        for name in dirnames:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(dirpath, name), 0o755)
    shutil.rmtree(folder, ignore_errors=True)


def reseal(path: Path) -> None:
    """Write a valid check sum into a tampered workshop file, as a careful attacker would,
    so the checks behind the check sum are tested too. A file that cannot even be read as
    rows is left as it is."""
    from facilitator.store.transfer_read import read_workshop_file
    from facilitator.store.transfer_schema import WorkshopFileError
    from facilitator.transfer.workshop_file import file_digest

    try:
        content = read_workshop_file(path)
    except WorkshopFileError:
        return
    value = file_digest(content)
    conn = sqlite3.connect(str(path))
    try:
        with conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'content_digest'", [value])
    finally:
        conn.close()


def run_sql(path: Path, *statements: str | tuple[str, Sequence]) -> Path:
    """Run ``statements`` (SQL, or SQL and its parameters) on the SQLite file at ``path`` (made
    if it is not there) in one transaction, as another program could."""
    conn = sqlite3.connect(str(path))
    try:
        with conn:
            for statement in statements:
                sql, params = (statement, ()) if isinstance(statement, str) else statement
                conn.execute(sql, params)
    finally:
        conn.close()
    return path


def tamper(path: Path, *statements: str | tuple[str, Sequence], sealed: bool = True) -> Path:
    """``run_sql`` on the workshop file at ``path``, then ``reseal`` it, unless ``sealed`` is
    False: then the check sum is what must see the change."""
    run_sql(path, *statements)
    if sealed:
        reseal(path)
    return path


def tampered_copy(good: Path, name: str, *statements: str | tuple[str, Sequence],
                  sealed: bool = True) -> Path:
    """A copy of the workshop file ``good``, called ``name``, beside it, tampered with
    (``tamper``); ``good`` stays as it was."""
    path = good.with_name(name)
    shutil.copy(good, path)
    return tamper(path, *statements, sealed=sealed)


def png_header(width: int, height: int, *, depth: int = 8) -> bytes:
    """A 45-byte PNG: the signature, a header claiming ``width`` × ``height`` RGBA pixels of
    ``depth`` bits, and the end marker, with no image data (a decompression bomb's shape)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, depth, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")
