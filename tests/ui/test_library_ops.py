"""Correcting the library from the keyboard: rename, delete and restore, move, merge,
and the walk of issue 9 — two laptops that each set up the same programme end in one."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from facilitator.library import open_library
from facilitator.models import Attendance, Note, Programme, Workshop, WorkshopStatus
from facilitator.transfer import export_workshops
from tests.ui.transfer.helpers import action, make_window

TITLE = "Communities Strategy Delivery Planning Workshops 2015"


def add_programme(store, title=TITLE) -> Programme:
    return store.add_programme(Programme(title=title))


def add_workshop(store, programme, code, date="2015-02-03", notes=(), held=True) -> Workshop:
    workshop = store.add_workshop(Workshop(
        programme.id, code, f"{code}: How can I help?", "delivery-planning", date=date,
        venue="Village Hall", status=WorkshopStatus.HELD if held else WorkshopStatus.PLANNED,
    ))
    store.add_notes([Note(workshop.id, "who", text) for text in notes])
    return workshop


def select(window, *ids: str) -> None:
    """Select rows of the library tree by id, as Ctrl+click would, the last one current."""
    model, selection = window.model, window.tree.selectionModel()
    selection.clearSelection()
    for wanted in ids:
        for row in range(model.rowCount()):
            top = model.index(row, 0)
            candidates = [top] + [model.index(r, 0, top) for r in range(model.rowCount(top))]
            for index in candidates:
                if index.data(Qt.ItemDataRole.UserRole + 1) == wanted:
                    selection.setCurrentIndex(
                        index, QItemSelectionModel.SelectionFlag.Select
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
    window.tree.setFocus()


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.tree, key, modifier)


def programme_titles(store) -> list[str]:
    return [p.title for p in store.programmes()]


# ------------------------------------------------------------------ rename
def test_f2_renames_the_programme_and_undo_puts_the_title_back(qtbot, context, dialogs):
    programme = add_programme(context.store, "Comunities Stratgy 2015")
    window = make_window(qtbot, context)
    select(window, programme.id)
    dialogs.text_answers.append("  Communities Strategy   2015 ")
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: programme_titles(context.store) == ["Communities Strategy 2015"])
    assert window.model.item(0, 0).text().startswith("Communities Strategy 2015")
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: programme_titles(context.store) == ["Comunities Stratgy 2015"])


@pytest.mark.parametrize("answer, problem", [("   ", "title"), ("older people 2015!", "already")])
def test_renaming_to_an_empty_or_used_title_is_refused_with_a_message(
    qtbot, context, dialogs, answer, problem
):
    first = add_programme(context.store, "Young people 2015")
    add_programme(context.store, "Older People 2015")
    window = make_window(qtbot, context)
    select(window, first.id)
    dialogs.text_answers.append(answer)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: bool(dialogs.errors))
    assert problem in dialogs.errors[-1]
    assert sorted(programme_titles(context.store)) == ["Older People 2015", "Young people 2015"]
    assert window.undo_stack.count() == 0


# ----------------------------------------------------------- delete/restore
def test_delete_a_workshop_then_restore_it_from_deleted_items(qtbot, context):
    programme = add_programme(context.store)
    practice = add_workshop(context.store, programme, "W9", notes=["practice note"])
    add_workshop(context.store, programme, "W1", notes=["Older people living alone"])
    window = make_window(qtbot, context)
    select(window, practice.id)
    press(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: [w.code for w in context.store.workshops()] == ["W1"])
    assert "Deleted items" in window.statusBar().currentMessage()
    action(window, "Deleted items").trigger()
    deleted = window.library_ops.deleted_window
    qtbot.waitUntil(deleted.isVisible)
    assert deleted.tree.topLevelItemCount() == 1
    assert deleted.tree.topLevelItem(0).text(0).startswith("W9 “W9: How can I help?”")
    assert deleted.tree.topLevelItem(0).text(1) == "Workshop"
    deleted.tree.setFocus()
    qtbot.keyClick(deleted.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sorted(w.code for w in context.store.workshops()) == ["W1", "W9"])
    assert [n.text for n in context.store.notes(practice.id)] == ["practice note"]
    qtbot.waitUntil(lambda: deleted.tree.topLevelItemCount() == 0)
    assert deleted.empty_note.isVisibleTo(deleted)
    # Undo the restore, then undo the delete: one history across both windows.
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: [w.code for w in context.store.workshops()] == ["W1"])
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: len(context.store.workshops()) == 2)


def test_empty_deleted_items_asks_then_removes_them_for_good(qtbot, context, dialogs):
    programme = add_programme(context.store)
    practice = add_workshop(context.store, programme, "W9", notes=["practice note"])
    window = make_window(qtbot, context)
    select(window, practice.id)
    press(qtbot, window, Qt.Key.Key_Delete)
    deleted = window.library_ops.open_deleted_items()
    qtbot.waitUntil(lambda: deleted.tree.topLevelItemCount() == 1)
    dialogs.confirm_answers.append(False)
    assert deleted.empty_all() == 0
    assert deleted.tree.topLevelItemCount() == 1
    dialogs.confirm_answers.append(True)
    assert deleted.empty_all() == 1
    assert deleted.tree.topLevelItemCount() == 0
    assert context.store.workshops(include_deleted=True) == []


def test_deleting_the_programme_open_in_a_run_window_closes_it_first_keeping_the_draft(
    qtbot, context
):
    programme = add_programme(context.store)
    workshop = add_workshop(context.store, programme, "W1")
    window = make_window(qtbot, context)
    window.open_workshop(workshop.id)
    run = window.run_windows[workshop.id]
    qtbot.waitUntil(run.isVisible)
    run.capture.box.setFocus()
    qtbot.keyClicks(run.capture.box, "half-typed idea")
    select(window, programme.id)
    press(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: context.store.programmes() == [])
    assert workshop.id not in window.run_windows
    assert not run.isVisible()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: programme_titles(context.store) == [TITLE])
    assert [w.code for w in context.store.workshops()] == ["W1"]
    window.open_workshop(workshop.id)
    again = window.run_windows[workshop.id]
    qtbot.waitUntil(again.isVisible)
    assert again.capture.box.toPlainText() == "half-typed idea"


# -------------------------------------------------------------------- move
def test_move_a_workshop_to_another_programme_with_a_new_code_when_it_clashes(
    qtbot, context
):
    first = add_programme(context.store, "Practice round")
    second = add_programme(context.store, TITLE)
    moving = add_workshop(context.store, first, "W2", notes=["a", "b"])
    add_workshop(context.store, second, "W2")
    window = make_window(qtbot, context)
    select(window, moving.id)
    action(window, "Move to another programme").trigger()
    dialog = window.library_ops.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.target.currentText() == TITLE
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "W2" in dialog.problem.text())
    assert dialog.isVisible()
    edit = dialog.codes[moving.id]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "W2b")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    moved = context.store.get_workshop(moving.id)
    assert (moved.programme_id, moved.code) == (second.id, "W2b")
    assert len(context.store.notes(moving.id)) == 2
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: context.store.get_workshop(moving.id).programme_id == first.id)
    assert context.store.get_workshop(moving.id).code == "W2"


# ------------------------------------------------------------------- merge
def test_merge_two_programmes_with_a_preview_and_a_new_code_for_a_clash(qtbot, context):
    store = context.store
    a = add_programme(store, TITLE)
    b = add_programme(store, TITLE.upper() + "!")
    add_workshop(store, a, "W1", notes=["one"])
    add_workshop(store, b, "W1", date="2015-03-01", notes=["other W1"])
    add_workshop(store, b, "W4", notes=["four"])
    window = make_window(qtbot, context)
    select(window, a.id, b.id)
    qtbot.keyClick(window.tree, Qt.Key.Key_J,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.library_ops.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.keep.setCurrentIndex(dialog.keep.findData(a.id))
    preview = dialog.preview.toPlainText()
    assert "2 workshops move" in preview and "W1, W4" in preview
    assert list(dialog.code_edits) and "W1" in dialog.codes_box.itemAt(0).widget().text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # no new code yet: refused, stays open
    qtbot.waitUntil(lambda: bool(dialog.problem.text()))
    edit = next(iter(dialog.code_edits.values()))
    qtbot.keyClicks(edit, "W1b")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [p.id for p in store.programmes()] == [a.id]
    assert sorted(w.code for w in store.workshops(a.id)) == ["W1", "W1b", "W4"]
    assert sorted(n.text for n in store.notes()) == ["four", "one", "other W1"]
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: len(store.programmes()) == 2)
    assert sorted(w.code for w in store.workshops(b.id)) == ["W1", "W4"]


def test_merge_two_copies_of_a_workshop_keeps_every_note_and_sums_attendance(qtbot, context):
    store = context.store
    programme = add_programme(store)
    first = add_workshop(store, programme, "W2", notes=["Older people living alone", "Carers"])
    second = add_workshop(store, programme, "W2b", notes=["Older people living alone"])
    store.set_attendance(Attendance(first.id, {"residents": 12}))
    store.set_attendance(Attendance(second.id, {"residents": 5, "council_officers": 2}))
    window = make_window(qtbot, context)
    select(window, first.id, second.id)
    action(window, "Merge").trigger()
    dialog = window.library_ops.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.keep.setCurrentIndex(dialog.keep.findData(first.id))
    assert "will record 19" in dialog.preview.toPlainText()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(store.workshops()) == 1)
    assert sorted(n.text for n in store.notes(first.id)) == [
        "Carers", "Older people living alone", "Older people living alone"]
    assert store.attendance(first.id).total == 19
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: len(store.workshops()) == 2)
    assert store.attendance(first.id).total == 12
    assert len(store.notes(second.id)) == 1


# --------------------------------------------------- prepare and the walk
def laptop(builtin_formats, own_code, own_notes, shared_notes):
    """A laptop that set up the programme itself, with its own workshop and a shared W2."""
    lib = open_library(None, builtin_formats)
    programme = add_programme(lib.store)
    add_workshop(lib.store, programme, own_code, notes=own_notes)
    add_workshop(lib.store, programme, "W2", notes=shared_notes)
    return lib


def import_in_window(qtbot, window, dialogs, paths, answers=()):
    dialogs.file_answers.append(list(paths))
    dialogs.choose_answers.extend(answers)
    action(window, "Import workshop files").trigger()
    run = window.transfer.import_run
    qtbot.waitUntil(lambda: run.done, timeout=10_000)
    summary = window.transfer.summary_dialog
    qtbot.waitUntil(summary.isVisible)
    return summary


@pytest.mark.parametrize("order", list(itertools.permutations([0, 1])))
def test_two_laptops_that_each_set_up_the_programme_end_in_one_with_one_w2(
    qtbot, disk_context, dialogs, builtin_formats, awkward_dir, order
):
    """The walk of issue 9 in the window: import both laptops' files in either order,
    answer the question once, merge the two W2s that are offered → one programme, every
    note once, and a report over all held workshops."""
    store = disk_context.store
    laptops = [
        laptop(builtin_formats, "W1", ["Isolated older people"], ["Carers need a break"]),
        laptop(builtin_formats, "W4", ["Young people with nothing to do"], ["Lonely carers"]),
    ]
    files = []
    for number, lib in enumerate(laptops):
        ids = [w.id for w in lib.store.workshops()]
        files.append(export_workshops(
            lib.store, ids, awkward_dir / f"laptop {number + 1}.workshop").path)
    # The office had set the programme up too, with nothing in it.
    add_programme(store)
    window = make_window(qtbot, disk_context)
    for index in order[:-1]:
        import_in_window(qtbot, window, dialogs, [files[index]], answers=[0]).accept()
        assert window.library_ops.dialog is None  # nothing captured twice yet
    import_in_window(qtbot, window, dialogs, [files[order[-1]]], answers=[0]).accept()
    offer = window.library_ops.dialog
    qtbot.waitUntil(lambda: offer is not None and offer.isVisible())
    assert offer.objectName() == "sameWorkshopsDialog"
    assert offer.list.count() == 1
    assert offer.list.item(0).checkState() == Qt.CheckState.Checked  # same code, same date
    qtbot.keyClick(offer.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not offer.isVisible())
    # (a library in a file merges on another thread: wait for it as a person would)
    qtbot.waitUntil(lambda: len(store.workshops()) == 3)
    assert [q[0] for q in dialogs.questions if "set up separately" in q[0]]
    assert programme_titles(store) == [TITLE]
    assert sorted(w.code for w in store.workshops()) == ["W1", "W2", "W4"]
    texts = sorted(n.text for n in store.notes())
    assert texts == sorted(["Isolated older people", "Carers need a break",
                            "Young people with nothing to do", "Lonely carers"])
    # Export back to each laptop and re-import: one programme there too, nothing doubled.
    merged = awkward_dir / "from the office.workshop"
    export_workshops(store, [w.id for w in store.workshops()], merged)
    from facilitator.transfer import import_workshop_files

    for lib in laptops:
        summaries = import_workshop_files(lib.store, [merged], backup_dir=awkward_dir / "b")
        assert all(s.ok for s in summaries), [s.error for s in summaries]
        assert programme_titles(lib.store) == [TITLE]
        assert sorted(n.text for n in lib.store.notes()) == texts
        lib.close()
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "crashDialog"]


def test_prepare_laptops_saves_the_set_up_without_notes(
    qtbot, context, dialogs, builtin_formats, awkward_dir
):
    programme = add_programme(context.store)
    add_workshop(context.store, programme, "W1", held=False)
    add_workshop(context.store, programme, "W2", held=False, notes=["not for the laptops"])
    window = make_window(qtbot, context)
    select(window, programme.id)
    dialogs.file_answers.append(awkward_dir / "Round set-up")
    action(window, "Prepare laptops").trigger()
    qtbot.waitUntil(lambda: bool(dialogs.infos))
    saved = awkward_dir / "Round set-up.workshop"
    assert saved.exists()
    fresh = open_library(None, builtin_formats)
    try:
        from facilitator.transfer import import_workshop_files

        [summary] = import_workshop_files(fresh.store, [saved], backup_dir=awkward_dir / "b")
        assert summary.ok, summary.error
        assert programme_titles(fresh.store) == [TITLE]
        assert sorted(w.code for w in fresh.store.workshops()) == ["W1", "W2"]
        assert fresh.store.notes() == []
    finally:
        fresh.close()


def test_the_answer_is_remembered_for_the_next_file_from_that_laptop(
    qtbot, disk_context, dialogs, builtin_formats, awkward_dir
):
    store = disk_context.store
    office = add_programme(store)
    other = laptop(builtin_formats, "W1", ["Isolated older people"], ["Carers"])
    ids = [w.id for w in other.store.workshops()]
    first = export_workshops(other.store, ids, awkward_dir / "first.workshop").path
    window = make_window(qtbot, disk_context)
    import_in_window(qtbot, window, dialogs, [first], answers=[0]).accept()
    assert len(dialogs.questions) == 1
    # The laptop goes on: a new workshop and a note; its next file merges without asking.
    programme = other.store.programmes()[0]
    add_workshop(other.store, programme, "W6", notes=["Community transport"])
    ids = [w.id for w in other.store.workshops()]
    second = export_workshops(other.store, ids, awkward_dir / "second.workshop").path
    import_in_window(qtbot, window, dialogs, [second]).accept()
    assert len(dialogs.questions) == 1
    assert [p.id for p in store.programmes()] == [office.id]
    assert sorted(w.code for w in store.workshops(office.id)) == ["W1", "W2", "W6"]
    other.close()


def test_closing_the_question_leaves_the_file_out(
    qtbot, disk_context, dialogs, builtin_formats, awkward_dir
):
    store = disk_context.store
    add_programme(store)
    other = laptop(builtin_formats, "W1", ["Isolated older people"], ["Carers"])
    path = export_workshops(
        other.store, [w.id for w in other.store.workshops()], awkward_dir / "x.workshop").path
    other.close()
    window = make_window(qtbot, disk_context)
    summary = import_in_window(qtbot, window, dialogs, [path], answers=[None])
    assert "no choice was made" in summary.summaries[0].error
    assert store.workshops() == []
