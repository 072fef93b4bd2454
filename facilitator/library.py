"""A library: the store plus the formats it knows, as the window and the CLI both use it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from facilitator import APP_NAME
from facilitator.resources import resource
from facilitator.store import Store

if TYPE_CHECKING:
    from facilitator.formats import Format

LIBRARY_FILE_NAME = "library.wfdb"


def data_dir() -> Path:
    """The platform's per-user data folder (on Windows %LOCALAPPDATA%\\Workshop Facilitator, not doubled)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_library_path() -> Path:
    return data_dir() / LIBRARY_FILE_NAME


class Library:
    """One open library: its store, and the formats it knows. (A plain class: a dataclass
    costs start-up ~0.4 ms to build.)"""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def path(self) -> Path | None:
        return self.store.path

    def formats(self) -> dict[str, Format]:
        return self.store.formats()

    def is_empty(self) -> bool:
        return not self.store.programmes()

    def close(self) -> None:
        self.store.close()


def open_library(
    path: Path | str | None,
    builtin_formats: dict[str, Format] | None = None,
    *,
    create: bool = True,
    read_only: bool = False,
    reason: str = "",
) -> Library:
    """Open (or, with ``create``, make) a library and make sure it has the built-in formats.

    ``read_only`` opens it through a connection that cannot write (``reason`` says why, for
    the window's banner); its formats are then used as they are."""
    store = Store.open(path, create=create, read_only=read_only, reason=reason)
    if read_only:
        return Library(store)
    try:
        known = store.format_versions()
        if builtin_formats is None and all(
                known.get(key, -1) >= version for key, version in builtin_format_versions()):
            return Library(store)  # (up to date: no need to read the formats in full)
        from facilitator.formats import load_builtin_formats

        for fmt in (builtin_formats or load_builtin_formats()).values():
            if known.get(fmt.key, -1) < fmt.version:
                store.save_format(fmt)
    except BaseException:
        store.close()
        raise
    return Library(store)


def builtin_format_versions(folder: Path | None = None) -> list[tuple[str, int]]:
    """The shipped formats' keys and versions, read without checking the formats in full:
    opening a library that has them all compares only these (start-up: the formats module,
    its frozen dataclasses and checks, is not even imported then)."""
    folder = folder or resource("formats")
    found = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.append((str(data["key"]), int(data["version"])))
    return found


def open_for_reading(path: Path | str) -> Library:
    """Open an existing library to read it (list, report, export, search): normally, or, when
    it cannot be written (read-only file, folder or drive, a share refusing locks) or holds
    something this app never makes, read-only. Never creates a library."""
    from facilitator.store import LibraryError
    from facilitator.store.errors import ReadableLibraryError

    path = Path(path)
    if not path.is_file():
        raise LibraryError(f"There is no library at {path} (check --library).")
    try:
        return open_library(path, create=False)
    except LibraryError as exc:
        if not isinstance(exc, ReadableLibraryError):  # (its can_open_read_only)
            raise
        try:
            return open_library(path, create=False, read_only=True, reason=exc.reason)
        except LibraryError:
            raise exc from None
