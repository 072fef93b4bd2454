"""Three-way merge of one row: which version the library keeps, and whether it was a conflict.

The common ancestor of a row is the newest version both sides are known to
have seen: the version this library last took in from the exporting library
(``merge_base`` here), or the version the exporting library last took in from
this one (``merge_base`` in the file). With it:

- the row is new here: it is added;
- both sides are the same: unchanged;
- only the file changed since the ancestor: the file's version is taken;
- only the library changed: the library's version is kept;
- one side holds, unchanged, an older copy of a third library's version that the
  other side has already taken in and moved past: the version that moved on, no conflict
  (even when its edit time is older: laptops' clocks differ);
- both changed (or no ancestor is known): the newer ``updated_at`` wins (ties go
  to the larger ``merge_rows.tie_key``: the content without the references a merge
  rewrites, then the whole content, so every laptop decides the same way, whichever
  merges it has learnt) and the summary lists a conflict with both texts.

Each outcome is decided from the two versions and what each side has seen of the
row, not from the order files arrive in, so importing files in any order gives the
same library (tests/facilitator/transfer/test_merge_properties.py and
test_clock_properties.py, with skewed and equal clocks).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from facilitator.names import shorten_long_parts


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Conflict:
    """A row both sides changed since they diverged; ``kept`` is "file" or "library"."""

    table: str
    key: str
    what: str
    library_text: str
    file_text: str
    kept: str


@dataclass
class FileSummary:
    """What importing one workshop file did to the library."""

    path: Path
    source_library_id: str = ""
    exported_at: str = ""
    counts: dict[str, Counter] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    error: str = ""
    #: Things to check that are not errors, e.g. a programme made twice on two laptops.
    warnings: list[str] = field(default_factory=list)
    #: Keys of the rows this import added, per table.
    added: dict[str, list[str]] = field(default_factory=dict)
    #: Changes beyond "updated": programmes added to another, renames, moves, deletions,
    #: restores (one line each).
    changes: list[str] = field(default_factory=list)
    #: Merge records (redirects) this import took in, and rows it skipped because they
    #: were removed for good here (Empty deleted items).
    merged: int = 0
    skipped: int = 0

    @property
    def ok(self) -> bool:
        return not self.error

    def count(self, table: str, outcome: Outcome | str) -> int:
        return self.counts.get(table, Counter())[str(outcome)]

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.merged) or any(
            c[Outcome.ADDED] or c[Outcome.UPDATED] for c in self.counts.values()
        )

    #: The kinds of row counted "N added, M updated" where any were: the records, the
    #: asset register (in the CLI's summary only) and everything else.
    _RECORDS = (("programmes", "Programmes"), ("themes", "Themes"))
    _REGISTER = (("assets", "Assets"), ("connections", "Connections of assets"))
    _OTHERS = (("attendance", "Attendance"), ("photos", "Photos"), ("votes", "Votes"),
               ("formats", "Formats"))

    def _counted(self, tables: tuple[tuple[str, str], ...]) -> list[str]:
        return [f"{label}: {self.count(table, 'added')} added, "
                f"{self.count(table, 'updated')} updated"
                for table, label in tables
                if self.count(table, "added") or self.count(table, "updated")]

    def _more(self) -> list[str]:
        """The renames, moves and deletions, merge records taken and rows not brought back."""
        out = list(self.changes)
        if self.merged:
            out.append(f"Merged records: {self.merged} (rows of merged records rewritten)")
        if self.skipped:
            out.append(f"Not brought back: {self.skipped} rows removed for good here")
        return out

    def other_changes(self) -> list[str]:
        """Every change beyond the workshop and note counts, one line each: the counts of
        the other kinds of row, renames, moves, new format versions, merge records."""
        return self._counted(self._RECORDS + self._OTHERS) + self._more()

    def lines(self) -> list[str]:
        """The summary as the CLI prints it and the dialog shows it."""
        if self.error:
            return [f"{self.path.name}: REFUSED: {shorten_long_parts(self.error)}"]
        out = [f"{self.path.name}:"]
        out.extend(f"  {line}" for line in self._counted(self._RECORDS + self._REGISTER))
        for table, label in (("workshops", "Workshops"), ("notes", "Notes")):
            out.append(
                f"  {label}: {self.count(table, 'added')} added, "
                f"{self.count(table, 'updated')} updated, "
                f"{self.count(table, 'unchanged')} unchanged"
            )
        # Every other kind of change is listed too, so the summary never says "0 updated"
        # when something changed (issue 12, rule 2).
        out.extend(f"  {line}" for line in self._counted(self._OTHERS) + self._more())
        out.append(f"  Conflicts: {len(self.conflicts)}")
        out.extend(f"  Check: {warning}" for warning in self.warnings)
        for conflict in self.conflicts:
            kept = "the file's" if conflict.kept == "file" else "this library's"
            out.append(f"    {conflict.what}: kept {kept} newer edit")
            out.append(f"      library: {shorten(conflict.library_text)}")
            out.append(f"      file:    {shorten(conflict.file_text)}")
        return out


def shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def row_hash(row: dict[str, Any], columns: list[str]) -> str:
    """A digest of a row's whole content (timestamps included), the same on every laptop."""
    parts: list[bytes] = []
    add = parts.append
    for name in columns:
        value = row[name]
        kind = type(value)
        # (the common types first; bool and other subclasses take the general way below)
        if kind is str:
            data = value.encode("utf-8")
            add(b"T%d:" % len(data))
        elif value is None:
            add(b"N;")
            continue
        elif kind is int:
            data = b"%d" % value
            add(b"I%d:" % len(data))
        elif isinstance(value, bytes):
            data = value
            add(b"B%d:" % len(data))
        elif isinstance(value, int):
            data = str(value).encode()
            add(b"I%d:" % len(data))
        else:
            data = str(value).encode("utf-8")
            add(b"T%d:" % len(data))
        add(data)
    return hashlib.blake2b(b"".join(parts), digest_size=16).hexdigest()


