"""The one context object, built in ``main.py`` and passed down (as git-cola's ApplicationContext)."""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.library import Library
from facilitator.store import Store
from ui.dialogs import Dialogs
from ui.settings import Settings


@dataclass
class AppContext:
    library: Library
    settings: Settings
    dialogs: Dialogs = field(default_factory=Dialogs)

    @property
    def store(self) -> Store:
        return self.library.store
