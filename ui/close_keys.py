"""Esc and Ctrl+W close a secondary window (compile, themes board), as they close
the dialogs and the presenter screen: one meaning for both keys in every window."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

CLOSE_KEYS = ("Esc", "Ctrl+W")


def add_close_keys(window: QWidget) -> QAction:
    action = QAction("Close window", window)
    action.setObjectName("Close window")
    action.setShortcuts([QKeySequence(k) for k in CLOSE_KEYS])
    action.setToolTip("Close this window (Esc or Ctrl+W)")
    action.triggered.connect(window.close)
    window.addAction(action)
    return action
