"""Moving a library: a verified copy under a new name; the original is never touched."""

from __future__ import annotations

import hashlib

import pytest

from facilitator.demo import load_demo
from facilitator.library import open_library
from facilitator.store import LibraryError, Store
from facilitator.store.relocate import copy_library, table_counts


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_library(library_path, builtin_formats):
    lib = open_library(library_path, builtin_formats)
    load_demo(lib.store)
    yield lib
    lib.close()


def test_copy_has_every_row_and_the_same_identity(demo_library, awkward_dir):
    destination = awkward_dir / "Moved here" / "Library ü.wfdb"
    moved = copy_library(demo_library.store, destination)
    assert moved == destination
    assert not destination.with_name(destination.name + ".partial").exists()
    copy = Store.open(destination, create=False)
    try:
        assert copy.library_id == demo_library.store.library_id
        assert table_counts(copy.db.conn) == table_counts(demo_library.store.db.conn)
        assert [p.title for p in copy.programmes()] == [
            p.title for p in demo_library.store.programmes()
        ]
        notes = sum(copy.note_counts().values())
        assert notes == sum(demo_library.store.note_counts().values()) > 0
    finally:
        copy.close()
    # The original is still a working library.
    assert demo_library.store.programmes()


def test_an_existing_file_is_never_overwritten(demo_library, awkward_dir):
    existing = awkward_dir / "precious.wfdb"
    existing.write_bytes(b"someone's file")
    with pytest.raises(LibraryError, match="already exists"):
        copy_library(demo_library.store, existing)
    assert existing.read_bytes() == b"someone's file"


def test_a_failed_check_leaves_no_file_and_the_source_unchanged(demo_library, awkward_dir, monkeypatch):
    import facilitator.store.relocate as relocate

    before = table_counts(demo_library.store.db.conn)
    real = relocate.table_counts
    calls = []

    def lying_counts(conn):
        calls.append(conn)
        counts = real(conn)
        if len(calls) == 2:  # the copy's counts
            counts["notes"] -= 1
        return counts

    monkeypatch.setattr(relocate, "table_counts", lying_counts)
    destination = awkward_dir / "copy.wfdb"
    with pytest.raises(LibraryError, match="does not match.*notes"):
        copy_library(demo_library.store, destination)
    assert not destination.exists()
    assert list(awkward_dir.glob("copy.wfdb*")) == []
    assert real(demo_library.store.db.conn) == before


def test_an_in_memory_library_cannot_be_moved(library, tmp_path):
    with pytest.raises(LibraryError, match="only in memory"):
        copy_library(library.store, tmp_path / "x.wfdb")


def test_a_folder_that_cannot_be_made_is_named(demo_library, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    with pytest.raises(LibraryError, match="a file"):
        copy_library(demo_library.store, blocker / "library.wfdb")


def test_moving_onto_itself_says_it_is_already_there(demo_library):
    path = demo_library.store.path
    before = table_counts(demo_library.store.db.conn)
    roundabout = path.parent / "." / path.name
    with pytest.raises(LibraryError, match="already at"):
        copy_library(demo_library.store, roundabout)
    assert table_counts(demo_library.store.db.conn) == before


def test_a_usb_stick_pulled_out_during_the_copy_leaves_the_library_as_it_was(
    demo_library, awkward_dir, monkeypatch
):
    import errno

    import facilitator.store.relocate as relocate

    stick = awkward_dir / "USB Clé"
    before = digest(demo_library.store.path)

    def pulled_out(source, target_path):
        target_path.write_bytes(b"half a copy")
        raise OSError(errno.EIO, "Input/output error", str(target_path))

    monkeypatch.setattr(relocate, "_backup", pulled_out)
    with pytest.raises(LibraryError, match="Could not copy the library to .*USB Clé.*Input/output"):
        copy_library(demo_library.store, stick / "library.wfdb")
    assert list(stick.iterdir()) == []  # no half copy left to be opened later
    assert digest(demo_library.store.path) == before


def test_a_read_only_folder_is_named_in_plain_words(demo_library, awkward_dir, monkeypatch):
    import sqlite3

    import facilitator.store.relocate as relocate

    folder = awkward_dir / "Lecture seule"
    folder.mkdir()

    def read_only(source, target_path):  # what SQLite says for a read-only folder
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(relocate, "_backup", read_only)
    with pytest.raises(LibraryError) as raised:
        copy_library(demo_library.store, folder / "library.wfdb")
    message = str(raised.value)
    assert "Lecture seule" in message and "cannot be written to" in message
    assert "unable to open database file" not in message
    assert list(folder.iterdir()) == []
