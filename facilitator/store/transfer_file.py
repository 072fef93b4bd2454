"""Workshop files on disk: writing one from a library, and reading an untrusted one safely.

A workshop file is an SQLite database with the library's own schema (same
migrations), our ``application_id`` and the schema version in ``user_version``.
Reading one never runs anything from it: it is opened read-only through a
``file:…?mode=ro`` URI with ``trusted_schema=OFF``, its structure is compared
with the schema this app builds itself, and only plain SELECTs on known tables
are run. Text is read as bytes and decoded strictly, so bad UTF-8 is refused.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitator.store import connection
from facilitator.store.errors import LibraryError
from facilitator.store.file_checks import read_rows_fast
from facilitator.store.version import SCHEMA_VERSION

#: Tables a workshop file carries rows of, in an order that satisfies foreign keys. The
#: notes-import ledger and remembered column layouts (``import_ledger``, ``import_layouts``)
#: stay in the library that read the tables: they are that library's memory of files on its
#: own disk, and the notes they made travel by id anyway. A workshop file has the tables
#: (the same migrations build it), empty.
#: ``merged_records`` (merge redirects) and ``purged_records`` (ids removed for good) travel;
#: ``deleted_with``, ``workshop_sources`` and ``meta`` stay in the library.
#: The asset register (``assets``, ``asset_sources``, ``connections``, ``connection_assets``,
#: migration 0011) travels: a file carries every asset and connection of its programmes, and
#: the links to the workshops it carries.
EXPORTED_TABLES = (
    "formats", "programmes", "themes", "workshops", "notes", "attendance", "photos",
    "votes", "priorities", "actions", "progress_updates", "assets", "asset_sources",
    "connections", "connection_assets", "merged_records", "purged_records", "merge_base",
)
#: What a "Prepare laptops" file leaves out: it carries the set-up, not what was said.
SETUP_SKIPPED = ("themes", "notes", "attendance", "photos", "votes", "actions",
                 "progress_updates", "assets", "asset_sources", "connections",
                 "connection_assets")


def _apply_migrations(conn: sqlite3.Connection) -> None:
    """Build a workshop file's schema on ``conn``: the library's migrations, less what stays
    in the library (the search index and its triggers, ``schema.LOCAL_ONLY``).
    (sqlite-utils is imported here, not at start-up.)"""
    from sqlite_utils import Database

    from facilitator.store.schema import drop_local_only, migrations

    migrations.apply(Database(conn))
    drop_local_only(conn)


class WorkshopFileError(LibraryError):
    """A workshop file was refused; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{Path(path).name}: {problem}")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    notnull: bool
    pk: int


@dataclass
class FileContent:
    """Everything read from a workshop file: typed, decoded rows per table, and its meta."""

    path: Path
    meta: dict[str, str]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: Each row's content digest, per table, once the domain has worked them out.
    hashes: dict[str, list[str]] = field(default_factory=dict)
    #: Per table, whether each row was found clear of the row rules as it was read (see
    #: ``file_checks``); a table not here had none of its rows checked that way.
    cleared: dict[str, list[bool]] = field(default_factory=dict)

    @property
    def library_id(self) -> str:
        return self.meta.get("library_id", "")


@functools.lru_cache(maxsize=1)
def expected_schema() -> tuple[frozenset, dict[str, tuple[Column, ...]]]:
    """What this app's own migrations build: (type, name, table) entries and columns per table."""
    conn = sqlite3.connect(":memory:")
    try:
        _apply_migrations(conn)
        return _schema_of(conn)
    finally:
        conn.close()


def _schema_of(conn: sqlite3.Connection) -> tuple[frozenset, dict[str, tuple[Column, ...]]]:
    entries = frozenset(
        (kind, name, table)
        for kind, name, table in conn.execute(
            "SELECT type, name, tbl_name FROM sqlite_master"
        ).fetchall()
        if not str(name).startswith("sqlite_autoindex_")
    )
    columns = {}
    for kind, name, _ in entries:
        if kind == "table":
            rows = conn.execute(f'PRAGMA table_xinfo("{name}")').fetchall()
            columns[name] = tuple(
                Column(r[1], str(r[2]).upper(), bool(r[3]), int(r[5]))
                for r in rows
            )
    return entries, columns


@functools.lru_cache(maxsize=1)
def expected_definitions() -> dict[tuple[str, str], str]:
    conn = sqlite3.connect(":memory:")
    try:
        _apply_migrations(conn)
        return _definitions(conn)
    finally:
        conn.close()


