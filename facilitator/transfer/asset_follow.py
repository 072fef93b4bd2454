"""An edit to an asset that another laptop merged into another asset (issue 11): the import
follows the merge and applies the edit to the asset that stayed, and says so.

Two laptops hold asset X. One merges X into Y (X is deleted, its content as it was, and a
redirect X -> Y travels); the other edits X. Whichever file arrives first, the import finds
the two versions of X: one deleted by the merge, one live and edited. The fields in which
they differ are the edit, and they are written onto Y the way a merge fills the kept asset
(``asset_models.fill_field``: Y keeps its own text and gains the edit's). A new name is kept
in Y's notes ("Also called …"); a category only fills an empty one. Y's edit time becomes the
later of its own and the edit's, so every library that learns both ends with the same Y,
whatever the order (the rule the rest of the merge keeps: a row is a function of what is
known, not of when it arrived). No SQL here.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.asset_models import fill_field
from facilitator.store import Store
from facilitator.store import assets as assets_sql
from facilitator.store import transfer_merge as lib
from facilitator.store.errors import LibraryError
from facilitator.transfer import identity

#: The fields a person edits, with the words the summary uses for them.
FIELDS = (("name", "name"), ("category", "category"), ("offers", "what it offers"),
          ("place", "place"), ("connector", "who can help connect"), ("notes", "notes"))


@dataclass(frozen=True)
class Follow:
    """An edit made to ``old_id`` after (or unaware of) its merge into ``new_id``."""

    old_id: str
    new_id: str
    old_name: str
    values: dict[str, str]
    edited_at: str


def edits_to_merged(store: Store, rows: list[dict], redirects: identity.Redirects
                    ) -> list[Follow]:
    """Before the file's asset rows are merged: each asset of the file merged away (here or
    in the file) whose two versions, the library's and the file's, are one deleted and one
    live with different fields: the live one's fields that differ are an edit to follow."""
    merged = [r for r in rows if redirects.is_redirected("assets", r["id"])]
    if not merged:
        return []
    local = lib.local_rows(store, "assets", merged)
    out = []
    for theirs in merged:
        mine = local.get(theirs["id"])
        if mine is None or bool(mine["deleted"]) == bool(theirs["deleted"]):
            continue
        edited, gone = (mine, theirs) if theirs["deleted"] else (theirs, mine)
        values = {name: edited[name] for name, _ in FIELDS if edited[name] != gone[name]}
        if values:
            out.append(Follow(theirs["id"], redirects.target("assets", theirs["id"]),
                              gone["name"], values, edited["updated_at"]))
    return out


def apply(store: Store, follows: list[Follow]) -> tuple[list[str], list[str]]:
    """Write each edit onto the asset its asset was merged into (after the file's rows are
    in). Returns (lines for the summary's changes, lines to check)."""
    changes, checks = [], []
    for follow in follows:
        said = "; ".join(f"{label} “{follow.values[name]}”" for name, label in FIELDS
                         if name in follow.values and follow.values[name])
        try:
            kept = assets_sql.get_asset(store, follow.new_id)
        except LibraryError:
            kept = None
        if kept is None:
            checks.append(f"The asset “{follow.old_name}” was edited ({said or 'cleared'}) "
                          "after it was merged into an asset since removed for good: the "
                          "edit was not applied.")
            continue
        if kept.deleted:
            checks.append(f"The asset “{follow.old_name}” was edited ({said or 'cleared'}) "
                          "after it was merged into an asset that is now deleted: the edit "
                          "was not applied. Restore that asset from Deleted items and type "
                          "the edit in again.")
            continue
        before = (kept.name, kept.category, kept.offers, kept.place, kept.connector,
                  kept.notes)
        for name in ("offers", "place", "connector", "notes"):
            if name in follow.values:
                setattr(kept, name, fill_field(getattr(kept, name), follow.values[name]))
        new_name = follow.values.get("name", "")
        if new_name and new_name.casefold() != kept.name.casefold():
            kept.notes = fill_field(kept.notes, f"Also called “{new_name}”")
        category = follow.values.get("category")
        if category and not kept.category:
            kept.category = category
        elif category and category != kept.category:
            checks.append(f"The asset “{follow.old_name}” was given another category after it "
                          f"was merged into “{kept.name}”, which keeps its own: check it in "
                          "the asset register.")
        if (kept.name, kept.category, kept.offers, kept.place, kept.connector,
                kept.notes) == before:
            continue
        kept.updated_at = max(kept.updated_at, follow.edited_at)
        assets_sql.update_asset(store, kept, keep_time=True)
        changes.append(f"Asset “{follow.old_name}” was edited on one laptop and merged into "
                       f"“{kept.name}” on another: the edit ({said or 'cleared'}) was applied "
                       f"to “{kept.name}”")
    return changes, checks
