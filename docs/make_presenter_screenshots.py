"""Take the pictures of the presenter screen and of "Type up the wall", offscreen.

    QT_QPA_PLATFORM=offscreen python docs/make_presenter_screenshots.py

Writes ``docs/images/presenter.png`` (1920 x 1080, as a projector shows it) and
``docs/images/type-up.png`` from a temporary copy of the demo programme, never
touching your own library. The photo of the wall is drawn here, not a real one.
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
WALL_NOTES = (
    "Lunch club\nat the\nchapel", "Lift share\nto the\nsurgery", "Good\nneighbour\nscheme",
    "Library\nhome\nvisits", "Men's\nshed", "Phone\nbuddies", "Walking\ngroup", "Repair\ncafe",
)


def draw_wall(path: Path) -> Path:
    """A made-up photo of a wall of sticky notes, with handwriting-like text."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(3200, 2400, QImage.Format.Format_RGB32)
    image.fill(QColor("#e9e4da"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("DejaVu Sans", 54)
    font.setItalic(True)
    painter.setFont(font)
    colours = ("#fff176", "#f8bbd0", "#c5e1a5", "#b3e5fc")
    for index, text in enumerate(WALL_NOTES):
        row, column = divmod(index, 4)
        box = QRect(180 + column * 730, 300 + row * 950, 560, 560)
        painter.save()
        painter.translate(box.center())
        painter.rotate((-3, 2, -1, 4)[index % 4])
        painter.translate(-box.center())
        painter.fillRect(box, QColor(colours[index % 4]))
        painter.setPen(QColor("#263238"))
        painter.drawText(box.adjusted(30, 30, -30, -30), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
    painter.end()
    image.save(str(path), "JPEG", 88)
    return path


def main() -> int:
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    from docs.pictures import demo_w2, picture_context
    from facilitator.library import open_library
    from facilitator.models import Note
    from ui.app import create_application
    from ui.run.presenter import PresenterWindow
    from ui.run.session import RunSession
    from ui.run.timer import StepTimer
    from ui.run.typeup import TypeUpView

    IMAGES.mkdir(parents=True, exist_ok=True)
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="wf screenshots ") as folder:
        library = open_library(Path(folder) / "library.wfdb")
        _programme, workshop = demo_w2(library)
        session = RunSession(picture_context(library, folder), workshop.id)
        session.set_step("what")
        now = [1000.0]
        timer = StepTimer(session, clock=lambda: now[0])
        timer.start_pause()
        now[0] += 17 * 60 + 24
        presenter = PresenterWindow(session, timer.countdown, clock=lambda: now[0])
        presenter.resize(1920, 1080)
        presenter.show()
        app.processEvents()
        for text in ("Pop-up cafe in the church hall on market day",
                     "Young people teaching phone and tablet skills"):
            library.store.add_note(Note(workshop.id, "what", text))
            app.processEvents()
        presenter.face.refresh()
        app.processEvents()
        presenter.grab().save(str(IMAGES / "presenter.png"))
        presenter.close()

        session.set_step("who")
        host = QWidget()
        capture = QLineEdit()
        capture.setPlaceholderText("Type a note from the photo and press Enter")
        QVBoxLayout(host).addWidget(capture)
        view = TypeUpView(session, capture=capture)
        view.resize(1280, 760)
        view.show()
        wall = draw_wall(Path(folder) / "IMG_2041.jpg")
        finished = []
        view.strip.attach_finished.connect(finished.append)
        view.strip.attach_files([wall])
        while not finished:
            app.processEvents()
        app.processEvents()
        view.viewer.zoom_by(1.6)
        app.processEvents()
        view.grab().save(str(IMAGES / "type-up.png"))
        view.close()
        library.close()
    QApplication.processEvents()
    for name in ("presenter.png", "type-up.png"):
        print(IMAGES / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
