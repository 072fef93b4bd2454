"""The themes board's actions: its toolbar of theme actions (each with its key and tip),
the Themes menu that lists them all (toolbar buttons take no focus) and the cards' context
menu key. Built once by ``ThemesBoardWindow``; the actions stay attributes of the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QToolBar

from ui.commands.base import undo_actions

#: The tips (shown as the tool tip and in the status bar) of the actions on the cards, by
#: the window's attribute.
CARD_TIPS = {
    "new_action": "Put the selected cards under a theme: type to find one, or a new theme's "
    "name (Ctrl+G)",
    "rename_action": "Rename the theme of the selected cards (F2 or Ctrl+Shift+R)",
    "ungroup_action": "Take the selected cards out of their theme (Ctrl+Shift+G)",
    "move_action": "Move the selected cards into the theme chosen in 'Into' (Ctrl+M); you can "
    "also drag them",
    "merge_action": "Move every card of the selected cards' theme into the theme chosen in "
    "'Into', and remove the emptied theme (Ctrl+Shift+M)",
    "promote_action": "Make each selected card an action in the action plan (Ctrl+K)",
    "promote_theme_action": "Make the selected cards' theme one action in the action plan, "
    "linked to all its notes (Ctrl+Alt+K)",
    "accept_hint_action": "Sort the selected cards under the support area their hint names, "
    "one change that Ctrl+Z undoes (Ctrl+Enter)",
    "delete_action": "Delete the selected cards' theme: its cards go back to 'Not in a theme "
    "yet' until it is restored from Deleted items or undone (Ctrl+Delete)",
}


def build_actions(window, undo_stack) -> None:
    """The toolbar, the Themes menu and Shift+F10 of a themes board."""
    bar = QToolBar("Theme actions")
    bar.setObjectName("themeActions")
    window.addToolBar(bar)
    _add_theme_actions(window, bar)
    bar.addSeparator()
    _add_view_actions(window, bar)
    _add_sense_and_plan_actions(window, bar)
    undo, redo = undo_actions(undo_stack, window, lambda exc: window.report(exc))
    bar.addAction(undo)
    bar.addAction(redo)
    for name, tip in CARD_TIPS.items():
        getattr(window, name).setToolTip(tip)
        getattr(window, name).setStatusTip(tip)
    # Every toolbar action is also in a menu (toolbar buttons take no focus) and on
    # each column's context menu (Menu key, Shift+F10).
    window.accept_hint_action.triggered.connect(window.accept_hints)
    window.card_actions = [window.new_action, window.rename_action, window.ungroup_action,
                           window.move_action, window.merge_action, window.merge_into_action,
                           window.promote_action, window.promote_theme_action,
                           window.accept_hint_action, window.similar_action,
                           window.delete_action]
    window.themes_menu = _themes_menu(window, undo, redo)
    window.menuBar().addMenu(window.themes_menu)
    context_key = QAction("Actions on the selected cards", window)
    context_key.setShortcut(QKeySequence("Shift+F10"))
    context_key.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    context_key.triggered.connect(window.show_card_menu)
    window.addAction(context_key)


def _bar_action(bar: QToolBar, text: str, slot: Callable[[], object], *keys: str,
                tip: str = "") -> QAction:
    """An action on ``bar`` that calls ``slot``, on ``keys``, with ``tip`` as its tool tip."""
    action = bar.addAction(text, slot)
    action.setShortcuts([QKeySequence(key) for key in keys])
    if tip:
        action.setToolTip(tip)
    return action


def _add_theme_actions(window, bar: QToolBar) -> None:
    """Group, rename, take out; then "Into:" and move, merge, delete, merge into."""
    window.new_action = _bar_action(bar, "&Group into theme…", window.new_theme, "Ctrl+G")
    window.rename_action = _bar_action(bar, "&Rename theme…", window.rename_theme,
                                       "F2", "Ctrl+Shift+R")
    window.ungroup_action = _bar_action(bar, "Take &out of theme", window.ungroup_selected,
                                        "Ctrl+Shift+G")
    bar.addSeparator()
    bar.addWidget(QLabel(" Into: "))
    bar.addWidget(window.target_box)
    window.move_action = _bar_action(bar, "&Move selected", window.move_selected, "Ctrl+M")
    window.merge_action = _bar_action(bar, "Mer&ge theme", window.merge_theme, "Ctrl+Shift+M")
    window.delete_action = _bar_action(bar, "&Delete theme", window.delete_theme,
                                       "Ctrl+Delete")
    window.merge_into_action = _bar_action(
        bar, "Merge &into…", window.merge_into, "Ctrl+Alt+M",
        tip="Move every card of the selected cards' theme into another theme, chosen by "
        "typing in the theme picker, and remove the emptied theme (Ctrl+Alt+M)")


def _add_view_actions(window, bar: QToolBar) -> None:
    """Filter (a key, not on the bar), stacking near-duplicates, support-area hints and
    accepting a hint (a key and the menus)."""
    window.filter_action = QAction("&Filter cards", window)
    window.filter_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
    window.filter_action.setToolTip("Show only the cards with the words typed in the Filter "
                                    "box; empty it to see every card again (Ctrl+Shift+F)")
    window.filter_action.triggered.connect(window.focus_filter)
    window.addAction(window.filter_action)
    window.stack_action = QAction("Stack &near-duplicates", window)
    window.stack_action.setCheckable(True)
    window.stack_action.setChecked(True)
    window.stack_action.setShortcut(QKeySequence("Ctrl+D"))
    window.stack_action.setToolTip(
        "Show notes that say the same thing in the same words as one card with a count "
        "(×3 at W1, W4, W6), moved as one; off: every note on its own card (Ctrl+D)")
    window.stack_action.toggled.connect(lambda _on: window.refresh())
    bar.addAction(window.stack_action)
    window.hint_action = QAction("Support-area &hints", window)
    window.hint_action.setCheckable(True)
    window.hint_action.setShortcut(QKeySequence("Ctrl+H"))
    window.hint_action.setToolTip(
        "On a step with support areas (HOW): show on each card not yet sorted the area "
        "it probably belongs to, worked out offline from the library's sorted notes "
        "(Ctrl+H)")
    window.hint_action.toggled.connect(window._on_hints_toggled)
    bar.addAction(window.hint_action)
    window.accept_hint_action = QAction("&Accept support area", window)
    window.accept_hint_action.setShortcuts([QKeySequence("Ctrl+Return"),
                                            QKeySequence("Ctrl+Enter")])


def _add_sense_and_plan_actions(window, bar: QToolBar) -> None:
    """Search, similar notes and suggested themes; promoting cards or a theme to actions."""
    window.search_action = _bar_action(
        bar, "&Search notes…", window.search_notes, "Ctrl+F",
        tip="Find notes by their words; Enter opens one (Ctrl+F)")
    window.similar_action = _bar_action(
        bar, "S&imilar notes…", window.similar_notes, "Ctrl+Shift+S",
        tip="The notes most like the selected card (Ctrl+Shift+S)")
    window.suggest_action = _bar_action(
        bar, "S&uggest themes…", window.suggest_themes, "Ctrl+Shift+U",
        tip="Groups of similar notes not yet in a theme, worked out offline (Ctrl+Shift+U)")
    # The action plan (issue 11): a theme, or cards, become actions in one command.
    window.promote_action = _bar_action(bar, "&Promote to action", window.promote_notes,
                                        "Ctrl+K")
    window.promote_theme_action = _bar_action(bar, "Promote t&heme to action",
                                              window.promote_theme, "Ctrl+Alt+K")


def _themes_menu(window, undo: QAction, redo: QAction) -> QMenu:
    """The Themes menu: the card actions, then the view's, then undo and redo."""
    menu = QMenu("&Themes", window)
    menu.setObjectName("themesMenu")
    for act in window.card_actions:
        menu.addAction(act)
    menu.addAction(window.suggest_action)
    menu.addSeparator()
    menu.addAction(window.filter_action)
    menu.addAction(window.stack_action)
    menu.addAction(window.hint_action)
    menu.addAction(window.search_action)
    menu.addSeparator()
    menu.addAction(undo)
    menu.addAction(redo)
    return menu
