"""Checking a library's structure on open, as a workshop file is checked on import.

A library is trusted only when every table, index, trigger and view in it is one this
app's own migrations make (for the schema version it says it has), defined exactly as
they define it. A trigger someone added (say, "delete every note after an insert") or a
view would otherwise run inside the app's own transactions. Anything else is refused
with :class:`UnexpectedSchemaError`, which the window and the CLI turn into an offer to
open the file read-only or to repair it (``repair_library``: the known tables copied into
a fresh library; the original is left untouched). A ``.workshop`` file opened as a
library is refused as such before anything is written to it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from pathlib import Path

from facilitator.store.errors import LibraryError, NotALibraryError, UnexpectedSchemaError

#: sqlite-utils' record of the migrations applied: its layout belongs to sqlite-utils.
MIGRATIONS_TABLE = "_sqlite_migrations"
#: Tables SQLite itself may add (ANALYZE, AUTOINCREMENT).
SQLITE_OWN = ("sqlite_stat1", "sqlite_stat4", "sqlite_sequence")


#: The name sqlite-utils records our migrations under (``schema.MIGRATION_SET``; repeated
#: here so that checking a library at start-up does not import sqlite-utils).
MIGRATION_SET = "workshop_facilitator"


@functools.lru_cache(maxsize=8)
def expected_objects(applied: tuple[str, ...] | None = None) -> dict[tuple[str, str], str]:
    """(type, name) -> normalised SQL of everything the named migrations make, applied in
    that order (all of this app's migrations for None). By name, not by count: migrations
    may have been applied out of number order as they landed.

    Working it out needs sqlite-utils (about 100 ms to import), so the answer is kept in the
    user's cache folder, keyed by this app's schema code and SQLite's version: a start-up
    that opens an up-to-date library reads it from there."""
    names = known_migrations() if applied is None else tuple(
        n for n in applied if n in known_migrations())
    key = "|".join(names)
    cached = _disk_cache().get("expected", {}).get(key)
    if cached is not None:
        return {(kind, name): sql for kind, name, sql in cached}
    from sqlite_utils import Database

    from facilitator.store.schema import migrations

    functions = {m.name: m.fn for m in migrations._migrations}
    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn)
        for name in names:
            functions[name](db)
        found = objects_of(conn)
    finally:
        conn.close()
    _save_to_disk_cache("expected", key, sorted([k, n, sql] for (k, n), sql in found.items()))
    return found


@functools.lru_cache(maxsize=1)
def known_migrations() -> tuple[str, ...]:
    """The names of this app's migrations, in order."""
    cached = _disk_cache().get("known")
    if cached is not None:
        return tuple(cached)
    from facilitator.store.schema import migrations

    names = tuple(m.name for m in migrations._migrations)
    _save_to_disk_cache("known", None, list(names))
    return names


def warm_cache(conn: sqlite3.Connection) -> None:
    """After migrating (sqlite-utils is loaded then anyway): work out what the library now
    should hold, so the next start need not import sqlite-utils to check it."""
    applied = applied_migrations(conn)
    if applied is not None:
        expected_objects(applied)


def _cache_path() -> Path | None:
    import zlib

    import platformdirs

    from facilitator import APP_NAME

    here = Path(__file__).parent  # the migrations' code: schema.py and a module for each
    code: bytes | None
    try:
        code = b"".join(path.read_bytes() for path in
                        [here / "schema.py", *sorted((here / "migrations").glob("*.py"))])
    except OSError:
        code = _frozen_build()
    if code is None:
        return None
    source = code + sqlite3.sqlite_version.encode()
    # Two checksums and the length (zlib, loaded anyway): OpenSSL's hashlib costs start-up ~3 ms.
    key = f"{zlib.crc32(source):08x}{zlib.adler32(source):08x}{len(source):08x}"
    folder = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return folder / f"library-schema-{key}.json"


def _frozen_build() -> bytes | None:
    """In the packaged app (PyInstaller ships the code compiled, without its ``.py`` files)
    the migrations change only with a new build, which is a new executable: its path, size
    and time stand for their code. Without this every start of the packaged app worked the
    schema out afresh (sqlite-utils and every migration in memory: ~0.25 s of CPU)."""
    import sys

    if not getattr(sys, "frozen", False):
        return None
    from facilitator import __version__

    try:
        found = Path(sys.executable).stat()
    except OSError:
        return None
    return f"{__version__}\0{sys.executable}\0{found.st_size}\0{found.st_mtime_ns}".encode()


@functools.lru_cache(maxsize=1)
def _disk_cache() -> dict:
    import json

    path = _cache_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_to_disk_cache(section: str, key: str | None, value) -> None:
    import json

    data = _disk_cache()
    if key is None:
        data[section] = value
    else:
        if not isinstance(data.get(section), dict):
            data[section] = {}
        data[section][key] = value
    path = _cache_path()
    if path is None:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_text(json.dumps(data), encoding="utf-8")
        os.replace(part, path)


def applied_migrations(conn: sqlite3.Connection) -> tuple[str, ...] | None:
    """The migrations a library records as applied, in order (None without the record)."""
    try:
        rows = conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        ).fetchall()
    except sqlite3.OperationalError:
        return None
    return tuple(_text(r[0]) for r in rows)


