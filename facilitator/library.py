"""A library: the store plus the formats it knows, as the window and the CLI both use it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from facilitator import APP_NAME
from facilitator.formats import Format, load_builtin_formats
from facilitator.store import Store

LIBRARY_FILE_NAME = "library.wfdb"


def data_dir() -> Path:
    """The platform's per-user data folder (on Windows %LOCALAPPDATA%\\Workshop Facilitator, not doubled)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_library_path() -> Path:
    return data_dir() / LIBRARY_FILE_NAME


@dataclass
class Library:
    store: Store

    @property
    def path(self) -> Path | None:
        return self.store.path

    def formats(self) -> dict[str, Format]:
        return self.store.formats()

    def format_for(self, format_key: str) -> Format:
        return self.store.get_format(format_key)

    def is_empty(self) -> bool:
        return not self.store.programmes()

    def close(self) -> None:
        self.store.close()


def open_library(
    path: Path | str | None,
    builtin_formats: dict[str, Format] | None = None,
    *,
    create: bool = True,
) -> Library:
    """Open (or, with ``create``, make) a library and make sure it has the built-in formats."""
    store = Store.open(path, create=create)
    try:
        known = store.format_versions()
        for fmt in (builtin_formats or load_builtin_formats()).values():
            if known.get(fmt.key, -1) < fmt.version:
                store.save_format(fmt)
    except BaseException:
        store.close()
        raise
    return Library(store)
