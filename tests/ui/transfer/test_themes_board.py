"""The cross-workshop themes board: cards show workshop codes; create, rename, merge,
split and move, each undoable."""

from __future__ import annotations

from facilitator.demo import load_demo
from tests.ui.transfer.helpers import action, make_window
from tests.ui.windows import drop_on
from ui.compile.board import NOTE_ROLE


def open_board(qtbot, context, window, step="who"):
    programme = context.store.programmes()[0]
    board = window.transfer.open_themes_board(programme.id, step)
    qtbot.addWidget(board)
    qtbot.waitUntil(board.isVisible)
    return board


def labels(board):
    return sorted(board.column_texts())


def test_board_shows_all_workshops_notes_with_codes(qtbot, context):
    programme = load_demo(context.store)
    window = make_window(qtbot, context)
    board = open_board(qtbot, context, window)
    texts = board.column_texts()
    cards = [card for column in texts.values() for card in column]
    assert len(cards) == len(context.store.notes(step_key="who"))
    codes = {card.split(" · ")[0] for card in cards}
    assert {"W1", "W2"} <= codes and "W7" not in codes
    assert board.step_box.currentText() == "WHO"
    header = board.findChild(type(board.status_label), "header_loose")
    assert "Not in a theme yet" in header.text()
    assert str(len(board.board.workshops)) in board.status_label.text()
    assert programme.title in board.windowTitle()


def test_create_rename_merge_split_and_move_with_undo(qtbot, context, dialogs):
    load_demo(context.store)
    window = make_window(qtbot, context)
    board = open_board(qtbot, context, window)
    stack = window.undo_stack
    start = board.column_texts()
    loose = board.lists[""]
    ids = [loose.item(i).data(NOTE_ROLE) for i in range(2)]
    # create a theme from two loose notes (split them off "no theme")
    board.select_notes("", ids)
    dialogs.text_answers.append("Carers")
    board.new_action.trigger()
    qtbot.waitUntil(lambda: "Carers" in board.column_texts())
    assert len(board.column_texts()["Carers"]) == 2
    assert stack.undoText() == "Group 2 notes under new theme “Carers”"
    carers = next(t for t in context.store.themes() if t.label == "Carers")
    # rename it
    board.select_notes(carers.id, ids[:1])
    dialogs.text_answers.append("Hidden carers")
    board.rename_action.trigger()
    qtbot.waitUntil(lambda: "Hidden carers" in board.column_texts())
    # split one note off into its own theme
    board.select_notes(carers.id, ids[1:])
    dialogs.text_answers.append("Carers under 18")
    board.new_action.trigger()
    qtbot.waitUntil(lambda: "Carers under 18" in board.column_texts())
    assert len(board.column_texts()["Hidden carers"]) == 1
    young = next(t for t in context.store.themes() if t.label == "Carers under 18")
    # merge "Carers under 18" into "Hidden carers"
    board.select_notes(young.id, ids[1:])
    board.target_box.setCurrentIndex(board.target_box.findText("Hidden carers"))
    board.merge_action.trigger()
    qtbot.waitUntil(lambda: "Carers under 18" not in board.column_texts())
    assert len(board.column_texts()["Hidden carers"]) == 2
    assert stack.undoText() == "Merge theme “Carers under 18” into “Hidden carers”"
    # move one back out of any theme
    board.select_notes(carers.id, ids[:1])
    board.target_box.setCurrentIndex(board.target_box.findText("(no theme)"))
    board.move_action.trigger()
    qtbot.waitUntil(lambda: len(board.column_texts()["Hidden carers"]) == 1)
    # undo everything, step by step, back to the start
    for _ in range(5):
        stack.undo()
    qtbot.waitUntil(lambda: board.column_texts() == start)
    assert "Carers" not in labels(board)
    stack.redo()
    qtbot.waitUntil(lambda: "Carers" in board.column_texts())


def test_the_board_opens_from_the_view_menu_and_switches_step(qtbot, context):
    load_demo(context.store)
    window = make_window(qtbot, context)
    action(window, "Themes across workshops").trigger()
    board = window.transfer.board_windows[-1]
    qtbot.addWidget(board)
    qtbot.waitUntil(board.isVisible)
    board.step_box.setCurrentIndex(board.step_box.findData("how"))
    cards = [c for column in board.column_texts().values() for c in column]
    assert len(cards) == len(context.store.notes(step_key="how"))
    assert "HOW" in board.windowTitle()


