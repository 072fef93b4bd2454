"""Shared fixtures: small in-memory libraries, and on-disk ones under awkward paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Reports never start LibreOffice in the unit suite (it takes seconds); the slow tests
# that check page numbers and PDFs ask for it (tests/facilitator/reports/conftest.py).
os.environ["WF_LIBREOFFICE"] = "none"

from facilitator.formats import load_builtin_formats  # noqa: E402
from facilitator.library import Library, open_library  # noqa: E402


@pytest.fixture(scope="session")
def builtin_formats():
    return load_builtin_formats()


@pytest.fixture
def library(builtin_formats) -> Library:
    """An in-memory library with the built-in formats (sqlite-utils style: small and fast)."""
    lib = open_library(None, builtin_formats)
    yield lib
    lib.close()


@pytest.fixture
def store(library):
    return library.store


@pytest.fixture
def awkward_dir(tmp_path) -> Path:
    """A folder with spaces and accents, as on a council laptop's OneDrive."""
    folder = tmp_path / "Área de trabajo" / "Workshop files é ü"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def library_path(awkward_dir) -> Path:
    return awkward_dir / "My library.wfdb"


@pytest.fixture
def disk_store(library_path, builtin_formats):
    """The store of a library on disk at ``library_path`` (what another program can open
    too)."""
    library = open_library(library_path, builtin_formats)
    yield library.store
    library.close()
