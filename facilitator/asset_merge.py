"""Merging assets (issue 11): the same asset named at two sessions (or twice) becomes one.

Duplicates are offered by name (the same apart from case and punctuation) or by the
similar-notes matching; a merge keeps one asset, fills in what the others said that it
did not, moves their workshops, notes and connections to it and leaves a redirect that
travels in workshop files. No Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.asset_models import RegisterRow, fill_field
from facilitator.assets import AssetChange, recording
from facilitator.models import ValidationError, name_key, utc_now
from facilitator.store import Store
from facilitator.store import assets as sql

#: Two assets whose names are at least this alike (cosine of the notes' vectors) are offered
#: for merging; names that are the same apart from case and punctuation always are.
DUPLICATE_SIMILARITY = {True: 0.80, False: 0.62}  # semantic model, lexical fallback


@dataclass(frozen=True)
class DuplicatePair:
    """Two assets that look like the same one, named at different sessions (or twice)."""

    keep: RegisterRow
    other: RegisterRow
    score: float
    same_name: bool

    @property
    def reason(self) -> str:
        return "same name" if self.same_name else f"names alike ({self.score:.0%})"


def merge_assets(store: Store, keep_id: str, other_ids: Sequence[str]) -> AssetChange:
    """Merge assets into ``keep_id``: the others are deleted, leaving redirects that travel
    in workshop files (so another laptop's copies of them land on the kept one); their
    workshops, notes and connections move to the kept asset, and what it offers, its
    place, who can help connect and notes gain what the others said that it did not."""
    others = [i for i in dict.fromkeys(other_ids) if i != keep_id]
    if not others:
        raise ValidationError("Choose two or more assets to merge.")
    keep = sql.get_asset(store, keep_id)
    merging = [sql.get_asset(store, i) for i in others]
    for asset in [keep, *merging]:
        if asset.deleted:
            raise ValidationError(f"“{asset.name}” is deleted: it cannot be merged.")
        if asset.programme_id != keep.programme_id:
            raise ValidationError("Only assets of the same programme can be merged.")
    original = sql.get_asset(store, keep_id)
    for other in merging:
        for name in ("offers", "place", "connector", "notes"):
            setattr(keep, name, fill_field(getattr(keep, name), getattr(other, name)))
        if not keep.category:
            keep.category = other.category
    change = AssetChange(
        f"Merge “{merging[0].name}” into “{keep.name}”" if len(merging) == 1 else
        f"Merge {len(merging)} assets into “{keep.name}”", asset_ids=[keep_id])
    keys = [("assets", a) for a in [keep_id, *others]]
    keys += sql.links_of(store, others)
    keys += [(sql.REDIRECTS, a) for a in others]
    now = utc_now()
    with recording(store, change, keys):
        if keep != original:  # only a real change is an edit (it could win a merge)
            sql.update_asset(store, keep)
        sql.set_assets_deleted(store, others, True)
        sql.repoint_links(store, others, keep_id)
        for other_id in others:
            sql.save_redirect(store, other_id, keep_id, now)
    return change


def named_before(store: Store, programme_id: str, asset_ids: Sequence[str]
                 ) -> list[tuple[RegisterRow, RegisterRow]]:
    """(new, already there) for each of ``asset_ids`` whose name another live asset of the
    programme already has (case and punctuation aside): offered for merging at once."""
    rows = sql.register(store, programme_id)
    wanted = set(asset_ids)
    by_name: dict[str, list[RegisterRow]] = {}
    for row in rows:
        by_name.setdefault(name_key(row.name), []).append(row)
    out = []
    for row in rows:
        if row.id in wanted:
            other = next((o for o in by_name[name_key(row.name)] if o.id not in wanted), None)
            if other is not None:
                out.append((row, other))
    return out


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The two ids of a pair, in one order whichever came first."""
    return (a, b) if a <= b else (b, a)


def duplicates(store: Store, programme_id: str, *, model=None) -> list[DuplicatePair]:
    """Pairs of live assets that look like the same asset: the same name apart from case
    and punctuation, or names alike by the similar-notes matching (the offline model, or
    word overlap without it). The one named at more workshops (then the older) is offered
    to keep. Most alike first."""
    rows = sql.register(store, programme_id)
    if len(rows) < 2:
        return []
    pairs: dict[tuple[str, str], DuplicatePair] = {}
    by_name: dict[str, list[RegisterRow]] = {}
    for row in rows:
        by_name.setdefault(name_key(row.name), []).append(row)

    def order(a: RegisterRow, b: RegisterRow) -> tuple[RegisterRow, RegisterRow]:
        return (a, b) if (-len(a.workshops), a.updated_at, a.id) <= \
            (-len(b.workshops), b.updated_at, b.id) else (b, a)

    for same in by_name.values():
        for i, a in enumerate(same):
            for b in same[i + 1:]:
                keep, other = order(a, b)
                pairs[pair_key(a.id, b.id)] = DuplicatePair(keep, other, 1.0, True)
    from facilitator.sense.embedding import load_model
    from facilitator.sense.suggest import prepare

    model = model or load_model()
    vectors = prepare(model, [r.name for r in rows])
    threshold = DUPLICATE_SIMILARITY[bool(getattr(model, "semantic", False))]
    chunk = 512
    for start in range(0, len(rows), chunk):
        scores = vectors[start:start + chunk] @ vectors.T
        for i_local, j in zip(*(scores >= threshold).nonzero(), strict=True):
            i = start + int(i_local)
            j = int(j)
            if j <= i:
                continue
            key = pair_key(rows[i].id, rows[j].id)
            if key in pairs:
                continue
            keep, other = order(rows[i], rows[j])
            pairs[key] = DuplicatePair(keep, other, float(scores[i_local, j]), False)
    return sorted(pairs.values(), key=lambda p: (-p.score, p.keep.name.casefold()))


