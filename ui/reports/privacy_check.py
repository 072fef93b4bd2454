"""The export dialog's personal-data check: the chosen workshops' notes that look like personal
data (``facilitator.reports.privacy``), listed to edit, or to mark checked and keep, and the
names the check looks for. Each change is an undoable command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from facilitator.reports.privacy import Finding, find_personal_data
from ui.commands.base import try_push
from ui.commands.notes import EditNoteCommand
from ui.commands.report_checks import MarkCheckedCommand, SetPrivacyNamesCommand

if TYPE_CHECKING:
    from facilitator.models import Programme, Workshop
    from facilitator.store import Store
    from ui.context import AppContext


class PersonalDataCheck(QDialog):
    """Part of ``ExportDialog`` (a mixin): uses its ``context``, ``store``, ``programme`` and
    ``checked_workshops``, and calls ``_on_selection_changed`` after an edit."""

    context: AppContext
    store: Store
    programme: Programme

    def checked_workshops(self) -> list[Workshop]:
        raise NotImplementedError  # (ExportDialog's: the ticked workshops)

    def _on_selection_changed(self, *_args) -> None:
        raise NotImplementedError  # (ExportDialog's: counts and warnings again)

    def build_privacy_check(self) -> QHBoxLayout:
        """The check's label, list and buttons (the caller lays out the label and list); the
        row of buttons is returned."""
        self.privacy_label = QLabel()
        self.privacy_label.setObjectName("privacyLabel")
        self.privacy_label.setWordWrap(True)
        self.privacy_list = QListWidget()
        self.privacy_list.setObjectName("privacyList")
        self.privacy_list.setAccessibleName("Notes that may hold personal data")
        self.privacy_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.privacy_list.setMaximumHeight(110)
        self.privacy_list.itemDoubleClicked.connect(lambda _item: self.edit_flagged())
        self.edit_note_button = QPushButton("E&dit note…")
        self.edit_note_button.setObjectName("editNoteButton")
        self.edit_note_button.clicked.connect(self.edit_flagged)
        self.keep_button = QPushButton("Checked, &keep")
        self.keep_button.setObjectName("keepButton")
        self.keep_button.setToolTip("The selected notes are fine as they are: stop flagging them "
                                    "(until their text changes)")
        self.keep_button.clicked.connect(self.keep_flagged)
        self.names_button = QPushButton("&Names to look for…")
        self.names_button.setObjectName("namesButton")
        self.names_button.clicked.connect(self.edit_names)
        privacy_buttons = QHBoxLayout()
        for button in (self.edit_note_button, self.keep_button, self.names_button):
            privacy_buttons.addWidget(button)
        privacy_buttons.addStretch(1)
        self.findings: list[Finding] = []
        return privacy_buttons

    def check_personal_data(self) -> None:
        """List the chosen workshops' notes that look like personal data."""
        chosen = self.checked_workshops()
        self.findings = find_personal_data(self.store, self.programme, chosen) if chosen else []
        self.privacy_list.clear()
        for finding in self.findings:
            text = " ".join(finding.text.split())
            item = QListWidgetItem(
                f"{finding.workshop_code} {finding.step_key.upper()}: “{text[:70]}"
                f"{'…' if len(text) > 70 else ''}” — {'; '.join(finding.reasons)}"
            )
            item.setToolTip(finding.text)
            item.setData(Qt.ItemDataRole.UserRole, finding.note_id)
            self.privacy_list.addItem(item)
        count = len(self.findings)
        names = len(self.store.privacy_names())
        looked = (
            "email addresses, UK phone numbers, addresses with a postcode, Mr/Mrs/Ms/Dr and a "
            f"name, and {names} name{'s' if names != 1 else ''} on your list"
        )
        self.privacy_label.setText(
            f"⚠ {count} note{'s' if count != 1 else ''} may hold personal data. Edit them, or "
            "select and mark them checked, keep (nothing is changed for you):"
            if count else f"Personal data check: nothing found (looked for {looked})."
        )
        self.privacy_list.setVisible(bool(count))
        self.edit_note_button.setVisible(bool(count))
        self.keep_button.setVisible(bool(count))
        if count:
            self.privacy_list.setCurrentRow(0)

    def _selected_findings(self):
        ids = {item.data(Qt.ItemDataRole.UserRole) for item in self.privacy_list.selectedItems()}
        return [f for f in self.findings if f.note_id in ids]

    def _run(self, command) -> bool:
        return try_push(
            self.context.undo_stack, command,
            lambda exc: self.context.dialogs.error(self, self.windowTitle(), str(exc)),
        )

    def edit_flagged(self) -> None:
        chosen = self._selected_findings()
        if not chosen:
            return
        finding = chosen[0]
        note = self.store.get_note(finding.note_id)
        text = self.context.dialogs.ask_text(
            self, "Edit note", f"{finding.workshop_code}: {'; '.join(finding.reasons)}", note.text
        )
        if text is None or text == note.text or not text.strip():
            return
        if self._run(EditNoteCommand(self.store, note.id, note.text, text)):
            self._on_selection_changed()

    def keep_flagged(self) -> None:
        chosen = self._selected_findings()
        if chosen and self._run(MarkCheckedCommand(self.store, [(f.note_id, f.text) for f in chosen])):
            self.check_personal_data()

    def edit_names(self) -> None:
        current = ", ".join(self.store.privacy_names())
        text = self.context.dialogs.ask_text(
            self, "Names to look for",
            "Names the check should look for (people who signed in, say), separated by commas:",
            current,
        )
        if text is None:
            return
        names = [n.strip() for n in text.split(",") if n.strip()]
        if names != self.store.privacy_names() and self._run(SetPrivacyNamesCommand(self.store, names)):
            self.check_personal_data()
