"""The base of every undoable change, the library's one undo history, and the one way to run one.

Qt swallows exceptions raised inside ``QUndoCommand.redo``/``undo``, so a failed
write (disk full, file locked) would look done. ``push`` therefore runs the
command once *before* it goes on the stack: if the write fails, nothing is
pushed and the error reaches the caller. Later redo/undo from the Edit menu
report failures through the ``report`` callback instead of losing them, and the
stack goes back to where it was, so Undo and Redo keep naming the truth.

**Stale commands are refused.** Every window of a library pushes onto one
:class:`UndoHistory` (``context.undo_stack``), but the rows can still change behind
it: an import, a merge, another program (the command line, a second copy of the app).
So each command declares the rows it touches (``self.touches("notes", ids)``), the
history remembers each row's version (``updated_at``) after every apply, undo and
redo, and before undoing or redoing a command checks the rows are still as it left
them. If one changed since, the undo is refused with a message through ``report``
(as git-cola's ``ContextCommand`` refuses a stale command), nothing is written, and
the command is made obsolete (as Spine Toolbox does), so the stack drops it and the
next Ctrl+Z goes on to the change before: the later change is never thrown away.

A new command::

    class RenameProgrammeCommand(StoreCommand):
        def __init__(self, store, programme_id, title):
            super().__init__(f"Rename programme to “{title}”")
            self.store = store                              # the base reads versions here
            self.touches("programmes", [programme_id])      # every row apply/revert writes
            ...

Tables: ``programmes``, ``workshops``, ``notes``, ``themes``, ``photos`` (by id) and
``attendance`` (by workshop id); ids may be declared before the rows exist (an add).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget

log = logging.getLogger(__name__)

Report = Callable[[Exception], None]
Key = tuple[str, str]  # (table, id)


class Work(Protocol):
    """A write under way on another thread (``ui.commands.background``)."""

    def finish_now(self) -> None:
        """Wait for it, and take its result at once."""

#: How a row kind reads in a refusal message.
_KINDS = {
    "programmes": ("programme", "programmes"),
    "workshops": ("workshop", "workshops"),
    "notes": ("note", "notes"),
    "themes": ("theme", "themes"),
    "photos": ("photo", "photos"),
    "attendance": ("attendance count", "attendance counts"),
    "priorities": ("priority", "priorities"),
    "actions": ("action", "actions"),
    "progress_updates": ("progress update", "progress updates"),
    "assets": ("asset", "assets"),
    "asset_sources": ("link to a note", "links to notes"),
    "connections": ("connection", "connections"),
    "connection_assets": ("connection", "connections"),
}


class StaleCommandError(Exception):
    """An undo or redo refused because a row it would write has changed since."""


class UndoHistory(QUndoStack):
    """The library's one undo history (``context.undo_stack``).

    Besides the commands it keeps the version of every row a command touched, as the
    history itself last left it, so a command can tell a later change made by someone
    else from its own. ``report_to`` is set while a window's Undo/Redo runs (see
    :func:`undo_actions`), so a refusal is shown in the window where Ctrl+Z was pressed.

    A long write (a merge of thousands of notes: ``ui.commands.background``) runs on
    another thread while the windows go on; ``work`` is that write while it runs. The
    history is then *busy*: Undo and Redo are off in every window, and anything that
    would push, undo or redo first waits for it (:meth:`settle`), so the history is only
    ever changed by one thing at a time, in order.
    """

    #: A write on another thread started (its description) or ended ("").
    busy_changed = Signal(str)
    #: A write on another thread ended: what to tell the person, and whether it was done.
    work_done = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.versions: dict[Key, str | None] = {}
        self.report_to: Report | None = None
        self.work: Work | None = None

    @property
    def busy(self) -> bool:
        return self.work is not None

    def settle(self) -> None:
        """Wait for a write under way on another thread, and take its result (the commit
        announced, the history moved) before anything else changes the history."""
        if self.work is not None:
            self.work.finish_now()

    def clear(self) -> None:
        self.settle()
        super().clear()

    def undo(self) -> None:
        self.settle()
        if self.canUndo() and self._off_thread(self.index() - 1, undoing=True):
            return
        super().undo()

    def redo(self) -> None:
        self.settle()
        if self.canRedo() and self._off_thread(self.index(), undoing=False):
            return
        super().redo()

    def _off_thread(self, index: int, *, undoing: bool) -> bool:
        """Start the command's undo or redo on another thread, if it is one that can."""
        start = getattr(self.command(index), "start_off_thread", None)
        return bool(start is not None and start(self, undoing=undoing))

    def undo_with(self, report: Report | None) -> None:
        self._step(self.undo, report)

    def _step(self, action: Callable[[], None], report: Report | None) -> None:
        before, self.report_to = self.report_to, report
        try:
            action()
        finally:
            self.report_to = before


