"""The run window's menus: every action has a shortcut (or a reason for none) and a tooltip.

The help overlay (F1) lists the shortcuts by reading these actions, so it
cannot drift from what the keys really do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ui.app import application, apply_text_scale
from ui.commands.base import undo_menu_entries
from ui.run.menu_action import add
from ui.run.phones_actions import build_phones

if TYPE_CHECKING:
    from ui.run.typeup import TypeUpView

NEXT_STEP_KEYS = ("Ctrl+PgDown", "Alt+Right")
PREVIOUS_STEP_KEYS = ("Ctrl+PgUp", "Alt+Left")


def build(window) -> dict[str, QMenu]:
    bar = window.menuBar()
    menus = {key: bar.addMenu(title) for key, title in (
        ("file", "&Workshop"), ("edit", "&Edit"), ("step", "&Step"), ("notes", "&Notes"),
        ("phones", "&Phones"), ("view", "&View"), ("help", "&Help"))}
    _build_workshop_menu(window, menus["file"])
    _build_edit_menu(window, menus["edit"])
    _build_step_menu(window, menus["step"])
    _build_notes_menu(window, menus["notes"])
    build_phones(window, menus["phones"])
    _build_view_menu(window, menus["view"])
    add(window, menus["help"], "&Keyboard shortcuts", window.show_help, "F1",
        "Show every shortcut of this window")
    return menus


def _build_workshop_menu(window, menu: QMenu) -> None:
    """Details, photos, the presenter screen, the summary, the visitor tally, Close."""
    add(window, menu, "&Edit workshop details…", lambda: edit_workshop(window),
        "Ctrl+E", "Code, question, date, venue, status and attendance")
    if window.photo_strip is not None:
        for action in window.photo_strip.actions():
            if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut:
                window.addAction(action)
                menu.addAction(action)
        add(window, menu, "&Photos of the wall…", lambda: open_photos(window),
            "Ctrl+Shift+P", "Type up the wall: the step's photos beside the capture box")
    window.presenter_action = add(
        window, menu, "&Presenter screen", lambda: toggle_presenter(window), "F5",
        "Show the question, timer and notes in large type on the projector")
    add(window, menu, "Export &summary of this workshop…",
        lambda: _export_summary(window), "Ctrl+Shift+E",
        "A Word summary of this workshop, to leave with the hosts before packing up")
    _build_tally(window, menu)
    menu.addSeparator()
    add(window, menu, "&Close workshop", window.close, "Ctrl+W",
        "Close this workshop (everything is already saved)")


def _build_edit_menu(window, menu: QMenu) -> None:
    """Undo and redo (the library's one history), editing and deleting cards."""
    # The library's one history: the last change in any window (its name says which).
    undo, _redo = undo_menu_entries(window.session.undo_stack, window, menu,
                                    window.session._report)
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    menu.addSeparator()
    add(window, menu, "Edit &note", window.edit_current, "F2",
        "Edit the current card in place (Enter saves, Escape cancels)")
    add(window, menu, "&Delete notes", window.delete_selected, "Delete",
        "Delete the selected cards (Ctrl+Z brings them back)", widget=window.board)


def _build_step_menu(window, menu: QMenu) -> None:
    """Next, previous, a step by its number, and the timer's actions."""
    session = window.session
    add(window, menu, "&Next step", session.next_step, NEXT_STEP_KEYS,
        "Go to the next question")
    add(window, menu, "&Previous step", session.previous_step, PREVIOUS_STEP_KEYS,
        "Go back to the previous question")
    menu.addSeparator()
    for number, step in enumerate(session.steps[:9], 1):
        add(window, menu, f"&{number} Go to {step.title}",
            lambda key=step.key: session.set_step(key), f"Alt+{number}",
            f"Go to step {number}, {step.title}", name=f"Go to step {number}")
    if window.timer is not None:
        menu.addSeparator()
        for action in window.timer.actions():
            window.addAction(action)
            menu.addAction(action)


def _build_notes_menu(window, menu: QMenu) -> None:
    """Tags, themes and the action plan, search and hints, assets, Move to step, and
    moving the keyboard between the board and the capture box."""
    _add_tag_actions(window, menu)
    menu.addSeparator()
    _add_theme_and_sense_actions(window, menu)
    _add_asset_actions(window, menu)
    window.move_menu = menu.addMenu("&Move to step")
    menu.addSeparator()
    add(window, menu, "Go to the &board", lambda: window.board.setFocus(), "F6",
        "Move the keyboard to the cards (Escape comes back to the capture box)")
    # Shift+F6, the way back from F6; not Ctrl+Enter, which accepts or saves in the dialogs
    # and the suggestions window (one meaning per key).
    add(window, menu, "Go to the capture bo&x", window.focus_capture, "Shift+F6",
        "Move the keyboard to the capture box")
    add(window, menu, "Table or &group label", lambda: window.capture.table.setFocus(),
        "Ctrl+L", "Set which table or group wrote the next notes")


def _add_tag_actions(window, menu: QMenu) -> None:
    """Tag 1-9 (named after the step's tags by ``update_for_step``), Clear, Group by tag."""
    window.tag_actions = []
    for number in range(1, 10):
        action = add(window, menu, f"Tag {number}", lambda n=number: window.tag_selected(n),
                     f"Ctrl+{number}", "Tag the selected cards", name=f"Tag {number}")
        window.tag_actions.append(action)
    window.clear_tag_action = add(window, menu, "&Clear tag",
                                  lambda: window.tag_selected(0), "Ctrl+Alt+0",
                                  "Clear the tag of the selected cards")
    window.group_by_tag_action = add(
        window, menu, "Group board by &tag",
        lambda: window.set_group_by_tag(not window.tag_bar.group_by_tag.isChecked()), "Ctrl+B",
        "Show the cards under their tags, untagged ones last")


def _add_theme_and_sense_actions(window, menu: QMenu) -> None:
    """Themes, promoting to the action plan, search, similar notes and support-area hints."""
    add(window, menu, "&Group into theme…", window.group_selected, "Ctrl+G",
        "Put the selected cards under a theme, new or existing")
    add(window, menu, "Take &out of theme", window.ungroup_selected, "Ctrl+Shift+G",
        "Take the selected cards out of their theme")
    add(window, menu, "&Rename theme…", window.rename_theme, "Ctrl+Shift+R",
        "Rename the theme of the current card")
    add(window, menu, "Promote to &action", lambda: _promote(window), "Ctrl+K",
        "Make each selected card an action in the programme's action plan")
    add(window, menu, "Promote t&heme to action", lambda: _promote_theme(window),
        "Ctrl+Alt+K", "Make the current card's theme one action, linked to all its notes")
    add(window, menu, "&Search notes…", lambda: _search(window), "Ctrl+F",
        "Find notes by their words across the programme's workshops; Enter opens one")
    add(window, menu, "Similar &notes…", lambda: _similar(window), "Ctrl+Shift+S",
        "The notes most like the current card across the programme's workshops")
    window.hints_action = add(
        window, menu, "Support-area &hints",
        lambda: window.show_hints(window.hints_action.isChecked()), "Ctrl+H",
        "On a step with support areas (HOW): show on each card not yet sorted the area it "
        "probably belongs to; press that area's number to sort it there")
    window.hints_action.setCheckable(True)


def _add_asset_actions(window, menu: QMenu) -> None:
    """Cards (or the whole step) into the asset register; connecting assets."""
    window.asset_actions = [
        add(window, menu, "Add to the &asset register", lambda: _add_assets(window),
            "Ctrl+Alt+A", "Turn the selected cards into assets in the programme's register"),
        add(window, menu, "Add the whole step to the asset register",
            lambda: _add_step_assets(window), "Ctrl+Alt+Shift+A",
            "Every card of this step not yet in the register becomes an asset"),
    ]
    window.connect_action = add(
        window, menu, "&Connect assets…", lambda: _connect_assets(window),
        "Ctrl+Shift+K", "Link two or more assets of the register with the idea on the "
        "current card")


def _build_view_menu(window, menu: QMenu) -> None:
    """Text size and (with photos) the photo strip."""
    add(window, menu, "&Larger text", lambda: scale_text(window, 1.1), ("Ctrl++", "Ctrl+="),
        "Make all text larger, for a projector")
    add(window, menu, "&Smaller text", lambda: scale_text(window, 1 / 1.1), "Ctrl+-",
        "Make all text smaller")
    if window.photo_strip is not None:
        strip = add(window, menu, "&Photo strip", lambda: None, None,
                    "Show or hide the step's photos under the board (remembered)")
        strip.setCheckable(True)
        strip.setChecked(window.context.settings.show_photo_strip)
        strip.toggled.connect(window.set_photo_strip_shown)
        strip.setProperty("no_shortcut_reason", "a setting, remembered between workshops")
        window.photo_strip_action = strip
    add(window, menu, "&Normal text size", lambda: scale_text(window, None), "Ctrl+0",
        "Go back to the normal text size")


def _build_tally(window, menu: QMenu) -> None:
    """A drop-in stall's visitor tally (formats with ``tally``): one key per category,
    pressed without leaving the capture box."""
    from facilitator.models import PARTICIPANT_CATEGORY_LABELS
    from ui.run.tally import tally_key

    window.tally_actions = []
    if window.tally is None:
        return
    menu.addSeparator()
    for number, category in enumerate(window.tally.categories[:9], 1):
        label = PARTICIPANT_CATEGORY_LABELS[category]
        action = add(window, menu, f"Count a visitor: {label}",
                     lambda n=number: window.tally.count(n), tally_key(number),
                     f"One more {label.lower()} at the stall, without leaving the capture box",
                     name=f"Count visitor {number}")
        window.tally_actions.append(action)


def all_actions(window) -> list[QAction]:
    seen, result = set(), []
    for menu in window.menus.values():
        for action in _walk(menu):
            if action.isVisible() and id(action) not in seen:
                seen.add(id(action))
                result.append(action)
    return result


def _walk(menu: QMenu):
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from _walk(sub)
        elif not sub and not action.isSeparator():
            yield action


def update_for_step(window) -> None:
    """Name the tag actions after the step's vocabulary and list the other steps to move to."""
    vocabulary = window.model.vocabulary
    tags = vocabulary.tags if vocabulary else ()
    for number, action in enumerate(window.tag_actions, 1):
        visible = number <= len(tags)
        action.setVisible(visible)
        action.setEnabled(visible)
        if visible:
            label = tags[number - 1].label
            action.setText(f"Tag “{label}”")
            action.setToolTip(f"Tag the selected cards “{label}” (Ctrl+{number}, or {number} "
                              "on the board)")
    from facilitator.assets import is_asset_step, is_connections_step

    step_key = window.session.step_key
    for action in window.asset_actions:
        action.setVisible(is_asset_step(window.format, step_key))
        action.setEnabled(is_asset_step(window.format, step_key))
    window.connect_action.setVisible(is_connections_step(window.format, step_key))
    window.connect_action.setEnabled(is_connections_step(window.format, step_key))
    window.clear_tag_action.setEnabled(bool(tags))
    window.group_by_tag_action.setEnabled(bool(tags))
    window.move_menu.clear()
    for step in window.session.steps:
        if step.key != window.session.step_key:
            action = window.move_menu.addAction(f"To {step.title}")
            action.setObjectName(f"Move to {step.key}")
            action.setToolTip(f"Move the selected cards to the step {step.title}")
            action.setProperty("no_shortcut_reason", "a list made from the format's steps; "
                               "reached with Alt+N, M")
            action.triggered.connect(lambda _c=False, key=step.key: window.move_selected(key))


def scale_text(window, factor: float | None) -> None:
    settings = window.context.settings
    settings.text_scale = 1.0 if factor is None else settings.text_scale * factor
    apply_text_scale(application(), settings.text_scale)
    window.apply_text_scale()  # (Qt only tells the windows itself once the event loop runs)


def edit_workshop(window, mark_held: bool = False) -> None:
    """The workshop's details; ``mark_held`` sets the status to Held and the date to the
    new date (the postponed banner's button): Enter saves, Escape leaves it as it was."""
    from ui.workshop_dialog import open_workshop_dialog

    window.workshop_dialog = open_workshop_dialog(
        window, window.context, window.session.run, window.session.workshop,
        on_saved=None)  # the window follows store.events.workshops_changed
    if mark_held:
        window.workshop_dialog.mark_held()
    window.workshop_dialog.finished.connect(lambda _r: (window.activateWindow(),
                                                        window.focus_capture()))


def _promote(window) -> None:
    from ui.actions.promote import promote_notes

    ids = window.selected_ids("promote to actions")
    if ids:
        promote_notes(window, window.context, window.session.run, window.programme_id,
                      window.store.get_notes(ids))


def _promote_theme(window) -> None:
    from ui.actions.promote import promote_theme

    theme = window._current_theme()
    if theme is not None:
        promote_theme(window, window.context, window.session.run, window.programme_id,
                      theme.id)


def _search(window) -> None:
    from ui.sense import show_search

    show_search(window, window.context, window.programme_id)


def _similar(window) -> None:
    from ui.sense import show_similar

    ids = window.selected_ids("find similar notes to")
    if ids:
        show_similar(window, window.context, window.programme_id, ids[0])


def _add_assets(window) -> None:
    from ui.assets import add_notes

    ids = window.selected_ids("add to the asset register")
    if ids:
        add_notes(window, ids)


def _add_step_assets(window) -> None:
    from ui.assets import add_step

    add_step(window)


def _connect_assets(window) -> None:
    from ui.assets import connect_from_note

    ids = window.board.selected_note_ids()
    connect_from_note(window, ids[0] if ids else None)


def open_photos(window) -> TypeUpView:
    from ui.run.typeup import open_photos as open_type_up

    window.photos_view = open_type_up(window)
    return window.photos_view


def toggle_presenter(window) -> None:
    from ui.run.presenter import PresenterWindow

    if window.presenter is not None and window.presenter.isVisible():
        window.presenter.close()
        return
    countdown = window.timer.countdown if window.timer is not None else None
    window.presenter = PresenterWindow(window.session, countdown)
    window.presenter.closed.connect(lambda: setattr(window, "presenter", None))
    if window.timer is not None:  # the presenter shows the step's own countdown
        window.timer.countdown_changed.connect(window.presenter.set_countdown)
        window.presenter.closed.connect(
            lambda timer=window.timer, p=window.presenter:
            timer.countdown_changed.disconnect(p.set_countdown))
    from ui.run.phones_room import attach_presenter

    attach_presenter(window.phones_link, window.presenter)  # the join code while Phones is on
    window.presenter.present()
    window.activateWindow()


def _export_summary(window) -> None:
    from ui.reports import export_workshop_summary

    export_workshop_summary(window, window.session.context, window.session.workshop_id)
