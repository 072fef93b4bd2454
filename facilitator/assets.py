"""Asset-based sessions (issue 11): the rules of the asset register. No Qt, no SQL.

An asset-mapping session captures notes under a step whose vocabulary is an asset
vocabulary (format data: a vocabulary whose key starts ``asset-category``; the default
format sorts assets as personal / social / community / neighbourhood, seed 004's model;
"Asset mapping (individuals, associations, organisations)" uses seed 002's levels). Those
notes become assets, records that grow across the programme's sessions: name, category,
what it offers, place, who can help connect (a role or organisation, never a private
person's contact details) and notes, with the workshops that named it. The format's
"Connections" step links two or more assets with the idea that brings them together.

Every change here returns an :class:`AssetChange`: the rows it touched as they were and as
they are, so the ui's undo command can put them back exactly (``store.assets.restore``).
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from facilitator.asset_models import MAX_NAME, Asset, AssetSource, Connection, RegisterRow
from facilitator.formats import Format, Tag, Vocabulary, load_builtin_formats
from facilitator.models import ValidationError, name_key, utc_now
from facilitator.store import Store
from facilitator.store import assets as sql

#: A step whose vocabulary key starts with this captures assets.
ASSET_VOCABULARY = "asset-category"
#: The step that links assets with an idea.
CONNECTIONS_STEP = "connections"
DEFAULT_FORMAT = "asset-mapping"
#: The register's name for assets not yet given a category.
NO_CATEGORY = "Not yet sorted"
NO_PLACE = "No place given"
#: Two assets whose names are at least this alike (cosine of the notes' vectors) are offered
#: for merging; names that are the same apart from case and punctuation always are.
DUPLICATE_SIMILARITY = {True: 0.80, False: 0.62}  # semantic model, lexical fallback


# ------------------------------------------------------------------ vocabulary
def asset_step_keys(fmt: Format) -> tuple[str, ...]:
    """The steps of a format that capture assets."""
    return tuple(s.key for s in fmt.steps
                 if s.vocabulary and s.vocabulary.startswith(ASSET_VOCABULARY))


def is_asset_step(fmt: Format, step_key: str) -> bool:
    return step_key in asset_step_keys(fmt)


def is_connections_step(fmt: Format, step_key: str) -> bool:
    return step_key == CONNECTIONS_STEP and bool(asset_step_keys(fmt))


def vocabulary(store: Store, programme_id: str) -> Vocabulary:
    """The programme's asset vocabulary: that of the asset-mapping format its workshops use
    (the first by date and code), else the built-in default (personal, social, community,
    neighbourhood)."""
    seen: set[str] = set()
    for workshop in sorted(store.workshops(programme_id), key=lambda w: (w.date, w.code)):
        if workshop.format_key in seen:
            continue
        seen.add(workshop.format_key)
        fmt = store.get_format(workshop.format_key)
        for key in asset_step_keys(fmt):
            found = fmt.vocabulary_for(key)
            if found is not None:
                return found
    return default_vocabulary()


def default_vocabulary() -> Vocabulary:
    fmt = load_builtin_formats()[DEFAULT_FORMAT]
    return fmt.vocabulary_for(asset_step_keys(fmt)[0]) or Vocabulary(ASSET_VOCABULARY, "", ())


def category_label(vocab: Vocabulary, key: str) -> str:
    return vocab.label_for(key) if key else NO_CATEGORY


def categories(vocab: Vocabulary, used: Iterable[str] = ()) -> list[Tag]:
    """The vocabulary's categories, then any other category an asset uses (from a file
    made with another vocabulary), so nothing is hidden."""
    tags = list(vocab.tags)
    known = set(vocab.keys())
    for key in sorted(set(used) - known - {""}):
        tags.append(Tag(key, key.replace("-", " ").replace("_", " ").capitalize()))
    return tags


# --------------------------------------------------------------------- changes
@dataclass
class AssetChange:
    """What one change did, row by row: (table, id) -> the row before and after (None: not
    there). ``asset_ids`` are the assets it made or changed, for the views to select."""

    description: str
    before: dict[tuple[str, str], dict[str, Any] | None] = field(default_factory=dict)
    after: dict[tuple[str, str], dict[str, Any] | None] = field(default_factory=dict)
    asset_ids: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def touched(self) -> dict[str, list[str]]:
        """The real rows touched (table -> ids), for the undo command's staleness check."""
        out: dict[str, list[str]] = {}
        for table, row_id in self.before:
            if table in sql.COLUMNS:
                out.setdefault(table, []).append(row_id)
        return out


