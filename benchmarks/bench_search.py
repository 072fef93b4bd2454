"""Search over 100,000 notes: ``facilitator.sense.search.search`` (query building, filters,
joins, highlights, result objects) vs a raw FTS5 query on the same index in the same run
(``SELECT rowid … MATCH ? ORDER BY rank LIMIT 200``), interleaved, p50 of each."""

from __future__ import annotations

import random
import statistics
import time

from facilitator.library import open_library
from facilitator.models import Note, Programme, Workshop
from facilitator.sense.search import SearchFilters, search, to_fts

NOTES = 100_000
ROUNDS = 15
QUERIES = ["lunch", "bus*", '"lunch club"', "lonely older", "transport OR buses",
           "volunteers", "café", "grants money", "young carers", "zzz"]
WORDS = ["lunch", "club", "bus", "buses", "transport", "lonely", "older", "people", "living", "alone", "volunteers", "grants", "money", "café", "village", "hall", "young", "carers", "parent", "mental", "health", "support", "group", "walking", "library", "youth", "centre", "funding", "training", "mentor", "insurance", "contact", "leaflet", "internet", "digital", "skills", "shop", "pharmacy", "doctor", "surgery", "evening", "weekend", "rural", "isolated", "bereaved", "disabled", "accessible", "vehicle", "lift", "parking", "benches", "toilets", "park", "garden", "allotment", "food", "bank", "meals", "cooking", "council", "parish", "newsletter", "radio", "church"]


def build(store) -> tuple[str, list[str]]:
    rng = random.Random(16)
    programme = store.add_programme(Programme("Bench"))
    workshops = [store.add_workshop(Workshop(programme.id, f"W{i}", "Q", "delivery-planning"))
                 for i in range(1, 11)]
    weights = [1 / (rank + 1) for rank in range(len(WORDS))]
    steps = ("who", "what", "how")
    for _batch in range(NOTES // 5000):
        batch = []
        for _ in range(5000):
            n = rng.randint(3, 14)
            text = " ".join(rng.choices(WORDS, weights, k=n)).capitalize()
            batch.append(Note(rng.choice(workshops).id, rng.choice(steps), text))
        store.add_notes(batch)
    return programme.id, [w.id for w in workshops]


def run() -> list[tuple[str, float, str]]:
    library = open_library(None)
    store = library.store
    programme_id, _ = build(store)
    conn = store.conn
    ours: list[float] = []
    raw: list[float] = []
    filtered: list[float] = []
    for _ in range(ROUNDS):
        for query in QUERIES:
            match = to_fts(query)
            t0 = time.perf_counter()
            conn.execute("SELECT rowid FROM search_index WHERE search_index MATCH ? "
                         "ORDER BY rank LIMIT 200", [match]).fetchall()
            t1 = time.perf_counter()
            search(store, query)
            t2 = time.perf_counter()
            search(store, query, SearchFilters(programme_id=programme_id, step_key="how"))
            t3 = time.perf_counter()
            raw.append(t1 - t0)
            ours.append(t2 - t1)
            filtered.append(t3 - t2)
    library.close()
    p50 = statistics.median
    return [
        ("search p50 over 100,000 notes (aim < 20)", p50(ours) * 1000, "ms"),
        ("raw FTS5 query p50", p50(raw) * 1000, "ms"),
        ("search vs raw FTS5 p50 (aim <= 1.5)", p50(ours) / p50(raw), "x"),
        ("search with programme and step filters p50", p50(filtered) * 1000, "ms"),
        ("search min", min(ours) * 1000, "ms"),
        ("raw FTS5 min", min(raw) * 1000, "ms"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
