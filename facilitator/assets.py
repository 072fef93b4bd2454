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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from facilitator.asset_models import MAX_NAME, Asset, AssetSource, RegisterRow
from facilitator.formats import Format, Tag, Vocabulary, load_builtin_formats
from facilitator.models import ValidationError, utc_now
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
def recording(store: Store, change: AssetChange, keys: Iterable[tuple[str, str]]
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
    records = [("assets", a.id) for a, _ in items]
    records += [("asset_sources", s.id) for _, sources in items for s in sources]
    with recording(store, change, records):
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
    with recording(store, change, keys):
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
    with recording(store, change, [("assets", asset_id)]):
        sql.update_asset(store, asset)
    return change


def delete_assets(store: Store, asset_ids: Sequence[str]) -> AssetChange:
    ids = list(dict.fromkeys(asset_ids))
    if not ids:
        raise ValidationError("Choose the assets to delete.")
    names = [sql.get_asset(store, i).name for i in ids]
    change = AssetChange(f"Delete “{names[0]}”" if len(ids) == 1 else
                         f"Delete {len(ids)} assets", asset_ids=ids)
    with recording(store, change, [("assets", i) for i in ids]):
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
