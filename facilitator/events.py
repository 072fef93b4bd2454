"""A tiny observer, so the Qt-free domain can tell views what changed.

The ui layer connects handlers (``_on_notes_changed``); the domain never knows
who listens. Handlers run synchronously after the change is on disk (after COMMIT), so
a handler that fails cannot undo the write: its exception is logged and the remaining
handlers still run; it never reaches the code that wrote (a note shown as "NOT saved"
when it was saved would be typed, and stored, twice).
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from collections.abc import Callable, Iterator
from typing import Any

log = logging.getLogger(__name__)


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
        """Call every handler; one that raises is logged, and the others still run."""
        for handler in list(self._handlers):
            try:
                handler(*args)
            except Exception as exc:  # noqa: BLE001 - the write is committed: never undo it
                _log_failure(self.name, handler, exc)

    def __repr__(self) -> str:
        return f"<Event {self.name}: {len(self._handlers)} handlers>"


def _log_failure(event: str, handler: Callable[..., Any], exc: Exception) -> None:
    """Log where a handler failed, without the exception's message: it may quote a note."""
    name = getattr(handler, "__qualname__", None) or type(handler).__name__
    # Where, not what: file, line and function of each frame (no message, no source lines).
    frames = "\n".join(f"  {f.filename}:{f.lineno} in {f.name}"
                        for f in traceback.extract_tb(exc.__traceback__))
    log.error("a listener of %s failed after the change was saved: %s in %s\n%s",
              event, type(exc).__name__, name, frames)


class StoreEvents:
    """What the store announces. Each carries the ids of the rows that changed.

    (A plain class, not a dataclass: building one at import costs start-up ~0.7 ms.)"""

    def __init__(self) -> None:
        self.programmes_changed = Event("programmes_changed")
        self.workshops_changed = Event("workshops_changed")
        self.notes_changed = Event("notes_changed")
        self.themes_changed = Event("themes_changed")
        self.attendance_changed = Event("attendance_changed")
        self.photos_changed = Event("photos_changed")
        #: Priorities, actions or progress updates of the action plan (their ids, mixed).
        self.actions_changed = Event("actions_changed")
        #: The asset register (assets, what named them, connections): the asset ids touched.
        self.assets_changed = Event("assets_changed")
        #: Any write at all, with the time it reached the disk (for "Saved at 14:02").
        self.saved = Event("saved")
        self._batch_depth = 0
        self._after_batch: list[Callable[[], Any]] = []

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """The events of one commit (or of one look at other programs' changes) are emitted
        inside a batch; work a listener hands to :meth:`after_batch` runs once at its end.
        So a view told that programmes, workshops and notes changed rebuilds once, not
        three times (a merge of 20,000 notes fires all three)."""
        self._batch_depth += 1
        try:
            yield
        finally:
            # (still inside while the work runs: work it asks for in turn joins the queue,
            # unless it has run in this batch already)
            if self._batch_depth == 1:
                ran: list[Callable[[], Any]] = []
                while self._after_batch:
                    work = self._after_batch.pop(0)
                    if work in ran:
                        continue
                    ran.append(work)
                    try:
                        work()
                    except Exception as exc:  # noqa: BLE001 - committed: log, go on
                        _log_failure("a batch of changes", work, exc)
            self._batch_depth -= 1

    def after_batch(self, work: Callable[[], Any]) -> None:
        """Run ``work`` when the batch being emitted ends (now, outside a batch); the same
        work asked for twice in one batch runs once."""
        if self._batch_depth == 0:
            work()
        elif work not in self._after_batch:
            self._after_batch.append(work)
