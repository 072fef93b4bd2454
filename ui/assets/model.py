"""The register's table: one row per asset, filtered and sorted in memory (5,000 assets
filter in a few milliseconds), edited in place through undoable commands."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)

from facilitator import asset_view, assets
from facilitator.asset_models import RegisterRow
from facilitator.formats import Vocabulary

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Columns: (field, heading); those in EDITABLE are edited in place.
COLUMNS = (
    ("name", "Name"), ("category", "Category"), ("offers", "What it offers"),
    ("place", "Place"), ("connector", "Who can help connect"), ("workshops", "Named at"),
    ("connections", "Connections"), ("notes", "Notes"),
)
EDITABLE = {"name", "category", "offers", "place", "connector", "notes"}
FIELD = {name: i for i, (name, _) in enumerate(COLUMNS)}

Edit = Callable[[str, str, str], None]  # asset id, field, new value


class AssetTableModel(QAbstractTableModel):
    def __init__(self, edit: Edit, parent=None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.all_rows: list[RegisterRow] = []
        self.rows: list[RegisterRow] = []
        self.vocab = Vocabulary("", "", ())
        self.filter = asset_view.Filter()
        self.sort_column, self.sort_order = 0, Qt.SortOrder.AscendingOrder
        #: asset id -> what its "who can help connect" looks like (contact details).
        self.warnings: dict[str, list[str]] = {}

    # ------------------------------------------------------------------ data
    def set_rows(self, rows: list[RegisterRow], vocab: Vocabulary,
                 warnings: dict[str, list[str]]) -> None:
        self.beginResetModel()
        self.all_rows, self.vocab, self.warnings = rows, vocab, warnings
        self._select()
        self.endResetModel()

    def set_filter(self, wanted: asset_view.Filter) -> None:
        self.beginResetModel()
        self.filter = wanted
        self._select()
        self.endResetModel()

    def _select(self) -> None:
        self.rows = [self.all_rows[i] for i in asset_view.filter_rows(self.all_rows, self.filter)]
        self._sort()

    def _key(self, row: RegisterRow):
        name = COLUMNS[self.sort_column][0]
        if name == "category":
            keys = list(self.vocab.keys())
            value = keys.index(row.category) if row.category in keys else len(keys)
            return (value, row.category, row.name.casefold())
        if name in ("workshops", "connections"):
            values = getattr(row, name)
            return (len(values), " ".join(values).casefold(), row.name.casefold())
        return (str(getattr(row, name)).casefold(), row.name.casefold())

    def _sort(self) -> None:
        self.rows.sort(key=self._key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        self._sort()
        self.layoutChanged.emit()

    def row_of(self, asset_id: str) -> int:
        for i, row in enumerate(self.rows):
            if row.id == asset_id:
                return i
        return -1

    # ---------------------------------------------------------------- Qt API
    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and COLUMNS[index.column()][0] in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        name = COLUMNS[index.column()][0]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.EditRole:
            return getattr(row, name) if name in EDITABLE else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if name == "category":
                return assets.category_label(self.vocab, row.category)
            if name == "workshops":
                return ", ".join(row.workshops)
            if name == "connections":
                return "; ".join(row.connections)
            text = getattr(row, name)
            if name == "connector" and row.id in self.warnings and \
                    role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{text} (check: looks like contact details)"
            return " ".join(text.split()) if name == "notes" else text
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == "connector" and row.id in self.warnings:
                return ("This looks like a person's contact details: "
                        + "; ".join(self.warnings[row.id])
                        + ". Give a role or an organisation instead.")
            if name in ("offers", "notes", "connections"):
                return self.data(index) or None
        if role == Qt.ItemDataRole.DecorationRole and name == "connector" and \
                row.id in self.warnings:  # a sign that is not only a colour
            from PySide6.QtWidgets import QApplication, QStyle

            return QApplication.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ForegroundRole and name == "connector" and \
                row.id in self.warnings:
            from PySide6.QtGui import QColor

            return QColor("#9a3412")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self.rows[index.row()]
        name = COLUMNS[index.column()][0]
        if name not in EDITABLE or value == getattr(row, name):
            return False
        self.edit(row.id, name, str(value))
        return True


class RegisterDelegate(QStyledItemDelegate):
    """Category: a list of the programme's categories; Place: typing offers the
    programme's places; the other fields a plain line."""

    def __init__(self, model: AssetTableModel, places: Callable[[], list[str]],
                 parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.places = places

    def createEditor(self, parent, option, index):  # noqa: N802
        name = COLUMNS[index.column()][0]
        if name == "category":
            box = QComboBox(parent)
            box.setAccessibleName("Category")
            for tag in assets.categories(self.model.vocab, [r.category
                                                            for r in self.model.all_rows]):
                box.addItem(tag.label, tag.key)
            box.addItem(assets.NO_CATEGORY, "")
            return box
        editor = QLineEdit(parent)
        editor.setAccessibleName(dict(COLUMNS)[name])
        if name == "place":
            completer = QCompleter(self.places(), editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        else:
            editor.setText(value)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or "")
        else:
            model.setData(index, editor.text())


def register_table(model: AssetTableModel, places: Callable[[], list[str]]) -> QTableView:
    """The register's table over ``model``: sorted by name, rows selected, a cell edited by
    typing, F2 or a double-click (``places``: those offered as a place is typed)."""
    table = QTableView()
    table.setObjectName("registerTable")
    table.setAccessibleName("Assets")
    table.setModel(model)
    table.setItemDelegate(RegisterDelegate(model, places, table))
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed
                          | QAbstractItemView.EditTrigger.DoubleClicked)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate((210, 150, 210, 120, 170, 80, 220, 160)):
        table.setColumnWidth(column, width)
    header.setStretchLastSection(True)
    return table
