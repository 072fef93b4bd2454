"""Merging two programmes in the library window, and undoing it, as a person does: how
long the window's event loop is ever held (the longest pause), and how long until the
window shows the result, beside a raw SQL ``UPDATE`` of the same rows (the fair floor),
at 5,000 and 20,000 notes (10,000 per programme: the issue's size).

An on-disk library with durable writes and the window open on it. A 5 ms ``QTimer``
heartbeat runs on the window's thread all through; the longest gap between two of its
beats is the longest the window could not repaint or answer a key. Pressing Merge (the
dialog's preview already open) and Ctrl+Z are posted into the running event loop, so
the gap includes everything they do on the window's thread: starting the worker, then
taking its result (the store's events, the window's refresh). "Until shown" runs from
the key to the window showing the merged (or unmerged) library. Also held on the
window's thread, each once: the merge dialog opening (its preview) and the library
watch's next poll (a fresh snapshot of the rows' versions, as after any other
program's commit).

Aims: the longest pause <= 100 ms; merge and undo until shown <= 3x the floor. The
floor is ``bench_merge``'s: the bare ``UPDATE`` statements that move the same rows, one
durable transaction, nothing else. Interleaved repetitions on fresh copies; min and
median; growth from 5,000 to 20,000 notes should be about 4x (linear).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPEATS = 5
SIZES = (2_500, 10_000)  # notes per programme: 5,000 and 20,000 in all
PAUSE_AIM_MS = 100
RATIO_AIM = 3


class Heartbeat:
    """A 5 ms timer on the window's thread; ``longest`` is the longest gap between beats."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._beat)
        self.last = 0.0
        self.longest = 0.0
        self.beats = 0

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        self.beats += 1

    def start(self) -> None:
        self.last, self.longest, self.beats = time.perf_counter(), 0.0, 0
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def _select(window, ids) -> None:
    from PySide6.QtCore import QItemSelectionModel, Qt

    model, selection = window.model, window.tree.selectionModel()
    selection.clearSelection()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(Qt.ItemDataRole.UserRole + 1) in ids:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.Select
                                      | QItemSelectionModel.SelectionFlag.Rows)


