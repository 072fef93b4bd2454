"""Export workshops to a ``.workshop`` file, and import (merge) such files into a library."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from facilitator import __version__
from facilitator.formats import format_from_json, format_to_dict, load_builtin_formats
from facilitator.models import Programme, ValidationError, name_key, utc_now
from facilitator.names import same_name, shorten_long_parts
from facilitator.store import Store
from facilitator.store import assets as assets_sql
from facilitator.store import library_ops as lib_ops
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
from facilitator.transfer import identity
from facilitator.transfer.merge import (
    Conflict,
    Decision,
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
    shorten,
)
from facilitator.transfer.validate import validate_content

FILE_SUFFIX = ".workshop"
BACKUPS_FOLDER = "Backups"
#: Tables merged row by row (formats are merged by version instead).
MERGED_TABLES = ("programmes", "themes", "workshops", "notes", "attendance", "photos",
                 "votes", "priorities", "actions", "progress_updates", "assets",
                 "asset_sources", "connections", "connection_assets")

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
    choices: dict[str, str] | None = None,
) -> list[FileSummary]:
    """Import many files: one backup first, then each file in its own transaction.

    A refused file gets a summary with ``error`` set and changes nothing; the
    other files are still imported. ``choices`` answers programme questions (see
    ``import_workshop_file``) for every file.
    """
    paths = [Path(p) for p in paths]
    if paths:
        backup_before_import(store, backup_dir)
    summaries = []
    for index, path in enumerate(paths):
        if progress is not None:
            progress(index, len(paths), path.name)
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
        progress(len(paths), len(paths), "")
    return summaries


def read_and_check(path: Path | str) -> FileContent:
    """Read an untrusted file and check it whole; raises WorkshopFileError."""
    content = read_workshop_file(path)
    validate_content(content)
    return content


SEPARATE = "separate"


@dataclass
class ProgrammeQuestion:
    """A programme in a file that is not in the library by identity, while one with the same
    title (case, spacing and punctuation aside) is: add its workshops to that one, or keep
    it separate? The answer is remembered (a redirect), so it is asked once per laptop."""

    file_programme_id: str
    file_title: str
    candidates: list[Programme]

    def message(self, path: Path) -> str:
        target = self.candidates[0].title
        return (
            f"The programme “{self.file_title}” in {path.name} was set up separately from "
            f"“{target}” in this library, which has the same title: it needs a choice: add "
            f"its workshops to “{target}” (--into \"{target}\") or keep it separate "
            "(--separate)."
        )


def programme_questions(store: Store, content: FileContent) -> list[ProgrammeQuestion]:
    """The file's programmes that need the question (see ProgrammeQuestion)."""
    known = identity.combine(
        [r.row() for r in lib_ops.redirects(store, include_deleted=True)],
        content.rows["merged_records"],
    )
    redirects = identity.Redirects.resolve(known)
    rows = [r for r in content.rows["programmes"] if not r["deleted"]]
    merged_into: dict[str, set[str]] = {}
    for old, new in redirects.targets.get("programmes", {}).items():
        merged_into.setdefault(new, set()).add(old)
    wanted = set()
    for row in rows:
        target = redirects.target("programmes", row["id"])
        wanted |= {target} | merged_into.get(target, set())
    local_ids = lib_ops.existing_ids(store, "programmes", wanted)
    purged = lib_ops.purged_ids(store)["programmes"]
    questions = []
    live = store.programmes()
    for row in rows:
        target = redirects.target("programmes", row["id"])
        # Known here by identity, or a programme here was merged into it (on any laptop).
        if ({target} | merged_into.get(target, set())) & local_ids:
            continue
        if target in purged or row["id"] in purged:
            continue
        candidates = [p for p in live if name_key(p.title) == name_key(row["title"])]
        if candidates:
            questions.append(ProgrammeQuestion(row["id"], row["title"], candidates))
    return questions


