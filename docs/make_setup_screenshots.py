"""Take the pictures of setting up a workshop and importing notes from a table, offscreen.

    QT_QPA_PLATFORM=offscreen python docs/make_setup_screenshots.py

Writes ``docs/images/new-workshop.png`` (the New workshop dialog with Save and "Save and
start") and ``docs/images/notes-import.png`` (the notes import dialog starting with the
columns chosen last time for the same headers), from a temporary library with the demo
programme, so it never touches your own library.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IMAGES = ROOT / "docs" / "images"
TABLE = (
    "Session,Stage,What people wrote,Table\n"
    "W2,who,Older people living alone in villages,Table 1\n"
    "W2,who,Carers who never get a break,Table 2\n"
    "W2,what,A lunch club in the village hall,Table 1\n"
    "W2,what,A lunch club in the village hall,Table 3\n"
    "W2,how,Befriending rota run by the parish council,Table 2\n"
)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from docs.pictures import picture_context
    from facilitator.demo import load_demo
    from facilitator.library import open_library
    from facilitator.transfer.notes_import import (
        apply_notes_import,
        columns_for,
        plan_notes_import,
    )
    from facilitator.transfer.notes_table import read_table
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.run import new_workshop

    IMAGES.mkdir(parents=True, exist_ok=True)
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="wf screenshots ") as folder:
        library = open_library(Path(folder) / "library.wfdb")
        context = picture_context(library, folder)
        context.settings.facilitator_name = "Communities Officer"
        load_demo(context.store)
        window = MainWindow(context)
        window.resize(1100, 680)
        window.show()
        window.tree.setCurrentIndex(window.model.index(0, 0))
        app.processEvents()

        dialog = new_workshop(window)
        dialog.code.setText("W8")
        dialog.theme_question.setText("How can we support carers in our community?")
        dialog.date.setText("4/3/2026")
        dialog.venue.setText("Oakham library")
        dialog.district.setText("Rutland")
        app.processEvents()
        dialog.grab().save(str(IMAGES / "new-workshop.png"))
        dialog.reject()

        # Last week's table was imported with its columns chosen by hand...
        earlier = Path(folder) / "Wall photos W2 week 1.csv"
        earlier.write_text(TABLE.splitlines()[0] + "\nW2,who,Young carers,Table 4\n",
                           encoding="utf-8")
        table = read_table(earlier)
        mapping, _ = columns_for(context.store, table, {"workshop": 0, "text": 2})
        apply_notes_import(context.store, plan_notes_import(context.store, table, mapping))
        # ...so this week's, with the same headers, starts with them.
        path = Path(folder) / "Wall photos W2 week 2.csv"
        path.write_text(TABLE, encoding="utf-8")
        reading = window.transfer.import_notes(path)  # the table is read on a worker
        while not reading.done:
            app.processEvents()
        notes = window.transfer.notes_dialog
        notes.resize(760, 720)
        app.processEvents()
        notes.grab().save(str(IMAGES / "notes-import.png"))
        notes.reject()
        window.close()
        library.close()
    QApplication.processEvents()
    for name in ("new-workshop.png", "notes-import.png"):
        print(IMAGES / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
