"""Suggested themes: groups of similar notes not yet in a theme, and existing themes that
notes probably belong to, each with a short label drawn from its notes' own words, ordered by
how many workshops raised it. Nothing is applied here: the user accepts, renames, splits or
dismisses each suggestion (ui.sense.suggestions), and dismissed ones stay dismissed.

Also "similar notes" (``NoteIndex.similar``) and support-area hints for untagged HOW notes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from facilitator.models import Note
from facilitator.sense.cluster import cut, linkage
from facilitator.sense.embedding import WORD_RE, load_model, words

#: Groups are cut where notes are on average less alike than this (cosine distance of
#: centred vectors). Chosen on two public labelled sets of different difficulty (CLINC150
#: and part of BANKING77; benchmarks/bench_sense.py) where it gives homogeneity ~0.9 on both.
THRESHOLD = {True: 0.65, False: 0.80}  # semantic model, lexical fallback
DISMISSED_KEY = "dismissed_theme_suggestions"
Progress = Callable[[float], None]


@dataclass
class Suggestion:
    kind: str  # "new": a new theme of these notes; "existing": add them to ``theme_id``
    note_ids: list[str]
    label: str
    workshop_ids: list[str]
    theme_id: str | None = None
    number: int = 0

    @property
    def key(self) -> str:
        """Stable across runs for the same notes (so a dismissal can be remembered)."""
        raw = "|".join([self.kind, self.theme_id or "", *sorted(self.note_ids)])
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


@dataclass
class SuggestResult:
    suggestions: list[Suggestion]
    notes: list[Note]
    model_name: str
    notice: str
    semantic: bool
    workshop_codes: dict[str, str] = field(default_factory=dict)

    def group_of(self) -> dict[str, Suggestion]:
        return {nid: s for s in self.suggestions for nid in s.note_ids}


def prepare(model, texts: list[str]) -> np.ndarray:
    """Unit vectors with what all notes share taken out (it says nothing about themes)."""
    vectors = model.embed(texts)
    # a note with no words (emoji, punctuation) is like nothing: it gets no vector
    wordy = np.array([bool(WORD_RE.search(t)) for t in texts], dtype=bool)
    vectors[~wordy] = 0
    live = np.linalg.norm(vectors, axis=1) > 0
    if live.sum() >= 30:
        centre = vectors[live].mean(axis=0)
    elif getattr(model, "semantic", False):
        direction = model.table.mean(axis=0)
        direction /= np.linalg.norm(direction)
        centre = None
        vectors = vectors - np.outer(vectors @ direction, direction)
    else:
        centre = None
    if centre is not None:
        vectors = vectors - centre
    vectors[~live] = 0
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return (vectors / norms).astype(np.float32)


def label_for(texts: list[str], all_texts_df: Counter, total: int) -> str:
    """A short label from the group's own words: its most telling words (common in the
    group, rarer elsewhere), in the order the most typical note uses them."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(set(words(text)))
    if not counts:
        return texts[0][:40] if texts else ""
    import math

    def weight(word: str) -> float:
        return counts[word] / len(texts) * math.log((1 + total) / (1 + all_texts_df[word]))

    best = sorted(counts, key=lambda w: (-weight(w), w))
    chosen = [w for w in best[:3] if counts[w] >= max(2, 0.3 * len(texts))] or best[:1]
    typical = max(texts, key=lambda t: sum(w in chosen for w in set(words(t))))
    order = {w: i for i, w in enumerate(words(typical))}
    chosen.sort(key=lambda w: order.get(w, 99))
    label = " ".join(chosen)
    return label[:1].upper() + label[1:]


def suggest_themes(
    store, programme_id: str, step_key: str, workshop_ids: Iterable[str] | None = None, *,
    model=None, progress: Progress | None = None, include_dismissed: bool = False,
) -> SuggestResult:
    progress = progress or (lambda _f: None)
    workshops = {w.id: w for w in store.workshops(programme_id)}
    chosen = [w for w in (workshop_ids or workshops) if w in workshops]
    notes = store.notes(step_key=step_key, workshop_ids=chosen)
    themes = {t.id: t for t in store.themes(programme_id, step_key)}
    model = model or load_model()
    progress(0.05)
    vectors = prepare(model, [n.text for n in notes])
    progress(0.25)
    has_words = np.linalg.norm(vectors, axis=1) > 0
    loose = [i for i, n in enumerate(notes) if n.theme_id not in themes and has_words[i]]
    threshold = THRESHOLD[bool(getattr(model, "semantic", False))]
    # existing themes: the notes of each, to compare loose notes and groups with
    members: dict[str, list[int]] = {}
    for i, n in enumerate(notes):
        if n.theme_id in themes and has_words[i]:
            members.setdefault(n.theme_id, []).append(i)
    groups = _group(vectors, loose, threshold, lambda f: progress(0.25 + 0.65 * f))
    suggestions = _suggestions(notes, themes, groups, threshold,
                               lambda rows: _closest_theme(vectors, members, rows))
    suggestions.sort(key=lambda s: (-len(s.workshop_ids), -len(s.note_ids), s.label))
    if not include_dismissed:
        gone = dismissed(store)
        suggestions = [s for s in suggestions if s.key not in gone]
    for number, suggestion in enumerate(suggestions, 1):
        suggestion.number = number
    progress(1.0)
    return SuggestResult(suggestions, notes, model.name, model.notice,
                         bool(getattr(model, "semantic", False)),
                         {w.id: w.code for w in workshops.values()})


