"""Start-up stays as it was: opening the main window imports none of the search, picker,
similarity or suggestion code, nor numpy, tokenizers or rapidfuzz."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# (sqlite-utils imports numpy when it is installed: it is not imported to open an up-to-date
# library, and must stay so.)
HEAVY = ("numpy", "sqlite_utils", "tokenizers", "rapidfuzz", "wordllama", "facilitator.sense.",
         "ui.sense.search_window", "ui.sense.suggestions", "ui.sense.similar", "ui.sense.picker")


def test_opening_the_main_window_imports_nothing_of_the_sense_features(tmp_path):
    from facilitator.library import open_library

    open_library(tmp_path / "lib.wfdb").close()  # an up-to-date library, as at a real start
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from PySide6.QtCore import QSettings\n"
        "from facilitator.library import open_library\n"
        "from ui.app import create_application\n"
        "from ui.context import AppContext\n"
        "from ui.main_window import MainWindow\n"
        "from ui.settings import Settings\n"
        "app = create_application()\n"
        "s = Settings(QSettings(sys.argv[3], QSettings.Format.IniFormat))\n"
        "w = MainWindow(AppContext(open_library(sys.argv[2]), s))\n"
        "print(sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[4].split(',')))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(tmp_path / "lib.wfdb"),
         str(tmp_path / "s.ini"), ",".join(HEAVY)],
        capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
