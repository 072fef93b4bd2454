"""Issue 12: a large table of notes is checked against the library on a worker thread, with
progress and Cancel, like reading it; the window keeps handling events meanwhile, a new
choice of columns replaces a running check, and Cancel leaves nothing to import. (The time
the window is held at 50,000 rows is in benchmarks/bench_tables.py.)"""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from facilitator.demo import load_demo
from facilitator.transfer.table_base import NotesImportStopped
from tests.hostile import table_hashes
from tests.ui.transfer.helpers import make_window, open_table_dialog
from ui.transfer import notes_plan

ROWS = 3000


def _table(folder):
    path = folder / "typed up.csv"
    lines = [f"W{2 + i % 3},{('who', 'what', 'how')[i % 3]},Community note {i}"
             for i in range(ROWS)]
    path.write_text("Workshop,Step,Note\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _open(qtbot, window, dialogs, path):
    return open_table_dialog(qtbot, window, dialogs, "notes_dialog", path, timeout=20_000)


def test_a_large_table_is_checked_off_the_window_thread(
    qtbot, disk_context, dialogs, awkward_dir, monkeypatch
):
    monkeypatch.setattr(notes_plan, "IN_PLACE_ROWS", 100)
    load_demo(disk_context.store)
    window = make_window(qtbot, disk_context)
    dialog = _open(qtbot, window, dialogs, _table(awkward_dir))
    # The check went to its worker thread: running, or already done with its plan still
    # queued for the window (a busy machine can finish 300 rows before this line).
    planner = dialog.check.planner if dialog.check is not None else None
    assert planner is not None and (planner.isRunning() or planner.isFinished()) \
        or dialog.plan is not None
    ticks = []
    timer = QTimer(dialog)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    # A new choice while checking (the programme): the running check is dropped for a new one.
    dialog.programme_box.setCurrentIndex(1)
    assert dialog.check is not None and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
    timer.stop()
    assert ticks, "the window handled no events while the rows were checked"
    assert dialog.import_button.text() == f"&Import {ROWS} notes"
    assert dialog.check is None
    before = len(disk_context.store.notes())
    dialog.import_valid_rows()
    assert len(disk_context.store.notes()) == before + ROWS


def test_cancel_stops_the_check_and_nothing_is_imported(
    qtbot, disk_context, dialogs, awkward_dir, library_path, monkeypatch
):
    real = notes_plan.plan_notes_import
    hold = threading.Event()

    def slow_plan(*args, should_stop, **kwargs):
        """The check, held until Cancel is pressed (so the test does not race it)."""
        while not hold.is_set():
            if should_stop():
                raise NotesImportStopped("typed up.csv: checking was stopped.")
            hold.wait(0.01)
        return real(*args, should_stop=should_stop, **kwargs)

    monkeypatch.setattr(notes_plan, "IN_PLACE_ROWS", 100)
    monkeypatch.setattr(notes_plan, "plan_notes_import", slow_plan)
    load_demo(disk_context.store)
    window = make_window(qtbot, disk_context)
    before = table_hashes(library_path)
    dialog = _open(qtbot, window, dialogs, _table(awkward_dir))
    check = dialog.check
    qtbot.waitUntil(check.progress.isVisible, timeout=10_000)  # shown after 400 ms
    check.progress.findChild(QPushButton).click()  # Cancel
    qtbot.waitUntil(lambda: dialog.check is None, timeout=10_000)
    assert "Checking was stopped; nothing is imported" in dialog.status.text()
    assert dialog.plan is None and not dialog.import_button.isEnabled()
    hold.set()
    dialog.programme_box.setCurrentIndex(1)  # choosing again checks again
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=30_000)
    assert dialog.import_button.isEnabled()
    dialog.reject()
    assert table_hashes(library_path) == before


def test_closing_the_dialog_while_checking_stops_the_worker(
    qtbot, disk_context, dialogs, awkward_dir, monkeypatch
):
    monkeypatch.setattr(notes_plan, "IN_PLACE_ROWS", 100)
    load_demo(disk_context.store)
    window = make_window(qtbot, disk_context)
    dialog = _open(qtbot, window, dialogs, _table(awkward_dir))
    dialog.programme_box.setCurrentIndex(1)
    planner = dialog.check.planner
    dialog.reject()
    assert not planner.isRunning() and dialog.check is None
