"""Compiling across laptops, in the window.

``install(window)`` adds File ▸ Export workshops…, Import workshop files…,
Import notes from CSV or Excel… and Plan workshops from a spreadsheet…, View ▸ Compile workshops… and Themes across
workshops…, and accepts ``.workshop`` files dropped onto the window. The state
(open dialogs, the running import) lives in ``window.transfer``.
"""

from __future__ import annotations


def install(window) -> None:
    from ui.transfer.actions import TransferActions

    actions = TransferActions(window)
    window.transfer = actions
    window.menus["file"].addSeparator()
    window.add_action(
        "file", "E&xport workshops…", lambda: actions.export_workshops(), "Ctrl+Shift+X",
        "Save chosen workshops (or whole programmes) as a workshop file for another laptop",
    )
    window.add_action(
        "file", "&Import workshop files…", lambda: actions.import_files(), "Ctrl+Shift+I",
        "Merge workshop files from other laptops into this library (you can also drop them "
        "onto the window)",
    )
    window.add_action(
        "file", "Import notes from CSV or Exce&l…", lambda: actions.import_notes(), None,
        "Add notes typed up from a wall photo or paper form, from a CSV or Excel table",
        reason_no_shortcut="used now and then, from the File menu",
    )
    window.add_action(
        "file", "Plan workshops from a spreads&heet…", lambda: actions.plan_workshops(), None,
        "Create or update a programme's workshops from a CSV or Excel table, one row per "
        "workshop (code, theme question, format, date, venue, district, status)",
        reason_no_shortcut="used once or twice a round, from the File menu",
    )
    window.add_action(
        "view", "&Compile workshops…", lambda: actions.open_compile(), "Ctrl+Shift+C",
        "All workshops in the library, whichever laptop they came from, with filters",
    )
    window.add_action(
        "view", "&Themes across workshops…", lambda: actions.open_themes_board(), "Ctrl+Shift+B",
        "Group the notes of one step across all the programme's workshops into themes",
    )
    window.setAcceptDrops(True)
    window.installEventFilter(actions)
