"""File ▸ Export workshops…: tick workshops (one, several, or whole programmes) and save a
``.workshop`` file to hand to another laptop."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from facilitator.transfer import FILE_SUFFIX, ExportResult, export_workshops
from ui.context import AppContext
from ui.tree_items import child_items, top_level_items

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ExportDialog(QDialog):
    """Choose workshops; Export asks where to save (through the Dialogs seam) and writes."""

    def __init__(self, context: AppContext, selected: list[str], parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.exported: ExportResult | None = None
        self.setWindowTitle("Export workshops")
        self.resize(560, 460)
        intro = QLabel(
            "Tick the workshops to put in one workshop file. Their programme, format, notes, "
            "themes, attendance and photos go with them."
        )
        intro.setWordWrap(True)
        self.tree = self._build_tree(set(selected))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.addButton(
            "&Export…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree)
        layout.addWidget(self.buttons)
        self._on_ticks_changed()

    def _build_tree(self, wanted: set[str]) -> QTreeWidget:
        """Every programme with its workshops under it, those in ``wanted`` (or in a
        programme in it) ticked."""
        tree = QTreeWidget()
        tree.setObjectName("exportTree")
        tree.setAccessibleName("Workshops to export")
        tree.setHeaderLabels(["Workshop", "Theme question", "Notes"])
        counts = self.store.note_counts()
        for programme in self.store.programmes():
            # The programme row spans the columns; the cells under the span say it too.
            top = QTreeWidgetItem([programme.title, "", ""])
            for column in (1, 2):
                top.setData(column, Qt.ItemDataRole.AccessibleTextRole,
                            f"Programme {programme.title}")
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsAutoTristate
                         | Qt.ItemFlag.ItemIsUserCheckable)
            top.setData(0, ID_ROLE, programme.id)
            for workshop in self.store.workshops(programme.id):
                child = QTreeWidgetItem(
                    [workshop.code, workshop.theme_question, str(counts.get(workshop.id, 0))]
                )
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setData(0, ID_ROLE, workshop.id)
                ticked = workshop.id in wanted or programme.id in wanted
                child.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                top.addChild(child)
            tree.addTopLevelItem(top)
        tree.expandAll()
        root = tree.rootIndex()
        for row in range(tree.topLevelItemCount()):
            tree.setFirstColumnSpanned(row, root, True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.resizeSection(0, 120)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        tree.itemChanged.connect(self._on_ticks_changed)
        return tree

    def ticked_ids(self) -> list[str]:
        return [
            item.data(0, ID_ROLE) for item in self._workshop_items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def export_ids(self) -> list[str]:
        """The ticked workshops, plus the deleted workshops of every programme ticked whole,
        so that a deletion travels to the other laptop like an edit."""
        ids = self.ticked_ids()
        for top in top_level_items(self.tree):
            if top.checkState(0) == Qt.CheckState.Checked:
                ids.extend(
                    w.id for w in self.store.workshops(top.data(0, ID_ROLE), include_deleted=True)
                    if w.deleted
                )
        return ids

    def _workshop_items(self) -> list[QTreeWidgetItem]:
        return [item for top in top_level_items(self.tree) for item in child_items(top)]

    def _on_ticks_changed(self, *_args) -> None:
        count = len(self.ticked_ids())
        self.export_button.setEnabled(count > 0)
        self.export_button.setText(
            f"&Export {count} workshop{'s' * (count != 1)}…" if count else "&Export…"
        )

    def suggested_name(self) -> str:
        ids = self.ticked_ids()
        codes = [self.store.get_workshop(i).code for i in ids[:4]]
        name = " ".join(codes) + (" and more" if len(ids) > 4 else "")
        return re.sub(r'[\\/:*?"<>|]+', "-", name) + FILE_SUFFIX

    def export(self) -> None:
        ids = self.ticked_ids()
        if not ids:
            return
        path = self.context.dialogs.save_file(
            self, "Save workshop file", f"Workshop files (*{FILE_SUFFIX})", self.suggested_name()
        )
        if path is None:
            return
        if path.suffix.lower() != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        try:
            self.exported = export_workshops(self.store, self.export_ids(), path)
        except Exception as exc:  # noqa: BLE001 - shown to the user; the library is untouched
            self.context.dialogs.error(self, "Export workshops", str(exc))
            return
        self.accept()
