"""The main window: empty state, the demo, the library tree, undo, text size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from facilitator.models import Note, Workshop
from tests.ui.windows import show_main_window
from ui.commands.notes import AddNotesCommand
from ui.library_model import NOTES_COLUMN

ROOT = Path(__file__).resolve().parents[2]


make_window = show_main_window


def test_empty_library_offers_the_demo_and_it_lists_w1_to_w8(qtbot, context):
    window = make_window(qtbot, context)
    assert window.stack.currentWidget() is window.empty_state
    qtbot.mouseClick(window.empty_state.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.tree)
    model = window.model
    programme = model.item(0, 0)
    counts = context.store.note_counts()
    total = sum(counts.get(w.id, 0) for w in context.store.workshops(
        context.store.find_programme("Communities Strategy Delivery Planning Workshops 2015").id))
    assert programme.text() == (
        f"Communities Strategy Delivery Planning Workshops 2015  —  8 workshops, {total} notes"
    )
    codes = [programme.child(r, 0).text() for r in range(programme.rowCount())]
    # W8: the demo's asset-mapping session, its notes in the asset register (issue 11)
    assert codes == ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"]
    from facilitator import asset_view

    assert len(asset_view.register(context.store, context.store.programmes()[0].id)) == 9
    w3_status = programme.child(2, 4).text()
    assert w3_status.startswith("Postponed")
    assert programme.child(2, NOTES_COLUMN).text() == "0"


def test_a_library_with_programmes_makes_no_welcome_until_it_is_emptied(qtbot, context):
    """The welcome's widgets are made only when an empty library shows them (start-up)."""
    from facilitator.demo import load_demo

    load_demo(context.store)
    window = make_window(qtbot, context)
    assert window.centralWidget() is window.tree  # (no column: no banner, no stack yet)
    assert window.stack.currentWidget() is window.tree
    assert window._welcome is None and window.stack.count() == 1
    from facilitator.store.library_ops import delete_programme_with_workshops

    for programme in context.store.programmes():
        delete_programme_with_workshops(context.store, programme.id)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.empty_state)
    assert window.empty_state.demo_button.isVisible()
    assert "only in memory" in window.empty_state.location_label.text()


def test_new_programme_from_the_menu_and_undo(qtbot, context, dialogs):
    window = make_window(qtbot, context)
    dialogs.text_answers.append("Rutland Roadshows 2026 🚌")
    window.findChild(type(window.menus["file"].actions()[0]), "New programme").trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.item(0, 0).text() == "Rutland Roadshows 2026 🚌  —  0 workshops, 0 notes"
    assert window.undo_stack.undoText() == "Add programme “Rutland Roadshows 2026 🚌”"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert window.stack.currentWidget() is window.empty_state
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)


def test_note_counts_follow_new_notes(qtbot, context):
    window = make_window(qtbot, context)
    window.load_demo()
    programme = context.store.programmes()[0]
    w3 = next(w for w in context.store.workshops(programme.id) if w.code == "W3")
    window.run_command(AddNotesCommand(context.store, [Note(w3.id, "who", "Families in B&Bs")]))
    qtbot.waitUntil(lambda: window.model.item(0, 0).child(2, NOTES_COLUMN).text() == "1")
    counts = context.store.note_counts()
    assert window.model.item(0, 0).text().endswith(
        f"{sum(counts.get(w.id, 0) for w in context.store.workshops(programme.id))} notes"
    )


def test_a_failed_write_is_shown_not_lost(qtbot, context, dialogs):
    window = make_window(qtbot, context)
    window.load_demo()
    bad = Workshop(context.store.programmes()[0].id, "", "No code", "delivery-planning")
    from ui.commands.library import AddWorkshopCommand

    assert not window.run_command(AddWorkshopCommand(context.store, bad))
    assert dialogs.errors and "code" in dialogs.errors[-1]
    assert window.undo_stack.count() == 0


def test_save_status_in_the_status_bar(qtbot, context):
    window = make_window(qtbot, context)
    assert window.saved_label.text() == ""
    window.load_demo()
    assert window.saved_label.text().startswith("All changes saved at ")


def test_text_size_grows_and_resets(qtbot, context, qapp):
    window = make_window(qtbot, context)
    before = qapp.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: qapp.font().pointSizeF() > before)
    assert context.settings.text_scale > 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: abs(qapp.font().pointSizeF() - before) < 0.01)


def test_enter_on_a_workshop_row_opens_it(qtbot, context):
    window = make_window(qtbot, context)
    window.load_demo()
    first_workshop = window.model.item(0, 0).child(0, 0).index()
    window.tree.setCurrentIndex(first_workshop)
    window.tree.setFocus()
    with qtbot.waitSignal(window.workshop_opened) as opened:
        qtbot.keyClick(window.tree, Qt.Key.Key_Return)
    w1 = next(w for w in context.store.workshops() if w.code == "W1")
    assert opened.args == [w1.id]


def test_self_test_passes():
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--self-test"],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout


def test_keyboard_first_the_first_workshop_is_ready_for_enter(qtbot, context):
    window = make_window(qtbot, context)
    window.load_demo()
    assert window.tree.hasFocus()
    assert window.tree.currentIndex().data() == "W1"
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.workshop_opened) as opened:
        qtbot.keyClick(window.tree, Qt.Key.Key_Return)
    w2 = next(w for w in context.store.workshops() if w.code == "W2")
    assert opened.args == [w2.id]
