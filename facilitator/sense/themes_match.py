"""Ranking a programme's themes against what the facilitator types in the theme picker.

A theme matches on its label (typos forgiven) and on the notes already in it, so
typing "bus" finds "Getting about" when its notes talk about buses. Pure Python plus
rapidfuzz (a small compiled wheel), imported when the picker first opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, utils

#: Below this score (0-100) a theme is not shown for a typed query.
MIN_SCORE = 76.0


@dataclass
class ThemeEntry:
    id: str
    label: str
    count: int = 0
    #: Texts of (some of) the notes in the theme, to match on as well as the label.
    note_texts: list[str] = field(default_factory=list)


def _clean(text: str) -> str:
    return utils.default_process(text or "")


def score(query: str, entry: ThemeEntry) -> float:
    """How well ``query`` matches a theme, 0-100 (label first, its notes count for less)."""
    q = _clean(query)
    if not q:
        return 0.0
    label = _clean(entry.label)
    if label == q:
        return 200.0
    best = 0.0
    if label.startswith(q):
        best = 150.0 - min(len(label) - len(q), 40) / 4
    elif q in label:
        best = 120.0
    else:
        best = max(fuzz.partial_ratio(q, label) if len(q) >= 3 else 0.0,
                   fuzz.token_set_ratio(q, label))
    notes = 0.0
    if len(q) >= 3:
        for text in entry.note_texts[:200]:
            t = _clean(text)
            if q in t:
                notes = 100.0
                break
            notes = max(notes, fuzz.partial_ratio(q, t) if len(t) < 400 else 0.0)
        notes *= 0.8
    return max(best, notes)


def rank(query: str, entries: list[ThemeEntry]) -> list[ThemeEntry]:
    """The themes to show for ``query``: best matches first; everything (by label) for an
    empty query."""
    if not _clean(query):
        return sorted(entries, key=lambda e: e.label.casefold())
    scored = [(score(query, e), e) for e in entries]
    kept = [(s, e) for s, e in scored if s >= MIN_SCORE]
    kept.sort(key=lambda pair: (-pair[0], -pair[1].count, pair[1].label.casefold()))
    return [e for _, e in kept]


def exact(query: str, entries: list[ThemeEntry]) -> ThemeEntry | None:
    """The theme whose label is ``query`` (ignoring case and spacing), if any."""
    wanted = " ".join(query.split()).casefold()
    return next((e for e in entries if " ".join(e.label.split()).casefold() == wanted), None)


def theme_entries(store, programme_id: str, step_key: str) -> list[ThemeEntry]:
    """The programme's live themes for a step, with their live notes across its workshops."""
    entries = {t.id: ThemeEntry(t.id, t.label) for t in store.themes(programme_id, step_key)}
    workshops = [w.id for w in store.workshops(programme_id)]
    for note in store.notes(step_key=step_key, workshop_ids=workshops):
        entry = entries.get(note.theme_id or "")
        if entry is not None:
            entry.count += 1
            entry.note_texts.append(note.text)
    return list(entries.values())
