"""The asset register (View ▸ Asset register…, Ctrl+Shift+A): every asset of a programme,
named across its sessions. Type to search; filter by category, place and workshop; sort by
any column; edit in place (F2 or type; Enter saves, Escape cancels); merge duplicates,
connect assets with an idea, delete, each undoable with Ctrl+Z. Beside the table: counts
per category and per place, and the connections of the current asset."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator import APP_NAME, assets
from ui.announce import show_status
from ui.assets.model import FIELD, ID_ROLE, AssetTableModel, RegisterDelegate
from ui.commands.assets import AssetCommand
from ui.commands.base import StaleCommandError, try_push, undo_actions
from ui.context import AppContext
from ui.programme_box import fill_programmes

ALL = "\x00all"


class AssetRegisterWindow(QMainWindow):
    def __init__(self, context: AppContext, programme_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assetRegister")
        self.context = context
        self.store = context.store
        self.undo_stack = context.undo_stack
        self.programme_id: str | None = None
        self.duplicates_dialog = None
        self.connect_dialog = None

        self.programme_box = self._combo("registerProgramme", "Programme")
        self.search = QLineEdit()
        self.search.setObjectName("registerSearch")
        self.search.setAccessibleName("Search assets")
        self.search.setPlaceholderText("Words in the name, offer, place, connector, notes…")
        self.search.setClearButtonEnabled(True)
        self.category_box = self._combo("registerCategory", "Category filter")
        self.place_box = self._combo("registerPlace", "Place filter")
        self.workshop_box = self._combo("registerWorkshop", "Workshop filter")

        self.model = AssetTableModel(self._edit, self)
        self.table = QTableView()
        self.table.setObjectName("registerTable")
        self.table.setAccessibleName("Assets")
        self.table.setModel(self.model)
        self.table.setItemDelegate(RegisterDelegate(self.model, self._places, self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((210, 150, 210, 120, 170, 80, 220, 160)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)

        self.counts = QLabel()
        self.counts.setObjectName("registerCounts")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setWordWrap(True)
        self.counts.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.connections = QListWidget()
        self.connections.setObjectName("registerConnections")
        self.connections.setAccessibleName("Connections of the current asset")
        self.connections.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("registerStatus")
        self.status.setWordWrap(True)

        filters = QHBoxLayout()
        for text, widget in (("&Programme", self.programme_box), ("&Search", self.search),
                             ("Ca&tegory", self.category_box), ("P&lace", self.place_box),
                             ("&Workshop", self.workshop_box)):
            caption = QLabel(text + ":")
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 2 if widget is self.search else 1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(self.counts)
        caption = QLabel("C&onnections of this asset:")
        caption.setBuddy(self.connections)
        side_layout.addWidget(caption)
        side_layout.addWidget(self.connections, 1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        hint = QLabel("Type or F2 edits a cell (Enter saves, Esc cancels) · Ctrl+N new asset · "
                      "Ctrl+M merge · Ctrl+K connect · Ctrl+D possible duplicates · Ctrl+Z undo")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.setCentralWidget(centre)
        self._build_menus()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(80)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for box in (self.category_box, self.place_box, self.workshop_box):
            box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.programme_box.currentIndexChanged.connect(
            lambda _i: self.set_programme(self.programme_box.currentData()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.model.modelReset.connect(self._show_current)
        self._listening = False
        self._listen(True)
        self.resize(1200, 640)
        self._fill_programmes(programme_id)

    def _listen(self, on: bool) -> None:
        """Follow the library's changes while open (and not after: a closed window must not
        be called by the store)."""
        if on == self._listening:
            return
        events = self.store.events
        pairs = ((events.assets_changed, self._on_assets_changed),
                 (events.workshops_changed, self._on_assets_changed),
                 (events.programmes_changed, self._on_programmes_changed))
        for event, handler in pairs:
            (event.connect if on else event.disconnect)(handler)
        self._listening = on

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._listening:
            self._listen(True)
            self.reload(fill_filters=True)
        super().showEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._listen(False)
        super().closeEvent(event)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(8)
        return box

    # ----------------------------------------------------------------- menus
    def _add(self, menu, text: str, slot, keys, tip: str, *, widget=None) -> QAction:
        keys = (keys,) if isinstance(keys, str) else tuple(keys or ())
        action = QAction(text, widget or self)
        action.setObjectName(text.replace("&", "").replace("…", "").strip())
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            native = " or ".join(QKeySequence(k).toString(
                QKeySequence.SequenceFormat.NativeText) for k in keys)
            tip = f"{tip} ({native})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        if widget is not None:  # only while that widget itself has the keyboard, so Delete
            # in a cell's editor deletes text, not the asset
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        (widget or self).addAction(action)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus = {key: bar.addMenu(title) for key, title in (
            ("file", "&Register"), ("edit", "&Edit"), ("view", "&View"))}
        self._add(self.menus["file"], "&Export the register…", self.export, "Ctrl+Shift+E",
                  "Save the register shown as an Excel workbook, a CSV table or a Word document")
        self._add(self.menus["file"], "&Close the register", self.close, "Ctrl+W",
                  "Close this window (everything is already saved)")
        undo, redo = undo_actions(self.undo_stack, self, self.report_error)
        for action, name, tip in ((undo, "Undo", "Undo the last change (Ctrl+Z)"),
                                  (redo, "Redo", "Redo what was undone (Ctrl+Shift+Z or Ctrl+Y)")):
            action.setObjectName(name)
            action.setToolTip(tip)
            self.addAction(action)
            self.menus["edit"].addAction(action)
        self.menus["edit"].addSeparator()
        self._add(self.menus["edit"], "&New asset…", self.new_asset, "Ctrl+N",
                  "Add an asset to the register by its name")
        self._add(self.menus["edit"], "&Edit asset", self.edit_current, "F2",
                  "Edit the current cell in place (Enter saves, Escape cancels)")
        self._add(self.menus["edit"], "&Delete assets", self.delete_selected, "Delete",
                  "Delete the selected assets (Ctrl+Z brings them back)", widget=self.table)
        self._add(self.menus["edit"], "&Merge assets", self.merge_selected, "Ctrl+Shift+M",
                  "Merge the selected assets into the current one (the same asset named twice)")
        self._add(self.menus["edit"], "Possible &duplicates…", self.show_duplicates, "Ctrl+Shift+S",
                  "Assets that look like the same one, named at different sessions: merge them")
        self._add(self.menus["edit"], "&Connect assets…", self.connect_selected, "Ctrl+Shift+K",
                  "Link the selected assets with the idea that brings them together")
        self._add(self.menus["edit"], "&Remove connection", self.remove_connection, "Delete",
                  "Remove the chosen connection of this asset", widget=self.connections)
        self._add(self.menus["view"], "&Search assets", self.focus_search, "Ctrl+F",
                  "Type words to find assets; the table follows as you type")
        self._add(self.menus["view"], "Clear &filters", self.clear_filters, "Ctrl+Shift+Backspace",
                  "Show every asset of the programme again")
        self._add(self.menus["view"], "Go to the &table", self.table.setFocus, "F6",
                  "Move the keyboard to the assets")

    # ------------------------------------------------------------- programme
    def _fill_programmes(self, programme_id: str | None) -> None:
        fill_programmes(self.programme_box, self.store, programme_id)
        self.set_programme(self.programme_box.currentData())

    def _on_programmes_changed(self, _ids) -> None:
        self._fill_programmes(self.programme_id)

    def set_programme(self, programme_id: str | None) -> None:
        self.programme_id = programme_id
        title = self.programme_box.currentText()
        self.setWindowTitle(f"Asset register: {title} — {APP_NAME}" if title else
                            f"Asset register — {APP_NAME}")
        self.reload(fill_filters=True)

    def _places(self) -> list[str]:
        return assets.places(self.store, self.programme_id) if self.programme_id else []

    # ----------------------------------------------------------------- loading
    def reload(self, *, fill_filters: bool = False, keep: list[str] | None = None) -> None:
        current = keep or self.selected_ids()
        if self.programme_id is None:
            rows, vocab = [], assets.default_vocabulary()
        else:
            rows = assets.register(self.store, self.programme_id)
            vocab = assets.vocabulary(self.store, self.programme_id)
        warnings = ({row.id: found for row, found in
                     assets.connector_findings(self.store, self.programme_id, rows)}
                    if self.programme_id else {})
        self.rows, self.vocab = rows, vocab
        if fill_filters:
            self._fill_filters()
        self.model.set_rows(rows, vocab, warnings)
        self._show_counts()
        self.select_ids(current)
        self._say_shown()

    def _fill_filters(self) -> None:
        boxes = (self.category_box, self.place_box, self.workshop_box)
        chosen = [box.currentData() for box in boxes]
        for box in boxes:
            box.blockSignals(True)
            box.clear()
        self.category_box.addItem("All categories", ALL)
        for tag in assets.categories(self.vocab, [r.category for r in self.rows]):
            self.category_box.addItem(tag.label, tag.key)
        self.category_box.addItem(assets.NO_CATEGORY, "")
        self.place_box.addItem("All places", ALL)
        for place, _count in sorted(assets.counts_by_place(self.rows),
                                    key=lambda p: (p[0] == assets.NO_PLACE, p[0].casefold())):
            self.place_box.addItem(place, place)
        self.workshop_box.addItem("All workshops", ALL)
        if self.programme_id:
            for workshop in self.store.workshops(self.programme_id):
                self.workshop_box.addItem(workshop.code, workshop.id)
        for box, data in zip(boxes, chosen, strict=True):
            index = box.findData(data) if data is not None else 0
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)

    def current_filter(self) -> assets.Filter:
        def value(box):
            data = box.currentData()
            return None if data in (None, ALL) else data

        return assets.Filter(self.search.text(), value(self.category_box),
                             value(self.place_box), value(self.workshop_box))

    def apply_filter(self) -> None:
        self._timer.stop()
        keep = self.selected_ids()
        self.model.set_filter(self.current_filter())
        self.select_ids(keep)
        self._say_shown(announce=True)

    def _say_shown(self, announce: bool = False) -> None:
        shown, total = self.model.rowCount(), len(self.rows)
        noun = "asset" if total == 1 else "assets"
        text = (f"{total} {noun}." if shown == total else f"Showing {shown} of {total} {noun}.")
        if announce:
            show_status(self.status, text)
        elif not self.status.text() or self.status.text().endswith(f"{noun}."):
            self.status.setText(text)

    def _on_assets_changed(self, _ids) -> None:
        self.reload(fill_filters=True)

    def _show_counts(self) -> None:
        by_category = assets.counts_by_category(self.rows, self.vocab)
        by_place = assets.counts_by_place(self.rows)[:12]
        parts = [f"<b>{len(self.rows)} asset{'s' if len(self.rows) != 1 else ''}</b>",
                 "<b>By category</b>"]
        parts += [f"{escape(label)}: {count}" for label, count in by_category]
        parts.append("<b>By place</b>")
        parts += [f"{escape(place)}: {count}" for place, count in by_place]
        self.counts.setText("<br>".join(parts))

    def _show_current(self) -> None:
        self.connections.clear()
        row = self.current_row()
        if row is None or self.programme_id is None:
            return
        names = {r.id: r.name for r in self.rows}
        for connection, linked in assets.connections(self.store, self.programme_id):
            if row.id not in linked:
                continue
            others = [names.get(a, "?") for a in linked if a != row.id]
            item = QListWidgetItem(f"{connection.idea} — with {', '.join(others)}")
            item.setData(ID_ROLE, connection.id)
            self.connections.addItem(item)
        if self.connections.count():
            self.connections.setCurrentRow(0)

    # --------------------------------------------------------------- selection
    def current_row(self):
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.rows[r].id for r in rows if r < len(self.model.rows)]
        current = self.current_row()
        if current is not None and current.id in ids:  # the current one first
            ids.remove(current.id)
            ids.insert(0, current.id)
        return ids

    def select_ids(self, ids: list[str]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for asset_id in ids:
            row = self.model.row_of(asset_id)
            if row < 0:
                continue
            index = self.model.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag.Select | \
                QItemSelectionModel.SelectionFlag.Rows
            if first:
                column = max(0, self.table.currentIndex().column())
                selection.setCurrentIndex(self.model.index(row, column), flags)
                self.table.scrollTo(index)
                first = False
            else:
                selection.select(index, flags)
        if first and self.model.rowCount() and not self.table.currentIndex().isValid():
            selection.setCurrentIndex(self.model.index(0, 0),
                                      QItemSelectionModel.SelectionFlag.NoUpdate)

    # ----------------------------------------------------------------- changes
    def run(self, perform, text: str = "Change the asset register") -> bool:
        return try_push(self.undo_stack, AssetCommand(self.store, perform, text),
                        self.report_error)

    def report_error(self, exc: Exception) -> None:
        if isinstance(exc, StaleCommandError):
            show_status(self.status, str(exc))
            self.context.dialogs.info(self, "Undo", str(exc))
            return
        show_status(self.status, str(exc))
        self.context.dialogs.error(self, "Asset register", str(exc))

    def _edit(self, asset_id: str, field: str, value: str) -> None:
        done = self.run(lambda: assets.edit_asset(self.store, asset_id, **{field: value}))
        if done and field == "connector":
            found = assets.connector_warnings(self.store, value)
            if found:
                show_status(self.status, "Check “Who can help connect”: it looks like a "
                            f"person's contact details ({'; '.join(found)}). Give a role or "
                            "an organisation instead.")

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.setFocus()
            self.table.edit(index)

    def new_asset(self) -> None:
        if self.programme_id is None:
            show_status(self.status, "Make a programme first: the register belongs to one.")
            return
        name = self.context.dialogs.ask_text(self, "New asset", "The asset's name (a group, a "
                                             "place, a skill, a service):")
        if name is None:
            return
        category = self.category_box.currentData()
        category = "" if category in (None, ALL) else category
        workshop = self.workshop_box.currentData()
        workshop = "" if workshop in (None, ALL) else workshop
        command = AssetCommand(self.store, lambda: assets.add_asset(
            self.store, self.programme_id, name, category, workshop_id=workshop))
        if try_push(self.undo_stack, command, self.report_error):
            self.clear_filters(keep_category=True)
            self.select_ids(command.change.asset_ids)
            self.table.setFocus()

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            show_status(self.status, "Select the assets to delete first.")
            return
        row = self.table.currentIndex().row()
        if self.run(lambda: assets.delete_assets(self.store, ids)):
            count = self.model.rowCount()
            if count:
                target = self.model.rows[min(row, count - 1)].id
                self.select_ids([target])
            show_status(self.status, f"Deleted {len(ids)} asset{'s' if len(ids) != 1 else ''}"
                        " (Ctrl+Z brings them back).")

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) < 2:
            show_status(self.status, "Select two or more assets (Shift or Ctrl with the arrows);"
                        " they are merged into the current one.")
            return
        keep, others = ids[0], ids[1:]
        names = {r.id: r.name for r in self.rows}
        question = (f"Merge {', '.join('“' + names[o] + '”' for o in others)} into "
                    f"“{names[keep]}”? Its workshops, notes and connections move to "
                    f"“{names[keep]}”. Ctrl+Z undoes it.")
        if not self.context.dialogs.confirm(self, "Merge assets", question):
            return
        self.merge(keep, others)

    def merge(self, keep: str, others: list[str]) -> bool:
        done = self.run(lambda: assets.merge_assets(self.store, keep, others))
        if done:
            self.select_ids([keep])
            show_status(self.status, "Merged. Ctrl+Z undoes it.")
        return done

    def show_duplicates(self):
        from ui.assets.dialogs import DuplicatesDialog

        if self.programme_id is None:
            return None
        self.duplicates_dialog = DuplicatesDialog(self, self.programme_id)
        self.duplicates_dialog.open()
        return self.duplicates_dialog

    def connect_selected(self):
        from ui.assets.dialogs import ConnectDialog

        if self.programme_id is None:
            return None
        self.connect_dialog = ConnectDialog(self.context, self.programme_id, self.selected_ids(),
                                            parent=self)
        self.connect_dialog.open()
        return self.connect_dialog

    def remove_connection(self) -> None:
        item = self.connections.currentItem()
        if item is None:
            return
        connection_id = item.data(ID_ROLE)
        self.run(lambda: assets.unlink(self.store, connection_id))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def clear_filters(self, *, keep_category: bool = False) -> None:
        boxes = [self.place_box, self.workshop_box]
        if not keep_category:
            boxes.append(self.category_box)
        for box in boxes:
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    def export(self) -> None:
        from ui.assets.dialogs import export_register

        export_register(self)

    def shown_rows(self):
        return list(self.model.rows)


def column_of(field: str) -> int:
    return FIELD[field]