def import_workshop_file(
    store: Store,
    path: Path | str,
    content: FileContent | None = None,
    *,
    choices: dict[str, str] | None = None,
) -> FileSummary:
    """Check one file, then merge it in one transaction (no backup: see import_workshop_files).

    ``choices`` answers the programme questions (:func:`programme_questions`): the file's
    programme id -> the id of the library's programme to add its workshops to, or
    ``SEPARATE``. A question left unanswered refuses the file (``summary.error`` says what
    to choose) and changes nothing."""
    path = Path(path)
    content = content or read_and_check(path)
    summary = FileSummary(
        path, content.library_id, content.meta.get("exported_at", "")
    )
    choices = choices or {}
    questions = programme_questions(store, content)
    for question in questions:
        choice = choices.get(question.file_programme_id)
        if choice is None:
            summary.error = question.message(path)
            return summary
        if choice != SEPARATE:
            target = store.get_programme(choice)
            if target.deleted:
                raise LibraryError(f"The programme “{target.title}” is deleted: restore it first.")
    own_id = store.library_id
    source = content.library_id if content.library_id != own_id else ""
    codes = {w["id"]: w["code"] for w in content.rows["workshops"]}
    file_bases = _file_bases(content, own_id)
    content_seen = _file_seen(content)
    with store.transaction():
        for question in questions:
            choice = choices[question.file_programme_id]
            if choice != SEPARATE:
                _alias_programme(store, content, question.file_programme_id, choice, summary)
        plan = _plan_formats(store, content, path)
        prepared = _prepare(store, content, summary, plan.mapping)
        _check_ownership(store, content, prepared, path)
        _merge_formats(store, plan, summary)
        for table in MERGED_TABLES:
            _merge_table(
                store, table, content, prepared, source, file_bases, content_seen, codes,
                summary,
            )
        if prepared.workshop_ids:
            lib.record_sources(
                store,
                sorted(prepared.workshop_ids),
                str(path),
                content.library_id,
                summary.exported_at,
                utc_now(),
            )
    summary.warnings.extend(_look_alikes(store, summary))
    return summary


@dataclass
class _Prepared:
    """A file's rows after redirects and purges: what is merged, and the hashes to compare."""

    rows: dict[str, list[dict]]
    #: Each row's hash as the file had it (before rewriting), per table.
    original: dict[str, list[str]]
    #: Each row's hash as rewritten (the same as ``original`` for most rows).
    hashes: dict[str, list[str]]
    redirects: identity.Redirects
    #: (table, key) -> hash of the library's row before it was pointed at a merged record.
    local_before: dict[tuple[str, str], str]
    workshop_ids: set[str]


