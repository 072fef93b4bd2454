"""Screenshots of the run screen and a tagged HOW board, from the real window (offscreen).

Always checks the grabs are real pictures; with ``WF_SCREENSHOTS=1`` it also saves
them as ``docs/images/run-screen.png`` and ``docs/images/how-board.png``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.demo import load_demo
from tests.ui.run.helpers import open_run, type_note

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
    save(board, tmp_path, "how-board.png")
