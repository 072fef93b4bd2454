"""Making sense of many notes: the theme picker, search, similar notes and suggested themes.

``install(window)`` adds Edit ▸ Search notes… (Ctrl+F) to the library window; the run
window and the themes board add the same search from their own menus. Nothing heavy is
imported until a feature is used.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QApplication, QWidget


def install(window) -> None:
    window.add_action("edit", "&Search notes…", lambda: show_search(window, window.context,
                      window.current_programme_id()), "Ctrl+F",
                      "Find notes by their words across workshops; Enter opens one")
    window.add_action("view", "S&uggest themes…", lambda: show_suggestions(
                      window, window.context, window.run_command, window.undo_stack,
                      window.current_programme_id()), "Ctrl+Shift+U",
                      "Groups of similar notes not yet in a theme, worked out offline: "
                      "accept, rename, split or dismiss each")


W = TypeVar("W", bound=QWidget)


def opened_before(parent: QWidget, kind: type[W]) -> W | None:
    """The window of this kind ``parent`` opened before (one per window: it is shown
    again), found among its own Qt children rather than kept in an attribute."""
    # (not findChild(..., FindDirectChildrenOnly): PySide6 misses a Python subclass there)
    return next((child for child in parent.children() if isinstance(child, kind)), None)


def show_suggestions(parent: QWidget, context, run_command, undo_stack,
                     programme_id: str | None = None, step_key: str | None = None):
    """Open (or bring back) the suggested themes window, and work them out."""
    from ui.sense.suggestions import SuggestionsWindow

    window = opened_before(parent, SuggestionsWindow)
    if window is None:
        window = SuggestionsWindow(context, run_command, programme_id=programme_id,
                                   step_key=step_key, undo_stack=undo_stack, parent=parent)
    window.show()
    window.raise_()
    window.activateWindow()
    window.start()
    return window


def show_similar(parent: QWidget, context, programme_id: str, note_id: str):
    """The notes most like ``note_id`` across the programme (Ctrl+Shift+S)."""
    from ui.sense.similar import SimilarNotesDialog

    dialog = SimilarNotesDialog(context, programme_id, note_id,
                                lambda w, s, n: open_note(context, w, s, n), parent=parent)
    dialog.show()  # (kept alive by its Qt parent)
    return dialog


def main_window():
    """The library window (it opens run windows), if there is one."""
    return next((w for w in QApplication.topLevelWidgets()
                 if w.objectName() == "MainWindow" and hasattr(w, "run_windows")), None)


def open_note(context, workshop_id: str, step_key: str, note_id: str) -> None:
    """Show a note in its workshop's run window, on its step, selected on the board."""
    main = main_window()
    if main is None:
        return
    # Through the library window's own signal (as the compile window opens workshops), so
    # search needs nothing from ui.run: the feature packages stay independent.
    main.open_workshop(workshop_id)
    run = main.run_windows.get(workshop_id)
    if run is None:
        return
    run.session.set_step(step_key)
    run.board.setFocus()
    run.board.select_notes([note_id])


def show_search(parent: QWidget, context, programme_id: str | None = None):
    """Open (or bring back) the search window."""
    from ui.sense.search_window import SearchWindow

    window = opened_before(parent, SearchWindow)
    if window is None:
        window = SearchWindow(
            context, lambda w, s, n: open_note(context, w, s, n), programme_id=programme_id,
            parent=parent)
    window.show()
    window.raise_()
    window.activateWindow()
    window.query.setFocus()
    window.query.selectAll()
    return window
