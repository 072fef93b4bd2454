"""Start-up: process start to the main window's first Paint event, vs an empty QMainWindow.

Measured honestly: each run is a fresh ``python -c`` process and the clock starts in
the parent just before it is spawned (CLOCK_MONOTONIC is shared between processes), so
the interpreter's own start counts on both sides; the end is the first QEvent.Paint
delivered to the main window, seen by an event filter on that window (a timer fired
before the paint used to flatter us). Not on the whole application: a Python filter that
sees every object's events makes PySide build ~170 enum types (~70 ms) when the first
tree view is made, on whichever side has one, so it measured itself as much as the
windows. All sides alternate, RUNS each; min and
median are printed, with the ratios against the aim (<= 1.5), and a breakdown of ours by
phase (medians, ms from process start). Each side also reports its CPU time at the first
paint (``time.process_time``: the interpreter's start included): on a machine shared with
other busy processes the wall clock swings with their load, the CPU time much less, so its
ratios are printed beside the wall clock's.

Three floors are timed in the same runs. The fair one (``SAME``) paints the same first
frame as ours, done the plainest correct way: the same library read with plain sqlite3,
the same menus, the same tree of programmes and workshops with their note counts, the
same status line (nothing more: settings, logging, the crash handler, the single-copy
check, the schema check and the undo history are ours and count against us). The empty
QMainWindow is the issue's first yardstick, and a window with a menu and a label shows the
cost of drawing any text at all (the fonts), which an empty window never pays.
benchmarks/STARTUP.md says where the time goes.
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
RUNS = 15

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
                print("cpu", time.process_time(), flush=True)
                QTimer.singleShot(0, QApplication.instance().quit)
            return False
    """
)

BARE = FIRST_PAINT + textwrap.dedent(
    """
    app = QApplication([])
    w = QMainWindow(); watcher = FirstPaint(); w.installEventFilter(watcher); w.show()
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
    w = QMainWindow(); watcher = FirstPaint(); w.installEventFilter(watcher)
    w.menuBar().addMenu("&File")
    w.setCentralWidget(QLabel("Programmes and workshops")); w.show()
    app.exec()
    """
)

#: The fair floor: the same first frame done the plainest correct way. The same library
#: is read with plain ``sqlite3`` (read-only: the programmes, their live workshops and
#: each workshop's live notes counted), and shown as our first frame shows it: a window of
#: the same size and title, the same five menus holding as many entries as ours (37), a
#: tree with the same six columns (sized to their contents, the question stretched), one
#: row per programme ("title — n workshops, m notes") and one per workshop (the count
#: right-aligned, as ours), expanded, and the library's path in the status bar. No settings,
#: logging, crash handler, single-copy check, schema check or undo: those are ours, and
#: count against us.
SAME = FIRST_PAINT + textwrap.dedent(
    """
    import sqlite3
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem
    app = QApplication([])
    conn = sqlite3.connect("file:" + {lib!r} + "?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT p.id, p.title, w.code, w.theme_question, w.date, w.venue, w.status,"
        " (SELECT count(*) FROM notes n WHERE n.workshop_id = w.id AND n.deleted = 0)"
        " FROM programmes p JOIN workshops w ON w.programme_id = p.id"
        " WHERE p.deleted = 0 AND w.deleted = 0 ORDER BY p.title, w.code").fetchall()
    conn.close()
    w = QMainWindow(); w.setWindowTitle("Workshop Facilitator"); w.resize(1100, 680)
    watcher = FirstPaint(); w.installEventFilter(watcher)
    menus = [w.menuBar().addMenu(t) for t in ("&File", "&Edit", "&Workshop", "&View", "&Help")]
    for i in range(37):
        menus[i % 5].addAction(f"Entry {{i}}")
    tree = QTreeWidget()
    tree.setHeaderLabels(["Workshop", "Theme question", "Date", "Venue", "Status", "Notes"])
    tops = {{}}
    for pid, title, code, question, day, venue, status, notes in rows:
        if pid not in tops:
            tops[pid] = [QTreeWidgetItem(tree), title, 0, 0]
        top = tops[pid]
        top[2] += 1; top[3] += notes
        item = QTreeWidgetItem(top[0], [code, question, day, venue, status.capitalize(),
                                        str(notes)])
        item.setTextAlignment(5, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    for item, title, count, notes in tops.values():
        item.setText(0, f"{{title}} — {{count}} workshops, {{notes}} notes")
        item.setFirstColumnSpanned(True)
    tree.expandAll()
    tree.setAlternatingRowColors(True)
    tree.header().setStretchLastSection(False)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    w.setCentralWidget(tree)
    w.statusBar().showMessage("Library: " + {lib!r})
    w.show()
    app.exec()
    """
)

