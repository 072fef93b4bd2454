"""Reading an untrusted workshop file safely (``transfer_file`` writes them).

A workshop file is an SQLite database with the library's own schema (same
migrations), our ``application_id`` and the schema version in ``user_version``.
Reading one never runs anything from it: it is opened read-only through a
``file:…?mode=ro`` URI with ``trusted_schema=OFF``, its structure is compared
with the schema this app builds itself, and only plain SELECTs on known tables
are run. Text is read as bytes and decoded strictly, so bad UTF-8 is refused.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

from facilitator.store import connection
from facilitator.store.file_checks import COLUMN_KINDS, nullable, read_rows_fast
from facilitator.store.transfer_schema import (
    EXPORTED_TABLES,
    Column,
    FileContent,
    WorkshopFileError,
    definitions,
    expected_definitions,
    expected_schema,
    read_own_schema,
    schema_of,
    table_columns,
)
from facilitator.store.version import SCHEMA_VERSION

# ------------------------------------------------------------------- reading
#: The refusal of a whole library given as a workshop file: here from its structure (a
#: search index), and in ``transfer.validate`` from its meta (no file kind, no check sum).
LIBRARY_NOT_FILE = (
    "It is a whole Workshop Facilitator library, not a workshop file. On the laptop "
    "it came from, use File ▸ Export workshops… (or main.py export) to make a "
    "workshop file, and import that."
)

def read_workshop_file(path: Path | str) -> FileContent:
    """Check and read an untrusted workshop file, refusing it with WorkshopFileError."""
    path = Path(path)
    _check_header(path)
    # immutable: no lock is taken and nothing (no -wal or -shm) is ever made beside the file,
    # which also reads a file on a share that refuses locks. sqlite_uri copes with UNC paths.
    uri = connection.sqlite_uri(Path(os.path.abspath(path)), mode="ro", immutable="1")
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise WorkshopFileError(path, f"cannot be opened ({exc}).") from None
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA query_only = ON")
        conn.text_factory = bytes
        _check_identity(conn, path)
        _check_structure(conn, path)
        return read_rows(conn, path)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise WorkshopFileError(path, f"is damaged and cannot be read ({exc}).") from None
    finally:
        conn.close()


#: Files people pass to the workshop-file import by mistake, meaning the notes import.
NOTE_TABLE_SUFFIXES = (".csv", ".xlsx", ".xls", ".xlsm", ".txt")


def _check_header(path: Path) -> None:
    try:
        info = path.stat()
        size = info.st_size
        if path.is_dir():
            raise WorkshopFileError(path, "is a folder, not a workshop file.")
        if not stat.S_ISREG(info.st_mode):
            # A pipe or device named x.workshop would make reading wait for ever.
            raise WorkshopFileError(path, "is not a regular file (a pipe or a device), so it is "
                                    "not a workshop file; refused.")
        with path.open("rb") as handle:
            header = handle.read(len(connection.SQLITE_HEADER))
    except FileNotFoundError:
        raise WorkshopFileError(path, "does not exist.") from None
    except OSError as exc:
        raise WorkshopFileError(path, f"cannot be read ({exc.strerror or exc}).") from None
    if size == 0:
        raise WorkshopFileError(path, "is empty (0 bytes): it is not a workshop file.")
    if header != connection.SQLITE_HEADER and path.suffix.lower() in NOTE_TABLE_SUFFIXES:
        raise WorkshopFileError(
            path,
            "is a table, not a workshop file: bring its notes in with Import notes from "
            "CSV or Excel… (main.py import-notes).",
        )
    if header != connection.SQLITE_HEADER:
        raise WorkshopFileError(
            path,
            "is not a workshop file: it is not an SQLite database (perhaps another kind "
            "of file renamed, or one that was damaged).",
        )


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != connection.APPLICATION_ID:
        raise WorkshopFileError(
            path, "is an SQLite database of another application, not a workshop file."
        )
    if version > SCHEMA_VERSION:
        raise WorkshopFileError(
            path,
            f"was made by a newer version of Workshop Facilitator (schema {version}; this "
            f"version knows up to {SCHEMA_VERSION}). Please update the app to import it.",
        )
    if version != SCHEMA_VERSION:
        raise WorkshopFileError(
            path, f"has schema version {version}, which this version cannot import."
        )
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != b"ok":
        raise WorkshopFileError(
            path, f"is damaged: SQLite's check says {result.decode('utf-8', 'replace')!r}."
        )


@functools.lru_cache(maxsize=1)
def _expected_master() -> frozenset:
    """Every row of ``sqlite_master`` this app's migrations build, SQL text as written."""
    return read_own_schema(_master)


