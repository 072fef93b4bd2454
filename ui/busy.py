"""The library window's actions that write, and the window while a long write runs on
another thread (a merge, or its undo).

``write_actions`` are the actions switched off when the library is open read-only, and
while a merge runs.

The write runs on a worker thread (``ui.commands.background``), so the window keeps
repainting and answering; while it runs the window shows a busy progress bar in its
status bar (named for screen readers after what is happening), its actions that would
change the library are switched off (Undo and Redo follow the history themselves), and
when it ends the result is shown and announced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QProgressBar

from ui.announce import tell
from ui.commands.base import UndoHistory

#: Actions that only read the library, so they stay on when it is open read-only; every
#: other action is switched off then, its tooltip saying why. A feature can mark its own
#: action as safe with ``action.setProperty("reads_only", True)``.
READ_ONLY_SAFE = frozenset({
    "Settings", "User guide", "Open the log folder", "Export summary", "Export notes (CSV)",
    "Export notes (Excel)", "Export workshops", "Search notes", "Larger text", "Smaller text", "Normal text size", "Quit",
    "About Workshop Facilitator", "Asset register",
})


def write_actions(window, *, with_undo: bool = False) -> list[QAction]:
    """The window's actions that change the library (Undo and Redo only if asked: they
    follow the history themselves): those of its menus and its own shortcuts (not a walk
    over every child object, which costs a tenth of a second the first time)."""
    actions = list(dict.fromkeys(window.actions()))
    menus = list(window.menus.values())
    while menus:
        menu = menus.pop()
        for action in menu.actions():
            if action.menu() is not None:
                menus.append(action.menu())
            elif action not in actions:
                actions.append(action)
    found: list[QAction] = []
    for action in actions:
        if action.menu() is not None or action.isSeparator():
            continue
        if action.objectName() in READ_ONLY_SAFE or action.property("reads_only"):
            continue
        if not with_undo and action.objectName() in ("Undo", "Redo"):
            continue
        found.append(action)
    return found


class BusyState(QObject):
    def __init__(self, window: QMainWindow, history: UndoHistory,
                 write_actions: Callable[[], Iterable[QAction]]) -> None:
        super().__init__(window)
        self.window = window
        self.history = history
        self.write_actions = write_actions
        self.bar = QProgressBar()
        self.bar.setObjectName("busyProgress")
        self.bar.setRange(0, 0)  # busy: one transaction has no steps worth counting
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.bar.hide()
        window.statusBar().addPermanentWidget(self.bar)
        self._switched_off: list[QAction] = []
        #: Every description shown while busy (tests read it).
        self.shown: list[str] = []
        history.busy_changed.connect(self._on_busy_changed)
        history.work_done.connect(self._on_work_done)

    def disconnect_history(self) -> None:
        self.history.busy_changed.disconnect(self._on_busy_changed)
        self.history.work_done.disconnect(self._on_work_done)

    def _on_busy_changed(self, text: str) -> None:
        if not shiboken6.isValid(self.bar):
            return
        if text:
            self.shown.append(text)
            self.bar.setAccessibleName(text)
            self.bar.setAccessibleDescription("The window goes on working; the library's "
                                              "changes are off until this is done.")
            self.bar.show()
            self._switched_off = [a for a in self.write_actions() if a.isEnabled()]
            for action in self._switched_off:
                action.setEnabled(False)
            tell(self.window, f"{text} Please wait.")
        else:
            self.bar.hide()
            for action in self._switched_off:
                if shiboken6.isValid(action):
                    action.setEnabled(True)
            self._switched_off = []

    def _on_work_done(self, message: str, ok: bool) -> None:
        if message and shiboken6.isValid(self.window):
            tell(self.window, message, 10000)
