"""The one context object, built in ``main.py`` and passed down (as git-cola's ApplicationContext).

It owns the library's one undo history (``undo_stack``): the library window, every run
window, the themes board and compile all push onto it (``ui.commands.base``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.library import Library
from facilitator.store import Store
from ui.commands.base import UndoHistory
from ui.dialogs import Dialogs
from ui.library_watch import LibraryWatch
from ui.settings import Settings


@dataclass
class AppContext:
    library: Library
    settings: Settings
    dialogs: Dialogs = field(default_factory=Dialogs)
    #: The library's one undo history, shared by every window.
    undo_stack: UndoHistory = field(default_factory=UndoHistory)
    _watch: LibraryWatch | None = field(default=None, init=False, repr=False)

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
