"""Merging two programmes of 10,000 notes each, beside a raw SQL ``UPDATE`` of the same
rows in the same run (interleaved repetitions, min and median, the ratio).

``library_ops.merge_programmes`` checks the codes, moves the workshops, joins the themes
of the same label (their notes re-pointed), deletes the merged programme, records the
redirects that travel, and keeps an exact before-and-after image of every row it touched
for its undo: one durable transaction. The floor is the bare ``UPDATE`` statements that
move the same rows, with the same durability settings, and nothing else.
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
NOTES_PER_WORKSHOP = 1000
THEMES = 20
REPEATS = 3
STEPS = ("who", "what", "how")


def _programme(store, title: str, first_code: int) -> str:
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
            for i in range(NOTES_PER_WORKSHOP)
        ])
    return programme.id


def _template(folder: Path) -> tuple[Path, str, str]:
    path = folder / "template.wfdb"
    library = open_library(path, load_builtin_formats())
    target = _programme(library.store, "Rutland 2026", 1)
    source = _programme(library.store, "Rutland 2026 (Raj)", 1 + WORKSHOPS)
    library.close()
    return path, source, target


def _ours(path: Path, source: str, target: str) -> float:
    from facilitator import library_ops

    library = open_library(path)
    try:
        start = time.perf_counter()
        library_ops.merge_programmes(library.store, source, target)
        return time.perf_counter() - start
    finally:
        library.close()


def _floor(path: Path, source: str, target: str) -> float:
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
        return time.perf_counter() - start
    finally:
        conn.close()


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template, source, target = _template(folder)
        ours, floor = [], []
        for index in range(REPEATS):
            for name, timer, out in (("ours", _ours, ours), ("floor", _floor, floor)):
                copy = folder / f"{name}-{index}.wfdb"
                shutil.copy(template, copy)
                out.append(timer(copy, source, target))
    notes = 2 * WORKSHOPS * NOTES_PER_WORKSHOP
    return [
        (f"merge programmes ({notes} notes): ours min", min(ours) * 1000, "ms"),
        (f"merge programmes ({notes} notes): ours median", statistics.median(ours) * 1000, "ms"),
        ("merge programmes: raw SQL UPDATE min", min(floor) * 1000, "ms"),
        ("merge programmes: raw SQL UPDATE median", statistics.median(floor) * 1000, "ms"),
        ("merge programmes: ours / raw UPDATE (min, aim <= 3)", min(ours) / min(floor), "x"),
        ("merge programmes: ours / raw UPDATE (median)",
         statistics.median(ours) / statistics.median(floor), "x"),
    ]


if __name__ == "__main__":
    for figure, value, unit in run():
        print(f"{figure}: {value:.3g} {unit}")
