"""The board: tagging with keys and chips, grouping by tag, themes, edit, delete, move, undo."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.run.helpers import ALT, CTRL, SHIFT, card_texts, make_workshop, open_run, type_note
from ui.note_drag import NOTE_IDS_MIME, dropped_note_ids
from ui.run.board_model import GROUP_ROLE, KIND_ROLE, TAG_ROLE


def how_window(qtbot, context, notes=("Grants", "Training", "Mentors", "A contact")):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_3, ALT)
    assert window.session.step_key == "how"
    for text in notes:
        type_note(qtbot, window, text)
    return window


def headers(window) -> list[str]:
    model = window.model
    return [model.index(r).data() for r in range(model.rowCount())
            if model.index(r).data(KIND_ROLE) == "header"]


def to_board(qtbot, window, row_of_first: int = 0):
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.board
    window.board.setCurrentIndex(window.model.index(row_of_first))


def test_keys_1_to_4_tag_cards_and_the_card_shows_its_tag(qtbot, context):
    window = how_window(qtbot, context)
    to_board(qtbot, window)
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4):
        qtbot.keyClick(window.board, key)
        qtbot.keyClick(window.board, Qt.Key.Key_Right)
    notes = context.store.notes(step_key="how")
    assert [n.tags for n in notes] == [["willingness"], ["understanding"], ["getting-started"],
                                       ["keeping-going"]]
    assert window.model.index(0).data(TAG_ROLE) == "Willingness to do things"
    assert window.session.undo_stack.undoText() == "Tag 1 note “Support to keep going”"
    qtbot.keyClick(window.board, Qt.Key.Key_0)  # Right on the last card stays there
    assert context.store.notes(step_key="how")[3].tags == []


def test_ctrl_digit_tags_the_newest_note_straight_from_the_capture_box(qtbot, context):
    window = how_window(qtbot, context, ["Start-up grants"])
    qtbot.keyClick(window.capture.box, Qt.Key.Key_3, CTRL)
    assert context.store.notes(step_key="how")[0].tags == ["getting-started"]
    assert QApplication.focusWidget() is window.capture.box


def test_chips_tag_the_selected_cards(qtbot, context):
    window = how_window(qtbot, context)
    window.board.selectAll()
    qtbot.mouseClick(window.tag_bar.chips[1], Qt.MouseButton.LeftButton)
    assert {tuple(n.tags) for n in context.store.notes()} == {("understanding",)}
    assert QApplication.focusWidget() is window.capture.box
    assert window.session.undo_stack.undoText() == "Tag 4 notes “Understanding what works”"


def test_group_by_tag_shows_untagged_cards_in_their_own_group(qtbot, context):
    window = how_window(qtbot, context)
    to_board(qtbot, window)
    qtbot.keyClick(window.board, Qt.Key.Key_2)
    qtbot.keyClick(window.board, Qt.Key.Key_B, CTRL)
    assert window.tag_bar.group_by_tag.isChecked()
    assert headers(window) == ["Willingness to do things  (0)", "Understanding what works  (1)",
                               "Support to get started  (0)", "Support to keep going  (0)",
                               "Other ideas  (3)"]
    assert card_texts(window) == ["Grants", "Training", "Mentors", "A contact"]
    type_note(qtbot, window, "Newest")
    assert card_texts(window)[-1] == "Newest"
    assert headers(window)[-1] == "Other ideas  (4)"


def test_steps_without_tags_hide_the_chips_and_ignore_digit_keys(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    assert window.tag_bar.isHidden()
    type_note(qtbot, window, "Carers")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_1, CTRL)
    assert context.store.notes()[0].tags == []


def test_group_into_a_new_theme_then_an_existing_one_and_out_again(qtbot, context, dialogs):
    window = how_window(qtbot, context)
    ids = [n.id for n in context.store.notes()]
    window.board.select_notes(ids[:2])
    dialogs.text_answers = ["Money  for groups"]
    qtbot.keyClick(window.capture.box, Qt.Key.Key_G, CTRL)
    assert headers(window) == ["Money for groups  (2)", "Not in a theme  (2)"]
    assert window.session.undo_stack.undoText() == "Group 2 notes under new theme “Money for groups”"
    window.board.select_notes(ids[3:])
    dialogs.text_answers = ["money FOR groups"]
    qtbot.keyClick(window.capture.box, Qt.Key.Key_G, CTRL)
    assert headers(window) == ["Money for groups  (3)", "Not in a theme  (1)"]
    assert len(context.store.themes()) == 1
    window.board.select_notes(ids[:1])
    qtbot.keyClick(window.capture.box, Qt.Key.Key_G, CTRL | SHIFT)
    assert headers(window) == ["Money for groups  (2)", "Not in a theme  (2)"]
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, CTRL)
    assert headers(window) == ["Money for groups  (3)", "Not in a theme  (1)"]


def test_one_drag_format_cards_go_between_the_run_board_and_the_themes_board(qtbot, context,
                                                                           dialogs):
    """A card dragged from the themes board drops on the run board, and the run board's cards
    are what the themes board reads: one format for note ids (ui/note_drag.py), not two."""
    from PySide6.QtWidgets import QListWidgetItem

    from ui.compile.cards import IDS_ROLE, NoteList

    window = how_window(qtbot, context)
    ids = [n.id for n in context.store.notes()]
    window.board.select_notes(ids[:1])
    dialogs.text_answers = ["Money"]
    window.group_selected()
    column = NoteList("")
    qtbot.addWidget(column)
    card = QListWidgetItem("Mentors")
    card.setData(IDS_ROLE, [ids[2]])
    column.addItem(card)
    model = window.model
    assert column.mimeTypes() == model.mimeTypes() == [NOTE_IDS_MIME]
    from_themes_board = column.mimeData([card])
    assert model.dropMimeData(from_themes_board, Qt.DropAction.MoveAction, -1, 0, model.index(0))
    assert context.store.get_note(ids[2]).theme_id == context.store.themes()[0].id
    assert dropped_note_ids(model.mimeData([model.index_of(ids[3])])) == [ids[3]]


def test_dropping_a_card_on_a_theme_puts_it_there_and_on_the_rest_takes_it_out(qtbot, context,
                                                                              dialogs):
    window = how_window(qtbot, context)
    ids = [n.id for n in context.store.notes()]
    window.board.select_notes(ids[:1])
    dialogs.text_answers = ["Money"]
    window.group_selected()
    model = window.model
    data = model.mimeData([model.index_of(ids[2])])
    assert data.hasFormat(NOTE_IDS_MIME)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index(0))
    assert context.store.get_note(ids[2]).theme_id == context.store.themes()[0].id
    assert window.session.undo_stack.undoText() == "Group 1 note under “Money”"
    out = model.mimeData([model.index_of(ids[0])])
    last_group_header = next(r for r in range(model.rowCount())
                             if model.index(r).data(GROUP_ROLE) == "")
    model.dropMimeData(out, Qt.DropAction.MoveAction, -1, 0, model.index(last_group_header))
    assert context.store.get_note(ids[0]).theme_id is None
    assert headers(window) == ["Money  (1)", "Not in a theme  (3)"]
    assert not model.dropMimeData(QMimeData(), Qt.DropAction.MoveAction, -1, 0, QModelIndex())


def test_rename_a_theme(qtbot, context, dialogs):
    window = how_window(qtbot, context)
    window.board.selectAll()
    dialogs.text_answers = ["Money", "Funding"]
    window.group_selected()
    window.board.setCurrentIndex(window.model.index(1))
    qtbot.keyClick(window.capture.box, Qt.Key.Key_R, CTRL | SHIFT)
    assert headers(window) == ["Funding  (4)", "Not in a theme  (0)"]
    assert window.session.undo_stack.undoText() == "Rename theme “Money” to “Funding”"


def test_edit_in_place_delete_and_move_with_undo_and_redo(qtbot, context):
    window = how_window(qtbot, context, ["Grants", "Training"])
    to_board(qtbot, window)
    qtbot.keyClick(window.board, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.toPlainText() == "Grants"
    qtbot.keyClicks(editor, "Small grants")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert card_texts(window) == ["Small grants", "Training"]
    stack = window.session.undo_stack
    assert stack.undoText() == "Edit note “Small grants”"

    window.board.setFocus()
    window.board.select_notes([context.store.notes()[1].id])
    qtbot.keyClick(window.board, Qt.Key.Key_Delete)
    assert card_texts(window) == ["Small grants"]
    assert stack.undoText() == "Delete note “Training”"

    window.board.select_notes([context.store.notes()[0].id])
    window.move_menu.actions()[0].trigger()  # "To WHO"
    assert card_texts(window) == []
    assert stack.undoText() == "Move 1 note to WHO"
    assert context.store.notes(step_key="who")[0].text == "Small grants"

    for expected in (["Small grants"], ["Small grants", "Training"], ["Grants", "Training"]):
        qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, CTRL)
        assert card_texts(window) == expected
    for expected in (["Small grants", "Training"], ["Small grants"], []):
        qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, CTRL | SHIFT)
        assert card_texts(window) == expected


def test_a_10000_character_note_is_cut_on_its_card_and_whole_in_the_editor(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    long = ("Transport to the market town on Tuesdays " * 250)[:10_000]
    window.capture.box.setPlainText(long)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Return)
    assert len(context.store.notes()[0].text) == 10_000
    shown = card_texts(window)[0]
    assert len(shown) < 200 and shown.endswith("…")
    to_board(qtbot, window)
    qtbot.keyClick(window.board, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert editor.toPlainText() == long.strip()
    window.board.viewport().grab()


def test_escape_on_the_board_goes_back_to_the_capture_box(qtbot, context):
    window = how_window(qtbot, context, ["One"])
    to_board(qtbot, window)
    qtbot.keyClick(window.board, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.capture.box


def test_the_menu_key_on_a_card_offers_the_card_actions(qtbot, context):
    window = how_window(qtbot, context, ["Grants"])
    to_board(qtbot, window)
    window.board.customContextMenuRequested.emit(window.board.visualRect(
        window.model.index(0)).center())
    names = [a.objectName() for a in window.board_menu.actions() if not a.isSeparator()]
    for expected in ("Edit note", "Delete notes", "Tag 1", "Group into theme"):
        assert expected in names
    window.board_menu.close()


def test_an_asset_mapping_step_tags_with_the_four_kinds_of_asset(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store, "asset-mapping").id)
    assert not window.tag_bar.isHidden()
    assert [c.text() for c in window.tag_bar.chips] == [
        "1  Personal assets", "2  Social assets", "3  Community assets",
        "4  Neighbourhood assets"]
    type_note(qtbot, window, "The village hall")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_4, CTRL)
    assert context.store.notes()[0].tags == ["neighbourhood"]
    qtbot.keyClick(window.capture.box, Qt.Key.Key_B, CTRL)
    assert headers(window)[3] == "Neighbourhood assets  (1)"
    window.session.next_step()  # Connections: no vocabulary, board back to themes
    assert window.tag_bar.isHidden() and window.model.group_mode == "themes"


def test_delete_and_digits_while_editing_a_card_edit_the_text_not_the_cards(qtbot, context):
    window = how_window(qtbot, context, ["Grants"])
    to_board(qtbot, window)
    qtbot.keyClick(window.board, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, "1 g")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    (note,) = context.store.notes()
    assert (note.text, note.tags, note.deleted) == ("1 grants", [], False)


def drop(qtbot, window, note_ids, point):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    model, viewport = window.model, window.board.viewport()
    data = model.mimeData([model.index_of(i) for i in note_ids])
    action, buttons = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton
    nothing = Qt.KeyboardModifier.NoModifier
    for event in (QDragEnterEvent(point, action, data, buttons, nothing),
                  QDragMoveEvent(point, action, data, buttons, nothing),
                  QDropEvent(QPointF(point), action, data, buttons, nothing)):
        QApplication.sendEvent(viewport, event)


def _grants_under_money(qtbot, context, dialogs):
    """The HOW board with three cards, the first ("Grants") grouped under a new theme
    "Money", laid out: (the run window, the notes' ids)."""
    window = how_window(qtbot, context, ["Grants", "Training", "Mentors"])
    ids = [n.id for n in context.store.notes()]
    window.board.select_notes(ids[:1])
    dialogs.text_answers = ["Money"]
    window.group_selected()
    window.board.executeDelayedItemsLayout()  # the cards where they are drawn, now
    return window, ids


def test_dragging_cards_onto_a_theme_or_between_cards_regroups_them(qtbot, context, dialogs):
    """Drag, move and drop events at real positions on the board. (Synthetic events have no
    source widget, so QListView's own reordering of an internal move is not exercised
    here; BoardView.dropEvent bypasses it.)"""
    window, ids = _grants_under_money(qtbot, context, dialogs)
    board, model = window.board, window.model
    header = board.visualRect(model.index(0))
    drop(qtbot, window, [ids[2]], header.center())
    assert context.store.get_note(ids[2]).theme_id == context.store.themes()[0].id
    # Between two cards of the "Not in a theme" group: out of the theme again.
    window.board.executeDelayedItemsLayout()  # the cards where they are drawn, now
    last = board.visualRect(model.index_of(ids[1]))
    drop(qtbot, window, [ids[2]], last.topRight() + QPoint(3, 10))
    assert context.store.get_note(ids[2]).theme_id is None


def test_dropping_just_after_the_last_card_of_a_theme_puts_the_card_in_that_theme(
        qtbot, context, dialogs):
    window, ids = _grants_under_money(qtbot, context, dialogs)
    card = window.board.visualRect(window.model.index_of(ids[0]))
    drop(qtbot, window, [ids[2]], card.topRight() + QPoint(3, 10))
    assert context.store.get_note(ids[2]).theme_id == context.store.themes()[0].id
