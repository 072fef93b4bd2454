"""The app's log: one rotating file in the platform's per-user log folder.

Nothing is ever sent anywhere: the log stays on this computer, and the crash
dialog tells the user where it is so they can pass it on if they choose.
Notes' text is never logged (notes are about the community, but may still name
people by accident); only what the app did, and errors.
"""

from __future__ import annotations

import logging
import logging.handlers
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


def log_dir() -> Path:
    """The platform's log folder (e.g. %LOCALAPPDATA%\\Workshop Facilitator\\Logs)."""
    return Path(platformdirs.user_log_dir(APP_NAME, ORG_NAME))


def log_file_path(folder: Path | None = None) -> Path:
    return (folder or log_dir()) / LOG_FILE_NAME


def current_log_file() -> Path | None:
    """The file the app is logging to now, if :func:`setup_logging` has run."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == HANDLER_NAME:
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
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=False
        )
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