def _prepare(
    store: Store, content: FileContent, summary: FileSummary,
    format_keys: dict[str, str] | None = None,
) -> _Prepared:
    """Take in the file's redirects and purge records, point the library's own rows at
    merged records, and rewrite the file's rows the same way (see ``identity``); the file's
    workshops are pointed at the formats ``format_keys`` names (see ``_plan_formats``)."""
    format_keys = format_keys or {}
    # A record removed for good on the exporting laptop that is in use here (not deleted)
    # stays: a file may not remove what it does not carry (issue 12, rule 2).
    incoming = content.rows["purged_records"]
    live = {table: lib_ops.live_ids(store, table, [r["id"] for r in incoming
                                                   if r["table_name"] == table])
            for table in lib_ops.RECORD_TABLES}
    taken = [r for r in incoming if r["id"] not in live[r["table_name"]]]
    if len(taken) < len(incoming):
        summary.warnings.append(
            f"{len(incoming) - len(taken)} record(s) this file says were removed for good on "
            "its laptop are in use here; they were kept."
        )
    lib_ops.record_purged(store, taken)
    # The deleted copies here are emptied too (with what was merged into them).
    _purge_here(store, taken, summary)
    # Everything purged, here or where the file was made, and what was merged into it.
    purged = lib_ops.purged_ids(store)
    carried = {t: {r["id"] for r in content.rows[t]} for t in lib_ops.RECORD_TABLES}
    local = [r.row() for r in lib_ops.redirects(store, include_deleted=True)]
    valid, ignored = [], 0
    for row in content.rows["merged_records"]:
        # A file may merge only records it carries, into records it carries (issue 12): a
        # merge into another workshop here would move the file's notes into it.
        mine = carried.get(row["table_name"], ())
        if row["old_id"] in mine and row["new_id"] in mine:
            valid.append(row)
        else:
            ignored += 1
    # A record merged into one emptied from Deleted items (here, or where the file was made)
    # is emptied with it, as it would have been had the merge happened first.
    valid = [r for r in valid if r["old_id"] not in purged.get(r["table_name"], ())]
    redirects = identity.Redirects.resolve(identity.combine(local, valid))
    if _purge_merged_into_purged(store, redirects, purged):
        local = [r.row() for r in lib_ops.redirects(store, include_deleted=True)]
        valid = [r for r in valid if r["old_id"] not in purged.get(r["table_name"], ())]
        # (one that is in use here stays, and is no longer sent to a removed record)
        redirects = identity.Redirects.resolve(identity.combine(local, valid))
        valid = [r for r in valid if redirects.target(r["table_name"], r["old_id"])
                 not in purged.get(r["table_name"], ())]
    known = identity.combine(local, valid)
    redirects = identity.Redirects.resolve(known)
    # A redirect to a record neither here nor in the file cannot be followed.
    for table, targets in redirects.targets.items():
        missing = set(targets.values()) - carried.get(table, set())
        missing -= lib_ops.existing_ids(store, table, missing)
        if missing:
            valid = [r for r in valid if not (r["table_name"] == table and
                                              redirects.target(table, r["old_id"]) in missing)]
            ignored += 1
    if ignored:
        summary.warnings.append(
            f"{ignored} merge record(s) in this file name records it does not carry; "
            "they were ignored."
        )
    new = [
        lib_ops.Redirect(**{**row, "deleted": bool(row["deleted"])}) for row in valid
        if (row["table_name"], row["old_id"]) not in {(r["table_name"], r["old_id"])
                                                      for r in local if r == row}
    ]
    before_count = len(local)
    lib_ops.save_redirects(store, new)
    redirects = identity.Redirects.resolve(
        identity.combine([r.row() for r in lib_ops.redirects(store, include_deleted=True)])
    )
    if len(lib_ops.redirects(store, include_deleted=True)) > before_count:
        summary.merged += len(lib_ops.redirects(store, include_deleted=True)) - before_count
    local_before = {}
    for table, row in lib_ops.repoint_local(store, redirects.targets):
        columns = [c.name for c in table_columns(table)]
        local_before[(table, lib.row_key(table, row))] = row_hash(row, columns)
    rows: dict[str, list[dict]] = {}
    original: dict[str, list[str]] = {}
    normalised: dict[str, list[str]] = {}
    for table in MERGED_TABLES:
        columns = [c.name for c in table_columns(table)]
        hashes = content.hashes.get(table) or [row_hash(r, columns) for r in content.rows[table]]
        kept, kept_original, kept_hashes = [], [], []
        for row, digest in zip(content.rows[table], hashes, strict=True):
            new_row = identity.rewrite(table, row, redirects, purged)
            if new_row is None:
                summary.skipped += 1
                continue
            if table == "workshops" and new_row["format_key"] in format_keys:
                new_row = {**new_row, "format_key": format_keys[new_row["format_key"]]}
            if table == "photos":
                new_row = _own_copies(store, content, new_row)
            kept.append(new_row)
            kept_original.append(digest)
            kept_hashes.append(digest if new_row is row else row_hash(new_row, columns))
        rows[table], original[table], normalised[table] = kept, kept_original, kept_hashes
    workshop_ids = {r["id"] for r in rows["workshops"]}
    return _Prepared(rows, original, normalised, redirects, local_before, workshop_ids)


def _own_copies(store: Store, content: FileContent, row: dict) -> dict:
    """The photo with a display copy and thumbnail made here, not the file's (issue 12,
    rule 6): those this library already holds for the same original, or new ones made from
    the original."""
    from facilitator.photos import PhotoError, remake_copies

    copies = lib.own_photo_copies(store, row["id"], row["original"])
    if copies is None:
        try:
            copies = remake_copies(row["file_name"], row["original"])
        except PhotoError as exc:
            raise WorkshopFileError(content.path, f"{exc} Refused; nothing was imported.") from None
    if copies == (row["display"], row["thumbnail"]):
        return row
    return {**row, "display": copies[0], "thumbnail": copies[1]}


