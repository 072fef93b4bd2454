"""Set up a workshop (new or edit): details, status with the reason, and attendance.

The dialog only collects and checks; saving is one undoable command
(``SaveWorkshopCommand``), run by whoever opened it (the library window or the
run window), so "Add workshop W2" and "Edit workshop W2" appear in Undo.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.models import (
    Attendance,
    ValidationError,
    Workshop,
    WorkshopStatus,
    iso_date,
)
from facilitator.store import Store
from ui.announce import show_status
from ui.attendance_form import AttendanceForm
from ui.commands.base import CompositeCommand, StoreCommand
from ui.commands.library import AddWorkshopCommand, EditWorkshopCommand, SetAttendanceCommand
from ui.context import AppContext


class SaveWorkshopCommand(CompositeCommand):
    """The workshop's details and its attendance, written together, undone together."""

    def __init__(
        self, store: Store, workshop: Workshop, parts: list[StoreCommand], text: str
    ) -> None:
        super().__init__(text, store, parts)
        self.workshop = workshop


class WorkshopDialog(QDialog):
    """New workshop (``workshop=None``) or edit one. Emits ``saved`` with the command to run."""

    saved = Signal(object)
    # Made by _build_form: the labels shown only for a postponed or cancelled workshop.
    reason_label: QLabel
    new_date_label: QLabel

    def __init__(
        self, context: AppContext, workshop: Workshop | None = None,
        programme_id: str | None = None, parent: QWidget | None = None,
        *, offer_start: bool = False,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.original = copy.deepcopy(workshop)
        self.setObjectName("workshopDialog")
        self.setWindowTitle(f"Edit workshop {workshop.code}" if workshop else "New workshop")
        self.setAccessibleName(self.windowTitle())
        w = workshop

        self.programme = self._build_programme_box(w.programme_id if w else programme_id)
        self.programme.setEnabled(w is None)
        self.code = self._line("code", w.code if w else "", "Short code, e.g. W2")
        self.theme_question = self._line(
            "themeQuestion", w.theme_question if w else "",
            "e.g. How can I help and support older people in my community?")
        self.format = self._build_format_box(w.format_key if w else None)
        self.date = self._line("date", w.date if w else "",
                               "e.g. 2015-03-04 or 4/3/2015 (day first)")
        self.venue = self._line("venue", w.venue if w else "", "e.g. Market Harborough library")
        self.district = self._line("district", w.district if w else "", "e.g. Harborough")
        self.facilitators = self._line(
            "facilitators",
            w.facilitators if w else self.context.settings.facilitator_name,
            "Names, separated by commas")
        self.status = QComboBox()
        for status in WorkshopStatus:
            self.status.addItem(status.label, status.value)
        self.status.setCurrentIndex(self.status.findData(w.status.value if w else "planned"))
        self.reason = self._line("statusReason", w.status_reason if w else "",
                                 "Why, e.g. snow, or too few sign-ups")
        self.new_date = self._line("rescheduledDate", w.rescheduled_date if w else "",
                                   "If a new date is set, e.g. 13/3/2015")
        self._name_boxes()
        self.form = self._build_form()

        attendance = self.store.attendance(w.id) if w else Attendance("")
        self.original_attendance = attendance
        self.attendance = AttendanceForm(attendance)

        self.error_label = self._build_error_label()

        #: Whether "Save and start" was pressed: the opener then opens the run window.
        self.start_after = False
        self.start_button: QPushButton | None = None
        self.buttons = self._build_buttons(offer_start)
        self._lay_out()

        self.status.currentIndexChanged.connect(self._on_status_changed)
        self._on_status_changed(focus=False)
        self.code.setFocus()

    def _build_programme_box(self, wanted: str | None) -> QComboBox:
        """The library's programmes, at ``wanted``."""
        box = QComboBox()
        for programme in self.store.programmes():
            box.addItem(programme.title, programme.id)
        if wanted and box.findData(wanted) >= 0:
            box.setCurrentIndex(box.findData(wanted))
        return box

    def _build_format_box(self, wanted: str | None) -> QComboBox:
        """The library's formats, at ``wanted`` (a new workshop: delivery planning)."""
        box = QComboBox()
        for key, fmt in self.context.library.formats().items():
            box.addItem(fmt.name, key)
        if wanted and box.findData(wanted) >= 0:
            box.setCurrentIndex(box.findData(wanted))
        elif box.findData("delivery-planning") >= 0:
            box.setCurrentIndex(box.findData("delivery-planning"))
        return box

    def _name_boxes(self) -> None:
        """The programme, format and status boxes: names, tips, and a width that fits."""
        for widget, name, tip in (
            (self.programme, "Programme", "The round of workshops this one belongs to"),
            (self.format, "Format", "The steps the workshop walks through"),
            (self.status, "Status", "Planned, held, postponed or cancelled"),
        ):
            widget.setObjectName(name[0].lower() + name[1:])
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
            # A long programme title must not push the dialog past a 1366-pixel screen:
            # the box shows what fits, the list and the tooltip show it whole.
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(40)
            for row in range(widget.count()):
                widget.setItemData(row, widget.itemText(row), Qt.ItemDataRole.ToolTipRole)

    def _build_form(self) -> QFormLayout:
        """The details, each with its label and key (the reason and new date shown only
        for a postponed or cancelled workshop)."""
        form = QFormLayout()
        form.addRow("&Programme:", self.programme)
        form.addRow("&Code:", self.code)
        form.addRow("&Theme question:", self.theme_question)
        form.addRow("&Format:", self.format)
        form.addRow("&Date:", self.date)
        form.addRow("&Venue:", self.venue)
        form.addRow("D&istrict:", self.district)
        form.addRow("F&acilitators:", self.facilitators)
        form.addRow("&Status:", self.status)
        self.reason_label = QLabel("&Reason:")
        self.reason_label.setBuddy(self.reason)
        form.addRow(self.reason_label, self.reason)
        self.new_date_label = QLabel("&New date:")
        self.new_date_label.setBuddy(self.new_date)
        form.addRow(self.new_date_label, self.new_date)
        return form

    def _build_error_label(self) -> QLabel:
        """What is wrong with the details, in red, shown when Save finds a problem."""
        label = QLabel("")
        label.setObjectName("errorLabel")
        # Named by its text (what a screen reader reads); the kind of label is the description.
        label.setAccessibleDescription("Problem")
        label.setWordWrap(True)
        label.setStyleSheet("color: #a4262c; font-weight: bold;")
        label.hide()
        return label

    def _build_buttons(self, offer_start: bool) -> QDialogButtonBox:
        """Save (Enter) and Cancel (Escape); with ``offer_start``, Save and start too."""
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip("Save the workshop (Enter)")
        save.setAccessibleName("Save the workshop")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip("Close without saving (Escape)")
        save.setDefault(True)
        if offer_start:
            start = buttons.addButton("Save and sta&rt", QDialogButtonBox.ButtonRole.ActionRole)
            start.setObjectName("saveAndStartButton")
            start.setToolTip("Save the workshop and open its run window (Ctrl+Enter or Alt+R)")
            start.setAccessibleName("Save and start: save the workshop and start it")
            start.setAutoDefault(False)
            start.clicked.connect(self.save_and_start)
            for key in ("Ctrl+Return", "Ctrl+Enter"):
                QShortcut(QKeySequence(key), self, self.save_and_start)
            self.start_button = start
        return buttons

    def _lay_out(self) -> None:
        """The details on the left, the attendance on the right; the problem and buttons
        under them."""
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addStretch(1)
        columns.addLayout(left, 3)
        columns.addWidget(self.attendance, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _line(self, name: str, text: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setToolTip(placeholder)
        label = "".join(" " + c.lower() if c.isupper() else c for c in name)
        edit.setAccessibleName(label.capitalize())
        return edit

    def _name_shortcuts(self) -> None:
        """Each field's tooltip ends with the Alt key its label gives it, e.g. "(Alt+D)"."""
        for row in range(self.form.rowCount()):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None:
                continue
            label_widget, widget = label.widget(), field.widget()
            if not isinstance(label_widget, QLabel) or widget is None:
                continue
            text = label_widget.text()
            base = widget.property("base_tip") or widget.toolTip()
            widget.setProperty("base_tip", base)
            at = text.replace("&&", "").find("&")
            key = text.replace("&&", "")[at + 1].upper() if 0 <= at < len(text) - 1 else ""
            widget.setToolTip(f"{base} (Alt+{key})" if key else base)

    # --------------------------------------------------------------- status
    def _on_status_changed(self, *_args, focus: bool = True) -> None:
        status = WorkshopStatus(self.status.currentData())
        needs_reason = status in (WorkshopStatus.POSTPONED, WorkshopStatus.CANCELLED)
        postponed = status == WorkshopStatus.POSTPONED
        self.reason_label.setText("&Why postponed?" if postponed else "&Why cancelled?")
        self._name_shortcuts()
        for widget in (self.reason_label, self.reason):
            widget.setVisible(needs_reason)
        for widget in (self.new_date_label, self.new_date):
            widget.setVisible(postponed)
        if needs_reason and focus:
            self.reason.setFocus()

    def mark_held(self) -> None:
        """Set the status to Held, the date to the new date if one was set; focus the date."""
        new_date = self.new_date.text().strip()
        self.status.setCurrentIndex(self.status.findData(WorkshopStatus.HELD.value))
        if new_date:
            self.date.setText(new_date)
        self.date.setFocus()
        self.date.selectAll()

    # ---------------------------------------------------------------- result
    def workshop(self) -> Workshop:
        """The workshop as filled in (not yet checked or saved)."""
        base = copy.deepcopy(self.original) if self.original else Workshop(
            programme_id=self.programme.currentData() or "", code="", theme_question="",
            format_key="")
        base.code = self.code.text().strip()
        base.theme_question = self.theme_question.text().strip()
        base.format_key = self.format.currentData() or ""
        base.date = iso_date(self.date.text())
        base.venue = self.venue.text().strip()
        base.district = self.district.text().strip()
        base.facilitators = self.facilitators.text().strip()
        base.status = WorkshopStatus(self.status.currentData())
        needs_reason = base.status in (WorkshopStatus.POSTPONED, WorkshopStatus.CANCELLED)
        base.status_reason = self.reason.text().strip() if needs_reason else ""
        postponed = base.status == WorkshopStatus.POSTPONED
        base.rescheduled_date = iso_date(self.new_date.text()) if postponed else ""
        return base

    def command(self) -> StoreCommand:
        """The one command that saves what the dialog holds; raises ValidationError if wrong."""
        workshop = self.workshop()
        if not workshop.programme_id:
            raise ValidationError("Create a programme first (File ▸ New programme).")
        workshop.validate()
        attendance = Attendance(workshop.id, self.attendance.counts())
        attendance.validate()
        if self.original is None:
            parts: list[StoreCommand] = [AddWorkshopCommand(self.store, workshop)]
            text = f"Add workshop {workshop.code}"
        else:
            parts = [EditWorkshopCommand(self.store, self.original, workshop)]
            text = f"Edit workshop {workshop.code}"
            if workshop.status != self.original.status:
                text = f"Mark workshop {workshop.code} {workshop.status.value}"
        before = Attendance(workshop.id, dict(self.original_attendance.counts))
        if attendance.counts != before.counts:
            parts.append(SetAttendanceCommand(self.store, before, attendance, workshop.code))
        return SaveWorkshopCommand(self.store, workshop, parts, text)

    def save_and_start(self) -> None:
        """Save, then (if saved) have the opener open the workshop's run window."""
        self.start_after = True
        self.accept()
        if self.isVisible():  # not saved: a problem is shown, and Save alone stays default
            self.start_after = False

    def accept(self) -> None:
        try:
            command = self.command()
        except ValidationError as exc:
            self.show_problem(str(exc))
            self._focus_problem(str(exc))
            return
        self.saved.emit(command)
        if self.error_label.isVisible():  # the save failed and said why
            return
        super().accept()

    def _focus_problem(self, message: str) -> None:
        """Put the keyboard in the field the problem names, so it can be put right at once."""
        field = (self.code if not self.code.text().strip()
                 else self.new_date if "rescheduled date" in message
                 else self.date if "date" in message
                 else self.reason if "say why" in message
                 else None)
        if field is not None:
            field.setFocus()
            field.selectAll()

    def show_problem(self, text: str) -> None:
        self.error_label.show()
        show_status(self.error_label, text, assertive=True)


def open_workshop_dialog(
    parent: QWidget, context: AppContext, run_command: Callable[[StoreCommand], bool],
    workshop: Workshop | None = None, programme_id: str | None = None,
    on_saved: Callable[[Workshop], None] | None = None,
    on_start: Callable[[Workshop], None] | None = None,
) -> WorkshopDialog:
    """Show the dialog (window-modal, not blocking) and save through ``run_command`` on OK.

    With ``on_start`` the dialog also offers "Save and start", which calls it after saving
    (the library window opens the run window then; plain Save only saves).

    A workshop already open in a details dialog (from the library window, say, while
    Ctrl+E is pressed in its run window) gets that dialog raised, not a second one whose
    stale copy would undo the first one's changes when saved after it.
    """
    if workshop is not None:
        for widget in QApplication.topLevelWidgets():
            if (isinstance(widget, WorkshopDialog) and widget.isVisible()
                    and widget.original is not None and widget.original.id == workshop.id):
                widget.raise_()
                widget.activateWindow()
                return widget
    dialog = WorkshopDialog(context, workshop, programme_id, parent,
                            offer_start=on_start is not None)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def save(command: SaveWorkshopCommand) -> None:
        dialog.error_label.hide()
        if not run_command(command):
            dialog.show_problem("The workshop was not saved: see the message.")
            return
        if on_saved is not None:
            on_saved(command.workshop)
        if dialog.start_after and on_start is not None:
            on_start(command.workshop)

    dialog.saved.connect(save)
    dialog.open()
    return dialog
