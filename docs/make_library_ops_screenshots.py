"""Take the pictures of the "Several laptops, one programme" chapter, offscreen.

    QT_QPA_PLATFORM=offscreen python docs/make_library_ops_screenshots.py

Writes ``docs/images/import-question.png`` (the question an import asks when a file's
programme was set up separately), ``merge-preview.png`` (merging two copies of W2) and
``deleted-items.png``, from temporary libraries, with the windows' own code.
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
TITLE = "Communities Strategy Delivery Planning Workshops 2015"


class PictureDialogs:
    """Answers like a person would, and photographs the import's question on the way."""

    def __init__(self, app, out: Path) -> None:
        self.app, self.out = app, out
        self.file_answers: list = []

    def choose(self, parent, title, text, options, default=0):
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        buttons = [box.addButton(o, QMessageBox.ButtonRole.AcceptRole) for o in options]
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(buttons[default])
        box.show()
        self.app.processEvents()
        box.grab().save(str(self.out))
        box.close()
        return default

    def open_files(self, *_args, **_kwargs):
        return self.file_answers.pop(0)

    def info(self, *_args):
        pass

    error = info


def main() -> int:
    from PySide6.QtCore import QItemSelectionModel

    from docs.pictures import picture_context
    from facilitator import library_ops as ops
    from facilitator.library import open_library
    from facilitator.models import Attendance, Note, Programme, Workshop, WorkshopStatus
    from facilitator.transfer import export_workshops
    from ui.app import create_application
    from ui.library_model import ID_ROLE
    from ui.library_ops.merge_dialogs import MergeWorkshopsDialog
    from ui.main_window import MainWindow

    IMAGES.mkdir(parents=True, exist_ok=True)
    app = create_application()

    def workshop(store, programme, code, venue, notes, date="2015-02-10"):
        w = store.add_workshop(Workshop(
            programme.id, code, "How can I help and support older people in my community?",
            "delivery-planning", date=date, venue=venue, status=WorkshopStatus.HELD))
        store.add_notes([Note(w.id, "who", text) for text in notes])
        return w

    with tempfile.TemporaryDirectory(prefix="wf pictures ") as folder:
        folder = Path(folder)
        laptop = open_library(None)
        mine = laptop.store.add_programme(Programme(title=TITLE))
        workshop(laptop.store, mine, "W2", "Melton Carnegie Museum",
                 ["Older people living alone", "Carers who never get a break"])
        path = export_workshops(
            laptop.store, [w.id for w in laptop.store.workshops()],
            folder / "Ann's laptop.workshop").path
        laptop.close()

        library = open_library(folder / "library.wfdb")
        store = library.store
        office = store.add_programme(Programme(title=TITLE))
        first = workshop(store, office, "W2", "Melton Carnegie Museum",
                         ["People leaving hospital with no one at home"])
        store.set_attendance(Attendance(first.id, {"residents": 9, "vcse_groups": 4}))
        practice = workshop(store, office, "W9", "Practice run, County Hall", ["test note"])
        dialogs = PictureDialogs(app, IMAGES / "import-question.png")
        context = picture_context(library, folder, dialogs)
        window = MainWindow(context)
        window.resize(1100, 680)
        window.show()
        app.processEvents()

        dialogs.file_answers.append([path])
        run = window.transfer.import_files()
        while not run.done:
            app.processEvents()
        window.transfer.summary_dialog.close()
        app.processEvents()

        second = next(w for w in store.workshops(office.id) if w.code == "W2" and w.id != first.id)
        store.set_attendance(Attendance(second.id, {"residents": 7}))
        dialog = MergeWorkshopsDialog(context, first.id, second.id, window)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(IMAGES / "merge-preview.png"))
        dialog.close()

        ops.delete_workshop(store, practice.id)
        deleted = window.library_ops.open_deleted_items()
        deleted.resize(900, 300)
        for row in range(window.model.rowCount()):
            index = window.model.index(row, 0)
            if index.data(ID_ROLE) == office.id:
                window.tree.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        app.processEvents()
        deleted.grab().save(str(IMAGES / "deleted-items.png"))
        deleted.close()
        window.close()
        library.close()
    print("wrote import-question.png, merge-preview.png, deleted-items.png in", IMAGES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