def _purge_here(store: Store, rows: list[dict], summary: FileSummary) -> None:
    """Records the file says were emptied from Deleted items (for good) that are deleted
    here too are removed here as well, with what was merged into them, at the file's purge
    time: the laptop that emptied them cannot take them back. (Records still in use here
    were left out before: a file may not remove them.) A programme is only removed if
    this library has no live workshops of it left. The summary names what was removed;
    the backup taken before the import still has it."""
    named: dict[str, set[str]] = {}
    for row in rows:
        named.setdefault(row["table_name"], set()).add(row["id"])
    removed = []
    for table, label, purge in (
        ("themes", "theme", lib_ops.purge_themes),
        ("workshops", "workshop", lib_ops.purge_workshops),
        ("programmes", "programme", lib_ops.purge_programmes),
    ):
        here = lib_ops.existing_ids(store, table, named.get(table, ()))
        when = lib_ops.purged_at(store)
        if table == "programmes":
            kept = {p for p in here if lib_ops.live_workshops_of(store, p)}
            for programme_id in sorted(kept):
                summary.warnings.append(
                    f"The programme “{store.get_programme(programme_id).title}” was emptied "
                    "from Deleted items where this file was made, but it still has workshops "
                    "here: it was kept."
                )
            here -= kept
        if here:
            names = lib_ops.record_names(store, table, here)
            for record_id in sorted(here):
                # What was merged into it goes with it, emptied at the same time.
                purge(store, [record_id], when[(table, record_id)])
            removed += [f"{label} {name}" for name in names]
    if removed:
        summary.changes.append(
            "Emptied from Deleted items where this file was made, so removed here too: "
            + ", ".join(removed)
        )


def _purge_merged_into_purged(
    store: Store, redirects: identity.Redirects, purged: dict[str, set[str]]
) -> bool:
    """Records whose redirects end at a purged record are purged too (added to ``purged``,
    with its purge time, and removed here if this library has them). Returns whether any
    were."""
    when = lib_ops.purged_at(store)
    rows, in_use = [], []
    for table, targets in redirects.targets.items():
        ending = [old for old, target in sorted(targets.items())
                  if target in purged.get(table, ()) and old not in purged.get(table, ())]
        live = lib_ops.live_ids(store, table, ending)
        for old in ending:
            if old in live:  # in use here: it stays (issue 12, rule 2), unredirected
                in_use.append((table, old))
                continue
            purged.setdefault(table, set()).add(old)
            rows.append({"table_name": table, "id": old,
                         "purged_at": when.get((table, targets[old])) or utc_now()})
    if not rows and not in_use:
        return False
    lib_ops.forget_redirects(store, in_use)
    lib_ops.record_purged(store, rows)
    purge = {"programmes": lib_ops.purge_programmes, "workshops": lib_ops.purge_workshops,
             "themes": lib_ops.purge_themes}
    for row in rows:
        if lib_ops.existing_ids(store, row["table_name"], [row["id"]]):
            purge[row["table_name"]](store, [row["id"]], row["purged_at"])
    # Their redirects (in the library) are forgotten, as emptying does.
    lib_ops.forget_redirects(store, [(r["table_name"], r["id"]) for r in rows])
    return True


