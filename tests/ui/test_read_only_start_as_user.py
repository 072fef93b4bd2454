"""Issue 12, rule 1, end to end with the permissions enforced: the windowed build's own
start-up (``main.start_window``, as the packaged app runs it) run as an ordinary user, in a
process of its own, on a library chosen in Settings that sits read-only in a read-only
folder (as root the tests could write anywhere, so the process drops to "nobody"; the
in-process tests in test_read_only_library.py simulate read-only with SQLite's mode=ro).
It starts, asks to open the library read-only naming the real cause (never "damaged"),
shows the banner with the write actions off, and leaves the file as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.hostile import (
    NOBODY,
    ROOT,
    demo_library_file,
    file_state,
    public_folder,
    remove_tree,
)

_START = r"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
root, library, ini = sys.argv[1:4]
sys.path.insert(0, root)
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
import main
import ui.app
import ui.dialogs
import ui.settings
from facilitator.cli import parse_args
from tests.ui.conftest import FakeDialogs

class Dialogs(FakeDialogs):
    asked = []
    def confirm(self, parent, title, text):
        Dialogs.asked.append(f"{title}: {text}")
        return True

real_settings, real_create = ui.settings.Settings, ui.app.create_application
def settings():
    chosen = real_settings(QSettings(ini, QSettings.Format.IniFormat))
    chosen.library_path = library
    return chosen

def create(argv):
    app = real_create(argv)
    def look():
        from ui.main_window import MainWindow
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        if not window.features_installed:  # (the menus' entries come after the first frame)
            QTimer.singleShot(10, look)
            return
        actions = {a.objectName(): a for a in window.findChildren(QAction)}
        banner = window.read_only_banner
        print(json.dumps({
            "asked": Dialogs.asked, "read_only": window.context.store.read_only,
            "banner": banner is not None and banner.isVisible(),
            "new programme": actions["New programme"].isEnabled(),
            "new programme tip": actions["New programme"].toolTip(),
            "export summary": actions["Export summary"].isEnabled(),
        }))
        window.close()
        app.quit()
    QTimer.singleShot(0, look)
    return app

ui.settings.Settings, ui.dialogs.Dialogs, ui.app.create_application = settings, Dialogs, create
main.setup_logging = lambda *a, **k: None
print(json.dumps({"exit": main.start_window(parse_args([]))}))
"""


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="drops to an ordinary user, which only root can do")
def test_the_windowed_start_on_a_read_only_library_as_an_ordinary_user(builtin_formats):
    folder = public_folder()
    try:
        library_dir = folder / "Team share (read only) #2"
        library_dir.mkdir()
        path = demo_library_file(library_dir / "Library 50% done?.wfdb", builtin_formats,
                                 moved=True)
        path.chmod(0o444)
        library_dir.chmod(0o555)
        home = folder / "home"
        home.mkdir()
        home.chmod(0o777)
        before = file_state(path)
        env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(home)}
        result = subprocess.run(
            [sys.executable, "-c", _START, str(ROOT), str(path), str(home / "settings.ini")],
            capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120, env=env,
            user=NOBODY, group=NOBODY, extra_groups=[],
        )
        lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        assert len(lines) == 2, result.stdout + result.stderr
        shown, ended = lines
        assert ended == {"exit": 0}
        [question] = shown["asked"]
        assert "Open the library read-only?" in question and str(path) in question
        assert "cannot be written to" in question and "damaged" not in question
        assert shown["read_only"] and shown["banner"]
        assert not shown["new programme"] and "Read-only" in shown["new programme tip"]
        assert shown["export summary"]
        assert file_state(path) == before
    finally:
        remove_tree(folder)
