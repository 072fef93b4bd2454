"""Opening library files: new, old (migrated), and every kind we must refuse untouched."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlite_utils import Database

from facilitator.library import open_library
from facilitator.models import Note, Programme, Workshop
from facilitator.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    DamagedLibraryError,
    LibraryBusyError,
    NewerLibraryError,
    NotALibraryError,
    StorageFullError,
    Store,
)
from facilitator.store.schema import migrations
from tests.hostile import run_sql


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused_untouched(path, errors, match=None):
    """Opening ``path`` raises one of ``errors`` (matching ``match``), naming the file, and
    leaves its bytes as they were."""
    before = digest(path)
    with pytest.raises(errors, match=match) as info:
        Store.open(path)
    assert str(path) in str(info.value)
    assert digest(path) == before


def test_new_library_is_ours_and_current(library_path):
    store = Store.open(library_path)
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert store.schema_version == SCHEMA_VERSION
    assert len(store.library_id) == 32
    store.close()


def test_library_from_an_older_schema_opens_and_migrates(library_path):
    # Write a library as version 1 of the schema would have: only 0001_core applied.
    conn = sqlite3.connect(library_path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db = Database(conn)
    migrations.apply(db, stop_before="0002_photos")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO meta VALUES ('library_id', 'old-library')")
    conn.commit()
    conn.close()

    library = open_library(library_path)
    store = library.store
    assert store.schema_version == SCHEMA_VERSION
    assert "photos" in store.db.table_names()
    assert store.library_id == "old-library"
    programme = store.add_programme(Programme("After migration"))
    workshop = store.add_workshop(Workshop(programme.id, "W1", "Q", "delivery-planning"))
    store.add_note(Note(workshop.id, "who", "still works"))
    library.close()


def test_newer_library_is_refused_untouched(library_path):
    Store.open(library_path).close()
    run_sql(library_path, f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    assert_refused_untouched(library_path, NewerLibraryError, "newer version")


def test_text_file_is_refused_untouched(library_path):
    library_path.write_text("Minutes of the parish council meeting\n", encoding="utf-8")
    assert_refused_untouched(library_path, NotALibraryError, "not an SQLite database")


def test_sqlite_file_of_another_application_is_refused_untouched(library_path):
    run_sql(library_path, "CREATE TABLE contacts (name TEXT)",
            "INSERT INTO contacts VALUES ('someone')")
    assert_refused_untouched(library_path, NotALibraryError, "another application")
    assert not library_path.with_name(library_path.name + "-wal").exists()


def test_damaged_library_is_refused_untouched(library_path):
    library = open_library(library_path)
    programme = library.store.add_programme(Programme("P"))
    workshop = library.store.add_workshop(Workshop(programme.id, "W1", "Q", "delivery-planning"))
    library.store.add_notes([Note(workshop.id, "who", f"note {i} " * 40) for i in range(300)])
    library.close()
    data = bytearray(library_path.read_bytes())
    # Scribble over the middle pages, keeping the header (so it still claims to be SQLite).
    for i in range(4096, len(data) - 4096, 7):
        data[i] = (data[i] + 91) % 256
    library_path.write_bytes(bytes(data))
    assert_refused_untouched(library_path, (DamagedLibraryError, NotALibraryError))


def test_folder_is_refused(awkward_dir):
    with pytest.raises(NotALibraryError, match="folder"):
        Store.open(awkward_dir)


def test_zero_byte_file_becomes_a_new_library(library_path):
    library_path.write_bytes(b"")
    store = Store.open(library_path)
    assert store.schema_version == SCHEMA_VERSION
    store.close()


def test_two_connections_share_a_library_without_corruption(library_path):
    first = open_library(library_path)
    second = open_library(library_path)
    programme = first.store.add_programme(Programme("Shared"))
    workshop = first.store.add_workshop(Workshop(programme.id, "W1", "Q", "delivery-planning"))
    for i in range(20):
        (first if i % 2 else second).store.add_note(Note(workshop.id, "who", f"n{i}"))
    assert len(first.store.notes(workshop.id)) == 20
    assert len(second.store.notes(workshop.id)) == 20
    first.close()
    second.close()


def test_a_held_write_lock_gives_a_clear_busy_message(library_path, monkeypatch):
    import facilitator.store.connection as connection

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    library = open_library(library_path)
    blocker = sqlite3.connect(library_path, timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        library.store.db.execute("PRAGMA busy_timeout = 100")
        with pytest.raises(LibraryBusyError, match="busy") as info:
            library.store.add_programme(Programme("Blocked"))
        assert str(library_path) in str(info.value)
    finally:
        blocker.rollback()
        blocker.close()
    library.store.add_programme(Programme("After the lock"))
    assert [p.title for p in library.store.programmes()] == ["After the lock"]
    library.close()


def test_schema_version_counts_the_migrations():
    assert len(migrations.pending(Database(memory=True))) == SCHEMA_VERSION


def test_a_full_disk_gives_a_clear_message_and_keeps_every_earlier_note(library_path):
    library = open_library(library_path)
    store = library.store
    programme = store.add_programme(Programme("Full disk"))
    workshop = store.add_workshop(Workshop(programme.id, "W1", "Q", "delivery-planning"))
    kept = store.add_notes([Note(workshop.id, "who", f"kept {i}") for i in range(10)])
    # SQLite's page limit makes the file "full" exactly as a full disk would (SQLITE_FULL).
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageFullError, match="disk may be full") as info:
        store.add_notes([Note(workshop.id, "who", "x" * 2000) for _ in range(200)])
    assert str(library_path) in str(info.value)
    assert [n.id for n in store.notes(workshop.id)] == [n.id for n in kept]
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    store.add_note(Note(workshop.id, "who", "after space was freed"))
    assert len(store.notes(workshop.id)) == 11
    library.close()
