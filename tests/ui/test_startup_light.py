"""Start-up imports only what the first frame needs: opening the window the way the program
does (``main.main``, up to the main window's first paint) loads none of the features' code
that waits for a menu choice, nor the heavy libraries behind them."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Module name prefixes that must not be imported by the time the window first paints.
#: (sqlite-utils imports numpy when it is installed: neither is imported to open an
#: up-to-date library.)
NOT_AT_START = (
    # heavy libraries
    "numpy", "sqlite_utils", "tokenizers", "rapidfuzz", "wordllama", "docx", "openpyxl",
    # the search, picker, similarity and suggestion features
    "facilitator.sense.", "ui.sense.search_window", "ui.sense.suggestions", "ui.sense.similar",
    "ui.sense.picker",
    # workshop files, reports, the run window
    "facilitator.transfer", "facilitator.reports", "ui.run.", "ui.compile",
    # correcting the library: its domain operations and dialogs
    "facilitator.library_ops", "facilitator.library_merge", "facilitator.merge_record",
    "ui.library_ops.merge_dialogs", "ui.commands.library_ops",
    # the crash dialog (its handler is installed, the dialog is made when needed), the
    # user guide, the log's rotating handler from logging.handlers (sockets, pickle)
    "ui.crash_dialog", "ui.guide", "logging.handlers",
    # the single-copy check's connection (a first copy takes a lock file, and listens after
    # its first frame); uuid (on Linux it imports platform); OpenSSL's hashlib (the
    # single-copy name and the schema cache's key are worked out without it)
    "PySide6.QtNetwork", "uuid", "hashlib", "_hashlib",
    # the formats (an up-to-date library's are not read to show the tree)
    "facilitator.formats",
    # the features behind the menus' entries (installed just after the first frame)
    "ui.run", "ui.library_ops", "ui.reports", "ui.transfer", "ui.preferences", "ui.sense",
    "ui.actions", "ui.assets", "ui.commands.library",
)

#: Runs the real start and prints what was loaded by the main window's first Paint event,
#: seen by a filter on that window (one on the whole application, which sees every event of
#: every object, would itself make PySide build enum types: see benchmarks/STARTUP.md).
FIRST_PAINT = """
import sys
sys.path.insert(0, sys.argv[1])
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import main

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
            self.seen = sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[3:])))
            if "Qt" in vars(QtCore):  # PySide builds its whole Qt namespace when first named
                self.seen.append("PySide6.QtCore.Qt")
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

watcher = FirstPaint()
run_window = main.run_window

def run_window_watched(*args):
    import ui.main_window  # (where run_window imports it)

    init = ui.main_window.MainWindow.__init__

    def watched_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.installEventFilter(watcher)

    ui.main_window.MainWindow.__init__ = watched_init
    return run_window(*args)

main.run_window = run_window_watched
main.main(["--library", sys.argv[2]])
print(watcher.seen)
"""


def _first_paint(tmp_path, library, *, qt_namespace: bool) -> list[str]:
    """What the real start had loaded by the first paint (of NOT_AT_START, and PySide's Qt
    namespace unless ``qt_namespace``: the welcome of an empty library may name Qt's enums)."""
    home = str(tmp_path / "home")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home, XDG_CONFIG_HOME=home,
               XDG_CACHE_HOME=home, XDG_STATE_HOME=home, XDG_DATA_HOME=home)
    for _ in range(2):  # the first start works out the library schema's cache; the second uses it
        result = subprocess.run(
            [sys.executable, "-c", FIRST_PAINT, str(ROOT), str(library), *NOT_AT_START],
            capture_output=True, text=True, timeout=120, env=env,
        )
        assert result.returncode == 0, result.stderr
    seen = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    return [name for name in seen if qt_namespace or name != "PySide6.QtCore.Qt"]


def test_opening_the_window_imports_only_what_the_first_frame_needs(tmp_path):
    from facilitator.library import open_library

    library = tmp_path / "lib.wfdb"
    open_library(library).close()  # an up-to-date library, as at a real start
    assert _first_paint(tmp_path, library, qt_namespace=False) == []


def test_the_library_tree_is_painted_without_pyside_building_its_qt_namespace(tmp_path):
    """PySide builds every one of the ``Qt.*`` enums (~100 types, ~15 ms) when any is first
    named, or when a call's overloads must be told apart by one (``QAction.setShortcut``).
    A library's first frame (its tree, menus and status bar, the focus ring) names none."""
    from facilitator.demo import load_demo
    from facilitator.library import open_library

    library = tmp_path / "lib.wfdb"
    opened = open_library(library)
    load_demo(opened.store)
    opened.close()
    assert _first_paint(tmp_path, library, qt_namespace=True) == []


def test_the_library_trees_numbers_are_qts():
    """ui.library_model names Qt's roles and alignment by their numbers (see above)."""
    from PySide6.QtCore import Qt

    from ui import library_model

    numbers = (library_model.USER_ROLE, library_model.ACCESSIBLE_TEXT_ROLE,
               library_model.TEXT_ALIGNMENT_ROLE, library_model.ALIGN_RIGHT_MIDDLE)
    assert numbers == (Qt.ItemDataRole.UserRole, Qt.ItemDataRole.AccessibleTextRole,
                       Qt.ItemDataRole.TextAlignmentRole,
                       (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
