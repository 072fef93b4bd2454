"""Merging a workshop file's prepared rows into the library, table by table: the check
that a file only changes its own workshops (issue 12, rule 2), the three-way decision per
row (``facilitator.transfer.merge.decide``), and the lines the import summary shows.

Split from ``facilitator.transfer.workshop_file``, which runs an import.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from facilitator.store import Store
from facilitator.store import library_ops as lib_ops
from facilitator.store import transfer_merge as lib
from facilitator.store.errors import LibraryError
from facilitator.store.transfer_file import FileContent, WorkshopFileError, table_columns
from facilitator.transfer import identity
from facilitator.transfer.merge import (
    Conflict,
    Decision,
    FileSummary,
    Outcome,
    decide,
    describe,
    describe_pair,
    newest_base,
    one_side_behind,
    row_hash,
    shorten,
)
from facilitator.transfer.prepare import Prepared


def file_seen(content: FileContent) -> dict[tuple[str, str], dict[str, tuple[str, str]]]:
    """For each row, the version the exporting library last took in from each library (from
    this one too: a common ancestor of the row)."""
    seen: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    for row in content.rows["merge_base"]:
        seen.setdefault((row["table_name"], row["row_key"]), {})[row["source_id"]] = (
            row["row_hash"], row["updated_at"]
        )
    return seen


def check_ownership(
    store: Store, content: FileContent, prepared: Prepared, path: Path
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
        # The library's versions of the rows, read set-wise once: the merge settles the
        # rows with them (nothing writes these tables before it; see ``merge_table``).
        held = prepared.held[table] = lib.local_values(store, table, rows[table])
        at = [c.name for c in table_columns(table)].index("workshop_id")
        outside = [key for key, values in held.items() if values[at] not in workshops]
        if outside:
            code = store.get_workshop(held[min(outside)][at]).code
            refuse(f"It holds a {table[:-1]} with the id of a {table[:-1]} of workshop "
                   f"{code} here, which the file does not carry.")
    if rows["themes"]:
        for mine in lib.local_rows(store, "themes", rows["themes"]).values():
            if mine["programme_id"] not in programmes:
                refuse(f"It holds a theme with the id of the theme “{shorten(mine['label'], 80)}”"
                       " of another programme here.")


def merge_table(
    store: Store,
    table: str,
    content: FileContent,
    prepared: Prepared,
    source: str,
    content_seen: dict,
    codes: dict[str, str],
    summary: FileSummary,
) -> None:
    incoming = prepared.rows[table]
    counts = summary.counts.setdefault(table, Counter())
    if not incoming:
        return
    columns = [c.name for c in table_columns(table)]
    keys = lib.row_keys(table, incoming)
    held, settled = _settle_held(store, table, incoming, keys, columns, prepared)
    own_id = store.library_id
    relaying, own_seen = _seen_here(store, table, keys, settled, content_seen, own_id, source)
    new_rows: list[dict] = []
    upserts: list[dict] = []
    seen: list[tuple[str, str, str, str]] = []
    relayed: dict[str, list[tuple[str, str, str, str]]] = {}
    for key, row, original, digest, decision in zip(
        keys, incoming, prepared.original[table], prepared.hashes[table], settled, strict=True
    ):
        if decision is not None and key not in relaying:
            # Settled, and nothing of it to take on from third libraries: the quick way.
            counts[decision.outcome] += 1
            if decision.outcome is Outcome.ADDED:
                summary.added.setdefault(table, []).append(key)
            if decision.take_file:
                (upserts if key in held else new_rows).append(row)
            seen.append((table, key, digest, row["updated_at"]))
            continue
        mine = None
        theirs_seen = content_seen.get((table, key), {})
        mine_seen = own_seen.get(key, {})
        if decision is not None:
            mine_hash = None if decision is _ADDED else digest
        else:
            mine = dict(zip(columns, held[key], strict=True))
            mine_hash = row_hash(mine, columns)
            decision = _decide_row(table, key, row, original, digest, mine, mine_hash,
                                   content.library_id == own_id, source, own_id, mine_seen,
                                   theirs_seen, prepared)
        if decision.take_file and table == "programmes" and mine is not None:
            decision = _programme_decision(store, row, mine, decision, prepared, summary)
        if decision.take_file or mine_hash == digest:
            # This library now holds the file's version, and with it what the file's
            # library had already seen of the row from third libraries.
            _relay(table, key, theirs_seen, mine_seen, (own_id, source), relayed)
        counts[decision.outcome] += 1
        if decision.take_file:
            (upserts if key in held else new_rows).append(row)
        _tell(store, content, prepared, table, key, row, mine, decision, codes, summary)
        seen.append((table, key, digest, row["updated_at"]))
    _write(store, table, keys, new_rows, upserts, source, seen, relayed)


def _settle_held(
    store: Store, table: str, incoming: list[dict], keys: list[str], columns: list[str],
    prepared: Prepared,
) -> tuple[dict, list[Decision | None]]:
    """The library's versions of the rows (by key), and the decisions they settle alone.

    Set-wise first: the library's versions of the rows, in one read (for notes, photos
    and votes already read by ``check_ownership``). A row it does not hold is new; one
    it holds exactly as the file has it (every value, of the same type: the same content
    digest) is unchanged. ``decide`` says exactly that of both kinds, whatever else is
    known of the row, so only the rows whose versions differ are made whole rows, hashed
    and decided one by one."""
    held = prepared.held.pop(table, None)
    if held is None:
        held = lib.local_values(store, table, incoming)
    settled = [settle(row, columns, held.get(key)) for key, row in zip(keys, incoming,
                                                                         strict=True)]
    return held, settled


def _seen_here(
    store: Store, table: str, keys: list[str], settled: list[Decision | None],
    content_seen: dict, own_id: str, source: str,
) -> tuple[set[str], dict]:
    """The keys of the rows to relay, and what this library has seen of the rows it needs."""
    # The rows whose versions the file's library had seen from third libraries: this one
    # takes those on with the row.
    relaying = {key for (name, key), by in content_seen.items()
                if name == table and any(other not in (own_id, source) for other in by)}
    # What this library has seen of a row matters to a differing row's decision, and to
    # what it takes on from what the file's library had seen.
    wanted = [key for key, decision in zip(keys, settled, strict=True)
              if decision is None or key in relaying]
    own_seen = lib.all_merge_bases(store, table, wanted) if wanted else {}
    return relaying, own_seen


def _programme_decision(store: Store, row: dict, mine: dict, decision: Decision,
                        prepared: Prepared, summary: FileSummary) -> Decision:
    """``decision`` to take the file's version of a programme, unless the programme must be
    kept (``_programme_kept``: the summary warns why, and the library's version stays)."""
    kept = _programme_kept(store, row, mine, prepared)
    if kept:
        summary.warnings.append(kept)
        return Decision(Outcome.UNCHANGED, False, False)
    return decision


def _relay(table: str, key: str, theirs_seen: dict, mine_seen: dict, skip: tuple[str, str],
           relayed: dict[str, list[tuple[str, str, str, str]]]) -> None:
    """What the file's library had seen of a row from third libraries (not ``skip``: this
    one and the file's), newer than this library knew: to record as seen here too."""
    for other, (other_hash, other_updated) in theirs_seen.items():
        known = mine_seen.get(other)
        if other in skip:
            continue
        if known is None or known[1] < other_updated:
            relayed.setdefault(other, []).append(
                (table, key, other_hash, other_updated)
            )


def _tell(store: Store, content: FileContent, prepared: Prepared, table: str, key: str,
          row: dict, mine: dict | None, decision: Decision, codes: dict[str, str],
          summary: FileSummary) -> None:
    """Put in the summary what a person should hear of a decided row: its key if added,
    the changes of a taken row, and a conflict (not of a record merged away)."""
    if decision.outcome is Outcome.ADDED:
        summary.added.setdefault(table, []).append(key)
    if decision.take_file and mine is not None:
        summary.changes.extend(_change_lines(store, table, mine, row))
    merged_away = table in identity.PARENTS and prepared.redirects.is_redirected(table, key)
    if decision.conflict and not merged_away and mine is not None:  # (both hold it)
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


def _write(store: Store, table: str, keys: list[str], new_rows: list[dict],
           upserts: list[dict], source: str, seen: list[tuple[str, str, str, str]],
           relayed: dict[str, list[tuple[str, str, str, str]]]) -> None:
    """Write the rows taken, and what this library has now seen of each row."""
    # (rows new here go in plainly, unless the file names one key twice)
    unique = len(set(keys)) == len(keys)
    lib.upsert(store, table, new_rows, new=unique)
    lib.upsert(store, table, upserts)
    if source:
        lib.record_bases(store, source, seen)
    for other, entries in relayed.items():
        lib.record_bases(store, other, entries)


_ADDED = Decision(Outcome.ADDED, True, False)
_UNCHANGED = Decision(Outcome.UNCHANGED, False, False)


def settle(row: dict, columns: list[str], values: tuple | None) -> Decision | None:
    """The decision for a file's row that its version and the library's (``values``, None
    if the library does not hold it) settle alone, as ``decide`` would make it: a row new
    here is added; one the library holds exactly so (every value, of the same type, so the
    same ``row_hash``) is unchanged. None: the versions differ, for ``decide``."""
    if values is None:
        return _ADDED
    mine = tuple(map(row.__getitem__, columns))
    if mine == values and list(map(type, mine)) == list(map(type, values)):
        return _UNCHANGED
    return None


def _decide_row(
    table: str, key: str, row: dict, original: str, digest: str, mine: dict, mine_hash: str,
    own_file: bool, source: str, own_id: str, mine_seen: dict, theirs_seen: dict,
    prepared: Prepared,
) -> Decision:
    """The three-way decision for a row both sides hold (``merge.decide``). Its common
    ancestor: the newer of what this library last took in of it from the file's, and what
    the file's library last took in from this one."""
    base = newest_base(mine_seen.get(source) if source else None, theirs_seen.get(own_id))
    local_alt = prepared.local_before.get((table, key))
    tie = None
    if row["updated_at"] == mine["updated_at"]:
        tie = (tie_key(table, row, digest), tie_key(table, mine, mine_hash))
    return decide(
        digest, row["updated_at"], mine_hash, mine["updated_at"], base,
        own_file=own_file,
        settled=one_side_behind(digest, mine_hash, mine_seen, theirs_seen,
                                file_alt=original, local_alt=local_alt),
        file_alt=original,
        local_alt=local_alt,
        tie=tie,
    )


def tie_key(table: str, row: dict, digest: str) -> str:
    """What orders two versions of a row edited at the same time: its content without the
    references a merge redirect or a purge rewrites, then its digest. Libraries that have
    learnt different merges so far hold the same version with different references, and
    must still pick the same one of the two (the digest alone would pick by them)."""
    rewritten = (identity.FOREIGN_KEYS.get(table, {}).keys()
                 | identity.LIST_KEYS.get(table, {}).keys())
    kept = [c.name for c in table_columns(table) if c.name not in rewritten]
    return row_hash(row, kept) + digest


def _programme_kept(store: Store, row: dict, mine: dict, prepared: Prepared) -> str:
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
