"""The one context object, built in ``main.py`` and passed down (as git-cola's ApplicationContext).

It owns the library's one undo history (``undo_stack``): the library window, every run
window, the themes board and compile all push onto it (``ui.commands.base``).
"""

from __future__ import annotations

from typing import Any

from facilitator.library import Library
from facilitator.store import Store
from ui.commands.base import UndoHistory
from ui.dialogs import Dialogs
from ui.library_watch import LibraryWatch
from ui.settings import Settings

#: "Not given" (None is a value some callers pass for ``dialogs``).
_NEW: Any = object()


class AppContext:
    """(A plain class, not a dataclass: building one at import costs start-up ~0.5 ms.)"""

    def __init__(self, library: Library, settings: Settings, dialogs: Dialogs = _NEW,
                 undo_stack: UndoHistory = _NEW) -> None:
        self.library = library
        self.settings = settings
        self.dialogs = Dialogs() if dialogs is _NEW else dialogs
        #: The library's one undo history, shared by every window.
        self.undo_stack = UndoHistory() if undo_stack is _NEW else undo_stack
        self._watch: LibraryWatch | None = None

    @property
    def store(self) -> Store:
        return self.library.store

    @property
    def watch(self) -> LibraryWatch:
        """Notices other programs' changes and a deleted library file (one per context;
        the library window starts its timer)."""
        if self._watch is None:
            self._watch = LibraryWatch(self.store)
        return self._watch
