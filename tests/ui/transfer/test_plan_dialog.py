"""File ▸ Plan workshops from a spreadsheet…: the changes listed first, applied as one
undoable step, a re-run changing nothing."""

from __future__ import annotations

from openpyxl import Workbook
from PySide6.QtCore import Qt

from facilitator.models import Programme, Workshop
from tests.ui.transfer.helpers import make_window, open_table_dialog


def open_plan(qtbot, window, dialogs, path):
    return open_table_dialog(qtbot, window, dialogs, "plan_dialog", path)


def lines(widget):
    return [widget.item(i).text() for i in range(widget.count())]


def test_a_plan_into_the_current_programme_with_undo(qtbot, context, dialogs, awkward_dir):
    store = context.store
    programme = store.add_programme(Programme("Rutland 2026"))
    store.add_workshop(Workshop(programme.id, "W2", "Older people", "delivery-planning",
                                venue="Uppingham hall"))
    window = make_window(qtbot, context)
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Theme question", "Date", "Venue", "Status", "Reason"])
    sheet.append(["W1", "Healthy and active", "2/3/2026", "Oakham library", "", ""])
    sheet.append(["W2", "", "", "Uppingham town hall", "", ""])
    sheet.append(["W3", "Families", "", "", "postponed", ""])
    path = awkward_dir / "Round 2026 é.xlsx"
    book.save(path)
    dialog = open_plan(qtbot, window, dialogs, path)
    assert dialog.programme_box.currentText() == "Rutland 2026"
    assert not dialog.title.isVisible()
    assert lines(dialog.changes) == [
        "W1: new (Healthy and active; 2026-03-02; Oakham library)",
        "W2: venue 'Uppingham hall' → 'Uppingham town hall'",
    ]
    assert lines(dialog.problems) == ["Row 4: workshop W3 is postponed: say why (e.g. snow)."]
    assert dialog.apply_button.text() == "&Apply 2 changes"
    assert len(store.workshops()) == 1  # nothing written yet
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert sorted(w.code for w in store.workshops()) == ["W1", "W2"]
    assert {w.code: w.venue for w in store.workshops()}["W2"] == "Uppingham town hall"
    assert window.undo_stack.undoText() == (
        "Plan workshops from Round 2026 é.xlsx: 1 created, 1 updated")
    again = open_plan(qtbot, window, dialogs, path)
    assert lines(again.changes) == []
    assert "0 created, 0 updated, 2 unchanged" in again.status.text()
    assert not again.apply_button.isEnabled()
    again.reject()
    window.undo_stack.undo()
    assert [(w.code, w.venue) for w in store.workshops()] == [("W2", "Uppingham hall")]


def test_a_plan_into_a_new_programme_checks_its_title(qtbot, context, dialogs, awkward_dir):
    store = context.store
    store.add_programme(Programme("Rutland 2026"))
    window = make_window(qtbot, context)
    path = awkward_dir / "roadshows.csv"
    path.write_text("Workshop code,Question\nR1,Oakham market\nR2,Uppingham market\n",
                    encoding="utf-8")
    dialog = open_plan(qtbot, window, dialogs, path)
    dialog.programme_box.setCurrentIndex(dialog.programme_box.findData("__new__"))
    assert dialog.title.isVisible()
    assert "needs a title" in dialog.status.text()
    assert not dialog.apply_button.isEnabled()
    qtbot.keyClicks(dialog.title, "rutland, 2026")
    assert "already has a programme titled 'Rutland 2026'" in dialog.status.text()
    dialog.title.clear()
    qtbot.keyClicks(dialog.title, "Roadshows 2026")
    assert dialog.apply_button.text() == "&Apply 2 changes"
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert sorted(p.title for p in store.programmes()) == ["Roadshows 2026", "Rutland 2026"]
    window.undo_stack.undo()
    assert [p.title for p in store.programmes()] == ["Rutland 2026"]
    window.undo_stack.redo()
    assert sorted(w.code for w in store.workshops()) == ["R1", "R2"]


def test_a_table_without_a_code_column_says_so(qtbot, context, dialogs, awkward_dir):
    context.store.add_programme(Programme("Rutland 2026"))
    window = make_window(qtbot, context)
    path = awkward_dir / "plan.csv"
    path.write_text("Question,Venue\nHealthy,Hall\n", encoding="utf-8")
    dialog = open_plan(qtbot, window, dialogs, path)
    assert "no column for the workshop code" in dialog.status.text()
    assert not dialog.apply_button.isEnabled()
