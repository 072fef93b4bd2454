"""A critical facilitator's review of the run window: shortcuts named in tooltips that
do something else, invisible notes, words too long to wrap, the keyboard after Delete,
a failed paste, and a workshop still marked postponed."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from tests.ui.run.helpers import (
    card_texts,
    clashing_alt_letters,
    make_workshop,
    open_run,
    texts,
    type_note,
)
from tests.ui.run.test_board import how_window, to_board


def named_shortcut(tooltip: str) -> QKeySequence:
    """The Ctrl/Alt/Shift shortcut a tooltip names, e.g. "(… , Ctrl+Alt+0)"."""
    match = re.search(r"(?:(?:Ctrl|Alt|Shift)\+)+[^\s,)]+", tooltip)
    assert match, tooltip
    return QKeySequence(match.group(0))


def press(qtbot, widget, sequence: QKeySequence) -> None:
    combination = sequence[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def test_the_group_by_tag_tooltips_shortcut_groups_the_board_by_tag(qtbot, context):
    window = how_window(qtbot, context)
    checkbox = window.tag_bar.group_by_tag
    assert not checkbox.isChecked()
    press(qtbot, window.capture.box, named_shortcut(checkbox.toolTip()))
    assert checkbox.isChecked()
    assert window.model.group_mode == "tags"
    assert window.timer.countdown.running is False  # not the timer's Ctrl+T


def test_the_no_tag_chips_shortcut_clears_the_tag_and_keeps_the_text_size(qtbot, context):
    window = how_window(qtbot, context, notes=("Grants",))
    qtbot.keyClick(window.capture.box, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert context.store.notes()[0].tags == ["understanding"]
    scale = context.settings.text_scale
    press(qtbot, window.capture.box, named_shortcut(window.tag_bar.clear_chip.toolTip()))
    assert context.store.notes()[0].tags == []
    assert context.settings.text_scale == scale


def paste(qtbot, window, text: str) -> None:
    QApplication.clipboard().setText(text)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_note_of_only_zero_width_and_direction_marks_is_not_added(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    for invisible in ("\u200b\u200b", "\ufeff \u200f", "\u200e\u2060\u00a0"):
        paste(qtbot, window, invisible)
        qtbot.keyClick(window.capture.box, Qt.Key.Key_Return)
        assert "empty note is not added" in window.statusBar().currentMessage()
    paste(qtbot, window, "Emoji only: 👩‍👩‍👧")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Return)
    assert texts(window) == ["Emoji only: 👩‍👩‍👧"]


def test_a_3000_character_word_wraps_inside_its_card(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    word = "x" * 3000
    paste(qtbot, window, word)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Return)
    assert texts(window) == [word]  # stored whole
    shown = card_texts(window)[0]
    assert shown.endswith("…") and "\u200b" in shown  # may wrap, and is cut
    metrics = window.board.fontMetrics()
    card = window.board.delegate.card_size()
    longest = max(metrics.horizontalAdvance(part) for part in shown.split("\u200b"))
    assert longest < card.width()


def test_the_presenter_wall_keeps_a_3000_character_word_on_the_screen(qtbot, context):
    from ui.run.presenter import PresenterWindow

    window = open_run(qtbot, context, make_workshop(context.store).id)
    type_note(qtbot, window, "Older people living alone")
    presenter = PresenterWindow(window.session)
    qtbot.addWidget(presenter)
    presenter.resize(1366, 768)
    presenter.show()
    paste(qtbot, window, "y" * 3000)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Return)
    wall = presenter.wall
    qtbot.waitUntil(lambda: len(wall.note_ids) == 2)
    room = wall.scroll_area.viewport().width()
    for note_id in wall.note_ids:  # what the grid lays the cards out from
        assert wall.card(note_id).minimumSizeHint().width() < room / 2
    qtbot.waitUntil(lambda: wall.card(wall.note_ids[-1]).width() > 0)
    assert wall.board.width() <= room
    presenter.close()


def test_deleting_a_card_leaves_the_next_one_ready_for_delete_again(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    for text in ("One", "Two", "Three"):
        type_note(qtbot, window, text)
    to_board(qtbot, window, 0)
    window.board.select_notes([context.store.notes()[0].id])
    qtbot.keyClick(window.board, Qt.Key.Key_Delete)
    assert texts(window) == ["Two", "Three"]
    assert [window.model.note(i).text for i in window.board.selected_note_ids()] == ["Two"]
    qtbot.keyClick(window.board, Qt.Key.Key_Delete)
    assert texts(window) == ["Three"]
    qtbot.keyClick(window.board, Qt.Key.Key_Delete)  # the last card: back to typing
    assert texts(window) == []
    assert QApplication.focusWidget() is window.capture.box
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(window) == ["Three"]


def test_deleting_the_last_card_in_the_row_selects_the_one_before(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    for text in ("One", "Two"):
        type_note(qtbot, window, text)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F6)
    assert [window.model.note(i).text for i in window.board.selected_note_ids()] == ["Two"]
    qtbot.keyClick(window.board, Qt.Key.Key_Delete)
    assert [window.model.note(i).text for i in window.board.selected_note_ids()] == ["One"]
    assert QApplication.focusWidget() is window.board


def test_a_failed_paste_of_many_lines_keeps_the_text_in_the_box(qtbot, context, dialogs,
                                                                 monkeypatch):
    from facilitator.store import LibraryBusyError

    window = open_run(qtbot, context, make_workshop(context.store).id)

    def busy(_notes):
        raise LibraryBusyError("The library is busy: another program is writing to it.")

    monkeypatch.setattr(context.store, "add_notes", busy)
    dialogs.confirm_answers = [True]
    paste(qtbot, window, "Lonely people\nCarers\nPeople without a car")
    assert dialogs.errors == ["The library is busy: another program is writing to it."]
    assert window.capture.box.toPlainText() == "Lonely people\nCarers\nPeople without a car"
    assert "Not saved" in window.statusBar().currentMessage()
    assert window.saved_label.text().startswith("Last change NOT saved")  # not "All saved"
    assert QApplication.focusWidget() is window.capture.box
    monkeypatch.undo()
    window.capture.box.clear()
    type_note(qtbot, window, "Carers")
    assert window.saved_label.text().startswith("All changes saved at ")


def settle_layouts() -> None:
    """Deliver the posted layout requests (chips polished, fonts changed) without waiting."""
    for _ in range(4):
        QApplication.sendPostedEvents(None, 0)


def test_at_one_and_a_half_text_size_the_how_step_fits_a_1366_pixel_screen(qtbot, context):
    from ui.app import apply_text_scale

    apply_text_scale(QApplication.instance(), 1.5)  # as saved from the last session
    try:
        window = how_window(qtbot, context, notes=("Grants",))
        window.resize(1366, 738)
        settle_layouts()
        assert window.minimumSizeHint().width() <= 1366
        assert window.width() == 1366
        bar = window.tag_bar
        assert all(bar.rect().contains(chip.geometry())
                   for chip in [*bar.chips, bar.clear_chip, bar.group_by_tag])
    finally:
        apply_text_scale(QApplication.instance(), 1.0)


def postponed_workshop(store, reason: str, new_date: str = ""):
    from facilitator.models import WorkshopStatus

    workshop = make_workshop(store, code="W3")
    workshop.status, workshop.status_reason = WorkshopStatus.POSTPONED, reason
    workshop.date, workshop.rescheduled_date = "2015-02-03", new_date
    store.update_workshop(workshop)
    return workshop


def test_a_long_postponement_reason_wraps_in_a_banner_that_fits_the_screen(qtbot, context):
    reason = ("Postponed because of travel difficulties caused by snow. Only seven people "
              "signed up for the rescheduled workshop on 13 March 2015, so it was postponed "
              "again.")
    window = open_run(qtbot, context, postponed_workshop(context.store, reason).id)
    window.resize(1366, 738)
    settle_layouts()
    assert window.minimumSizeHint().width() <= 1366
    assert window.width() == 1366
    banner = window.banner.text.text()
    assert banner.startswith(f"W3 is marked postponed: {reason}")
    assert "left out of the Summary of Results" in banner
    assert reason not in window.header.position.text()


def test_mark_as_held_from_the_banner_with_the_keyboard_and_undo_it(qtbot, context):
    from facilitator.models import WorkshopStatus

    workshop = postponed_workshop(context.store, "Snow", new_date="2015-03-13")
    window = open_run(qtbot, context, workshop.id)
    assert window.banner.isVisible()
    assert "Alt+K" in window.banner.button.toolTip()
    qtbot.keyClick(window.capture.box, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    # (a button's mnemonic "animates" the click: it comes a moment later)
    qtbot.waitUntil(lambda: getattr(window, "workshop_dialog", None) is not None)
    dialog = window.workshop_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.status.currentData() == "held"
    assert QApplication.focusWidget() is dialog.date
    assert dialog.date.text() == "2015-03-13"
    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    saved = context.store.get_workshop(workshop.id)
    assert (saved.status, saved.date, saved.status_reason) == (WorkshopStatus.HELD,
                                                               "2015-03-13", "")
    assert not window.banner.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.capture.box)
    type_note(qtbot, window, "Families new to the area")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert context.store.get_workshop(workshop.id).status == WorkshopStatus.POSTPONED
    assert window.banner.isVisible()


def test_no_two_alt_letters_clash_in_the_run_window(qtbot, context):
    window = how_window(qtbot, context, notes=())
    window.session.set_step("how")
    assert clashing_alt_letters(window) == {}


def test_at_one_and_a_half_text_size_the_shortcut_list_fits_the_window(qtbot, context):
    from ui.app import apply_text_scale

    apply_text_scale(QApplication.instance(), 1.5)
    try:
        window = how_window(qtbot, context, notes=())
        window.resize(1366, 738)
        settle_layouts()
        qtbot.keyClick(window.capture.box, Qt.Key.Key_F1)
        overlay = window.help_overlay
        settle_layouts()
        assert overlay.rect() == window.rect()
        assert overlay.rect().contains(overlay.text.geometry())
        assert overlay.text.minimumSizeHint().width() <= overlay.text.width()  # nothing cut
        assert overlay.text.heightForWidth(overlay.text.width()) <= overlay.height()
    finally:
        apply_text_scale(QApplication.instance(), 1.0)


def test_an_edit_that_cannot_be_saved_reopens_with_what_was_typed(qtbot, context, dialogs,
                                                                   monkeypatch):
    from facilitator.store import StorageFullError

    window = how_window(qtbot, context, ["Grants"])
    to_board(qtbot, window)
    qtbot.keyClick(window.board, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Small grants for a first year")

    def full(_note):
        raise StorageFullError("Cannot write to the library: the disk is full.")

    monkeypatch.setattr(context.store, "update_note", full)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert dialogs.errors == ["Cannot write to the library: the disk is full."]
    assert texts(window) == ["Grants"]
    qtbot.waitUntil(lambda: window.board.state() == window.board.State.EditingState)
    editor = QApplication.focusWidget()
    assert editor.toPlainText() == "Small grants for a first year"
    monkeypatch.undo()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert texts(window) == ["Small grants for a first year"]


def test_a_note_half_typed_when_the_battery_dies_is_back_in_the_box(qtbot, disk_context,
                                                                    library_path):
    from facilitator.library import open_library
    from ui.context import AppContext

    context = disk_context
    workshop = make_workshop(context.store)
    window = open_run(qtbot, context, workshop.id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # HOW
    window.capture.table.setText("Table 4")
    window.timer.start_pause()
    qtbot.keyClicks(window.capture.box, "Older people who have just come out of hosp")
    store = context.store
    qtbot.waitUntil(lambda: store.workshop_state(workshop.id).draft.endswith("hosp"))
    # The battery dies: nothing closes. The next start opens the library file afresh.
    library = open_library(library_path, create=False)
    again = AppContext(library=library, settings=context.settings, dialogs=context.dialogs)
    assert library.store.open_workshop_ids() == [workshop.id]  # (the app opens it again)
    window = open_run(qtbot, again, workshop.id)
    assert window.capture.box.toPlainText() == "Older people who have just come out of hosp"
    assert window.session.step_key == "how"  # where it was being typed
    assert window.capture.table.text() == "Table 4"
    assert not window.timer.running and 0 < window.timer.countdown.remaining(0) <= 30 * 60
    assert QApplication.focusWidget() is window.capture.box
    assert "back in the box" in window.statusBar().currentMessage()
    qtbot.keyClicks(window.capture.box, "ital")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Return)
    assert texts(window) == ["Older people who have just come out of hospital"]
    assert library.store.workshop_state(workshop.id).draft == ""
    window.close()  # closed by the facilitator: not opened again at the next start
    assert library.store.open_workshop_ids() == []
    reopened = open_run(qtbot, again, workshop.id)
    assert reopened.capture.box.toPlainText() == ""
    assert reopened.session.step_key == "how"
    reopened.close()
    library.close()


def test_the_run_window_and_the_presenter_open_no_larger_than_the_screen(qtbot, context):
    """A 1366 x 768 laptop has about 728 free pixels of height: a taller window hides the
    status bar ("All changes saved at …") under the taskbar."""
    window = open_run(qtbot, context, make_workshop(context.store).id)
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height() - 30
    assert area.contains(window.geometry())
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F5)
    presenter = window.presenter
    qtbot.addWidget(presenter)
    if len(QApplication.screens()) == 1:
        assert presenter.height() <= area.height() - 30
        assert area.contains(presenter.geometry())
    presenter.close()


def test_the_step_list_is_wide_enough_for_presentations(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store, "income-generation").id)
    steps = window.steps
    fm = steps.fontMetrics()
    for row in range(steps.count()):
        title_line = steps.item(row).text().split("\n")[0]
        needed = fm.horizontalAdvance(title_line) + 2 * (8 + 3 + 2)  # padding, border, margin
        assert needed <= steps.item(row).sizeHint().width() <= steps.viewport().width()
        assert needed <= steps.visualItemRect(steps.item(row)).width(), title_line


def test_a_300_character_theme_label_keeps_menus_and_questions_short(qtbot, context, dialogs):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    for text in ("Carers", "Young carers"):
        type_note(qtbot, window, text)
    label = "People who look after someone " * 10
    asked = []

    def ask_text(parent, title, prompt, text=""):
        asked.append(prompt)
        return label

    dialogs.ask_text = ask_text
    window.board.select_notes([context.store.notes()[0].id])
    qtbot.keyClick(window.capture.box, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert context.store.themes()[0].label == label.strip()
    assert len(window.session.undo_stack.undoText()) < 80  # the Edit menu's Undo item
    window.board.select_notes([context.store.notes()[1].id])
    qtbot.keyClick(window.capture.box, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert len(asked[1]) < 80  # "Theme label (existing: …)" on one screen
    assert len(window.session.undo_stack.undoText()) < 80
    window.board.viewport().grab()  # the group's header is painted, cut with "…"


def test_the_workshop_open_when_the_app_stopped_opens_again_at_start(qtbot, context):
    from facilitator.models import WorkshopState
    from ui.main_window import MainWindow

    workshop = make_workshop(context.store)
    context.store.save_workshop_state(WorkshopState(workshop.id, "what", was_open=True))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: workshop.id in window.run_windows)
    run = window.run_windows[workshop.id]
    qtbot.addWidget(run)
    assert run.isVisible() and run.session.step_key == "what"
