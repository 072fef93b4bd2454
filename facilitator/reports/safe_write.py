"""Writing an export safely: to a temporary file beside the target, then moved into place.

A failed export (full disk, file open in Word, folder gone) never leaves a
half-written file over a good one, and the message names the file and says
what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class ExportError(Exception):
    """An export could not be written; the message names the file and the reason."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


def lock_file_for(target: Path) -> Path | None:
    """The lock file Word or LibreOffice keeps beside a document it has open, if any."""
    name = target.name
    # LibreOffice: ".~lock.NAME#"; Word: "~$" over the first 0, 1 or 2 characters.
    candidates = [target.with_name(f".~lock.{name}#")]
    candidates += [target.with_name("~$" + name[cut:]) for cut in (2, 1, 0)]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return None


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full. Free some space or choose another drive"
    if exc.errno == errno.EROFS:
        return "the drive is read-only. Choose another folder"
    if exc.errno in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return (
            "it is open in another program (such as Word) or you are not allowed to write "
            "there. Close it, or choose another name or folder"
        )
    if exc.errno == errno.EISDIR or isinstance(exc, IsADirectoryError):
        return "a folder has that name. Choose another name"
    return exc.strerror or str(exc)


def check_target(target: Path | str) -> None:
    """Raise :class:`ExportError` now if ``target`` cannot be written (no folder, a folder
    of that name, open in Word): checked before any work, so nothing is half-written."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"Cannot save {target}: the folder {folder} does not exist.", target)
    if target.is_dir():
        raise ExportError(f"Cannot save {target}: a folder has that name.", target)
    lock = lock_file_for(target)
    if lock is not None:
        raise ExportError(
            f"Cannot save {target}: it is open in another program ({lock.name} is beside it). "
            "Close it there first, or choose another name. (If it is not open anywhere, "
            f"delete {lock.name}.)",
            target,
        )


def write_atomically(target: Path | str, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write`` with a temporary binary file, then move it over ``target``.

    Raises :class:`ExportError` naming ``target`` on any problem; the target is
    then exactly as it was before, and no temporary file is left behind.
    """
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"Cannot save {target}: the folder {folder} does not exist.", target)
    if target.is_dir():
        raise ExportError(f"Cannot save {target}: a folder has that name.", target)
    lock = lock_file_for(target)
    if lock is not None:
        raise ExportError(
            f"Cannot save {target}: it is open in another program ({lock.name} is beside it). "
            "Close it there first, or choose another name. (If it is not open anywhere, "
            f"delete {lock.name}.)",
            target,
        )
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem[:40]}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(
            f"Cannot save {target}: the folder {folder} cannot be written to ({_reason(exc)}).",
            target,
        ) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(temp, 0o666 & ~mask)
        os.replace(temp, target)
    except OSError as exc:
        _remove(temp)
        raise ExportError(f"Cannot save {target}: {_reason(exc)}.", target) from None
    except BaseException:
        _remove(temp)
        raise
    return target


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
