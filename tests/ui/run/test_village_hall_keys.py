"""The run window from the keyboard alone: where Tab goes on a step with tag chips."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.run.helpers_3a import open_run
from tests.ui.run.test_village_hall import postponed_workshop


def test_tab_goes_box_table_board_chips_steps_banner_and_round_again(qtbot, context):
    window = open_run(qtbot, context, postponed_workshop(context.store, "Snow").id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    bar = window.tag_bar
    qtbot.waitUntil(lambda: all(chip.isVisible() for chip in bar.chips))  # shown once queued
    expected = [window.capture.box, window.capture.table, window.board, *bar.chips,
                bar.clear_chip, bar.group_by_tag, window.steps, window.banner.button,
                window.capture.box]
    order = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    names = [w.objectName() for w in order]
    assert names == [w.objectName() for w in expected]