def _definitions(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """The SQL of every table and index, with spacing normalised."""
    return {
        (kind, name): " ".join(str(sql).split())
        for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master")
        if sql is not None
    }


def table_columns(table: str) -> tuple[Column, ...]:
    return expected_schema()[1][table]


# ------------------------------------------------------------------- writing
def write_workshop_file(
    conn: sqlite3.Connection,
    path: Path,
    workshop_ids: list[str],
    meta: dict[str, str],
    digest: Callable[[FileContent], str] | None = None,
    *,
    setup_only: bool = False,
) -> dict[str, int]:
    """Copy the given workshops and everything they need from a library connection into a
    new workshop file at ``path`` (written beside it, then renamed into place).

    ``digest``, if given, is computed over the rows as written (read back from the file)
    and kept in ``meta`` as ``content_digest``, so damage on the way can be recognised.
    Returns the number of rows written per table.

    Workshops, programmes and themes merged into the chosen ones go too, as the deleted rows
    their redirects need (a redirect in a file only applies to rows the file carries).
    ``setup_only`` leaves out notes, themes, attendance and photos ("Prepare laptops").
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise LibraryError(f"Cannot save {path}: the folder {path.parent} does not exist.")
    if path.is_dir():
        raise LibraryError(f"Cannot save {path}: a folder has that name.")
    tmp = path.with_name(f".{path.name}.part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    _clean_stale_parts(path.parent)
    counts: dict[str, int] = {}
    params = _selection(conn, list(workshop_ids))
    programmes = "(SELECT value FROM json_each(:p))"
    selections = {
        "workshops": "id IN (SELECT value FROM json_each(:w))",
        "programmes": "id IN (SELECT value FROM json_each(:p))",
        "formats": "key IN (SELECT format_key FROM main.workshops "
        "WHERE id IN (SELECT value FROM json_each(:w)))",
        "notes": "workshop_id IN (SELECT value FROM json_each(:w))",
        "attendance": "workshop_id IN (SELECT value FROM json_each(:w))",
        "photos": "workshop_id IN (SELECT value FROM json_each(:w))",
        "votes": "workshop_id IN (SELECT value FROM json_each(:w))",
        "themes": "id IN (SELECT value FROM json_each(:t))",
        # The action plan travels with its programme (priorities with a set-up file too).
        "priorities": "programme_id IN (SELECT value FROM json_each(:p))",
        "actions": "programme_id IN (SELECT value FROM json_each(:p))",
        "progress_updates": "action_id IN (SELECT id FROM main.actions WHERE programme_id "
        "IN (SELECT value FROM json_each(:p)))",
        "assets": f"programme_id IN {programmes}",
        "asset_sources": f"asset_id IN (SELECT id FROM main.assets WHERE programme_id IN "
        f"{programmes}) AND workshop_id IN (SELECT value FROM json_each(:w))",
        "connections": f"programme_id IN {programmes}",
        "connection_assets": "connection_id IN (SELECT id FROM main.connections WHERE "
        f"programme_id IN {programmes}) AND asset_id IN (SELECT id FROM main.assets WHERE "
        f"programme_id IN {programmes})",
        "merged_records": "(table_name = 'workshops' AND old_id IN (SELECT value FROM "
        "json_each(:w))) OR (table_name = 'programmes' AND old_id IN (SELECT value FROM "
        "json_each(:p))) OR (table_name = 'themes' AND old_id IN (SELECT value FROM "
        "json_each(:t))) OR (table_name = 'assets' AND old_id IN (SELECT id FROM main.assets "
        f"WHERE programme_id IN {programmes}))",
        "purged_records": "1",
    }
    try:
        _create_empty(tmp, meta)
        # By URI with mode=rw: the library may be open read-only, the new file is not.
        conn.execute(
            "ATTACH DATABASE ? AS wf",
            [connection.sqlite_uri(Path(os.path.abspath(tmp)), mode="rw")],
        )
        try:
            conn.execute("BEGIN")
            for table in EXPORTED_TABLES:
                if table == "merge_base" or (setup_only and table in SETUP_SKIPPED):
                    continue
                names = ", ".join(c.name for c in table_columns(table))
                cursor = conn.execute(
                    f"INSERT INTO wf.{table} ({names}) SELECT {names} FROM main.{table} "
                    f"WHERE {selections[table]}",
                    params,
                )
                counts[table] = cursor.rowcount
            # What this library knows of other libraries' versions of these rows: the
            # importer uses the entries about itself as the common ancestor.
            names = ", ".join(c.name for c in table_columns("merge_base"))
            cursor = conn.execute(
                f"INSERT INTO wf.merge_base ({names}) SELECT {names} FROM main.merge_base b "
                "WHERE (b.table_name, b.row_key) IN (SELECT 'notes', id FROM wf.notes UNION ALL "
                "SELECT 'workshops', id FROM wf.workshops UNION ALL "
                "SELECT 'programmes', id FROM wf.programmes UNION ALL "
                "SELECT 'themes', id FROM wf.themes UNION ALL "
                "SELECT 'photos', id FROM wf.photos UNION ALL "
                "SELECT 'votes', id FROM wf.votes UNION ALL "
                "SELECT 'priorities', id FROM wf.priorities UNION ALL "
                "SELECT 'actions', id FROM wf.actions UNION ALL "
                "SELECT 'progress_updates', id FROM wf.progress_updates UNION ALL "
                "SELECT 'assets', id FROM wf.assets UNION ALL "
                "SELECT 'asset_sources', id FROM wf.asset_sources UNION ALL "
                "SELECT 'connections', id FROM wf.connections UNION ALL "
                "SELECT 'connection_assets', id FROM wf.connection_assets UNION ALL "
                "SELECT 'attendance', workshop_id || '|' || category FROM wf.attendance)"
            )
            counts["merge_base"] = cursor.rowcount
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("DETACH DATABASE wf")
        if digest is not None:
            _write_digest(tmp, digest)
        os.replace(tmp, path)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise LibraryError(
            f"Cannot save {path}: {reason} (is the folder writable, the disk full, "
            "or the file open elsewhere?)."
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return counts


def _closure(conn: sqlite3.Connection, table: str, ids: set[str]) -> set[str]:
    """``ids`` and every record merged into them, following chains of redirects."""
    found, frontier = set(ids), set(ids)
    while frontier:
        rows = conn.execute(
            "SELECT old_id FROM main.merged_records WHERE table_name = ? AND deleted = 0 "
            "AND new_id IN (SELECT value FROM json_each(?))",
            [table, json.dumps(sorted(frontier))],
        ).fetchall()
        frontier = {r[0] for r in rows} - found
        found |= frontier
    return found


def _clean_stale_parts(folder: Path, older_than: float = 3600) -> None:
    """Remove what exports of other workshop files killed half-way (kill -9, a power cut)
    left in ``folder`` more than an hour ago (issue 12, rule 8)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for part in folder.glob(".*.workshop.part"):
            with contextlib.suppress(OSError):
                if part.is_file() and not part.is_symlink() and (
                        now - part.lstat().st_mtime > older_than):
                    part.unlink()


def _selection(conn: sqlite3.Connection, workshop_ids: list[str]) -> dict[str, str]:
    """The ids of the workshops, programmes and themes a file of these workshops carries."""
    workshops = _closure(conn, "workshops", set(workshop_ids))
    w = json.dumps(sorted(workshops))
    programmes = {r[0] for r in conn.execute(
        "SELECT programme_id FROM main.workshops WHERE id IN (SELECT value FROM json_each(?)) "
        "UNION SELECT t.programme_id FROM main.themes t JOIN main.notes n ON n.theme_id = t.id "
        "WHERE n.workshop_id IN (SELECT value FROM json_each(?))", [w, w]
    )}
    programmes = _closure(conn, "programmes", programmes)
    p = json.dumps(sorted(programmes))
    themes = {r[0] for r in conn.execute(
        "SELECT id FROM main.themes WHERE programme_id IN (SELECT value FROM json_each(?)) "
        "UNION SELECT theme_id FROM main.notes WHERE theme_id IS NOT NULL AND workshop_id IN "
        "(SELECT value FROM json_each(?))", [p, w]
    )}
    themes = _closure(conn, "themes", themes)
    return {"w": w, "p": p, "t": json.dumps(sorted(themes))}


def _write_digest(path: Path, digest: Callable[[FileContent], str]) -> None:
    conn = sqlite3.connect(str(path))
    try:
        conn.text_factory = bytes
        value = digest(_read_rows(conn, path))
        with conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('content_digest', ?)", [value]
            )
    finally:
        conn.close()


