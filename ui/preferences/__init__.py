"""Feature: File ▸ Settings… (Ctrl+,), Help ▸ User guide (Ctrl+F1) and Open the log folder.

``install(window)`` adds the three actions and lets the welcome screen's "Read the user
guide" button open the guide.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from facilitator.logs import current_log_file, log_dir

if TYPE_CHECKING:  # (imported when first used)
    from PySide6.QtCore import QUrl

    from ui.preferences.dialog import PreferencesDialog

SETTINGS_SHORTCUT = "Ctrl+,"
GUIDE_SHORTCUT = "Ctrl+F1"  # F1 is the run screen's shortcut overlay


class PreferencesFeature(QObject):
    """Owns the Settings dialog and the guide opener for one main window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("preferencesFeature")
        self.window = window
        self.dialog: PreferencesDialog | None = None
        #: Called with the guide's QUrl; tests replace it to see what would open.
        self.opener = None
        #: Where the guide's HTML is written (None: the user's cache folder).
        self.guide_dir: Path | None = None

    def show_settings(self) -> None:
        from ui.preferences.dialog import PreferencesDialog

        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        self.dialog = PreferencesDialog(self.window.context, self.window)
        self.dialog.library_moved.connect(self._on_library_moved)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.open()

    def show_guide(self) -> None:
        from ui.guide import open_user_guide, user_guide_path  # not needed for the first frame

        if not user_guide_path().is_file():
            self.window.context.dialogs.error(
                self.window, "User guide", f"The user guide is missing: {user_guide_path()}."
            )
            return
        if self.opener is None:
            open_user_guide(target_dir=self.guide_dir)
        else:
            open_user_guide(self.opener, self.guide_dir)

    def show_log_folder(self) -> QUrl:
        """Open the folder with the log file, to attach it to an email if support asks."""
        from PySide6.QtCore import QUrl  # (its ~2 ms of types wait for the first use)
        from PySide6.QtGui import QDesktopServices

        current = current_log_file()
        folder = current.parent if current else log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        url = QUrl.fromLocalFile(str(folder))
        (self.opener or QDesktopServices.openUrl)(url)
        return url

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _on_library_moved(self, _path: Path) -> None:
        if self.dialog is not None:
            self.dialog.done(0)
        # Close every window (each saves as it closes); the next start opens the new file.
        QTimer.singleShot(0, QApplication.closeAllWindows)


def install(window) -> None:
    feature = PreferencesFeature(window)
    window.add_action(
        "file", "&Settings…", feature.show_settings, SETTINGS_SHORTCUT,
        "Library location, default names, report template, text size and presenter screen",
    )
    window.add_action(
        "help", "&User guide", feature.show_guide, GUIDE_SHORTCUT,
        "Open the user guide saved on this computer (no internet needed)",
    )
    window.add_action(
        "help", "Open the &log folder", feature.show_log_folder, None,
        "Show the folder with the app's log file, to send it to your IT contact if asked",
        reason_no_shortcut="only needed when asked by IT support",
    )
    # The welcome's "Read the user guide" (the welcome itself says where the library lives).
    window.guide_requested.connect(feature.show_guide)
