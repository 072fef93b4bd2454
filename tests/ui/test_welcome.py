"""The first-run welcome: the demo, an empty library, where the library lives, the guide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.windows import show_main_window
from ui.empty_state import EmptyState


@pytest.fixture
def window(qtbot, disk_context):
    return show_main_window(qtbot, disk_context)


def test_welcome_says_where_the_library_lives(window, disk_context):
    assert window.stack.currentWidget() is window.empty_state
    text = window.empty_state.location_label.text()
    assert "Área de trabajo" in text
    assert disk_context.store.path.name in text
    assert window.empty_state.location_label.isVisible()


def test_in_memory_library_says_so(qtbot):
    state = EmptyState(None)
    qtbot.addWidget(state)
    assert "only in memory" in state.location_label.text()


def test_path_with_markup_characters_is_shown_as_text(qtbot, tmp_path):
    path = tmp_path / "A & B <council>" / "library.wfdb"
    state = EmptyState(path)
    qtbot.addWidget(state)
    assert "A &amp; B &lt;council&gt;" in state.location_label.text()


def test_start_with_the_demo(qtbot, window):
    assert window.empty_state.demo_button.text().replace("&", "") == "Start with the demo programme"
    qtbot.mouseClick(window.empty_state.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.tree)
    assert window.model.rowCount() == 2  # the 2015 workshops, and the summer roadshows


def test_start_an_empty_library_asks_for_the_first_programme(qtbot, window, dialogs):
    assert window.empty_state.new_button.text().replace("&", "") == "Start an empty library…"
    dialogs.text_answers.append("Rutland Roadshows 2026")
    qtbot.mouseClick(window.empty_state.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.stack.currentWidget() is window.tree
    assert [p.title for p in window.store.programmes()] == ["Rutland Roadshows 2026"]


def test_cancelling_the_first_programme_keeps_the_welcome(qtbot, window, dialogs):
    dialogs.text_answers.append(None)
    qtbot.mouseClick(window.empty_state.new_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.empty_state
    assert window.store.programmes() == []


def test_guide_button_opens_the_local_guide(qtbot, window, tmp_path):
    from ui.preferences import PreferencesFeature

    opened = []
    feature = window.findChild(PreferencesFeature)
    feature.opener = opened.append
    feature.guide_dir = tmp_path / "guide"
    qtbot.mouseClick(window.empty_state.guide_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    url = opened[0]
    assert url.isLocalFile()
    assert url.toLocalFile().endswith("user-guide.html")
    with open(url.toLocalFile(), encoding="utf-8") as handle:
        page = handle.read()
    assert "Preparing a workshop" in page
    assert "http://" not in url.toString() and "https://" not in url.toString()


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_the_whole_welcome_text_shows_at_every_text_size(qtbot, window, scale):
    from PySide6.QtWidgets import QApplication

    from ui.app import apply_text_scale

    app = QApplication.instance()
    apply_text_scale(app, scale)
    try:
        qtbot.waitUntil(lambda: window.empty_state.body.font().pointSizeF()
                        == app.font().pointSizeF())
        for label in (window.empty_state.body, window.empty_state.location_label):
            assert "Start" in window.empty_state.body.text()
            needed = label.heightForWidth(label.width())
            assert label.height() >= needed, f"{label.objectName()} cut off at {scale}x"
    finally:
        apply_text_scale(app, 1.0)


def test_each_welcome_button_has_an_alt_key_of_its_own(qtbot, window):
    """Alt+letter presses the button; a letter shared with a menu (Alt+E, Edit) only moves
    the focus, so none may be shared."""
    from PySide6.QtGui import QKeySequence

    menu_keys = {QKeySequence.mnemonic(a.text()).toString() for a in window.menuBar().actions()}
    state = window.empty_state
    hits = []
    state.demo_requested.disconnect()
    state.new_programme_requested.disconnect()
    state.guide_requested.disconnect()
    for button, name in ((state.demo_button, "demo"), (state.new_button, "new"),
                         (state.guide_button, "guide")):
        button.clicked.connect(lambda _=False, n=name: hits.append(n))
        key = QKeySequence.mnemonic(button.text())
        assert key.toString() and key.toString() not in menu_keys, button.text()
        qtbot.keyClick(window, key[0].key(), key[0].keyboardModifiers())
        qtbot.waitUntil(lambda n=name: n in hits)  # a mnemonic clicks after a short flash
    assert hits == ["demo", "new", "guide"]
