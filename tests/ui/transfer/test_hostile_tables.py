"""Issue 12, rule 4 in the window: a table is read on a worker with a progress dialog and
Cancel (the window is never blocked); a hostile table is refused in an error message naming
the file and the cause, and the library is unchanged."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from tests import hostile_tables as tables
from tests.hostile import table_hashes
from tests.ui.transfer.helpers import action, make_window


def test_a_hostile_table_is_refused_naming_the_file_and_cause(
    qtbot, disk_context, dialogs, awkward_dir, library_path
):
    window = make_window(qtbot, disk_context)
    before = table_hashes(library_path)
    for name, make, words, menu in (
        ("beyond.xlsx", tables.row_beyond_excel, "beyond Excel's last row",
         "Import notes from CSV or Excel"),
        ("two million.xlsx", tables.two_million_rows, "times its packed size",
         "Plan workshops from a spreadsheet"),
    ):
        dialogs.file_answers.append(make(awkward_dir / name))
        errors = len(dialogs.errors)
        action(window, menu).trigger()
        reading = window.transfer.table_read
        qtbot.waitUntil(lambda reading=reading: reading.done, timeout=20_000)
        assert len(dialogs.errors) == errors + 1
        message = dialogs.errors[-1]
        assert message.startswith(f"{name}: ") and words in message, message
        assert window.transfer.notes_dialog is None and window.transfer.plan_dialog is None
    assert table_hashes(library_path) == before


def test_reading_runs_off_the_window_and_cancel_stops_it(
    qtbot, disk_context, dialogs, awkward_dir, library_path
):
    window = make_window(qtbot, disk_context)
    path = tables.many_rows(awkward_dir / "many.xlsx", count=20_000)
    before = table_hashes(library_path)
    dialogs.file_answers.append(path)
    action(window, "Import notes from CSV or Excel").trigger()
    reading = window.transfer.table_read
    assert not reading.done  # the menu action returned while the table is still being read
    assert reading.reader.isRunning()
    assert reading.progress.labelText() == "Reading many.xlsx…"
    reading.progress.findChild(QPushButton).click()  # Cancel
    qtbot.waitUntil(lambda: reading.done, timeout=20_000)
    assert reading.stopped and reading.table is None
    assert dialogs.errors == []
    assert window.transfer.notes_dialog is None
    assert "Stopped reading many.xlsx; nothing was imported." in window.statusBar().currentMessage()
    assert table_hashes(library_path) == before
