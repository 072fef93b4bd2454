"""The newest note is in view after Enter, on the board and on the presenter, at 2,000 notes
(a batched layout once left the board on notes 380-399 while 150 new ones were typed, and
the projector cut off a new card whenever it started a new row)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt

from facilitator.models import Note
from tests.ui.run.helpers import make_workshop, open_run, type_note
from ui.run import actions

NOTES = 2000


def board_rect_in_view(window, note_id: str) -> bool:
    board = window.board
    rect = board.visualRect(window.model.index_of(note_id))
    return rect.isValid() and board.viewport().rect().contains(rect)


def wall_rect_in_view(presenter, note_id: str) -> bool:
    wall = presenter.wall
    card = wall.card(note_id)
    if card is None or not card.isVisible():
        return False
    viewport = wall.scroll_area.viewport()
    top_left = card.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, card.size()))


def newest_id(window) -> str:
    return window.store.notes(window.session.workshop_id, "how")[-1].id


def big_run(qtbot, context):
    workshop = make_workshop(context.store)
    context.store.add_notes([Note(workshop.id, "how", f"Idea {n}: a small grant for the hall",
                                  table_label=f"Table {n % 6 + 1}") for n in range(NOTES)])
    window = open_run(qtbot, context, workshop.id)
    window.resize(1280, 800)
    window.session.set_step("how")
    return window


def test_after_each_of_20_enters_the_new_card_is_inside_the_board_and_the_wall(qtbot, context):
    window = big_run(qtbot, context)
    actions.toggle_presenter(window)
    presenter = window.presenter
    qtbot.addWidget(presenter)
    presenter.resize(1280, 720)
    qtbot.waitExposed(presenter)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.capture.box.hasFocus())
    for n in range(20):
        type_note(qtbot, window, f"New idea {n} with words enough to wrap on the projector")
        note_id = newest_id(window)
        # Straight after Enter (no waiting for a later layout pass): both show it whole.
        assert board_rect_in_view(window, note_id), n
        assert wall_rect_in_view(presenter, note_id), _debug(presenter, note_id)
        assert presenter.wall.note_ids[-1] == note_id
    assert presenter.wall.total == NOTES + 20


def test_scrolled_away_the_board_stays_put_and_offers_the_new_note(qtbot, context):
    window = big_run(qtbot, context)
    board = window.board
    qtbot.waitUntil(lambda: board.verticalScrollBar().maximum() > 0)
    board.show_newest()  # (a step opens at its top: followed the typing down to the end)
    board.verticalScrollBar().setValue(0)  # the facilitator went back to read old cards
    assert not board.following
    type_note(qtbot, window, "Typed while reading the top")
    assert board.verticalScrollBar().value() == 0
    assert not board_rect_in_view(window, newest_id(window))
    marker = board.new_note_marker
    assert marker.isVisible() and marker.text() == "New note ↓"
    assert board.viewport().rect().contains(marker.geometry())
    qtbot.mouseClick(marker, Qt.MouseButton.LeftButton)
    assert board_rect_in_view(window, newest_id(window))
    assert not marker.isVisible()
    type_note(qtbot, window, "Back at the end: followed again")
    assert board_rect_in_view(window, newest_id(window))
    assert not marker.isVisible()


def test_ten_notes_the_new_card_is_in_view_too(qtbot, context):
    workshop = make_workshop(context.store)
    window = open_run(qtbot, context, workshop.id)
    for n in range(10):
        type_note(qtbot, window, f"Note {n}")
        assert board_rect_in_view(window, newest_id_on(window, "who")), n


def newest_id_on(window, step: str) -> str:
    return window.store.notes(window.session.workshop_id, step)[-1].id


def _debug(presenter, note_id):
    wall = presenter.wall
    card = wall.card(note_id)
    viewport = wall.scroll_area.viewport()
    return (card.isVisible(), card.mapTo(viewport, QPoint(0, 0)), card.size(), viewport.rect(),
            wall.scroll_area.verticalScrollBar().value(), wall.scroll_area.verticalScrollBar().maximum(),
            wall.board.size())
