"""Issue 12, rule 5: a library is checked on open like a workshop file (the app's own tables,
indexes and triggers only, trusted_schema off, application id, schema version); anything
else is refused with an offer to open it read-only or repair it; a .workshop file opened as a
library is refused and left as it was, by `list` too."""

from __future__ import annotations

import pytest

from facilitator.demo import load_demo
from facilitator.library import open_for_reading, open_library
from facilitator.store import NotALibraryError, Store, UnexpectedSchemaError
from facilitator.transfer import export_workshops
from tests.hostile import demo_library_file, file_state, run_cli, run_sql


@pytest.fixture
def demo_path(library_path, builtin_formats):
    return demo_library_file(library_path, builtin_formats)


WIPE_TRIGGER = ("CREATE TRIGGER wipe AFTER INSERT ON notes "
                "BEGIN DELETE FROM notes WHERE id <> NEW.id; END")


@pytest.mark.parametrize("sql, kind, name", [
    (WIPE_TRIGGER, "trigger", "wipe"),
    ("CREATE VIEW v AS SELECT * FROM notes", "view", "v"),
    ("CREATE TABLE extra (x)", "table", "extra"),
    ("CREATE INDEX odd ON notes(text)", "index", "odd"),
])
def test_an_object_the_app_never_makes_is_refused(demo_path, sql, kind, name):
    run_sql(demo_path, sql)
    before = file_state(demo_path)
    with pytest.raises(UnexpectedSchemaError) as refused:
        Store.open(demo_path)
    message = str(refused.value)
    assert f"a {kind} “{name}” that Workshop Facilitator never makes" in message
    assert str(demo_path) in message
    assert "open it read-only" in message and "repair it" in message
    assert file_state(demo_path) == before


def test_a_table_defined_differently_is_refused(demo_path):
    run_sql(demo_path, "ALTER TABLE notes ADD COLUMN sneaky TEXT")
    with pytest.raises(UnexpectedSchemaError, match="the table “notes” defined differently"):
        Store.open(demo_path)


def test_the_trigger_never_runs_and_the_cli_import_is_refused(demo_path, builtin_formats, tmp_path):
    run_sql(demo_path, WIPE_TRIGGER)
    source = open_library(tmp_path / "source.wfdb", builtin_formats)
    load_demo(source.store)
    export_workshops(source.store, [source.store.workshops()[0].id], tmp_path / "W1.workshop")
    source.close()
    before = file_state(demo_path)
    result = run_cli("import", "--library", str(demo_path), str(tmp_path / "W1.workshop"))
    assert result.returncode == 2
    assert "trigger “wipe”" in result.stderr and "Traceback" not in result.stderr
    assert file_state(demo_path) == before


def test_list_reads_a_library_with_a_trigger_read_only(demo_path):
    run_sql(demo_path, WIPE_TRIGGER)
    before = file_state(demo_path)
    result = run_cli("list", "--library", str(demo_path))
    assert result.returncode == 0, result.stderr
    assert "W1" in result.stdout
    assert "opened read-only" in result.stderr and "trigger “wipe”" in result.stderr
    assert file_state(demo_path) == before


def test_repair_copies_the_known_tables_into_a_fresh_library(demo_path):
    library = open_library(demo_path)
    notes_before = len(library.store.notes(library.store.workshops()[0].id))
    library_id = library.store.library_id
    library.close()
    run_sql(demo_path, WIPE_TRIGGER)
    before = file_state(demo_path)
    repaired = Store.repair(demo_path)
    assert repaired.name == "My library (repaired).wfdb"
    assert file_state(demo_path) == before
    library = open_library(repaired)
    try:
        store = library.store
        assert store.library_id == library_id
        assert len(store.notes(store.workshops()[0].id)) == notes_before
        from facilitator.sense.search import search

        assert search(store, store.notes(store.workshops()[0].id)[0].text.split()[0])
        triggers = store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'wipe'").fetchall()
        assert triggers == []
    finally:
        library.close()


def test_trusted_schema_is_off(demo_path):
    library = open_library(demo_path)
    try:
        assert library.store.conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    finally:
        library.close()
    library = open_for_reading(demo_path)
    try:
        assert library.store.conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    finally:
        library.close()


def test_a_workshop_file_opened_as_a_library_is_refused_and_untouched(demo_path, tmp_path):
    library = open_library(demo_path)
    path = tmp_path / "W1 é.workshop"
    export_workshops(library.store, [library.store.workshops()[0].id], path)
    library.close()
    before = file_state(path)
    with pytest.raises(NotALibraryError, match="is a workshop file"):
        Store.open(path)
    result = run_cli("list", "--library", str(path))
    assert result.returncode == 2
    assert "is a workshop file (made by Export workshops), not a library" in result.stderr
    assert file_state(path) == before


def test_another_applications_database_and_a_newer_library_are_refused(tmp_path, demo_path):
    other = tmp_path / "other.db"
    run_sql(other, "CREATE TABLE t (x)")
    before = file_state(other)
    result = run_cli("list", "--library", str(other))
    assert result.returncode == 2 and "another application" in result.stderr
    assert file_state(other) == before
    run_sql(demo_path, "PRAGMA user_version = 999")
    result = run_cli("list", "--library", str(demo_path))
    assert result.returncode == 2 and "newer version" in result.stderr


def test_the_check_knows_the_migration_set_and_every_migration():
    from facilitator.store import schema, schema_check

    assert schema_check.MIGRATION_SET == schema.MIGRATION_SET
    assert schema_check.known_migrations() == tuple(m.name for m in schema.migrations._migrations)
