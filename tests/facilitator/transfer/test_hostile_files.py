"""Untrusted workshop files: each damaged or hostile file is refused, naming the file,
and the library is exactly as it was."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from facilitator.transfer import WorkshopFileError, import_workshop_files, read_and_check
from tests.facilitator.transfer.helpers import export_all, small_library, snapshot
from tests.hostile import tampered_copy


@pytest.fixture
def good_file(builtin_formats, awkward_dir):
    lib, _, _ = small_library(builtin_formats)
    path = export_all(lib, awkward_dir / "good.workshop")
    lib.close()
    return path


@pytest.fixture
def target(builtin_formats):
    from facilitator.library_ops import rename_programme

    lib, programme, _ = small_library(builtin_formats, notes=2)
    # Its own programme, not the files' one of the same title (that asks a question).
    rename_programme(lib.store, programme.id, "The office's own programme")
    yield lib
    lib.close()


def assert_refused(target, path, *words):
    before = snapshot(target)
    with pytest.raises(WorkshopFileError) as caught:
        read_and_check(path)
    message = str(caught.value)
    assert path.name in message
    for word in words:
        assert word in message.lower()
    [summary] = import_workshop_files(target.store, [path], backup_dir=path.parent / "bk")
    assert not summary.ok and path.name in summary.lines()[0]
    assert snapshot(target) == before
    return message


def test_a_text_file_renamed_workshop(target, awkward_dir):
    path = awkward_dir / "notes.workshop"
    path.write_text("WHO: older people living alone\n", encoding="utf-8")
    assert_refused(target, path, "not an sqlite database")


def test_a_truncated_file(target, good_file):
    data = good_file.read_bytes()
    path = good_file.with_name("truncated.workshop")
    path.write_bytes(data[: len(data) // 2])
    assert_refused(target, path, "damaged")


def test_a_zero_byte_file(target, awkward_dir):
    path = awkward_dir / "empty.workshop"
    path.write_bytes(b"")
    assert_refused(target, path, "empty")


def test_an_sqlite_file_of_another_application(target, awkward_dir):
    path = awkward_dir / "other app.workshop"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id, text)")
    conn.execute("INSERT INTO notes VALUES (1, 'hello')")
    conn.commit()
    conn.close()
    assert_refused(target, path, "another application")


def test_a_file_with_an_extra_trigger(target, good_file):
    path = tampered_copy(
        good_file, "trigger.workshop",
        "CREATE TRIGGER evil AFTER INSERT ON notes BEGIN DELETE FROM notes; END",
    )
    assert_refused(target, path, "trigger")


def test_a_file_with_an_extra_view(target, good_file):
    path = tampered_copy(good_file, "view.workshop", "CREATE VIEW sneaky AS SELECT * FROM notes")
    assert_refused(target, path, "view")


def test_a_file_with_a_table_missing(target, good_file):
    path = tampered_copy(good_file, "missing.workshop", "DROP TABLE attendance")
    assert_refused(target, path, "attendance", "missing")


def test_a_file_with_an_extra_column(target, good_file):
    path = tampered_copy(good_file, "column.workshop", "ALTER TABLE notes ADD COLUMN extra TEXT")
    assert_refused(target, path, "columns")


def test_a_file_with_an_index_defined_differently(target, good_file):
    path = tampered_copy(
        good_file, "index.workshop", "DROP INDEX notes_theme",
        "CREATE INDEX notes_theme ON notes(theme_id) WHERE length(text) > 0",
    )
    assert_refused(target, path, "differently")


def test_a_file_from_a_newer_version(target, good_file):
    path = tampered_copy(good_file, "newer.workshop", "PRAGMA user_version = 99")
    assert_refused(target, path, "newer version", "please update")


def test_a_note_whose_workshop_does_not_exist(target, good_file):
    path = tampered_copy(good_file, "orphan.workshop", "UPDATE notes SET workshop_id = 'nowhere'")
    assert_refused(target, path, "workshop that is not in the file")


def test_a_note_with_invalid_utf8(target, good_file):
    path = tampered_copy(
        good_file, "utf8.workshop",
        "UPDATE notes SET text = CAST(X'4F6C64C328' AS TEXT) WHERE rowid = 1",
    )
    assert_refused(target, path, "utf-8")


def test_an_empty_note(target, good_file):
    path = tampered_copy(good_file, "blank.workshop", "UPDATE notes SET text = '   '")
    assert_refused(target, path, "empty note")


def test_a_note_of_a_step_its_format_lacks(target, good_file):
    path = tampered_copy(good_file, "step.workshop", "UPDATE notes SET step_key = 'why'")
    assert_refused(target, path, "step 'why'")


def test_a_number_where_text_belongs(target, good_file):
    path = tampered_copy(good_file, "blob.workshop", "UPDATE notes SET text = X'00FF' WHERE rowid = 1")
    assert_refused(target, path, "blob")


def test_edits_dated_in_the_future(target, good_file):
    path = tampered_copy(good_file, "future.workshop",
                  "UPDATE notes SET updated_at = '2999-01-01T00:00:00.000000+00:00'")
    assert_refused(target, path, "in the future", "clock")


def test_the_longest_note_allowed_is_accepted_whole(target, builtin_formats, awkward_dir):
    """A note of 10,000 characters travels whole (a longer one is refused for its length:
    tests/facilitator/hostile/test_text_bounds.py)."""
    from facilitator.limits import NOTE_TEXT
    from facilitator.models import Note

    big = ("Community transport " * 500)[:NOTE_TEXT]
    source, _, w1 = small_library(builtin_formats)
    source.store.add_note(Note(w1.id, "what", big))
    path = export_all(source, awkward_dir / "big.workshop")
    [summary] = import_workshop_files(target.store, [path], backup_dir=awkward_dir / "bk")
    assert summary.ok
    texts = [n.text for n in target.store.notes()]
    assert big in texts


def test_a_note_changed_outside_the_app_fails_the_check_sum(target, good_file):
    path = tampered_copy(good_file, "edited.workshop",
                  "UPDATE notes SET text = 'Quietly changed' WHERE rowid = 1", sealed=False)
    assert_refused(target, path, "check sum")


def test_a_file_without_a_check_sum(target, good_file):
    path = tampered_copy(good_file, "nosum.workshop", "DELETE FROM meta WHERE key = 'content_digest'")
    assert_refused(target, path, "no check sum")


def test_a_refused_file_does_not_stop_the_others(target, good_file, awkward_dir):
    bad = awkward_dir / "bad.workshop"
    bad.write_text("nope", encoding="utf-8")
    summaries = import_workshop_files(target.store, [bad, good_file], backup_dir=awkward_dir)
    assert [s.ok for s in summaries] == [False, True]
    assert summaries[1].count("notes", "added") == 3


def test_a_whole_library_renamed_workshop_says_how_to_make_a_workshop_file(
    target, builtin_formats, library_path, awkward_dir
):
    from facilitator.library import open_library

    laptop = open_library(library_path, builtin_formats)
    laptop.close()
    path = awkward_dir / "Ann's library.workshop"
    shutil.copy(library_path, path)
    message = assert_refused(target, path, "whole workshop facilitator library", "export")
    assert "check sum" not in message


def test_a_notes_table_given_to_the_workshop_import_points_to_the_notes_import(
    target, awkward_dir
):
    path = awkward_dir / "Wall photos W2.csv"
    path.write_text("Workshop,Step,Note\nW2,who,Carers\n", encoding="utf-8")
    assert_refused(target, path, "import notes from csv or excel", "import-notes")