def test_dropping_cards_on_another_theme_moves_them_undoably(qtbot, context):
    from PySide6.QtCore import Qt

    load_demo(context.store)
    window = make_window(qtbot, context)
    board = open_board(qtbot, context, window)
    loose = board.lists[""]
    items = [loose.item(0), loose.item(1)]
    ids = [item.data(NOTE_ROLE) for item in items]
    mime = loose.mimeData(items)  # what a drag from the unsorted column carries
    target = next(c.theme for c in board.board.columns if c.theme is not None)
    drop_on(board.lists[target.id].viewport(), mime, Qt.DropAction.MoveAction, (20, 20))
    qtbot.waitUntil(lambda: all(n.theme_id == target.id for n in context.store.get_notes(ids)))
    assert window.undo_stack.undoText() == f"Group 2 notes under “{target.label}”"
    window.undo_stack.undo()
    assert all(n.theme_id is None for n in context.store.get_notes(ids))


def test_a_closed_board_is_reused_for_the_next_programme(qtbot, context):
    from facilitator.models import Note, Programme, Workshop

    load_demo(context.store)
    window = make_window(qtbot, context)
    first = open_board(qtbot, context, window)
    first.close()
    other = context.store.add_programme(Programme("Rutland roadshows"))
    workshop = context.store.add_workshop(
        Workshop(other.id, "R1", "Question?", "asset-mapping"))
    context.store.add_note(Note(workshop.id, "assets", "The village hall"))
    again = window.transfer.open_themes_board(other.id)
    qtbot.waitUntil(again.isVisible)
    assert again is first and len(window.transfer.board_windows) == 1
    assert again.programme_box.currentText() == "Rutland roadshows"
    assert again.step_key == "assets"
    assert again.column_texts() == {"": ["R1 · The village hall"]}


def test_every_card_shows_all_of_its_text_even_beside_a_scroll_bar(qtbot, context):
    from PySide6.QtCore import QRect, Qt

    load_demo(context.store)
    window = make_window(qtbot, context)
    board = open_board(qtbot, context, window, step="how")
    loose = board.lists[""]
    qtbot.waitUntil(lambda: loose.verticalScrollBar().isVisible())  # 17 unsorted HOW notes
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
    for notes in board.lists.values():
        metrics = notes.fontMetrics()
        for row in range(notes.count()):
            item = notes.item(row)
            rect = notes.visualItemRect(item)
            assert rect.right() <= notes.viewport().width(), item.text()
            text = rect.adjusted(5, 5, -5, -5)  # inside the card's edge
            needed = metrics.boundingRect(QRect(0, 0, text.width(), 10_000), flags, item.text())
            assert needed.height() <= text.height(), item.text()


def test_a_how_card_shows_the_support_area_the_report_files_it_under(qtbot, context):
    load_demo(context.store)
    window = make_window(qtbot, context)
    board = open_board(qtbot, context, window, step="how")
    cards = [card for column in board.column_texts().values() for card in column]
    assert "W2 · Reassure people they won't be taking on too much\n[Willingness to do things]" in cards
    assert "W2 · Volunteer expenses for drivers" in cards  # not yet sorted: no area shown


def test_delete_theme_sends_it_to_deleted_items_and_undo_brings_it_back(qtbot, context):
    from facilitator import library_ops as ops

    load_demo(context.store)
    window = make_window(qtbot, context)
    board = open_board(qtbot, context, window)
    theme = next(t for t in context.store.themes() if t.step_key == "who"
                 and board.lists.get(t.id) is not None and board.lists[t.id].count())
    cards = board.lists[theme.id].count()
    note = board.lists[theme.id].item(0).data(NOTE_ROLE)
    board.select_notes(theme.id, [note])
    board.delete_action.trigger()
    qtbot.waitUntil(lambda: theme.label not in board.column_texts())
    assert [(i.kind, i.id) for i in ops.deleted_items(context.store)] == [("theme", theme.id)]
    assert window.undo_stack.undoText() == f"Delete theme “{theme.label}”"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: theme.label in board.column_texts())
    assert len(board.column_texts()[theme.label]) == cards
    assert ops.deleted_items(context.store) == []
