"""The themes board from the keyboard at scale: moves take exactly the selected cards (not
the card with the focus, not cards left selected in another column), near-duplicates are
one card that moves as one, the filter box hides cards (and a hidden card is never moved),
and columns come in the report's order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.demo import load_demo
from facilitator.models import Note, Theme
from facilitator.transfer.compile import themes_board
from tests.ui.transfer.helpers import make_window
from ui.compile.board import IDS_ROLE, NOTE_ROLE, NoteList

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def open_board(qtbot, context, step="who"):
    window = make_window(qtbot, context)
    programme = context.store.programmes()[0]
    board = window.transfer.open_themes_board(programme.id, step)
    qtbot.addWidget(board)
    qtbot.waitUntil(board.isVisible)
    board.activateWindow()
    qtbot.waitUntil(board.isActiveWindow)
    return window, board


def tab_to(qtbot, board, notes: NoteList) -> None:
    """Tab through the window until the keyboard is in ``notes`` (keys only)."""
    for _ in range(40):
        if QApplication.focusWidget() is notes:
            return
        qtbot.keyClick(QApplication.focusWidget() or board, Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached the column")


def ids_at(notes: NoteList, rows) -> list[str]:
    return [notes.item(r).data(NOTE_ROLE) for r in rows]


def test_a_move_takes_exactly_the_selected_cards_not_the_current_one(qtbot, context, dialogs):
    load_demo(context.store)
    window, board = open_board(qtbot, context)
    loose = board.lists[""]
    assert loose.count() >= 5
    tab_to(qtbot, board, loose)
    # Select cards 0 and 2; leave the focus (the current card) on card 3, unselected.
    qtbot.keyClick(loose, Qt.Key.Key_Space, CTRL)  # the current card (the first): selected
    qtbot.keyClick(loose, Qt.Key.Key_Down, CTRL)  # Ctrl+Down: on, not selecting
    qtbot.keyClick(loose, Qt.Key.Key_Down, CTRL)
    qtbot.keyClick(loose, Qt.Key.Key_Space, CTRL)
    qtbot.keyClick(loose, Qt.Key.Key_Down, CTRL)
    chosen, current = ids_at(loose, [0, 2]), ids_at(loose, [3])[0]
    assert loose.currentRow() == 3 and loose.selected_note_ids() == chosen
    before = {n.id: n.theme_id for n in context.store.notes(step_key="who")}
    dialogs.text_answers.append("Picked by keyboard")
    qtbot.keyClick(loose, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: "Picked by keyboard" in board.column_texts())
    theme = next(t for t in context.store.themes() if t.label == "Picked by keyboard")
    after = {n.id: n.theme_id for n in context.store.notes(step_key="who")}
    assert sorted(i for i, t in after.items() if t == theme.id) == sorted(chosen)
    assert {i: t for i, t in after.items() if i not in chosen} == \
        {i: t for i, t in before.items() if i not in chosen}
    assert after[current] is None

    # Cards left selected in the new theme's column are not moved from the loose column:
    # Tab back to the loose column, select one card there, move it.
    picked = board.lists[theme.id]
    tab_to(qtbot, board, picked)
    qtbot.keyClick(picked, Qt.Key.Key_Space, CTRL)
    assert picked.selected_note_ids() == [picked.item(0).data(NOTE_ROLE)]
    loose = board.lists[""]
    tab_to(qtbot, board, loose)
    assert picked.selected_note_ids() == []  # left behind: unselected
    qtbot.keyClick(loose, Qt.Key.Key_End)
    last = loose.selected_note_ids()
    assert len(last) == 1
    dialogs.text_answers.append("Picked by keyboard")
    qtbot.keyClick(loose, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: len(board.column_texts()["Picked by keyboard"]) == 3)
    assert {n.id for n in context.store.notes(step_key="who") if n.theme_id == theme.id} == \
        set(chosen) | set(last)
    board.undo_stack.undo()
    board.undo_stack.undo()
    assert {n.id: n.theme_id for n in context.store.notes(step_key="who")} == before


def test_near_duplicates_are_one_card_with_a_count_that_moves_as_one(qtbot, context, dialogs):
    programme = load_demo(context.store)
    w1, w2, w4 = context.store.find_workshops(programme.id, ["W1", "W2", "W4"])
    added = context.store.add_notes([
        Note(w1.id, "who", "Nobody to talk to after six"),
        Note(w2.id, "who", "nobody to talk to after six!"),
        Note(w4.id, "who", "Nobody to talk too after six"),
    ])
    window, board = open_board(qtbot, context)
    cards = board.column_texts()[""]
    assert "×3 at W1, W2, W4 · Nobody to talk to after six" in cards
    loose = board.lists[""]
    row = next(r for r in range(loose.count()) if loose.item(r).text().startswith("×3"))
    assert sorted(loose.item(row).data(IDS_ROLE)) == sorted(n.id for n in added)
    header = board.findChild(type(board.status_label), "header_loose")
    assert "different" in header.text()
    tab_to(qtbot, board, loose)
    for _ in range(row):
        qtbot.keyClick(loose, Qt.Key.Key_Down, CTRL)
    qtbot.keyClick(loose, Qt.Key.Key_Space, CTRL)
    dialogs.text_answers.append("Lonely evenings")
    qtbot.keyClick(loose, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: "Lonely evenings" in board.column_texts())
    assert board.column_texts()["Lonely evenings"] == [
        "×3 at W1, W2, W4 · Nobody to talk to after six"]
    assert {n.theme_id for n in context.store.get_notes([n.id for n in added])} == \
        {next(t.id for t in context.store.themes() if t.label == "Lonely evenings")}
    # Ctrl+D: every note on its own card (to take one out of a stack).
    qtbot.keyClick(board, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: len(board.column_texts()["Lonely evenings"]) == 3)
    assert board.column_texts()["Lonely evenings"][0] == "W1 · Nobody to talk to after six"


def test_the_filter_box_hides_cards_and_a_hidden_card_is_never_moved(qtbot, context, dialogs):
    load_demo(context.store)
    window, board = open_board(qtbot, context)
    loose = board.lists[""]
    tab_to(qtbot, board, loose)
    qtbot.keyClick(loose, Qt.Key.Key_A, CTRL)  # every card selected
    everything = loose.selected_note_ids()
    word = loose.item(0).text().split(" · ", 1)[1].split()[0]
    qtbot.keyClick(board, Qt.Key.Key_F, CTRL | SHIFT)
    assert QApplication.focusWidget() is board.filter_box
    qtbot.keyClicks(board.filter_box, word.upper())
    shown = [loose.item(r) for r in range(loose.count()) if not loose.item(r).isHidden()]
    assert 0 < len(shown) < loose.count()
    assert all(word.casefold() in item.text().casefold() for item in shown)
    assert "the filter shows" in board.status_label.text()
    visible = loose.selected_note_ids()
    assert set(visible) < set(everything)
    assert visible == [i for item in shown for i in item.data(IDS_ROLE)]
    tab_to(qtbot, board, loose)
    dialogs.text_answers.append("Filtered")
    qtbot.keyClick(loose, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: "Filtered" in board.column_texts())
    theme = next(t for t in context.store.themes() if t.label == "Filtered")
    assert sorted(n.id for n in context.store.notes(step_key="who") if n.theme_id == theme.id) \
        == sorted(visible)
    # Escape empties the filter first, then closes the board.
    board.filter_box.setFocus()
    qtbot.keyClick(board.filter_box, Qt.Key.Key_Escape)
    assert board.filter_box.text() == "" and board.isVisible()
    assert all(not board.lists[""].item(r).isHidden() for r in range(board.lists[""].count()))
    qtbot.keyClick(board.filter_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not board.isVisible())


def test_columns_come_by_workshops_raised_then_notes(store):
    programme = load_demo(store)
    w = {x.code: x for x in store.workshops(programme.id)}
    for theme in list(store.themes(programme.id, "who")):
        store.set_notes_theme([n.id for n in store.notes(step_key="who")
                               if n.theme_id == theme.id], None)
    two_many = store.add_theme(Theme(programme.id, "who", "A: two workshops, three notes"))
    three = store.add_theme(Theme(programme.id, "who", "Z: three workshops"))
    two_few = store.add_theme(Theme(programme.id, "who", "B: two workshops, two notes"))
    store.add_notes([Note(w["W1"].id, "who", "a1", theme_id=two_many.id),
                     Note(w["W1"].id, "who", "a2", theme_id=two_many.id),
                     Note(w["W2"].id, "who", "a3", theme_id=two_many.id),
                     Note(w["W1"].id, "who", "z1", theme_id=three.id),
                     Note(w["W2"].id, "who", "z2", theme_id=three.id),
                     Note(w["W4"].id, "who", "z3", theme_id=three.id),
                     Note(w["W1"].id, "who", "b1", theme_id=two_few.id),
                     Note(w["W4"].id, "who", "b2", theme_id=two_few.id)])
    board = themes_board(store, programme.id, "who")
    labels = [c.theme.label if c.theme else None for c in board.columns if c.notes or not c.theme]
    assert labels[:4] == [None, "Z: three workshops", "A: two workshops, three notes",
                          "B: two workshops, two notes"]


def test_screenshot_of_the_themes_board(qtbot, context, tmp_path):
    """With WF_SCREENSHOTS=1 it saves docs/images/themes-board.png for the user guide: a
    stack of near-duplicates and the filter box in use."""
    from tests.ui.run.test_screenshots import distinct_colours, save

    programme = load_demo(context.store)
    w1, w2, w4 = context.store.find_workshops(programme.id, ["W1", "W2", "W4"])
    context.store.add_notes([Note(w1.id, "who", "Older people living on their own"),
                             Note(w2.id, "who", "older people living on their own."),
                             Note(w4.id, "who", "Older people livng on their own")])
    window, board = open_board(qtbot, context)
    board.resize(1180, 640)
    qtbot.keyClick(board, Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.keyClicks(board.filter_box, "older")
    loose = board.lists[""]
    row = next(r for r in range(loose.count()) if loose.item(r).text().startswith("×3"))
    loose.setFocus()
    loose.setCurrentRow(row)
    image = board.grab()
    save(image, tmp_path, "themes-board.png")
    assert distinct_colours(image) > 3
