"""Committing one note through the store vs a raw sqlite3 insert with the same pragmas."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from facilitator.library import open_library
from facilitator.models import Note, Programme, Workshop, new_id, utc_now

ROUNDS = 300


def _raw(folder: Path) -> float:
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute(
        "CREATE TABLE notes (id TEXT PRIMARY KEY, workshop_id TEXT, step_key TEXT, text TEXT, "
        "table_label TEXT, theme_id TEXT, tags TEXT, created_at TEXT, updated_at TEXT, "
        "deleted INTEGER)"
    )
    times = []
    for i in range(ROUNDS):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        now = utc_now()
        conn.execute(
            "INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [new_id(), "w", "who", f"note {i}", "", None, "[]", now, now, 0],
        )
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return statistics.median(times)


def _store(folder: Path) -> float:
    library = open_library(folder / "store.wfdb")
    store = library.store
    programme = store.add_programme(Programme("Bench"))
    workshop = store.add_workshop(Workshop(programme.id, "W1", "Q", "delivery-planning"))
    times = []
    for i in range(ROUNDS):
        start = time.perf_counter()
        store.add_note(Note(workshop.id, "who", f"note {i}"))
        times.append(time.perf_counter() - start)
    library.close()
    return statistics.median(times)


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as folder:
        raw = _raw(Path(folder))
        ours = _store(Path(folder))
    return [
        ("store.add_note median", ours * 1000, "ms"),
        ("raw sqlite3 insert median", raw * 1000, "ms"),
        ("store.add_note vs raw sqlite3 (aim <= 2)", ours / raw, "x"),
    ]
