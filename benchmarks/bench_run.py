"""The run window with 2,000 notes on a step, against the same on an empty workshop.

Figures (median of several runs, on-disk library with durable writes):
- adding one note: Enter pressed in the capture box -> row committed to the file and
  the new card laid out and painted on the board, with the card asserted inside the
  board's viewport (aim < 50 ms with 2,000 and with 10,000 notes on the step);
- opening the workshop: run window built, shown and painted (aim < 1 s);
- tagging one card while the board is grouped by tag (cards change group: a new layout);
- pasting 10,000 lines (after the question), for scale.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOTES = 2000
BIG = 10_000
ADDS = 30
OPENS = 5


def _painted(app, window) -> None:
    """The events Enter queued, then a paint of the board as it is (no forced layout)."""
    app.processEvents()
    window.board.viewport().repaint()


def _assert_newest_visible(window) -> None:
    model, board = window.model, window.board
    newest = window.store.notes(window.session.workshop_id, window.session.step_key)[-1]
    rect = board.visualRect(model.index_of(newest.id))
    if not (rect.isValid() and board.viewport().rect().contains(rect)):
        raise AssertionError(f"the new card is not in view ({rect}) with "
                             f"{model.rowCount()} rows")


def _open(app, context, workshop_id, step_key):
    from ui.run.window import RunWindow

    start = time.perf_counter()
    window = RunWindow(context, workshop_id)
    window.session.set_step(step_key)
    window.show()
    _painted(app, window)
    window.header.repaint()
    return window, time.perf_counter() - start


def _add_one(app, window) -> float:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    times = []
    for n in range(ADDS):
        window.capture.box.setPlainText(f"One more idea number {n}")
        start = time.perf_counter()
        QTest.keyClick(window.capture.box, Qt.Key.Key_Return)
        _painted(app, window)
        times.append(time.perf_counter() - start)
        _assert_newest_visible(window)
    return statistics.median(times)


def _tag_one(app, window) -> float:
    window.set_group_by_tag(True)
    _painted(app, window)
    times = []
    for n in range(ADDS // 3):
        note_id = window.model.notes_on_step()[n].id
        window.board.select_notes([note_id])
        start = time.perf_counter()
        window.tag_selected(n % 4 + 1)
        _painted(app, window)
        times.append(time.perf_counter() - start)
    window.set_group_by_tag(False)
    return statistics.median(times)


def _measure(app, context, workshop_id: str) -> tuple[float, float, float]:
    opens, adds, tags = [], [], []
    for _ in range(OPENS):
        window, took = _open(app, context, workshop_id, "how")
        opens.append(took)
        adds.append(_add_one(app, window))
        tags.append(_tag_one(app, window))
        window.close()
        window.deleteLater()
        app.processEvents()
        window.session.undo_stack.clear()
    return statistics.median(opens), statistics.median(adds), statistics.median(tags)


def run() -> list[tuple[str, float, str]]:
    from PySide6.QtWidgets import QApplication

    from benchmarks.common import YesDialogs, bench_context, bench_workshop
    from facilitator.library import open_library
    from facilitator.models import Note, Workshop
    from ui.app import create_application

    app = create_application()
    with tempfile.TemporaryDirectory(prefix="wf bench ") as folder:
        library = open_library(Path(folder) / "Bench library é.wfdb")
        context = bench_context(library, folder, YesDialogs())  # yes: the paste question
        store = library.store
        programme, empty = bench_workshop(store, "W1", "Empty")
        full = store.add_workshop(Workshop(programme.id, "W2", "Full", "delivery-planning"))
        tags = ["willingness", "understanding", "getting-started", "keeping-going", None]
        store.add_notes([
            Note(full.id, "how", f"Idea {n}: volunteers need a small grant to get going",
                 table_label=f"Table {n % 6 + 1}", tags=[tags[n % 5]] if tags[n % 5] else [])
            for n in range(NOTES)
        ])
        big = store.add_workshop(Workshop(programme.id, "W3", "Big", "delivery-planning"))
        store.add_notes([Note(big.id, "how", f"Idea {n}: a small grant for the village hall")
                         for n in range(BIG)])
        open_empty, add_empty, tag_empty = _measure(app, context, empty.id)
        open_full, add_full, tag_full = _measure(app, context, full.id)
        window, open_big = _open(app, context, big.id, "how")
        add_big = _add_one(app, window)
        window.close()
        window.deleteLater()
        app.processEvents()

        window, _ = _open(app, context, empty.id, "what")
        QApplication.clipboard().setText("\n".join(f"Pasted line {n}" for n in range(10_000)))
        start = time.perf_counter()
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(window.capture.box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        _painted(app, window)
        paste = time.perf_counter() - start
        window.close()
        library.close()
    return [
        ("run: add one note, empty step", add_empty * 1000, "ms"),
        (f"run: Enter -> card painted and in view, {NOTES} notes on the step (aim < 50)",
         add_full * 1000, "ms"),
        (f"run: add one note, {NOTES} notes vs empty", add_full / add_empty, "x"),
        (f"run: Enter -> card painted and in view, {BIG:,} notes on the step (aim < 50)",
         add_big * 1000, "ms"),
        (f"run: open workshop, {BIG:,} notes on the step", open_big * 1000, "ms"),
        ("run: open workshop, empty", open_empty * 1000, "ms"),
        (f"run: open workshop, {NOTES} notes on the step (aim < 1000)", open_full * 1000, "ms"),
        (f"run: open workshop, {NOTES} notes vs empty", open_full / open_empty, "x"),
        ("run: tag one card, board grouped by tag, few notes", tag_empty * 1000, "ms"),
        (f"run: tag one card, board grouped by tag, {NOTES} notes", tag_full * 1000, "ms"),
        ("run: paste 10,000 lines to painted", paste * 1000, "ms"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
