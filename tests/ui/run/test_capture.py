"""The capture box: Enter adds, Shift+Enter breaks the line, pastes of many lines, bad input."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.run.helpers import (
    CTRL,
    SHIFT,
    card_texts,
    make_workshop,
    open_run,
    texts,
    type_note,
)


def test_enter_adds_the_note_clears_the_box_and_shows_the_card(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    type_note(qtbot, window, "Older people living alone")
    assert texts(window) == ["Older people living alone"]
    assert window.capture.box.toPlainText() == ""
    assert card_texts(window) == ["Older people living alone"]
    assert "1</b> note on WHO" in window.count_label.text()
    assert window.saved_label.text().startswith("All changes saved at ")
    assert window.board.selected_note_ids() == [context.store.notes()[0].id]


def test_shift_enter_breaks_the_line_inside_one_note(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    box = window.capture.box
    qtbot.keyClicks(box, "Carers")
    qtbot.keyClick(box, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(box, "of all ages")
    assert texts(window) == []
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert texts(window) == ["Carers\nof all ages"]


def test_the_table_label_sticks_between_notes(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_L, CTRL)
    assert QApplication.focusWidget() is window.capture.table
    qtbot.keyClicks(window.capture.table, "Table 3")
    qtbot.keyClick(window.capture.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.capture.box
    type_note(qtbot, window, "One")
    type_note(qtbot, window, "Two")
    assert [n.table_label for n in context.store.notes()] == ["Table 3", "Table 3"]


def test_empty_or_whitespace_note_is_not_added(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    type_note(qtbot, window, "")
    type_note(qtbot, window, "    ")
    box = window.capture.box
    qtbot.keyClick(box, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert context.store.notes() == []
    assert window.session.undo_stack.count() == 0
    assert "empty note is not added" in window.statusBar().currentMessage()


def paste(qtbot, window, text: str) -> None:
    QApplication.clipboard().setText(text)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_V, CTRL)


def test_a_pasted_list_asks_with_the_count_then_adds_one_note_per_line(qtbot, context, dialogs):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    asked = []
    dialogs.confirm = lambda parent, title, text: asked.append((title, text)) or True
    paste(qtbot, window, "• Lonely people\r\n\r\n- Carers\r\n3. People without a car\r\n")
    assert asked[0][0] == "Add 3 notes?"
    assert "has 3 lines" in asked[0][1]
    assert texts(window) == ["Lonely people", "Carers", "People without a car"]
    assert window.capture.box.toPlainText() == ""
    assert window.session.undo_stack.undoText() == "Add 3 notes"
    assert len(window.board.selected_note_ids()) == 3


def test_declining_the_paste_puts_the_text_in_the_box_as_one_note(qtbot, context, dialogs):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    dialogs.confirm_answers = [False]
    paste(qtbot, window, "First line\nSecond line")
    assert texts(window) == []
    assert window.capture.box.toPlainText() == "First line\nSecond line"


def test_control_characters_from_word_are_stored_but_display_safely(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    word = "Bell\x07 and\x0bvertical tab\x0c page\x00nul\x1b[31m"
    paste(qtbot, window, word)  # one line: no question
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Return)
    assert texts(window) == [word]
    shown = card_texts(window)[0]
    assert all(c == "\n" or ord(c) >= 32 for c in shown)
    assert shown == "Bell and\nvertical tab\n pagenul[31m"
    window.board.viewport().grab()  # painting it does not fail


def test_a_note_of_only_control_characters_is_not_added(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    paste(qtbot, window, "\x07\x0b\x07")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Return)
    assert context.store.notes() == []


def test_a_10000_line_paste_asks_first_then_adds_them_as_one_change(qtbot, context, dialogs):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    asked = []
    dialogs.confirm = lambda parent, title, text: asked.append(text) or True
    paste(qtbot, window, "\n".join(f"Idea {n}" for n in range(10_000)))
    assert "has 10,000 lines" in asked[0] and "large paste" in asked[0]
    assert len(context.store.notes()) == 10_000
    assert window.model.rowCount() == 10_000
    assert window.session.undo_stack.count() == 1
    assert "Added 10,000 notes" in window.statusBar().currentMessage()
    assert "10000 notes" in window.steps.item(0).text()
    type_note(qtbot, window, "One more")  # the window still takes typing at once
    assert card_texts(window)[-1] == "One more"
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, CTRL)
    assert context.store.notes() == []
    assert window.model.rowCount() == 0


def test_the_newest_card_is_scrolled_into_view(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    for n in range(40):
        type_note(qtbot, window, f"Note {n}")
    board = window.board
    newest = window.model.index(window.model.rowCount() - 1)

    def visible() -> bool:
        return board.viewport().rect().contains(board.visualRect(newest).center())

    qtbot.waitUntil(visible)
    assert board.verticalScrollBar().value() > 0


def test_a_failed_write_is_shown_and_the_typed_text_is_kept(qtbot, context, dialogs, monkeypatch):
    from facilitator.store import LibraryError

    window = open_run(qtbot, context, make_workshop(context.store).id)

    def full(_notes):
        raise LibraryError("Cannot write to the library: the disk is full.")

    monkeypatch.setattr(context.store, "add_notes", full)
    type_note(qtbot, window, "Precious note")
    assert dialogs.errors == ["Cannot write to the library: the disk is full."]
    assert window.capture.box.toPlainText() == "Precious note"
    assert window.session.undo_stack.count() == 0
    assert "Not saved" in window.statusBar().currentMessage()
