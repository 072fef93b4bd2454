"""Suggested themes and similar notes in the window, driven by the keyboard only: accepting
then undoing a suggestion leaves the library exactly as it was."""

from __future__ import annotations

import time

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication

from facilitator.models import Note, Programme, Workshop
from tests.ui.transfer.helpers import make_window
from ui.sense import opened_before
from ui.sense.similar import SimilarNotesDialog
from ui.sense.suggestions import SuggestionsWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NOTES = [
    "No bus after six in the evening", "Buses stop running too early", "The last bus goes at six",
    "Young carers looking after a parent", "Children caring for a disabled mum",
    "Teenagers who care for their family", "Broadband is too slow in the villages",
    "Slow internet in rural areas", "Older people living alone", "Pensioners alone at home",
]


def setup(store):
    programme = store.add_programme(Programme("Rutland 2026"))
    ws = [store.add_workshop(Workshop(programme.id, f"W{i}", "Q", "delivery-planning"))
          for i in range(1, 5)]
    store.add_notes([Note(ws[i % 4].id, "who", t) for i, t in enumerate(NOTES)])
    return programme


def tables(store) -> dict[str, list]:
    return {name: store.conn.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall()
            for name in ("notes", "themes", "programmes", "workshops", "meta")}


def open_suggestions(qtbot, window) -> SuggestionsWindow:
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)
    dialog = opened_before(window, SuggestionsWindow)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.found is not None, timeout=20_000)
    return dialog


def test_accept_with_ctrl_enter_then_undo_leaves_the_library_exactly_as_before(qtbot, context):
    setup(context.store)
    window = make_window(qtbot, context)
    before = tables(context.store)
    dialog = open_suggestions(qtbot, window)
    assert dialog.list.count() >= 2
    assert "WordLlama" in dialog.notice.text()
    first = dialog.current()
    assert len(first.workshop_ids) >= len(dialog.found.suggestions[-1].workshop_ids)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(context.store.themes()) == 1)
    theme = context.store.themes()[0]
    assert theme.label == first.label
    assert {n.theme_id for n in context.store.get_notes(first.note_ids)} == {theme.id}
    assert window.undo_stack.undoText().startswith("Accept suggested theme")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: not context.store.themes(include_deleted=True))
    assert tables(context.store) == before
    assert first.key in {dialog.list.item(r).data(Qt.ItemDataRole.UserRole + 1)
                         for r in range(dialog.list.count())}  # back in the list


def test_split_rename_and_dismiss_from_the_keyboard(qtbot, context):
    setup(context.store)
    window = make_window(qtbot, context)
    dialog = open_suggestions(qtbot, window)
    chosen = dialog.current()
    # rename (F2 asks for the label)
    context.dialogs.text_answers.append("Getting about after dark")
    qtbot.keyClick(dialog.list, Qt.Key.Key_F2)
    # split: Tab to the notes, Space leaves the first one out
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.notes
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Space)
    kept = dialog.kept_note_ids()
    assert len(kept) == len(chosen.note_ids) - 1
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(context.store.themes()) == 1)
    theme = context.store.themes()[0]
    assert theme.label == "Getting about after dark"
    assert sorted(n.id for n in context.store.notes() if n.theme_id == theme.id) == sorted(kept)
    # dismiss the next one: it stays dismissed when suggested again
    dialog.list.setFocus()
    gone = dialog.current()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert gone.key not in {dialog.list.item(r).data(Qt.ItemDataRole.UserRole + 1)
                            for r in range(dialog.list.count())}
    qtbot.keyClick(dialog.list, Qt.Key.Key_U, CTRL | SHIFT)  # suggest again
    qtbot.waitUntil(lambda: dialog.found is not None and not dialog.progress.isVisible(),
                    timeout=20_000)
    assert gone.key not in {s.key for s in dialog.found.suggestions}


def test_the_window_stays_responsive_while_3000_notes_are_compared(qtbot, context):
    from benchmarks.sense_quality import BANKING, read_labelled

    texts, _ = read_labelled(BANKING)
    programme = context.store.add_programme(Programme("Big"))
    ws = [context.store.add_workshop(Workshop(programme.id, f"W{i}", "Q", "delivery-planning"))
          for i in range(1, 7)]
    context.store.add_notes([Note(ws[i % 6].id, "who", f"{texts[i % len(texts)]} {i % 7}")
                             for i in range(3000)])
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    started = time.perf_counter()
    dialog = SuggestionsWindow(context, lambda c: True, programme_id=programme.id,
                               step_key="who")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    values = []
    dialog.progress.valueChanged.connect(values.append)
    qtbot.waitUntil(lambda: dialog.found is not None, timeout=30_000)
    seconds = time.perf_counter() - started
    timer.stop()
    assert seconds < 10  # (3 s on an idle 2-core machine: benchmarks/bench_sense.py)
    assert values and values[-1] == 100
    assert max(gaps) < 250  # the GUI thread kept running (aim < 100 ms; loaded CI: margin)


def test_similar_notes_lists_the_same_idea_at_other_workshops(qtbot, context):
    programme = setup(context.store)
    note = next(n for n in context.store.notes() if n.text.startswith("Older people"))
    opened = []
    dialog = SimilarNotesDialog(context, programme.id, note.id,
                                lambda w, s, n: opened.append(n))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.list.count() > 0, timeout=20_000)
    first = dialog.found[0][0]
    assert first.text == "Pensioners alone at home"
    assert "Compared with" in dialog.notice.text()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert opened == [first.id]


def test_similar_notes_name_the_other_workshops_w2_before_w10(qtbot, context):
    store = context.store
    programme = store.add_programme(Programme("Rutland 2026"))
    w1, w2, w10 = (store.add_workshop(Workshop(programme.id, code, "Q", "delivery-planning"))
                   for code in ("W1", "W2", "W10"))
    note = store.add_note(Note(w1.id, "who", "Older people living alone"))
    store.add_notes([Note(w.id, "who", "Older people living alone") for w in (w10, w2)])
    dialog = SimilarNotesDialog(context, programme.id, note.id, lambda *a: None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 2, timeout=20_000)
    assert dialog.notice.text().startswith("Also raised at W2, W10.")


def test_screenshot_of_a_suggestion(qtbot, context, tmp_path):
    """With WF_SCREENSHOTS=1 it saves docs/images/suggest-themes.png for the user guide."""
    from tests.ui.run.test_screenshots import distinct_colours, save

    setup(context.store)
    window = make_window(qtbot, context)
    dialog = open_suggestions(qtbot, window)
    dialog.resize(900, 460)
    dialog.list.setFocus()
    image = dialog.grab()
    save(image, tmp_path, "suggest-themes.png")
    assert distinct_colours(image) > 3
