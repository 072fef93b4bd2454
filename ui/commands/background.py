"""Undoable writes that run on another thread, so a long one never freezes the window.

Merging two programmes of 10,000 notes each, or undoing it, takes a tenth of a second
or more. A :class:`BackgroundCommand` does, undoes and redoes its write on a worker
thread, through a twin of the library's store (``facilitator.store.twin``: its own
connection to the same WAL file). It is still one transaction, made by the same domain
functions, and still one step of the library's one history:

- the command goes on the history (or the history's index moves) only once the write
  has committed; a write that fails rolls back whole, nothing moves, and the failure
  is reported where the person asked for it (``report``), as for any command;
- a stale undo or redo is refused before it starts (the rows it declared changed
  since) or by the domain inside the transaction (``StaleCommandError``): nothing is
  written, it is reported and the command is made obsolete;
- what the commit changed is announced on the window's thread (the store's events,
  then the views), and only then does the history move: a committed write is never
  reported as failed;
- while it runs the history is busy (``UndoHistory.busy_changed``): Undo and Redo are
  off, the library window shows its progress and switches its write actions off, and
  anything else that pushes, undoes or redoes waits for it first (``settle``).

Where there is no twin (a library in memory, one opened read-only, a write inside
another transaction) the command runs on the window's thread, as any other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread
from PySide6.QtGui import QUndoStack

from facilitator.store import Store
from facilitator.store.twin import can_twin, close_twin, open_twin
from ui.commands.base import (
    Report,
    StaleCommandError,
    StoreCommand,
    UndoHistory,
    _tell,
    try_push,
)

log = logging.getLogger(__name__)


class BackgroundCommand(StoreCommand):
    """Subclasses implement ``apply_on(store)`` and ``revert_on(store)`` with domain calls
    only, given the store to write through (the library's own, or its twin on a worker
    thread), and set ``busy_text`` (what the progress says while it runs)."""

    busy_text = "Saving…"
    #: The library's store, set by the subclass's ``__init__`` (as every StoreCommand's).
    store: Store

    def apply_on(self, store: Store) -> None:
        raise NotImplementedError

    def revert_on(self, store: Store) -> None:
        raise NotImplementedError

    def apply(self) -> None:
        self.apply_on(self.store)

    def revert(self) -> None:
        self.revert_on(self.store)

    def start_off_thread(self, stack: UndoHistory, *, undoing: bool) -> bool:
        """Called by the history's undo and redo: start this step on a worker thread; False
        when it cannot (no twin, or already refused: the history's own path then says why)."""
        if not can_twin(self.store):
            return False
        try:
            self._check_fresh(undoing)
        except StaleCommandError:
            return False  # the history's own undo refuses it, with the message
        work = self.revert_on if undoing else self.apply_on
        return _start(stack, self, "undo" if undoing else "redo", self._report_to(), work)


def push_in_background(
    stack: QUndoStack, command: BackgroundCommand, report: Report,
    done: Callable[[bool], None] | None = None,
) -> None:
    """Apply ``command`` on a worker thread and put it on ``stack`` once committed, calling
    ``done(True)`` then (``done(False)`` if it failed: ``report`` was told why). Where it
    cannot run elsewhere it runs now, as ``try_push`` would."""
    settle = getattr(stack, "settle", None)
    if settle is not None:
        settle()
    if (isinstance(stack, UndoHistory) and can_twin(command.store)
            and _start(stack, command, "do", report, command.apply_on, done)):
        return
    ok = try_push(stack, command, report)
    if done is not None:
        done(ok)


class _Worker(QThread):
    """Runs one write on the twin; keeps its result or its exception."""

    def __init__(self, twin: Store, work: Callable[[Store], None], parent: QObject) -> None:
        super().__init__(parent)
        self.twin = twin
        self.work = work
        self.error: BaseException | None = None

    def run(self) -> None:  # noqa: D401 - QThread override
        try:
            self.work(self.twin)
        except BaseException as exc:  # noqa: BLE001 - handed to the window's thread
            self.error = exc


class _Run(QObject):
    """One background step of the history: do ("do"), undo or redo ``command``."""

    def __init__(self, stack: UndoHistory, command: BackgroundCommand, step: str,
                 report: Report | None, twin: Store, work, done) -> None:
        super().__init__(stack)
        self.stack, self.command, self.step = stack, command, step
        self.report, self.twin, self.done = report, twin, done
        self.text = command.text()
        self.finished = False
        self.worker = _Worker(twin, work, self)
        self.worker.finished.connect(self._finish)  # (queued: emitted on the worker thread)

    def finish_now(self) -> None:
        """Wait for the worker here, and take its result at once."""
        self.worker.wait()
        self._finish()

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        self.worker.wait()
        error = self.worker.error
        stack, command, store = self.stack, self.command, self.command.store
        handed = close_twin(self.twin)
        stack.work = None
        if handed:  # committed: every view hears of it, on this thread
            store.announce_committed(handed)
        if error is None:
            message = self._move_history()
        elif isinstance(error, StaleCommandError) and self.step != "do":
            message = ""
            self._tell(error)
            command.setObsolete(True)  # Qt drops it from the history (no undo is run)
            (QUndoStack.undo if self.step == "undo" else QUndoStack.redo)(stack)
        else:
            message = ""
            self._tell(error)
        stack.busy_changed.emit("")
        stack.work_done.emit(message, error is None)
        if self.done is not None:
            self.done(error is None)
        self.deleteLater()

    def _move_history(self) -> str:
        """The write is committed: record the rows as it left them and move the history,
        without writing again (the command's redo and undo skip once)."""
        stack, command = self.stack, self.command
        try:
            command.stack = stack
            command._record()
        except Exception:  # noqa: BLE001 - committed all the same: never reported as failed
            log.exception("could not read back the rows of %s", type(command).__name__)
        if self.step == "do":
            command.report = self.report
            command._applied_before_push = True
            QUndoStack.push(stack, command)
            return f"{self.text}: done. Undo (Ctrl+Z) takes it back."
        command._restoring = True
        if self.step == "undo":
            QUndoStack.undo(stack)
            return f"Undone: {self.text}."
        QUndoStack.redo(stack)
        return f"Redone: {self.text}."

    def _tell(self, exc: BaseException) -> None:
        # (a report is for an Exception; SystemExit and the like are only logged)
        if self.report is None or not isinstance(exc, Exception):
            log.error("%s failed: %s", self.text, type(exc).__name__)
            return
        _tell(self.report, exc)


def _start(stack: UndoHistory, command: BackgroundCommand, step: str, report: Report | None,
           work: Callable[[Store], None], done: Callable[[bool], None] | None = None) -> bool:
    """Open the twin and start the worker; False (nothing started) if the twin cannot be
    opened: the caller then runs the step on this thread, which reports the problem."""
    try:
        twin = open_twin(command.store)
    except Exception as exc:  # noqa: BLE001 - LibraryGoneError, a lock: said by the caller
        log.info("%s runs on the window's thread: %s", command.text(), type(exc).__name__)
        return False
    run = _Run(stack, command, step, report, twin, work, done)
    stack.work = run
    stack.busy_changed.emit(command.busy_text)
    run.worker.start()
    return True