class StoreCommand(QUndoCommand):
    """Subclasses implement ``apply`` (do or redo) and ``revert`` (undo) with store calls only,
    set ``self.store``, and declare the rows they write with :meth:`touches`."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._applied_before_push = False
        self._restoring = False
        self.report: Report | None = None
        self.stack: QUndoStack | None = None
        # (a subclass may declare rows before calling this)
        self._rows: dict[str, list[str]] = self.__dict__.get("_rows", {})
        self._seen: dict[Key, str | None] = {}

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------- rows it touches
    def touches(self, table: str, ids: Iterable[str]) -> None:
        """Declare rows ``apply``/``revert`` write (call in ``__init__``, or in ``apply``
        for rows only known then). Undo and redo are refused when one has changed since."""
        if "_rows" not in self.__dict__:
            self._rows = {}
        known = self._rows.setdefault(table, [])
        known.extend(i for i in ids if i and i not in known)

    def touched(self) -> dict[str, list[str]]:
        """The declared rows, table -> ids. Override for rows worked out another way."""
        return self._rows

    def _versions(self) -> dict[Key, str | None]:
        store = getattr(self, "store", None)
        if store is None or not hasattr(store, "row_versions"):
            return {}
        out: dict[Key, str | None] = {}
        for table, ids in self.touched().items():
            found = store.row_versions(table, ids)
            out.update({(table, i): found.get(i) for i in ids})
        return out

    def _record(self) -> None:
        """After a successful write: remember each touched row as this write left it."""
        self._seen = self._versions()
        history = getattr(self.stack, "versions", None)
        if history is not None:
            history.update(self._seen)

    def _check_fresh(self, undoing: bool) -> None:
        if not self._seen:
            return
        history = getattr(self.stack, "versions", None) or {}
        now = self._versions()
        changed = [key for key, version in now.items()
                   if history.get(key, self._seen.get(key, version)) != version]
        if changed:
            raise StaleCommandError(self._refusal(changed, undoing))

    def _refusal(self, changed: list[Key], undoing: bool) -> str:
        tables: dict[str, int] = {}
        for table, _id in changed:
            tables[table] = tables.get(table, 0) + 1
        parts = []
        for table, n in tables.items():
            one, many = _KINDS.get(table, (table.rstrip("s"), table))
            parts.append(f"the {one}" if n == 1 else f"{n} of its {many}")
        what = " and ".join(parts)
        verb = "undo" if undoing else "redo"
        return (
            f"Cannot {verb} “{self.text()}”: {what} changed since, in another window, by an "
            "import or in another program. Nothing was changed, so that later change is kept. "
            f"This step is taken off the Edit menu; {verb.capitalize()} now goes on to the "
            f"change {'before' if undoing else 'after'} it."
        )

    # ------------------------------------------------------------ QUndoCommand
    def redo(self) -> None:
        if self._applied_before_push or self._restoring:
            self._applied_before_push = self._restoring = False
            return
        self._guard(self.apply, undoing=False)

    def undo(self) -> None:
        if self._restoring:
            self._restoring = False
            return
        self._guard(self.revert, undoing=True)

    def _report_to(self) -> Report | None:
        return getattr(self.stack, "report_to", None) or self.report

    def _guard(self, action: Callable[[], None], *, undoing: bool) -> None:
        report = self._report_to()
        try:
            self._check_fresh(undoing)
            action()
        except StaleCommandError as exc:
            # Written by someone else since: refuse, write nothing, and leave the history
            # (the stack drops an obsolete command and keeps its index consistent).
            self.setObsolete(True)
            if report is None:
                raise
            _tell(report, exc)
            return
        except Exception as exc:  # noqa: BLE001 - Qt would swallow it; report instead
            if report is None:
                raise
            _tell(report, exc)
            self._stay(self.stack)
            return
        self._record()

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


class CompositeCommand(StoreCommand):
    """Several commands applied in one transaction and undone together (in reverse); it
    touches the rows its parts touch, so its undo is refused when one changed since."""

    def __init__(self, text: str, store, parts: list[StoreCommand]) -> None:
        super().__init__(text)
        self.store = store
        self.parts = parts
        for part in parts:
            for table, ids in part.touched().items():
                self.touches(table, ids)

    def apply(self) -> None:
        with self.store.transaction():
            for part in self.parts:
                part.apply()

    def revert(self) -> None:
        with self.store.transaction():
            for part in reversed(self.parts):
                part.revert()


def _tell(report: Report, exc: Exception) -> None:
    try:
        report(exc)
    except RuntimeError:  # the window that made the change has closed since
        log.warning("undo: %s not shown (its window has closed)", type(exc).__name__)


def push(stack: QUndoStack, command: StoreCommand, report: Report | None = None) -> None:
    """Apply ``command`` now (raising if the write fails), then put it on ``stack``."""
    settle = getattr(stack, "settle", None)
    if settle is not None:
        settle()  # a merge still being written elsewhere goes first
    command.apply()
    command.report = report
    command.stack = stack
    command._record()
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


class _Follower(QObject):
    """Keeps a window's Undo and Redo actions named and enabled as the history is; a child
    of the window, so Qt drops the connections when the window goes."""

    def __init__(self, stack: QUndoStack, undo: QAction, redo: QAction, parent: QObject) -> None:
        super().__init__(parent)
        self.stack, self.undo, self.redo = stack, undo, redo
        signals = [stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged,
                   stack.redoTextChanged, stack.indexChanged]
        if isinstance(stack, UndoHistory):
            signals.append(stack.busy_changed)
        for signal in signals:
            signal.connect(self.follow)
        self.follow()

    @Slot()
    def follow(self, *_args) -> None:
        stack = self.stack
        if not (shiboken6.isValid(stack) and shiboken6.isValid(self.undo)):
            return  # (the history is being destroyed with its context)
        busy = getattr(stack, "busy", False)  # a merge being written: wait for it
        self.undo.setEnabled(stack.canUndo() and not busy)
        self.redo.setEnabled(stack.canRedo() and not busy)
        self.undo.setText(f"&Undo {stack.undoText()}" if stack.canUndo() else "&Undo")
        self.redo.setText(f"&Redo {stack.redoText()}" if stack.canRedo() else "&Redo")


def undo_actions(stack: QUndoStack, parent: QObject, report: Report) -> tuple[QAction, QAction]:
    """A window's Undo and Redo over the one history: named after the command they would
    undo or redo, enabled as the stack is, and reporting a refusal or a failure in
    this window (``report``), whichever window made the change."""
    undo = QAction("&Undo", parent)
    redo = QAction("&Redo", parent)

    def run(step: str) -> None:
        with_report = getattr(stack, f"{step}_with", None)
        if with_report is not None:
            with_report(report)
        else:
            getattr(stack, step)()

    undo.triggered.connect(lambda _checked=False: run("undo"))
    redo.triggered.connect(lambda _checked=False: run("redo"))
    _Follower(stack, undo, redo, undo)  # kept alive by its parent, the Undo action
    # (A list, as for Redo: ``setShortcut``'s overloads make PySide build its whole ``Qt``
    # namespace to tell them apart, ~15 ms before the library window's first frame.)
    undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    return undo, redo


#: What a window's Undo and Redo say they do (tooltip and status tip), in every menu.
UNDO_TIPS = {"Undo": "Undo the last change (Ctrl+Z)",
             "Redo": "Redo what was undone (Ctrl+Shift+Z or Ctrl+Y)"}


def undo_menu_entries(stack: QUndoStack, window: QWidget, menu: QMenu,
                      report: Report) -> tuple[QAction, QAction]:
    """``undo_actions`` as a window's Edit menu has them: named "Undo" and "Redo" (tests and
    the user guide find them so), with their tips, in ``menu`` and working in ``window``."""
    undo, redo = undo_actions(stack, window, report)
    for action, (name, tip) in zip((undo, redo), UNDO_TIPS.items(), strict=True):
        action.setObjectName(name)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        window.addAction(action)
        menu.addAction(action)
    return undo, redo
