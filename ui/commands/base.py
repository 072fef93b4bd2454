"""The base of every undoable change, and the one way to run one.

Qt swallows exceptions raised inside ``QUndoCommand.redo``/``undo``, so a failed
write (disk full, file locked) would look done. ``push`` therefore runs the
command once *before* it goes on the stack: if the write fails, nothing is
pushed and the error reaches the caller. Later redo/undo from the Edit menu
report failures through the ``report`` callback instead of losing them, and the
stack goes back to where it was, so Undo and Redo keep naming the truth.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

Report = Callable[[Exception], None]


class StoreCommand(QUndoCommand):
    """Subclasses implement ``apply`` (do or redo) and ``revert`` (undo) with store calls only."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._applied_before_push = False
        self._restoring = False
        self.report: Report | None = None
        self.stack: QUndoStack | None = None

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied_before_push or self._restoring:
            self._applied_before_push = self._restoring = False
            return
        self._guard(self.apply)

    def undo(self) -> None:
        if self._restoring:
            self._restoring = False
            return
        self._guard(self.revert)

    def _guard(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - Qt would swallow it; report instead
            if self.report is None:
                raise
            self.report(exc)
            self._stay(self.stack)

    def _stay(self, stack: QUndoStack | None) -> None:
        """The write failed, so nothing changed; but the stack has moved its index past this
        command. Put it back once the stack is done, without writing again, so Undo and
        Redo still name what the library really holds (and Ctrl+Z can simply be tried again)."""
        if stack is None:
            return
        index = stack.index()  # (during undo() or redo() the stack has not moved yet)

        def back() -> None:
            if stack.index() != index:
                self._restoring = True
                stack.setIndex(index)
                self._restoring = False

        QTimer.singleShot(0, stack, back)


def push(stack: QUndoStack, command: StoreCommand, report: Report | None = None) -> None:
    """Apply ``command`` now (raising if the write fails), then put it on ``stack``."""
    command.apply()
    command.report = report
    command.stack = stack
    command._applied_before_push = True
    stack.push(command)


def try_push(stack: QUndoStack, command: StoreCommand, report: Report) -> bool:
    """``push``, with a failure handed to ``report`` instead of raised; True if it was done."""
    try:
        push(stack, command, report)
    except Exception as exc:  # noqa: BLE001 - ValidationError, LibraryError, OSError
        report(exc)
        return False
    return True
