"""The notes import dialog remembers the columns chosen for a layout, keeps repeated notes,
and says when a table comes back whole."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.demo import load_demo
from tests.ui.transfer.helpers import make_window, open_table_dialog

HEADERS = "Session,Stage,What people wrote\n"


def open_dialog(qtbot, window, dialogs, path):
    return open_table_dialog(qtbot, window, dialogs, "notes_dialog", path)


def import_now(qtbot, dialog):
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_columns_chosen_once_are_offered_for_the_next_table(
    qtbot, context, dialogs, awkward_dir
):
    load_demo(context.store)
    window = make_window(qtbot, context)
    first = awkward_dir / "Table 1 é.csv"
    first.write_text(HEADERS + "W2,who,Carers\nW2,who,Carers\n", encoding="utf-8")
    dialog = open_dialog(qtbot, window, dialogs, first)
    assert not dialog.remembered_label.isVisible()
    assert not dialog.import_button.isEnabled()
    dialog.set_column("workshop", "Session")
    dialog.set_column("text", "What people wrote")
    assert dialog.import_button.text() == "&Import 2 notes"  # the same text twice: two notes
    before = len(context.store.notes())
    import_now(qtbot, dialog)
    assert len(context.store.notes()) == before + 2

    second = awkward_dir / "Table 2.csv"
    second.write_text(HEADERS.upper() + "W2,what,Lunch club\n", encoding="utf-8")
    dialog = open_dialog(qtbot, window, dialogs, second)
    assert dialog.remembered_label.isVisible()
    assert dialog.column_boxes["workshop"].currentText() == "SESSION"
    assert dialog.column_boxes["text"].currentText() == "WHAT PEOPLE WROTE"
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "&Import 1 note"
    import_now(qtbot, dialog)
    assert any(n.text == "Lunch club" for n in context.store.notes())


def test_a_table_imported_before_says_when_and_undo_lets_it_in_again(
    qtbot, context, dialogs, awkward_dir
):
    load_demo(context.store)
    window = make_window(qtbot, context)
    path = awkward_dir / "wall é.csv"
    path.write_text("Workshop,Step,Comments\nW2,who,Carers\nW2,how,Befriending\n",
                    encoding="utf-8")
    dialog = open_dialog(qtbot, window, dialogs, path)
    assert dialog.column_boxes["text"].currentText() == "Comments"  # a usual name for it
    before = len(context.store.notes())
    import_now(qtbot, dialog)
    assert len(context.store.notes()) == before + 2

    again = open_dialog(qtbot, window, dialogs, path)
    assert "wall é.csv: already imported on " in again.status.text()
    assert "nothing new to import" in again.status.text()
    assert not again.import_button.isEnabled()
    again.reject()

    window.undo_stack.undo()  # the import is taken away, and its rows forgotten
    assert len(context.store.notes()) == before
    third = open_dialog(qtbot, window, dialogs, path)
    assert third.import_button.text() == "&Import 2 notes"
    third.reject()
    window.undo_stack.redo()  # and redone: the rows are in the ledger again
    assert len(context.store.notes()) == before + 2
    fourth = open_dialog(qtbot, window, dialogs, path)
    assert "already imported on" in fourth.status.text()
    fourth.reject()


def test_the_same_note_typed_twice_in_the_run_window_is_two_notes(qtbot, context):
    from facilitator.models import Programme, Workshop
    from tests.ui.run.helpers import open_run, texts, type_note

    programme = context.store.add_programme(Programme("P"))
    workshop = context.store.add_workshop(
        Workshop(programme.id, "W1", "Healthy and active", "delivery-planning"))
    run = open_run(qtbot, context, workshop.id)
    type_note(qtbot, run, "Carers")
    type_note(qtbot, run, "Carers")
    assert texts(run) == ["Carers", "Carers"]
