"""SQLite's integrity check started early (while the window's code is imported, on a thread
of its own): a damaged library is still refused when it is opened, before anything is
written, with the same message; a clean answer is used once, by the next opening."""

from __future__ import annotations

import hashlib
import os

import pytest

from facilitator.library import open_library
from facilitator.models import Note, Programme, Workshop
from facilitator.store import DamagedLibraryError, Store, connection


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _library_with_notes(path) -> None:
    library = open_library(path)
    programme = library.store.add_programme(Programme("P"))
    workshop = library.store.add_workshop(Workshop(programme.id, "W1", "Q", "delivery-planning"))
    library.store.add_notes([Note(workshop.id, "who", f"note {i} " * 40) for i in range(300)])
    library.close()


def _damage_the_notes(path) -> None:
    """Scribble over the last pages (the notes' rows), leaving the header and the schema:
    the file still opens as a library, and only SQLite's check finds the damage."""
    data = bytearray(path.read_bytes())
    for i in range(len(data) - 8 * 4096, len(data) - 4096, 5):
        data[i] = (data[i] + 91) % 256
    path.write_bytes(bytes(data))


def test_a_damaged_library_is_refused_with_the_same_message(library_path):
    _library_with_notes(library_path)
    _damage_the_notes(library_path)
    before = _digest(library_path)
    connection.start_integrity_check(library_path)
    with pytest.raises(DamagedLibraryError) as early:
        Store.open(library_path)
    with pytest.raises(DamagedLibraryError) as checked_when_opened:
        Store.open(library_path)
    assert str(early.value) == str(checked_when_opened.value)
    assert str(library_path) in str(early.value)
    assert _digest(library_path) == before  # nothing written
    assert not connection._early_checks  # used once


def test_a_clean_answer_is_used_once_by_the_next_opening(library_path):
    _library_with_notes(library_path)
    connection.start_integrity_check(library_path)
    key = os.path.abspath(library_path)
    connection._early_checks[key].join()
    assert connection._early_results[key] == "ok"
    store = Store.open(library_path)
    try:
        assert len(store.workshops()) == 1
    finally:
        store.close()
    assert key not in connection._early_checks and key not in connection._early_results


def test_no_file_no_check(library_path):
    connection.start_integrity_check(library_path)  # a new library: nothing to check yet
    assert not connection._early_checks
