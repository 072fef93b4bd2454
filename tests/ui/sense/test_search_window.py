"""Search notes (Ctrl+F), driven by the keyboard only."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.demo import load_demo
from tests.ui.transfer.helpers import make_window
from ui.sense import opened_before
from ui.sense.search_window import SearchWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def open_search(qtbot, window) -> SearchWindow:
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    search = opened_before(window, SearchWindow)
    assert search is not None
    qtbot.addWidget(search)
    qtbot.waitUntil(search.isVisible)
    return search


def test_ctrl_f_finds_as_you_type_and_enter_opens_the_note_in_its_step(qtbot, context):
    load_demo(context.store)
    window = make_window(qtbot, context)
    search = open_search(qtbot, window)
    qtbot.keyClicks(search.query, "lunch clu")  # the last word is a prefix as you type
    qtbot.waitUntil(lambda: len(search.hits) >= 2)
    assert all("lunch" in h.text.lower() for h in search.hits)
    assert "<span" in search.results.item(0).text()  # the match is highlighted
    assert "found" in search.status.text()
    qtbot.keyClick(search.query, Qt.Key.Key_Down)
    chosen = search.current_hit()
    assert chosen is search.hits[1]
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: chosen.workshop_id in window.run_windows)
    run = window.run_windows[chosen.workshop_id]
    qtbot.addWidget(run)
    assert run.session.step_key == chosen.step_key
    assert run.board.selected_note_ids() == [chosen.note_id]


def test_filters_combine_and_bad_queries_are_plain_words(qtbot, context):
    load_demo(context.store)
    window = make_window(qtbot, context)
    search = open_search(qtbot, window)
    qtbot.keyClicks(search.query, '"lunch')  # an unbalanced quote is just a word
    qtbot.keyClick(search.query, Qt.Key.Key_Down)  # (runs the search at once)
    assert search.hits and "Cannot" not in search.status.text()
    everywhere = len(search.hits)
    search.step_box.setFocus()
    search.step_box.setCurrentIndex(search.step_box.findData("how"))
    assert 0 < len(search.hits) < everywhere
    assert {h.step_key for h in search.hits} == {"how"}
    search.query.selectAll()
    qtbot.keyClicks(search.query, "zzzzqqq")
    qtbot.keyClick(search.query, Qt.Key.Key_Down)
    assert search.hits == [] and search.status.text().startswith("No notes found")
    qtbot.keyClick(search.query, Qt.Key.Key_Escape)
    assert not search.isVisible()


def test_screenshot_of_search(qtbot, context, tmp_path):
    from tests.ui.run.test_screenshots import distinct_colours, save

    load_demo(context.store)
    window = make_window(qtbot, context)
    search = open_search(qtbot, window)
    search.resize(820, 420)
    qtbot.keyClicks(search.query, "lunch")
    qtbot.keyClick(search.query, Qt.Key.Key_Down)
    image = search.grab()
    save(image, tmp_path, "search.png")
    assert distinct_colours(image) > 3
