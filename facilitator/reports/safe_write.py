"""Writing an export safely: to a temporary file beside the target, then moved into place.

A failed export (full disk, file open in Word, folder gone) never leaves a
half-written file over a good one, and the message names the file and says
what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, cast


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


class _StopAfterFailure:
    """The temporary file as ``write`` sees it: after a write fails (a full disk), later
    writes go nowhere (only the position moves on), so a zip writer left open by the failure
    (python-docx's, openpyxl's) cannot fail again when it is cleaned up and print a stray
    traceback (issue 12, rule 8); the first failure is what the export reports."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.failure: OSError | None = None
        self._position = 0

    def write(self, data) -> int:
        if self.failure is None:
            try:
                return self._stream.write(data)
            except OSError as exc:
                self.failure = exc
                with contextlib.suppress(OSError, ValueError):
                    self._position = self._stream.tell()
                raise
        self._position += len(data)
        return len(data)

    def flush(self) -> None:
        if self.failure is None:
            self._stream.flush()

    def tell(self) -> int:
        return self._position if self.failure is not None else self._stream.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        if self.failure is None:
            return self._stream.seek(offset, whence)
        self._position = offset if whence == 0 else self._position + offset
        return self._position

    def check(self) -> None:
        """Raise the first failure, if ``write`` swallowed it."""
        if self.failure is not None:
            raise self.failure

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def write_atomically(target: Path | str, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write`` with a temporary binary file, then move it over ``target``.

    Raises :class:`ExportError` naming ``target`` on any problem; the target is
    then exactly as it was before, and no temporary file is left behind.
    """
    target = Path(target)
    folder = target.parent
    check_target(target)
    clean_stale_parts(folder, target)
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
            guarded = _StopAfterFailure(stream)
            write(cast(BinaryIO, guarded))  # BinaryIO's methods, the rest via __getattr__
            guarded.check()
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


#: A temporary file ``write_atomically`` makes: ".NAME.RANDOM.part".
_PART = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.part$")
#: How old another export's temporary file must be to count as left behind.
STALE_AFTER = {"this file": 60, "another file": 3600}


def clean_stale_parts(folder: Path, target: Path) -> list[Path]:
    """Remove the temporary files an export killed half-way (kill -9, a power cut) left in
    ``folder`` (issue 12, rule 8): this file's after a minute, any other export's after an
    hour (so an export running in another window is never disturbed). Returns them."""
    prefix = f".{target.stem[:40]}."
    now = time.time()
    removed: list[Path] = []
    try:
        candidates = [p for p in folder.iterdir() if _PART.match(p.name)]
    except OSError:
        return removed
    for part in candidates:
        try:
            age = now - part.lstat().st_mtime
            if not part.is_file() or part.is_symlink():
                continue
        except OSError:
            continue
        limit = STALE_AFTER["this file" if part.name.startswith(prefix) else "another file"]
        if age > limit:
            _remove(part)
            removed.append(part)
    return removed


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