def _alias_programme(
    store: Store, content: FileContent, file_programme_id: str, target_id: str,
    summary: FileSummary,
) -> None:
    """The choice "add these workshops to the existing programme": the file's programme is
    kept as a deleted row redirected to the chosen one (so the next file from that laptop,
    and files exported from here back to it, merge without asking), and its themes that
    have a label the chosen programme already uses are redirected to those themes."""
    now = utc_now()
    target = store.get_programme(target_id)
    row = next(r for r in content.rows["programmes"] if r["id"] == file_programme_id)
    lib_ops.insert_row(store, "programmes", {**row, "deleted": 1, "updated_at": now})
    redirects = [lib_ops.Redirect("programmes", file_programme_id, target_id, now, now)]
    existing = {(t.step_key, name_key(t.label)): t for t in store.themes(target_id)}
    themes = [r for r in content.rows["themes"]
              if r["programme_id"] == file_programme_id and not r["deleted"]]
    local = lib_ops.existing_ids(store, "themes", [t["id"] for t in themes])
    for theme in themes:
        match = existing.get((theme["step_key"], name_key(theme["label"])))
        if match is None or theme["id"] in local:
            continue
        lib_ops.insert_row(store, "themes", {**theme, "deleted": 1, "updated_at": now})
        redirects.append(lib_ops.Redirect("themes", theme["id"], match.id, now, now))
    lib_ops.save_redirects(store, redirects)
    summary.changes.append(
        f"Programme “{row['title']}” from this file added to “{target.title}”, as chosen"
        + (f" ({len(redirects) - 1} theme(s) of the same label joined)" if len(redirects) > 1
           else "")
    )


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
    asset_names: dict[str, dict[str, int]] = {}
    for asset_id in summary.added.get("assets", []):
        asset = assets_sql.get_asset(store, asset_id)
        if asset.deleted:
            continue
        if asset.programme_id not in asset_names:
            counted: dict[str, int] = {}
            for other in assets_sql.assets(store, asset.programme_id):
                counted[name_key(other.name)] = counted.get(name_key(other.name), 0) + 1
            asset_names[asset.programme_id] = counted
        if asset_names[asset.programme_id].get(name_key(asset.name), 0) > 1:
            warnings.append(
                f"The asset “{asset.name}” was also added on another laptop: merge the two "
                "in the asset register (Possible duplicates)."
            )
    for workshop_id in summary.added.get("workshops", []):
        workshop = store.get_workshop(workshop_id)
        if _has_twin(workshop, store.workshops(workshop.programme_id), lambda w: w.code):
            warnings.append(
                f"Workshop code {workshop.code} now appears twice in the same programme "
                "(made separately on two laptops): if it is one workshop written up by two "
                "scribes, merge the two (Workshop ▸ Merge…, or main.py merge-workshops); "
                "otherwise give one another code."
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


@dataclass
class _FormatPlan:
    """Which format each of the file's workshops will use here, and the formats to add."""

    #: The file's format key -> the key its workshops use here, where they differ.
    mapping: dict[str, str]
    #: Format rows to add (the file's formats new here, and new versions of changed ones).
    added: list[dict]
    unchanged: int
    #: One line per new version, for the summary.
    lines: list[str]


def _format_body(fmt) -> str:
    """A format's definition without its key and name: what decides where notes go."""
    data = format_to_dict(fmt)
    data.pop("key")
    data.pop("name")
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _plan_formats(store: Store, content: FileContent, path: Path) -> _FormatPlan:
    """Formats are never replaced by an import (issue 12, rule 2): a format the library has
    is kept as it is for every workshop already here. A format in the file that is new here
    is added; one that differs from the library's format of the same key (a built-in one
    included, whatever version number the file claims) is added as a new format version, a
    copy under its own key that only the file's workshops use. That copy's key comes from its
    content, so importing the file again, or on another laptop, finds the same one, and a
    copy exported back to the laptop it came from is recognised there as its own format.
    Formats the file carries that none of its workshops use are ignored."""
    used = {r["format_key"] for r in content.rows["workshops"]}
    incoming = [r for r in content.rows["formats"] if r["key"] in used]
    local = store.formats()
    by_body = {}
    for key, fmt in sorted(local.items()):
        by_body.setdefault(_format_body(fmt), key)
    plan = _FormatPlan({}, [], 0, [])
    codes: dict[str, list[str]] = {}
    for row in content.rows["workshops"]:
        codes.setdefault(row["format_key"], []).append(row["code"])
    for row in incoming:
        fmt = format_from_json(row["definition"], source=f"format {row['key']!r}")
        mine = local.get(row["key"])
        body = _format_body(fmt)
        if mine is not None and _format_body(mine) == body:
            plan.unchanged += 1
            continue
        same = by_body.get(body)
        if same is not None:
            # The same definition is here under another key (a copy made by an earlier
            # import, or the original of a copy coming back): the workshops use that one.
            plan.mapping[row["key"]] = same
            plan.unchanged += 1
            continue
        if mine is None:
            plan.added.append(row)
            local[row["key"]] = fmt
            by_body[body] = row["key"]
            continue
        digest = hashlib.blake2b(body.encode(), digest_size=4).hexdigest()
        key = f"{row['key'][:40]}~{digest}"
        name = f"{fmt.name[:200]} (version {fmt.version}, {digest})"
        version = replace(fmt, key=key, name=name)
        plan.added.append({**row, "key": key, "name": name, "definition": version.to_json()})
        plan.mapping[row["key"]] = key
        by_body[body] = key
        local[key] = version
        what = "the built-in format" if row["key"] in _builtin_keys() else "the format"
        plan.lines.append(
            f"Format “{shorten(fmt.name, 80)}” in this file differs from {what} of that name "
            f"here, which is kept for the workshops already here; the file's version is added "
            f"as “{shorten(name, 100)}” for its workshops ({', '.join(codes[row['key']][:10])})"
        )
    return plan


@functools.cache
def _builtin_keys() -> frozenset[str]:
    return frozenset(load_builtin_formats())


def _merge_formats(store: Store, plan: _FormatPlan, summary: FileSummary) -> None:
    counts = summary.counts.setdefault("formats", Counter())
    counts[Outcome.ADDED] += len(plan.added)
    counts[Outcome.UNCHANGED] += plan.unchanged
    lib.upsert(store, "formats", plan.added)
    summary.changes.extend(plan.lines)


def _check_ownership(
    store: Store, content: FileContent, prepared: _Prepared, path: Path
) -> None:
    """An import may add or change only rows that belong to the workshops the file carries,
    and their programmes and themes (issue 12, rule 2): a file reusing the id of a note,
    photo or vote of another workshop here, or of a theme or programme of another
    programme, is refused whole."""
    rows = prepared.rows
    workshops = set(prepared.workshop_ids)
    # A workshop the file carries that was merged into another (here or in the file): its
    # notes are under that one here.
    workshops |= {prepared.redirects.target("workshops", w) for w in prepared.workshop_ids}
    programmes = {r["programme_id"] for r in rows["workshops"]}
    themes_used = {r["theme_id"] for r in rows["notes"] if r["theme_id"]}
    programmes |= {r["programme_id"] for r in rows["themes"] if r["id"] in themes_used}
    for record in content.rows["merged_records"]:
        if record["table_name"] == "programmes":
            programmes |= {prepared.redirects.target("programmes", record["old_id"]),
                           record["old_id"]}
    programmes |= {old for old, new in prepared.redirects.targets.get("programmes", {}).items()
                   if new in programmes}

    def refuse(problem: str) -> None:
        raise WorkshopFileError(path, f"{problem} It may have been altered: refused; "
                                "nothing was imported.")

    for row in rows["programmes"]:
        if row["id"] not in programmes:
            refuse(f"It carries the programme “{shorten(row['title'], 80)}” without any of its "
                   "workshops.")
    for table in ("notes", "photos", "votes"):
        if not rows[table]:
            continue
        for mine in lib.local_rows(store, table, rows[table]).values():
            if mine["workshop_id"] not in workshops:
                code = store.get_workshop(mine["workshop_id"]).code
                refuse(f"It holds a {table[:-1]} with the id of a {table[:-1]} of workshop "
                       f"{code} here, which the file does not carry.")
    if rows["themes"]:
        for mine in lib.local_rows(store, "themes", rows["themes"]).values():
            if mine["programme_id"] not in programmes:
                refuse(f"It holds a theme with the id of the theme “{shorten(mine['label'], 80)}”"
                       " of another programme here.")


def _merge_table(
    store: Store,
    table: str,
    content: FileContent,
    prepared: _Prepared,
    source: str,
    file_bases: dict,
    content_seen: dict,
    codes: dict[str, str],
    summary: FileSummary,
) -> None:
    incoming = prepared.rows[table]
    counts = summary.counts.setdefault(table, Counter())
    if not incoming:
        return
    columns = [c.name for c in table_columns(table)]
    local = lib.local_rows(store, table, incoming)
    keys = [lib.row_key(table, row) for row in incoming]
    own_seen = lib.all_merge_bases(store, table, keys)
    own_file = content.library_id == store.library_id
    own_id = store.library_id
    redirects = prepared.redirects
    upserts, seen = [], []
    relayed: dict[str, list[tuple[str, str, str, str]]] = {}
    for key, row, original, digest in zip(
        keys, incoming, prepared.original[table], prepared.hashes[table], strict=True
    ):
        mine = local.get(key)
        mine_hash = row_hash(mine, columns) if mine is not None else None
        theirs_seen = content_seen.get((table, key), {})
        mine_seen = own_seen.get(key, {})
        base = newest_base(mine_seen.get(source) if source else None,
                           file_bases.get((table, key)))
        decision = decide(
            digest, row["updated_at"], mine_hash, mine["updated_at"] if mine else None, base,
            own_file=own_file,
            settled=one_side_behind(
                digest, mine_hash, mine_seen, theirs_seen, file_alt=original,
                local_alt=prepared.local_before.get((table, key)),
            ) if mine_hash is not None else "",
            file_alt=original,
            local_alt=prepared.local_before.get((table, key)),
        )
        if decision.take_file and table == "programmes" and mine is not None:
            kept = _programme_kept(store, row, mine, prepared)
            if kept:
                summary.warnings.append(kept)
                decision = Decision(Outcome.UNCHANGED, False, False)
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
            if mine is not None:
                summary.changes.extend(_change_lines(store, table, mine, row))
        merged_away = table in identity.PARENTS and redirects.is_redirected(table, key)
        if decision.conflict and not merged_away:
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


def _programme_kept(store: Store, row: dict, mine: dict, prepared: _Prepared) -> str:
    """A file may delete a programme only if the library has no live workshops of it that
    the file does not carry; otherwise the programme is kept, and the reason returned."""
    if not row["deleted"] or mine["deleted"]:
        return ""
    outside = [code for wid, code in lib_ops.live_workshops_of(store, row["id"])
               if wid not in prepared.workshop_ids]
    if not outside:
        return ""
    return (
        f"This file deletes the programme “{mine['title']}”, but this library has workshops "
        f"of it that the file does not carry ({', '.join(outside)}): the programme was kept."
    )


def _change_lines(store: Store, table: str, mine: dict, theirs: dict) -> list[str]:
    """What a person should hear about a taken row beyond "updated": deletions, restores,
    renames and moves."""
    lines = []
    if table == "programmes":
        name = f"Programme “{theirs['title']}”"
        if mine["title"] != theirs["title"]:
            lines.append(f"Programme “{mine['title']}” renamed to “{theirs['title']}”")
    elif table == "workshops":
        name = f"Workshop {theirs['code']}"
        if mine["code"] != theirs["code"]:
            lines.append(f"Workshop {mine['code']} renamed to {theirs['code']}")
        if mine["programme_id"] != theirs["programme_id"]:
            lines.append(f"{name} moved to “{_programme_title(store, theirs['programme_id'])}”")
    elif table == "themes":
        name = f"Theme “{theirs['label']}”"
        if mine["label"] != theirs["label"]:
            lines.append(f"Theme “{mine['label']}” renamed to “{theirs['label']}”")
    else:
        return lines
    if mine["deleted"] != theirs["deleted"]:
        lines.append(f"{name} {'deleted' if theirs['deleted'] else 'restored'}")
    return lines


def _programme_title(store: Store, programme_id: str) -> str:
    try:
        return store.get_programme(programme_id).title
    except LibraryError:
        return "a programme in this file"


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
    if table == "votes":
        return f"Votes in {codes.get(row['workshop_id'], '?')}"
    if table in ("priorities", "actions", "progress_updates"):
        kind = {"priorities": "Priority", "actions": "Action",
                "progress_updates": "Progress update"}[table]
        return f"{kind} {describe(table, row)[:40]}"
    if table == "assets":
        return "Asset in the register"
    if table == "connections":
        return "Connection of assets"
    if table in ("asset_sources", "connection_assets"):
        return "Link in the asset register"
    return f"{table[:-1].capitalize()} {describe(table, row)[:40]}"


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
