"""The windows follow changes other programs make to the library, and a library file deleted
underneath the app stops every write with a banner: nothing typed is reported saved."""

from __future__ import annotations

import os
import sys

import pytest
from PySide6.QtCore import Qt

from facilitator.models import Note, Workshop
from tests.hostile import another_program
from tests.ui.run.helpers import card_texts, make_workshop, open_run, type_note
from ui import library_watch
from ui.main_window import MainWindow


@pytest.fixture
def fast_watch(monkeypatch):
    monkeypatch.setattr(library_watch, "ACTIVE_MS", 50)
    monkeypatch.setattr(library_watch, "IDLE_MS", 50)


def test_windows_refresh_when_another_program_writes(qtbot, disk_context, fast_watch):
    context = disk_context
    workshop = make_workshop(context.store)
    main = MainWindow(context)
    qtbot.addWidget(main)
    run = open_run(qtbot, context, workshop.id)
    type_note(qtbot, run, "Typed here")
    with another_program(context.store.path) as other:
        other.add_note(Note(workshop.id, "who", "Typed in the other copy"))
        other.add_workshop(Workshop(workshop.programme_id, "W9", "What next?",
                                    "delivery-planning"))
    qtbot.waitUntil(lambda: card_texts(run) == ["Typed here", "Typed in the other copy"])
    qtbot.waitUntil(lambda: main.model.workshop_count() == 2)
    assert context.undo_stack.count() == 1  # (nothing of the other program's to undo)


def test_the_compile_view_refreshes_when_another_program_writes(qtbot, disk_context, fast_watch):
    context = disk_context
    workshop = make_workshop(context.store)
    main = MainWindow(context)
    qtbot.addWidget(main)
    compile_window = main.transfer.open_compile()
    qtbot.waitUntil(compile_window.isVisible)
    assert compile_window.visible_codes() == ["W2"]
    with another_program(context.store.path) as other:
        other.add_workshop(Workshop(workshop.programme_id, "W7", "Where next?",
                                    "delivery-planning"))
    qtbot.waitUntil(lambda: sorted(compile_window.visible_codes()) == ["W2", "W7"])


@pytest.mark.skipif(sys.platform == "win32", reason="Windows does not let an open file be deleted")
def test_twenty_notes_typed_after_the_file_was_deleted_are_not_reported_saved(
        qtbot, disk_context, dialogs, fast_watch):
    context = disk_context
    workshop = make_workshop(context.store)
    main = MainWindow(context)
    qtbot.addWidget(main)
    run = open_run(qtbot, context, workshop.id)
    type_note(qtbot, run, "Saved before")
    path = context.store.path
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.remove(f"{path}{suffix}")
    box = run.capture.box
    typed = [f"Idea number {n}" for n in range(1, 21)]
    for text in typed:
        qtbot.keyClicks(box, text)
        qtbot.keyClick(box, Qt.Key.Key_Return)
        assert "NOT saved" in run.saved_label.text()
        qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert [n.text for n in context.store.notes()] == ["Saved before"]  # nothing written
    assert card_texts(run) == ["Saved before"]
    assert box.toPlainText().split("\n")[:-1] == typed  # every word still in the box
    assert run.gone_banner.isVisible() and not main.gone_banner.isHidden()
    assert str(path) in run.gone_banner.text() and "start the app again" in run.gone_banner.text()
    assert len(dialogs.errors) == 1  # said once (the library window), not twenty times
    assert "Library file missing" in main.saved_label.text()
    assert context.undo_stack.count() == 1


@pytest.mark.skipif(sys.platform == "win32", reason="Windows does not let an open file be deleted")
def test_the_timer_notices_a_deleted_file_before_anything_is_typed(
        qtbot, disk_context, dialogs, fast_watch):
    context = disk_context
    main = MainWindow(context)
    qtbot.addWidget(main)
    os.remove(context.store.path)
    qtbot.waitUntil(lambda: not main.gone_banner.isHidden())
    assert "deleted" in dialogs.errors[0] and str(context.store.path) in dialogs.errors[0]
