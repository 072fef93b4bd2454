"""What a workshop file holds: the tables that travel (and what a laptop set-up file leaves
out), the schema this app expects of one (built from the library's own migrations), and
the error that refuses a file.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from facilitator.store.errors import LibraryError

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


def apply_migrations(conn: sqlite3.Connection) -> None:
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
    #: Per table, whether each row was found clear of the row rules by the checks that take
    #: a whole column at a time (``transfer.note_checks``); a table not here had none of its
    #: rows checked that way.
    cleared: dict[str, list[bool]] = field(default_factory=dict)
    #: Per table, each column's values in the rows' order, as read (the reader keeps them
    #: when it has them; ``column`` works out the others from the rows).
    columns: dict[str, dict[str, tuple]] = field(default_factory=dict)

    @property
    def library_id(self) -> str:
        return self.meta.get("library_id", "")

    def column(self, table: str, name: str) -> tuple:
        """The values of ``table.name`` in the rows' order, as read."""
        kept = self.columns.setdefault(table, {})
        if name not in kept:
            kept[name] = tuple(map(itemgetter(name), self.rows[table]))
        return kept[name]


T = TypeVar("T")


def read_own_schema(read: Callable[[sqlite3.Connection], T]) -> T:
    """What ``read`` finds in the schema this app's own migrations build (an empty workshop
    file, in memory): what a file is compared with."""
    conn = sqlite3.connect(":memory:")
    try:
        apply_migrations(conn)
        return read(conn)
    finally:
        conn.close()


@functools.lru_cache(maxsize=1)
def expected_schema() -> tuple[frozenset, dict[str, tuple[Column, ...]]]:
    """What this app's own migrations build: (type, name, table) entries and columns per table."""
    return read_own_schema(schema_of)


def schema_of(conn: sqlite3.Connection) -> tuple[frozenset, dict[str, tuple[Column, ...]]]:
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
    return read_own_schema(definitions)


def definitions(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """The SQL of every table and index, with spacing normalised."""
    return {
        (kind, name): " ".join(str(sql).split())
        for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master")
        if sql is not None
    }


def table_columns(table: str) -> tuple[Column, ...]:
    return expected_schema()[1][table]


