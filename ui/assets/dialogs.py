"""The register's dialogs: possible duplicates to merge, and connecting assets with an idea."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import asset_connections, asset_merge, asset_view
from facilitator.assets import AssetChange
from ui.announce import show_status
from ui.commands.assets import AssetCommand
from ui.commands.base import try_push

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DuplicatesDialog(QDialog):
    """Pairs of assets that look like the same one (the same name, or names alike by the
    similar-notes matching), most alike first. Enter merges the second into the first,
    Shift+Enter the first into the second; the list is worked out again after each merge."""

    def __init__(self, register, programme_id: str) -> None:
        super().__init__(register)
        self.setObjectName("assetDuplicates")
        self.setWindowTitle("Possible duplicate assets")
        self.register = register
        self.programme_id = programme_id
        self.pairs: list[asset_merge.DuplicatePair] = []
        self.list = QListWidget()
        self.list.setObjectName("duplicateList")
        self.list.setAccessibleName("Possible duplicates")
        self.list.itemActivated.connect(lambda _i: self.merge_current())
        self.status = QLabel()
        self.status.setObjectName("duplicateStatus")
        self.status.setWordWrap(True)
        merge = QPushButton("&Merge into the first")
        merge.clicked.connect(self.merge_current)
        swap = QPushButton("Merge into the &second")
        swap.clicked.connect(lambda: self.merge_current(swap=True))
        close = QPushButton("&Close")
        close.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        for button in (merge, swap, close):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        caption = QLabel("&Assets that look like the same one (the first is kept):")
        caption.setBuddy(self.list)
        layout.addWidget(caption)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        hint = QLabel("Enter merges the second into the first · Shift+Enter the other way · "
                      "Esc closes · Ctrl+Z in the register undoes a merge")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.list.installEventFilter(self)
        self.resize(640, 420)
        self.refresh()

    def refresh(self) -> None:
        self.pairs = asset_merge.duplicates(self.register.store, self.programme_id)
        self.list.clear()
        for pair in self.pairs:
            first = f"{pair.keep.name} ({', '.join(pair.keep.workshops) or 'no workshop'})"
            second = f"{pair.other.name} ({', '.join(pair.other.workshops) or 'no workshop'})"
            self.list.addItem(QListWidgetItem(f"{first}  ←  {second}: {pair.reason}"))
        if self.pairs:
            self.list.setCurrentRow(0)
            n = len(self.pairs)
            show_status(self.status, f"{n} possible duplicate{'s' if n != 1 else ''}.")
        else:
            show_status(self.status, "No assets look like duplicates.")
        self.list.setFocus()

    def merge_current(self, swap: bool = False) -> bool:
        row = self.list.currentRow()
        if not 0 <= row < len(self.pairs):
            return False
        pair = self.pairs[row]
        keep, other = (pair.other, pair.keep) if swap else (pair.keep, pair.other)
        done = self.register.merge(keep.id, [other.id])
        if done:
            self.refresh()
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        return done

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if obj is self.list and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.merge_current(swap=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return True
        return super().eventFilter(obj, event)


class ConnectDialog(QDialog):
    """Connect assets: the idea (typed, or the Connections step's note), and the assets it
    brings together, ticked with Space in a list filtered as you type. Enter links them."""

    def __init__(self, context, programme_id: str, chosen: list[str] | None = None, *,
                 idea: str = "", workshop_id: str = "", note_id: str = "",
                 connection_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Editing this connection (its idea and assets) rather than making a new one.
        self.connection_id = connection_id
        self.setObjectName("editConnection" if connection_id else "connectAssets")
        self.setWindowTitle("Edit connection" if connection_id else "Connect assets")
        self.context = context
        self.store = context.store
        self.programme_id = programme_id
        self.workshop_id, self.note_id = workshop_id, note_id
        self.done_change: AssetChange | None = None
        self.idea = QLineEdit(idea)
        self.idea.setObjectName("connectIdea")
        self.idea.setAccessibleName("The idea that connects them")
        self.find_box = QLineEdit()
        self.find_box.setObjectName("connectFind")
        self.find_box.setAccessibleName("Find assets")
        self.find_box.setPlaceholderText("Type to find assets; Down to the list, Space ticks one")
        self.list = self._build_list(programme_id, set(chosen or []))
        self.status = QLabel()
        self.status.setObjectName("connectStatus")
        self.status.setWordWrap(True)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.find_box.textChanged.connect(self._filter)
        self.find_box.installEventFilter(self)
        self.list.itemChanged.connect(lambda _i: self._say_count())
        self._lay_out(connection_id is not None)
        self.resize(560, 480)
        self._say_count()
        (self.find_box if idea else self.idea).setFocus()

    def _build_list(self, programme_id: str, ticked: set[str]) -> QListWidget:
        """The programme's assets, those in ``ticked`` ticked."""
        choices = QListWidget()
        choices.setObjectName("connectList")
        choices.setAccessibleName("Assets to connect")
        for row in asset_view.register(self.store, programme_id):
            item = QListWidgetItem(f"{row.name}" + (f" ({row.place})" if row.place else ""))
            item.setData(ID_ROLE, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row.id in ticked
                               else Qt.CheckState.Unchecked)
            choices.addItem(item)
        return choices

    def _lay_out(self, editing: bool) -> None:
        """The idea and Find; the assets; how many are ticked; Connect (Save, ``editing``)
        and Cancel."""
        form = QFormLayout()
        label = QLabel("The &idea:")
        label.setBuddy(self.idea)
        form.addRow(label, self.idea)
        label = QLabel("&Find:")
        label.setBuddy(self.find_box)
        form.addRow(label, self.find_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "&Save" if editing else "&Connect")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        caption = QLabel("&Assets (tick two or more with Space):")
        caption.setBuddy(self.list)
        layout.addWidget(caption)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def chosen_ids(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _say_count(self) -> None:
        n = len(self.chosen_ids())
        self.status.setText(f"{n} asset{'s' if n != 1 else ''} ticked.")

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = not all(w in item.text().casefold() for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = i
        if first is not None:
            self.list.setCurrentRow(first)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        from PySide6.QtCore import QEvent

        if obj is self.find_box and event.type() == QEvent.Type.KeyPress and \
                event.key() == Qt.Key.Key_Down:
            self.list.setFocus()
            return True
        return super().eventFilter(obj, event)

    def accept(self) -> None:
        ids = self.chosen_ids()
        idea = self.idea.text()
        if self.connection_id:
            connection_id = self.connection_id
            command = AssetCommand(self.store, lambda: asset_connections.edit_connection(
                self.store, connection_id, idea=idea, asset_ids=ids))
        else:
            command = AssetCommand(self.store, lambda: asset_connections.link_assets(
                self.store, self.programme_id, idea, ids, workshop_id=self.workshop_id,
                note_id=self.note_id))

        def report(exc: Exception) -> None:
            show_status(self.status, str(exc))

        if try_push(self.context.undo_stack, command, report):
            self.done_change = command.applied()
            super().accept()


def export_register(register) -> Path | None:
    """Ask where, then save the register shown (Excel, CSV or Word, by the file's ending)."""
    from facilitator.reports.assets_export import export_assets
    from ui.reports.dialog import safe_file_name

    if register.programme_id is None:
        return None
    programme = register.store.get_programme(register.programme_id)
    suggested = f"{safe_file_name(programme.title)} - community assets.xlsx"
    path = register.context.dialogs.save_file(
        register, "Export the asset register", "Excel workbook (*.xlsx);;CSV table (*.csv);;"
        "Word document (*.docx)", suggested)
    if path is None:
        return None
    if path.suffix.lower() not in (".xlsx", ".csv", ".docx"):
        path = path.with_suffix(".xlsx")
    try:
        section = export_assets(register.store, programme, path)
    except Exception as exc:  # noqa: BLE001 - a locked file, a full disk: say so
        register.report_error(exc)
        return None
    message = f"Saved {section.total} assets to {path.name}."
    if section.warnings:
        message += " Check: " + " ".join(section.warnings)
    show_status(register.status, message)
    return path
