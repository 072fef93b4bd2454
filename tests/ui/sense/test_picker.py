"""The theme picker (Ctrl+G), driven by the keyboard only."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from facilitator.sense.themes_match import ThemeEntry
from ui.dialogs import Dialogs
from ui.sense.picker import NEW, ThemePicker

CTRL = Qt.KeyboardModifier.ControlModifier


def entries() -> list[ThemeEntry]:
    return [
        ThemeEntry("t1", "Transport and buses", 4, ["no bus after six", "trains too dear"]),
        ThemeEntry("t2", "Loneliness", 7, ["older people living alone"]),
        ThemeEntry("t3", "Housing", 2, ["rents too high"]),
    ]


def make(qtbot, **kwargs) -> ThemePicker:
    picker = ThemePicker(entries(), **kwargs)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    return picker


def test_typing_filters_fuzzily_with_counts_and_enter_chooses(qtbot):
    picker = make(qtbot)
    assert [r[1] for r in picker.shown_rows()] == [
        "Housing   ·   2 notes", "Loneliness   ·   7 notes", "Transport and buses   ·   4 notes"]
    qtbot.keyClicks(picker.filter, "lonley")  # a typo still finds it
    assert picker.shown_rows()[0][0] == "t2"
    assert picker.shown_rows()[-1] == (NEW, "New theme: ‘lonley’")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.result() == ThemePicker.DialogCode.Accepted
    assert picker.choice.theme_id == "t2"


def test_matches_on_the_notes_in_a_theme_and_arrows_move(qtbot):
    picker = make(qtbot)
    qtbot.keyClicks(picker.filter, "older")  # only in a note of "Loneliness"
    assert [r[0] for r in picker.shown_rows()] == ["t2", NEW]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.choice.theme_id is None
    assert picker.choice.new_label == "older"


def test_nothing_matches_offers_only_a_new_theme_and_exact_label_does_not(qtbot):
    picker = make(qtbot)
    qtbot.keyClicks(picker.filter, "Parks  and   green spaces")
    assert [r[0] for r in picker.shown_rows()] == [NEW]
    assert picker.shown_rows()[0][1] == "New theme: ‘Parks and green spaces’"
    picker.filter.clear()
    qtbot.keyClicks(picker.filter, "housing")
    assert [r[0] for r in picker.shown_rows()] == ["t3"]


def test_f2_renames_the_highlighted_theme_and_escape_cancels(qtbot):
    renamed = []
    picker = make(qtbot, rename=lambda i, label: renamed.append((i, label)) or True)
    qtbot.keyClicks(picker.filter, "hous")
    qtbot.keyClick(picker.filter, Qt.Key.Key_F2)
    assert picker.filter.text() == "Housing"
    picker.filter.selectAll()
    qtbot.keyClicks(picker.filter, "Housing and rents")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert renamed == [("t3", "Housing and rents")]
    assert picker.isVisible()  # still choosing, back to what was typed
    assert picker.filter.text() == "hous"
    assert picker.shown_rows()[0][1].startswith("Housing and rents")
    qtbot.keyClick(picker.filter, Qt.Key.Key_F2)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Escape)  # leaves renaming only
    assert picker.isVisible() and picker.filter.text() == "hous"
    qtbot.keyClick(picker.filter, Qt.Key.Key_Escape)
    assert not picker.isVisible() and picker.choice is None


def test_fits_a_1366_by_768_screen_at_150_percent_text(qtbot, qapp):
    font = qapp.font()
    old = font.pointSizeF()
    font.setPointSizeF(old * 1.5)
    qapp.setFont(font)
    try:
        many = [ThemeEntry(f"t{i}", f"A rather long theme label number {i} " * 3, i)
                for i in range(60)]
        picker = ThemePicker(many)
        qtbot.addWidget(picker)
        picker.show()
        qtbot.waitExposed(picker)
        assert picker.width() <= 1366 - 60 and picker.height() <= 768 - 80
        assert picker.width() < 900
    finally:
        font.setPointSizeF(old)
        qapp.setFont(font)


def test_run_window_ctrl_g_groups_with_the_real_picker_and_undo(qtbot, context):
    from tests.ui.run.helpers import make_workshop, open_run, type_note

    context.dialogs.pick_theme = Dialogs().pick_theme.__get__(context.dialogs)
    window = open_run(qtbot, context, make_workshop(context.store).id)
    for text in ("No bus after six", "Buses too dear", "Lonely evenings"):
        type_note(qtbot, window, text)
    before = {n.id: n.theme_id for n in context.store.notes()}
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F6)
    board = window.board
    assert QApplication.focusWidget() is board
    qtbot.keyClick(board, Qt.Key.Key_Home)
    qtbot.keyClick(board, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    ids = board.selected_note_ids()
    assert len(ids) == 2

    def answer(text):
        picker = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, ThemePicker) and w.isVisible()), None)
        if picker is None:  # not open yet: look again in a moment
            QTimer.singleShot(10, lambda: answer(text))
            return
        qtbot.keyClicks(picker.filter, text)
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)

    QTimer.singleShot(0, lambda: answer("Getting about"))
    qtbot.keyClick(board, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: len(context.store.themes()) == 1)
    theme = context.store.themes()[0]
    assert theme.label == "Getting about"
    assert {n.theme_id for n in context.store.get_notes(ids)} == {theme.id}
    # the third card: "getting" finds the theme, Enter adds it there (no duplicate)
    window.activateWindow()  # (offscreen, no window manager gives it back after the dialog)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(board, Qt.Key.Key_End)  # the card not in a theme, listed last
    assert board.selected_note_ids() == [next(i for i in before if i not in ids)]
    QTimer.singleShot(0, lambda: answer("getting"))
    qtbot.keyClick(board, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: all(n.theme_id == theme.id for n in context.store.notes()))
    assert len(context.store.themes()) == 1
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: not context.store.themes())
    assert {n.id: n.theme_id for n in context.store.notes()} == before


def test_screenshot_of_the_picker(qtbot, tmp_path):
    """With WF_SCREENSHOTS=1 it saves docs/images/theme-picker.png for the user guide."""
    from tests.ui.run.test_screenshots import distinct_colours, save

    themes = [ThemeEntry("a", "Older people living alone", 23, ["lonely evenings"]),
              ThemeEntry("b", "Getting about: buses and lifts", 17, ["no bus after six"]),
              ThemeEntry("c", "Young carers", 9, ["children caring for a parent"]),
              ThemeEntry("d", "Money for small groups", 12, ["grants", "insurance"]),
              ThemeEntry("e", "Lonely new parents", 4, ["isolated after having a baby"])]
    picker = ThemePicker(themes, title="Group into a theme",
                         prompt="Put 3 notes under which theme? Type to find one, or a new "
                         "theme's name:")
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    qtbot.keyClicks(picker.filter, "lonely")
    image = picker.grab()
    save(image, tmp_path, "theme-picker.png")
    assert distinct_colours(image) > 3


def test_board_merge_into_uses_the_picker_and_undoes(qtbot, context, dialogs):
    from facilitator.demo import load_demo
    from tests.ui.transfer.helpers import make_window
    from tests.ui.transfer.test_themes_board import open_board

    load_demo(context.store)
    window = make_window(qtbot, context)
    board = open_board(qtbot, context, window)
    board.activateWindow()
    qtbot.waitUntil(board.isActiveWindow)
    loose = board.lists[""]
    ids = [loose.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(2)]
    board.select_notes("", ids[:1])
    dialogs.text_answers.append("Carers")
    qtbot.keyClick(board, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: "Carers" in board.column_texts())
    carers = next(t for t in context.store.themes() if t.label == "Carers")
    board.select_notes("", ids[1:])
    dialogs.text_answers.append("Young carers")
    qtbot.keyClick(board, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: "Young carers" in board.column_texts())
    young = next(t for t in context.store.themes() if t.label == "Young carers")
    board.select_notes(young.id, ids[1:])
    dialogs.text_answers.append("carers")
    qtbot.keyClick(board, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "Young carers" not in board.column_texts())
    assert {n.theme_id for n in context.store.get_notes(ids)} == {carers.id}
    board.undo_stack.undo()
    qtbot.waitUntil(lambda: "Young carers" in board.column_texts())
