"""Importing notes from a table in the window; the Compile window and its filters."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.demo import load_demo
from tests.ui.transfer.helpers import action, laptop_file, make_window, open_table_dialog


def test_notes_from_a_table_mapping_problems_then_valid_rows_with_undo(
    qtbot, context, dialogs, awkward_dir
):
    load_demo(context.store)
    window = make_window(qtbot, context)
    path = awkward_dir / "wall photo é.csv"
    path.write_text(
        "Session,Stage,What people wrote,Area\n"
        "W2,who,Carers of carers,\n"
        "W9,who,Lost note,\n"
        "W2,how,Befriending rota,Support to keep going\n"
        "W2,how,Something,Luck\n",
        encoding="utf-8",
    )
    before = len(context.store.notes())
    dialog = open_table_dialog(qtbot, window, dialogs, "notes_dialog", path)
    # the first rows are shown so the person can see which column holds what
    assert dialog.preview.horizontalHeaderItem(0).text() == "Session"
    assert dialog.preview.verticalHeaderItem(0).text() == "Row 2"
    assert dialog.preview.item(0, 2).text() == "Carers of carers"
    # 'Session' is not a header it knows: the user picks the column
    assert not dialog.import_button.isEnabled()
    assert "choose the column for Workshop code" in dialog.status.text()
    dialog.set_column("workshop", "Session")
    dialog.set_column("text", "What people wrote")
    dialog.set_column("support_area", "Area")
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert problems == [
        "Row 3: unknown workshop 'W9'",
        "Row 5: unknown support area 'Luck' (known: Willingness to do things; Understanding "
        "what works; Support to get started; Support to keep going)",
    ]
    assert dialog.import_button.text() == "&Import the 2 valid rows"
    assert len(context.store.notes()) == before  # nothing written yet
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(context.store.notes()) == before + 2)
    befriending = next(n for n in context.store.notes() if n.text == "Befriending rota")
    assert befriending.tags == ["keeping-going"]
    assert window.undo_stack.undoText() == "Import 2 notes from wall photo é.csv"
    window.undo_stack.undo()
    assert len(context.store.notes()) == before
    window.undo_stack.redo()
    assert len(context.store.notes()) == before + 2


def test_cancel_imports_none(qtbot, context, dialogs, awkward_dir):
    load_demo(context.store)
    window = make_window(qtbot, context)
    path = awkward_dir / "typed.csv"
    path.write_text("Workshop,Step,Note\nW1,who,Fine\nW1,zzz,Bad\n", encoding="utf-8")
    before = len(context.store.notes())
    window.transfer.import_notes(path)
    qtbot.waitUntil(lambda: window.transfer.notes_dialog is not None)
    dialog = window.transfer.notes_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.problems.count() == 1
    dialog.reject()
    assert len(context.store.notes()) == before


def test_an_unreadable_table_is_reported_naming_it(qtbot, context, dialogs, awkward_dir):
    window = make_window(qtbot, context)
    path = awkward_dir / "empty.csv"
    path.write_text("", encoding="utf-8")
    reading = window.transfer.import_notes(path)
    qtbot.waitUntil(lambda: reading.done)
    assert window.transfer.notes_dialog is None
    assert dialogs.errors and "empty.csv" in dialogs.errors[0]


def test_compile_window_lists_sources_and_filters(
    qtbot, context, dialogs, builtin_formats, awkward_dir
):
    def staff(store):
        for workshop in store.workshops():
            workshop.facilitators = "Ann Smith" if workshop.code in ("W1", "W2") else "Raj Patel"
            workshop.district = "Melton" if workshop.code == "W2" else "Charnwood"
            store.update_workshop(workshop)

    window = make_window(qtbot, context)
    window.transfer.import_files([laptop_file(builtin_formats, awkward_dir, edit=staff)])
    qtbot.waitUntil(lambda: window.transfer.import_run.done, timeout=10_000)
    window.transfer.summary_dialog.close()
    action(window, "Compile workshops").trigger()
    compile_window = window.transfer.compile_window
    qtbot.waitUntil(compile_window.isVisible)
    assert compile_window.visible_codes() == ["W1", "W2", "W3", "W4", "W5", "W6", "W7"]
    model = compile_window.model
    source_column = 8
    assert model.index(0, source_column).data() == "Ann's laptop.workshop"
    assert model.index(0, 9).data()  # last import time shown
    compile_window.set_filter(compile_window.facilitator_box, "Ann Smith")
    assert compile_window.visible_codes() == ["W1", "W2"]
    compile_window.set_filter(compile_window.district_box, "Melton")
    assert compile_window.visible_codes() == ["W2"]
    compile_window.set_filter(compile_window.facilitator_box, "Any")
    compile_window.set_filter(compile_window.district_box, "Any")
    compile_window.set_filter(compile_window.status_box, "Postponed")
    assert compile_window.visible_codes() == ["W3"]
    assert compile_window.count_label.text() == "1 of 7 workshops"
    # a workshop made here says so, and the list follows the library
    from facilitator.models import Workshop

    programme = context.store.programmes()[0]
    context.store.add_workshop(Workshop(programme.id, "W8", "Extra?", "delivery-planning"))
    compile_window.set_filter(compile_window.status_box, "Any")
    qtbot.waitUntil(lambda: "W8" in compile_window.visible_codes())
    row = compile_window.visible_codes().index("W8")
    assert model.index(row, source_column).data() == "This laptop"
    # Enter on a row opens that workshop, as in the library window
    opened = []
    window.workshop_opened.connect(opened.append)
    compile_window.table.activated.emit(model.index(row, 1))
    assert opened == [context.store.workshops()[-1].id]
