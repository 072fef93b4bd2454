"""Preparing a workshop file's rows for the merge: its purge records and redirects taken in
(as far as a file may, issue 12 rule 2), the library's own rows pointed at merged records,
and the file's rows rewritten the same way (``facilitator.transfer.identity``).

Split from ``facilitator.transfer.workshop_file``, which runs an import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.models import utc_now
from facilitator.store import Store
from facilitator.store import library_ops as lib_ops
from facilitator.store import transfer_merge as lib
from facilitator.store.transfer_file import FileContent, WorkshopFileError, table_columns
from facilitator.transfer import identity
from facilitator.transfer.merge import FileSummary, row_hash

#: Tables merged row by row (formats are merged by version instead).
MERGED_TABLES = ("programmes", "themes", "workshops", "notes", "attendance", "photos",
                 "votes", "priorities", "actions", "progress_updates", "assets",
                 "asset_sources", "connections", "connection_assets")


@dataclass
class Prepared:
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
    #: The library's versions of a table's rows (``transfer_merge.local_values``), where
    #: read already (by ``check_ownership``) for the merge to use.
    held: dict[str, dict[str, tuple]] = field(default_factory=dict)


def prepare(
    store: Store, content: FileContent, summary: FileSummary,
    format_keys: dict[str, str] | None = None,
) -> Prepared:
    """Take in the file's redirects and purge records, point the library's own rows at
    merged records, and rewrite the file's rows the same way (see ``identity``); the file's
    workshops are pointed at the formats ``format_keys`` names (see ``plan_formats``)."""
    format_keys = format_keys or {}
    _take_purges(store, content, summary)
    # Everything purged, here or where the file was made, and what was merged into it.
    purged = lib_ops.purged_ids(store)
    local, valid = _file_redirects(store, content, purged, summary)
    redirects = _save_redirects(store, local, valid, summary)
    local_before = _repoint_here(store, redirects)
    rows, original, normalised = _rewrite_rows(store, content, redirects, purged, format_keys,
                                               summary)
    workshop_ids = {r["id"] for r in rows["workshops"]}
    return Prepared(rows, original, normalised, redirects, local_before, workshop_ids)


def _take_purges(store: Store, content: FileContent, summary: FileSummary) -> None:
    """Take in the file's records of what was removed for good, as far as a file may."""
    # Live data beats "Empty deleted items", both ways (the user guide's "Several laptops,
    # one programme" says why): a record removed for good on the exporting laptop that is
    # in use here (not deleted) stays, as a file may not remove what it does not carry
    # (issue 12, rule 2); and a record removed for good here that the file carries in use
    # comes back, with its rows. Only deleted copies are removed, or kept out.
    carried_live = {table: {r["id"] for r in content.rows[table] if not r["deleted"]}
                    for table in lib_ops.RECORD_TABLES}
    _bring_back(store, content, carried_live, summary)
    incoming = [r for r in content.rows["purged_records"]
                if r["id"] not in carried_live.get(r["table_name"], ())]
    live = {table: lib_ops.live_ids(store, table, [r["id"] for r in incoming
                                                   if r["table_name"] == table])
            for table in {r["table_name"] for r in incoming}}
    taken = [r for r in incoming if r["id"] not in live[r["table_name"]]]
    if len(taken) < len(incoming):
        summary.warnings.append(
            f"{len(incoming) - len(taken)} record(s) this file says were removed for good on "
            "its laptop are in use here; they were kept."
        )
    if taken:
        lib_ops.record_purged(store, taken)
        # The deleted copies here are emptied too (with what was merged into them).
        _purge_here(store, taken, summary)


def _file_redirects(
    store: Store, content: FileContent, purged: dict[str, set[str]], summary: FileSummary,
) -> tuple[list[dict], list[dict]]:
    """The library's redirects (as rows), and those of the file's that may be taken: of
    records it carries, into records it carries, not emptied, and leading somewhere."""
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
    return local, valid


def _save_redirects(
    store: Store, local: list[dict], valid: list[dict], summary: FileSummary
) -> identity.Redirects:
    """Keep the file's redirects new here; every redirect the library now knows, resolved."""
    new = [
        lib_ops.Redirect(**{**row, "deleted": bool(row["deleted"])}) for row in valid
        if (row["table_name"], row["old_id"]) not in {(r["table_name"], r["old_id"])
                                                      for r in local if r == row}
    ]
    if new:  # (with none, the library's redirects are ``local`` still)
        lib_ops.save_redirects(store, new)
        after = [r.row() for r in lib_ops.redirects(store, include_deleted=True)]
        summary.merged += max(0, len(after) - len(local))
        local = after
    return identity.Redirects.resolve(identity.combine(local))


def _repoint_here(store: Store, redirects: identity.Redirects) -> dict[tuple[str, str], str]:
    """Point the library's own rows along the redirects; (table, key) -> the hash of each
    row changed, as it was before."""
    local_before = {}
    # Rows an earlier import sent through a redirect this file shows undone go back (a
    # merge undone on any laptop): as the merge's own undo puts back the rows it moved.
    moved = lib_ops.follow_rewrites(store, redirects.target)
    for table, row in [*moved, *lib_ops.repoint_local(store, redirects.targets)]:
        columns = [c.name for c in table_columns(table)]
        local_before[(table, lib.row_key(table, row))] = row_hash(row, columns)
    return local_before


