"""Keys a Windows user already knows work in the main window as in the run window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_main_window import make_window


def test_ctrl_y_redoes_in_the_main_window(qtbot, context, dialogs):
    window = make_window(qtbot, context)
    dialogs.text_answers.append("Rutland Roadshows 2026")
    window.new_programme()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert [p.title for p in context.store.programmes()] == ["Rutland Roadshows 2026"]


def test_ctrl_equals_makes_the_text_larger_as_in_the_run_window(qtbot, context, qapp):
    window = make_window(qtbot, context)
    before = context.settings.text_scale
    try:
        qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: context.settings.text_scale > before)
    finally:
        window.scale_text(None)