def row_hashes(
    rows: dict[str, list[dict[str, Any]]], columns: dict[str, list[str]]
) -> dict[str, list[str]]:
    """Each row's digest, per table, in the rows' order."""
    return {table: [row_hash(row, columns[table]) for row in rows[table]] for table in rows}


def content_digest(hashes: dict[str, list[str]]) -> str:
    """A digest of every row of a workshop file (in any order), from ``row_hashes``: written
    at export and checked at import, so a file damaged on the way is recognised."""
    digest = hashlib.blake2b(digest_size=20)
    for table in sorted(hashes):
        digest.update(f"{table}:{len(hashes[table])};".encode())
        digest.update("".join(sorted(hashes[table])).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    take_file: bool
    conflict: bool


def decide(
    file_hash: str,
    file_updated: str,
    local_hash: str | None,
    local_updated: str | None,
    base: tuple[str, str] | None,
    *,
    own_file: bool = False,
    settled: bool | str = False,
    file_alt: str | None = None,
    local_alt: str | None = None,
    tie: tuple[str, str] | None = None,
) -> Decision:
    """Decide one row. ``base`` is the ancestor's (hash, updated_at), or None if unknown.

    ``own_file``: the file was exported by this very library, so each of its rows is an
    earlier (or, after restoring a backup, a later) state of the same row here: the newer
    one is kept and it is never a conflict.

    ``settled``: "library" or "file" when a third library's version shows that that side
    only holds an older copy of what the other has already moved past (see
    ``one_side_behind``): the other side's version is kept, whatever the clocks say (a
    laptop's clock may be behind), and it is not a conflict.
    """
    if local_hash is None:
        return Decision(Outcome.ADDED, True, False)
    if local_hash == file_hash:
        return Decision(Outcome.UNCHANGED, False, False)
    file_key, local_key = tie or (file_hash, local_hash)
    if own_file:
        newer = (file_updated, file_key) > (local_updated or "", local_key)
        return Decision(Outcome.UPDATED if newer else Outcome.UNCHANGED, newer, False)
    if base is not None:
        if base[0] in (local_hash, local_alt):
            return Decision(Outcome.UPDATED, True, False)
        if base[0] in (file_hash, file_alt):
            return Decision(Outcome.UNCHANGED, False, False)
    if settled == "library":
        # This library holds, unchanged, what the file's side has moved past: take it,
        # whatever the clocks say (a laptop's clock may be behind).
        return Decision(Outcome.UPDATED, True, False)
    if settled == "file":
        return Decision(Outcome.UNCHANGED, False, False)
    file_wins = (file_updated, file_key) > (local_updated or "", local_key)
    if file_wins:
        return Decision(Outcome.UPDATED, True, not settled)
    return Decision(Outcome.UNCHANGED, False, not settled)


Seen = dict[str, tuple[str, str]]


def one_side_behind(
    file_hash: str, local_hash: str, own_seen: Seen, file_seen: Seen, *,
    file_alt: str | None = None, local_alt: str | None = None,
) -> str:
    """Whether one side holds, unchanged, a version of a third library's row that the other
    side has since seen a newer version of (or the same one) from that library.

    ``own_seen`` and ``file_seen`` map a library id to the (hash, updated_at) each side last
    took in from it. When five laptops start from one laptop's file and the office imports
    them all, a laptop that did not touch a row is behind, not in conflict. ``file_alt`` and
    ``local_alt``: each side's hash before its references were sent through merge redirects
    (a row only a redirect changed is still the version that side took in).

    Returns which side is behind: "file", "library", or "" (neither is known to be).
    """
    file_hashes = {file_hash, file_alt} - {None}
    local_hashes = {local_hash, local_alt} - {None}
    for source, (digest, updated_at) in file_seen.items():
        mine = own_seen.get(source)
        if digest in file_hashes and mine is not None and mine[1] >= updated_at:
            return "file"
    for source, (digest, updated_at) in own_seen.items():
        theirs = file_seen.get(source)
        if digest in local_hashes and theirs is not None and theirs[1] >= updated_at:
            return "library"
    return ""


def newest_base(*candidates: tuple[str, str] | None) -> tuple[str, str] | None:
    """The candidate ancestor with the latest ``updated_at``."""
    found = [c for c in candidates if c is not None]
    return max(found, key=lambda c: (c[1], c[0])) if found else None


#: The fields a person can see change on a note or a workshop, with their names.
_NOTE_FIELDS = (("step_key", "step"), ("theme_id", "theme"), ("tags", "tags"),
                ("table_label", "table"))
_WORKSHOP_FIELDS = (
    ("theme_question", "question"), ("status", "status"), ("status_reason", "reason"),
    ("date", "date"), ("rescheduled_date", "rescheduled"), ("venue", "venue"),
    ("district", "district"), ("facilitators", "facilitators"), ("notes", "notes"),
    ("format_key", "format"),
)


def describe_pair(
    table: str,
    mine: dict[str, Any],
    theirs: dict[str, Any],
    theme_label: Callable[[str], str] = str,
) -> tuple[str, str]:
    """Both sides' texts for the conflict list, showing what differs between them: a note
    whose text is the same on both sides shows its theme, tags or table; a workshop shows
    the fields that differ (a long theme question would otherwise hide them)."""
    fields = {"notes": _NOTE_FIELDS, "workshops": _WORKSHOP_FIELDS}.get(table)
    if fields is None:
        return describe(table, mine), describe(table, theirs)
    if table == "notes" and (mine["text"], mine["deleted"]) != (theirs["text"], theirs["deleted"]):
        return describe(table, mine), describe(table, theirs)
    changed = [(name, label) for name, label in fields if mine.get(name) != theirs.get(name)]
    if not changed and table == "workshops" and mine["deleted"] == theirs["deleted"]:
        return describe(table, mine), describe(table, theirs)

    def text(row: dict[str, Any]) -> str:
        head = row["text"] if table == "notes" else row["code"]
        parts = [head]
        for name, label in changed:
            value = row.get(name)
            if name == "theme_id":
                value = f"“{theme_label(value)}”" if value else "none"
            elif name == "tags":
                value = ", ".join(_tag_list(value)) or "none"
            parts.append(f"{label}: {value or 'none'}")
        return " · ".join(parts) + (" (deleted)" if row.get("deleted") else "")

    return text(mine), text(theirs)


def _tag_list(value: Any) -> list[str]:
    try:
        tags = json.loads(value or "[]")
    except (TypeError, ValueError):
        return [str(value)]
    return [str(tag) for tag in tags] if isinstance(tags, list) else [str(tags)]


def describe(table: str, row: dict[str, Any]) -> str:
    """The text a person recognises a row by, for the conflict list."""
    deleted = " (deleted)" if row.get("deleted") else ""
    if table == "notes":
        return f"{row['text']}{deleted}"
    if table == "themes":
        return f"{row['label']}{deleted}"
    if table == "programmes":
        return f"{row['title']}{deleted}"
    if table == "workshops":
        parts = [row["code"], row["theme_question"], row["status"]]
        for name in ("date", "venue", "status_reason"):
            if row.get(name):
                parts.append(str(row[name]))
        return " · ".join(p for p in parts if p) + deleted
    if table == "attendance":
        return f"{row['category'].replace('_', ' ')}: {row['count']}"
    if table == "photos":
        return f"{row['file_name']}{deleted}"
    if table == "votes":
        return f"{row['label']}: {row['dots']} dots{deleted}"
    if table in ("priorities", "actions"):
        extra = f" ({row['status']})" if table == "actions" else ""
        return f"{row['text']}{extra}{deleted}"
    if table == "progress_updates":
        return f"{row['date']}: {row['text']}{deleted}"
    if table == "assets":
        parts = [row["name"], row["category"], row["place"], row["offers"], row["connector"]]
        return " · ".join(p for p in parts if p) + deleted
    if table == "connections":
        return f"{row['idea']}{deleted}"
    if table in ("asset_sources", "connection_assets"):
        return f"link {row['id'][:8]}{deleted}"
    return str(row)
