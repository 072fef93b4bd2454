"""Walking a window with Tab, as a keyboard user does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.a11y_audit import focusable


def tab_walk(window: QWidget, start: QWidget, limit: int = 200) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back to it (or ``limit`` presses)."""
    from PySide6.QtTest import QTest

    window.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [start]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is start:
            return seen
        seen.append(widget)
    raise AssertionError(f"Tab never came back to {start!r}: trapped in "
                         f"{[type(w).__name__ + ' ' + w.objectName() for w in seen[-5:]]}")


def reachable(window: QWidget) -> set[QWidget]:
    return {w for w in window.findChildren(QWidget) if focusable(w)}