def _create_empty(path: Path, meta: dict[str, str]) -> None:
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA application_id = {connection.APPLICATION_ID}")
        _apply_migrations(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        with conn:
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items())
            )
    finally:
        conn.close()


# ------------------------------------------------------------------- reading
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
        return _read_rows(conn, path)
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
    conn = sqlite3.connect(":memory:")
    try:
        _apply_migrations(conn)
        return frozenset(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        conn.close()


def _check_structure(conn: sqlite3.Connection, path: Path) -> None:
    conn.text_factory = str
    try:
        # The same schema, to the letter (as every file this app writes has): SQLite builds
        # the same tables, columns and indexes from it, so nothing below could fail.
        master = frozenset(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        if master == _expected_master():
            return
        found, found_columns = _schema_of(conn)
        found_sql = _definitions(conn)
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


def _read_rows(conn: sqlite3.Connection, path: Path) -> FileContent:
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


def _typed(kind: bytes, value: Any, column: Column, path: Path, table: str) -> Any:
    kind = kind.decode("ascii")
    if value is None:
        if column.notnull or column.pk:
            raise WorkshopFileError(path, f"has an empty {table}.{column.name}; refused.")
        return None
    if column.type == "TEXT":
        if kind not in ("text",):
            raise WorkshopFileError(
                path, f"has a {kind} where {table}.{column.name} should be text; refused."
            )
        return _text(value, path, f"{table}.{column.name}")
    if column.type == "INTEGER":
        if kind != "integer":
            raise WorkshopFileError(
                path, f"has a {kind} where {table}.{column.name} should be a whole number."
            )
        return value
    if column.type == "BLOB":
        if kind != "blob":
            raise WorkshopFileError(path, f"has a {kind} where {table}.{column.name} should be data.")
        return bytes(value)
    return value


def _text(value: Any, path: Path, where: str) -> str:
    if isinstance(value, str):
        return value
    try:
        return bytes(value).decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise WorkshopFileError(
            path, f"has text in {where} that is not valid UTF-8 (damaged or not ours); refused."
        ) from None
