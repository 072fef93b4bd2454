"""Take the user guide's pictures of the real window, offscreen.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py

Writes ``docs/images/welcome.png``, ``main-window.png``, ``file-menu.png`` and ``settings.png``
from a temporary library (the demo programme), with temporary settings, so it
never touches your own library. Other pages' pictures (the run screen, the
presenter window, the report) are made by their features' own scripts.
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


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from docs.pictures import picture_context
    from facilitator.demo import load_demo
    from facilitator.library import open_library
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.preferences import PreferencesFeature

    IMAGES.mkdir(parents=True, exist_ok=True)
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="wf screenshots ") as folder:
        library = open_library(Path(folder) / "library.wfdb")
        context = picture_context(library, folder)
        context.settings.facilitator_name = "Communities Officer"
        context.settings.organisation = "Leicestershire County Council"
        context.settings.area = "Leicestershire"
        # Show a typical Windows path rather than this machine's temporary folder.
        window = MainWindow(context)
        window.resize(1100, 680)
        shown_path = (
            r"C:\Users\facilitator\AppData\Local\Workshop Facilitator\library.wfdb"
        )
        window.empty_state.set_library_path(shown_path)
        window.statusBar().showMessage(f"Library: {shown_path}")
        window.show()
        app.processEvents()
        window.grab().save(str(IMAGES / "welcome.png"))

        load_demo(context.store)
        app.processEvents()
        window.tree.expandAll()
        window.tree.setCurrentIndex(window.model.index(0, 0))
        app.processEvents()
        window.grab().save(str(IMAGES / "main-window.png"))
        _grab_with_menu(window, window.menus["file"]).save(str(IMAGES / "file-menu.png"))

        feature = window.findChild(PreferencesFeature)
        feature.show_settings()
        app.processEvents()
        dialog = feature.dialog
        dialog.library_label.setText(f"The library in use is <code>{shown_path}</code>.")
        dialog.adjustSize()
        app.processEvents()
        dialog.grab().save(str(IMAGES / "settings.png"))
        dialog.reject()
        window.close()
        library.close()
    QApplication.processEvents()
    for name in ("welcome.png", "main-window.png", "file-menu.png", "settings.png"):
        print(IMAGES / name)
    return 0


def _grab_with_menu(window, menu):
    """The window with one of its menus open (a menu is its own window: paint it on)."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    bar = window.menuBar()
    anchor = bar.actionGeometry(menu.menuAction()).bottomLeft()
    menu.popup(bar.mapToGlobal(anchor))
    QApplication.processEvents()
    image = window.grab()
    painter = QPainter(image)
    painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())
    painter.end()
    menu.hide()
    return image


if __name__ == "__main__":
    sys.exit(main())
