"""Start-up: process start to the main window's first Paint event, vs an empty QMainWindow.

Measured honestly: each run is a fresh ``python -c`` process and the clock starts in
the parent just before it is spawned (CLOCK_MONOTONIC is shared between processes), so
the interpreter's own start counts on both sides; the end is the first QEvent.Paint
delivered to the main window, seen by an event filter on the application (a timer
fired before the paint used to flatter us). Bare and ours alternate, RUNS each; min and
median are printed, with the ratio of the medians against the aim (<= 1.5), and a
breakdown of ours by phase (medians, ms from process start). A second floor, the same
window with a menu and a label, is timed in the same runs: drawing any text at all loads
the fonts, which an empty window never does. benchmarks/STARTUP.md says where the time
goes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 9

#: Installed in both: print the time of the first Paint of a QMainWindow, then quit.
FIRST_PAINT = textwrap.dedent(
    """
    import time
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if (event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow)
                    and not getattr(self, "done", False)):
                self.done = True
                print("phase paint", time.monotonic(), flush=True)
                QTimer.singleShot(0, QApplication.instance().quit)
            return False
    """
)

BARE = FIRST_PAINT + textwrap.dedent(
    """
    app = QApplication([])
    watcher = FirstPaint(); app.installEventFilter(watcher)
    w = QMainWindow(); w.show()
    app.exec()
    """
)

#: A second floor: the same empty window with a menu and one line of text, so it loads the
#: fonts and lays out text as any real window must (~50 ms offscreen); the ratio against it
#: shows what is ours beyond drawing text at all.
TEXT = FIRST_PAINT + textwrap.dedent(
    """
    from PySide6.QtWidgets import QLabel
    app = QApplication([])
    watcher = FirstPaint(); app.installEventFilter(watcher)
    w = QMainWindow(); w.menuBar().addMenu("&File")
    w.setCentralWidget(QLabel("Programmes and workshops")); w.show()
    app.exec()
    """
)

# The real start: main.py's own path (arguments, logging, settings, library, window).
OURS = textwrap.dedent(
    """
    import time, sys
    print("phase python", time.monotonic(), flush=True)
    sys.path.insert(0, {root!r})
    import main
    print("phase main.py imported", time.monotonic(), flush=True)
    """
) + FIRST_PAINT + textwrap.dedent(
    """
    import ui.app, ui.main_window
    make_app, window_init = ui.app.create_application, ui.main_window.MainWindow.__init__

    def create_application(*args):
        app = make_app(*args)
        print("phase QApplication made", time.monotonic(), flush=True)
        app.installEventFilter(watcher)
        return app

    def init(self, *args, **kwargs):
        print("phase library open, window being built", time.monotonic(), flush=True)
        window_init(self, *args, **kwargs)
        print("phase window built", time.monotonic(), flush=True)

    watcher = FirstPaint()
    print("phase Qt and the window's modules imported", time.monotonic(), flush=True)
    ui.app.create_application = create_application
    ui.main_window.MainWindow.__init__ = init
    main.main(["--library", {lib!r}])
    """
)


def _once(code: str, env: dict) -> dict[str, float]:
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout
    phases = {}
    for line in out.splitlines():
        if line.startswith("phase "):
            name, _, stamp = line[6:].rpartition(" ")
            phases.setdefault(name, float(stamp) - start)
    return phases


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as folder:
        from facilitator.demo import load_demo
        from facilitator.library import open_library

        lib = str(Path(folder) / "bench.wfdb")
        library = open_library(lib)
        load_demo(library.store)
        library.close()
        # A private home, so the runs touch no real settings or logs.
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   HOME=folder, XDG_CONFIG_HOME=folder, XDG_STATE_HOME=folder,
                   XDG_CACHE_HOME=folder, XDG_DATA_HOME=folder)
        # As installed (the bundle ships compiled bytecode): let Python keep its .pyc files,
        # and start each side once, uncounted, so neither pays for compiling.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _once(BARE, env)
        _once(TEXT, env)
        _once(OURS.format(root=str(ROOT), lib=lib), env)
        bare, text, ours = [], [], []
        for _ in range(RUNS):  # interleaved, so a busy moment hits all alike
            bare.append(_once(BARE, env))
            text.append(_once(TEXT, env))
            ours.append(_once(OURS.format(root=str(ROOT), lib=lib), env))
    bare_paint = [b["paint"] for b in bare]
    text_paint = [t["paint"] for t in text]
    our_paint = [o["paint"] for o in ours]
    figures = [
        ("start-up: main.py to first paint, median (demo library)",
         statistics.median(our_paint) * 1000, "ms"),
        ("start-up: main.py to first paint, min", min(our_paint) * 1000, "ms"),
        ("start-up: empty QMainWindow to first paint, median",
         statistics.median(bare_paint) * 1000, "ms"),
        ("start-up: empty QMainWindow to first paint, min", min(bare_paint) * 1000, "ms"),
        ("start-up vs empty QMainWindow, medians (aim <= 1.5)",
         statistics.median(our_paint) / statistics.median(bare_paint), "x"),
        ("start-up vs empty QMainWindow, mins", min(our_paint) / min(bare_paint), "x"),
        ("start-up: QMainWindow with a menu and a label (fonts loaded) to first paint, median",
         statistics.median(text_paint) * 1000, "ms"),
        ("start-up vs QMainWindow with a menu and a label, medians",
         statistics.median(our_paint) / statistics.median(text_paint), "x"),
    ]
    for phase in ours[0]:
        figures.append((f"start-up phase: {phase} (ms from process start, median)",
                        statistics.median(o[phase] for o in ours) * 1000, "ms"))
    return figures


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
