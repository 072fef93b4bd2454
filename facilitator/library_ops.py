"""Correcting the library: rename, move, delete and restore, merge programmes and workshops.

No Qt and no SQL: the rows are read and written by ``facilitator.store`` (mostly
``facilitator.store.library_ops``); this module decides and explains. Each operation is
one transaction, and the window wraps each in an undoable command.

Rules (the user guide's "Several laptops, one programme" chapter says the same):

- A deletion is a soft delete: the row keeps ``deleted = 1`` with a newer ``updated_at``,
  which is the tombstone that travels in workshop files. Restoring sets ``deleted = 0``
  with a newer ``updated_at``, so a restore travels too. A programme is deleted together
  with its live workshops; restoring it brings back exactly those.
- "Empty deleted items" removes the rows for good and keeps only their ids
  (``purged_records``, which travel), so a file that still carries them cannot bring
  them back.
- Two live workshops of one programme never get the same code by an edit: adding,
  changing a code, moving and merging are refused with a message naming the workshop
  that has it. An import may bring a second workshop with a code already used (two
  scribes typed ``W2`` at the same event on two laptops): it is kept, and
  :func:`same_code_pairs` offers the two for merging.
- Merging records B into A leaves a redirect B -> A (``merged_records``, which travels):
  B's rows are pointed at A where they are (their edit times kept, so every library that
  learns the redirect computes the same rows), B itself is deleted, and a file that still
  carries B is rewritten to A before it is merged.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from facilitator.models import (
    PARTICIPANT_CATEGORY_LABELS,
    Attendance,
    Programme,
    Theme,
    ValidationError,
    Workshop,
    code_key,
    long_date,
    name_key,
    utc_now,
)
from facilitator.store import LibraryError, Store
from facilitator.store import assets as assets_sql
from facilitator.store import library_ops as sql
from facilitator.store.library_ops import Redirect

KINDS = ("programme", "workshop", "theme")


@dataclass(frozen=True)
class DeletedItem:
    """One line of the Deleted items view."""

    kind: str  # "programme" | "workshop" | "theme"
    id: str
    label: str
    programme_title: str
    deleted_at: str
    #: For a programme: how many workshops were deleted with it (and come back with it).
    workshops: int = 0


# -------------------------------------------------------------------- rename
def rename_programme(store: Store, programme_id: str, title: str) -> Programme:
    """Give a programme a new title (it becomes the report's title).

    ValidationError if the title is empty or another live programme already has it
    (case, spacing and punctuation aside), naming that programme."""
    title = " ".join(title.split())
    if not title:
        raise ValidationError("A programme needs a title.")
    programme = store.get_programme(programme_id)
    for other in store.programmes():
        if other.id != programme_id and name_key(other.title) == name_key(title):
            raise ValidationError(
                f"Another programme is already called “{other.title}”: choose a title that "
                "says which is which, or merge the two programmes."
            )
    if programme.title == title:
        return programme
    programme.title = title
    return store.update_programme(programme)


# --------------------------------------------------------------- workshops
def check_workshop_code(
    store: Store, programme_id: str, code: str, *, exclude_id: str | None = None
) -> None:
    """ValidationError naming the live workshop of the programme that already uses ``code``
    (``exclude_id``: the workshop being edited)."""
    if not code.strip():
        raise ValidationError("A workshop needs a code, such as W2.")
    store.check_code(programme_id, code, exclude_id=exclude_id)


def move_workshop(
    store: Store, workshop_id: str, programme_id: str, new_code: str | None = None
) -> Workshop:
    """Move a workshop (with its notes, attendance and photos) to another programme.

    Its notes' themes follow it: a theme of the same step and label in the new programme
    is used, or one is made there. A code already used there needs ``new_code``."""
    workshop = store.get_workshop(workshop_id)
    target = store.get_programme(programme_id)
    if target.deleted:
        raise ValidationError(f"The programme “{target.title}” is deleted: restore it first.")
    code = (new_code or workshop.code).strip()
    if workshop.programme_id == programme_id and code == workshop.code:
        return workshop
    check_workshop_code(store, programme_id, code, exclude_id=workshop_id)
    with store.transaction():
        old_programme = workshop.programme_id
        workshop.programme_id = programme_id
        workshop.code = code
        store.update_workshop(workshop)
        if old_programme != programme_id:
            _themes_follow(store, workshop_id, old_programme, programme_id)
    return workshop


def _themes_follow(store: Store, workshop_id: str, old_programme: str, new_programme: str):
    """Notes of a moved workshop under a theme of its old programme go under the theme of
    the same step and label in the new one (made there if needed)."""
    old_themes = {t.id: t for t in store.themes(old_programme, include_deleted=True)}
    targets = {
        (t.step_key, name_key(t.label)): t for t in store.themes(new_programme)
    }
    by_theme: dict[str, list[str]] = {}
    for note in store.notes(workshop_id, include_deleted=True):
        if note.theme_id in old_themes:
            by_theme.setdefault(note.theme_id, []).append(note.id)
    for theme_id, note_ids in by_theme.items():
        old = old_themes[theme_id]
        target = targets.get((old.step_key, name_key(old.label)))
        if target is None:
            target = store.add_theme(Theme(new_programme, old.step_key, old.label))
            targets[(target.step_key, name_key(target.label))] = target
        store.set_notes_theme(note_ids, target.id)


# -------------------------------------------------------------- deleting
def delete_workshop(store: Store, workshop_id: str) -> None:
    """Delete a workshop (to Deleted items, from where it can be restored)."""
    workshop = store.get_workshop(workshop_id)
    if not workshop.deleted:
        store.set_workshop_deleted(workshop_id, True)


def delete_programme(store: Store, programme_id: str) -> None:
    """Delete a programme with its workshops; restoring it brings back exactly those."""
    programme = store.get_programme(programme_id)
    if not programme.deleted:
        sql.delete_programme_with_workshops(store, programme_id)


def delete_theme(store: Store, theme_id: str) -> None:
    """Delete a theme: its notes show as not yet in a theme while it is deleted, and go back
    under it when it is restored."""
    theme = store.get_theme(theme_id)
    if not theme.deleted:
        store.set_theme_deleted(theme_id, True)


def restore(store: Store, kind: str, item_id: str) -> None:
    """Bring a deleted programme (with the workshops deleted with it), workshop or theme
    back. A workshop or theme of a deleted programme needs the programme restored first."""
    if kind == "programme":
        if store.get_programme(item_id).deleted:
            sql.restore_programme_with_workshops(store, item_id)
        return
    if kind == "workshop":
        record = store.get_workshop(item_id)
    elif kind == "theme":
        record = store.get_theme(item_id)
    else:
        raise ValidationError(f"Cannot restore a {kind!r}: choose a programme, workshop or theme.")
    programme = store.get_programme(record.programme_id)
    if programme.deleted:
        raise ValidationError(
            f"The programme “{programme.title}” is deleted too: restore it first."
        )
    if not record.deleted:
        return
    if kind == "workshop":
        sql.restore_workshop(store, item_id)
    else:
        store.set_theme_deleted(item_id, False)


def deleted_items(store: Store) -> list[DeletedItem]:
    """What the Deleted items view lists, newest first. Workshops deleted together with
    their programme are counted under it; records merged into another are not listed."""
    items = []
    merged = merged_away(store)
    for row in sql.deleted_rows(store):
        kind = row["kind"]
        if row["id"] in merged.get(f"{kind}s", {}):
            continue  # merged into another record: not an item to restore
        workshops = 0
        if kind == "programme":
            label = row["name"]
            workshops = len(sql.deleted_together(store, row["id"]))
        elif kind == "workshop":
            label = row["name"]
            question = " ".join(row["detail"].split())
            if question:
                label += f" “{question if len(question) <= 50 else question[:49] + '…'}”"
            if row["date"]:
                label += f" ({long_date(row['date'])})"
        else:
            label = f"{row['name']} ({row['detail'].upper()})"
        items.append(
            DeletedItem(kind, row["id"], label, row["programme_title"], row["deleted_at"],
                        workshops)
        )
    return items


def empty_deleted_items(store: Store, items: list[DeletedItem] | None = None) -> int:
    """Remove deleted items for good (all of them, or those given); returns how many.

    Their ids are kept as tombstones, so importing a file that still carries them does not
    bring them back."""
    current = deleted_items(store)
    if items is not None:
        # Only what is still deleted: an item restored meanwhile is not removed.
        wanted = {(i.kind, i.id) for i in items}
        current = [i for i in current if (i.kind, i.id) in wanted]
    chosen = current
    with store.transaction():
        for kind in ("theme", "workshop", "programme"):
            ids = [i.id for i in chosen if i.kind == kind]
            if not ids:
                continue
            if kind == "theme":
                sql.purge_themes(store, ids)
            elif kind == "workshop":
                sql.purge_workshops(store, ids)
            else:
                sql.purge_programmes(store, ids)
    return len(chosen)


# ------------------------------------------------------------------ merging
#: The tables of which a merge changes a few rows (the merged programme or workshop, its
#: workshops and themes, attendance, the redirects), with their key columns: the whole
#: rows before and after are kept for its exact undo.
_MERGE_TABLES = {
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


class _Recorder:
    """Takes what a merge changes: the before and after images of its few rows, and the
    groups of notes and photos it re-points."""

    def __init__(self, store: Store, description: str) -> None:
        self.store = store
        self.record = MergeRecord(description)
        self.keys: dict[str, set[tuple]] = {}

    def touch(self, table: str, where: str, params: list[Any]) -> None:
        columns = _MERGE_TABLES[table]
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
        names, rows = sql.repoint(self.store, table, column, mapping)
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
        columns = _MERGE_TABLES[table]
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
    columns = _MERGE_TABLES[table]
    rows = sql.raw_rows(store, table, " AND ".join(f"{c} = ?" for c in columns), list(key))
    return rows[0] if rows else None


def undo_merge(store: Store, record: MergeRecord) -> None:
    """Put the library back exactly as it was before the merge. Refused (ValidationError,
    nothing changed) if anything the merge changed has changed since (an edit, an import).

    Set-wise: one read compares the re-pointed notes (and photos) with how the merge left
    them, one ``UPDATE`` per table and column points them back (their edit times were never
    changed), and the few programme, workshop, theme, attendance and redirect rows are
    written back whole."""
    earlier_notes = set(store._pending.get("notes_changed", ()))
    earlier_themes = set(store._pending.get("themes_changed", ()))
    with store.transaction():
        stale = _images(store, record.after) != record.after or any(
            sql.whole_rows(store, table, rows) != rows
            for table, rows in record.moved_rows.items()
        )
        if stale:
            raise ValidationError(
                f"Cannot undo “{record.description}”: the library has changed since "
                "(an edit or an import touched what the merge changed). Nothing was undone."
            )
        back: dict[tuple[str, str], dict[str, str]] = {}
        for group in record.repointed:
            parents = back.setdefault((group.table, group.column), {})
            for row_id in group.ids:
                parents.setdefault(row_id, group.old_id)  # the first move's origin
        for (table, column), parents in back.items():
            sql.set_parents(store, table, column, parents)
        for (table, key), before in record.before.items():
            if before is None:
                sql.delete_rows(store, table, [key], _MERGE_TABLES[table])
        for table in _MERGE_TABLES:
            rows = [b for (t, _), b in record.before.items() if t == table and b is not None]
            sql.put_rows(store, table, rows)
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


@dataclass
class ProgrammeMergePreview:
    """What merging ``source`` into ``target`` will do, for the dialog to show."""

    source: Programme
    target: Programme
    #: The source's live workshops, which move.
    workshops: list[Workshop]
    #: (source theme, target theme) of the same step and label: their notes join.
    themes_merging: list[tuple[Theme, Theme]]
    themes_moving: list[Theme]
    #: (moving workshop, the target's workshop with that code): each needs a new code, or
    #: ``keep_pairs`` to merge the two workshops afterwards.
    code_clashes: list[tuple[Workshop, Workshop]]
    notes: int


def preview_merge_programmes(store: Store, source_id: str, target_id: str) -> ProgrammeMergePreview:
    if source_id == target_id:
        raise ValidationError("Choose two different programmes to merge.")
    source, target = store.get_programme(source_id), store.get_programme(target_id)
    for programme in (source, target):
        if programme.deleted:
            raise ValidationError(f"The programme “{programme.title}” is deleted: restore it first.")
    workshops = store.workshops(source_id)
    existing = {(t.step_key, name_key(t.label)): t for t in store.themes(target_id)}
    merging, moving = [], []
    for theme in store.themes(source_id):
        match = existing.get((theme.step_key, name_key(theme.label)))
        if match is not None:
            merging.append((theme, match))
        else:
            moving.append(theme)
    clashes = []
    for workshop in workshops:
        other = store.code_clash(target_id, workshop.code)
        if other is not None:
            clashes.append((workshop, other))
    notes = sql.live_notes_in(store, [w.id for w in workshops])
    return ProgrammeMergePreview(source, target, workshops, merging, moving, clashes, notes)


def _new_code_for(workshop: Workshop, new_codes: dict[str, str]) -> str | None:
    """The new code asked for a workshop, by its id or its code (case aside)."""
    if workshop.id in new_codes:
        return new_codes[workshop.id]
    for old, new in new_codes.items():
        if code_key(old) == code_key(workshop.code):
            return new
    return None


def merge_programmes(
    store: Store,
    source_id: str,
    target_id: str,
    new_codes: dict[str, str] | None = None,
    *,
    keep_pairs: bool = False,
) -> MergeRecord:
    """Merge programme ``source`` into ``target``: its workshops (with their notes) move,
    its themes join the target's theme of the same step and label or move, and ``source``
    is deleted, leaving a redirect so files from laptops that still have it land in
    ``target``.

    A moving workshop whose code the target already uses needs a new code in
    ``new_codes`` (keyed by its code or id); with ``keep_pairs`` such a workshop keeps its
    code and :func:`same_code_pairs` offers the two for merging (two scribes, one event).
    """
    preview = preview_merge_programmes(store, source_id, target_id)
    new_codes = dict(new_codes or {})
    renames: dict[str, str] = {}
    missing = []
    for moving, existing in preview.code_clashes:
        code = _new_code_for(moving, new_codes)
        if code is None or not code.strip():
            if not keep_pairs:
                missing.append(f"{moving.code} (already used by {existing.code} there)")
            continue
        renames[moving.id] = code.strip()
    if missing:
        raise ValidationError(
            f"Merging “{preview.source.title}” into “{preview.target.title}” would give two "
            f"workshops one code: give a new code to {', '.join(missing)}, or merge the "
            "workshops with the same code."
        )
    wanted = [code_key(c) for c in renames.values()]
    if len(set(wanted)) != len(wanted):
        raise ValidationError("Two of the new codes are the same: give each its own code.")
    for workshop_id, code in renames.items():
        store.check_code(target_id, code)
        clash = next((w for w in preview.workshops if w.id != workshop_id
                      and code_key(w.code) == code_key(code) and w.id not in renames), None)
        if clash is not None:
            raise ValidationError(f"{code} is already used by {clash.code} in the programme "
                                  "being merged: choose another code.")
    now = utc_now()
    description = f"Merge “{preview.source.title}” into “{preview.target.title}”"
    with store.transaction():
        rec = _Recorder(store, description)
        rec.touch("programmes", "id = ?", [source_id])
        rec.touch("workshops", "programme_id = ?", [source_id])
        rec.touch("themes", "programme_id = ?", [source_id])
        rec.touch("priorities", "programme_id = ?", [source_id])
        rec.touch("actions", "programme_id = ?", [source_id])
        rec.touch("assets", "programme_id = ?", [source_id])
        rec.touch("connections", "programme_id = ?", [source_id])
        merging_ids = [t.id for t, _ in preview.themes_merging]
        rec.expect("merged_records", ("programmes", source_id))
        for theme_id in merging_ids:
            rec.expect("merged_records", ("themes", theme_id))
        for workshop_id, code in renames.items():
            workshop = store.get_workshop(workshop_id)
            workshop.code = code
            store._update(workshop)  # a real edit: its new code travels as one
            store._touch("workshops_changed", workshop_id)
        workshop_ids = [w.id for w in store.workshops(source_id, include_deleted=True)]
        sql.set_programme_id(store, "workshops", workshop_ids, target_id)
        redirects = [Redirect("programmes", source_id, target_id, now, now)]
        rec.repoint("notes", "theme_id", {t.id: into.id for t, into in preview.themes_merging})
        for theme, into in preview.themes_merging:
            store._set_deleted(Theme, [theme.id], True)
            store._touch("themes_changed", theme.id)
            redirects.append(Redirect("themes", theme.id, into.id, now, now))
        other_themes = [t.id for t in store.themes(source_id, include_deleted=True)
                        if t.id not in merging_ids]
        sql.set_programme_id(store, "themes", other_themes, target_id)
        # The action plan follows: its priorities after the target's, its actions with them
        # (a merged theme's action names the theme it joined).
        from facilitator.store.action_plan import move_to_programme

        move_to_programme(store, source_id, target_id,
                          {t.id: into.id for t, into in preview.themes_merging})
        assets_sql.set_programme(store, source_id, target_id)
        store._set_deleted(Programme, [source_id], True)
        store._touch("programmes_changed", source_id, target_id)
        sql.save_redirects(store, redirects)
        record = rec.finish()
    record.kept_id = target_id
    return record


@dataclass
class WorkshopMergePreview:
    """What merging workshop ``other`` into ``keep`` will do."""

    keep: Workshop
    other: Workshop
    notes_moving: int
    #: Themes of the programme with the same step and label (made on two laptops) that
    #: join: (the one that goes, the one that stays).
    themes: list[tuple[Theme, Theme]]
    attendance_keep: Attendance
    attendance_other: Attendance
    same_date: bool

    def attendance(self, choice: str) -> Attendance:
        """The attendance ``keep`` will have: "sum", "keep" or "other"."""
        if choice == "keep":
            return Attendance(self.keep.id, dict(self.attendance_keep.counts))
        if choice == "other":
            return Attendance(self.keep.id, dict(self.attendance_other.counts))
        if choice != "sum":
            raise ValidationError(f"Attendance is summed, or kept from one side, not {choice!r}.")
        counts = Counter(self.attendance_keep.counts)
        counts.update(self.attendance_other.counts)
        return Attendance(self.keep.id, {k: counts[k] for k in PARTICIPANT_CATEGORY_LABELS
                                         if k in counts})


def preview_merge_workshops(store: Store, keep_id: str, other_id: str) -> WorkshopMergePreview:
    if keep_id == other_id:
        raise ValidationError("Choose two different workshops to merge.")
    keep, other = store.get_workshop(keep_id), store.get_workshop(other_id)
    for workshop in (keep, other):
        if workshop.deleted:
            raise ValidationError(f"Workshop {workshop.code} is deleted: restore it first.")
    if keep.programme_id != other.programme_id:
        raise ValidationError(
            f"Workshops {keep.code} and {other.code} are in different programmes: merge the "
            "programmes first, or move one workshop."
        )
    notes = sql.live_notes_in(store, [other_id])
    return WorkshopMergePreview(
        keep, other, notes, _twin_themes(store, keep.programme_id),
        store.attendance(keep_id), store.attendance(other_id),
        bool(keep.date) and keep.date == other.date,
    )


def _twin_themes(store: Store, programme_id: str) -> list[tuple[Theme, Theme]]:
    """Live themes of a programme with the same step and label: (later made, earliest)."""
    first: dict[tuple[str, str], Theme] = {}
    pairs = []
    for theme in sorted(store.themes(programme_id), key=lambda t: (t.created_at, t.id)):
        key = (theme.step_key, name_key(theme.label))
        if key in first:
            pairs.append((theme, first[key]))
        else:
            first[key] = theme
    return pairs


#: Workshop fields taken from the merged workshop when the kept one leaves them empty.
_FILL_FIELDS = ("date", "venue", "district", "theme_question", "notes")


def merge_workshops(
    store: Store, keep_id: str, other_id: str, attendance: str = "sum"
) -> MergeRecord:
    """Merge workshop ``other`` into ``keep`` (the same workshop captured on two laptops):
    every note and photo of both is kept under ``keep``, attendance is summed or taken
    from one ("sum" | "keep" | "other"), empty details of ``keep`` are filled from
    ``other``, facilitators are listed from both, themes of the same label join, and
    ``other`` is deleted leaving a redirect, so its notes arriving later land in ``keep``."""
    preview = preview_merge_workshops(store, keep_id, other_id)
    counts = preview.attendance(attendance)
    keep, other = preview.keep, preview.other
    now = utc_now()
    with store.transaction():
        rec = _Recorder(store, f"Merge workshop {other.code} into {keep.code}")
        rec.touch("workshops", "id IN (?, ?)", [keep_id, other_id])
        rec.touch("asset_sources", "workshop_id = ?", [other_id])
        rec.touch("connections", "workshop_id = ?", [other_id])
        for category in PARTICIPANT_CATEGORY_LABELS:
            rec.expect("attendance", (keep_id, category))
        for theme, _ in preview.themes:
            rec.touch("themes", "id = ?", [theme.id])
            rec.expect("merged_records", ("themes", theme.id))
        rec.expect("merged_records", ("workshops", other_id))
        rec.repoint("notes", "workshop_id", {other_id: keep_id})
        rec.repoint("photos", "workshop_id", {other_id: keep_id})
        assets_sql.repoint_workshop(store, other_id, keep_id)
        redirects = [Redirect("workshops", other_id, keep_id, now, now)]
        rec.repoint("notes", "theme_id", {t.id: into.id for t, into in preview.themes})
        for theme, into in preview.themes:
            store._set_deleted(Theme, [theme.id], True)
            store._touch("themes_changed", theme.id)
            redirects.append(Redirect("themes", theme.id, into.id, now, now))
        if counts.counts != preview.attendance_keep.counts:
            store.set_attendance(counts)
        updated = copy.deepcopy(keep)
        for name in _FILL_FIELDS:
            if not getattr(updated, name) and getattr(other, name):
                setattr(updated, name, getattr(other, name))
        names = _names(keep.facilitators) + [
            n for n in _names(other.facilitators)
            if n.casefold() not in {m.casefold() for m in _names(keep.facilitators)}
        ]
        updated.facilitators = ", ".join(names)
        if updated != keep:
            store._update(updated)
            store._touch("workshops_changed", keep_id)
        store._set_deleted(Workshop, [other_id], True)
        store._touch("workshops_changed", other_id)
        sql.save_redirects(store, redirects)
        record = rec.finish()
    record.kept_id = keep_id
    return record


def _names(text: str) -> list[str]:
    from facilitator.transfer.compile import facilitator_names

    return facilitator_names(text)


def same_code_pairs(store: Store, programme_id: str) -> list[tuple[Workshop, Workshop]]:
    """Live workshops of a programme that share a code (two laptops each made one), offered
    for merging: pairs with the same date as well first. In each pair the workshop made
    first comes first (the one to keep, by default)."""
    groups: dict[str, list[Workshop]] = {}
    for workshop in store.workshops(programme_id):
        groups.setdefault(code_key(workshop.code), []).append(workshop)
    pairs = []
    for group in groups.values():
        group.sort(key=lambda w: (w.created_at, w.id))
        for other in group[1:]:
            pairs.append((group[0], other))
    pairs.sort(key=lambda p: (not (p[0].date and p[0].date == p[1].date), code_key(p[0].code)))
    return pairs


def merged_away(store: Store) -> dict[str, dict[str, str]]:
    """Live redirects per table, resolved as imports resolve them (chains followed, a cycle
    made by two laptops merging the same pair opposite ways broken in favour of the newer
    merge): merged record id -> the id its rows now belong to. The record a broken cycle
    keeps is not merged away (deleted by the older merge, it is in Deleted items)."""
    from facilitator.transfer import identity

    rows = [r.row() for r in sql.redirects(store)]
    return identity.Redirects.resolve(identity.combine(rows)).targets


def export_setup(store: Store, programme_id: str, path) -> Any:
    """"Prepare laptops": the programme and its workshops (codes, questions, formats, dates,
    venues), no notes, themes, attendance or photos, as a .workshop file to hand to each
    facilitator before the round, so every laptop's notes arrive in one programme."""
    from facilitator.transfer.workshop_file import export_workshops

    programme = store.get_programme(programme_id)
    if programme.deleted:
        raise ValidationError(f"The programme “{programme.title}” is deleted: restore it first.")
    workshops = store.workshops(programme_id)
    if not workshops:
        raise LibraryError(
            f"The programme “{programme.title}” has no workshops yet: add them first "
            "(New workshop…, or main.py new-workshop / plan)."
        )
    return export_workshops(store, [w.id for w in workshops], path, setup_only=True)
