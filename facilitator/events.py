"""A tiny observer, so the Qt-free domain can tell views what changed.

The ui layer connects handlers (``_on_notes_changed``); the domain never knows
who listens. Handlers run synchronously after the change is on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Event:
    def __init__(self, name: str) -> None:
        self.name = name
        self._handlers: list[Callable[..., Any]] = []

    def connect(self, handler: Callable[..., Any]) -> Callable[..., Any]:
        if handler not in self._handlers:
            self._handlers.append(handler)
        return handler

    def disconnect(self, handler: Callable[..., Any]) -> None:
        if handler in self._handlers:
            self._handlers.remove(handler)

    def emit(self, *args: Any) -> None:
        for handler in list(self._handlers):
            handler(*args)

    def __repr__(self) -> str:
        return f"<Event {self.name}: {len(self._handlers)} handlers>"


@dataclass
class StoreEvents:
    """What the store announces. Each carries the ids of the rows that changed."""

    programmes_changed: Event = field(default_factory=lambda: Event("programmes_changed"))
    workshops_changed: Event = field(default_factory=lambda: Event("workshops_changed"))
    notes_changed: Event = field(default_factory=lambda: Event("notes_changed"))
    themes_changed: Event = field(default_factory=lambda: Event("themes_changed"))
    attendance_changed: Event = field(default_factory=lambda: Event("attendance_changed"))
    photos_changed: Event = field(default_factory=lambda: Event("photos_changed"))
    #: Any write at all, with the time it reached the disk (for "Saved at 14:02").
    saved: Event = field(default_factory=lambda: Event("saved"))
