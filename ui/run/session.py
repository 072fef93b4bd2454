"""The state of one workshop being run: which step is current, and where its changes go.

The run window, the presenter window and the timer all take a ``RunSession`` in
their constructor and follow its signals; none of them knows about the others.

The workshop, its programme and its format are read once and kept: the store's events
(which fire after every commit, also for changes another program made to the library)
drop what changed, so the next read sees it. A step change used to read them afresh on
every property access (23 SQL statements).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from facilitator.formats import Format, Step
from facilitator.models import Programme, Workshop
from ui.commands.base import StaleCommandError, StoreCommand, try_push
from ui.context import AppContext


class RunSession(QObject):
    #: The current step changed; carries the new step key.
    step_changed = Signal(str)
    #: A command failed (disk full, file locked…); carries the message to show.
    error = Signal(str)
    #: An undo or redo was refused (the rows changed since); nothing was written.
    refused = Signal(str)

    def __init__(self, context: AppContext, workshop_id: str, parent: QObject | None = None):
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.workshop_id = workshop_id
        #: The library's one undo history (shared with every window), not this workshop's own.
        self.undo_stack = context.undo_stack
        self._workshop: Workshop | None = None
        self._programme: Programme | None = None
        self._format: Format | None = None
        # Connected before any window's handlers, so they read fresh values.
        self.store.events.workshops_changed.connect(self._on_workshops_changed)
        self.store.events.programmes_changed.connect(self._on_programmes_changed)
        self._step_key = self.format.steps[0].key

    def close(self) -> None:
        """Stop following the store (the workshop's window closed)."""
        self.store.events.workshops_changed.disconnect(self._on_workshops_changed)
        self.store.events.programmes_changed.disconnect(self._on_programmes_changed)

    def _on_workshops_changed(self, ids: list[str]) -> None:
        if self.workshop_id in ids:
            self._workshop = self._programme = self._format = None

    def _on_programmes_changed(self, ids: list[str]) -> None:
        self._programme = None

    # ----------------------------------------------------------- the workshop
    @property
    def workshop(self) -> Workshop:
        if self._workshop is None:
            self._workshop = self.store.get_workshop(self.workshop_id)
        return self._workshop

    @property
    def programme(self) -> Programme:
        if self._programme is None:
            self._programme = self.store.get_programme(self.workshop.programme_id)
        return self._programme

    @property
    def format(self) -> Format:
        if self._format is None:
            self._format = self.store.get_format(self.workshop.format_key)
        return self._format

    # ------------------------------------------------------------------ steps
    @property
    def steps(self) -> tuple[Step, ...]:
        return self.format.steps

    @property
    def step(self) -> Step:
        return self.format.step(self._step_key)

    @property
    def step_key(self) -> str:
        return self._step_key

    def question(self, step: Step | None = None) -> str:
        """The step's question worded with the programme's area."""
        return (step or self.step).question_for(self.programme.area)

    def set_step(self, key: str) -> None:
        self.format.step(key)  # raises KeyError for an unknown step
        if key != self._step_key:
            self._step_key = key
            self.step_changed.emit(key)

    def next_step(self) -> None:
        keys = [s.key for s in self.steps]
        index = keys.index(self._step_key)
        if index + 1 < len(keys):
            self.set_step(keys[index + 1])

    def previous_step(self) -> None:
        keys = [s.key for s in self.steps]
        index = keys.index(self._step_key)
        if index > 0:
            self.set_step(keys[index - 1])

    # ---------------------------------------------------------------- writing
    def run(self, command: StoreCommand) -> bool:
        """Apply a command on the library's undo history; failures become ``error``."""
        return try_push(self.undo_stack, command, self._report)

    run_command = run

    def _report(self, exc: Exception) -> None:
        if isinstance(exc, StaleCommandError):
            self.refused.emit(str(exc))
        else:
            self.error.emit(str(exc))
