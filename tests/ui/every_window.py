"""Every window and dialog of the app, opened over the demo library as a person opens it
(``WINDOWS``: its name -> how to open it), and the fixture that closes what they opened.
The accessibility audit (tests/ui/accessibility) and the shortcut check walk them all."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.a11y_audit import library_ops_setup
from ui.actions.window import ActionPlanWindow
from ui.assets.register import AssetRegisterWindow
from ui.compile.board import ThemesBoardWindow
from ui.compile.window import CompileWindow
from ui.library_ops.deleted_items import DeletedItemsWindow
from ui.library_ops.merge_dialogs import (
    MergeProgrammesDialog,
    MergeWorkshopsDialog,
    MoveWorkshopDialog,
)
from ui.library_ops.same_workshops import SameWorkshopsDialog
from ui.main_window import MainWindow
from ui.preferences.dialog import PreferencesDialog
from ui.reports.dialog import ExportDialog as ReportDialog
from ui.run.phones_panel import EditNoteDialog
from ui.run.phones_room import VotingDialog, WifiDialog
from ui.run.presenter import PresenterWindow
from ui.run.typeup import TypeUpView
from ui.run.window import RunWindow
from ui.sense.picker import ThemeEntry, ThemePicker
from ui.sense.search_window import SearchWindow
from ui.sense.similar import SimilarNotesDialog
from ui.sense.suggestions import SuggestionsWindow
from ui.transfer.export_dialog import ExportDialog
from ui.workshop_dialog import WorkshopDialog

OPENED: list = []


def _show(qtbot, widget):
    OPENED.append(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _run(qtbot, context, demo, key=None):
    programme, workshops = demo
    run = _show(qtbot, RunWindow(context, workshops[0].id))
    if key:
        run.session.set_step(key)
    return run


WINDOWS = {
    "main window": lambda qtbot, context, demo: _show(qtbot, MainWindow(context)),
    "run window on WHO": lambda qtbot, context, demo: _run(qtbot, context, demo, "who"),
    "run window on HOW": lambda qtbot, context, demo: _run(qtbot, context, demo, "how"),
    "presenter": lambda qtbot, context, demo: _show(
        qtbot, PresenterWindow(_run(qtbot, context, demo, "how").session)),
    "type-up": lambda qtbot, context, demo: _show(
        qtbot, TypeUpView(_run(qtbot, context, demo).session, None, None, Qt.WindowType.Window)),
    "workshop dialog": lambda qtbot, context, demo: _show(
        qtbot, WorkshopDialog(context, demo[1][0])),
    "new workshop dialog": lambda qtbot, context, demo: _show(
        qtbot, WorkshopDialog(context, programme_id=demo[0].id)),
    "report dialog": lambda qtbot, context, demo: _show(qtbot, ReportDialog(context, demo[0].id)),
    "export dialog": lambda qtbot, context, demo: _show(
        qtbot, ExportDialog(context, [w.id for w in demo[1]])),
    "compile": lambda qtbot, context, demo: _show(qtbot, CompileWindow(context)),
    "themes board": lambda qtbot, context, demo: _show(qtbot, ThemesBoardWindow(
        context, context.undo_stack, demo[0].id, None, report=lambda *a: None)),
    "settings": lambda qtbot, context, demo: _show(qtbot, PreferencesDialog(context)),
    "search": lambda qtbot, context, demo: _show(
        qtbot, SearchWindow(context, lambda *a: None, programme_id=demo[0].id)),
    "deleted items": lambda qtbot, context, demo: (library_ops_setup(context.store, demo[0]),
                                                   _show(qtbot, DeletedItemsWindow(
                                                       context, lambda command: True)))[1],
    "merge programmes": lambda qtbot, context, demo: _show(qtbot, MergeProgrammesDialog(
        context, demo[0].id, library_ops_setup(context.store, demo[0]).id)),
    "merge workshops": lambda qtbot, context, demo: _show(
        qtbot, MergeWorkshopsDialog(context, demo[1][0].id, demo[1][1].id)),
    "roadshow with its visitor tally": lambda qtbot, context, demo: _roadshow(
        qtbot, context, demo),
    "action plan": lambda qtbot, context, demo: _show(
        qtbot, ActionPlanWindow(context, demo[0].id)),
    "suggested themes": lambda qtbot, context, demo: _show(qtbot, SuggestionsWindow(
        context, lambda command: True, programme_id=demo[0].id, step_key="who")),
    "action form": lambda qtbot, context, demo: _action_form(qtbot, context, demo, "edit"),
    "progress form": lambda qtbot, context, demo: _action_form(
        qtbot, context, demo, "progress"),
    "asset register": lambda qtbot, context, demo: _show(
        qtbot, AssetRegisterWindow(context, demo[0].id)),
    "asset duplicates": lambda qtbot, context, demo: _dialog_of(
        qtbot, AssetRegisterWindow(context, demo[0].id), "duplicates"),
    "connect assets": lambda qtbot, context, demo: _show(
        qtbot, _connect_dialog(context, demo)),
    "move workshop": lambda qtbot, context, demo: _show(
        qtbot, MoveWorkshopDialog(context, [demo[1][0].id])),
    "workshops captured twice": lambda qtbot, context, demo: _show(
        qtbot, SameWorkshopsDialog(context, [(demo[1][0], demo[1][1])])),
    "theme picker": lambda qtbot, context, demo: _show(qtbot, ThemePicker(
        [ThemeEntry("t1", "Transport and buses", 4, ["no bus after six"]),
         ThemeEntry("t2", "Loneliness", 7, ["older people living alone"])],
        title="Move to a theme")),
    "similar notes": lambda qtbot, context, demo: _show(qtbot, SimilarNotesDialog(
        context, demo[0].id, context.store.notes(demo[1][0].id)[0].id, lambda *a: None)),
    "import summary": lambda qtbot, context, demo: _show(qtbot, _summary_dialog()),
    "wi-fi code": lambda qtbot, context, demo: _show(qtbot, WifiDialog()),
    "open voting": lambda qtbot, context, demo: _show(qtbot, VotingDialog()),
    "edit a phone's note": lambda qtbot, context, demo: _show(
        qtbot, EditNoteDialog("Lift share to the surgery")),
}


def _dialog_of(qtbot, register, which):
    """A dialog the asset register opens (its Possible duplicates, say), as it opens it."""
    _show(qtbot, register)
    getattr(register, f"show_{which}")()
    dialog = getattr(register, f"{which}_dialog")
    OPENED.append(dialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _connect_dialog(context, demo):
    from ui.assets.dialogs import ConnectDialog

    return ConnectDialog(context, demo[0].id)


def _summary_dialog():
    """The import summary: one file taken, one refused."""
    from pathlib import Path

    from facilitator.transfer.merge import FileSummary
    from ui.transfer.summary_dialog import SummaryDialog

    return SummaryDialog([FileSummary(Path("W1 Oakham.workshop")),
                          FileSummary(Path("broken.workshop"),
                                      error="is not a workshop file")])


def _roadshow(qtbot, context, demo):
    from facilitator.models import Workshop

    workshop = context.store.add_workshop(
        Workshop(demo[0].id, "R1", "Roadshow: Melton market", "community-roadshow"))
    return _show(qtbot, RunWindow(context, workshop.id))


def _action_form(qtbot, context, demo, which):
    """The action plan's form for an action's details, or for a progress update."""
    window = _show(qtbot, ActionPlanWindow(context, demo[0].id))
    (window.edit_details if which == "edit" else window.add_progress)()
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    window.dialog.activateWindow()
    qtbot.waitUntil(window.dialog.isActiveWindow)
    return window.dialog


@pytest.fixture(autouse=True)
def _close_opened(context):
    yield
    # Closed and deleted while the library is still open (before ``context`` closes it).
    while OPENED:
        opened = OPENED.pop()
        if not shiboken6.isValid(opened):  # (deleted on close already)
            continue
        opened.close()
        opened.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