def _group(vectors: np.ndarray, loose: list[int], threshold: float,
           progress: Progress) -> list[list[int]]:
    """The loose notes (their indexes) in groups of alike ones, cut at ``threshold``."""
    merges = linkage(vectors[loose], progress)
    labels = cut(len(loose), merges, threshold)
    grouped: dict[int, list[int]] = {}
    for pos, g in enumerate(labels):
        grouped.setdefault(g, []).append(loose[pos])
    return list(grouped.values())


def _closest_theme(vectors: np.ndarray, members: dict[str, list[int]],
                   rows: list[int]) -> tuple[str | None, float]:
    """The existing theme whose notes the notes ``rows`` are most like on average, and how
    far (cosine distance; 2.0 and no theme when there are none)."""
    if not members:
        return None, 2.0
    mean = vectors[rows].mean(axis=0)
    best, best_d = None, 2.0
    for tid in members:
        d = 1.0 - float((vectors[members[tid]] @ mean).mean())
        if d < best_d:
            best, best_d = tid, d
    return best, best_d


def _suggestions(
    notes: list[Note], themes: dict, groups: list[list[int]], threshold: float,
    closest: Callable[[list[int]], tuple[str | None, float]],
) -> list[Suggestion]:
    """A group close enough to an existing theme joins it ("existing", one suggestion per
    theme); another of two or more notes is a "new" theme, labelled from its words."""
    df: Counter = Counter()
    for n in notes:
        df.update(set(words(n.text)))
    suggestions: list[Suggestion] = []
    into_theme: dict[str, list[int]] = {}
    for rows in groups:
        tid, d = closest(rows)
        if tid is not None and d <= threshold:
            into_theme.setdefault(tid, []).extend(rows)
        elif len(rows) >= 2:
            texts = [notes[i].text for i in rows]
            suggestions.append(Suggestion(
                "new", [notes[i].id for i in rows], label_for(texts, df, len(notes)),
                sorted({notes[i].workshop_id for i in rows})))
    for tid, rows in into_theme.items():
        suggestions.append(Suggestion(
            "existing", [notes[i].id for i in rows], themes[tid].label,
            sorted({notes[i].workshop_id for i in rows}), theme_id=tid))
    return suggestions


# ----------------------------------------------------------------- dismissed
def dismissed(store) -> set[str]:
    try:
        return set(json.loads(store.meta(DISMISSED_KEY) or "[]"))
    except ValueError:
        return set()


def set_dismissed(store, key: str, gone: bool = True) -> None:
    """Remember (or forget) that the user dismissed a suggestion; kept in the library."""
    keys = dismissed(store)
    keys = keys | {key} if gone else keys - {key}
    store.set_meta(DISMISSED_KEY, json.dumps(sorted(keys)))


# ------------------------------------------------------------- similar notes
class NoteIndex:
    """Vectors of a programme's notes, for "similar notes" (built once, then fast)."""

    def __init__(self, notes: list[Note], model=None) -> None:
        self.model = model or load_model()
        self.notes = list(notes)
        self.position = {n.id: i for i, n in enumerate(self.notes)}
        self.vectors = prepare(self.model, [n.text for n in self.notes])

    def similar(self, note_id: str, k: int = 10, *, min_similarity: float = 0.2
                ) -> list[tuple[Note, float]]:
        i = self.position.get(note_id)
        if i is None or not self.vectors[i].any():
            return []
        scores = self.vectors @ self.vectors[i]
        scores[i] = -2
        top = np.argsort(-scores)[:k]
        return [(self.notes[j], float(scores[j])) for j in top if scores[j] >= min_similarity]


def suggestions_csv_rows(result: SuggestResult) -> list[list[str]]:
    """One row per note: id, workshop code, text, group number (blank if none), label."""
    group = result.group_of()
    rows = [["note_id", "workshop", "text", "group", "label"]]
    for note in result.notes:
        s = group.get(note.id)
        rows.append([note.id, result.workshop_codes.get(note.workshop_id, ""), note.text,
                     str(s.number) if s else "", s.label if s else ""])
    return rows
