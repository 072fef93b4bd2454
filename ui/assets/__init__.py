"""Asset-based sessions (issue 11): the asset register window, and the run window's ways into
it. ``install(window)`` adds View ▸ Asset register… (Ctrl+Shift+A) to the library window; the
run window adds "Add to the asset register" and "Connect assets…" from its Notes menu.
Nothing heavy is imported until a feature is used."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget


def install(window) -> None:
    window.add_action("view", "&Asset register…", lambda: show_register(
                      window, window.context, window.current_programme_id()), "Ctrl+Shift+A",
                      "The programme's community assets named across its sessions: search, "
                      "filter, edit, merge duplicates and connect them")


def show_register(parent: QWidget, context, programme_id: str | None = None):
    """Open (or bring back) the register, on ``programme_id`` if given. It is a window of
    its own (not ``parent``'s child), one per library."""
    from ui.assets.register import AssetRegisterWindow

    # The library's register, if it was opened before (a window of its own, shown again).
    window = next((w for w in QApplication.topLevelWidgets()
                   if isinstance(w, AssetRegisterWindow) and w.context is context), None)
    if window is None:
        window = AssetRegisterWindow(context, programme_id, parent=None)
    elif programme_id and programme_id != window.programme_id:
        index = window.programme_box.findData(programme_id)
        if index >= 0:
            window.programme_box.setCurrentIndex(index)
    window.show()
    window.raise_()
    window.activateWindow()
    window.table.setFocus()
    return window


def add_notes(run_window, note_ids: list[str]) -> bool:
    """The run window's selected cards become assets (one undoable change)."""
    from facilitator import assets
    from facilitator.store import assets as assets_store
    from ui.announce import tell
    from ui.commands.assets import AssetCommand

    store = run_window.store
    done = assets_store.assets_of_notes(store, note_ids)
    if all(note_id in done for note_id in note_ids):
        tell(run_window, "Those cards are already in the asset register (View ▸ Asset "
             "register… in the library window).", 6000)
        return False
    command = AssetCommand(store, lambda: assets.notes_to_assets(store, note_ids))
    if not run_window.session.run(command):
        return False
    _say_added(run_window, command.applied().asset_ids)
    return True


def add_step(run_window) -> bool:
    """Every card of the step not yet in the register becomes an asset."""
    from facilitator import assets
    from facilitator.store import assets as assets_store
    from ui.announce import tell
    from ui.commands.assets import AssetCommand

    store, session = run_window.store, run_window.session
    notes = store.notes(session.workshop_id, session.step_key)
    done = assets_store.assets_of_notes(store, [n.id for n in notes])
    if all(n.id in done for n in notes):
        tell(run_window, "Every card of this step is already in the asset register.", 6000)
        return False
    command = AssetCommand(
        store, lambda: assets.step_to_assets(store, session.workshop_id, session.step_key))
    if not session.run(command):
        return False
    _say_added(run_window, command.applied().asset_ids)
    return True


def connect_from_note(run_window, note_id: str | None):
    """Connect assets with the idea on a Connections card (or a typed one)."""
    from ui.assets.dialogs import ConnectDialog

    idea = run_window.store.get_note(note_id).text if note_id else ""
    dialog = ConnectDialog(run_window.context, run_window.programme_id, idea=idea,
                           workshop_id=run_window.session.workshop_id, note_id=note_id or "",
                           parent=run_window)
    run_window.connect_dialog = dialog
    dialog.open()
    return dialog


def _say_added(run_window, asset_ids: list[str]) -> None:
    """Say what was added, and offer a merge when an asset was already in the register
    (named at another session)."""
    from facilitator import asset_merge
    from ui.announce import tell

    n = len(asset_ids)
    text = f"Added {n} asset{'s' if n != 1 else ''} to the register (Ctrl+Z takes them out)."
    twins = asset_merge.named_before(run_window.store, run_window.programme_id, asset_ids)
    if twins:
        new, old = twins[0]
        more = f" and {len(twins) - 1} more" if len(twins) > 1 else ""
        text += (f" “{new.name}”{more} was already in the register (named at "
                 f"{', '.join(old.workshops) or 'another session'}): merge them in the asset "
                 "register's Possible duplicates (Ctrl+D).")
    tell(run_window, text, 10000)
