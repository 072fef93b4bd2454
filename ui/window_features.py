"""When the library window's features (``FEATURES``: their menu entries, their
shortcuts and the objects behind them) are installed: at once, or, for the app's own start,
just after the window's first frame.

The first frame shows the menu bar's titles (File, Edit, Workshop, View, Help) and the
library; the entries inside the menus cannot be seen until a menu is opened. A start that
installs them after its first frame is ~7 ms quicker to show the library (the features'
modules, ~30 actions and their shortcuts). They are installed before anything can want
them: just after the first frame is painted, or, should something come sooner, at the first
key pressed in the window (before Qt looks for its shortcut, so the shortcut works), the
first menu opened (before it is shown), or when code asks (``MainWindow.install_features``,
e.g. to import the workshop files the app was started with).
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QEvent, QObject

from ui.commands.base import undo_menu_entries

#: Feature packages whose ``install(window)`` adds menus and actions, in menu order.
FEATURES = ["ui.run", "ui.library_ops", "ui.reports", "ui.transfer", "ui.preferences", "ui.sense",
            "ui.actions", "ui.assets"]


def install_features(window) -> None:
    """Fill ``window``'s menus: its own entries and each feature's (``MainWindow`` calls
    this once, through ``install_features``); a read-only library's writes switched off."""
    _first_entries(window)
    for name in FEATURES:
        importlib.import_module(name).install(window)
    _last_entries(window)
    if window.store.read_only:
        why = window.read_only_why()
        for action in window.write_actions(with_undo=True):
            action.setEnabled(False)
            action.setToolTip(why)
            action.setStatusTip(why)


class AfterFirstFrame(QObject):
    """Installs ``window``'s features at the first of: its first frame painted, a key
    pressed in it, one of its menus opened. Then it goes."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.done = False
        window.installEventFilter(self)
        for menu in window.menus.values():
            menu.aboutToShow.connect(self.install)
        window.first_painted.connect(self.install)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # A shortcut's key reaches the window as ShortcutOverride before Qt matches it.
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            self.install()
        return False

    def install(self) -> None:
        if self.done:
            return
        self.done = True
        window = self.window
        window.removeEventFilter(self)
        for menu in window.menus.values():
            menu.aboutToShow.disconnect(self.install)
        window.install_features()
        self.deleteLater()  # (its connection to first_painted goes with it)


def _first_entries(window) -> None:
    """The window's own entries that come before the features'."""
    from PySide6.QtGui import QKeySequence

    window.add_action("file", "&New programme…", window.new_programme, "Ctrl+Shift+N",
                      "Create a programme: a round of workshops for one consultation")
    window.add_action("file", "Load the &demo programme", window.load_demo, None,
                      "Add the built-in 2015 demo programme with illustrative notes",
                      reason_no_shortcut="used once, on first start")
    # One history for the library: Undo here also undoes a run window's last change.
    # Ctrl+Y is Redo in Word and the rest of Windows; the run window takes both too.
    undo_menu_entries(window.undo_stack, window, window.menus["edit"], window.report_error)
    larger = window.add_action("view", "&Larger text", lambda: window.scale_text(1.1),
                               "Ctrl++", "Make all text larger, for a projector")
    # Ctrl+= too: on a UK keyboard + is Shift+=, and the run window takes both.
    larger.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
    window.add_action("view", "&Smaller text", lambda: window.scale_text(1 / 1.1), "Ctrl+-",
                      "Make all text smaller")
    window.add_action("view", "&Normal text size", lambda: window.scale_text(None), "Ctrl+0",
                      "Go back to the normal text size")


def _last_entries(window) -> None:
    """The window's own entries that come after the features'."""
    window.menus["file"].addSeparator()
    window.add_action("file", "&Quit", window.close, "Ctrl+Q",
                      "Close the app (everything is saved)")
    window.add_action("help", "&About Workshop Facilitator", window.show_about, None,
                      "Version, library and data folder", reason_no_shortcut="rarely used")