def objects_of(conn: sqlite3.Connection, schema: str = "main") -> dict[tuple[str, str], str]:
    """(type, name) -> normalised SQL of every object in ``schema`` (SQLite's own automatic
    indexes and sqlite-utils' record of migrations, with its index, left out)."""
    rows = conn.execute(
        f"SELECT type, name, tbl_name, sql FROM {schema}.sqlite_master").fetchall()
    return {
        (_text(kind), _text(name)): " ".join(_text(sql or "").split())
        for kind, name, table, sql in rows
        if not _text(name).startswith("sqlite_autoindex_") and _text(table) != MIGRATIONS_TABLE
    }


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def unexpected_objects(conn: sqlite3.Connection) -> list[str]:
    """What is wrong with the structure, in a person's words (empty when it is ours)."""
    applied = applied_migrations(conn)
    if applied is None:
        return [f"no table “{MIGRATIONS_TABLE}”, which every library has"]
    known = set(known_migrations())
    problems = [f"a change “{name}” this version does not know"
                for name in applied if name not in known]
    found = objects_of(conn)
    want = expected_objects(applied)
    for (kind, name), sql in sorted(found.items()):
        if kind == "table" and name in SQLITE_OWN:
            continue
        if (kind, name) not in want:
            problems.append(f"a {kind} “{name}” that Workshop Facilitator never makes")
        elif want[(kind, name)] != sql:
            problems.append(f"the {kind} “{name}” defined differently from this app's")
    for kind, name in sorted(set(want) - set(found)):
        problems.append(f"no {kind} “{name}”, which every library has")
    return problems


def check_library_schema(
    conn: sqlite3.Connection, path: Path | None, version: int, *, read_only: bool = False
) -> None:
    """Refuse a workshop file opened as a library, and (unless only reading) a library whose
    structure is not exactly this app's."""
    if _is_workshop_file(conn):
        raise NotALibraryError(
            f"{path} is a workshop file (made by Export workshops), not a library. Import it "
            "with File ▸ Import workshop files… (or main.py import). It has been left untouched."
        )
    if read_only or version == 0:
        return
    problems = unexpected_objects(conn)
    if problems:
        raise UnexpectedSchemaError(
            f"{path} is not opened normally because it holds {problems[0]}"
            f"{f' (and {len(problems) - 1} more)' if len(problems) > 1 else ''}. "
            "Something other than this app has changed it, and such an object could change or "
            "delete notes behind the app's back. You can open it read-only (to look and "
            "export), or repair it: the app copies its programmes, workshops, notes and photos "
            "into a fresh library beside it and leaves this file as it is.",
            f"it holds {problems[0]}",
        )


def _is_workshop_file(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'file_kind'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None and _text(row[0]) == "workshop-file"


def repaired_path(path: Path) -> Path:
    """Beside the original: ``library (repaired).wfdb``, ``library (repaired 2).wfdb``, …"""
    for n in range(1, 1000):
        label = "repaired" if n == 1 else f"repaired {n}"
        candidate = path.with_name(f"{path.stem} ({label}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise LibraryError(f"Too many repaired copies beside {path}; move some away first.")


def copy_known_tables(source: Path, target_conn: sqlite3.Connection) -> dict[str, int]:
    """Copy the rows of every table this app makes from ``source`` (opened read-only, nothing
    in it run) into ``target_conn``, a fresh library; columns both have, nothing else.
    Returns rows copied per table."""
    from facilitator.store.connection import sqlite_uri

    want = expected_objects()
    tables = [
        name for (kind, name), sql in want.items()
        if kind == "table" and not sql.upper().startswith(
            "CREATE VIRTUAL TABLE"
        ) and not _is_shadow(name, want)
    ]
    counts: dict[str, int] = {}
    target_conn.execute(
        "ATTACH DATABASE ? AS old", [sqlite_uri(Path(os.path.abspath(source)), mode="ro")]
    )
    try:
        found = objects_of(target_conn, "old")
        # Rows are copied as they are, even one pointing at a row that is gone.
        target_conn.execute("PRAGMA foreign_keys = OFF")
        target_conn.execute("BEGIN")
        for table in _in_key_order(tables):
            if ("table", table) not in found:
                continue
            new_cols = [r[1] for r in target_conn.execute(f'PRAGMA main.table_info("{table}")')]
            old_cols = {r[1] for r in target_conn.execute(f'PRAGMA old.table_info("{table}")')}
            cols = ", ".join(f'"{c}"' for c in new_cols if c in old_cols)
            if table == "meta":
                target_conn.execute("DELETE FROM main.meta")
            cursor = target_conn.execute(
                f'INSERT OR IGNORE INTO main."{table}" ({cols}) SELECT {cols} FROM old."{table}"'
            )
            counts[table] = cursor.rowcount
        target_conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            target_conn.execute("ROLLBACK")
        raise
    finally:
        target_conn.execute("DETACH DATABASE old")
        target_conn.execute("PRAGMA foreign_keys = ON")
    return counts


def _is_shadow(name: str, want: dict[tuple[str, str], str]) -> bool:
    """A table SQLite makes for a virtual (full-text) table, which rebuilds it itself."""
    return any(
        sql.upper().startswith("CREATE VIRTUAL TABLE") and name.startswith(f"{vname}_")
        for (kind, vname), sql in want.items() if kind == "table"
    )


#: Parents before children, so foreign keys hold while copying.
_ORDER = ("meta", "formats", "programmes", "themes", "workshops", "notes", "attendance", "photos")


def _in_key_order(tables: list[str]) -> list[str]:
    first = [t for t in _ORDER if t in tables]
    return first + sorted(t for t in tables if t not in _ORDER)
