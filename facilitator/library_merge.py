"""Merging programmes and workshops (the same one set up or captured on two laptops).

Split from ``facilitator.library_ops`` (which re-exports these names, and whose docstring
states the rules): a merge re-points the merged record's rows, deletes it and leaves a
redirect that travels in workshop files; ``facilitator.merge_record`` keeps what it
changed for its exact undo.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from dataclasses import dataclass

from facilitator.merge_record import MergeRecord, Recorder
from facilitator.models import (
    PARTICIPANT_CATEGORY_LABELS,
    Attendance,
    Programme,
    Theme,
    ValidationError,
    Workshop,
    code_key,
    edit_time,
    name_key,
    utc_now,
)
from facilitator.store import Store, asset_upkeep
from facilitator.store import action_plan as plan_sql
from facilitator.store import library_ops as sql
from facilitator.store.library_ops import Redirect


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
    renames = _clash_renames(preview, dict(new_codes or {}), keep_pairs=keep_pairs)
    _check_renames(store, preview, renames)
    now = utc_now()
    description = f"Merge “{preview.source.title}” into “{preview.target.title}”"
    with store.transaction():
        rec = Recorder(store, description)
        _record_programme_merge(rec, preview)
        redirects = _move_programme(store, rec, preview, renames)
        sql.save_redirects(store, _redirects(store, redirects, now))
        record = rec.finish()
    record.kept_id = target_id
    return record


def _clash_renames(
    preview: ProgrammeMergePreview, new_codes: dict[str, str], *, keep_pairs: bool
) -> dict[str, str]:
    """The new code of each moving workshop whose code the target uses, by workshop id; a
    clash with no new code is refused unless ``keep_pairs`` (it then keeps its code)."""
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
    return renames


def _check_renames(store: Store, preview: ProgrammeMergePreview, renames: dict[str, str]) -> None:
    """Refuse new codes that clash: with each other, in the target, or with a workshop
    moving with its code unchanged."""
    wanted = [code_key(c) for c in renames.values()]
    if len(set(wanted)) != len(wanted):
        raise ValidationError("Two of the new codes are the same: give each its own code.")
    for workshop_id, code in renames.items():
        store.check_code(preview.target.id, code)
        clash = next((w for w in preview.workshops if w.id != workshop_id
                      and code_key(w.code) == code_key(code) and w.id not in renames), None)
        if clash is not None:
            raise ValidationError(f"{code} is already used by {clash.code} in the programme "
                                  "being merged: choose another code.")


def _record_programme_merge(rec: Recorder, preview: ProgrammeMergePreview) -> None:
    """Tell the recorder what the merge will change, for its exact undo."""
    source_id = preview.source.id
    rec.touch("programmes", "id = ?", [source_id])
    rec.touch("workshops", "programme_id = ?", [source_id])
    rec.touch("themes", "programme_id = ?", [source_id])
    rec.touch("priorities", "programme_id = ?", [source_id])
    rec.touch("actions", "programme_id = ?", [source_id])
    rec.touch("assets", "programme_id = ?", [source_id])
    rec.touch("connections", "programme_id = ?", [source_id])
    rec.expect("merged_records", ("programmes", source_id))
    for theme, _ in preview.themes_merging:
        rec.expect("merged_records", ("themes", theme.id))


def _move_programme(
    store: Store, rec: Recorder, preview: ProgrammeMergePreview, renames: dict[str, str]
) -> list[tuple[str, str, str]]:
    """Rename the clashing workshops, move the source's workshops, themes, action plan and
    assets into the target (joining same-label themes) and delete the source; the
    redirects this leaves, (table, old id, new id) each."""
    source_id, target_id = preview.source.id, preview.target.id
    merging_ids = [t.id for t, _ in preview.themes_merging]
    for workshop_id, code in renames.items():
        workshop = store.get_workshop(workshop_id)
        workshop.code = code
        store._update(workshop)  # a real edit: its new code travels as one
        store._touch("workshops_changed", workshop_id)
    workshop_ids = [w.id for w in store.workshops(source_id, include_deleted=True)]
    sql.set_programme_id(store, "workshops", workshop_ids, target_id)
    redirects = [("programmes", source_id, target_id),
                 *_fold_themes(store, rec, preview.themes_merging)]
    other_themes = [t.id for t in store.themes(source_id, include_deleted=True)
                    if t.id not in merging_ids]
    sql.set_programme_id(store, "themes", other_themes, target_id)
    # The action plan follows: its priorities after the target's, its actions with them
    # (a merged theme's action names the theme it joined).
    plan_sql.move_to_programme(store, source_id, target_id,
                               {t.id: into.id for t, into in preview.themes_merging})
    asset_upkeep.set_programme(store, source_id, target_id)
    store._set_deleted(Programme, [source_id], True)
    store._touch("programmes_changed", source_id, target_id)
    return redirects


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
        rec = Recorder(store, f"Merge workshop {other.code} into {keep.code}")
        rec.touch("workshops", "id IN (?, ?)", [keep_id, other_id])
        rec.touch("asset_sources", "workshop_id = ?", [other_id])
        rec.touch("connections", "workshop_id = ?", [other_id])
        merged_themes = {t.id: into.id for t, into in preview.themes}
        rec.touch("actions", plan_sql.LINKED_TO, [other_id, json.dumps(list(merged_themes))])
        for category in PARTICIPANT_CATEGORY_LABELS:
            rec.expect("attendance", (keep_id, category))
        for theme, _ in preview.themes:
            rec.touch("themes", "id = ?", [theme.id])
            rec.expect("merged_records", ("themes", theme.id))
        rec.expect("merged_records", ("workshops", other_id))
        rec.repoint("notes", "workshop_id", {other_id: keep_id})
        rec.repoint("photos", "workshop_id", {other_id: keep_id})
        asset_upkeep.repoint_workshop(store, other_id, keep_id)
        plan_sql.repoint_workshop(store, other_id, keep_id, merged_themes)
        redirects = [("workshops", other_id, keep_id),
                     *_fold_themes(store, rec, preview.themes)]
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
        sql.save_redirects(store, _redirects(store, redirects, now))
        record = rec.finish()
    record.kept_id = keep_id
    return record


def _names(text: str) -> list[str]:
    from facilitator.transfer.compile import facilitator_names

    return facilitator_names(text)


def _fold_themes(store: Store, rec: Recorder,
                 pairs: list[tuple[Theme, Theme]]) -> list[tuple[str, str, str]]:
    """Each theme of ``pairs`` folded into its partner: its notes moved there (recorded),
    the theme deleted; the redirects that say so."""
    rec.repoint("notes", "theme_id", {t.id: into.id for t, into in pairs})
    for theme, _into in pairs:
        store._set_deleted(Theme, [theme.id], True)
        store._touch("themes_changed", theme.id)
    return [("themes", theme.id, into.id) for theme, into in pairs]


def _redirects(store: Store, items: list[tuple[str, str, str]], now: str) -> list[Redirect]:
    """The redirects a merge leaves, (table, old id, new id) each, dated ``now`` or, where a
    redirect of that record is already known (a merge undone, and now made again), just
    after it (``models.edit_time``): a laptop's clock set back cannot make the newer merge
    lose to the older "merge undone" marker."""
    known = {(r.table_name, r.old_id): r.updated_at
             for r in sql.redirects(store, include_deleted=True)}
    return [Redirect(table, old, new, now, edit_time(known.get((table, old)), now))
            for table, old, new in items]
