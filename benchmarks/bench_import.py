"""Importing workshop files: 50 files holding 10,000 notes in all, into a library that
already holds half of them, beside a raw ``sqlite3`` copy of the same rows in the same run.

The import checks each file whole (read-only, structure, every row through the
domain's validation), merges row by row against the common ancestor and writes
each file in one durable transaction, after a backup of the library. The
baseline attaches each file and copies its rows with ``INSERT OR IGNORE``, with
the same durability settings, and checks nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from facilitator.formats import load_builtin_formats
from facilitator.library import open_library
from facilitator.models import Note, Programme, Workshop
from facilitator.store.transfer_file import EXPORTED_TABLES, table_columns
from facilitator.transfer import export_workshops, import_workshop_files

FILES = 50
NOTES_PER_FILE = 200
STEPS = ("who", "what", "how")


def _make_files(folder: Path, formats) -> list[Path]:
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
            for i in range(NOTES_PER_FILE)
        ])
        paths.append(export_workshops(store, [workshop.id], folder / f"W{index + 1}.workshop").path)
    source.close()
    return paths


def _raw_copy(library: Path, files: list[Path]) -> None:
    conn = sqlite3.connect(str(library), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    try:
        for path in files:
            conn.execute("ATTACH DATABASE ? AS f", [str(path)])
            conn.execute("BEGIN IMMEDIATE")
            for table in EXPORTED_TABLES:
                names = ", ".join(c.name for c in table_columns(table))
                conn.execute(
                    f"INSERT OR IGNORE INTO main.{table} ({names}) SELECT {names} FROM f.{table}"
                )
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


def run() -> list[tuple[str, float, str]]:
    formats = load_builtin_formats()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = _make_files(folder, formats)
        half = folder / "half.wfdb"
        library = open_library(half, formats)
        import_workshop_files(library.store, files[: FILES // 2], backup_dir=folder / "setup")
        library.close()
        ours, raw, window = folder / "ours.wfdb", folder / "raw.wfdb", folder / "window.wfdb"
        for copy in (ours, raw, window):
            shutil.copy(half, copy)

        started = time.perf_counter()
        _raw_copy(raw, files)
        raw_seconds = time.perf_counter() - started

        started = time.perf_counter()
        library = open_library(ours, formats)
        summaries = import_workshop_files(library.store, files, backup_dir=folder / "backups")
        library.close()
        import_seconds = time.perf_counter() - started

        added = sum(s.count("notes", "added") for s in summaries)
        unchanged = sum(s.count("notes", "unchanged") for s in summaries)
        assert all(s.ok for s in summaries)
        assert added == unchanged == FILES * NOTES_PER_FILE // 2, (added, unchanged)
        pause_ms = _window_pauses(window, files, folder, formats)
    notes = FILES * NOTES_PER_FILE
    return [
        ("import 50 workshop files (10,000 notes, half already there)", import_seconds, "s"),
        ("raw sqlite3 copy of the same rows (baseline)", raw_seconds, "s"),
        ("import / raw copy", import_seconds / raw_seconds, "x"),
        ("import throughput", notes / import_seconds, "notes/s"),
        ("longest pause of the window's event loop during that import", pause_ms, "ms"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
