"""The window's workshop-file actions: export, import many files with a summary, drop."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.demo import load_demo
from tests.facilitator.transfer.helpers import workshop_codes
from tests.ui.transfer.helpers import action, laptop_file, make_window
from tests.ui.windows import drag_enter, drop_on, files_dragged


def test_export_ticked_workshops_to_a_file(qtbot, context, dialogs, awkward_dir):
    load_demo(context.store)
    window = make_window(qtbot, context)
    action(window, "Export workshops").trigger()
    dialog = window.transfer.export_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.ticked_ids() == []
    assert not dialog.export_button.isEnabled()
    ids = {w.code: w.id for w in context.store.workshops()}
    top = dialog.tree.topLevelItem(0)
    for row in range(top.childCount()):
        if top.child(row).text(0) in ("W2", "W4"):
            top.child(row).setCheckState(0, Qt.CheckState.Checked)
    assert sorted(dialog.ticked_ids()) == sorted([ids["W2"], ids["W4"]])
    assert dialog.export_button.text() == "&Export 2 workshops…"
    assert dialog.suggested_name() == "W2 W4.workshop"
    target = awkward_dir / "for the office"  # no suffix: one is added
    dialogs.file_answers.append(target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = awkward_dir / "for the office.workshop"
    assert workshop_codes(saved) == ["W2", "W4"]
    assert "for the office.workshop" in window.statusBar().currentMessage()


def test_import_many_files_shows_progress_then_a_summary(
    qtbot, disk_context, dialogs, builtin_formats, awkward_dir
):
    context = disk_context
    window = make_window(qtbot, context)
    good = laptop_file(builtin_formats, awkward_dir)
    bad = awkward_dir / "shopping list.workshop"
    bad.write_text("milk, eggs", encoding="utf-8")
    dialogs.file_answers.append([good, bad])
    action(window, "Import workshop files").trigger()
    run = window.transfer.import_run
    qtbot.waitUntil(lambda: run.done, timeout=10_000)
    summary = window.transfer.summary_dialog
    qtbot.waitUntil(summary.isVisible)
    assert summary.headline.text().startswith("1 of 2 files imported; 1 refused")
    first, second = (summary.tree.topLevelItem(i) for i in range(2))
    assert first.text(0) == "Ann's laptop.workshop"
    assert first.text(1) == "7 added, 0 updated, 0 unchanged"
    assert second.text(1) == "Refused" and "not an SQLite database" in second.child(0).text(0)
    # every column in sight at the dialog's size, however long a reason or a note
    header = summary.tree.header()
    assert header.sectionViewportPosition(3) + 20 < summary.tree.viewport().width()
    backup_note = summary.findChild(type(summary.headline), "backupNote")
    assert "Backups" in backup_note.text()
    assert run.progress.maximum() == 2 and run.progress_values == [1, 2]
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert [w.code for w in context.store.workshops()][:2] == ["W1", "W2"]


def test_a_conflict_is_listed_with_both_texts(qtbot, context, dialogs, builtin_formats,
                                                awkward_dir):
    window = make_window(qtbot, context)
    base = laptop_file(builtin_formats, awkward_dir, "base.workshop")
    dialogs.file_answers.append([base])
    action(window, "Import workshop files").trigger()
    qtbot.waitUntil(lambda: window.transfer.import_run.done, timeout=10_000)
    window.transfer.summary_dialog.close()
    # two laptops change the same note: this library first, then the file's laptop
    from facilitator.library import open_library
    from facilitator.transfer import export_workshops, import_workshop_files

    other = open_library(None, builtin_formats)
    import_workshop_files(other.store, [base])
    note = context.store.notes()[0]
    note.text = "Office wording"
    context.store.update_note(note)
    theirs = other.store.get_note(note.id)
    theirs.text = "Laptop wording"
    other.store.update_note(theirs)
    path = export_workshops(other.store, [w.id for w in other.store.workshops()],
                            awkward_dir / "laptop.workshop").path
    other.close()
    window.transfer.import_files([path])
    qtbot.waitUntil(lambda: window.transfer.import_run.done, timeout=10_000)
    summary = window.transfer.summary_dialog
    item = summary.tree.topLevelItem(0)
    assert item.text(3) == "1"
    conflict = item.child(0)
    assert conflict.text(1) == "kept the file's (newer)"
    assert [conflict.child(i).text(0) for i in range(2)] == [
        "This library's version: Office wording", "The file's version: Laptop wording"]
    assert all(conflict.child(i).isFirstColumnSpanned() for i in range(2))
    assert "Laptop wording" in summary.text()
    assert context.store.get_note(note.id).text == "Laptop wording"


def test_dropping_workshop_files_onto_the_window_imports_them(
    qtbot, context, builtin_formats, awkward_dir
):
    window = make_window(qtbot, context)
    path = laptop_file(builtin_formats, awkward_dir)
    drop_on(window, files_dragged(path, awkward_dir / "photo.jpg"), Qt.DropAction.CopyAction,
            (50, 50))
    qtbot.waitUntil(lambda: window.transfer.import_run is not None
                    and window.transfer.import_run.done, timeout=10_000)
    assert [s.path.name for s in window.transfer.last_summaries] == [path.name]
    assert len(context.store.workshops()) == 7


def test_dropping_other_files_is_not_accepted(qtbot, context, awkward_dir):
    window = make_window(qtbot, context)
    enter = drag_enter(window, files_dragged(awkward_dir / "notes.docx"),
                       Qt.DropAction.CopyAction, (50, 50))
    assert not enter.isAccepted()


def test_stop_leaves_each_file_whole_and_lists_the_rest(
    qtbot, context, dialogs, builtin_formats, awkward_dir
):
    from facilitator.library import open_library
    from facilitator.models import Note, Programme, Workshop
    from facilitator.transfer import export_workshops

    source = open_library(None, builtin_formats)
    programme = source.store.add_programme(Programme("Roadshows"))
    paths = []
    for number in range(8):
        workshop = source.store.add_workshop(
            Workshop(programme.id, f"R{number}", "Question?", "delivery-planning"))
        source.store.add_notes([Note(workshop.id, "who", f"Note {i}") for i in range(30)])
        paths.append(export_workshops(source.store, [workshop.id],
                                      awkward_dir / f"R{number}.workshop").path)
    source.close()
    window = make_window(qtbot, context)
    run = window.transfer.import_files(paths)
    # the person presses Stop as the second file finishes (merges wait for the event loop)
    from PySide6.QtWidgets import QPushButton

    stop = run.progress.findChild(QPushButton)
    assert stop.text() == "Stop"
    run.file_done.connect(lambda done: done == 2 and stop.click())
    qtbot.waitUntil(lambda: run.done, timeout=10_000)
    imported = [s for s in run.summaries if s.ok]
    stopped = [s for s in run.summaries if not s.ok]
    assert len(run.summaries) == 8 and len(imported) == 2
    assert all("stopped" in s.error for s in stopped)
    codes = sorted(w.code for w in context.store.workshops())
    assert codes == sorted(s.path.stem for s in imported)
    for workshop in context.store.workshops():
        assert len(context.store.notes(workshop.id)) == 30


def test_a_programme_ticked_whole_takes_its_deleted_workshops(qtbot, context, dialogs,
                                                              awkward_dir):
    programme = load_demo(context.store)
    w3 = next(w for w in context.store.workshops() if w.code == "W3")
    context.store.set_workshop_deleted(w3.id)
    window = make_window(qtbot, context)
    window.tree.setCurrentIndex(window.model.index(0, 0))
    window.tree.selectionModel().select(
        window.model.index(0, 0),
        window.tree.selectionModel().SelectionFlag.ClearAndSelect
        | window.tree.selectionModel().SelectionFlag.Rows,
    )
    action(window, "Export workshops").trigger()
    dialog = window.transfer.export_dialog
    assert window.selected_ids("programme") == [programme.id]
    assert len(dialog.ticked_ids()) == 6  # the deleted W3 is not listed
    assert w3.id in dialog.export_ids()
    top = dialog.tree.topLevelItem(0)
    top.child(0).setCheckState(0, Qt.CheckState.Unchecked)
    assert w3.id not in dialog.export_ids()  # only a whole programme carries deletions


def test_closing_the_window_mid_import_stops_cleanly(qtbot, context, builtin_formats,
                                                     awkward_dir):
    paths = [laptop_file(builtin_formats, awkward_dir, f"laptop {i}.workshop") for i in range(3)]
    window = make_window(qtbot, context)
    run = window.transfer.import_files(paths)
    window.close()
    assert run.done and not run.checker.isRunning()
    assert all(s.ok or "stopped" in s.error for s in run.summaries)


def test_the_checker_thread_answers_a_stop_while_it_waits_its_turn(
    qtbot, context, builtin_formats, awkward_dir
):
    from ui.transfer.import_run import _Checker

    paths = [laptop_file(builtin_formats, awkward_dir, f"laptop {i}.workshop") for i in range(2)]
    checker = _Checker(paths)
    with qtbot.waitSignal(checker.checked, timeout=10_000):
        checker.start()  # checks the first file, then waits for the window's go-ahead
    checker.requestInterruption()  # no go-ahead comes: the import was abandoned
    assert checker.wait(5_000)
