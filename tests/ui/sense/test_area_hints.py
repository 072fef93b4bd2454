"""Support-area hints on the themes board, keyboard only: Ctrl+H shows "probably 3 Support
to get started" on an unsorted HOW card, Ctrl+Enter sorts the selected card there (nothing
else), and Ctrl+Z leaves the library exactly as before."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.demo import load_demo
from facilitator.models import Note
from tests.ui.transfer.test_themes_board_keys import CTRL, open_board, tab_to

TEXT = "Start-up grants and insurance for new community groups"


def test_a_hint_is_shown_accepted_with_a_key_and_undone(qtbot, context):
    store = context.store
    programme = load_demo(store)
    [w1] = store.find_workshops(programme.id, ["W1"])
    [new] = store.add_notes([Note(w1.id, "how", TEXT)])
    store.add_notes([
        Note(w1.id, "how", "start-up grants for new groups", tags=["getting-started"]),
        Note(w1.id, "how", "insurance help for new community groups", tags=["getting-started"]),
    ])
    before = {n.id: list(n.tags) for n in store.notes()}
    window, board = open_board(qtbot, context, step="how")
    loose = board.lists[""]
    assert not any("probably" in c for c in board.column_texts()[""])  # off until asked
    qtbot.keyClick(board, Qt.Key.Key_H, CTRL)
    hinted = f"W1 · {TEXT}\n→ probably 3 Support to get started"
    qtbot.waitUntil(lambda: hinted in board.column_texts()[""], timeout=30_000)
    assert "support-area hints on" in board.status_label.text()
    assert store.get_note(new.id).tags == []  # a hint changes nothing by itself
    loose = board.lists[""]
    row = board.column_texts()[""].index(hinted)
    tab_to(qtbot, board, loose)
    for _ in range(row):
        qtbot.keyClick(loose, Qt.Key.Key_Down, CTRL)
    qtbot.keyClick(loose, Qt.Key.Key_Space, CTRL)
    assert loose.selected_note_ids() == [new.id]
    qtbot.keyClick(loose, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: store.get_note(new.id).tags == ["getting-started"])
    assert {n.id: list(n.tags) for n in store.notes() if n.id != new.id} == \
        {i: t for i, t in before.items() if i != new.id}
    qtbot.waitUntil(lambda: f"W1 · {TEXT}\n[Support to get started]" in
                    [c for column in board.column_texts().values() for c in column])
    assert board.undo_stack.undoText() == "Tag 1 note “Support to get started”"
    board.undo_stack.undo()
    assert {n.id: list(n.tags) for n in store.notes()} == before
    qtbot.waitUntil(lambda: hinted in board.column_texts()[""])


def test_no_hints_on_a_step_without_support_areas(qtbot, context):
    load_demo(context.store)
    window, board = open_board(qtbot, context, step="who")
    qtbot.keyClick(board, Qt.Key.Key_H, CTRL)
    qtbot.waitUntil(lambda: "no support areas" in board.status_label.text())
    assert not any("probably" in c for col in board.column_texts().values() for c in col)


def test_screenshot_of_a_hint(qtbot, context, tmp_path):
    """With WF_SCREENSHOTS=1 it saves docs/images/area-hints.png for the user guide."""
    from tests.ui.run.test_screenshots import distinct_colours, save

    store = context.store
    programme = load_demo(store)
    [w1] = store.find_workshops(programme.id, ["W1"])
    store.add_notes([Note(w1.id, "how", TEXT),
                     Note(w1.id, "how", "Thank-you events for long-serving volunteers"),
                     Note(w1.id, "how", "Stories of what other villages have done")])
    window, board = open_board(qtbot, context, step="how")
    board.resize(1180, 640)
    qtbot.keyClick(board, Qt.Key.Key_H, CTRL)
    qtbot.waitUntil(lambda: "support-area hints on" in board.status_label.text(), timeout=30_000)
    loose = board.lists[""]
    row = next(r for r in range(loose.count()) if TEXT in loose.item(r).text())
    loose.setFocus()
    loose.setCurrentRow(row)
    loose.scrollToBottom()
    image = board.grab()
    save(image, tmp_path, "area-hints.png")
    assert distinct_colours(image) > 3


def test_the_run_screen_shows_hints_and_the_hinted_number_sorts_the_card(qtbot, context):
    """On the run screen, Ctrl+H puts the hint on each unsorted HOW card, new ones too as
    they are typed; pressing the number the hint shows sorts the card (undoable)."""
    from tests.ui.run.helpers import ALT, make_workshop, open_run, type_note
    from ui.run.board_model import HINT_ROLE, NOTE_ID_ROLE

    store = context.store
    sorted_at = make_workshop(store, code="W1")
    store.add_notes([
        Note(sorted_at.id, "how", "start-up grants for new groups", tags=["getting-started"]),
        Note(sorted_at.id, "how", "insurance help for new community groups",
             tags=["getting-started"]),
    ])
    window = open_run(qtbot, context, make_workshop(store, code="W2").id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_3, ALT)
    type_note(qtbot, window, "Volunteers")
    model = window.model

    def hint_of(text: str) -> str:
        for r in range(model.rowCount()):
            index = model.index(r)
            if index.data(NOTE_ID_ROLE) and index.data(Qt.ItemDataRole.EditRole) == text:
                return index.data(HINT_ROLE)
        raise AssertionError(text)

    qtbot.keyClick(window.capture.box, Qt.Key.Key_H, CTRL)
    assert window.hints_action.isChecked()
    type_note(qtbot, window, TEXT)  # typed while hints are on: it gets one too
    qtbot.waitUntil(lambda: hint_of(TEXT) == "probably 3 Support to get started",
                    timeout=30_000)
    [note] = [n for n in store.notes(step_key="how") if n.text == TEXT]
    assert note.tags == []
    before = {n.id: list(n.tags) for n in store.notes()}
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F6)
    row = next(r for r in range(model.rowCount()) if model.index(r).data(NOTE_ID_ROLE) == note.id)
    window.board.setCurrentIndex(model.index(row))
    assert window.board.selected_note_ids() == [note.id]
    qtbot.keyClick(window.board, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: store.get_note(note.id).tags == ["getting-started"])
    assert hint_of(TEXT) == ""  # sorted: the tag shows, not the hint
    window.session.undo_stack.undo()
    assert {n.id: list(n.tags) for n in store.notes()} == before
    assert hint_of(TEXT) == "probably 3 Support to get started"
    qtbot.keyClick(window.board, Qt.Key.Key_H, CTRL)
    assert hint_of(TEXT) == ""


def test_screenshot_of_hints_on_the_run_screen(qtbot, context, tmp_path):
    """With WF_SCREENSHOTS=1 it saves docs/images/run-hints.png for the user guide."""
    from tests.ui.run.helpers import ALT, open_run, type_note
    from tests.ui.run.test_screenshots import distinct_colours, save
    from ui.run.board_model import HINT_ROLE

    store = context.store
    programme = load_demo(store)
    w2 = next(w for w in store.workshops(programme.id) if w.code == "W2")
    window = open_run(qtbot, context, w2.id)
    window.resize(1280, 800)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_3, ALT)
    for text in (TEXT, "Thank-you events for long-serving volunteers",
                 "Stories of what other villages have done"):
        type_note(qtbot, window, text)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_H, CTRL)
    model = window.model
    qtbot.waitUntil(lambda: sum(bool(model.index(r).data(HINT_ROLE))
                                for r in range(model.rowCount())) >= 2, timeout=30_000)
    window.board.scrollToBottom()
    image = window.grab()
    save(image, tmp_path, "run-hints.png")
    assert distinct_colours(image) > 3
