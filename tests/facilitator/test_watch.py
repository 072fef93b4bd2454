"""The store notices other connections' commits (``PRAGMA data_version``) and a library file
deleted or replaced underneath it (then it refuses every write, naming the file)."""

from __future__ import annotations

import os
import sys

import pytest

from facilitator.models import Note, Programme, Workshop
from facilitator.store import LibraryError, LibraryGoneError
from tests.hostile import another_program

posix_only = pytest.mark.skipif(sys.platform == "win32",
                                reason="Windows does not let an open file be deleted")


def _workshop(store) -> Workshop:
    programme = store.add_programme(Programme("Watch 2026"))
    return store.add_workshop(Workshop(programme.id, "W1", "Who?", "delivery-planning"))


def test_another_connections_commit_fires_the_changed_events_with_its_ids(disk_store):
    workshop = _workshop(disk_store)
    heard: dict[str, list] = {}
    for name in ("notes_changed", "workshops_changed", "programmes_changed"):
        getattr(disk_store.events, name).connect(lambda ids, n=name: heard.setdefault(n, ids))
    assert disk_store.check_external_changes() is False  # the first call takes the snapshot
    disk_store.add_note(Note(workshop.id, "who", "Our own note"))
    heard.clear()
    assert disk_store.check_external_changes() is False  # our own writes are not "elsewhere"
    with another_program(disk_store.path) as other:
        note = other.add_note(Note(workshop.id, "who", "Typed at the command line"))
        renamed = other.get_workshop(workshop.id)
        renamed.venue = "Village hall"
        other.update_workshop(renamed)
    assert disk_store.check_external_changes() is True
    assert heard == {"notes_changed": [note.id], "workshops_changed": [workshop.id]}
    assert disk_store.check_external_changes() is False  # once only


def test_the_snapshot_can_wait_and_a_commit_in_between_is_still_announced(disk_store):
    """The window notes the version it read (``remember_version``) and takes the snapshot
    after its first paint: a commit elsewhere in between names every row as changed."""
    workshop = _workshop(disk_store)
    ours = disk_store.add_note(Note(workshop.id, "who", "Typed here"))
    heard: dict[str, list] = {}
    for name in ("notes_changed", "workshops_changed"):
        getattr(disk_store.events, name).connect(lambda ids, n=name: heard.setdefault(n, ids))
    disk_store.remember_version()
    with another_program(disk_store.path) as other:
        note = other.add_note(Note(workshop.id, "who", "Typed at the command line"))
    assert disk_store.check_external_changes() is True
    assert heard == {"notes_changed": sorted([ours.id, note.id]),
                     "workshops_changed": [workshop.id]}
    heard.clear()
    assert disk_store.check_external_changes() is False  # then as before: once only
    with another_program(disk_store.path) as other:
        later = other.add_note(Note(workshop.id, "what", "And another"))
    assert disk_store.check_external_changes() is True
    assert heard == {"notes_changed": [later.id]}


def test_a_snapshot_taken_later_with_nothing_in_between_announces_nothing(disk_store):
    workshop = _workshop(disk_store)
    disk_store.remember_version()
    disk_store.add_note(Note(workshop.id, "who", "Our own note"))  # ours: not "elsewhere"
    assert disk_store.check_external_changes() is False
    with another_program(disk_store.path) as other:
        note = other.add_note(Note(workshop.id, "who", "Typed at the command line"))
    heard: list = []
    disk_store.events.notes_changed.connect(heard.append)
    assert disk_store.check_external_changes() is True
    assert heard == [[note.id]]


def test_row_versions_change_with_every_write(disk_store):
    workshop = _workshop(disk_store)
    note = disk_store.add_note(Note(workshop.id, "who", "Carers"))
    before = disk_store.row_versions("notes", [note.id, "not-there"])
    assert list(before) == [note.id]
    disk_store.set_notes_tags([note.id], ["x"])
    assert disk_store.row_versions("notes", [note.id]) != before
    with pytest.raises(ValueError):
        disk_store.row_versions("notes; DROP TABLE notes", [note.id])


@posix_only
def test_a_deleted_library_file_refuses_every_write_naming_the_file(disk_store):
    workshop = _workshop(disk_store)
    path = disk_store.path
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.remove(f"{path}{suffix}")
    with pytest.raises(LibraryGoneError) as caught:
        disk_store.add_note(Note(workshop.id, "who", "Lost?"))
    assert str(path) in str(caught.value) and "deleted" in str(caught.value)
    assert isinstance(caught.value, LibraryError)
    with pytest.raises(LibraryGoneError):
        disk_store.check_external_changes()
    assert disk_store.gone is not None


@posix_only
def test_a_replaced_library_file_is_noticed_on_the_next_check(disk_store, tmp_path, builtin_formats):
    from facilitator.library import open_library

    _workshop(disk_store)
    disk_store.check_external_changes()
    other = open_library(tmp_path / "restored from backup.wfdb", builtin_formats)
    other.close()
    os.replace(tmp_path / "restored from backup.wfdb", disk_store.path)
    with pytest.raises(LibraryGoneError, match="replaced"):
        disk_store.check_external_changes()
    with pytest.raises(LibraryGoneError):
        disk_store.add_programme(Programme("After the swap"))


def test_row_versions_of_a_table_without_updated_at_use_every_column(disk_store):
    disk_store.conn.execute("CREATE TEMP TABLE tags_seen (id TEXT PRIMARY KEY, label TEXT)")
    disk_store.conn.execute("INSERT INTO tags_seen VALUES ('a', 'Money')")
    before = disk_store.row_versions("tags_seen", ["a"])
    disk_store.conn.execute("UPDATE tags_seen SET label = 'Funding' WHERE id = 'a'")
    assert disk_store.row_versions("tags_seen", ["a"]) != before
    with pytest.raises(ValueError):
        disk_store.row_versions("no_such_table", ["a"])
