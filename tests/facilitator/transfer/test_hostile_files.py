"""Untrusted workshop files: each damaged or hostile file is refused, naming the file,
and the library is exactly as it was."""

from __future__ import annotations

import shutil

import pytest

from facilitator.transfer import WorkshopFileError, import_workshop_files, read_and_check
from tests.facilitator.transfer.helpers import (
    export_all,
    small_library,
    small_library_file,
    snapshot,
)
from tests.hostile import run_sql, tampered_copy


@pytest.fixture
def good_file(builtin_formats, awkward_dir):
    return small_library_file(builtin_formats, awkward_dir)


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
    run_sql(path, "CREATE TABLE notes (id, text)", "INSERT INTO notes VALUES (1, 'hello')")
    assert_refused(target, path, "another application")


#: Files tampered with after export, each refused for its own reason: the file's name, the SQL
#: run on it and the words the refusal must say. Each is resealed (``tampered_copy``), so the
#: checks behind the check sum must see the change.
TAMPERED = [
    pytest.param("trigger.workshop", [
        "CREATE TRIGGER evil AFTER INSERT ON notes BEGIN DELETE FROM notes; END"], ["trigger"],
        id="a file with an extra trigger"),
    pytest.param("view.workshop", ["CREATE VIEW sneaky AS SELECT * FROM notes"], ["view"],
                 id="a file with an extra view"),
    pytest.param("missing.workshop", ["DROP TABLE attendance"], ["attendance", "missing"],
                 id="a file with a table missing"),
    pytest.param("column.workshop", ["ALTER TABLE notes ADD COLUMN extra TEXT"], ["columns"],
                 id="a file with an extra column"),
    pytest.param("index.workshop", [
        "DROP INDEX notes_theme",
        "CREATE INDEX notes_theme ON notes(theme_id) WHERE length(text) > 0"], ["differently"],
        id="a file with an index defined differently"),
    pytest.param("newer.workshop", ["PRAGMA user_version = 99"], ["newer version", "please update"],
                 id="a file from a newer version"),
    pytest.param("orphan.workshop", ["UPDATE notes SET workshop_id = 'nowhere'"],
                 ["workshop that is not in the file"], id="a note whose workshop does not exist"),
    pytest.param("utf8.workshop", [
        "UPDATE notes SET text = CAST(X'4F6C64C328' AS TEXT) WHERE rowid = 1"], ["utf-8"],
        id="a note with invalid utf8"),
    pytest.param("blank.workshop", ["UPDATE notes SET text = '   '"], ["empty note"],
                 id="an empty note"),
    pytest.param("step.workshop", ["UPDATE notes SET step_key = 'why'"], ["step 'why'"],
                 id="a note of a step its format lacks"),
    pytest.param("blob.workshop", ["UPDATE notes SET text = X'00FF' WHERE rowid = 1"], ["blob"],
                 id="a number where text belongs"),
    pytest.param("future.workshop", [
        "UPDATE notes SET updated_at = '2999-01-01T00:00:00.000000+00:00'"],
        ["in the future", "clock"], id="edits dated in the future"),
    pytest.param("nosum.workshop", ["DELETE FROM meta WHERE key = 'content_digest'"],
                 ["no check sum"], id="a file without a check sum"),
]


@pytest.mark.parametrize(("name", "statements", "words"), TAMPERED)
def test_a_tampered_file_is_refused(target, good_file, name, statements, words):
    assert_refused(target, tampered_copy(good_file, name, *statements), *words)


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
