"""Every secondary window closes with Esc and with Ctrl+W, as a dialog closes with Esc (the
compile window and the themes board did not; the action plan had Ctrl+W twice, so the key was
ambiguous and did nothing; the asset register ignored Esc, Deleted items, search, suggested
themes, similar notes and the presenter screen ignored Ctrl+W); the run window shows the
workshop's own theme question under the step's title."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.demo import load_demo

# The windows as the accessibility audit opens them, closed after each test by its fixture.
from tests.ui.every_window import WINDOWS, _close_opened  # noqa: F401
from tests.ui.run.helpers import make_workshop, open_run
from tests.ui.transfer.helpers import make_window


def test_the_run_window_shows_the_workshops_theme_question_under_the_step(qtbot, context):
    run = open_run(qtbot, context, make_workshop(context.store).id)
    header = run.header
    assert header.theme_question.text() == "Theme: How can I help and support older people?"
    assert header.theme_question.isVisible()
    # (Laid out by the next pass of the event loop, on a busy machine maybe not yet.)
    qtbot.waitUntil(lambda: header.position.geometry().bottom()
                    <= header.theme_question.geometry().top() < header.question.geometry().top())


def compile_window(qtbot, context, demo):
    window = make_window(qtbot, context)
    window.transfer.open_compile()
    return window.transfer.compile_window


def themes_board(qtbot, context, demo):
    window = make_window(qtbot, context)
    return window.transfer.open_themes_board(context.store.programmes()[0].id, "who")


#: Each secondary window (not a modal dialog, not the library or run window), opened.
SECONDARY = {
    "compile (from the library window)": compile_window,
    "themes board (from the library window)": themes_board,
    **{name: WINDOWS[name] for name in (
        "compile", "themes board", "action plan", "asset register", "deleted items", "search",
        "suggested themes", "similar notes", "presenter")},
}
KEYS = {"Esc": (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        "Ctrl+W": (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)}


@pytest.fixture
def demo(context):
    programme = load_demo(context.store)
    return programme, context.store.workshops(programme.id)


@pytest.mark.parametrize("name", SECONDARY)
@pytest.mark.parametrize("keys", KEYS)
def test_esc_and_ctrl_w_close_every_secondary_window(qtbot, context, demo, name, keys):
    window = SECONDARY[name](qtbot, context, demo)
    worker = getattr(window, "worker", None)
    if worker is not None:  # (similar notes: let its first look-up finish; it is not the test)
        qtbot.waitUntil(worker.isFinished, timeout=60_000)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    key, modifier = KEYS[keys]
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) or not window.isVisible())