def _rewrite_rows(
    store: Store, content: FileContent, redirects: identity.Redirects,
    purged: dict[str, set[str]], format_keys: dict[str, str], summary: FileSummary,
) -> tuple[dict[str, list[dict]], dict[str, list[str]], dict[str, list[str]]]:
    """The file's rows of each merged table rewritten along the redirects (a row of a
    purged record skipped), with their hashes as the file had them and as rewritten."""
    rows: dict[str, list[dict]] = {}
    original: dict[str, list[str]] = {}
    normalised: dict[str, list[str]] = {}
    # With no redirects and nothing purged, no row is rewritten or skipped (``rewrite``
    # gives every row back as it is).
    quiet = not redirects and not any(purged.values())
    for table in MERGED_TABLES:
        columns = [c.name for c in table_columns(table)]
        hashes = content.hashes.get(table) or [row_hash(r, columns) for r in content.rows[table]]
        if quiet and table not in ("workshops", "photos"):
            # (every row as it is: the loop below would keep each, unchanged)
            rows[table] = content.rows[table]
            original[table] = normalised[table] = hashes
            continue
        kept, kept_original, kept_hashes = [], [], []
        for row, digest in zip(content.rows[table], hashes, strict=True):
            new_row = row if quiet else identity.rewrite(table, row, redirects, purged)
            if new_row is None:
                summary.skipped += 1
                continue
            if new_row is not row and "id" in row:
                lib_ops.log_rewrites(store, [
                    (table, row["id"], column, row[column], new_row[column], row["updated_at"])
                    for column in identity.FOREIGN_KEYS.get(table, {})
                    if None not in (row[column], new_row[column]) and new_row[column] != row[column]
                ])
            if table == "workshops" and new_row["format_key"] in format_keys:
                new_row = {**new_row, "format_key": format_keys[new_row["format_key"]]}
            if table == "photos":
                new_row = _own_copies(store, content, new_row)
            kept.append(new_row)
            kept_original.append(digest)
            kept_hashes.append(digest if new_row is row else row_hash(new_row, columns))
        rows[table], original[table], normalised[table] = kept, kept_original, kept_hashes
    return rows, original, normalised


def _bring_back(store: Store, content: FileContent, carried_live: dict[str, set[str]],
                summary: FileSummary) -> None:
    """Records emptied from Deleted items here that the file carries in use (not deleted)
    and used since (``_used_since``): their purge record here is withdrawn, so the file's
    rows of them are merged as any other (its notes are data someone needs)."""
    purged = lib_ops.purged_ids(store)
    when = lib_ops.purged_at(store)
    back = [(table, record_id) for table in lib_ops.RECORD_TABLES
            for record_id in sorted(carried_live.get(table, set()) & purged.get(table, set()))
            if _used_since(content, table, record_id, when[(table, record_id)])]
    if not back:
        return
    lib_ops.unpurge(store, back)
    names = {"programmes": ("title", "programme"), "workshops": ("code", "workshop"),
             "themes": ("label", "theme"), "assets": ("name", "asset")}
    said = []
    for table, record_id in back:
        column, kind = names[table]
        row = next(r for r in content.rows[table] if r["id"] == record_id)
        said.append(f"{kind} {row.get(column, record_id)}")
    summary.changes.append(
        "Came back: " + ", ".join(said) + " (emptied from Deleted items here, but still in "
        "use where this file was made; delete it again if it should go)"
    )


#: The rows that show a record in use: its own, and those that belong to it.
_BELONGING = {
    "programmes": (("workshops", "programme_id"), ("themes", "programme_id")),
    "workshops": (("notes", "workshop_id"), ("photos", "workshop_id"),
                  ("attendance", "workshop_id"), ("votes", "workshop_id")),
    "themes": (("notes", "theme_id"),),
    "assets": (),
}


def _used_since(content: FileContent, table: str, record_id: str, purged_at: str) -> bool:
    """Whether the file shows the record used since it was emptied here: its row, or a row
    of its own (a workshop's notes, photos, attendance, votes; a programme's workshops and
    themes; a theme's notes), edited or added after. A copy not touched since (an older
    file, a laptop that had not heard of the deletion) stays out."""
    rows = [r for r in content.rows[table] if r["id"] == record_id]
    for child, column in _BELONGING[table]:
        rows += [r for r in content.rows[child] if r[column] == record_id]
    return any(r["updated_at"] > purged_at for r in rows)


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
        ("assets", "asset", lib_ops.purge_assets),
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
    if not redirects or not any(purged.values()):
        return False
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
             "themes": lib_ops.purge_themes, "assets": lib_ops.purge_assets}
    for row in rows:
        if lib_ops.existing_ids(store, row["table_name"], [row["id"]]):
            purge[row["table_name"]](store, [row["id"]], row["purged_at"])
    # Their redirects (in the library) are forgotten, as emptying does.
    lib_ops.forget_redirects(store, [(r["table_name"], r["id"]) for r in rows])
    return True