# The real start: main.py's own path (arguments, logging, settings, library, window), in
# main.py's own order: the harness imports nothing before ``main.main`` does (its first-paint
# filter is defined once PySide is loaded, where ``run_window`` imports the window's
# modules). Importing PySide first, as the floors do, would tax our start with work
# ``python main.py`` never does: once PySide is loaded its ``__feature__`` import hook reads
# the source of every module imported after it (~10 ms for our domain's ~60 modules, which
# main.py imports before PySide).
OURS = textwrap.dedent(
    """
    import time, sys
    print("phase python", time.monotonic(), flush=True)
    sys.path.insert(0, {root!r})
    import main
    print("phase main.py imported", time.monotonic(), flush=True)
    real_library_to_open, real_run_window = main.library_to_open, main.run_window

    def library_to_open(*args):
        print("phase QApplication and settings made", time.monotonic(), flush=True)
        return real_library_to_open(*args)

    def run_window(*args):
        print("phase single-copy check done", time.monotonic(), flush=True)
        import ui.main_window  # (run_window's first import: the window's modules)
    """
) + textwrap.indent(FIRST_PAINT.replace("import time\n", "", 1), "    ") + textwrap.dedent(
    """
        watcher = FirstPaint()
        window_init = ui.main_window.MainWindow.__init__

        def init(self, *args, **kwargs):
            print("phase window's modules imported, library open", time.monotonic(), flush=True)
            window_init(self, *args, **kwargs)
            self.installEventFilter(watcher)
            print("phase window built", time.monotonic(), flush=True)

        ui.main_window.MainWindow.__init__ = init
        return real_run_window(*args)

    main.library_to_open, main.run_window = library_to_open, run_window
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
        elif line.startswith("cpu "):  # CPU seconds of the process at the first paint
            phases.setdefault("cpu", float(line[4:]))
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
        sides = {"bare": BARE, "text": TEXT, "same": SAME.format(lib=lib),
                 "ours": OURS.format(root=str(ROOT), lib=lib)}
        for code in sides.values():
            _once(code, env)
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
        for _ in range(RUNS):  # interleaved, so a busy moment hits all alike
            for name, code in sides.items():
                runs[name].append(_once(code, env))
    paint = {name: [r["paint"] for r in found] for name, found in runs.items()}
    cpu = {name: [r["cpu"] for r in found] for name, found in runs.items()}
    ours = paint["ours"]
    figures = [
        ("start-up: main.py to first paint, median (demo library)",
         statistics.median(ours) * 1000, "ms"),
        ("start-up: main.py to first paint, min", min(ours) * 1000, "ms"),
    ]
    floors = (
        ("same", "the same first frame the plainest way (sqlite3, QTreeWidget, menus) "
                 "- the fair floor"),
        ("bare", "an empty QMainWindow"),
        ("text", "a QMainWindow with a menu and a label"),
    )
    for key, what in floors:
        aim = "" if key == "text" else " (aim <= 1.5)"
        figures += [
            (f"start-up: {what}, to first paint, median", statistics.median(paint[key]) * 1000,
             "ms"),
            (f"start-up: {what}, to first paint, min", min(paint[key]) * 1000, "ms"),
            (f"start-up vs {what}, medians{aim}",
             statistics.median(ours) / statistics.median(paint[key]), "x"),
            (f"start-up vs {what}, mins{aim}", min(ours) / min(paint[key]), "x"),
        ]
    figures += [
        ("start-up: CPU time to first paint, median (ours)",
         statistics.median(cpu["ours"]) * 1000, "ms"),
        ("start-up: CPU time to first paint, min (ours)", min(cpu["ours"]) * 1000, "ms"),
    ]
    for key, what in floors:
        figures += [
            (f"start-up: CPU time to first paint, median ({key})",
             statistics.median(cpu[key]) * 1000, "ms"),
            (f"start-up CPU time vs {what}, medians",
             statistics.median(cpu["ours"]) / statistics.median(cpu[key]), "x"),
            (f"start-up CPU time vs {what}, mins", min(cpu["ours"]) / min(cpu[key]), "x"),
        ]
    for phase in (p for p in runs["ours"][0] if p != "cpu"):
        figures.append((f"start-up phase: {phase} (ms from process start, median)",
                        statistics.median(o[phase] for o in runs["ours"]) * 1000, "ms"))
    return figures


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
