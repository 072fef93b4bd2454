"""The compile window and the themes board close with Esc and with Ctrl+W, as the dialogs
and the presenter screen do; the run window shows the workshop's own theme question under the step's title."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt

from facilitator.demo import load_demo
from tests.ui.run.helpers import make_workshop, open_run
from tests.ui.transfer.helpers import make_window


def compile_window(qtbot, context):
    window = make_window(qtbot, context)
    window.transfer.open_compile()
    return window.transfer.compile_window


def themes_board(qtbot, context):
    window = make_window(qtbot, context)
    return window.transfer.open_themes_board(context.store.programmes()[0].id, "who")


@pytest.mark.parametrize("opener", [compile_window, themes_board])
@pytest.mark.parametrize("key, modifier", [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                           (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)])
def test_esc_and_ctrl_w_close_the_window(qtbot, context, opener, key, modifier):
    load_demo(context.store)
    window = opener(qtbot, context)
    # (Each belongs to its main or run window, which the test already closes.)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isVisible)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifier)
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) or not window.isVisible())


def test_the_run_window_shows_the_workshops_theme_question_under_the_step(qtbot, context):
    run = open_run(qtbot, context, make_workshop(context.store).id)
    header = run.header
    assert header.theme_question.text() == "Theme: How can I help and support older people?"
    assert header.theme_question.isVisible()
    assert (header.position.geometry().bottom() <= header.theme_question.geometry().top()
            < header.question.geometry().top())
