"""When something goes wrong: an unhandled exception shows a calm dialog, never a vanished window.

This module is the handler installed at start; the dialog itself (``ui.crash_dialog``) is
imported only when something has gone wrong.

The dialog says the notes are safe (every note is written to disk as it is
typed), where the log file is, and offers to copy the details to the clipboard
so the user can paste them into an email if they choose. Nothing is sent
anywhere.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from facilitator import APP_NAME, __version__
from facilitator.logs import current_log_file

log = logging.getLogger("ui.crash")


def _to_stderr(text: str) -> None:
    """A windowed Windows build has no stderr at all (``sys.stderr is None``)."""
    if sys.stderr is not None:
        sys.stderr.write(text)


def crash_details(exc_type, exc, tb) -> str:
    """The text the user can copy: version, platform and the traceback, no notes."""
    import platform  # (only when something went wrong: not at every start)

    lines = traceback.format_exception(exc_type, exc, tb)
    return (
        f"{APP_NAME} {__version__}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n\n" + "".join(lines)
    )


_QUOTED = re.compile(r"""(['"])(.+?)\1""")


def _withhold_quoted(message: str) -> str:
    """'Mrs Patel needs a lift' -> '<22 characters>': a note's text quoted in an error."""
    return _QUOTED.sub(lambda m: f"{m.group(1)}<{len(m.group(2))} characters>{m.group(1)}", message)


def log_details(exc_type, exc, tb) -> str:
    """The traceback for the log file, with quoted text in the error messages withheld.

    An error message can quote what was being handled (``KeyError('Mrs Patel at number 4
    needs a lift')``); the log is kept for weeks and may be sent to IT, so it gets the
    error's kind and where it happened, not the community's words. The dialog's details,
    which the user reads before choosing to copy them, keep the message whole."""
    report = traceback.TracebackException(exc_type, exc, tb)
    seen: set[int] = set()
    stack: list[traceback.TracebackException | None] = [report]
    while stack:
        part = stack.pop()
        if part is None or id(part) in seen:
            continue
        seen.add(id(part))
        # The message is CPython's private ``_str`` (not in the type stubs): read and written
        # by name, so a Python without it logs the message whole rather than failing.
        message = getattr(part, "_str", None)
        if isinstance(message, str):
            setattr(part, "_str", _withhold_quoted(message))  # noqa: B010 - see above
        stack.extend([part.__cause__, part.__context__, *(part.exceptions or [])])
    return "".join(report.format())


class _MainThreadBridge(QObject):
    """Carries a crash from a worker thread to the main thread, where dialogs may be shown."""

    crashed = Signal(str, object)


class CrashHandler:
    """The ``sys.excepthook`` installed by :func:`install_excepthook`."""

    def __init__(self, dialogs=None, parent: QWidget | None = None) -> None:
        self.dialogs = dialogs
        self.parent = parent
        self.previous = sys.excepthook
        self.previous_thread_hook = threading.excepthook
        self._showing = False
        self._bridge = _MainThreadBridge()
        # Emitted only on worker threads (see __call__), to a bridge of the main thread's:
        # Qt queues it to the main thread (naming ``Qt.ConnectionType.QueuedConnection``
        # would make PySide build every ``Qt.*`` enum, ~15 ms, before the first frame).
        self._bridge.crashed.connect(self._show_safely)

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous(exc_type, exc, tb)
            return
        log.critical("Unhandled exception\n%s", log_details(exc_type, exc, tb).rstrip())
        details = crash_details(exc_type, exc, tb)
        app = QApplication.instance()
        if self._showing or app is None:
            # A second error while the dialog is open, or no window at all: stderr.
            _to_stderr(details)
            return
        from PySide6.QtCore import QThread  # (when something went wrong: not at every start)

        if QThread.currentThread() != app.thread():
            # A worker thread (an export, an import): show it from the main thread.
            self._bridge.crashed.emit(details, current_log_file())
            return
        self._show_safely(details, current_log_file())

    def _show_safely(self, details: str, log_path: Path | None) -> None:
        if self._showing:
            _to_stderr(details)
            return
        self._showing = True
        try:
            self.show(details, log_path)
        except Exception:  # noqa: BLE001 - the crash dialog itself must never crash the app
            log.exception("The crash dialog could not be shown")
            _to_stderr(details)
        finally:
            self._showing = False

    def show(self, details: str, log_path: Path | None) -> None:
        crash = getattr(self.dialogs, "crash", None)
        if callable(crash):
            crash(self._parent(), details, log_path)
            return
        from ui.crash_dialog import CrashDialog  # its widgets are made only when it is needed

        dialog = CrashDialog(details, log_path, self._parent())
        dialog.exec()

    def _parent(self) -> QWidget | None:
        if self.parent is not None:
            return self.parent
        return QApplication.activeWindow()

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        self(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self.previous_thread_hook


def install_excepthook(context_or_dialogs=None, parent: QWidget | None = None) -> CrashHandler:
    """Show :class:`CrashDialog` for any unhandled exception (also those raised in Qt slots).

    ``context_or_dialogs`` is the :class:`~ui.context.AppContext` or a ``Dialogs``;
    when it has a ``crash(parent, details, log_path)`` method (a test stub) that is
    called instead of showing the dialog. Returns the handler (``.uninstall()``).
    """
    dialogs = getattr(context_or_dialogs, "dialogs", context_or_dialogs)
    handler = CrashHandler(dialogs, parent)
    sys.excepthook = handler
    handler.previous_thread_hook = threading.excepthook
    threading.excepthook = handler._thread_hook
    return handler
