"""``main.py --self-test``: the window, offscreen, on a temporary library, through its own code.

Creates a programme, a workshop and a note with the same commands the window
uses, checks they read back from a reopened library, exports the Summary of
Results and reads the note back from it, and says what failed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

LIBRARY_NAME = "Self-test library é.wfdb"


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from facilitator.library import open_library
    from facilitator.models import Note, Programme, Workshop
    from ui.app import create_application
    from ui.commands.library import AddProgrammeCommand, AddWorkshopCommand
    from ui.commands.notes import AddNotesCommand
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings import Settings

    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="wf self test ") as folder:
        path = Path(folder) / LIBRARY_NAME
        app = create_application()
        qsettings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        context = AppContext(open_library(path), Settings(qsettings))
        window = MainWindow(context)
        window.show()
        app.processEvents()
        programme = Programme("Self-test programme", area="Testshire")
        if not window.run_command(AddProgrammeCommand(context.store, programme)):
            failures.append("could not add a programme")
        workshop = Workshop(programme.id, "W1", "How can we help?", "delivery-planning")
        if not window.run_command(AddWorkshopCommand(context.store, workshop)):
            failures.append("could not add a workshop")
        note = Note(workshop.id, "who", "Self-test note ✓ with emoji 🙂")
        if not window.run_command(AddNotesCommand(context.store, [note])):
            failures.append("could not add a note")
        app.processEvents()
        if window.model.workshop_count() != 1:
            failures.append(f"the window lists {window.model.workshop_count()} workshops, not 1")
        window.undo_stack.undo()
        if context.store.notes(workshop.id):
            failures.append("undo did not remove the note")
        window.undo_stack.redo()
        window.close()
        context.library.close()
        again = open_library(path)
        texts = [n.text for n in again.store.notes(workshop.id)]
        again.close()
        if texts != [note.text]:
            failures.append(f"the note did not read back from disk: {texts!r}")
        for extra in _extra_checks():
            failures.extend(extra(folder))
    if failures:
        for failure in failures:
            print(f"self-test FAILED: {failure}", file=sys.stderr)
        return 1
    print("self-test passed")
    return 0


def _extra_checks():
    """Feature checks after the window's own (each: folder -> list of failures)."""
    return [_check_summary_report]


def _check_summary_report(folder: str) -> list[str]:
    """Export the Summary of Results from the self-test library and read it back."""
    import docx

    from facilitator.library import open_library
    from facilitator.reports.docx_writer import write_report
    from facilitator.reports.gather import build_report

    library = open_library(Path(folder) / LIBRARY_NAME, create=False)
    try:
        programme = library.store.find_programme("Self-test programme")
        target = write_report(build_report(library.store, programme), Path(folder) / "Summary é.docx")
    except Exception as exc:  # noqa: BLE001 - reported as a failure, not a traceback
        return [f"could not export the summary report: {exc}"]
    finally:
        library.close()
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    if "Self-test note ✓ with emoji 🙂" not in text:
        return ["the summary report does not hold the note as written"]
    return []
