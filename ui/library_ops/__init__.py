"""Correcting the library: rename, move, delete and restore, merge, prepare laptops.

``install(window)`` fills the library window's Workshop menu (Rename programme…, Move to
another programme…, Merge…, Delete, Deleted items…) and adds
File ▸ Prepare laptops…. The state (open dialogs) lives in ``window.library_ops``.
"""

from __future__ import annotations


def install(window) -> None:
    from ui.library_ops.actions import LibraryOps

    ops = LibraryOps(window)
    window.library_ops = ops
    window.add_action(
        "workshop", "&Rename programme…", ops.rename_programme, "F2",
        "Change the selected programme's title (it becomes the report's title)",
    )
    window.add_action(
        "workshop", "&Move to another programme…", ops.move_workshops, None,
        "Move the selected workshops, with their notes, to another programme",
        reason_no_shortcut="used rarely, from the Workshop menu",
    )
    window.add_action(
        "workshop", "Mer&ge…", ops.merge, "Ctrl+Shift+J",
        "Merge the two selected programmes (set up twice), or two copies of one workshop "
        "(captured on two laptops), after a preview",
    )
    window.menus["workshop"].addSeparator()
    window.add_action(
        "workshop", "&Delete", ops.delete_selected, "Del",
        "Delete the selected workshops, or a programme with its workshops (Undo, or "
        "Deleted items, brings them back)",
    )
    window.add_action(
        "workshop", "Deleted &items…", ops.open_deleted_items, "Ctrl+Shift+D",
        "Programmes, workshops, themes and assets that were deleted: restore them, or "
        "remove them for good",
    )
    window.add_action(
        "file", "&Prepare laptops…", ops.prepare_laptops, None,
        "Save the programme's set-up (its planned workshops, no notes) as a workshop file "
        "to give each facilitator before the round starts",
        reason_no_shortcut="used once per round, before the workshops",
    )
