"""One run-window action: its shortcut(s) named in its tooltip and status tip (the help overlay
reads them), limited to a widget where asked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def _native(keys: tuple[str, ...]) -> str:
    return " or ".join(
        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def add(window, menu: QMenu, text: str, slot, keys: tuple[str, ...] | str | None, tip: str,
        *, widget=None, name: str = "") -> QAction:
    """An action with its shortcut(s) in the tooltip; ``widget`` limits the keys to it."""
    keys = (keys,) if isinstance(keys, str) else (keys or ())
    owner = widget or window
    action = QAction(text, owner)
    action.setObjectName(name or text.replace("&", "").replace("…", "").strip())
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
        tip = f"{tip} ({_native(keys)})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    if widget is not None:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    owner.addAction(action)
    menu.addAction(action)
    return action
