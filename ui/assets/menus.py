"""The asset register's menus and keys (Register, Edit, View). Every action is in a menu,
with its shortcut in the tooltip, so the keyboard reaches everything the mouse does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.close_keys import CLOSE_KEYS
from ui.commands.base import undo_menu_entries


def add_action(window, menu, text: str, slot, keys, tip: str, *, widget=None,
               reason_no_shortcut: str = "") -> QAction:
    keys = (keys,) if isinstance(keys, str) else tuple(keys or ())
    action = QAction(text, widget or window)
    action.setObjectName(text.replace("&", "").replace("…", "").strip())
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
        native = " or ".join(QKeySequence(k).toString(
            QKeySequence.SequenceFormat.NativeText) for k in keys)
        tip = f"{tip} ({native})"
    elif reason_no_shortcut:
        action.setProperty("no_shortcut_reason", reason_no_shortcut)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    if widget is not None:  # only while that widget itself has the keyboard, so Delete
        # in a cell's editor deletes text, not the asset
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    (widget or window).addAction(action)
    menu.addAction(action)
    return action


def build_menus(window) -> None:
    """The register's menus (Register, Edit, View), each action with its keys."""
    bar = window.menuBar()
    window.menus = {key: bar.addMenu(title) for key, title in (
        ("file", "&Register"), ("edit", "&Edit"), ("view", "&View"))}

    def add(menu: str, *args, **kwargs) -> QAction:
        return add_action(window, window.menus[menu], *args, **kwargs)

    add("file", "&Export the register…", window.export, "Ctrl+Shift+E",
        "Save the register shown as an Excel workbook, a CSV table or a Word document")
    add("file", "&Close the register", window.close, CLOSE_KEYS,
        "Close this window (everything is already saved)")
    undo_menu_entries(window.undo_stack, window, window.menus["edit"], window.report_error)
    window.menus["edit"].addSeparator()
    add("edit", "&New asset…", window.new_asset, "Ctrl+N",
        "Add an asset to the register by its name")
    add("edit", "&Edit asset", window.edit_current, "F2",
        "Edit the current cell in place (Enter saves, Escape cancels)")
    add("edit", "&Delete assets", window.delete_selected, "Delete",
        "Delete the selected assets (Ctrl+Z brings them back)", widget=window.table)
    add("edit", "&Merge assets", window.merge_selected, "Ctrl+Shift+M",
        "Merge the selected assets into the current one (the same asset named twice)")
    add("edit", "Possible &duplicates…", window.show_duplicates, "Ctrl+Shift+S",
        "Assets that look like the same one, named at different sessions: merge them")
    add("edit", "&Connect assets…", window.connect_selected, "Ctrl+Shift+K",
        "Link the selected assets with the idea that brings them together")
    # (Enter on a connection opens it too: the list's own activation, so Enter keeps its
    # one meaning as a key of its own elsewhere)
    add("edit", "Edit c&onnection…", window.edit_connection, None,
        "Change the chosen connection's idea, or the assets it links (Enter on a connection "
        "of this asset)", reason_no_shortcut="Enter on a connection of this asset")
    add("edit", "&Remove connection", window.remove_connection, "Delete",
        "Remove the chosen connection of this asset", widget=window.connections)
    add("view", "&Search assets", window.focus_search, "Ctrl+F",
        "Type words to find assets; the table follows as you type")
    add("view", "Clear &filters", window.clear_filters, "Ctrl+Shift+Backspace",
        "Show every asset of the programme again")
    add("view", "Go to the &table", window.table.setFocus, "F6",
        "Move the keyboard to the assets")

