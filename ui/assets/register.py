"""The asset register (View ▸ Asset register…, Ctrl+Shift+A): every asset of a programme,
named across its sessions. Type to search; filter by category, place and workshop; sort by
any column; edit in place (F2 or type; Enter saves, Escape cancels); merge duplicates,
connect assets with an idea, delete, each undoable with Ctrl+Z. Beside the table: counts
per category and per place, and the connections of the current asset."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator import APP_NAME, asset_connections, asset_merge, asset_view, assets
from ui.announce import show_status
from ui.assets.filters import RegisterFilters, chosen
from ui.assets.menus import build_menus
from ui.assets.model import AssetTableModel, register_table
from ui.assets.side import RegisterSide
from ui.commands.assets import AssetCommand
from ui.commands.base import StaleCommandError, try_push
from ui.context import AppContext
from ui.programme_box import fill_programmes


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

        self.filters = RegisterFilters()
        self.programme_box, self.search = self.filters.programme_box, self.filters.search
        self.category_box, self.place_box, self.workshop_box = self.filters.boxes()

        self.model = AssetTableModel(self._edit, self)
        self.table = register_table(self.model, self._places)

        self.side = RegisterSide()
        self.counts, self.connections = self.side.counts, self.side.connections
        self.status = QLabel()
        self.status.setObjectName("registerStatus")
        self.status.setWordWrap(True)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        hint = QLabel("Type or F2 edits a cell (Enter saves, Esc cancels) · Ctrl+N new asset · "
                      "Ctrl+M merge · Ctrl+K connect · Ctrl+D possible duplicates · Ctrl+Z undo")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.setCentralWidget(centre)
        build_menus(self)

        self._timer = QTimer(self)  # the search waits for a pause in typing
        self._timer.setSingleShot(True)
        self._timer.setInterval(80)
        self._connect_signals()
        self._listening = False
        self._listen(True)
        self.resize(1200, 640)
        self._fill_programmes(programme_id)

    def _connect_signals(self) -> None:
        """The search (after a pause in typing) and the filters filter; another programme
        reloads; the current asset's connections follow the table."""
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for box in (self.category_box, self.place_box, self.workshop_box):
            box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.programme_box.currentIndexChanged.connect(
            lambda _i: self.set_programme(self.programme_box.currentData()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.model.modelReset.connect(self._show_current)
        self.connections.itemActivated.connect(lambda _item: self.edit_connection())

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
        return asset_view.places(self.store, self.programme_id) if self.programme_id else []

    # ----------------------------------------------------------------- loading
    def reload(self, *, fill_filters: bool = False, keep: list[str] | None = None) -> None:
        current = keep or self.selected_ids()
        if self.programme_id is None:
            rows, vocab = [], assets.default_vocabulary()
        else:
            rows = asset_view.register(self.store, self.programme_id)
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
        self.filters.fill(self.rows, self.vocab, self.store.workshops(self.programme_id)
                          if self.programme_id else [])

    def current_filter(self) -> asset_view.Filter:
        return self.filters.current()

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
        self.side.show_counts(self.rows, self.vocab, len(self.model.warnings))

    def _show_current(self) -> None:
        row, programme_id = self.current_row(), self.programme_id
        if programme_id is None:
            row = None
        self.side.show_connections(row, {r.id: r.name for r in self.rows},
                                   asset_view.connections(self.store, programme_id)
                                   if row is not None and programme_id is not None else [])

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
        elif not ids and current is not None:  # nothing selected: the row the keyboard is on
            ids = [current.id]
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
        programme_id = self.programme_id
        if programme_id is None:
            show_status(self.status, "Make a programme first: the register belongs to one.")
            return
        name = self.context.dialogs.ask_text(self, "New asset", "The asset's name (a group, a "
                                             "place, a skill, a service):")
        if name is None:
            return
        category = chosen(self.category_box) or ""
        workshop = chosen(self.workshop_box) or ""
        command = AssetCommand(self.store, lambda: assets.add_asset(
            self.store, programme_id, name, category, workshop_id=workshop))
        if try_push(self.undo_stack, command, self.report_error):
            self.clear_filters(keep_category=True)
            self.select_ids(command.applied().asset_ids)
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
                        " (Ctrl+Z, or Workshop ▸ Deleted items in the library window, brings "
                        f"{'them' if len(ids) != 1 else 'it'} back).")

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
        done = self.run(lambda: asset_merge.merge_assets(self.store, keep, others))
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

    def edit_connection(self):
        """Change the current connection's idea and the assets it links (a dialog: the idea,
        then the assets ticked with Space; Enter saves)."""
        from facilitator.store import assets as assets_sql
        from ui.assets.dialogs import ConnectDialog

        connection_id = self.side.current_connection()
        if connection_id is None or self.programme_id is None:
            show_status(self.status, "Choose a connection of this asset first (Alt+O).")
            return None
        connection, linked = assets_sql.get_connection(self.store, connection_id)
        self.connect_dialog = ConnectDialog(self.context, self.programme_id, linked,
                                            idea=connection.idea, connection_id=connection_id,
                                            parent=self)
        self.connect_dialog.idea.setFocus()
        self.connect_dialog.idea.selectAll()
        self.connect_dialog.open()
        return self.connect_dialog

    def remove_connection(self) -> None:
        connection_id = self.side.current_connection()
        if connection_id is None:
            return
        if self.run(lambda: asset_connections.unlink(self.store, connection_id)):
            show_status(self.status, "Connection removed (Ctrl+Z brings it back).")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def clear_filters(self, *, keep_category: bool = False) -> None:
        self.filters.clear(keep_category=keep_category)
        self.apply_filter()

    def export(self) -> None:
        from ui.assets.dialogs import export_register

        export_register(self)