def _timed(app, heart: Heartbeat, history, press) -> tuple[float, float]:
    """Post ``press`` into the running event loop and run it until the history says the
    write is done (the window already refreshed by then). Returns (the longest pause of
    the loop, seconds from the press until done and shown)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    marks: dict[str, float] = {}

    def go() -> None:
        marks["pressed"] = time.perf_counter()
        press()

    def done(_message: str, ok: bool) -> None:
        assert ok, "the write failed"
        marks["shown"] = time.perf_counter()
        loop.quit()

    history.work_done.connect(done)
    heart.start()
    for _ in range(4):  # the heartbeat running steadily first
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    QTimer.singleShot(0, go)
    loop.exec()
    for _ in range(3):  # and a few beats after, so a pause at the very end counts too
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    heart.stop()
    history.work_done.disconnect(done)
    return heart.longest, marks["shown"] - marks["pressed"]


def _once(app, heart, path: Path, source: str, target: str, folder: Path):
    from benchmarks.common import YesDialogs, bench_context
    from facilitator.library import open_library
    from ui.main_window import MainWindow

    library = open_library(path)
    context = bench_context(library, folder, YesDialogs())
    window = MainWindow(context)
    window.show()
    app.processEvents()
    store, history = library.store, window.undo_stack
    try:
        _select(window, {source, target})
        start = time.perf_counter()
        window.library_ops.merge()
        app.processEvents()
        opened = time.perf_counter() - start
        dialog = window.library_ops.dialog
        dialog.keep.setCurrentIndex(dialog.keep.findData(target))
        app.processEvents()
        merge = _timed(app, heart, history, dialog.buttons.accepted.emit)
        assert len(store.programmes()) == 1 == window.model.rowCount(), "not merged"
        # The library watch's next poll sees the twin's commit in data_version and takes a
        # fresh snapshot (finding nothing new: the merge was announced already).
        start = time.perf_counter()
        assert not context.watch.check(), "the merge was taken for another program's"
        watched = time.perf_counter() - start
        undo = _timed(app, heart, history, history.undo)
        assert len(store.programmes()) == 2 == window.model.rowCount(), "not undone"
        return opened, merge, undo, watched
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        history.clear()
        library.close()


def _measure(app, heart, folder: Path, per_programme: int, repeats: int):
    from benchmarks.bench_merge import _floor, _template

    template, source, target = _template(folder, per_programme)
    got: dict[str, list[float]] = {k: [] for k in (
        "opened", "watch", "merge pause", "merge shown", "undo pause", "undo shown", "floor")}
    for index in range(repeats):
        copy = folder / f"gui-{per_programme}-{index}.wfdb"
        shutil.copy(template, copy)
        opened, (m_pause, m_shown), (u_pause, u_shown), watched = _once(
            app, heart, copy, source, target, folder)
        for key, value in (("opened", opened), ("watch", watched), ("merge pause", m_pause),
                           ("merge shown", m_shown), ("undo pause", u_pause),
                           ("undo shown", u_shown)):
            got[key].append(value)
        copy = folder / f"floor-{per_programme}-{index}.wfdb"
        shutil.copy(template, copy)
        got["floor"].append(_floor(copy, source, target)[0])
    return got


def run() -> list[tuple[str, float, str]]:
    from ui.app import create_application

    app = create_application()
    heart = Heartbeat()
    figures: list[tuple[str, float, str]] = []
    medians: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="wf bench ") as tmp:
        for size in SIZES:
            got = _measure(app, heart, Path(tmp), size, REPEATS)
            notes = 2 * size
            medians[notes] = {k: statistics.median(v) for k, v in got.items()}
            for key, label in (("floor", "raw SQL UPDATE of the same rows (the floor)"),
                               ("opened", "merge dialog opens (preview), window held"),
                               ("watch", "the library watch's next poll after it, window "
                                         "held"),
                               ("merge shown", "Merge pressed until the window shows it"),
                               ("undo shown", "Ctrl+Z until the window shows it"),
                               ("merge pause", f"longest pause while merging (aim <= "
                                               f"{PAUSE_AIM_MS} ms)"),
                               ("undo pause", f"longest pause while undoing (aim <= "
                                              f"{PAUSE_AIM_MS} ms)")):
                values = got[key]
                figures += [
                    (f"merge in the window, {notes} notes, {label}: min", min(values) * 1000,
                     "ms"),
                    (f"merge in the window, {notes} notes, {label}: median",
                     statistics.median(values) * 1000, "ms"),
                ]
            floor = got["floor"]
            for key, label in (("merge shown", "merge until shown"),
                               ("undo shown", "undo until shown")):
                figures += [
                    (f"merge in the window, {notes} notes, {label} / floor (min, aim <= "
                     f"{RATIO_AIM})", min(got[key]) / min(floor), "x"),
                    (f"merge in the window, {notes} notes, {label} / floor (median)",
                     statistics.median(got[key]) / statistics.median(floor), "x"),
                ]
        small, large = (2 * s for s in SIZES)
        for key, label in (("merge shown", "merge until shown"), ("undo shown",
                           "undo until shown"), ("floor", "the floor")):
            figures.append((f"merge in the window: {label}, {large} / {small} notes (linear: "
                            f"about {large // small})",
                            medians[large][key] / medians[small][key], "x"))
    return figures


if __name__ == "__main__":
    from benchmarks.run import against_aims

    found = run()
    for figure, value, unit in found:
        print(f"{figure}: {value:.3g} {unit}")
    for line in against_aims([{"name": f, "value": v, "unit": u} for f, v, u in found]):
        print(line)
