"""Export workshops to a ``.workshop`` file, and import (merge) such files into a library."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from facilitator import __version__
from facilitator.models import utc_now
from facilitator.names import same_name
from facilitator.store import Store
from facilitator.store import transfer_merge as lib
from facilitator.store.errors import LibraryError
from facilitator.store.transfer_file import (
    EXPORTED_TABLES,
    FileContent,
    WorkshopFileError,
    read_workshop_file,
    table_columns,
    write_workshop_file,
)
from facilitator.transfer.merge import (
    Conflict,
    FileSummary,
    Outcome,
    content_digest,
    decide,
    describe,
    describe_pair,
    newest_base,
    one_side_behind,
    row_hash,
    row_hashes,
)
from facilitator.transfer.validate import validate_content

FILE_SUFFIX = ".workshop"
BACKUPS_FOLDER = "Backups"
#: Tables merged row by row (formats are merged by version instead).
MERGED_TABLES = ("programmes", "themes", "workshops", "notes", "attendance", "photos")

Progress = Callable[[int, int, str], None]


@dataclass
class ExportResult:
    path: Path
    counts: dict[str, int]


# ------------------------------------------------------------------- export
def export_workshops(store: Store, workshop_ids: Iterable[str], path: Path | str) -> ExportResult:
    """Write the given workshops, with their programme, format, notes (soft-deleted ones
    too), themes, attendance and photos, into one workshop file."""
    ids = list(dict.fromkeys(workshop_ids))
    if not ids:
        raise LibraryError("Choose at least one workshop to export.")
    for workshop_id in ids:
        store.get_workshop(workshop_id)  # raises LibraryError naming an unknown id
    path = Path(path)
    meta = {
        "library_id": store.library_id,
        "app_version": __version__,
        "exported_at": utc_now(),
        "file_kind": "workshop-file",
    }
    counts = write_workshop_file(store.db.conn, path, ids, meta, digest=file_digest)
    return ExportResult(path, counts)


def file_digest(content: FileContent) -> str:
    columns = {t: [c.name for c in table_columns(t)] for t in content.rows}
    return content_digest(row_hashes(content.rows, columns))


# ------------------------------------------------------------------- import
def default_backup_dir(store: Store) -> Path | None:
    """Backups go in a folder beside the library (the data directory for the usual library)."""
    return store.path.parent / BACKUPS_FOLDER if store.path is not None else None


def backup_before_import(store: Store, backup_dir: Path | None = None) -> Path | None:
    """Back the library up (SQLite backup API) into the rotating folder; returns the copy."""
    backup_dir = backup_dir or default_backup_dir(store)
    return lib.backup_library(store, backup_dir) if backup_dir is not None else None


def import_workshop_files(
    store: Store,
    paths: Iterable[Path | str],
    *,
    backup_dir: Path | None = None,
    progress: Progress | None = None,
) -> list[FileSummary]:
    """Import many files: one backup first, then each file in its own transaction.

    A refused file gets a summary with ``error`` set and changes nothing; the
    other files are still imported.
    """
    paths = [Path(p) for p in paths]
    if paths:
        backup_before_import(store, backup_dir)
    summaries = []
    for index, path in enumerate(paths):
        if progress is not None:
            progress(index, len(paths), path.name)
        try:
            summaries.append(import_workshop_file(store, path))
        except LibraryError as exc:
            problem = exc.problem if isinstance(exc, WorkshopFileError) else str(exc)
            summaries.append(FileSummary(path, error=problem))
    if progress is not None:
        progress(len(paths), len(paths), "")
    return summaries


def read_and_check(path: Path | str) -> FileContent:
    """Read an untrusted file and check it whole; raises WorkshopFileError."""
    content = read_workshop_file(path)
    validate_content(content)
    return content


def import_workshop_file(
    store: Store, path: Path | str, content: FileContent | None = None
) -> FileSummary:
    """Check one file, then merge it in one transaction (no backup: see import_workshop_files)."""
    path = Path(path)
    content = content or read_and_check(path)
    summary = FileSummary(
        path, content.library_id, content.meta.get("exported_at", "")
    )
    own_id = store.library_id
    source = content.library_id if content.library_id != own_id else ""
    codes = {w["id"]: w["code"] for w in content.rows["workshops"]}
    file_bases = _file_bases(content, own_id)
    content_seen = _file_seen(content)
    with store.transaction():
        _merge_formats(store, content, summary)
        for table in MERGED_TABLES:
            _merge_table(
                store, table, content, source, file_bases, content_seen, codes, summary
            )
        if content.rows["workshops"]:
            lib.record_sources(
                store,
                [w["id"] for w in content.rows["workshops"]],
                str(path),
                content.library_id,
                summary.exported_at,
                utc_now(),
            )
    summary.warnings.extend(_look_alikes(store, summary))
    return summary


def _look_alikes(store: Store, summary: FileSummary) -> list[str]:
    """New programmes, themes and workshops that look like ones already here but were made
    separately (another UUID): they are kept apart, and the officer should know."""
    warnings = []
    programmes = store.programmes()
    for programme_id in summary.added.get("programmes", []):
        programme = store.get_programme(programme_id)
        if _has_twin(programme, programmes, lambda p: p.title):
            warnings.append(
                f"The programme “{programme.title}” in this file was created separately from "
                "the one of the same name already here, so its workshops are listed under a "
                "second programme of that name."
            )
    for theme_id in summary.added.get("themes", []):
        theme = store.get_theme(theme_id)
        if _has_twin(theme, store.themes(theme.programme_id, theme.step_key), lambda t: t.label):
            warnings.append(
                f"The theme “{theme.label}” ({theme.step_key.upper()}) was also made on "
                "another laptop: the report counts them as one theme; merge them on the "
                "themes board to keep them together."
            )
    for workshop_id in summary.added.get("workshops", []):
        workshop = store.get_workshop(workshop_id)
        if _has_twin(workshop, store.workshops(workshop.programme_id), lambda w: w.code):
            warnings.append(
                f"Workshop code {workshop.code} now appears twice in the same programme "
                "(made separately on two laptops): check which is which in Compile workshops."
            )
    return warnings


def _has_twin(record, others, name: Callable) -> bool:
    """Whether another live record among ``others`` has the same name as ``record``."""
    key = same_name(name(record))
    return not record.deleted and any(
        other.id != record.id and not other.deleted and same_name(name(other)) == key
        for other in others
    )


def _file_bases(content: FileContent, own_id: str) -> dict[tuple[str, str], tuple[str, str]]:
    """The versions of rows that the exporting library took in from this one."""
    return {
        (row["table_name"], row["row_key"]): (row["row_hash"], row["updated_at"])
        for row in content.rows["merge_base"]
        if row["source_id"] == own_id
    }


def _file_seen(content: FileContent) -> dict[tuple[str, str], dict[str, tuple[str, str]]]:
    """For each row, the version the exporting library last took in from each library."""
    seen: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    for row in content.rows["merge_base"]:
        seen.setdefault((row["table_name"], row["row_key"]), {})[row["source_id"]] = (
            row["row_hash"], row["updated_at"]
        )
    return seen


def _merge_formats(store: Store, content: FileContent, summary: FileSummary) -> None:
    incoming = content.rows["formats"]
    local = lib.local_rows(store, "formats", incoming)
    counts = summary.counts.setdefault("formats", Counter())
    upserts = []
    for row in incoming:
        mine = local.get(row["key"])
        if mine is None:
            counts[Outcome.ADDED] += 1
            upserts.append(row)
        elif row["version"] > mine["version"]:
            counts[Outcome.UPDATED] += 1
            upserts.append(row)
        else:
            counts[Outcome.UNCHANGED] += 1
    lib.upsert(store, "formats", upserts)


def _merge_table(
    store: Store,
    table: str,
    content: FileContent,
    source: str,
    file_bases: dict,
    content_seen: dict,
    codes: dict[str, str],
    summary: FileSummary,
) -> None:
    incoming = content.rows[table]
    counts = summary.counts.setdefault(table, Counter())
    if not incoming:
        return
    columns = [c.name for c in table_columns(table)]
    local = lib.local_rows(store, table, incoming)
    keys = [lib.row_key(table, row) for row in incoming]
    own_seen = lib.all_merge_bases(store, table, keys)
    own_file = content.library_id == store.library_id
    own_id = store.library_id
    upserts, seen = [], []
    relayed: dict[str, list[tuple[str, str, str, str]]] = {}
    hashes = content.hashes.get(table) or [row_hash(row, columns) for row in incoming]
    for key, row, digest in zip(keys, incoming, hashes, strict=True):
        mine = local.get(key)
        mine_hash = row_hash(mine, columns) if mine is not None else None
        theirs_seen = content_seen.get((table, key), {})
        mine_seen = own_seen.get(key, {})
        base = newest_base(mine_seen.get(source) if source else None,
                           file_bases.get((table, key)))
        decision = decide(
            digest, row["updated_at"], mine_hash, mine["updated_at"] if mine else None, base,
            own_file=own_file,
            settled=mine_hash is not None
            and one_side_behind(digest, mine_hash, mine_seen, theirs_seen),
        )
        if decision.take_file or mine_hash == digest:
            # This library now holds the file's version, and with it what the file's
            # library had already seen of the row from third libraries.
            for other, (other_hash, other_updated) in theirs_seen.items():
                known = mine_seen.get(other)
                if other in (own_id, source):
                    continue
                if known is None or known[1] < other_updated:
                    relayed.setdefault(other, []).append(
                        (table, key, other_hash, other_updated)
                    )
        counts[decision.outcome] += 1
        if decision.outcome is Outcome.ADDED:
            summary.added.setdefault(table, []).append(key)
        if decision.take_file:
            upserts.append(row)
        if decision.conflict:
            library_text, file_text = describe_pair(
                table, mine, row, lambda theme_id: _theme_label(store, content, theme_id)
            )
            summary.conflicts.append(
                Conflict(
                    table,
                    key,
                    _what(table, row, codes),
                    library_text,
                    file_text,
                    "file" if decision.take_file else "library",
                )
            )
        seen.append((table, key, digest, row["updated_at"]))
    lib.upsert(store, table, upserts)
    if source:
        lib.record_bases(store, source, seen)
    for other, entries in relayed.items():
        lib.record_bases(store, other, entries)


def _theme_label(store: Store, content: FileContent, theme_id: str) -> str:
    for row in content.rows["themes"]:
        if row["id"] == theme_id:
            return row["label"]
    try:
        return store.get_theme(theme_id).label
    except LibraryError:
        return "a theme not in this library"


def _what(table: str, row: dict, codes: dict[str, str]) -> str:
    if table == "notes":
        return f"Note in {codes.get(row['workshop_id'], '?')} ({row['step_key'].upper()})"
    if table == "workshops":
        return f"Workshop {row['code']}"
    if table == "attendance":
        return f"Attendance at {codes.get(row['workshop_id'], '?')}"
    if table == "photos":
        return f"Photo in {codes.get(row['workshop_id'], '?')}"
    return f"{table[:-1].capitalize()} {describe(table, row)[:40]}"


__all__ = [
    "EXPORTED_TABLES",
    "backup_before_import",
    "FILE_SUFFIX",
    "ExportResult",
    "FileSummary",
    "WorkshopFileError",
    "export_workshops",
    "import_workshop_file",
    "import_workshop_files",
    "read_and_check",
]
