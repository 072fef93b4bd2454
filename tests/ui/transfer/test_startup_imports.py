"""Start-up stays light: installing the transfer actions does not import the merge code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import facilitator.transfer
import ui.transfer.actions

ROOT = Path(__file__).resolve().parents[3]


def test_the_two_file_suffixes_agree():
    assert ui.transfer.actions.FILE_SUFFIX == facilitator.transfer.FILE_SUFFIX


def test_opening_the_main_window_does_not_import_sqlite_utils_or_the_merge_code(tmp_path):
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from PySide6.QtCore import QSettings\n"
        "from facilitator.library import open_library\n"
        "from ui.app import create_application\n"
        "from ui.context import AppContext\n"
        "from ui.main_window import MainWindow\n"
        "from ui.settings import Settings\n"
        "app = create_application()\n"
        "open_library(sys.argv[2]).close()\n"  # create it once (migrations need sqlite-utils)
        "for name in [m for m in sys.modules if m.startswith(('sqlite_utils', 'facilitator.transfer'))]:\n"
        "    del sys.modules[name]\n"
        "s = Settings(QSettings(sys.argv[3], QSettings.Format.IniFormat))\n"
        "w = MainWindow(AppContext(open_library(sys.argv[2]), s))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlite_utils', 'facilitator.transfer'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(tmp_path / "lib.wfdb"), str(tmp_path / "s.ini")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
