"""What the asset register shows (issue 11): its rows, filtered and searched, counted by
category and place, grouped for the reports. No Qt, no SQL.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from facilitator.asset_models import Connection, RegisterRow
from facilitator.assets import NO_CATEGORY, NO_PLACE, categories
from facilitator.formats import Vocabulary
from facilitator.store import Store
from facilitator.store import assets as sql


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
