"""Workshop files on disk: writing one from a library. A file carries the chosen workshops and
everything they need (their programme, format, themes, assets ...), built with the library's
own migrations beside the target and moved into place only once complete. ``transfer_read``
reads an untrusted one safely; ``transfer_schema`` says what one holds.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from facilitator.store import connection
from facilitator.store.errors import LibraryError

# (read_workshop_file and WorkshopFileError: facilitator.transfer's workshop-file modules,
# another helper's this session, still import them from here; they can take them from
# transfer_read and transfer_schema.)
from facilitator.store.transfer_read import (
    read_rows,
    read_workshop_file,  # noqa: F401
)
from facilitator.store.transfer_schema import (
    EXPORTED_TABLES,
    SETUP_SKIPPED,
    FileContent,
    WorkshopFileError,  # noqa: F401
    apply_migrations,
    table_columns,
)
from facilitator.store.version import SCHEMA_VERSION

# ------------------------------------------------------------------- writing
#: Which rows of each exported table a file carries, as a WHERE clause over ``main`` (the
#: library) with the ids ``_selection`` works out: ``:w`` workshops, ``:p`` programmes,
#: ``:t`` themes (JSON arrays).
_PROGRAMMES = "(SELECT value FROM json_each(:p))"
_SELECTIONS = {
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
    "assets": f"programme_id IN {_PROGRAMMES}",
    "asset_sources": f"asset_id IN (SELECT id FROM main.assets WHERE programme_id IN "
    f"{_PROGRAMMES}) AND workshop_id IN (SELECT value FROM json_each(:w))",
    "connections": f"programme_id IN {_PROGRAMMES}",
    "connection_assets": "connection_id IN (SELECT id FROM main.connections WHERE "
    f"programme_id IN {_PROGRAMMES}) AND asset_id IN (SELECT id FROM main.assets WHERE "
    f"programme_id IN {_PROGRAMMES})",
    "merged_records": "(table_name = 'workshops' AND old_id IN (SELECT value FROM "
    "json_each(:w))) OR (table_name = 'programmes' AND old_id IN (SELECT value FROM "
    "json_each(:p))) OR (table_name = 'themes' AND old_id IN (SELECT value FROM "
    "json_each(:t))) OR (table_name = 'assets' AND old_id IN (SELECT id FROM main.assets "
    f"WHERE programme_id IN {_PROGRAMMES}))",
    "purged_records": "1",
}

#: The ``merge_base`` entries a file carries: those about the rows it carries, (table,
#: row key) each.
_MERGE_BASE_KEYS = (
    "SELECT 'notes', id FROM wf.notes UNION ALL "
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
    "SELECT 'attendance', workshop_id || '|' || category FROM wf.attendance"
)


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
    _check_target(path)
    tmp = path.with_name(f".{path.name}.part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    _clean_stale_parts(path.parent)
    params = _selection(conn, list(workshop_ids))
    try:
        _create_empty(tmp, meta)
        counts = _copy_into(conn, tmp, params, setup_only=setup_only)
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


def _check_target(path: Path) -> None:
    """Refuse a target whose folder is missing, or that is itself a folder."""
    if not path.parent.is_dir():
        raise LibraryError(f"Cannot save {path}: the folder {path.parent} does not exist.")
    if path.is_dir():
        raise LibraryError(f"Cannot save {path}: a folder has that name.")


def _copy_into(
    conn: sqlite3.Connection, tmp: Path, params: dict[str, str], *, setup_only: bool
) -> dict[str, int]:
    """Copy the selected rows into the (empty) file ``tmp``, attached to the library's
    connection, in one transaction; the number of rows copied per table."""
    # By URI with mode=rw: the library may be open read-only, the new file is not.
    conn.execute(
        "ATTACH DATABASE ? AS wf",
        [connection.sqlite_uri(Path(os.path.abspath(tmp)), mode="rw")],
    )
    try:
        conn.execute("BEGIN")
        counts = _copy_tables(conn, params, setup_only=setup_only)
        counts["merge_base"] = _copy_merge_base(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("DETACH DATABASE wf")
    return counts


def _copy_tables(
    conn: sqlite3.Connection, params: dict[str, str], *, setup_only: bool
) -> dict[str, int]:
    """Each exported table's selected rows (``merge_base`` aside), into ``wf``."""
    counts: dict[str, int] = {}
    for table in EXPORTED_TABLES:
        if table == "merge_base" or (setup_only and table in SETUP_SKIPPED):
            continue
        names = ", ".join(c.name for c in table_columns(table))
        cursor = conn.execute(
            f"INSERT INTO wf.{table} ({names}) SELECT {names} FROM main.{table} "
            f"WHERE {_SELECTIONS[table]}",
            params,
        )
        counts[table] = cursor.rowcount
    return counts


def _copy_merge_base(conn: sqlite3.Connection) -> int:
    """What this library knows of other libraries' versions of the rows copied into ``wf``:
    the importer uses the entries about itself as the common ancestor."""
    names = ", ".join(c.name for c in table_columns("merge_base"))
    cursor = conn.execute(
        f"INSERT INTO wf.merge_base ({names}) SELECT {names} FROM main.merge_base b "
        f"WHERE (b.table_name, b.row_key) IN ({_MERGE_BASE_KEYS})"
    )
    return cursor.rowcount


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
        value = digest(read_rows(conn, path))
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
        apply_migrations(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        with conn:
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items())
            )
    finally:
        conn.close()


