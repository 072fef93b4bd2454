"""Screenshots of the run screen and a tagged HOW board, from the real window (offscreen).

Checks what a person looking at them would: the note just typed is on the board, in view,
and the half-typed one is in the box; the HOW board lists the four support areas in
order, then "Other ideas", each tagged card under its own area. With
``WF_SCREENSHOTS=1`` it also saves them as ``docs/images/run-screen.png`` and
``docs/images/how-board.png``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.demo import load_demo
from tests.ui.run.helpers import open_run, type_note
from tests.ui.run.test_board import headers

DOCS = Path(__file__).resolve().parents[3] / "docs" / "images"
MORE_HOW = [
    ("A simple guide to starting a lunch club", "understanding"),
    ("Someone to call when the treasurer steps down", "keeping-going"),
    ("Parish councils asking residents what they would give time to", "willingness"),
    ("Help with insurance for the first year", "getting-started"),
    ("Stories from villages that have done it", "understanding"),
]


def save(image, tmp_path: Path, name: str) -> Path:
    target = DOCS / name if os.environ.get("WF_SCREENSHOTS") else tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(target))
    return target


def row_of(window, text: str) -> int:
    model = window.model
    return next(r for r in range(model.rowCount()) if model.index(r).data() == text)


def in_view(window, text: str) -> bool:
    rect = window.board.visualRect(window.model.index(row_of(window, text)))
    return window.board.viewport().rect().contains(rect)


def distinct_colours(image) -> int:
    image = image.toImage().scaled(64, 40)
    return len({image.pixel(x, y) for x in range(64) for y in range(40)})


def test_screenshots_of_the_run_screen_and_a_tagged_how_board(qtbot, context, tmp_path):
    programme = load_demo(context.store)
    w2 = next(w for w in context.store.workshops(programme.id) if w.code == "W2")
    window = open_run(qtbot, context, w2.id)
    window.resize(1280, 800)
    window.capture.table.setText("Table 4")
    type_note(qtbot, window, "Older people who have just come out of hospital")
    qtbot.keyClicks(window.capture.box, "Young carers looking after a parent")
    QApplication.processEvents()  # let the layout settle before the picture
    run_screen = window.grab()
    assert distinct_colours(run_screen) > 20
    assert in_view(window, "Older people who have just come out of hospital")
    assert window.capture.box.toPlainText() == "Young carers looking after a parent"
    save(run_screen, tmp_path, "run-screen.png")

    window.capture.box.clear()
    window.capture.table.clear()
    window.session.set_step("how")
    for text, tag in MORE_HOW:
        type_note(qtbot, window, text)
        tag_number = ["willingness", "understanding", "getting-started", "keeping-going"]
        qtbot.keyClick(window.capture.box, getattr(Qt.Key, f"Key_{tag_number.index(tag) + 1}"),
                       Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    window.board.scrollToTop()
    QApplication.processEvents()
    board = window.grab()
    assert distinct_colours(board) > 20
    heads = [h.split("  (")[0] for h in headers(window)]
    assert heads == ["Willingness to do things", "Understanding what works",
                     "Support to get started", "Support to keep going", "Other ideas"]
    areas = dict(zip(["willingness", "understanding", "getting-started", "keeping-going"],
                     heads, strict=False))
    for text, tag in MORE_HOW:  # each card sits under its own area's heading
        above = [h for h in headers(window)
                 if row_of(window, h) < row_of(window, text)][-1]
        assert above.startswith(areas[tag]), (text, above)
    assert in_view(window, headers(window)[0])  # scrolled to the top: the first area shows
    save(board, tmp_path, "how-board.png")
