"""The app's log: one rotating file in the platform's per-user log folder.

Nothing is ever sent anywhere: the log stays on this computer, and the crash
dialog tells the user where it is so they can pass it on if they choose.
Notes' text is never logged (notes are about the community, but may still name
people by accident); only what the app did, and errors.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import platformdirs

from facilitator import APP_NAME, ORG_NAME, __version__

LOG_FILE_NAME = "workshop-facilitator.log"
#: One file grows to this size, then rolls over; BACKUP_COUNT old files are kept.
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
HANDLER_NAME = "workshop-facilitator-file"


class RotatingLog(logging.FileHandler):
    """A log file that rolls over at ``max_bytes``, keeping ``backups`` old files (``.1`` the
    newest): what ``logging.handlers.RotatingFileHandler`` does, without importing
    ``logging.handlers`` (sockets, pickle, queues: ~8 ms of every start, for nothing)."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, mode="a", encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.max_bytes > 0 and (
                self.stream.tell() + len(self.format(record)) + 1 >= self.max_bytes
            ):
                self._roll_over()
        except Exception:  # noqa: BLE001 - logging must never stop the app
            self.handleError(record)
            return
        super().emit(record)

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = None
        base = self.baseFilename
        for number in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{number}"):
                os.replace(f"{base}.{number}", f"{base}.{number + 1}")
        if self.backups > 0:
            os.replace(base, f"{base}.1")
        else:
            Path(base).write_bytes(b"")
        self.stream = self._open()


def log_dir() -> Path:
    """The platform's log folder (e.g. %LOCALAPPDATA%\\Workshop Facilitator\\Logs)."""
    return Path(platformdirs.user_log_dir(APP_NAME, ORG_NAME))


def log_file_path(folder: Path | None = None) -> Path:
    return (folder or log_dir()) / LOG_FILE_NAME


def current_log_file() -> Path | None:
    """The file the app is logging to now, if :func:`setup_logging` has run."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == HANDLER_NAME and isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to a rotating file in ``folder`` (default: :func:`log_dir`); return its path.

    Safe to call twice (the second call moves the log to the new folder). When the
    folder cannot be written (a locked-down laptop), logging goes to stderr only and
    None is returned: the app must start anyway.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    path = log_file_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingLog(path, MAX_BYTES, BACKUP_COUNT)
    except OSError as exc:
        if sys.stderr is not None:  # a windowed Windows build has no stderr at all
            logging.basicConfig(level=level, format=LOG_FORMAT, stream=sys.stderr)
        logging.getLogger(__name__).warning("cannot write the log file %s: %s", path, exc)
        return None
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    logging.captureWarnings(True)
    frozen = " (installed bundle)" if getattr(sys, "frozen", False) else ""
    logging.getLogger("facilitator").info(
        "%s %s started%s; Python %s on %s", APP_NAME, __version__, frozen,
        sys.version.split()[0], sys.platform,
    )
    return path
