"""The red band a window shows when its library file has gone (``LibraryWatch.gone``).

Made when it is first wanted (the library window's first frame does without its QLabel)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from ui.announce import announce

if TYPE_CHECKING:
    from ui.library_watch import LibraryWatch


class GoneBanner(QLabel):
    """A red band across a window: the library file has gone and nothing more is saved."""

    def __init__(self, watch: LibraryWatch, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryGoneBanner")
        self.setAccessibleDescription("Library file missing")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel { background: #a4262c; color: white; padding: 8px 12px; "
            "font-weight: bold; border-radius: 4px; }")
        self.hide()
        watch.gone.connect(self.show_message)
        if watch.message is not None:
            self.show_message(watch.message)

    def show_message(self, message: str) -> None:
        from PySide6.QtCore import Qt  # (not before the first frame: see ui.library_watch)

        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setText(message)
        self.show()
        announce(self, message, assertive=True)
