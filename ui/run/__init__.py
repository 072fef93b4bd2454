"""Running a workshop: the run window, and the library window's actions that open it.

``install(window)`` adds File ▸ New workshop… (Ctrl+N: Save only saves, "Save and start"
opens the run window too), Edit workshop… and Open workshop, and opens a run window when
the library window emits ``workshop_opened``.
Open run windows are kept in ``window.run_windows`` (workshop id -> RunWindow).
"""

from __future__ import annotations

from ui.announce import tell


def install(window) -> None:
    window.run_windows = {}
    window.add_action("file", "New &workshop…", lambda: new_workshop(window), "Ctrl+N",
                      "Set up a workshop: code, question, format, date, venue, status")
    window.add_action("file", "&Edit workshop…", lambda: edit_workshop(window), "Ctrl+E",
                      "Change the selected workshop's details, status or attendance")
    window.add_action("file", "&Open workshop", lambda: open_selected(window), "Ctrl+O",
                      "Run the selected workshop: steps, capture, tagging")
    window.workshop_opened.connect(lambda workshop_id: open_run_window(window, workshop_id))
    from PySide6.QtCore import QTimer

    # The workshops whose windows were open when the app last stopped open again (once the
    # library window has been painted).
    QTimer.singleShot(0, window, lambda: reopen_workshops(window))  # (not if it is gone)


def reopen_workshops(window) -> None:
    import shiboken6

    if not shiboken6.isValid(window) or not window.isVisible():
        return
    for workshop_id in window.context.store.open_workshop_ids():
        open_run_window(window, workshop_id)


def open_run_window(window, workshop_id: str):
    """Show the workshop's run window (raising it if it is open already)."""
    from ui.run.window import RunWindow

    run = window.run_windows.get(workshop_id)
    if run is None:
        try:
            run = RunWindow(window.context, workshop_id)
        except Exception as exc:  # noqa: BLE001 - a damaged format or missing workshop
            window.report_error(exc)
            return None
        window.run_windows[workshop_id] = run
        run.closed.connect(lambda wid: window.run_windows.pop(wid, None))
    run.show()
    run.raise_()
    run.activateWindow()
    return run


def new_workshop(window):
    """The workshop dialog; with no programme yet, ask for the programme's title first
    (rather than refuse the filled-in dialog at Save)."""
    from ui.workshop_dialog import open_workshop_dialog

    if not window.store.programmes():
        tell(window, "A workshop belongs to a programme: name it first.", 8000)
        window.new_programme()
        if not window.store.programmes():
            return None
    window.workshop_dialog = open_workshop_dialog(
        window, window.context, window.run_command, None, window.current_programme_id(),
        on_saved=lambda workshop: show_new_workshop(window, workshop),
        on_start=lambda workshop: open_run_window(window, workshop.id))
    return window.workshop_dialog


def show_new_workshop(window, workshop) -> None:
    """After Save: the new workshop is the current row, so Enter (or Ctrl+O) starts it."""
    window.select_workshop(workshop.id)
    tell(window,
        f"Added workshop {workshop.code}. Press Enter to run it.", 8000)


def edit_workshop(window):
    from ui.workshop_dialog import open_workshop_dialog

    ids = window.selected_ids("workshop")
    if not ids:
        tell(window, "Choose a workshop in the list first.", 4000)
        return None
    workshop = window.store.get_workshop(ids[0])
    window.workshop_dialog = open_workshop_dialog(
        window, window.context, window.run_command, workshop)
    return window.workshop_dialog


def open_selected(window) -> None:
    ids = window.selected_ids("workshop")
    if not ids:
        tell(window, "Choose a workshop in the list first.", 4000)
        return
    for workshop_id in ids:
        open_run_window(window, workshop_id)
