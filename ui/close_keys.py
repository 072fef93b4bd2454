"""Esc and Ctrl+W close every secondary window (compile, the themes board, the action plan,
the asset register, Deleted items, search, suggested themes, similar notes, the type-up view
and the presenter screen), as Esc closes a dialog: one meaning for both keys in every window.

A window whose File menu has a Close item gives that item both keys (``CLOSE_KEYS``, Ctrl+W
first, so the menu shows it); a second action with Ctrl+W in the same window would make the
key ambiguous, and Qt then runs neither."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

CLOSE_KEYS = ("Ctrl+W", "Esc")


def add_close_keys(window: QWidget) -> QAction:
    """Esc and Ctrl+W close ``window``, through an action of its own (for windows with no
    Close menu item)."""
    action = QAction("Close window", window)
    action.setObjectName("Close window")
    action.setShortcuts([QKeySequence(k) for k in CLOSE_KEYS])
    action.setToolTip("Close this window (Esc or Ctrl+W)")
    action.triggered.connect(window.close)
    window.addAction(action)
    return action
