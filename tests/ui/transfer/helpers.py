"""Helpers for the transfer UI tests: a shown library window, and workshop files."""

from __future__ import annotations

from facilitator.demo import load_demo
from facilitator.library import open_library
from facilitator.transfer import export_workshops
from tests.ui.windows import show_main_window

make_window = show_main_window


def action(window, name: str):
    from PySide6.QtGui import QAction

    found = window.findChild(QAction, name)
    assert found is not None, f"no action {name!r}"
    return found


#: The menu actions that read a table and open a dialog on it, and where the window keeps it.
TABLE_DIALOGS = {"notes_dialog": "Import notes from CSV or Excel",
                 "plan_dialog": "Plan workshops from a spreadsheet"}


def open_table_dialog(qtbot, window, dialogs, kind: str, path, timeout: int = 5_000):
    """The menu action for ``kind`` (a key of TABLE_DIALOGS), its file dialog answered
    ``path``: the dialog it opens once the table is read (on a worker), shown."""
    dialogs.file_answers.append(path)
    action(window, TABLE_DIALOGS[kind]).trigger()
    qtbot.waitUntil(lambda: getattr(window.transfer, kind) is not None, timeout=timeout)
    dialog = getattr(window.transfer, kind)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def laptop_file(builtin_formats, folder, name="Ann's laptop.workshop", edit=None):
    """A workshop file of the demo programme, made on another 'laptop'."""
    other = open_library(None, builtin_formats)
    try:
        programme = load_demo(other.store)
        if edit is not None:
            edit(other.store)
        ids = [w.id for w in other.store.workshops(programme.id)]
        return export_workshops(other.store, ids, folder / name).path
    finally:
        other.close()


def join_worker_threads(timeout_ms: int = 10_000) -> None:
    """Wait for every QThread under a top-level window (an import's checker, an export's
    writer) to finish; fail, naming it, if one does not."""
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    for window in QApplication.topLevelWidgets():
        for thread in window.findChildren(QThread):
            if thread.isRunning():
                thread.requestInterruption()
                assert thread.wait(timeout_ms), f"{type(thread).__name__} still running"
