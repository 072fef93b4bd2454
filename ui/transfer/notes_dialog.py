"""File ▸ Import notes from CSV or Excel…: match the columns, see the rows that fail with
their line numbers, then import the valid rows (one undoable step) or none.

The columns start as chosen last time for a table with the same header row (the library
remembers the choice when a table is imported), else as matched by header name. Rows the
library imported before (the import ledger) are skipped, and a table that comes back whole
says when it was imported. A large table is checked on a worker thread, with progress and
Cancel (ui/transfer/notes_plan.py), so choosing a column never freezes the window."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from facilitator.transfer.notes_columns import FIELDS, REQUIRED
from facilitator.transfer.notes_import import NotesPlan, columns_for, plan_notes_import
from facilitator.transfer.notes_table import NotesImportError, NoteTable
from ui.context import AppContext
from ui.transfer import notes_plan
from ui.transfer.commands import ImportNotesCommand

NONE_TEXT = "(not in this table)"
PREVIEW_ROWS = 5


class NotesImportDialog(QDialog):
    """Shows the mapping and the check; ``command`` is set when the user imports."""

    def __init__(self, context: AppContext, table: NoteTable, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.table = table
        self.plan: NotesPlan | None = None
        #: The check running on a worker (a large table), or None.
        self.check: notes_plan.PlanCheck | None = None
        self.command: ImportNotesCommand | None = None
        self.setWindowTitle(f"Import notes from {table.source.name}")
        self.resize(760, 700)

        self.programme_box = self._build_programme_box()
        mapping, self.remembered = columns_for(self.store, table)
        self.column_boxes: dict[str, QComboBox] = {}
        mapping_group = self._build_mapping(mapping)
        self.remembered_label = QLabel(
            "The columns are as you chose them last time for a table with these headers."
        )
        self.remembered_label.setObjectName("rememberedColumns")
        self.remembered_label.setWordWrap(True)
        self.remembered_label.setVisible(self.remembered)

        self.preview = self._build_preview()

        self.status = QLabel()
        self.status.setObjectName("planStatus")
        self.status.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setObjectName("problemList")
        self.problems.setAccessibleName("Rows that cannot be imported")
        self.problems.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importNotesButton")
        self.buttons.accepted.connect(self.import_valid_rows)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(f"{table.source.name}: {len(table.rows)} rows. Nothing is written until "
                   "you press Import.")
        )
        layout.addWidget(self.preview)
        layout.addWidget(mapping_group)
        layout.addWidget(self.remembered_label)
        layout.addWidget(self.status)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self._on_mapping_changed()

    def _build_programme_box(self) -> QComboBox:
        box = QComboBox()
        box.setObjectName("programmeBox")
        box.setAccessibleName("Limit to programme")
        box.addItem("Any programme (match workshop codes)", None)
        for programme in self.store.programmes():
            box.addItem(programme.title, programme.id)
        box.currentIndexChanged.connect(self._on_mapping_changed)
        return box

    def _build_mapping(self, mapping: dict[str, int | None]) -> QGroupBox:
        """The programme box and a box per field saying which column holds it (filling
        ``column_boxes``), each starting at ``mapping``'s column."""
        form = QFormLayout()
        form.addRow("&Limit to programme:", self.programme_box)
        for key, label in FIELDS.items():
            box = QComboBox()
            box.setObjectName(f"column_{key}")
            box.setAccessibleName(f"Column for {label}")
            box.addItem(NONE_TEXT, None)
            for index, header in enumerate(self.table.headers):
                box.addItem(header or f"Column {index + 1}", index)
            found = mapping.get(key)
            box.setCurrentIndex(0 if found is None else found + 1)
            box.currentIndexChanged.connect(self._on_mapping_changed)
            self.column_boxes[key] = box
            form.addRow(f"{label}{' *' if key in REQUIRED else ''}:", box)
        group = QGroupBox("Which column holds what")
        group.setLayout(form)
        return group

    def _build_preview(self) -> QTableWidget:
        """The table's first rows, read only."""
        table = self.table
        preview = QTableWidget(min(len(table.rows), PREVIEW_ROWS), len(table.headers))
        preview.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        preview.setObjectName("tablePreview")
        preview.setAccessibleName("The first rows of the table")
        preview.setHorizontalHeaderLabels(
            [h or f"Column {i + 1}" for i, h in enumerate(table.headers)]
        )
        preview.setVerticalHeaderLabels(
            [f"{table.unit.capitalize()} {n}" for n, _ in table.rows[:PREVIEW_ROWS]]
        )
        preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, (_, cells) in enumerate(table.rows[:PREVIEW_ROWS]):
            for c, cell in enumerate(cells[: len(table.headers)]):
                preview.setItem(r, c, QTableWidgetItem(" ".join(cell.split())[:80]))
        preview.setMaximumHeight(150)
        return preview

    def mapping(self) -> dict[str, int | None]:
        return {key: box.currentData() for key, box in self.column_boxes.items()}

    def set_column(self, key: str, header: str | None) -> None:
        box = self.column_boxes[key]
        box.setCurrentIndex(0 if header is None else box.findText(header))

    def _on_mapping_changed(self, *_args) -> None:
        self.problems.clear()
        self.plan = None
        self.import_button.setEnabled(False)
        if self.check is not None:
            self.check.abandon()
            self.check = None
        programme_id = self.programme_box.currentData()
        programme = self.store.get_programme(programme_id) if programme_id else None
        if len(self.table.rows) > notes_plan.IN_PLACE_ROWS:
            self.status.setText(f"Checking {len(self.table.rows):,} rows…")
            self.check = notes_plan.PlanCheck(self.store, self.table, self.mapping(), programme, self)
            self.check.finished.connect(self._show_plan)
            self.check.start()
            return
        plan: NotesPlan | str
        try:
            plan = plan_notes_import(self.store, self.table, self.mapping(), programme)
        except NotesImportError as exc:
            plan = str(exc)
        self._show_plan(plan)

    def _show_plan(self, plan: NotesPlan | str | None) -> None:
        """The check's outcome: a plan, the reason the columns cannot be used, or None when
        the check was stopped."""
        self.check = None
        if plan is None:
            self.status.setText("Checking was stopped; nothing is imported. Choose the "
                                "columns again to check the rows.")
            return
        if isinstance(plan, str):
            self.status.setText(plan)
            return
        self.plan = plan
        self.problems.addItems(plan.problem_lines())
        text = plan.describe()
        if plan.all_imported_before:
            text += " Undo that import first (Edit ▸ Undo) to import the table again."
        if plan.problems:
            text += (
                " The rows listed below cannot be imported. Import the valid rows only, or "
                "cancel, correct the table and try again."
            )
        self.status.setText(text)
        count = len(plan.notes)
        self.import_button.setEnabled(count > 0)
        label = f"&Import {count} note{'s' * (count != 1)}"
        if plan.problems:
            label = f"&Import the {count} valid row{'s' * (count != 1)}"
        self.import_button.setText(label)

    def done(self, result: int) -> None:
        if self.check is not None:  # closed while checking: stop the worker first
            self.check.abandon()
            self.check = None
        super().done(result)
        if len(self.table.rows) > notes_plan.IN_PLACE_ROWS:
            notes_plan.release_frozen()

    def import_valid_rows(self) -> None:
        if self.plan is None or not self.plan.notes:
            return
        self.command = ImportNotesCommand(self.store, self.plan)
        self.accept()
