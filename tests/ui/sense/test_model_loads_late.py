"""The model-based features load late: a workshop's run window and the themes board open
without numpy, tokenizers or the model (the start of the app itself is checked by
tests/ui/test_startup_light.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


#: What only the model-based features need: nothing may load them until one is used.
MODEL = ("numpy", "tokenizers", "wordllama", "facilitator.sense.embedding",
         "facilitator.sense.suggest", "facilitator.sense.areas", "facilitator.sense.cluster")


def test_running_a_workshop_and_the_themes_board_load_no_model(tmp_path):
    """A run window and the themes board (HOW, with its hints off) open without numpy,
    tokenizers or the model: those load, off the GUI thread, only when Similar notes,
    Suggest themes or support-area hints are asked for."""
    from tests.hostile import demo_library_file

    demo_library_file(tmp_path / "lib.wfdb")
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
        "w.show()\n"
        "store = w.context.store\n"
        "programme = store.programmes()[0]\n"
        "w.open_workshop(store.workshops(programme.id)[0].id)\n"
        "board = w.transfer.open_themes_board(programme.id, 'how')\n"
        "app.processEvents()\n"
        "assert w.run_windows and board.isVisible() and board.lists\n"
        "print(sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[4].split(',')))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(tmp_path / "lib.wfdb"),
         str(tmp_path / "s.ini"), ",".join(MODEL)],
        capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
