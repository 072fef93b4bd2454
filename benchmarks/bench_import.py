"""Importing workshop files: 50 files into a library that already holds half of them, at
2,500, 5,000 and 10,000 notes in all, beside a raw SQLite copy of the same rows in the same
run (interleaved, REPS times each; min and median).

The import checks each file whole (read-only, structure, every row against the domain's
rules: the notes a whole column at a time, see facilitator/transfer/note_checks.py, the
rest row by row, and the check sum over every row, its digests worked out a column at a
time too: facilitator/transfer/row_digest.py), merges (new and unchanged rows
settled set-wise from one read of the library's versions, the rest decided row by row
against the common ancestor) and writes each file in one durable transaction, after a backup of the
library. The floor is the plainest correct copy: attach each file and ``INSERT OR IGNORE
... SELECT`` its rows, one transaction per file, with the library's own durability
settings (WAL, synchronous FULL), checking nothing. A second floor does the same and also
keeps the library's search index in step for the notes it added (as the import must, or
search would not find them); both ratios are printed. The time per note at each size shows
how the import grows (linear or better: the per-note time does not rise).
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
from facilitator.models import Note, Programme, Workshop
from facilitator.store.transfer_schema import EXPORTED_TABLES, table_columns
from facilitator.transfer import export_workshops, import_workshop_files

FILES = 50
#: Notes per file at each size measured: 2,500, 5,000 and 10,000 notes in all.
SIZES = (50, 100, 200)
REPS = 5
STEPS = ("who", "what", "how")


def _make_files(folder: Path, formats, notes_per_file: int = SIZES[-1]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    source = open_library(folder / "source.wfdb", formats)
    store = source.store
    programme = store.add_programme(Programme("Benchmark programme", area="Rutland"))
    paths = []
    for index in range(FILES):
        workshop = store.add_workshop(
            Workshop(programme.id, f"W{index + 1}", "How can we help?", "delivery-planning")
        )
        store.add_notes([
            Note(workshop.id, STEPS[i % 3], f"Workshop {index + 1} note {i}: community transport "
                 "to the surgery on market day", table_label=f"Table {i % 6}",
                 tags=["willingness"] if STEPS[i % 3] == "how" else [])
            for i in range(notes_per_file)
        ])
        paths.append(export_workshops(store, [workshop.id], folder / f"W{index + 1}.workshop").path)
    source.close()
    return paths


def _raw_copy(library: Path, files: list[Path], search: bool = False) -> None:
    """The floor: each file attached and its rows copied as they are; ``search``: and the
    search index given the notes added (the same statement the store uses)."""
    conn = sqlite3.connect(str(library), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    try:
        for path in files:
            conn.execute("ATTACH DATABASE ? AS f", [str(path)])
            conn.execute("BEGIN IMMEDIATE")
            last = conn.execute("SELECT coalesce(max(rowid), 0) FROM main.notes").fetchone()[0]
            for table in EXPORTED_TABLES:
                names = ", ".join(c.name for c in table_columns(table))
                conn.execute(
                    f"INSERT OR IGNORE INTO main.{table} ({names}) SELECT {names} FROM f.{table}"
                )
            if search:
                conn.execute(
                    "INSERT INTO main.search_index (rowid, text, theme) SELECT n.rowid, n.text, "
                    "coalesce(t.label, '') FROM main.notes n LEFT JOIN main.themes t "
                    "ON t.id = n.theme_id AND t.deleted = 0 WHERE n.rowid > ?", [last])
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE f")
    finally:
        conn.close()


def _window_pauses(library_path: Path, files: list[Path], folder: Path, formats) -> float:
    """The same import through the window's ImportRun (files checked on a worker thread,
    merged between events): the longest the event loop went without running, in ms."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.context import AppContext
    from ui.settings import Settings
    from ui.transfer.import_run import ImportRun

    app = QApplication.instance() or QApplication([])
    library = open_library(library_path, formats)
    settings = Settings(QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat))
    context = AppContext(library=library, settings=settings)
    job = ImportRun(context, files, None, backup_dir=folder / "window backups")
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    timer.start()
    last[0] = time.perf_counter()
    job.start()
    if not job.done:
        loop.exec()
    timer.stop()
    tick()
    library.close()
    app.processEvents()
    assert all(s.ok for s in job.summaries)
    return max(gaps) * 1000


