"""The Compile window's table: one row per workshop, whichever laptop it came from."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, Qt

from facilitator.transfer.compile import CompileRow

COLUMNS = (
    "Programme", "Workshop", "Theme question", "Date", "Status", "Facilitators", "District",
    "Notes", "Source file", "Last import",
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def when(text: str) -> str:
    """ISO time -> '23 Nov 2026 14:02' in local time; '' stays ''."""
    if not text:
        return ""
    try:
        return datetime.fromisoformat(text).astimezone().strftime("%d %b %Y %H:%M")
    except ValueError:
        return text


class CompileModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[CompileRow] = []

    def set_rows(self, rows: list[CompileRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def text(self, row: CompileRow, column: int) -> str:
        w = row.workshop
        status = w.status.label + (f" (to {w.rescheduled_date})" if w.rescheduled_date else "")
        values = (
            row.programme_title, w.code, w.theme_question, w.date, status, w.facilitators,
            w.district, str(row.note_count), row.source_name or "This laptop",
            when(row.imported_at),
        )
        return values[column]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # A blank cell (never imported, no date) is still read: say what is missing.
            return self.text(row, index.column()) or f"No {COLUMNS[index.column()].lower()}"
        if role == Qt.ItemDataRole.ToolTipRole:
            name = COLUMNS[index.column()]
            if name == "Source file":
                return row.source_file or "Made in this library"
            if name == "Status" and row.workshop.status_reason:
                return row.workshop.status_reason
            if name in ("Theme question", "Programme"):
                return self.text(row, index.column())
        if role == ID_ROLE:
            return row.workshop.id
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()] == "Notes":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
