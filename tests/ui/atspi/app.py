"""The app's windows, opened for the AT-SPI audit (tests/ui/atspi/test_atspi.py).

Run by the test as ``python -m tests.ui.atspi.app LIBRARY`` on a virtual X server with a
private D-Bus session whose accessibility bus is already up, and ``QT_ACCESSIBILITY=1``,
so Qt joins AT-SPI exactly as it does under Orca. Prints ``ready PID`` once all
are shown, then a JSON line: each window's spoken name (how the walker, tests/ui/atspi/walk.py,
run by Debian's own Python with ``python3-pyatspi``, finds it) and its labels' visible text.
Ends when its standard input closes.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from facilitator.demo import load_demo
from facilitator.formats import load_builtin_formats
from facilitator.library import open_library
from tests.ui.a11y_audit import library_ops_setup, name_of, plain, shown
from ui.context import AppContext
from ui.settings import Settings


class QuietDialogs:
    """No modal message boxes in an audit: they would block the walk. The file choosers
    answer what the test asked for ("answer save_file PATH", "answer open_files PATH ...")
    once, as a user picking that file would."""

    def __init__(self) -> None:
        self.answers: dict[str, object] = {}

    def save_file(self, *args, **kwargs):
        return self.answers.pop("save_file", None)

    def open_files(self, *args, **kwargs):
        return self.answers.pop("open_files", [])

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def build(context: AppContext) -> dict[str, QWidget]:
    from facilitator.models import Workshop
    from facilitator.transfer.merge import FileSummary
    from ui.actions.window import ActionPlanWindow
    from ui.assets.dialogs import ConnectDialog
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
    from ui.transfer.summary_dialog import SummaryDialog
    from ui.workshop_dialog import WorkshopDialog

    store = context.store
    programme = load_demo(store)
    second = library_ops_setup(store, programme)
    workshops = store.workshops(programme.id)
    run_who = RunWindow(context, workshops[0].id)
    run_how = RunWindow(context, workshops[1].id)
    run_how.session.set_step("how")
    roadshow = store.add_workshop(
        Workshop(programme.id, "R1", "Roadshow: Melton market", "community-roadshow"))
    windows = {
        "main window": MainWindow(context),
        "run window on WHO": run_who,
        "run window on HOW": run_how,
        "presenter": PresenterWindow(run_how.session),
        "type-up": TypeUpView(run_who.session, None, None, Qt.WindowType.Window),
        "workshop dialog": WorkshopDialog(context, workshops[0]),
        "report dialog": ReportDialog(context, programme.id),
        "export dialog": ExportDialog(context, [w.id for w in workshops]),
        "compile": CompileWindow(context),
        "themes board": ThemesBoardWindow(context, context.undo_stack, programme.id, None,
                                          report=lambda *a: None),
        "settings": PreferencesDialog(context),
        "search": SearchWindow(context, lambda *a: None, programme_id=programme.id),
        "deleted items": DeletedItemsWindow(context, lambda command: True),
        "merge programmes": MergeProgrammesDialog(context, programme.id, second.id),
        "merge workshops": MergeWorkshopsDialog(context, workshops[0].id, workshops[1].id),
        "roadshow with its visitor tally": RunWindow(context, roadshow.id),
        "action plan": ActionPlanWindow(context, programme.id),
        "suggested themes": SuggestionsWindow(context, lambda command: True,
                                              programme_id=programme.id, step_key="who"),
        "asset register": AssetRegisterWindow(context, programme.id),
        "connect assets": ConnectDialog(context, programme.id),
        "move workshop": MoveWorkshopDialog(context, [workshops[2].id]),
        "workshops captured twice": SameWorkshopsDialog(context, [(workshops[3],
                                                                   workshops[4])]),
        "import summary": SummaryDialog([
            FileSummary(Path("W1 Oakham.workshop")),
            FileSummary(Path("broken.workshop"), error="is not a workshop file")]),
        "similar notes": SimilarNotesDialog(context, programme.id,
                                            store.notes(workshops[0].id)[0].id,
                                            lambda *a: None),
        "new workshop dialog": WorkshopDialog(context, programme_id=programme.id),
        "theme picker": ThemePicker(
            [ThemeEntry("t1", "Transport and buses", 4, ["no bus after six"]),
             ThemeEntry("t2", "Loneliness", 7, ["older people living alone"])],
            title="Move to a theme"),
        "wi-fi code": WifiDialog(),
        "open voting": VotingDialog(),
        "edit a phone's note": EditNoteDialog("Lift share to the surgery"),
    }
    for window in windows.values():
        window.show()
    return windows


def describe(windows: dict[str, QWidget]) -> dict:
    """Each window's spoken name (how the walker finds it) and its labels' visible text
    (what AT-SPI must expose), read in-process."""
    out = {}
    for title, window in windows.items():
        if not window.accessibleName():  # two run windows: tell them apart
            window.setWindowTitle(f"{window.windowTitle()} ({title})")
        labels = [plain(label.text()) for label in window.findChildren(QLabel)
                  if shown(label) and plain(label.text())]
        out[title] = {"name": name_of(window), "labels": labels}
    names = [entry["name"] for entry in out.values()]
    assert len(set(names)) == len(names), names
    return out


def activate(app: QApplication, window: QWidget, title: str, tries: int = 100) -> None:
    window.raise_()
    window.activateWindow()

    def check(left=tries):
        if app.activeWindow() is window or left <= 0:
            print(f"active {title}" if app.activeWindow() is window else f"inactive {title}",
                  flush=True)
            return
        QTimer.singleShot(50, lambda: check(left - 1))

    check()


def answer(context: AppContext, _windows, what: str) -> None:
    """The next file chooser of that kind answers these paths (the Dialogs seam)."""
    kind, *paths = what.split("\t")
    context.dialogs.answers[kind] = ([Path(p) for p in paths] if kind == "open_files"
                                     else Path(paths[0]))


def timer(_context, windows, seconds: str) -> None:
    """The WHO run window's countdown, paused with this many seconds left of ten minutes
    (as a workshop reopened part-way through a step)."""
    window = windows["run window on WHO"]
    window.timer.restore_state({window.session.step_key: (600.0, float(seconds))})


def postpone(context: AppContext, windows, reason: str) -> None:
    """The WHO run window's workshop marked postponed, as the library window's workshop
    dialog (or another laptop's import) would."""
    from dataclasses import replace

    from facilitator.models import WorkshopStatus

    window = windows["run window on WHO"]
    title = window.windowTitle()
    context.store.update_workshop(replace(window.session.workshop,
                                          status=WorkshopStatus.POSTPONED,
                                          status_reason=reason))
    window.setWindowTitle(title)  # (the workshop's change set it afresh, without the suffix)


def close_dialogs(_context, windows, _arg) -> None:
    """Close the dialogs the app opened of itself (the import summary)."""
    from PySide6.QtWidgets import QDialog

    for widget in QApplication.topLevelWidgets():
        if (isinstance(widget, QDialog) and widget.isVisible()
                and widget not in windows.values()):
            widget.reject()


#: What the test can ask of the app besides "activate": each answers "done VERB".
COMMANDS = {"answer": answer, "timer": timer, "postpone": postpone, "close": close_dialogs}


def main(argv: list[str]) -> int:
    app = QApplication([sys.argv[0]])
    path = Path(argv[0])
    library = open_library(path, load_builtin_formats())
    settings = Settings(QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat))
    context = AppContext(library, settings, QuietDialogs())
    windows = build(context)

    def ready():
        print(f"ready {os.getpid()}", flush=True)
        print(json.dumps(describe(windows)), flush=True)

    QTimer.singleShot(500, ready)
    # "activate TITLE" brings that window to the front, as clicking it would (there is no
    # window manager), and answers "active TITLE" once it has the keyboard. Ends when the
    # test closes our standard input (or the test itself goes away).
    def command(*_args):
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        verb, _, title = line.strip().partition(" ")
        if verb == "activate" and title in windows:
            activate(app, windows[title], title)
        elif verb in COMMANDS:
            COMMANDS[verb](context, windows, title)
            print(f"done {verb}", flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    code = app.exec()
    for window in windows.values():
        window.close()
    library.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
