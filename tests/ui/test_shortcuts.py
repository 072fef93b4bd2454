"""One meaning per shortcut across windows: every window's keys are collected, and a key
that two windows use must do the same thing in both (Ctrl+O opened a workshop in the
library window but attached photos in the run window; Ctrl+Shift+T added a minute in one
and opened the themes board in the other)."""

from __future__ import annotations

import re

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QApplication

from facilitator.demo import load_demo

# The windows as the accessibility audit opens them, closed after each test by its fixture.
from tests.ui.every_window import WINDOWS, _close_opened, _run, _show  # noqa: F401
from ui.library_ops.deleted_items import DeletedItemsWindow
from ui.run.typeup import open_photos
from ui.sense.suggestions import SuggestionsWindow


@pytest.fixture
def demo(context):
    programme = load_demo(context.store)
    return programme, context.store.workshops(programme.id)


#: Words that name one meaning in different windows (each window says what it acts on).
SAME_MEANING = {
    "close window": {"close window", "close", "close workshop", "close presenter screen",
                     "close action plan", "close the register"},
    "suggest themes": {"suggest themes", "suggest themes again"},
    "accept a suggestion": {"accept suggestion", "accept support area"},
    "edit the workshop": {"edit workshop", "edit workshop details"},
    # (the action plan window's Word document is its Appendix A)
    "export the summary": {"export summary", "export summary of this workshop",
                           "export action plan", "export the register"},
    "search": {"search notes", "search assets"},
    "show similar": {"similar notes", "possible duplicates"},
    "merge the selection": {"merge theme", "merge assets"},
    # Ctrl+N: a new one of what the window lists; Ctrl+Shift+N: a new group of them.
    "add an item": {"new workshop", "new action", "new asset"},
    "add a group": {"new programme", "new priority"},
    # F6: the keyboard to the window's other pane.
    "go to the other pane": {"go to the board", "go to the progress list", "go to the table"},
    "delete the selection": {"delete", "delete notes", "delete photo", "reject phone note",
                             "dismiss suggestion", "delete assets", "remove connection"},
    "rename or edit the selection": {"rename programme", "rename theme", "edit note",
                                     "rename suggestion", "edit", "edit asset"},
}
MEANING = {words: meaning for meaning, group in SAME_MEANING.items() for words in group}


def _type_up(qtbot, context, demo):
    view = open_photos(_run(qtbot, context, demo))  # deleted on close; its run window owns it
    qtbot.waitExposed(view)
    return view


OTHERS = {
    "type-up (from the run window)": _type_up,
    "deleted items": lambda qtbot, context, demo: _show(
        qtbot, DeletedItemsWindow(context, lambda command: True)),
    "suggested themes": lambda qtbot, context, demo: _show(qtbot, SuggestionsWindow(
        context, lambda command: True, programme_id=demo[0].id, step_key="who")),
}
SHOWN = ["main window", "run window on HOW", "presenter", "compile", "themes board", "search",
         "action plan", "asset register", "roadshow with its visitor tally"]


def meaning(text: str) -> str:
    words = " ".join(text.replace("&", "").replace("…", "").split()).casefold()
    # A format names its own steps and tags: Alt+N goes to step N, Ctrl+N tags area N.
    if re.fullmatch(r"\d go to .+", words):
        return f"go to step {words[0]}"
    if words.startswith("tag "):
        return "tag a support area"
    return MEANING.get(words, words)


def keys_of(window) -> dict[str, set[str]]:
    """Each key sequence the window answers to -> what it means there."""
    found: dict[str, set[str]] = {}
    for action in {*window.findChildren(QAction), *window.actions()}:
        for key in action.shortcuts():
            found.setdefault(key.toString(), set()).add(meaning(action.text()))
    for shortcut in window.findChildren(QShortcut):
        found.setdefault(shortcut.key().toString(), set()).add(
            meaning(shortcut.objectName() or shortcut.whatsThis()))
    return found


def test_each_shortcut_means_one_thing_in_every_window(qtbot, context, demo):
    windows = {name: WINDOWS[name](qtbot, context, demo) for name in SHOWN}
    windows.update({name: make(qtbot, context, demo) for name, make in OTHERS.items()})
    uses: dict[str, dict[str, set[str]]] = {}  # key -> meaning -> windows
    for name, window in windows.items():
        for key, meanings in keys_of(window).items():
            for what in meanings:
                uses.setdefault(key, {}).setdefault(what, set()).add(name)
    assert len(uses) > 60  # the collection really saw the windows' keys
    clashes = {key: found for key, found in uses.items() if len(found) > 1}
    assert not clashes, "\n".join(
        f"{key}: " + "; ".join(f"{what} ({', '.join(sorted(where))})"
                               for what, where in sorted(found.items()))
        for key, found in sorted(clashes.items()))


def window_wide_keys(window) -> dict[str, list[str]]:
    """Each key sequence -> the enabled actions that answer it anywhere in the window (a
    shortcut bound to one widget only, such as Delete on the board, is left out)."""
    wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    found: dict[str, list[str]] = {}
    for action in {*window.findChildren(QAction), *window.actions()}:
        if action.isEnabled() and action.shortcutContext() in wide:
            for key in action.shortcuts():
                found.setdefault(key.toString(), []).append(action.text())
    return found


def test_no_key_is_given_twice_in_one_window(qtbot, context, demo):
    """Two actions with one key in one window make it ambiguous, and Qt then runs neither
    (the action plan's Close item and its Esc/Ctrl+W action both had Ctrl+W)."""
    windows = {name: WINDOWS[name](qtbot, context, demo) for name in SHOWN}
    windows.update({name: make(qtbot, context, demo) for name, make in OTHERS.items()})
    twice = {f"{name}: {key}": texts for name, window in windows.items()
             for key, texts in window_wide_keys(window).items() if len(texts) > 1}
    assert twice == {}


def test_the_keys_that_clashed_now_mean_one_thing(qtbot, context, demo):
    main = WINDOWS["main window"](qtbot, context, demo)
    run = WINDOWS["run window on HOW"](qtbot, context, demo)
    assert keys_of(main)["Ctrl+O"] == {"open workshop"}
    assert "Ctrl+O" not in keys_of(run)
    assert keys_of(run)["Ctrl+Shift+O"] == {"attach photos"}
    assert keys_of(run)["Ctrl+Shift+T"] == {"add a minute"}
    assert keys_of(main)["Ctrl+Shift+B"] == {"themes across workshops"}
    assert keys_of(main)["Ctrl+Shift+C"] == {"compile workshops"}


def test_escape_and_ctrl_w_close_the_type_up_window(qtbot, context, demo):
    for key, modifier in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
        view = _type_up(qtbot, context, demo)
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow)
        qtbot.keyClick(QApplication.focusWidget() or view, key, modifier)
        qtbot.waitUntil(lambda v=view: not shiboken6.isValid(v) or not v.isVisible())