@contextlib.contextmanager
def _recording(store: Store, change: AssetChange, keys: Iterable[tuple[str, str]]
               ) -> Iterator[list[tuple[str, str]]]:
    """Snapshot ``keys`` (and any the body appends) before and after the body, in one
    transaction."""
    keys = list(keys)
    with store.transaction():
        change.before = sql.snapshot(store, keys)
        yield keys
        for key in keys:
            if key not in change.before:
                change.before[key] = None
        change.after = sql.snapshot(store, list(change.before))


def undo(store: Store, change: AssetChange) -> None:
    sql.restore(store, change.before)


def redo(store: Store, change: AssetChange) -> None:
    sql.restore(store, change.after)


# ------------------------------------------------------------ notes -> assets
def note_name(text: str) -> str:
    """An asset's name from a note: its words on one line, cut at a word near MAX_NAME."""
    name = " ".join(text.split())
    if len(name) <= MAX_NAME:
        return name
    cut = name[: MAX_NAME - 1].rsplit(" ", 1)[0]
    return cut + "…"


def notes_to_assets(store: Store, note_ids: Sequence[str]) -> AssetChange:
    """Each note becomes an asset (one write): its text the name, its asset tag the
    category, its workshop's district the place, and the note and workshop recorded as what
    named it. A note that already became an asset is left as it is (said in ``messages``).
    A note whose text is blank is refused with a message."""
    notes = [n for n in store.get_notes(note_ids) if not n.deleted]
    done = sql.assets_of_notes(store, [n.id for n in notes])
    change = AssetChange("")
    items: list[tuple[Asset, list[AssetSource]]] = []
    workshops: dict[str, Any] = {}
    vocabularies: dict[str, Vocabulary] = {}
    now = utc_now()
    for note in notes:
        if note.id in done:
            change.messages.append(f"“{note_name(note.text)}” is already in the register.")
            continue
        workshop = workshops.get(note.workshop_id) or store.get_workshop(note.workshop_id)
        workshops[workshop.id] = workshop
        vocab = vocabularies.get(workshop.programme_id) or vocabulary(store,
                                                                      workshop.programme_id)
        vocabularies[workshop.programme_id] = vocab
        fmt = store.get_format(workshop.format_key)
        step_vocab = fmt.vocabulary_for(note.step_key) if note.step_key in fmt.step_keys() \
            else None
        keys = set(vocab.keys()) | set(step_vocab.keys() if step_vocab else ())
        category = next((t for t in note.tags if t in keys), "")
        asset = Asset(workshop.programme_id, note_name(note.text), category,
                      place=" ".join(workshop.district.split()), created_at=now, updated_at=now)
        items.append((asset, [AssetSource(asset.id, workshop.id, note.id, now, now)]))
    if not items:
        if not change.messages:
            raise ValidationError("Choose notes with text to turn into assets.")
        return change
    keys = [("assets", a.id) for a, _ in items]
    keys += [("asset_sources", s.id) for _, sources in items for s in sources]
    with _recording(store, change, keys):
        sql.add_assets(store, items)
    change.asset_ids = [a.id for a, _ in items]
    change.description = (f"Add “{items[0][0].name}” to the register" if len(items) == 1
                          else f"Add {len(items)} notes to the register")
    return change


def step_to_assets(store: Store, workshop_id: str, step_key: str) -> AssetChange:
    """Every note of a workshop's asset step that is not an asset yet becomes one."""
    notes = store.notes(workshop_id, step_key)
    done = sql.assets_of_notes(store, [n.id for n in notes])
    wanted = [n.id for n in notes if n.id not in done]
    if not wanted:
        raise ValidationError("Every note of this step is already in the register.")
    return notes_to_assets(store, wanted)


# --------------------------------------------------------------------- editing
def add_asset(store: Store, programme_id: str, name: str, category: str = "", *,
              offers: str = "", place: str = "", connector: str = "", notes: str = "",
              workshop_id: str = "") -> AssetChange:
    """A new asset typed into the register (with the workshop that named it, if given)."""
    asset = Asset(programme_id, name, category, offers, place, connector, notes)
    asset.validate()
    store.get_programme(programme_id)
    sources = [AssetSource(asset.id, workshop_id)] if workshop_id else []
    change = AssetChange(f"Add asset “{asset.name}”", asset_ids=[asset.id])
    keys = [("assets", asset.id)] + [("asset_sources", s.id) for s in sources]
    with _recording(store, change, keys):
        sql.add_assets(store, [(asset, sources)])
    return change


#: The fields of an asset a person edits, with their names in the interface.
FIELDS = (("name", "Name"), ("category", "Category"), ("offers", "What it offers"),
          ("place", "Place"), ("connector", "Who can help connect"), ("notes", "Notes"))


