"""Merging two programmes of 10,000 notes each, beside a raw SQL ``UPDATE`` of the same
rows in the same run (interleaved repetitions, min and median, the ratio), and how both
grow with size (5,000, 10,000 and 20,000 notes in all: linear, the ratio steady).

``library_ops.merge_programmes`` checks the codes, moves the workshops, joins the themes
of the same label (their notes re-pointed in one statement), deletes the merged
programme, records the redirects that travel, and keeps what its exact undo needs (the
notes it re-pointed, grouped by old and new theme, as the statement left them), keeps the
search index right (rows whose text and theme label are unchanged are not rewritten):
one durable transaction. The floor is the bare ``UPDATE`` statements that move the same
rows, with the same durability settings, and nothing else. The merge's undo is timed on
the merged copy, beside the same floor.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from facilitator.formats import load_builtin_formats
from facilitator.library import open_library
from facilitator.models import Note, Programme, Theme, Workshop

WORKSHOPS = 10
THEMES = 20
REPEATS = 5
STEPS = ("who", "what", "how")


def _programme(store, title: str, first_code: int, per_workshop: int) -> str:
    programme = store.add_programme(Programme(title, area="Rutland"))
    themes = [store.add_theme(Theme(programme.id, STEPS[i % 3], f"Theme {i}"))
              for i in range(THEMES)]
    for w in range(WORKSHOPS):
        workshop = store.add_workshop(Workshop(
            programme.id, f"W{first_code + w}", "How can we help?", "delivery-planning"))
        store.add_notes([
            Note(workshop.id, STEPS[i % 3], f"{title} W{first_code + w} note {i}: community "
                 "transport to the surgery on market day",
                 theme_id=themes[i % THEMES].id if i % 2 else None)
            for i in range(per_workshop)
        ])
    return programme.id


def _template(folder: Path, notes_per_programme: int) -> tuple[Path, str, str]:
    path = folder / f"template-{notes_per_programme}.wfdb"
    library = open_library(path, load_builtin_formats())
    per_workshop = notes_per_programme // WORKSHOPS
    target = _programme(library.store, "Rutland 2026", 1, per_workshop)
    source = _programme(library.store, "Rutland 2026 (Raj)", 1 + WORKSHOPS, per_workshop)
    library.close()
    return path, source, target


def _ours(path: Path, source: str, target: str) -> tuple[float, float]:
    """The merge, then its undo (checked to leave the library as it was)."""
    from facilitator import library_ops
    from facilitator.store.transfer_merge import content_snapshot

    library = open_library(path)
    try:
        before = content_snapshot(library.store) if CHECK_UNDO else None
        start = time.perf_counter()
        record = library_ops.merge_programmes(library.store, source, target)
        merged = time.perf_counter() - start
        start = time.perf_counter()
        library_ops.undo_merge(library.store, record)
        undone = time.perf_counter() - start
        if CHECK_UNDO:
            assert content_snapshot(library.store) == before, "undo did not restore the library"
        return merged, undone
    finally:
        library.close()


def _floor(path: Path, source: str, target: str) -> tuple[float, float]:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    try:
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE workshops SET programme_id = ? WHERE programme_id = ?",
                     [target, source])
        conn.execute(
            "UPDATE notes SET theme_id = (SELECT t2.id FROM themes t1 JOIN themes t2 ON "
            "t2.programme_id = ? AND t2.label = t1.label AND t2.step_key = t1.step_key "
            "WHERE t1.id = notes.theme_id) WHERE theme_id IN "
            "(SELECT id FROM themes WHERE programme_id = ?)", [target, source])
        conn.execute("UPDATE themes SET deleted = 1 WHERE programme_id = ?", [source])
        conn.execute("UPDATE programmes SET deleted = 1 WHERE id = ?", [source])
        conn.execute("COMMIT")
        return time.perf_counter() - start, 0.0
    finally:
        conn.close()


#: Compare the library after the undo with before the merge (outside the timings).
CHECK_UNDO = True
SIZES = (2_500, 5_000, 10_000)  # notes per programme: 5,000, 10,000, 20,000 in all


def _measure(folder: Path, per_programme: int, repeats: int):
    template, source, target = _template(folder, per_programme)
    ours, undo, floor = [], [], []
    for index in range(repeats):
        for name, timer in (("ours", _ours), ("floor", _floor)):
            copy = folder / f"{name}-{per_programme}-{index}.wfdb"
            shutil.copy(template, copy)
            first, second = timer(copy, source, target)
            if name == "ours":
                ours.append(first)
                undo.append(second)
            else:
                floor.append(first)
            copy.unlink()
            for extra in ("-wal", "-shm"):
                Path(f"{copy}{extra}").unlink(missing_ok=True)
    return ours, undo, floor


def run() -> list[tuple[str, float, str]]:
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        mins = {}
        for size in SIZES:
            ours, undo, floor = _measure(folder, size, REPEATS if size == 10_000 else 2)
            mins[size] = (min(ours), min(undo), min(floor))
            notes = 2 * size
            if size != 10_000:
                continue
            figures += [
                (f"merge programmes ({notes} notes): ours min", min(ours) * 1000, "ms"),
                (f"merge programmes ({notes} notes): ours median",
                 statistics.median(ours) * 1000, "ms"),
                ("merge programmes: raw SQL UPDATE min", min(floor) * 1000, "ms"),
                ("merge programmes: raw SQL UPDATE median",
                 statistics.median(floor) * 1000, "ms"),
                ("merge programmes: ours / raw UPDATE (min, aim <= 3)",
                 min(ours) / min(floor), "x"),
                ("merge programmes: ours / raw UPDATE (median)",
                 statistics.median(ours) / statistics.median(floor), "x"),
                (f"undo merge ({notes} notes): min", min(undo) * 1000, "ms"),
                (f"undo merge ({notes} notes): median", statistics.median(undo) * 1000, "ms"),
                ("undo merge / raw UPDATE (min)", min(undo) / min(floor), "x"),
            ]
        small, large = mins[SIZES[0]], mins[SIZES[-1]]
        for size in SIZES:
            ours, undo, floor = mins[size]
            figures += [
                (f"merge programmes, {2 * size} notes: ours min", ours * 1000, "ms"),
                (f"merge programmes, {2 * size} notes: undo min", undo * 1000, "ms"),
                (f"merge programmes, {2 * size} notes: raw UPDATE min", floor * 1000, "ms"),
                (f"merge programmes, {2 * size} notes: ours / raw UPDATE", ours / floor, "x"),
            ]
        factor = SIZES[-1] / SIZES[0]
        figures += [
            (f"merge growth {2 * SIZES[0]} -> {2 * SIZES[-1]} notes (x{factor:g} rows; "
             "linear <= that)", large[0] / small[0], "x"),
            (f"undo growth {2 * SIZES[0]} -> {2 * SIZES[-1]} notes", large[1] / small[1], "x"),
            (f"raw UPDATE growth {2 * SIZES[0]} -> {2 * SIZES[-1]} notes",
             large[2] / small[2], "x"),
        ]
    return figures


if __name__ == "__main__":
    for figure, value, unit in run():
        print(f"{figure}: {value:.3g} {unit}")
