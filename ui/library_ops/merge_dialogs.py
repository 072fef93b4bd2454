"""Merge two programmes, or two copies of one workshop, after seeing what will move.

The dialogs only collect the choice and show the preview the domain works out
(``facilitator.library_ops.preview_merge_*``); the merge itself is one undoable
command, run by whoever opened the dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import library_ops as ops
from facilitator.models import ValidationError, Workshop, long_date
from facilitator.store.transfer_merge import workshop_sources
from ui.commands.library_ops import (
    MergeProgrammesCommand,
    MergeWorkshopsCommand,
    MoveWorkshopsCommand,
)
from ui.context import AppContext


def workshop_words(workshop: Workshop, source: str = "") -> str:
    """``W2 (12 May 2015, Village Hall; from Ann's laptop.workshop)`` — what tells two copies
    of a workshop apart."""
    details = ", ".join(p for p in (long_date(workshop.date), workshop.venue) if p)
    if source:
        details = f"{details}; {source}" if details else source
    return f"{workshop.code} ({details})" if details else workshop.code


def copy_sources(store, ids) -> dict[str, str]:
    """Where each workshop came from: the workshop file it was last imported from, or
    this laptop (for telling two copies of one workshop apart)."""
    sources = workshop_sources(store)
    return {
        workshop_id: (f"from {Path(sources[workshop_id]['source_file']).name}"
                      if workshop_id in sources else "typed on this computer")
        for workshop_id in ids
    }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class _PreviewDialog(QDialog):
    """A choice at the top, the preview as read-only text, OK/Cancel."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(640, 460)
        self.command = None
        self.form = QFormLayout()
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("mergePreview")
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("What the merge will do")
        self.preview.setTabChangesFocus(True)
        self.problem = QLabel("")
        self.problem.setObjectName("mergeProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #a4262c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Merge")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        preview_label = QLabel("What will &happen:")
        preview_label.setBuddy(self.preview)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Open on the first field (the choice at the top), not on the preview, which
        was made first and so would take the focus; Tab then reads the preview."""
        super().showEvent(event)
        if self.form.rowCount():
            field = self.form.itemAt(0, QFormLayout.ItemRole.FieldRole)
            widget = field.widget() if field is not None else None
            if widget is not None and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _accept(self) -> None:
        try:
            self.command = self.make_command()
        except ValidationError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()

    def make_command(self):
        raise NotImplementedError


class MergeProgrammesDialog(_PreviewDialog):
    """Two programmes that are really one (set up twice, on two laptops): keep one, move the
    other's workshops and themes into it. Workshop codes that would clash get a new code."""

    def __init__(
        self, context: AppContext, first_id: str, second_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__("Merge programmes", parent)
        self.setObjectName("mergeProgrammesDialog")
        self.store = context.store
        self.ids = (first_id, second_id)
        self.keep = QComboBox()
        self.keep.setObjectName("keepProgramme")
        self.keep.setAccessibleName("Programme to keep")
        for programme_id in self.ids:
            programme = self.store.get_programme(programme_id)
            count = len(self.store.workshops(programme_id))
            self.keep.addItem(f"{programme.title} ({_plural(count, 'workshop')})", programme_id)
        self.form.addRow("&Keep:", self.keep)
        self.code_edits: dict[str, QLineEdit] = {}
        self.codes_box = QFormLayout()
        self.form.addRow(self.codes_box)
        self.keep.currentIndexChanged.connect(self._refresh)
        self._refresh()

    @property
    def target_id(self) -> str:
        return self.keep.currentData()

    @property
    def source_id(self) -> str:
        return self.ids[1] if self.target_id == self.ids[0] else self.ids[0]

    def _refresh(self, *_args) -> None:
        preview = ops.preview_merge_programmes(self.store, self.source_id, self.target_id)
        while self.codes_box.rowCount():
            self.codes_box.removeRow(0)
        self.code_edits.clear()
        for moving, existing in preview.code_clashes:
            edit = QLineEdit()
            edit.setObjectName(f"newCode_{moving.code}")
            edit.setAccessibleName(f"New code for the moving {moving.code}")
            edit.setPlaceholderText(f"e.g. {moving.code}b")
            label = QLabel(
                f"{workshop_words(moving)} clashes with {workshop_words(existing)}; "
                "new code:"
            )
            label.setBuddy(edit)
            label.setWordWrap(True)
            self.codes_box.addRow(label, edit)
            self.code_edits[moving.id] = edit
        lines = [
            f"“{preview.source.title}” is merged into “{preview.target.title}”, which keeps its "
            "title. Workshop files from either laptop will then land in this one programme.",
            "",
            f"{_plural(len(preview.workshops), 'workshop')} move, with "
            f"{_plural(preview.notes, 'note')}: "
            + (", ".join(w.code for w in preview.workshops) or "none"),
        ]
        if preview.themes_merging:
            lines.append(
                "Themes with the same label become one: "
                + ", ".join(f"“{a.label}”" for a, _ in preview.themes_merging)
            )
        if preview.themes_moving:
            lines.append(f"{_plural(len(preview.themes_moving), 'other theme')} move across.")
        if preview.code_clashes:
            lines.append(
                "Two workshops would share a code: give the moving one a new code above. "
                "(If they are the same workshop captured on two laptops, merge the programmes "
                "with new codes, then merge the two workshops.)"
            )
        lines.append("")
        lines.append("Undo (Ctrl+Z) takes the merge back.")
        self.preview.setPlainText("\n".join(lines))
        self.problem.setText("")

    def make_command(self) -> MergeProgrammesCommand:
        codes = {wid: edit.text().strip() for wid, edit in self.code_edits.items()}
        missing = [wid for wid, code in codes.items() if not code]
        if missing:
            self.code_edits[missing[0]].setFocus()
            raise ValidationError("Give each clashing workshop a new code first.")
        for wid, code in codes.items():
            ops.check_workshop_code(self.store, self.target_id, code, exclude_id=wid)
        return MergeProgrammesCommand(self.store, self.source_id, self.target_id, codes)


ATTENDANCE_CHOICES = (
    ("sum", "&Add the two counts together (each scribe counted different tables)"),
    ("keep", "Keep the &kept copy's counts"),
    ("other", "Keep the &other copy's counts"),
)


class MergeWorkshopsDialog(_PreviewDialog):
    """Two copies of one workshop (two scribes at one event): every note of both is kept."""

    def __init__(
        self, context: AppContext, first_id: str, second_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__("Merge workshops", parent)
        self.setObjectName("mergeWorkshopsDialog")
        self.store = context.store
        self.ids = (first_id, second_id)
        self.keep = QComboBox()
        self.keep.setObjectName("keepWorkshop")
        self.keep.setAccessibleName("Copy whose details to keep")
        counts = self.store.note_counts()
        self.sources = copy_sources(self.store, self.ids)
        for workshop_id in self.ids:
            workshop = self.store.get_workshop(workshop_id)
            self.keep.addItem(
                f"{workshop_words(workshop, self.sources[workshop_id])}, "
                f"{_plural(counts.get(workshop_id, 0), 'note')}",
                workshop_id,
            )
        self.form.addRow("&Keep the details of:", self.keep)
        self.attendance = QButtonGroup(self)
        box = QVBoxLayout()
        for index, (key, text) in enumerate(ATTENDANCE_CHOICES):
            button = QRadioButton(text)
            button.setObjectName(f"attendance_{key}")
            button.setProperty("choice", key)
            self.attendance.addButton(button, index)
            box.addWidget(button)
        self.attendance.button(0).setChecked(True)
        self.form.addRow("Attendance:", box)
        self.keep.currentIndexChanged.connect(self._refresh)
        self.attendance.idToggled.connect(self._refresh)
        self._refresh()

    @property
    def keep_id(self) -> str:
        return self.keep.currentData()

    @property
    def other_id(self) -> str:
        return self.ids[1] if self.keep_id == self.ids[0] else self.ids[0]

    @property
    def attendance_choice(self) -> str:
        button = self.attendance.checkedButton()
        assert button is not None, "one attendance choice is always ticked (exclusive group)"
        return button.property("choice")

    def _refresh(self, *_args) -> None:
        preview = ops.preview_merge_workshops(self.store, self.keep_id, self.other_id)
        keep, other = preview.keep, preview.other
        lines = [
            f"The notes of {workshop_words(other, self.sources[other.id])} join "
            f"{workshop_words(keep, self.sources[keep.id])}: "
            f"{_plural(preview.notes_moving, 'note')} move, and every note of both copies "
            "is kept (the same idea written twice is counted twice).",
        ]
        if not preview.same_date:
            lines.append(
                f"Check: the dates differ ({other.date or 'none'} and {keep.date or 'none'}). "
                "Merge only if this is really the same event."
            )
        kept_total = preview.attendance_keep.total
        other_total = preview.attendance_other.total
        totals = {"sum": kept_total + other_total, "keep": kept_total, "other": other_total}
        lines.append(
            f"Attendance: {kept_total} and {other_total} people counted; "
            f"the merged workshop will record {totals[self.attendance_choice]}."
        )
        lines.append("")
        lines.append("Undo (Ctrl+Z) takes the merge back.")
        self.preview.setPlainText("\n".join(lines))

    def make_command(self) -> MergeWorkshopsCommand:
        return MergeWorkshopsCommand(
            self.store, self.keep_id, self.other_id, self.attendance_choice
        )


class MoveWorkshopDialog(QDialog):
    """Move workshops to another programme; a code already used there needs a new one."""

    def __init__(
        self, context: AppContext, workshop_ids: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("moveWorkshopDialog")
        self.setWindowTitle("Move to another programme")
        self.setAccessibleName(self.windowTitle())
        self.store = context.store
        self.workshops = [self.store.get_workshop(w) for w in workshop_ids]
        self.command: MoveWorkshopsCommand | None = None
        here = {w.programme_id for w in self.workshops}
        self.target = QComboBox()
        self.target.setObjectName("targetProgramme")
        self.target.setAccessibleName("Programme to move to")
        for programme in self.store.programmes():
            if programme.id not in here or len(here) > 1:
                self.target.addItem(programme.title, programme.id)
        self.codes: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow("Move &to:", self.target)
        for workshop in self.workshops:
            edit = QLineEdit(workshop.code)
            edit.setObjectName(f"code_{workshop.code}")
            edit.setAccessibleName(f"Code for {workshop.code} in the new programme")
            form.addRow(f"Code for {workshop_words(workshop)}:", edit)
            self.codes[workshop.id] = edit
        self.problem = QLabel("")
        self.problem.setObjectName("moveProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #a4262c;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Move")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.target.setFocus()

    def _accept(self) -> None:
        target = self.target.currentData()
        if target is None:
            self.problem.setText("There is no other programme to move to: make one first.")
            return
        chosen: dict[str, str] = {}
        try:
            for workshop in self.workshops:
                code = self.codes[workshop.id].text().strip()
                if code.casefold() in {c.casefold() for c in chosen.values()}:
                    raise ValidationError(f"Two of the moving workshops would both be {code}.")
                ops.check_workshop_code(self.store, target, code, exclude_id=workshop.id)
                chosen[workshop.id] = code
        except ValidationError as exc:
            self.problem.setText(str(exc))
            self.codes[workshop.id].setFocus()
            self.codes[workshop.id].selectAll()
            return
        self.command = MoveWorkshopsCommand(
            self.store, [(w.id, chosen[w.id]) for w in self.workshops], target
        )
        self.accept()
