"""Support-area hints for HOW notes not yet sorted: "probably 3 Support to get started".

A hint comes from the library's own sorted notes, the nearest neighbours by meaning (the
same offline model as "Similar notes"; the word-overlap fallback when it is missing), and
from a description of each of the four support areas (seed 003's four areas, in the words
people write on sticky notes). Nothing is applied here: the themes board shows the hint on
the card and the user accepts it with a key (one undoable command).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from facilitator.formats import Vocabulary
from facilitator.models import Note
from facilitator.sense.embedding import load_model
from facilitator.sense.suggest import prepare

#: What each of the four support areas is about, for notes with few sorted neighbours. A
#: vocabulary's own tag description, when it has one, is used as well.
AREA_WORDS = {
    "willingness": (
        "Willingness to do things: people willing to volunteer and help their neighbours; "
        "encouraging, asking, motivating and recruiting volunteers; confidence, "
        "reassurance that it is not too much, time and commitment; community spirit, "
        "pride, good neighbours, champions; publicising and promoting the chance to help"),
    "understanding": (
        "Understanding what works: knowing what is needed and what already exists locally; "
        "information, directories and maps of groups and services; good examples, case "
        "studies and success stories; sharing ideas, experience and learning from other "
        "communities; research, evidence, surveys and data"),
    "getting-started": (
        "Support to get started: help to set up a new group or project; start-up grants "
        "and funding bids; advice, training, a toolkit; insurance, DBS checks, "
        "safeguarding, policies, legal structure and a constitution; finding a venue, "
        "premises, equipment and a named council contact"),
    "keeping-going": (
        "Support to keep going: ongoing funding and sustainability; keeping and thanking "
        "volunteers, recognition and awards; mentoring, networks and forums; continued "
        "advice and support after the start; partnerships, coordination and long-term "
        "help with running costs"),
}
#: The nearest sorted notes consulted; each counts (by how alike it is) only when at least
#: ``MIN_NEIGHBOUR`` alike. The areas' descriptions count ``DESCRIPTION_WEIGHT`` times
#: their likeness. A hint is shown only when its area has ``MIN_SHARE`` of the evidence.
#: Chosen on the demo programme's 33 sorted HOW notes, each hinted from the other 32
#: (benchmarks/bench_area_hints.py): a hint on 27, right on 18 (67 %; chance is 25 %).
NEIGHBOURS = 5
MIN_NEIGHBOUR = 0.45
DESCRIPTION_WEIGHT = 1.0
MIN_SHARE = 0.5


@dataclass(frozen=True)
class AreaHint:
    note_id: str
    tag_key: str
    tag_label: str
    number: int  # the area's position, 1-4 (as the run screen's keys)
    share: float  # its share of the evidence, 0-1

    @property
    def text(self) -> str:
        return f"probably {self.number} {self.tag_label}"


def area_hints(untagged: list[Note], tagged: list[Note], vocabulary: Vocabulary,
               model=None) -> dict[str, AreaHint]:
    """A hint for each of ``untagged`` that the evidence points to clearly enough, from
    ``tagged`` (notes of the same step with one of the vocabulary's tags) and the areas'
    descriptions. Notes with no words (emoji) get none."""
    keys = list(vocabulary.keys())
    if not untagged or not keys:
        return {}
    model = model or load_model()
    sorted_notes = [(n, next(t for t in n.tags if t in keys)) for n in tagged
                    if any(t in keys for t in n.tags)]
    descriptions = [" ".join(x for x in (tag.label, tag.description,
                                         AREA_WORDS.get(tag.key, "")) if x)
                    for tag in vocabulary.tags]
    texts = ([n.text for n in untagged] + [n.text for n, _ in sorted_notes] + descriptions)
    vectors = prepare(model, texts)
    u = vectors[:len(untagged)]
    t = vectors[len(untagged):len(untagged) + len(sorted_notes)]
    d = vectors[len(untagged) + len(sorted_notes):]
    area_of = np.array([keys.index(tag) for _, tag in sorted_notes], dtype=int)
    scores = DESCRIPTION_WEIGHT * np.clip(u @ d.T, 0, None)  # (notes, areas)
    if len(sorted_notes):
        sims = u @ t.T
        k = min(NEIGHBOURS, len(sorted_notes))
        nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for row in range(len(untagged)):
            for j in nearest[row]:
                if sims[row, j] > MIN_NEIGHBOUR:
                    scores[row, area_of[j]] += sims[row, j]
    hints = {}
    for row, note in enumerate(untagged):
        if not u[row].any():
            continue
        total = scores[row].sum()
        best = int(np.argmax(scores[row]))
        share = float(scores[row, best] / total) if total > 0 else 0.0
        if share >= MIN_SHARE:
            tag = vocabulary.tags[best]
            hints[note.id] = AreaHint(note.id, tag.key, tag.label, best + 1, share)
    return hints


def hint_inputs(store, programme_id: str, step_key: str
                ) -> tuple[Vocabulary | None, list[Note], list[Note]]:
    """What a programme's step needs for hints (quick; run it on the GUI thread, then
    ``area_hints`` off it): the step's vocabulary (None: the step has no support areas),
    its notes with none of the vocabulary's tags, and the library's notes of that step
    that have one (every programme's: the library's own sorting is the evidence)."""
    vocabulary = None
    workshops = store.workshops(programme_id)
    for workshop in workshops:
        fmt = store.get_format(workshop.format_key)
        if step_key in fmt.step_keys():
            vocabulary = fmt.vocabulary_for(step_key)
            if vocabulary is not None:
                break
    if vocabulary is None or not vocabulary.tags:
        return None, [], []
    keys = set(vocabulary.keys())
    mine = {w.id for w in workshops}
    untagged, tagged = [], []
    for note in store.notes(step_key=step_key):
        if keys & set(note.tags):
            tagged.append(note)
        elif note.workshop_id in mine:
            untagged.append(note)
    return vocabulary, untagged, tagged
