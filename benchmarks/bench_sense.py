"""Quality and speed of suggested themes and similar notes, on public labelled sets.

Each set's texts become notes of one step across six workshops of a programme; then
``suggest_themes`` groups them with the number of groups it chooses (notes it leaves out
count as groups of one), scored against the labels by homogeneity (is each group about one
thing?), completeness and V-measure; and "similar notes" by precision of the top 5 (the share
of each note's 5 nearest notes that have its label). Sets: CLINC150's test split (4,500
texts, 150 labels; shared/data/clinc150, CC BY 3.0) and the harder BANKING77 part in
tests/data (325 texts, 13 easily confused labels; CC BY 4.0). Both with the offline model and
with the lexical fallback. Speed: suggestions for 3,000 notes, similar notes once loaded.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from benchmarks.sense_quality import BANKING, CLINC, homogeneity_completeness_v, read_labelled
from facilitator.library import open_library
from facilitator.models import Note, Programme, Workshop
from facilitator.sense.embedding import load_model
from facilitator.sense.suggest import NoteIndex, suggest_themes


def library_of(texts: list[str]):
    library = open_library(None)
    store = library.store
    programme = store.add_programme(Programme("Bench"))
    workshops = [store.add_workshop(Workshop(programme.id, f"W{i}", "Q", "delivery-planning"))
                 for i in range(1, 7)]
    notes = [Note(workshops[i % 6].id, "who", text) for i, text in enumerate(texts)]
    store.add_notes(notes)
    return library, programme.id, [n.id for n in notes]


def score(texts: list[str], labels: list[str], model) -> dict[str, float]:
    library, programme_id, ids = library_of(texts)
    start = time.perf_counter()
    result = suggest_themes(library.store, programme_id, "who", model=model,
                            include_dismissed=True)
    seconds = time.perf_counter() - start
    group = {nid: s.number for s in result.suggestions for nid in s.note_ids}
    found = [group.get(nid, -1 - i) for i, nid in enumerate(ids)]  # left out: a group of one
    h, c, v = homogeneity_completeness_v(labels, found)
    index = NoteIndex(library.store.notes(), model)
    label_of = dict(zip(ids, labels, strict=True))
    hits = []
    for nid in ids:
        near = index.similar(nid, 5, min_similarity=-2)
        hits.append(sum(label_of[n.id] == label_of[nid] for n, _ in near) / 5)
    library.close()
    return {"homogeneity": h, "completeness": c, "V-measure": v,
            "groups": len(result.suggestions),
            "grouped share": sum(len(s.note_ids) for s in result.suggestions) / len(ids),
            "precision@5": float(np.mean(hits)), "seconds": seconds}


def speed(model) -> list[tuple[str, float, str]]:
    texts, _ = read_labelled(CLINC) if CLINC.is_file() else read_labelled(BANKING)
    texts = (texts * 10)[:3000]
    library, programme_id, ids = library_of(texts)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        suggest_themes(library.store, programme_id, "who", model=model, include_dismissed=True)
        times.append(time.perf_counter() - start)
    index = NoteIndex(library.store.notes(), model)
    sims = []
    for nid in ids[:200]:
        start = time.perf_counter()
        index.similar(nid, 10)
        sims.append(time.perf_counter() - start)
    library.close()
    return [("suggest themes for 3,000 notes, median (aim < 3)", statistics.median(times), "s"),
            ("similar notes after load, p50 (aim < 100)", statistics.median(sims) * 1000, "ms"),
            ("similar notes after load, max", max(sims) * 1000, "ms")]


def run() -> list[tuple[str, float, str]]:
    start = time.perf_counter()
    model = load_model()
    figures = [("model load (once, off the GUI thread)", time.perf_counter() - start, "s")]
    sets = [("banking77-part", BANKING)] + ([("clinc150", CLINC)] if CLINC.is_file() else [])
    for which, chosen in (("model", model), ("lexical", load_model(force_lexical=True))):
        for name, path in sets:
            texts, labels = read_labelled(path)
            for key, value in score(texts, labels, chosen).items():
                unit = "s" if key == "seconds" else ""
                figures.append((f"{name} {which} {key}", value, unit))
    figures += speed(model)
    return figures


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}", flush=True)
