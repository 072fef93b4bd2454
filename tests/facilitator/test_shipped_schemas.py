"""Libraries made by every shipped version of the schema (tests/data/libraries, one file per
migration count): each still matches what the migrations make, so editing a shipped
migration fails here; each opens, upgrades to today's schema and keeps its note."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from facilitator.library import open_library
from facilitator.models import Note
from facilitator.store import SCHEMA_VERSION
from facilitator.store.schema import migrations
from facilitator.store.schema_check import applied_migrations, expected_objects, objects_of
from tests.data.libraries.make_libraries import library_file

COUNTS = range(1, SCHEMA_VERSION + 1)


def test_there_is_a_library_file_for_every_schema_version():
    missing = [library_file(n).name for n in COUNTS if not library_file(n).is_file()]
    assert not missing, (f"commit a library of each new schema version: run python "
                         f"tests/data/libraries/make_libraries.py (missing {missing})")
    assert len(migrations._migrations) == SCHEMA_VERSION


@pytest.mark.parametrize("count", COUNTS)
def test_a_shipped_migration_still_makes_what_it_made(count):
    conn = sqlite3.connect(f"file:{library_file(count)}?mode=ro", uri=True)
    try:
        applied = applied_migrations(conn)
        assert applied == tuple(m.name for m in migrations._migrations[:count])
        assert conn.execute("PRAGMA user_version").fetchone()[0] == count
        found = objects_of(conn)
    finally:
        conn.close()
    expected = expected_objects.__wrapped__(applied)  # worked out afresh, not from the cache
    changed = sorted(f"{kind} {name}" for (kind, name) in set(found) | set(expected)
                     if found.get((kind, name)) != expected.get((kind, name)))
    assert not changed, (f"a shipped migration was edited (libraries of schema {count} "
                         f"differ in {changed}): add a new migration instead")


@pytest.mark.parametrize("count", COUNTS)
def test_a_library_of_each_schema_version_opens_upgraded_with_its_notes(count, tmp_path):
    path = tmp_path / "old library.wfdb"
    shutil.copy(library_file(count), path)
    library = open_library(path)
    store = library.store
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert store.library_id == f"shipped-schema-{count:02d}"
        (programme,) = store.programmes()
        (workshop,) = store.workshops(programme.id)
        assert [n.text for n in store.notes(workshop.id)] == [f"Written under schema {count}"]
        store.add_note(Note(workshop.id, "what", "Added after the upgrade"))
        assert len(store.notes(workshop.id)) == 2
    finally:
        library.close()
    assert library_file(count).stat().st_size > 0  # the committed file itself is untouched


def test_what_a_library_should_hold_is_cached_by_every_migrations_code(tmp_path, monkeypatch):
    """The expected schema is cached on disk under a key made from the migrations' code:
    editing any migration's own module (not only schema.py) works it out afresh."""
    from pathlib import Path

    from facilitator.store import schema_check

    here = Path(schema_check.__file__).parent
    copy = tmp_path / "store"
    (copy / "migrations").mkdir(parents=True)
    shutil.copy(here / "schema.py", copy / "schema.py")
    for module in (here / "migrations").glob("*.py"):
        shutil.copy(module, copy / "migrations" / module.name)
    monkeypatch.setattr(schema_check, "__file__", str(copy / "schema_check.py"))
    before = schema_check._cache_path()
    assert before is not None
    with (copy / "migrations" / "m0002_photos.py").open("a", encoding="utf-8") as module:
        module.write("# edited\n")
    assert schema_check._cache_path() != before


def test_the_packaged_app_caches_what_a_library_should_hold_too(tmp_path, monkeypatch):
    """A bundle ships the migrations compiled, without their ``.py`` files: its cache key
    is its executable (a new build is a new one), so its starts do not work the schema out
    afresh (sqlite-utils and every migration, ~0.25 s) each time."""
    import sys

    from facilitator.store import schema_check

    monkeypatch.setattr(schema_check, "__file__", str(tmp_path / "store" / "schema_check.pyc"))
    assert schema_check._cache_path() is None  # (no sources, not a bundle: no cache)
    executable = tmp_path / "WorkshopFacilitator"
    executable.write_bytes(b"build 1")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    first = schema_check._cache_path()
    assert first is not None and first == schema_check._cache_path()
    executable.write_bytes(b"build 2, longer")
    assert schema_check._cache_path() not in (None, first)
