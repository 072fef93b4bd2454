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
  (``purged_records``, which travel), so a file that still carries deleted copies cannot
  bring them back. Live data beats it both ways: a record in use (not deleted) on another
  laptop is kept there, and its file brings it back here (``transfer.prepare``).
- Two live workshops of one programme never get the same code by an edit: adding,
  changing a code, moving and merging are refused with a message naming the workshop
  that has it. An import may bring a second workshop with a code already used (two
  scribes typed ``W2`` at the same event on two laptops): it is kept, and
  :func:`same_code_pairs` offers the two for merging.
- Merging records B into A leaves a redirect B -> A (``merged_records``, which travels):
  B's rows are pointed at A where they are (their edit times kept, so every library that
  learns the redirect computes the same rows), B itself is deleted, and a file that still
  carries B is rewritten to A before it is merged. Undoing the merge
  (``merge_record.undo_merge``) keeps the redirect as a "merge undone" marker (deleted,
  newer), so the undo travels the same way.
- An edit is dated after the version it replaces (``models.edit_time``), whatever the
  laptop's clock says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from facilitator.asset_models import Asset
from facilitator.library_merge import (
    ProgrammeMergePreview,
    WorkshopMergePreview,
    merge_programmes,
    merge_workshops,
    preview_merge_programmes,
    preview_merge_workshops,
)
from facilitator.merge_record import MergeChangedSince, MergeRecord, Repointed, undo_merge
from facilitator.models import (
    Programme,
    Theme,
    ValidationError,
    Workshop,
    code_key,
    long_date,
    name_key,
)
from facilitator.store import LibraryError, Store
from facilitator.store import assets as assets_sql
from facilitator.store import library_ops as sql

#: The merges and their exact undo live in ``library_merge`` and ``merge_record``; they are
#: named here too, so the window and the CLI find every correction in one place.
__all__ = [
    "KINDS", "DeletedItem", "MergeChangedSince", "MergeRecord", "ProgrammeMergePreview", "Repointed",
    "WorkshopMergePreview", "check_workshop_code", "delete_programme", "delete_theme",
    "delete_asset", "delete_item", "delete_workshop", "deleted_items", "empty_deleted_items", "export_setup",
    "merge_programmes", "merge_workshops", "merged_away", "move_workshop",
    "preview_merge_programmes", "preview_merge_workshops", "rename_programme", "restore",
    "same_code_pairs", "undo_merge",
]

KINDS = ("programme", "workshop", "theme", "asset")


@dataclass(frozen=True)
class DeletedItem:
    """One line of the Deleted items view."""

    kind: str  # "programme" | "workshop" | "theme" | "asset"
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


def delete_asset(store: Store, asset_id: str) -> None:
    """Delete an asset of the register (to Deleted items); its links stay, for a restore."""
    if not assets_sql.get_asset(store, asset_id).deleted:
        assets_sql.set_assets_deleted(store, [asset_id], True)


def delete_item(store: Store, kind: str, item_id: str) -> None:
    """Delete a programme (with its workshops), workshop, theme or asset."""
    {"programme": delete_programme, "workshop": delete_workshop, "theme": delete_theme,
     "asset": delete_asset}[kind](store, item_id)


def restore(store: Store, kind: str, item_id: str) -> None:
    """Bring a deleted programme (with the workshops deleted with it), workshop, theme or
    asset back. One of a deleted programme needs the programme restored first."""
    if kind == "programme":
        if store.get_programme(item_id).deleted:
            sql.restore_programme_with_workshops(store, item_id)
        return
    record: Workshop | Theme | Asset
    if kind == "workshop":
        record = store.get_workshop(item_id)
    elif kind == "theme":
        record = store.get_theme(item_id)
    elif kind == "asset":
        record = assets_sql.get_asset(store, item_id)
    else:
        raise ValidationError(
            f"Cannot restore a {kind!r}: choose a programme, workshop, theme or asset.")
    programme = store.get_programme(record.programme_id)
    if programme.deleted:
        raise ValidationError(
            f"The programme “{programme.title}” is deleted too: restore it first."
        )
    if not record.deleted:
        return
    if kind == "workshop":
        sql.restore_workshop(store, item_id)
    elif kind == "asset":
        assets_sql.set_assets_deleted(store, [item_id], False)
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
        elif kind == "asset":
            label = row["name"] + (f" ({row['detail']})" if row["detail"] else "")
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
        for kind, purge in (("asset", sql.purge_assets), ("theme", sql.purge_themes),
                            ("workshop", sql.purge_workshops),
                            ("programme", sql.purge_programmes)):
            ids = [i.id for i in chosen if i.kind == kind]
            if ids:
                purge(store, ids)
    return len(chosen)


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
