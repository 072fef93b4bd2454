"""Export workshops to a ``.workshop`` file, and import (merge) such files into a library."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from facilitator import __version__
from facilitator.models import ValidationError, utc_now
from facilitator.names import shorten_long_parts
from facilitator.store import Store
from facilitator.store import transfer_merge as lib
from facilitator.store.errors import LibraryError
from facilitator.store.transfer_file import (
    EXPORTED_TABLES,
    FileContent,
    WorkshopFileError,
    read_workshop_file,
    write_workshop_file,
)
from facilitator.transfer import asset_follow
from facilitator.transfer.format_plan import merge_formats, plan_formats
from facilitator.transfer.merge import FileSummary, content_digest
from facilitator.transfer.merge_rows import check_ownership, file_seen, merge_table
from facilitator.transfer.prepare import MERGED_TABLES, prepare
from facilitator.transfer.programme_question import (
    SEPARATE,
    ProgrammeQuestion,
    alias_programme,
    look_alikes,
    programme_questions,
)
from facilitator.transfer.validate import file_hashes, validate_content

FILE_SUFFIX = ".workshop"
BACKUPS_FOLDER = "Backups"
Progress = Callable[[int, int, str], None]


@dataclass
class ExportResult:
    path: Path
    counts: dict[str, int]


# ------------------------------------------------------------------- export
def export_workshops(
    store: Store, workshop_ids: Iterable[str], path: Path | str, *, setup_only: bool = False
) -> ExportResult:
    """Write the given workshops, with their programme, format, notes (soft-deleted ones
    too), themes, attendance and photos, into one workshop file (``setup_only``: the
    programme and workshops alone, see ``library_ops.export_setup``)."""
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
    if setup_only:
        meta["contents"] = "set-up"
    counts = write_workshop_file(
        store.db.conn, path, ids, meta, digest=file_digest, setup_only=setup_only
    )
    return ExportResult(path, counts)


def file_digest(content: FileContent) -> str:
    return content_digest(file_hashes(content))


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
    choices: dict[str, str] | None = None,
) -> list[FileSummary]:
    """Import many files: one backup first, then each file in its own transaction.

    A refused file gets a summary with ``error`` set and changes nothing; the
    other files are still imported. ``choices`` answers programme questions (see
    ``import_workshop_file``) for every file.
    """
    files = [Path(p) for p in paths]
    if files:
        backup_before_import(store, backup_dir)
    summaries = []
    for index, path in enumerate(files):
        if progress is not None:
            progress(index, len(files), path.name)
        try:
            summaries.append(import_workshop_file(store, path, choices=choices))
        except LibraryError as exc:
            problem = exc.problem if isinstance(exc, WorkshopFileError) else str(exc)
            summaries.append(FileSummary(path, error=shorten_long_parts(problem)))
        except ValidationError as exc:
            summaries.append(FileSummary(
                path, error=shorten_long_parts(f"{exc} Refused; nothing was imported.")))
        except Exception:  # noqa: BLE001 - one bad file never stops the batch (issue 12)
            logging.getLogger(__name__).exception("importing %s failed", path)
            summaries.append(FileSummary(path, error=(
                "could not be imported: it holds something this version cannot handle. "
                "Nothing from it was imported; the log file has the details.")))
    if progress is not None:
        progress(len(files), len(files), "")
    return summaries


def read_and_check(path: Path | str) -> FileContent:
    """Read an untrusted file and check it whole; raises WorkshopFileError."""
    content = read_workshop_file(path)
    validate_content(content)
    return content


def import_workshop_file(
    store: Store,
    path: Path | str,
    content: FileContent | None = None,
    *,
    choices: dict[str, str] | None = None,
    questions: list[ProgrammeQuestion] | None = None,
) -> FileSummary:
    """Check one file, then merge it in one transaction (no backup: see import_workshop_files).

    ``choices`` answers the programme questions (:func:`programme_questions`): the file's
    programme id -> the id of the library's programme to add its workshops to, or
    ``SEPARATE``. A question left unanswered refuses the file (``summary.error`` says what
    to choose) and changes nothing. ``questions``: the file's questions, when the caller has
    just worked them out on this library (nothing has run since), so they are not worked
    out twice."""
    path = Path(path)
    content = content or read_and_check(path)
    summary = FileSummary(
        path, content.library_id, content.meta.get("exported_at", "")
    )
    choices = choices or {}
    if questions is None:
        questions = programme_questions(store, content)
    unanswered = _unanswered(store, questions, choices, path)
    if unanswered is not None:
        summary.error = unanswered
        return summary
    with store.transaction():
        _merge_file(store, path, content, questions, choices, summary)
    summary.warnings.extend(look_alikes(store, summary))
    return summary


def _unanswered(store: Store, questions: list[ProgrammeQuestion], choices: dict[str, str],
                path: Path) -> str | None:
    """What to choose for the first programme question ``choices`` leaves unanswered (None:
    all are answered); a deleted programme chosen is refused."""
    for question in questions:
        choice = choices.get(question.file_programme_id)
        if choice is None:
            return question.message(path)
        if choice != SEPARATE:
            target = store.get_programme(choice)
            if target.deleted:
                raise LibraryError(f"The programme “{target.title}” is deleted: restore it first.")
    return None


def _merge_file(store: Store, path: Path, content: FileContent,
                questions: list[ProgrammeQuestion], choices: dict[str, str],
                summary: FileSummary) -> None:
    """Merge a checked file in (inside the caller's transaction): its programmes as chosen,
    its formats, then its rows table by table; the workshops it brought are recorded."""
    own_id = store.library_id
    source = content.library_id if content.library_id != own_id else ""
    codes = {w["id"]: w["code"] for w in content.rows["workshops"]}
    content_seen = file_seen(content)
    for question in questions:
        choice = choices[question.file_programme_id]
        if choice != SEPARATE:
            alias_programme(store, content, question.file_programme_id, choice, summary)
    plan = plan_formats(store, content, path)
    prepared = prepare(store, content, summary, plan.mapping)
    check_ownership(store, content, prepared, path)
    merge_formats(store, plan, summary)
    # An edit to an asset merged away on the other side follows the merge.
    follows = asset_follow.edits_to_merged(store, prepared.rows["assets"],
                                           prepared.redirects)
    for table in MERGED_TABLES:
        merge_table(
            store, table, content, prepared, source, content_seen, codes, summary,
        )
    changes, checks = asset_follow.apply(store, follows)
    summary.changes.extend(changes)
    summary.warnings.extend(checks)
    if prepared.workshop_ids:
        lib.record_sources(
            store,
            sorted(prepared.workshop_ids),
            str(path),
            content.library_id,
            summary.exported_at,
            utc_now(),
        )

__all__ = [
    "EXPORTED_TABLES",
    "SEPARATE",
    "ProgrammeQuestion",
    "programme_questions",
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
