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

# The real start: main.py's own path (arguments, logging, settings, library, window),
# told to quit once the first paint is done.
OURS = textwrap.dedent(
    """
    import time; t0 = time.perf_counter()
    import sys; sys.path.insert(0, {root!r})
    from PySide6.QtCore import QTimer
    import ui.app
    make_app = ui.app.create_application

    def create_application(*args):
        app = make_app(*args)
        QTimer.singleShot(0, lambda: (print(time.perf_counter() - t0), app.quit()))
        return app

    ui.app.create_application = create_application
    import main
    main.main(["--library", {lib!r}])
    """
)


def _time(code: str, home: str) -> float:
    # A private home, so the run touches no real settings or logs.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home, XDG_CONFIG_HOME=home,
               XDG_STATE_HOME=home, XDG_CACHE_HOME=home, XDG_DATA_HOME=home)
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
        bare = _time(BARE, folder)
        ours = _time(OURS.format(root=str(ROOT), lib=lib), folder)
    return [
        ("main.py start to first paint (demo library)", ours * 1000, "ms"),
        ("bare QMainWindow start", bare * 1000, "ms"),
        ("start-up vs bare QMainWindow (aim <= 1.5)", ours / bare, "x"),
    ]
