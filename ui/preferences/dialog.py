"""File ▸ Settings: one dialog over :class:`ui.settings.Settings`.

Library location (moved safely: copied and verified, then used from the next
start), default facilitator name and organisation, the area named in the
questions, the Word template for reports, interface text size and the screen
for the presenter window. Text fields and choices are saved on OK; moving the
library is its own confirmed step, because it closes the app.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.preferences import PreferenceError, check_word_template
from facilitator.store import LibraryError, Store
from facilitator.store.relocate import copy_library
from ui.app import application, apply_text_scale
from ui.context import AppContext

LIBRARY_FILTER = "Workshop Facilitator library (*.wfdb);;All files (*)"
TEMPLATE_FILTER = "Word document or template (*.docx *.dotx)"


def screen_choices() -> list[tuple[str, int]]:
    """(label, index) for the presenter screen list; -1 means 'the second screen, if any'."""
    choices = [("Automatic: the second screen when there is one", -1)]
    for number, screen in enumerate(QGuiApplication.screens()):
        size = screen.size()
        name = screen.name() or screen.model() or "screen"
        choices.append((f"Screen {number + 1}: {name} ({size.width()}×{size.height()})", number))
    return choices


class PreferencesDialog(QDialog):
    #: Emitted with the new path once the library has been copied there and verified.
    library_moved = Signal(Path)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = context.settings
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Settings")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)  # grows with text size

        layout = QVBoxLayout(self)
        layout.addWidget(self._library_group())
        layout.addWidget(self._defaults_group())
        layout.addWidget(self._reports_group())
        layout.addWidget(self._display_group())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._on_library_location_changed()
        # Opens on the first field to fill in, not on OK (where a keyboard user sees nothing).
        self.facilitator_edit.setFocus()

    # ----------------------------------------------------------------- groups
    def _library_group(self) -> QGroupBox:
        group = QGroupBox("Library")
        form = QVBoxLayout(group)
        self.library_label = QLabel()
        self.library_label.setObjectName("libraryLocation")
        self.library_label.setWordWrap(True)
        self.move_button = QPushButton("&Move the library to…")
        self.move_button.setToolTip(
            "Copy the library to a new file, check the copy, and use it from the next start. "
            "The current file is kept as a backup."
        )
        self.move_button.clicked.connect(self._on_move_clicked)
        self.use_existing_button = QPushButton("Use a&nother library file…")  # Alt+A: Area
        self.use_existing_button.setToolTip(
            "Open a different library file from the next start (this one is kept)"
        )
        self.use_existing_button.clicked.connect(self._on_use_existing_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.use_existing_button)
        buttons.addStretch(1)
        form.addWidget(self.library_label)
        form.addLayout(buttons)
        return group

    def _defaults_group(self) -> QGroupBox:
        group = QGroupBox("New programmes and workshops")
        form = QFormLayout(group)
        self.facilitator_edit = QLineEdit(self.settings.facilitator_name)
        self.facilitator_edit.setPlaceholderText("e.g. Communities Officer")
        self.facilitator_edit.setToolTip("Filled in as the facilitator of new workshops")
        self.organisation_edit = QLineEdit(self.settings.organisation)
        self.organisation_edit.setPlaceholderText("e.g. Leicestershire County Council")
        self.organisation_edit.setToolTip("The council or organisation running the programme")
        self.area_edit = QLineEdit(self.settings.area)
        self.area_edit.setPlaceholderText("e.g. Leicestershire")
        self.area_edit.setToolTip(
            "Used in the questions: 'WHO within our communities in <area> most needs help?'"
        )
        form.addRow("Default &facilitator:", self.facilitator_edit)
        form.addRow("&Organisation:", self.organisation_edit)
        form.addRow("&Area named in the questions:", self.area_edit)
        return group

    def _reports_group(self) -> QGroupBox:
        group = QGroupBox("Reports")
        form = QFormLayout(group)
        self.template_path: Path | None = self.settings.template_path
        self.template_label = QLabel()
        self.template_label.setWordWrap(True)
        self.template_button = QPushButton("&Choose a Word template…")
        self.template_button.setToolTip(
            "A .docx or .dotx whose styles, header and logo the Summary of Results should use"
        )
        self.template_button.clicked.connect(self._on_choose_template_clicked)
        self.builtin_template_button = QPushButton("Use the &built-in template")
        self.builtin_template_button.clicked.connect(self._on_builtin_template_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.template_button)
        buttons.addWidget(self.builtin_template_button)
        buttons.addStretch(1)
        form.addRow("Word template:", self.template_label)
        form.addRow(buttons)
        self._on_template_changed()
        return group

    def _display_group(self) -> QGroupBox:
        group = QGroupBox("Display")
        form = QFormLayout(group)
        self.text_size_spin = QSpinBox()
        self.text_size_spin.setRange(60, 300)
        self.text_size_spin.setSingleStep(10)
        self.text_size_spin.setSuffix(" %")
        self.text_size_spin.setValue(round(self.settings.text_scale * 100))
        self.text_size_spin.setToolTip("Size of all text; 100 % is the computer's normal size")
        self.screen_combo = QComboBox()
        self.screen_combo.setToolTip("Where the presenter window (for the projector) opens")
        for label, index in screen_choices():
            self.screen_combo.addItem(label, index)
        chosen = self.screen_combo.findData(self.settings.presenter_screen)
        if chosen < 0:  # a screen that is no longer plugged in
            self.screen_combo.addItem(
                f"Screen {self.settings.presenter_screen + 1} (not connected now)",
                self.settings.presenter_screen,
            )
            chosen = self.screen_combo.count() - 1
        self.screen_combo.setCurrentIndex(chosen)
        form.addRow("Interface &text size:", self.text_size_spin)
        form.addRow("&Presenter screen:", self.screen_combo)
        return group

    # ------------------------------------------------------------- behaviour
    def accept(self) -> None:
        self.settings.facilitator_name = self.facilitator_edit.text().strip()
        self.settings.organisation = self.organisation_edit.text().strip()
        self.settings.area = self.area_edit.text().strip()
        self.settings.template_path = self.template_path
        self.settings.presenter_screen = int(self.screen_combo.currentData())
        scale = self.text_size_spin.value() / 100
        if abs(scale - self.settings.text_scale) > 0.001:
            self.settings.text_scale = scale
            apply_text_scale(application(), self.settings.text_scale)
        super().accept()

    def _on_choose_template_clicked(self) -> None:
        folder = str(self.template_path.parent) if self.template_path else ""
        path = self.context.dialogs.open_file(self, "Word template for reports", TEMPLATE_FILTER, folder)
        if path is None:
            return
        try:
            self.template_path = check_word_template(path)
        except PreferenceError as exc:
            self.context.dialogs.error(self, "This template cannot be used", str(exc))
            return
        self._on_template_changed()

    def _on_builtin_template_clicked(self) -> None:
        self.template_path = None
        self._on_template_changed()

    def _on_template_changed(self) -> None:
        if self.template_path is None:
            self.template_label.setText("The built-in template (A4, Word's own heading styles)")
        elif not self.template_path.is_file():  # moved, renamed, or a share not connected
            self.template_label.setText(
                f"<code>{html.escape(str(self.template_path))}</code><br><b>Not found:</b> "
                "reports cannot be exported with it. Choose it again, or use the built-in "
                "template."
            )
        else:
            self.template_label.setText(f"<code>{html.escape(str(self.template_path))}</code>")
        self.builtin_template_button.setEnabled(self.template_path is not None)

    def _current_library(self) -> Path | None:
        return self.context.store.path

    def _on_library_location_changed(self) -> None:
        current = self._current_library()
        text = (
            f"The library in use is <code>{html.escape(str(current))}</code>."
            if current
            else "The library in use is only in memory (not saved to a file)."
        )
        pending = self.settings.library_path
        if pending and current and Path(pending) != Path(current):
            text += (
                f"<br><b>From the next start:</b> <code>{html.escape(str(pending))}</code>."
            )
        self.library_label.setText(text)
        self.move_button.setEnabled(current is not None)

    def _on_move_clicked(self) -> None:
        current = self._current_library()
        if current is None:
            return
        destination = self.context.dialogs.save_file(
            self, "Move the library to", LIBRARY_FILTER, str(current)
        )
        if destination is None:
            return
        if not destination.suffix:
            destination = destination.with_suffix(".wfdb")
        if not self.context.dialogs.confirm(
            self,
            "Move the library",
            f"Copy the library to\n{destination}\n\nThe copy is checked, then the app closes; "
            "start it again to carry on with the library in its new place. The current file "
            f"stays at\n{current}\nas a backup until you delete it.",
        ):
            return
        try:
            moved = copy_library(self.context.store, destination)
        except LibraryError as exc:
            self.context.dialogs.error(self, "The library was not moved", str(exc))
            return
        self.settings.library_path = moved
        self._on_library_location_changed()
        self.context.dialogs.info(
            self,
            "Library copied",
            f"The library has been copied to\n{moved}\nand checked. The app will now close: "
            f"start it again to use the library there.\n\nThe old file is still at\n{current}",
        )
        self.library_moved.emit(moved)

    def _on_use_existing_clicked(self) -> None:
        path = self.context.dialogs.open_file(
            self, "Use another library file", LIBRARY_FILTER, str(self._current_library() or "")
        )
        if path is None:
            return
        try:
            Store.open(path, create=False).close()
        except LibraryError as exc:
            self.context.dialogs.error(self, "This library cannot be used", str(exc))
            return
        self.settings.library_path = path
        self._on_library_location_changed()
        self.context.dialogs.info(
            self,
            "Library chosen",
            f"From the next start the app will use\n{path}\n\nThe library in use now is "
            "unchanged.",
        )
