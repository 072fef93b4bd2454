"""How long the main window's GUI thread is held by merging two programmes of 10,000
notes each, and by undoing it (on-disk library, durable writes, the window open on it).

Each figure is one uninterrupted stretch on the GUI thread (the synchronous call and the
events it queued, processed until idle): the merge dialog opening (its preview),
pressing Merge (the command applied and pushed, the store's events, the window's
refresh), and Ctrl+Z. The aim is never over 100 ms. The floor is the same raw SQL
``UPDATE`` as ``bench_merge`` (what moving the rows costs at least, with a commit).
Medians and minima of interleaved repetitions on fresh copies.
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

REPEATS = 3
PER_PROGRAMME = 10_000


class _Yes:
    def __getattr__(self, name):
        return lambda *args, **kwargs: True


def _stretch(app, call) -> float:
    """Seconds the GUI thread is held by ``call`` and the events it queued."""
    start = time.perf_counter()
    call()
    app.processEvents()
    return time.perf_counter() - start


def _select(window, ids) -> None:
    from PySide6.QtCore import QItemSelectionModel, Qt

    model, selection = window.model, window.tree.selectionModel()
    selection.clearSelection()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(Qt.ItemDataRole.UserRole + 1) in ids:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.Select
                                      | QItemSelectionModel.SelectionFlag.Rows)


def _once(app, path: Path, source: str, target: str, folder: Path) -> tuple[float, ...]:
    from PySide6.QtCore import QSettings

    from facilitator.library import open_library
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings import Settings

    library = open_library(path)
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    context = AppContext(library, settings, _Yes())
    window = MainWindow(context)
    window.show()
    app.processEvents()
    try:
        _select(window, {source, target})
        opened = _stretch(app, window.library_ops.merge)
        dialog = window.library_ops.dialog
        dialog.keep.setCurrentIndex(dialog.keep.findData(target))
        app.processEvents()
        merged = _stretch(app, dialog.buttons.accepted.emit)
        assert len(library.store.programmes()) == 1, "the merge did not happen"
        undone = _stretch(app, window.undo_stack.undo)
        assert len(library.store.programmes()) == 2, "the undo did not happen"
        return opened, merged, undone
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        context.undo_stack.clear()
        library.close()


def run() -> list[tuple[str, float, str]]:
    from benchmarks.bench_merge import _floor, _template
    from ui.app import create_application

    app = create_application()
    figures = []
    with tempfile.TemporaryDirectory(prefix="wf bench ") as tmp:
        folder = Path(tmp)
        template, source, target = _template(folder, PER_PROGRAMME)
        opened, merged, undone, floor = [], [], [], []
        for index in range(REPEATS):
            copy = folder / f"gui-{index}.wfdb"
            shutil.copy(template, copy)
            o, m, u = _once(app, copy, source, target, folder)
            opened.append(o)
            merged.append(m)
            undone.append(u)
            copy = folder / f"floor-{index}.wfdb"
            shutil.copy(template, copy)
            floor.append(_floor(copy, source, target)[0])
        notes = 2 * PER_PROGRAMME
        for name, values in (("merge dialog opens (preview)", opened),
                             ("Merge pressed: applied, pushed, window refreshed", merged),
                             ("Ctrl+Z: merge undone, window refreshed", undone),
                             ("raw SQL UPDATE of the same rows", floor)):
            figures += [
                (f"GUI thread held, {notes} notes, {name}: min", min(values) * 1000, "ms"),
                (f"GUI thread held, {notes} notes, {name}: median",
                 statistics.median(values) * 1000, "ms"),
            ]
        figures.append(("GUI thread held by Merge / raw UPDATE (median)",
                        statistics.median(merged) / statistics.median(floor), "x"))
    return figures


if __name__ == "__main__":
    for figure, value, unit in run():
        print(f"{figure}: {value:.3g} {unit}")
