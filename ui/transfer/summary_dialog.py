"""What an import did, per file: workshops and notes added/updated/unchanged, conflicts
with both texts, and files refused with the reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from facilitator.names import shorten_long_parts
from facilitator.transfer import FileSummary
from ui.tree_items import child_items, top_level_items


def _counts(summary: FileSummary, table: str) -> str:
    return (
        f"{summary.count(table, 'added')} added, {summary.count(table, 'updated')} updated, "
        f"{summary.count(table, 'unchanged')} unchanged"
    )


#: What a screen reader says for an empty cell of a file's row (a refused file's).
EMPTY_CELLS = {1: "No workshops", 2: "No notes", 3: "No conflicts"}


def _name_empty_cells(item: QTreeWidgetItem) -> None:
    """A file's empty cells are read as what is missing; a row under a file (a refusal's
    reason, a conflict and its two versions) says its own text in its empty cells."""
    for column in range(1, 4):
        if not item.text(column):
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole,
                         EMPTY_CELLS[column] if item.parent() is None else item.text(0))
    for child in child_items(item):
        _name_empty_cells(child)


class SummaryDialog(QDialog):
    def __init__(
        self, summaries: list[FileSummary], backup_path: Path | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.summaries = summaries
        self.setWindowTitle("Import summary")
        self.resize(860, 480)
        refused = sum(not s.ok for s in summaries)
        conflicts = sum(len(s.conflicts) for s in summaries)
        headline = f"{len(summaries) - refused} of {len(summaries)} files imported"
        if refused:
            headline += f"; {refused} refused (nothing was taken from them)"
        if conflicts:
            headline += (
                f". {conflicts} {'item was' if conflicts == 1 else 'items were'} changed on "
                "both laptops: the newer edit was kept, and both texts are listed below"
            )
        self.headline = QLabel(headline + ".")
        self.headline.setObjectName("summaryHeadline")
        self.headline.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("summaryTree")
        self.tree.setAccessibleName("Import summary per file")
        self.tree.setHeaderLabels(["File", "Workshops", "Notes", "Conflicts"])
        self.tree.setWordWrap(True)
        for summary in summaries:
            item = self._file_item(summary)
            self.tree.addTopLevelItem(item)
            for child in child_items(item):
                if child.text(0).startswith(("Refused: ", "Check: ", "Changed: ")):
                    child.setFirstColumnSpanned(True)
                for version in child_items(child):
                    version.setFirstColumnSpanned(True)
        for top in top_level_items(self.tree):
            _name_empty_cells(top)
        self.tree.expandAll()
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        # The counts decide the Workshops column's width, so Notes and Conflicts stay in
        # sight; the two versions of a conflict have whole rows of their own.
        metrics = self.tree.fontMetrics()
        counts = [top.text(1) for top in top_level_items(self.tree)]
        widest = max((metrics.horizontalAdvance(t) for t in counts + ["Workshops"]), default=0)
        self.tree.setColumnWidth(1, max(widest + 24, 220))
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.tree)
        if backup_path is not None:
            note = QLabel(f"The library was backed up first, to {backup_path}")
            note.setObjectName("backupNote")
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("&Copy summary", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_text)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _file_item(self, summary: FileSummary) -> QTreeWidgetItem:
        if not summary.ok:
            item = QTreeWidgetItem([summary.path.name, "Refused", "", ""])
            item.setToolTip(1, summary.error)
            reason = QTreeWidgetItem([f"Refused: {shorten_long_parts(summary.error)}"])
            item.addChild(reason)
            return item
        item = QTreeWidgetItem([
            summary.path.name,
            _counts(summary, "workshops"),
            _counts(summary, "notes"),
            str(len(summary.conflicts)),
        ])
        item.setToolTip(0, str(summary.path))
        for conflict in summary.conflicts:
            kept = "kept the file's (newer)" if conflict.kept == "file" else (
                "kept this library's (newer)")
            child = QTreeWidgetItem([conflict.what, kept, "", ""])
            for side, text in (("This library's version", conflict.library_text),
                               ("The file's version", conflict.file_text)):
                version = QTreeWidgetItem([f"{side}: {text}"])
                version.setToolTip(0, text)
                child.addChild(version)
            item.addChild(child)
        for line in summary.other_changes():
            change = QTreeWidgetItem([f"Changed: {line}"])
            change.setToolTip(0, line)
            item.addChild(change)
        for warning in summary.warnings:
            note = QTreeWidgetItem([f"Check: {warning}"])
            note.setToolTip(0, warning)
            item.addChild(note)
        return item

    def text(self) -> str:
        lines = [self.headline.text()]
        for summary in self.summaries:
            lines.extend(summary.lines())
        return "\n".join(lines)

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
