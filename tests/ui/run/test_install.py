"""The library window's run actions: Enter or Ctrl+O on a workshop opens (or raises) its window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.demo import load_demo
from tests.ui.run.helpers import CTRL
from tests.ui.windows import show_main_window
from ui.library_model import ID_ROLE, KIND_ROLE
from ui.main_window import MainWindow


def library(qtbot, context) -> MainWindow:
    load_demo(context.store)
    return show_main_window(qtbot, context)


def workshop_index(window, code: str):
    model = window.model
    programme = model.index(0, 0)
    for row in range(model.rowCount(programme)):
        index = model.index(row, 0, programme)
        if index.data(KIND_ROLE) == "workshop" and index.data().startswith(code):
            return index
    raise AssertionError(code)


def test_enter_on_a_workshop_opens_its_run_window_once(qtbot, context):
    window = library(qtbot, context)
    index = workshop_index(window, "W2")
    window.tree.setCurrentIndex(index)
    qtbot.keyClick(window.tree, Qt.Key.Key_Return)
    run = window.run_windows[index.data(ID_ROLE)]
    qtbot.addWidget(run)
    assert run.isVisible() and run.header.position.text().startswith("W2 ·")
    window.activateWindow()
    qtbot.keyClick(window.tree, Qt.Key.Key_Return)
    assert list(window.run_windows.values()) == [run]
    run.close()
    assert window.run_windows == {}


def test_ctrl_o_opens_every_selected_workshop(qtbot, context):
    window = library(qtbot, context)
    selection = window.tree.selectionModel()
    for code in ("W1", "W4"):
        selection.select(workshop_index(window, code),
                         selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    qtbot.keyClick(window.tree, Qt.Key.Key_O, CTRL)
    assert sorted(r.session.workshop.code for r in window.run_windows.values()) == ["W1", "W4"]
    for run in list(window.run_windows.values()):
        qtbot.addWidget(run)
        run.close()


def test_ctrl_o_with_nothing_chosen_says_what_to_do(qtbot, context):
    window = library(qtbot, context)
    window.tree.clearSelection()
    qtbot.keyClick(window.tree, Qt.Key.Key_O, CTRL)
    assert window.run_windows == {}
    assert "Choose a workshop" in window.statusBar().currentMessage()
