"""The crash dialog (see ``ui.crash``): the notes are safe, here is the log, copy the details."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import APP_NAME


class CrashDialog(QDialog):
    """'Something went wrong': the notes are safe, here is the log, copy the details."""

    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(f"{APP_NAME}: something went wrong")
        self.details = details
        where = (
            f"The details are also in the log file:<br><code>{html.escape(str(log_path))}</code>"
            if log_path
            else "The log file could not be written on this computer."
        )
        self.message = QLabel(
            "<h3>Something went wrong</h3>"
            "<p><b>Your notes are safe.</b> Every note is saved to disk as you type it, so "
            "nothing you entered before this message has been lost.</p>"
            "<p>You can carry on working. If this keeps happening, save and close the app, "
            "start it again, and tell your IT contact or the Communities Team.</p>"
            f"<p>{where}</p>"
            "<p>Nothing has been sent anywhere: the app never uses the internet.</p>"
        )
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setAccessibleName("Error details")
        self.details_view.setMinimumHeight(160)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        self.copy_button.setToolTip("Copy the error details, to paste into an email yourself")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)
        self.copied_label = QLabel("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details_view, 1)
        layout.addWidget(self.copied_label)
        layout.addWidget(buttons)
        # Wide and tall enough for the whole message at any text size: a fixed 620×460 cut
        # the log file's path off at 150 %.
        width = max(620, self.fontMetrics().averageCharWidth() * 80)
        self.resize(width, max(460, layout.totalHeightForWidth(width)))

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copied_label.setText("Copied: paste the details into an email if you wish.")
