"""Start-up imports only what the first frame needs: opening the window the way the program
does (``main.main``, up to the main window's first paint) loads none of the features' code
that waits for a menu choice, nor the heavy libraries behind them."""

from __future__ import annotations

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
)

FIRST_PAINT = """
import sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import main
import ui.app

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow) \\
                and not hasattr(self, "seen"):
            self.seen = sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[3:])))
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

watcher = FirstPaint()
make = ui.app.create_application

def create_application(*args):
    app = make(*args)
    app.installEventFilter(watcher)
    return app

ui.app.create_application = create_application
main.main(["--library", sys.argv[2]])
print(watcher.seen)
"""


def test_opening_the_window_imports_only_what_the_first_frame_needs(tmp_path):
    from facilitator.library import open_library

    library = tmp_path / "lib.wfdb"
    open_library(library).close()  # an up-to-date library, as at a real start
    home = str(tmp_path / "home")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home, XDG_CONFIG_HOME=home,
               XDG_CACHE_HOME=home, XDG_STATE_HOME=home, XDG_DATA_HOME=home)
    for _ in range(2):  # the first start works out the library schema's cache; the second uses it
        result = subprocess.run(
            [sys.executable, "-c", FIRST_PAINT, str(ROOT), str(library), *NOT_AT_START],
            capture_output=True, text=True, timeout=120, env=env,
        )
        assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