def _master(conn: sqlite3.Connection) -> frozenset:
    return frozenset(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def _check_structure(conn: sqlite3.Connection, path: Path) -> None:
    conn.text_factory = str
    try:
        # The same schema, to the letter (as every file this app writes has): SQLite builds
        # the same tables, columns and indexes from it, so nothing below could fail.
        if _master(conn) == _expected_master():
            return
        found, found_columns = schema_of(conn)
        found_sql = definitions(conn)
    finally:
        conn.text_factory = bytes
    want, want_columns = expected_schema()
    if ("table", "search_index", "search_index") in found:
        # Only a library has the search index (schema.LOCAL_ONLY): say what to do instead.
        raise WorkshopFileError(path, LIBRARY_NOT_FILE)
    odd = sorted(e for e in found - want if e[0] in ("trigger", "view"))
    if odd:
        kind, name, _ = odd[0]
        raise WorkshopFileError(
            path, f"contains a {kind} ({name!r}), which a workshop file never has; refused."
        )
    missing = sorted(e for e in want - found if e[0] == "table")
    if missing:
        raise WorkshopFileError(path, f"is incomplete: the table {missing[0][1]!r} is missing.")
    extra = sorted(found - want)
    if extra:
        kind, name, _ = extra[0]
        raise WorkshopFileError(path, f"has an unexpected {kind} {name!r}; refused.")
    gone = sorted(want - found)
    if gone:
        raise WorkshopFileError(path, f"is incomplete: the {gone[0][0]} {gone[0][1]!r} is missing.")
    for table, columns in want_columns.items():
        if found_columns.get(table) != columns:
            raise WorkshopFileError(
                path, f"has a {table!r} table whose columns are not the expected ones."
            )
    for (kind, name), sql in expected_definitions().items():
        if found_sql.get((kind, name)) != sql:
            raise WorkshopFileError(
                path, f"defines the {kind} {name!r} differently from this app; refused."
            )


def read_rows(conn: sqlite3.Connection, path: Path) -> FileContent:
    meta_rows = conn.execute("SELECT key, value FROM meta").fetchall()
    meta = {_text(k, path, "meta"): _text(v, path, "meta") for k, v in meta_rows}
    content = FileContent(path, meta)
    if read_rows_fast(conn, path, EXPORTED_TABLES, table_columns, content):
        return content
    # Something is wrong somewhere: read cell by cell, to say exactly what.
    content = FileContent(path, meta)
    for table in EXPORTED_TABLES:
        columns = table_columns(table)
        names = ", ".join(f'typeof("{c.name}"), "{c.name}"' for c in columns)
        rows = []
        for raw in conn.execute(f'SELECT {names} FROM "{table}"'):
            row = {}
            for i, column in enumerate(columns):
                kind, value = raw[2 * i], raw[2 * i + 1]
                row[column.name] = _typed(kind, value, column, path, table)
            rows.append(row)
        content.rows[table] = rows
    return content


def _typed(sql_type: bytes, value: Any, column: Column, path: Path, table: str) -> Any:
    kind = sql_type.decode("ascii")
    if value is None:
        if not nullable(column):
            raise WorkshopFileError(path, f"has an empty {table}.{column.name}; refused.")
        return None
    rule = COLUMN_KINDS.get(column.type)
    if rule is None:
        return value
    if kind != rule.sql:
        raise WorkshopFileError(
            path, f"has a {kind} where {table}.{column.name} should be {rule.named}"
        )
    if rule.python is str:
        return _text(value, path, f"{table}.{column.name}")
    return rule.python(value)  # bytes(value) of a BLOB's memory; an INTEGER as it is


def _text(value: Any, path: Path, where: str) -> str:
    if isinstance(value, str):
        return value
    try:
        return bytes(value).decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise WorkshopFileError(
            path, f"has text in {where} that is not valid UTF-8 (damaged or not ours); refused."
        ) from None