def _setup(folder: Path, formats, notes_per_file: int) -> tuple[list[Path], Path]:
    """The files, and a library holding the first half of them."""
    files = _make_files(folder, formats, notes_per_file)
    half = folder / "half.wfdb"
    library = open_library(half, formats)
    import_workshop_files(library.store, files[: FILES // 2], backup_dir=folder / "setup")
    library.close()
    return files, half


def _import(library_path: Path, files: list[Path], formats, backups: Path,
            notes_per_file: int) -> None:
    library = open_library(library_path, formats)
    summaries = import_workshop_files(library.store, files, backup_dir=backups)
    library.close()
    added = sum(s.count("notes", "added") for s in summaries)
    unchanged = sum(s.count("notes", "unchanged") for s in summaries)
    assert all(s.ok for s in summaries)
    assert added == unchanged == FILES * notes_per_file // 2, (added, unchanged)


def _timed(make_copy, action) -> float:
    path = make_copy()
    started = time.perf_counter()
    action(path)
    return time.perf_counter() - started


def run() -> list[tuple[str, float, str]]:
    formats = load_builtin_formats()
    times: dict[tuple[int, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        setups = {size: _setup(folder / f"size{size}", formats, size) for size in SIZES}
        counter = iter(range(1_000_000))

        def copy_of(half: Path):
            return lambda: Path(shutil.copy(half, half.parent / f"run{next(counter)}.wfdb"))

        for _ in range(REPS):  # interleaved: a busy moment hits every side and size alike
            for size, (files, half) in setups.items():
                sides = {
                    "raw": lambda p, files=files: _raw_copy(p, files),
                    "raw+search": lambda p, files=files: _raw_copy(p, files, search=True),
                    "ours": lambda p, files=files, size=size: _import(
                        p, files, formats, p.parent / "backups", size),
                }
                for side, action in sides.items():
                    times.setdefault((size, side), []).append(_timed(copy_of(half), action))
                for run_file in half.parent.glob("run*.wfdb*"):
                    run_file.unlink()
        files, half = setups[SIZES[-1]]
        window = Path(shutil.copy(half, folder / "window.wfdb"))
        pause_ms = _window_pauses(window, files, folder, formats)
    figures = []
    for size in SIZES:
        notes = FILES * size
        ours, raw, indexed = (times[(size, side)] for side in ("ours", "raw", "raw+search"))
        what = f"import {FILES} workshop files, {notes:,} notes (half already there)"
        figures += [
            (f"{what}, median", statistics.median(ours), "s"),
            (f"{what}, min", min(ours), "s"),
            (f"raw sqlite3 copy of the same rows (floor), {notes:,} notes, median",
             statistics.median(raw), "s"),
            (f"raw sqlite3 copy of the same rows (floor), {notes:,} notes, min", min(raw), "s"),
            (f"import / raw copy, {notes:,} notes, medians (aim <= 3)",
             statistics.median(ours) / statistics.median(raw), "x"),
            (f"import / raw copy, {notes:,} notes, mins (aim <= 3)", min(ours) / min(raw), "x"),
            (f"import / raw copy that also fills the search index, {notes:,} notes, medians",
             statistics.median(ours) / statistics.median(indexed), "x"),
            (f"import / raw copy that also fills the search index, {notes:,} notes, mins",
             min(ours) / min(indexed), "x"),
            (f"import time per note, {notes:,} notes (median)",
             statistics.median(ours) / notes * 1e6, "us"),
        ]
    smallest, largest = (statistics.median(times[(size, "ours")]) / (FILES * size)
                         for size in (SIZES[0], SIZES[-1]))
    figures += [
        (f"import growth: time per note at {FILES * SIZES[-1]:,} / at {FILES * SIZES[0]:,} "
         "notes (<= 1: linear or better)", largest / smallest, "x"),
        ("import throughput, 10,000 notes (median)",
         FILES * SIZES[-1] / statistics.median(times[(SIZES[-1], "ours")]), "notes/s"),
        ("longest pause of the window's event loop during that import", pause_ms, "ms"),
    ]
    return figures


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