def edit_asset(store: Store, asset_id: str, **values: str) -> AssetChange:
    """Change fields of an asset (``name=…, place=…``). A blank name is refused."""
    asset = sql.get_asset(store, asset_id)
    unknown = set(values) - {name for name, _ in FIELDS}
    if unknown:
        raise ValueError(f"not an asset field: {sorted(unknown)}")
    for name, value in values.items():
        value = value.strip() if name != "notes" else value.rstrip()
        if name in ("name", "place", "connector"):
            value = " ".join(value.split())
        setattr(asset, name, value)
    asset.validate()
    labels = dict(FIELDS)
    what = ", ".join(labels[n].lower() if i else labels[n] for i, n in enumerate(values))
    change = AssetChange(f"{what} of “{asset.name}”", asset_ids=[asset_id])
    with _recording(store, change, [("assets", asset_id)]):
        sql.update_asset(store, asset)
    return change


def delete_assets(store: Store, asset_ids: Sequence[str]) -> AssetChange:
    ids = list(dict.fromkeys(asset_ids))
    if not ids:
        raise ValidationError("Choose the assets to delete.")
    names = [sql.get_asset(store, i).name for i in ids]
    change = AssetChange(f"Delete “{names[0]}”" if len(ids) == 1 else
                         f"Delete {len(ids)} assets", asset_ids=ids)
    with _recording(store, change, [("assets", i) for i in ids]):
        sql.set_assets_deleted(store, ids, True)
    return change


_UNREAD = object()


def connector_warnings(store: Store, text: str, names=_UNREAD) -> list[str]:
    """What in a "who can help connect" text looks like a private person's contact details,
    by the same check as the report's personal-data check (email, phone, address, a title
    with a name, the names on the library's list). A role or organisation passes.
    ``names``: the list's pattern, from :func:`privacy_pattern` (read once for many)."""
    from facilitator.reports.privacy import look

    return look(text, privacy_pattern(store) if names is _UNREAD else names)


def privacy_pattern(store: Store):
    """The library's own list of names to look for, as the check's pattern."""
    from facilitator.reports.privacy import _name_pattern

    return _name_pattern(store.privacy_names())


def connector_findings(store: Store, programme_id: str,
                       rows: Sequence[RegisterRow] | None = None
                       ) -> list[tuple[RegisterRow, list[str]]]:
    """Assets of a programme whose "who can help connect" looks like contact details."""
    names = privacy_pattern(store)
    seen: dict[str, list[str]] = {}  # the same role is often named many times
    out = []
    for row in sql.register(store, programme_id) if rows is None else rows:
        if row.connector:
            if row.connector not in seen:
                seen[row.connector] = connector_warnings(store, row.connector, names)
            if seen[row.connector]:
                out.append((row, seen[row.connector]))
    return out


# --------------------------------------------------------------------- merging
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


def _fill(mine: str, theirs: str) -> str:
    """A field of the kept asset after a merge: its own text, else the other's; two
    different texts are both kept."""
    mine, theirs = mine.strip(), theirs.strip()
    if not theirs or theirs.casefold() in mine.casefold():
        return mine
    if not mine:
        return theirs
    return f"{mine}; {theirs}"


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
            setattr(keep, name, _fill(getattr(keep, name), getattr(other, name)))
        if not keep.category:
            keep.category = other.category
    change = AssetChange(
        f"Merge “{merging[0].name}” into “{keep.name}”" if len(merging) == 1 else
        f"Merge {len(merging)} assets into “{keep.name}”", asset_ids=[keep_id])
    keys = [("assets", a) for a in [keep_id, *others]]
    keys += sql.links_of(store, others)
    keys += [(sql.REDIRECTS, a) for a in others]
    now = utc_now()
    with _recording(store, change, keys):
        if keep != original:  # only a real change is an edit (it could win a merge)
            sql.update_asset(store, keep)
        sql.set_assets_deleted(store, others, True)
        sql.repoint_links(store, others, keep_id)
        for other in others:
            sql.save_redirect(store, other, keep_id, now)
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
                pairs[tuple(sorted((a.id, b.id)))] = DuplicatePair(keep, other, 1.0, True)
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
            key = tuple(sorted((rows[i].id, rows[j].id)))
            if key in pairs:
                continue
            keep, other = order(rows[i], rows[j])
            pairs[key] = DuplicatePair(keep, other, float(scores[i_local, j]), False)
    return sorted(pairs.values(), key=lambda p: (-p.score, p.keep.name.casefold()))


