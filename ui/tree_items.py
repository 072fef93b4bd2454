"""A tree widget's items as lists. Qt's ``child(i)`` and ``topLevelItem(i)`` are typed as
maybe None (an index out of range); within ``childCount()`` and ``topLevelItemCount()``
they never are."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """``item``'s children, in order."""
    return [child for i in range(item.childCount()) if (child := item.child(i)) is not None]


def top_level_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """``tree``'s top-level items, in order."""
    return [item for i in range(tree.topLevelItemCount())
            if (item := tree.topLevelItem(i)) is not None]
