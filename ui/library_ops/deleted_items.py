"""Deleted items: programmes, workshops, themes and assets that were deleted, ready to
restore.

Deleting never removes anything at once: the item waits here (and travels to
other laptops as deleted, so it does not come back at the next import).
"Empty deleted items" removes them for good, after asking.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator import library_ops as ops
from ui.announce import install_window_roles
from ui.close_keys import add_close_keys
from ui.commands.library_ops import RestoreItemsCommand
from ui.context import AppContext

KIND_LABELS = {"programme": "Programme", "workshop": "Workshop", "theme": "Theme",
               "asset": "Asset"}


def when_text(stamp: str) -> str:
    """``2026-11-25T21:42:10.123456+00:00`` -> ``25 Nov 2026, 21:42`` in local time."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d %b %Y, %H:%M")
    except ValueError:
        return stamp


class DeletedItemsWindow(QWidget):
    """A small window of its own (not modal): restore with Enter, close with Esc."""

    def __init__(
        self, context: AppContext, run_command: Callable[[object], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        install_window_roles()  # a "window" to screen readers, not a filler
        self.context = context
        self.store = context.store
        self.run_command = run_command
        self.setObjectName("deletedItemsWindow")
        self.setWindowTitle("Deleted items")
        self.setAccessibleName("Deleted items")
        self.resize(900, 420)
        self.items: list[ops.DeletedItem] = []

        self.intro = QLabel(
            "Deleted programmes, workshops, themes and assets of the register wait here until you empty this list. "
            "Restore brings an item back with everything it had."
        )
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("deletedItemsList")
        self.tree.setAccessibleName("Deleted items")
        self.tree.setHeaderLabels(["Item", "Kind", "Programme", "Deleted"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.itemActivated.connect(lambda *_: self.restore_selected())
        self.empty_note = QLabel("Nothing has been deleted.")
        self.empty_note.setObjectName("deletedItemsEmpty")

        self.restore_button = QPushButton("&Restore")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setToolTip("Bring the selected items back (Enter)")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton("&Empty deleted items…")
        self.empty_button.setObjectName("emptyDeletedButton")
        self.empty_button.setToolTip("Remove every item in this list for good, after asking")
        self.empty_button.clicked.connect(self.empty_all)
        buttons = QDialogButtonBox()
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_note)
        layout.addWidget(buttons)

        add_close_keys(self)

        for event in self._events():
            event.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        chosen = {item.id for item in self.selected_items()}
        current = self.tree.currentItem()
        row_was = self.tree.indexOfTopLevelItem(current) if current else 0
        self.items = ops.deleted_items(self.store)
        self.tree.clear()
        for item in self.items:
            row = QTreeWidgetItem([
                item.label, KIND_LABELS.get(item.kind, item.kind), item.programme_title,
                when_text(item.deleted_at),
            ])
            row.setData(0, Qt.ItemDataRole.UserRole, item.id)
            self.tree.addTopLevelItem(row)
            if item.id in chosen:
                row.setSelected(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        for column in range(1, self.tree.columnCount()):
            header.setSectionResizeMode(column, header.ResizeMode.ResizeToContents)
        has_items = bool(self.items)
        self.empty_note.setVisible(not has_items)
        self.restore_button.setEnabled(has_items)
        self.empty_button.setEnabled(has_items)
        if has_items and not self.tree.currentItem():
            # An item restored: the keyboard stays on the row where it was (the next item).
            landing = self.tree.topLevelItem(min(max(row_was, 0), len(self.items) - 1))
            assert landing is not None, "a row within the items just added"
            self.tree.setCurrentItem(landing)

    def selected_items(self) -> list[ops.DeletedItem]:
        by_id = {item.id: item for item in self.items}
        current = self.tree.currentItem()
        rows = self.tree.selectedItems() or ([current] if current else [])
        return [by_id[r.data(0, Qt.ItemDataRole.UserRole)] for r in rows
                if r.data(0, Qt.ItemDataRole.UserRole) in by_id]

    def restore_selected(self) -> bool:
        items = self.selected_items()
        if not items:
            return False
        return self.run_command(RestoreItemsCommand(self.store, items))

    def empty_all(self) -> int:
        if not self.items:
            return 0
        count = len(self.items)
        if not self.context.dialogs.confirm(
            self, "Empty deleted items",
            f"Remove {count} deleted {'item' if count == 1 else 'items'} for good? This "
            "cannot be undone. (Other laptops are told they were deleted, so they do not "
            "come back at the next import.)",
        ):
            return 0
        try:
            removed = ops.empty_deleted_items(self.store)
        except Exception as exc:  # noqa: BLE001 - shown, library unchanged
            self.context.dialogs.error(self, "Empty deleted items", str(exc))
            return 0
        self.refresh()
        return removed

    def _events(self):
        events = self.store.events
        return (events.programmes_changed, events.workshops_changed, events.themes_changed,
                events.assets_changed)

    def _on_changed(self, *_ids) -> None:
        self.refresh()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        for ev in self._events():
            ev.disconnect(self._on_changed)
        super().closeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        for ev in self._events():
            ev.connect(self._on_changed)
        self.refresh()
        super().showEvent(event)
        self.tree.setFocus()