# ----------------------------------------------------------------- connections
def link_assets(store: Store, programme_id: str, idea: str, asset_ids: Sequence[str], *,
                workshop_id: str = "", note_id: str = "") -> AssetChange:
    """A connection: the idea that brings two or more of the programme's assets together
    (from the Connections step's note ``note_id``, if given)."""
    ids = list(dict.fromkeys(asset_ids))
    if len(ids) < 2:
        raise ValidationError("A connection links two or more assets: choose at least two.")
    for asset_id in ids:
        asset = sql.get_asset(store, asset_id)
        if asset.deleted or asset.programme_id != programme_id:
            raise ValidationError(f"“{asset.name}” is not in this programme's register.")
    connection = Connection(programme_id, idea, workshop_id, note_id)
    connection.validate()
    from facilitator.asset_models import link_id

    change = AssetChange(f"Connect {len(ids)} assets: “{_short(connection.idea)}”",
                         asset_ids=ids)
    keys = [("connections", connection.id)]
    keys += [("connection_assets", link_id(connection.id, a)) for a in ids]
    with _recording(store, change, keys):
        sql.add_connection(store, connection, ids)
    return change


def unlink(store: Store, connection_id: str) -> AssetChange:
    change = AssetChange("Remove connection")
    with _recording(store, change, [("connections", connection_id)]):
        sql.set_connection_deleted(store, connection_id, True)
    return change


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------- the register
@dataclass(frozen=True)
class Filter:
    """What the register shows: words to look for, and a category, place and workshop."""

    text: str = ""
    category: str | None = None  # a tag key; "" = not yet sorted; None = all
    place: str | None = None  # as shown; NO_PLACE for none; None = all
    workshop_id: str | None = None

    def words(self) -> list[str]:
        return [w for w in re.split(r"\s+", self.text.casefold()) if w]


def matches(row: RegisterRow, wanted: Filter, words: list[str] | None = None) -> bool:
    if wanted.category is not None and row.category != wanted.category:
        return False
    if wanted.place is not None:
        place = " ".join(row.place.split()) or NO_PLACE
        if place.casefold() != wanted.place.casefold():
            return False
    if wanted.workshop_id is not None and wanted.workshop_id not in row.workshop_ids:
        return False
    words = wanted.words() if words is None else words
    if words:
        hay = " ".join((row.name, row.offers, row.place, row.connector, row.notes,
                        *row.connections, *row.workshops)).casefold()
        return all(w in hay for w in words)
    return True


def filter_rows(rows: Sequence[RegisterRow], wanted: Filter) -> list[int]:
    """Positions of the rows the filter keeps."""
    words = wanted.words()
    return [i for i, row in enumerate(rows) if matches(row, wanted, words)]


def counts_by_category(rows: Iterable[RegisterRow], vocab: Vocabulary) -> list[tuple[str, int]]:
    """(label, count) in the vocabulary's order, then other categories, then not sorted;
    categories with no assets are listed with 0 so a gap shows."""
    rows = list(rows)
    counted = Counter(r.category for r in rows)
    out = [(tag.label, counted.get(tag.key, 0)) for tag in categories(vocab, counted)]
    if counted.get(""):
        out.append((NO_CATEGORY, counted[""]))
    return out


def counts_by_place(rows: Iterable[RegisterRow]) -> list[tuple[str, int]]:
    """(place, count), most assets first, places compared without case; no place last."""
    counted: Counter = Counter()
    shown: dict[str, str] = {}
    for row in rows:
        place = " ".join(row.place.split())
        key = place.casefold()
        shown.setdefault(key, place or NO_PLACE)
        counted[key] += 1
    ordered = sorted(counted, key=lambda k: (k == "", -counted[k], k))
    return [(shown[k], counted[k]) for k in ordered]


def grouped_by_category(rows: Iterable[RegisterRow], vocab: Vocabulary
                        ) -> list[tuple[str, list[RegisterRow]]]:
    """The register grouped by category (vocabulary order; not yet sorted last), each
    group in name order; empty groups left out."""
    rows = list(rows)
    groups: dict[str, list[RegisterRow]] = {}
    for row in rows:
        groups.setdefault(row.category, []).append(row)
    out = []
    for tag in categories(vocab, groups):
        if groups.get(tag.key):
            out.append((tag.label, sorted(groups[tag.key], key=lambda r: r.name.casefold())))
    if groups.get(""):
        out.append((NO_CATEGORY, sorted(groups[""], key=lambda r: r.name.casefold())))
    return out


def register(store: Store, programme_id: str) -> list[RegisterRow]:
    return sql.register(store, programme_id)


def places(store: Store, programme_id: str) -> list[str]:
    return sql.places(store, programme_id)


def connections(store: Store, programme_id: str) -> list[tuple[Connection, list[str]]]:
    return sql.connections(store, programme_id)
