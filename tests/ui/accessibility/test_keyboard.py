"""The keyboard: Tab reaches every control in reading order and comes back, dialogs open on
their first field, every toolbar action is in a menu, the themes board works by keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from tests.ui.a11y_audit import name_of
from tests.ui.accessibility.tabbing import reachable, tab_walk
from tests.ui.every_window import WINDOWS
from ui.compile.board import NOTE_ROLE
from ui.workshop_dialog import WorkshopDialog


@pytest.mark.parametrize("title", ["compile", "themes board", "settings", "workshop dialog",
                                   "report dialog", "export dialog", "search", "main window",
                                   "deleted items", "merge programmes", "merge workshops",
                                   "action plan", "asset register", "suggested themes",
                                   "asset duplicates", "connect assets", "move workshop",
                                   "workshops captured twice", "theme picker", "similar notes",
                                   "import summary", "wi-fi code", "open voting",
                                   "edit a phone's note", "action form", "progress form"])
def test_tab_reaches_every_control_and_comes_back(title, qtbot, context, demo):
    window = WINDOWS[title](qtbot, context, demo)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    or not window.isActiveWindow(), timeout=2000)
    first = next(iter(sorted(reachable(window), key=lambda w: w.mapTo(window, w.rect().topLeft())
                             .y())))
    seen = tab_walk(window, first)
    missed = reachable(window) - set(seen)
    assert not missed, [f"{type(w).__name__} {w.objectName()} {name_of(w)!r}" for w in missed]


def _reading_place(window: QWidget, widget: QWidget) -> tuple[int, int, int]:
    """Where a control is in reading order: (column, top, left). The workshop dialogs
    have two columns (the details, then Attendance beside them), read one after the
    other; every other window is read top to bottom."""
    at = widget.mapTo(window, QPoint(0, 0))
    split = (window.attendance.mapTo(window, QPoint(0, 0)).x()
             if isinstance(window, WorkshopDialog) else None)
    return (1 if split is not None and at.x() >= split else 0, at.y(), at.x())


#: Dialogs that open on a later field than their first, and why.
OPENS_LATER = {
    "new workshop dialog": "code",  # the programme is already the one chosen in the library
    "progress form": "text",  # the date is today's already; what happened is what to type
}


@pytest.mark.parametrize("title", list(WINDOWS))
def test_tab_follows_reading_order_and_dialogs_open_on_their_first_field(
        title, qtbot, context, demo):
    """Tab goes down each window (column by column in the workshop dialogs), never back
    up before it wraps; a dialog opens on its first field (not on a button), as item 8
    of the audit asked."""
    from PySide6.QtWidgets import QDialog

    window = WINDOWS[title](qtbot, context, demo)
    stops = reachable(window)
    if not stops:  # (the presenter: nothing to do there, so nothing takes the focus)
        return
    place = lambda w: _reading_place(window, w)  # noqa: E731
    opened_on = QApplication.focusWidget()
    sequence = tab_walk(window, min(stops, key=place))
    places = [place(w) for w in sequence]
    for (before, after, widget) in zip(places, places[1:], sequence[1:], strict=False):
        assert (after[0], after[1]) >= (before[0], before[1] - 10), (
            f"Tab goes back up to {type(widget).__name__} {widget.objectName()!r}")
    if isinstance(window, QDialog):
        fields = [w for w in sorted(stops, key=place) if not isinstance(w, QAbstractButton)]
        expected = OPENS_LATER.get(title)
        assert opened_on is not None and not isinstance(opened_on, QAbstractButton), opened_on
        if expected is None:
            assert opened_on is fields[0], (opened_on.objectName(), fields[0].objectName())
        else:
            assert expected in opened_on.objectName().casefold(), opened_on.objectName()


def _menu_actions(menu) -> set:
    found = set()
    for action in menu.actions():
        found.add(action)
        if action.menu() is not None:
            found |= _menu_actions(action.menu())
    return found


@pytest.mark.parametrize("title", [t for t in WINDOWS if t not in ("presenter", "type-up")])
def test_every_toolbar_action_is_in_a_menu(title, qtbot, context, demo):
    """Toolbar buttons take no focus, so each of their actions is in one of the window's
    menus too (where the keyboard, and a screen reader, find it)."""
    from PySide6.QtWidgets import QMainWindow, QToolBar, QWidgetAction

    window = WINDOWS[title](qtbot, context, demo)
    if not isinstance(window, QMainWindow):
        assert not [b for b in window.findChildren(QToolBar) if b.isVisibleTo(window)]
        return
    in_menus = _menu_actions(window.menuBar())
    missing = [action.text() for bar in window.findChildren(QToolBar) if bar.isVisibleTo(window)
               for action in bar.actions()
               if action.isVisible() and not action.isSeparator()
               and not isinstance(action, QWidgetAction) and action not in in_menus]
    assert not missing, missing


def test_compile_table_lets_tab_out(qtbot, context, demo):
    window = WINDOWS["compile"](qtbot, context, demo)
    assert not window.table.tabKeyNavigation()
    seen = tab_walk(window, window.table)
    assert any(isinstance(w, QAbstractButton) and "Import" in w.text() for w in seen)


def test_themes_board_merge_and_move_by_keyboard_keep_the_focus(qtbot, context, demo, spoken):
    from PySide6.QtTest import QTest

    board = WINDOWS["themes board"](qtbot, context, demo)
    board.activateWindow()
    assert board.merge_action.shortcut().toString() == "Ctrl+Shift+M"
    menu_actions = board.themes_menu.actions()
    for action in board.card_actions:
        assert action in menu_actions
        assert not action.shortcut().isEmpty(), action.text()
    loose = board.lists[""]
    loose.setFocus()
    assert loose.currentIndex().isValid()  # entering the board makes a card current
    note_id = loose.item(0).data(NOTE_ROLE)
    loose.item(0).setSelected(True)
    board.current_theme_id = ""
    target = board.target_box.findData(next(k for k in board.lists if k))
    board.target_box.setCurrentIndex(target)
    QTest.keyClick(loose, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: context.store.get_notes([note_id])[0].theme_id is not None)
    focused = QApplication.focusWidget()
    assert isinstance(focused, type(loose)), focused
    assert focused.currentItem().data(NOTE_ROLE) == note_id  # the moved card, where it went
    assert spoken and spoken[-1][0].startswith("Moved 1 note to")
    # Shift+F10 opens the card actions at the current card
    QTest.keyClick(focused, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    assert board.merge_action in popup.actions()
    popup.close()
