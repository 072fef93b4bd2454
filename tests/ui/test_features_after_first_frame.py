"""The app's own start installs the library window's menu entries and the features behind
them just after its first frame (ui.window_features): the first frame shows the menu titles
and the library; the entries come before anything can want them, and are the same."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from facilitator.demo import load_demo
from facilitator.library import open_library
from tests.hostile import demo_library_file
from tests.ui.windows import show_main_window
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.window_features import AfterFirstFrame

TITLES = ["&File", "&Edit", "&Workshop", "&View", "&Help"]


def _entries(window: MainWindow) -> list[tuple[str, str, list[str]]]:
    return [(title, action.text(), [k.toString() for k in action.shortcuts()])
            for title, menu in window.menus.items() for action in menu.actions()]


def _later(qtbot, context) -> MainWindow:
    window = MainWindow(context, features_after_first_frame=True)
    qtbot.addWidget(window)
    return window


def test_the_first_frame_has_the_menu_titles_and_the_entries_follow_it(qtbot, context):
    load_demo(context.store)
    window = _later(qtbot, context)
    assert [m.title() for m in window.menus.values()] == TITLES
    assert not window.features_installed and _entries(window) == []
    painted: list[bool] = []
    window.first_painted.connect(lambda: painted.append(window.features_installed))
    window.show()
    qtbot.waitUntil(lambda: window.features_installed)
    qtbot.waitUntil(lambda: painted == [True])  # (installed first, then the rest of the wait)
    at_once = show_main_window(qtbot, context)
    assert _entries(window) == _entries(at_once) and len(_entries(window)) > 30
    assert [a.text() for a in window.menuBar().actions()] == TITLES == [
        a.text() for a in at_once.menuBar().actions()]


def test_a_shortcut_pressed_before_the_entries_come_works(qtbot, context):
    """A key pressed in the window before the entries were installed (they come just after
    the first frame, but a key could be there first) installs them before Qt looks for its
    shortcut: the shortcut works at once."""
    load_demo(context.store)
    window = _later(qtbot, context)
    waiting = window.findChild(AfterFirstFrame)
    window.first_painted.disconnect(waiting.install)  # (as if the key came first)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert not window.features_installed
    qtbot.keyClick(window.tree, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.features_installed
    assert context.settings.text_scale > 1.0  # Ctrl++: View ▸ Larger text
    qtbot.keyClick(window.tree, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert context.settings.text_scale == 1.0  # (the text as it was, for the next tests)


def test_a_menu_opened_before_the_entries_come_shows_them(qtbot, context):
    window = _later(qtbot, context)
    waiting = window.findChild(AfterFirstFrame)
    window.first_painted.disconnect(waiting.install)
    window.show()
    menu = window.menus["file"]
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    assert window.features_installed
    assert "New programme" in [a.objectName() for a in menu.actions()]
    menu.hide()


def _enabled(window: MainWindow) -> list[tuple[str, bool, str]]:
    return [(a.objectName(), a.isEnabled(), a.toolTip())
            for menu in window.menus.values() for a in menu.actions() if a.objectName()]


def test_a_read_only_librarys_writes_are_off_when_the_entries_come(qtbot, tmp_path, settings,
                                                                     dialogs):
    path = demo_library_file(tmp_path / "lib.wfdb")
    library = open_library(path, create=False, read_only=True, reason="a test")
    try:
        context = AppContext(library=library, settings=settings, dialogs=dialogs)
        window = _later(qtbot, context)
        assert window.read_only_banner is not None  # (in the first frame)
        window.show()
        qtbot.waitUntil(lambda: window.features_installed)
        new = window.findChild(QAction, "New programme")
        assert new is not None and not new.isEnabled()
        assert _enabled(window) == _enabled(show_main_window(qtbot, context))
    finally:
        library.close()
