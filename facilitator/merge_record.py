"""What a merge changed, kept so that it can be undone exactly (``undo_merge``).

Split from ``facilitator.library_ops`` (which re-exports these names): the merges themselves
are in ``facilitator.library_merge``; the SQL is in ``facilitator.store.library_ops``.
A merge's undo is refused when anything the merge changed has changed since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from facilitator.models import ValidationError, edit_time, utc_now
from facilitator.store import Store
from facilitator.store import library_ops as sql
from facilitator.transfer import identity


class MergeChangedSince(ValidationError):
    """A merge's undo refused: something it changed has changed since (an edit, an import).
    Nothing was undone."""


#: The tables of which a merge changes a few rows (the merged programme or workshop, its
#: workshops and themes, attendance, the redirects), with their key columns: the whole
#: rows before and after are kept for its exact undo.
MERGE_TABLES = {
    "programmes": ("id",),
    "workshops": ("id",),
    "themes": ("id",),
    "attendance": ("workshop_id", "category"),
    "merged_records": ("table_name", "old_id"),
    "priorities": ("id",),
    "actions": ("id",),
    "assets": ("id",),
    "asset_sources": ("id",),
    "connections": ("id",),
}


@dataclass(frozen=True)
class Repointed:
    """Notes or photos a merge pointed from one workshop or theme to another in one
    statement, changing nothing else of them (their edit times are kept)."""

    table: str  # "notes" | "photos"
    column: str  # "workshop_id" | "theme_id"
    old_id: str
    new_id: str
    ids: tuple[str, ...]


@dataclass
class MergeRecord:
    """What a merge changed, so that it can be undone exactly, and set-wise where it is
    large: the few rows of programmes, workshops, themes, attendance and redirects as they
    were before (None: absent) and as the merge left them; the notes and photos it
    re-pointed, grouped by (old parent, new parent), and those rows as the merge left them
    (read in the statement that re-pointed them, not row by row). Undo compares them in one
    read, points each group back with one ``UPDATE``, and writes the few rows back whole."""

    description: str
    before: dict[tuple[str, tuple], dict[str, Any] | None] = field(default_factory=dict)
    after: dict[tuple[str, tuple], dict[str, Any] | None] = field(default_factory=dict)
    repointed: list[Repointed] = field(default_factory=list)
    #: table -> {id: whole row as the merge left it} of the notes and photos re-pointed.
    moved_rows: dict[str, dict[str, tuple]] = field(default_factory=dict)
    #: The record that stays (programme or workshop id).
    kept_id: str = ""


class Recorder:
    """Takes what a merge changes: the before and after images of its few rows, and the
    groups of notes and photos it re-points."""

    def __init__(self, store: Store, description: str) -> None:
        self.store = store
        self.record = MergeRecord(description)
        self.keys: dict[str, set[tuple]] = {}

    def touch(self, table: str, where: str, params: list[Any]) -> None:
        columns = MERGE_TABLES[table]
        for row in sql.raw_rows(self.store, table, where, params):
            key = tuple(row[c] for c in columns)
            if key not in self.keys.setdefault(table, set()):
                self.keys[table].add(key)
                self.record.before[(table, key)] = row

    def expect(self, table: str, key: tuple) -> None:
        """A row the merge may create (absent before)."""
        if key not in self.keys.setdefault(table, set()):
            self.keys[table].add(key)
            self.record.before[(table, key)] = _current(self.store, table, key)

    def repoint(self, table: str, column: str, mapping: dict[str, str]) -> None:
        """Point the notes (or photos) of each old workshop or theme in ``mapping`` at the
        new one, remembering which moved and how they were left."""
        if not mapping:
            return
        # (a copy typed as the store's parameter is: a dict of str is not one of str | None)
        targets: dict[str, str | None] = dict(mapping)
        names, rows = sql.repoint(self.store, table, column, targets)
        at, key = names.index(column), names.index("id")
        groups: dict[str, list[str]] = {}
        moved = self.record.moved_rows.setdefault(table, {})
        for row in rows:
            groups.setdefault(row[at], []).append(row[key])
            after = list(row)
            after[at] = mapping[row[at]]  # the statement changed that column and nothing else
            moved[row[key]] = tuple(after)
        for old, ids in groups.items():
            self.record.repointed.append(Repointed(table, column, old, mapping[old], tuple(ids)))

    def finish(self) -> MergeRecord:
        self.record.after = _images(self.store, self.record.before)
        return self.record


def _images(store: Store, keys) -> dict[tuple[str, tuple], dict[str, Any] | None]:
    """The current whole row (None: absent) of each (table, key)."""
    found: dict[tuple[str, tuple], dict[str, Any] | None] = {}
    by_table: dict[str, list[tuple]] = {}
    for table, key in keys:
        by_table.setdefault(table, []).append(key)
    for table, table_keys in by_table.items():
        columns = MERGE_TABLES[table]
        if len(columns) == 1:
            rows = {
                (row["id"],): row for row in sql.raw_rows(
                    store, table, "id IN (SELECT value FROM json_each(?))",
                    [json.dumps(sorted(k[0] for k in table_keys))],
                )
            }
            for key in table_keys:
                found[(table, key)] = rows.get(key)
        else:
            for key in table_keys:
                found[(table, key)] = _current(store, table, key)
    return found


def _current(store: Store, table: str, key: tuple) -> dict[str, Any] | None:
    columns = MERGE_TABLES[table]
    rows = sql.raw_rows(store, table, " AND ".join(f"{c} = ?" for c in columns), list(key))
    return rows[0] if rows else None


def undo_merge(store: Store, record: MergeRecord) -> None:
    """Put the library back as it was before the merge, as a new edit that travels. Refused
    (ValidationError, nothing changed) if anything the merge changed has changed since (an
    edit, an import).

    The content comes back exactly; what travels to other laptops is decided by the edit
    times (``undone``): the merge's redirects stay as "merge undone" markers (``deleted =
    1``, newer than the merge), rows the merge edited get a new edit time, and rows it only
    re-pointed keep theirs, as the merge kept them. So a laptop that took in the merge from
    a file takes in its undo from a later one, and a third laptop given both, in any order,
    ends with the same rows (tests/facilitator/transfer/test_library_ops_convergence.py).

    Set-wise: one read compares the re-pointed notes (and photos) with how the merge left
    them, one ``UPDATE`` per table and column points them back (their edit times were never
    changed), and the few programme, workshop, theme, attendance and redirect rows are
    written back whole."""
    earlier_notes = set(store._pending.get("notes_changed", ()))
    earlier_themes = set(store._pending.get("themes_changed", ()))
    with store.transaction():
        current = _images(store, record.after)
        stale = _undated(current) != _undated(record.after) or any(
            sql.whole_rows(store, table, rows) != rows
            for table, rows in record.moved_rows.items()
        )
        if stale:
            raise MergeChangedSince(
                f"Cannot undo “{record.description}”: the library has changed since "
                "(an edit or an import touched what the merge changed). Nothing was undone."
            )
        back: dict[tuple[str, str], dict[str, str | None]] = {}
        for group in record.repointed:
            parents = back.setdefault((group.table, group.column), {})
            for row_id in group.ids:
                parents.setdefault(row_id, group.old_id)  # the first move's origin
        for (table, column), parents in back.items():
            sql.set_parents(store, table, column, parents)
        rows = undone(record, utc_now(), current)
        for (table, key), row in rows.items():
            if row is None:
                sql.delete_rows(store, table, [key], MERGE_TABLES[table])
        for table in MERGE_TABLES:
            sql.put_rows(store, table, [r for (t, _), r in rows.items()
                                        if t == table and r is not None])
        # Rows imports sent through the redirects now undone go back too.
        known = identity.combine([r.row() for r in sql.redirects(store, include_deleted=True)])
        sql.follow_rewrites(store, identity.Redirects.resolve(known).target)
        # Which search index rows stay as they are (an FTS row costs far more to rewrite
        # than to compare, and comparing 10,000 costs more than knowing).
        themes_as_before = [
            key[0] for (table, key), before in record.before.items()
            if table == "themes" and before is not None and key[0] not in earlier_themes
            and (after := record.after.get((table, key))) is not None
            and (before["label"], before["deleted"]) == (after["label"], after["deleted"])
        ]
        sql.keep_search_rows(
            store,
            [(g.column, list(g.ids), g.new_id, g.old_id) for g in record.repointed
             if g.table == "notes"],
            earlier_notes, themes_as_before,
        )


def _undated(images: dict) -> dict:
    """Rows without their edit times: what an undo checks is unchanged (the undo of a later
    merge dates the rows it puts back anew without changing them)."""
    return {key: row and {k: v for k, v in row.items() if k != "updated_at"}
            for key, row in images.items()}


def undone(
    record: MergeRecord, now: str, current: dict | None = None
) -> dict[tuple[str, tuple], dict[str, Any] | None]:
    """The few rows an undo writes back (None: removed), each as it was before the merge,
    with the edit times that make the undo travel:

    - a redirect the merge left stays, as the "merge undone" marker: ``deleted = 1`` and
      an edit time after the merge's, so it wins over the redirect wherever both are known
      (``identity.combine``) and rows are no longer sent through it;
    - a row the merge edited (a deleted programme, workshop or theme, a workshop given
      details or a new code, attendance) comes back with a new edit time, after the
      merge's (``models.edit_time``), so it beats the merged version everywhere; an
      attendance count the merge added comes back as 0, which travels (a removed row would
      not);
    - a row the merge only re-pointed (its edit time kept) comes back with that same time,
      as the rewrite through the redirect was made without one (unless the undo of a later
      merge dated it anew since: then it is dated anew again, never back).
    """
    rows: dict[tuple[str, tuple], dict[str, Any] | None] = {}
    current = current if current is not None else record.after
    for (table, key), before in record.before.items():
        after = current.get((table, key), record.after.get((table, key)))
        if table == "merged_records":
            if after is not None:
                rows[(table, key)] = {**after, "deleted": 1,
                                      "updated_at": edit_time(after["updated_at"], now)}
            else:
                rows[(table, key)] = before
        elif before is None:
            if table == "attendance" and after is not None:
                rows[(table, key)] = {**after, "count": 0,
                                      "updated_at": edit_time(after["updated_at"], now)}
            else:
                rows[(table, key)] = None
        elif after is not None and after.get("updated_at") != before.get("updated_at"):
            rows[(table, key)] = {**before, "updated_at": edit_time(after["updated_at"], now)}
        else:
            rows[(table, key)] = before
    return rows
