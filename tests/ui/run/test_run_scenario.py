"""A whole session as a facilitator runs it, on a library under an awkward path, then reopened."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from facilitator.library import open_library
from facilitator.models import Programme
from tests.ui.run.helpers import ALT, CTRL, SHIFT, card_texts, type_note
from tests.ui.windows import show_main_window
from ui.context import AppContext
from ui.run.board_model import KIND_ROLE
from ui.settings import Settings

TAGS = ["willingness", "understanding", "getting-started", "keeping-going"]
PASTED = [f"Pasted idea {n}" for n in range(1, 13)]


def headers(run) -> list[str]:
    model = run.model
    return [model.index(r).data() for r in range(model.rowCount())
            if model.index(r).data(KIND_ROLE) == "header"]


def test_run_a_workshop_then_find_everything_after_reopening(
        qtbot, disk_context, dialogs, library_path, builtin_formats, tmp_path):
    context, store = disk_context, disk_context.store
    assert " " in str(library_path) and "é" in str(library_path)
    store.add_programme(Programme("Delivery planning 2015", area="Leicestershire"))
    library = show_main_window(qtbot, context)

    # Set up the workshop through the dialog (Ctrl+N); "Save and start" opens the run window.
    qtbot.keyClick(library.tree, Qt.Key.Key_N, CTRL)
    dialog = library.workshop_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.code, "W2")
    qtbot.keyClicks(dialog.theme_question, "How can I help and support older people?")
    qtbot.keyClicks(dialog.date, "2015-03-04")
    qtbot.keyClicks(dialog.venue, "Lutterworth Methodist Church")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    (workshop,) = store.workshops()
    run = library.run_windows[workshop.id]
    qtbot.addWidget(run)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is run.capture.box)
    box = run.capture.box
    stack = run.session.undo_stack

    # Type 30 notes across the three steps, moving on with Ctrl+PgDown.
    for step in ("WHO", "WHAT", "HOW"):
        for n in range(1, 11):
            type_note(qtbot, run, f"{step} note {n}")
        assert card_texts(run)[-1] == f"{step} note 10"
        if step != "HOW":
            qtbot.keyClick(box, Qt.Key.Key_PageDown, CTRL)
    assert run.session.step_key == "how"
    assert run.model.counts() == {"who": 10, "what": 10, "how": 10}

    # Paste a 12-line list on WHAT and accept one note per line.
    qtbot.keyClick(box, Qt.Key.Key_Left, ALT)
    dialogs.confirm_answers = [True]
    QApplication.clipboard().setText("\n".join(PASTED))
    qtbot.keyClick(box, Qt.Key.Key_V, CTRL)
    assert card_texts(run)[-12:] == PASTED
    assert stack.undoText() == "Add 12 notes"
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert len(card_texts(run)) == 10
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(card_texts(run)) == 22

    # Tag the HOW notes with keys 1-4 on the board, then group the board by tag.
    qtbot.keyClick(box, Qt.Key.Key_Right, ALT)
    qtbot.keyClick(box, Qt.Key.Key_F6)
    board = run.board
    qtbot.keyClick(board, Qt.Key.Key_Home)
    for n in range(10):
        qtbot.keyClick(board, getattr(Qt.Key, f"Key_{n % 4 + 1}"))
        qtbot.keyClick(board, Qt.Key.Key_Right)
    how = store.notes(workshop.id, "how")
    assert [n.tags for n in how] == [[TAGS[i % 4]] for i in range(10)]
    assert stack.undoText() == "Tag 1 note “Understanding what works”"
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL)
    assert store.get_note(how[9].id).tags == []
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL | SHIFT)
    assert store.get_note(how[9].id).tags == ["understanding"]
    qtbot.keyClick(board, Qt.Key.Key_B, CTRL)
    assert headers(run)[0] == "Willingness to do things  (3)"
    assert headers(run)[-1] == "Other ideas  (0)"

    # Group two HOW notes into a theme, undo and redo it.
    qtbot.keyClick(board, Qt.Key.Key_B, CTRL)
    board.select_notes([how[0].id, how[1].id])
    dialogs.text_answers = ["Volunteers"]
    qtbot.keyClick(board, Qt.Key.Key_G, CTRL)
    assert headers(run) == ["Volunteers  (2)", "Not in a theme  (8)"]
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL)
    assert headers(run) == []
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL | SHIFT)
    assert headers(run) == ["Volunteers  (2)", "Not in a theme  (8)"]

    # Edit, delete and move a WHO note, each undone and redone.
    qtbot.keyClick(board, Qt.Key.Key_PageUp, CTRL)
    qtbot.keyClick(board, Qt.Key.Key_PageUp, CTRL)
    assert run.session.step_key == "who"
    run.board.setFocus()
    qtbot.keyClick(board, Qt.Key.Key_Home)
    qtbot.keyClick(board, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Lonely older people")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert card_texts(run)[0] == "Lonely older people"
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL)
    assert card_texts(run)[0] == "WHO note 1"
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL | SHIFT)
    assert card_texts(run)[0] == "Lonely older people"
    run.board.select_notes([store.notes(workshop.id, "who")[1].id])
    qtbot.keyClick(board, Qt.Key.Key_Delete)
    assert "WHO note 2" not in card_texts(run)
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL)
    assert "WHO note 2" in card_texts(run)
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(card_texts(run)) == 9
    run.board.select_notes([store.notes(workshop.id, "who")[-1].id])
    next(a for a in run.move_menu.actions() if a.text() == "To WHAT").trigger()
    assert stack.undoText() == "Move 1 note to WHAT"
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL)
    assert "WHO note 10" in card_texts(run)
    qtbot.keyClick(board, Qt.Key.Key_Z, CTRL | SHIFT)
    assert "WHO note 10" not in card_texts(run)
    assert run.saved_label.text().startswith("All changes saved at ")

    # Close everything, reopen the library from disk in a new window: all as left.
    run.close()
    library.close()
    context.library.close()
    settings = Settings(QSettings(str(tmp_path / "again.ini"), QSettings.Format.IniFormat))
    again = AppContext(open_library(library_path, builtin_formats), settings, dialogs)
    try:
        window = show_main_window(qtbot, again)
        window.workshop_opened.emit(workshop.id)
        reopened = window.run_windows[workshop.id]
        qtbot.addWidget(reopened)
        assert reopened.model.counts() == {"who": 8, "what": 23, "how": 10}
        assert card_texts(reopened)[0] == "Lonely older people"
        reopened.session.set_step("how")
        assert headers(reopened) == ["Volunteers  (2)", "Not in a theme  (8)"]
        assert [n.tags for n in again.store.notes(workshop.id, "how")] == [
            [TAGS[i % 4]] for i in range(10)]
        reopened.session.set_step("what")
        # The moved note keeps its place in the order the notes were written.
        assert card_texts(reopened)[0] == "WHO note 10"
        assert card_texts(reopened)[11:23] == PASTED
        reopened.close()
    finally:
        again.library.close()
