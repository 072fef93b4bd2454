"""Beside the asset register's table: counts per category and per place, and the
connections of the current asset (each with its idea and the other assets it links)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from facilitator import asset_view
from facilitator.asset_models import RegisterRow
from facilitator.formats import Vocabulary
from ui.assets.model import ID_ROLE


class RegisterSide(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = QLabel()
        self.counts.setObjectName("registerCounts")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setWordWrap(True)
        self.counts.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.connections = QListWidget()
        self.connections.setObjectName("registerConnections")
        self.connections.setAccessibleName("Connections of the current asset")
        self.connections.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.counts)
        caption = QLabel("C&onnections of this asset:")
        caption.setBuddy(self.connections)
        layout.addWidget(caption)
        layout.addWidget(self.connections, 1)

    def show_counts(self, rows: list[RegisterRow], vocab: Vocabulary, flagged: int = 0) -> None:
        """The counts; ``flagged``: how many assets' "Who can help connect" looks like a
        person's contact details (said first, in words, not only by the cells' colour)."""
        by_category = asset_view.counts_by_category(rows, vocab)
        by_place = asset_view.counts_by_place(rows)[:12]
        parts = [f"<b>{len(rows)} asset{'s' if len(rows) != 1 else ''}</b>"]
        if flagged:
            parts.append(f"⚠ {flagged} to check: “Who can help connect” looks like a person's "
                         "contact details (the cell says what; give a role or an organisation)")
        parts.append("<b>By category</b>")
        parts += [f"{escape(label)}: {count}" for label, count in by_category]
        parts.append("<b>By place</b>")
        parts += [f"{escape(place)}: {count}" for place, count in by_place]
        self.counts.setText("<br>".join(parts))

    def show_connections(self, row: RegisterRow | None, names: dict[str, str],
                         connections) -> None:
        """The connections of ``row`` (from ``asset_view.connections``), keeping the
        current one if it is still there."""
        kept = self.current_connection()
        self.connections.clear()
        if row is None:
            return
        for connection, linked in connections:
            if row.id not in linked:
                continue
            others = [names.get(a, "?") for a in linked if a != row.id]
            item = QListWidgetItem(f"{connection.idea} — with {', '.join(others)}")
            item.setData(ID_ROLE, connection.id)
            self.connections.addItem(item)
            if connection.id == kept:
                self.connections.setCurrentItem(item)
        if self.connections.count() and self.connections.currentRow() < 0:
            self.connections.setCurrentRow(0)

    def current_connection(self) -> str | None:
        item = self.connections.currentItem()
        return item.data(ID_ROLE) if item is not None else None
