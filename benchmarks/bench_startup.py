"""Start to first painted main window, vs a bare PySide6 QMainWindow, in fresh processes."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

BARE = textwrap.dedent(
    """
    import time; t0 = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    w = QMainWindow(); w.show()
    QTimer.singleShot(0, lambda: (print(time.perf_counter() - t0), app.quit()))
    app.exec()
    """
)

OURS = textwrap.dedent(
    """
    import time; t0 = time.perf_counter()
    import sys; sys.path.insert(0, {root!r})
    from PySide6.QtCore import QSettings, QTimer
    from facilitator.library import open_library
    from ui.app import create_application
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings import Settings
    app = create_application()
    settings = Settings(QSettings({ini!r}, QSettings.Format.IniFormat))
    context = AppContext(open_library({lib!r}), settings)
    w = MainWindow(context); w.show()
    QTimer.singleShot(0, lambda: (print(time.perf_counter() - t0), app.quit()))
    app.exec()
    """
)


def _time(code: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout
        times.append(float(out.strip().splitlines()[-1]))
    return statistics.median(times)


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as folder:
        from facilitator.demo import load_demo
        from facilitator.library import open_library

        lib = str(Path(folder) / "bench.wfdb")
        library = open_library(lib)
        load_demo(library.store)
        library.close()
        bare = _time(BARE)
        ours = _time(OURS.format(root=str(ROOT), ini=str(Path(folder) / "s.ini"), lib=lib))
    return [
        ("start to first paint (demo library)", ours * 1000, "ms"),
        ("bare QMainWindow start", bare * 1000, "ms"),
        ("start-up vs bare QMainWindow (aim <= 1.5)", ours / bare, "x"),
    ]
