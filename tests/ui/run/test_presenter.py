"""The presenter screen follows the facilitator: each new note, each step, the shared timer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit

from facilitator.models import Note
from tests.ui.run.helpers import add_note
from ui.commands.notes import AddNotesCommand
from ui.run.presenter import PresenterWindow, choose_screen
from ui.run.presenter_wall import MAX_CARDS, card_text
from ui.run.timer import StepTimer


@pytest.fixture
def timer(qtbot, session, clock):
    widget = StepTimer(session, clock=clock)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def presenter(qtbot, session, timer, clock):
    window = PresenterWindow(session, timer.countdown, clock=clock)
    timer.countdown_changed.connect(window.set_countdown)  # as the run window wires it
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def card_texts(presenter) -> list[str]:
    return [presenter.wall.text_of(i) for i in presenter.wall.note_ids]


def test_shows_the_question_large_with_no_editing_controls(presenter):
    assert presenter.question_label.text() == (
        "WHO within Leicestershire communities most needs help and support?"
    )
    assert presenter.step_label.text() == (
        "W2: How can I help and support older people? · Step 1 of 3: WHO")
    assert presenter.question_label.font().pixelSize() >= 40
    for kind in (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit):
        assert presenter.findChildren(kind) == []


def test_each_new_note_appears_and_the_newest_is_in_view(qtbot, presenter, session):
    for number in range(1, 31):
        add_note(session, f"Older people living alone, idea {number}")
        assert presenter.wall.total == number
        assert card_texts(presenter)[-1] == f"Older people living alone, idea {number}"
    assert presenter.wall.count_label.text() == "30 notes"
    newest = presenter.wall.card(presenter.wall.note_ids[-1])
    first = presenter.wall.card(presenter.wall.note_ids[0])
    qtbot.waitUntil(lambda: not newest.visibleRegion().isEmpty())
    assert first.visibleRegion().isEmpty()  # 30 big cards do not fit: the oldest scrolled away


def test_the_newest_card_wears_a_badge_not_a_focus_like_ring(qtbot, presenter, session):
    """Issue 15: an outline round the newest card read as a keyboard focus ring (and the
    presenter has no focus at all). The newest card says "Newest" in a dark badge over its
    words instead, in AA contrast, spoken first; every card keeps the same edge."""
    from facilitator.reports.contrast import contrast_ratio
    from tests.ui.a11y_audit import name_of
    from ui.run.presenter_wall import NEWEST_BACKGROUND, NEWEST_TEXT, step_colour

    add_note(session, "Carers")
    add_note(session, "Young carers")
    wall = presenter.wall
    older, newest = (wall.card(i) for i in wall.note_ids)
    assert older.styleSheet() == newest.styleSheet()  # the same edge: no ring on either
    assert "Newest" in newest.text() and "Newest" not in older.text()
    assert name_of(newest).split() == ["Newest", "Young", "carers"]
    assert name_of(older) == "Carers"
    assert wall.text_of(wall.note_ids[-1]) == "Young carers"  # the note's own words
    assert contrast_ratio(NEWEST_TEXT[1:], NEWEST_BACKGROUND[1:]) >= 4.5  # text in the badge
    for step in range(3):  # the badge against each step's card colour
        assert contrast_ratio(NEWEST_BACKGROUND[1:], step_colour(step)[1:]) >= 3
    add_note(session, "Grandparents raising grandchildren")
    assert "Newest" not in newest.text()  # it moves on to the new card
    assert "Newest" in wall.card(wall.note_ids[-1]).text()


def test_a_new_note_adds_one_card_and_keeps_the_others(presenter, session):
    add_note(session, "Carers")
    card = presenter.wall.card(presenter.wall.note_ids[0])
    add_note(session, "Young carers")
    assert presenter.wall.card(presenter.wall.note_ids[0]) is card  # not rebuilt


def test_follows_step_changes_and_ignores_other_steps(presenter, session):
    add_note(session, "People who have recently been bereaved")
    add_note(session, "Street champions", step_key="what")
    assert card_texts(presenter) == ["People who have recently been bereaved"]

    session.next_step()
    assert presenter.question_label.text() == "WHAT could communities possibly do...?"
    assert presenter.step_label.text() == (  # the room sees whom "those people" means
        "W2: How can I help and support older people? · Step 2 of 3: WHAT")
    assert card_texts(presenter) == ["Street champions"]
    add_note(session, "A lunch club in the village hall")
    assert card_texts(presenter) == ["Street champions", "A lunch club in the village hall"]

    session.set_step("who")
    assert card_texts(presenter) == ["People who have recently been bereaved"]


def test_edits_deletes_moves_and_undo_reach_the_wall(presenter, session):
    command = AddNotesCommand(session.store, [Note(session.workshop_id, "who", "Carers")])
    assert session.run(command)
    assert card_texts(presenter) == ["Carers"]
    session.undo_stack.undo()
    assert card_texts(presenter) == []
    assert presenter.wall.count_label.text() == "0 notes"
    session.undo_stack.redo()
    assert card_texts(presenter) == ["Carers"]

    note = session.store.get_note(command.ids[0])
    note.text = "Unpaid carers"
    session.store.update_note(note)
    assert card_texts(presenter) == ["Unpaid carers"]
    note.step_key = "how"
    session.store.update_note(note)
    assert card_texts(presenter) == []


def test_a_paste_of_many_notes_shows_the_newest(presenter, session):
    notes = [Note(session.workshop_id, "who", f"Line {i}") for i in range(300)]
    session.store.add_notes(notes)
    assert len(presenter.wall.note_ids) == MAX_CARDS
    assert card_texts(presenter)[-1] == "Line 299"
    assert presenter.wall.count_label.text() == f"300 notes (the newest {MAX_CARDS} shown)"


def test_control_characters_and_very_long_notes_are_tidied_on_cards(presenter, session):
    add_note(session, "Tea\x0bafter\x07church" + " and more" * 1000)  # 9,017 characters
    text = card_texts(presenter)[0]
    assert text.startswith("Tea after church and more")
    assert len(text) <= 240 and text.endswith("…")
    assert card_text("  short  ") == "short"


def test_how_cards_show_their_support_area(presenter, session):
    session.set_step("how")
    note = add_note(session, "Small grants to start a lunch club")
    assert card_texts(presenter) == ["Small grants to start a lunch club"]
    session.store.set_notes_tags([note.id], ["getting-started"])
    assert card_texts(presenter) == ["Small grants to start a lunch club\nSupport to get started"]
    add_note(session, "<b>Not bold</b> & fine")
    assert "&lt;b&gt;" in presenter.wall.card(presenter.wall.note_ids[-1]).text()


def test_shows_the_run_windows_timer(presenter, timer, session, clock):
    assert presenter.face.text() == "20:00"
    timer.start_pause()
    clock.advance(65)
    presenter.face.refresh()
    assert presenter.face.text() == "18:55"
    session.next_step()
    presenter.face.refresh()
    assert presenter.face.text() == "30:00"


def test_ctrl_plus_and_minus_scale_its_text(qtbot, presenter):
    size = presenter.question_label.font().pixelSize()
    qtbot.keyClick(presenter, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = presenter.question_label.font().pixelSize()
    assert bigger > size
    qtbot.keyClick(presenter, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(presenter, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert presenter.question_label.font().pixelSize() < size
    qtbot.keyClick(presenter, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert presenter.text_scale == 1.0


def test_escape_closes_it_and_it_stops_listening(qtbot, presenter, session):
    with qtbot.waitSignal(presenter.closed):
        qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()
    assert presenter.wall._on_notes_changed not in session.store.events.notes_changed._handlers
    add_note(session, "After closing")  # no error from a closed window


def test_present_on_one_screen_is_a_normal_window(qtbot, session, timer):
    window = PresenterWindow(session, timer.countdown)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitExposed(window)
    assert window.isVisible() and not window.isFullScreen()


@pytest.mark.parametrize(
    ("count", "preferred", "facilitator", "expected"),
    [(1, -1, 0, None), (2, -1, 0, 1), (2, -1, 1, 0), (3, 2, 0, 2), (3, 7, 1, 0), (2, 0, 0, 0)],
)
def test_choose_screen(count, preferred, facilitator, expected):
    assert choose_screen(count, preferred, facilitator) == expected


def test_present_with_two_screens_goes_full_screen_on_the_chosen_one(
    qtbot, session, timer, context, monkeypatch
):
    from PySide6.QtGui import QGuiApplication

    primary = QGuiApplication.primaryScreen()
    monkeypatch.setattr(QGuiApplication, "screens", staticmethod(lambda: [primary, primary]))
    context.settings.presenter_screen = 1
    window = PresenterWindow(session, timer.countdown)
    qtbot.addWidget(window)
    window.present()
    qtbot.waitUntil(window.isFullScreen)
    assert window.screen() is primary
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F11)  # F11 leaves full screen (a mirrored projector)
    assert not window.isFullScreen()
