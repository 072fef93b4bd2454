"""The themes board shows what became an action, keyboard only: Ctrl+Alt+K promotes the
current theme and its header says so (seen and heard); Ctrl+K promotes a card and the card
says so; Ctrl+Z takes the action and the marks away again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.store import action_plan as plan
from tests.ui.actions.test_action_plan_window import _programme
from tests.ui.windows import show_active

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole


def _header(board, theme_id):
    from PySide6.QtWidgets import QLabel

    return board.findChild(QLabel, f"header_{theme_id}")


def test_a_promoted_theme_and_card_are_marked_on_the_board(qtbot, context, dialogs):
    from ui.compile.board import ThemesBoardWindow

    store = context.store
    programme, w2, w4, theme = _programme(store)
    board = show_active(qtbot, ThemesBoardWindow(context, context.undo_stack, programme.id, "how"))
    assert "→ Action" not in _header(board, theme.id).text()

    column = board.lists[theme.id]
    column.setFocus()
    column.setCurrentRow(0)
    qtbot.waitUntil(lambda: board.current_theme_id == theme.id)
    dialogs.choose_answers = [3]  # "Later": no priority yet
    qtbot.keyClick(column, Qt.Key.Key_K, CTRL | ALT)
    [action] = plan.actions(store, programme.id)
    assert action.theme_id == theme.id
    qtbot.waitUntil(lambda: "→ Action" in _header(board, theme.id).text())
    header = _header(board, theme.id)
    assert header.text().endswith("<br><b>→ Action</b>")
    assert header.accessibleName() == (
        "Help to start a lunch club 2 notes, raised at 2 of 2 workshops → Action (became an "
        "action in the action plan)")
    assert board.lists[theme.id].accessibleName() == \
        "Notes in Help to start a lunch club (became an action)"
    # the theme's cards name its notes, which the action links: they say so too
    texts = board.column_texts()["Help to start a lunch club"]
    assert texts == ["W2 · A guide to starting a lunch club\n[Support to get started]\n→ Action",
                     "W4 · Small grants for a first lunch club\n[Support to get started]\n"
                     "→ Action"]
    column = board.lists[theme.id]
    assert column.item(0).data(ACCESSIBLE) == (
        "W2 · A guide to starting a lunch club\n[Support to get started]. Became an action "
        "in the action plan")

    qtbot.keyClick(board.lists[theme.id], Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: "→ Action" not in _header(board, theme.id).text())
    assert plan.actions(store, programme.id) == []
    assert all("→ Action" not in t for t in board.column_texts()["Help to start a lunch club"])

    # one card promoted: that card is marked, the other card and the theme are not
    column = board.lists[theme.id]
    column.setFocus()
    qtbot.keyClick(column, Qt.Key.Key_Home)
    qtbot.keyClick(column, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # select 2
    qtbot.keyClick(column, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)  # back to 1
    qtbot.waitUntil(lambda: len(board.selected_note_ids()) == 1)
    dialogs.choose_answers = [3]
    qtbot.keyClick(column, Qt.Key.Key_K, CTRL)
    [action] = plan.actions(store, programme.id)
    qtbot.waitUntil(lambda: any(t.endswith("→ Action") for t in
                                board.column_texts()["Help to start a lunch club"]))
    assert board.column_texts()["Help to start a lunch club"] == [
        "W2 · A guide to starting a lunch club\n[Support to get started]\n→ Action",
        "W4 · Small grants for a first lunch club\n[Support to get started]"]
    assert action.text == "A guide to starting a lunch club"
    assert "→ Action" not in _header(board, theme.id).text()
    board.close()
