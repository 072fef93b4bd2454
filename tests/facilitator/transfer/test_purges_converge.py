"""Purges (Deleted items ▸ Empty) converging on three laptops: what every library has deleted
is removed everywhere; a record still in use on another laptop is kept there, and comes back
from it where it was emptied (live data beats a purge, both ways); and redirects and purges
that did not travel in the files would break the rounds (see three_laptops.py)."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest

from facilitator.library import open_library
from facilitator.models import Note
from facilitator.store import LibraryError
from facilitator.store import library_ops as sql
from facilitator.transfer import import_workshop_files
from facilitator.transfer import workshop_file as wf
from tests.facilitator.transfer.three_laptops import (
    FIXED,
    FIXED_PURGE,
    KEPT,
    START,
    apply,
    clock,
    purged,
    run_case,
    setting_up,
)


def test_a_purge_of_what_every_library_has_deleted_travels(builtin_formats, awkward_dir):
    run_case(builtin_formats, [timedelta(0)] * 3, FIXED_PURGE, awkward_dir)


def test_a_purge_of_a_record_in_use_elsewhere_is_refused_there(builtin_formats, awkward_dir):
    """Issue 12, rule 2: W1, emptied on laptop 2 before any other library saw it deleted,
    is in use at the office and on the other laptops: they keep it, with a warning."""
    office = None
    with tempfile.TemporaryDirectory() as tmp:
        r = setting_up(builtin_formats, Path(tmp), START - timedelta(days=30))
        for who, kind, a, b, text, minute in FIXED[3:]:
            with clock(START + timedelta(minutes=minute)):
                apply(r, who, kind, a, b, text)
        office = open_library(None, builtin_formats)
        import_workshop_files(office.store, [r.base], backup_dir=Path(tmp))
        [summary] = import_workshop_files(office.store, [r.export(2)], backup_dir=Path(tmp))
        assert any(KEPT in w for w in summary.warnings)
        assert r.workshops[0] in {w.id for w in office.store.workshops()}


def _without(table: str):
    """``read_and_check`` as if files did not carry ``table``."""
    real = wf.read_and_check

    def read(path):
        content = real(path)
        content.rows[table] = []
        return content

    return mock.patch.object(wf, "read_and_check", read)


@pytest.mark.parametrize(("table", "changes"), [("merged_records", FIXED),
                                                 ("purged_records", FIXED_PURGE)])
def test_redirects_and_purges_that_do_not_travel_would_fail(builtin_formats, awkward_dir,
                                                            table, changes):
    with _without(table), pytest.raises(AssertionError):
        run_case(builtin_formats, [timedelta(0)] * 3, changes, awkward_dir)


def test_a_record_emptied_here_comes_back_from_a_laptop_that_still_uses_it(builtin_formats,
                                                                           awkward_dir):
    """The other way round (live data beats a purge, both ways): laptop 2 empties W1 from
    Deleted items; a deleted copy of it from laptop 1 stays out, but laptop 0, which ran W1
    and typed a note into it since, brings it back, with that note."""
    r = setting_up(builtin_formats, awkward_dir, START - timedelta(days=30))
    w1 = r.workshops[0]
    with clock(START):
        apply(r, 2, "delete_workshop", 0, 0, "")
        apply(r, 1, "delete_workshop", 0, 0, "")
        apply(r, 2, "purge", 0, 0, "")
    with clock(START + timedelta(minutes=1)):
        typed = r.laptops[0].store.add_note(Note(w1, "who", "Typed after")).id
    laptop = r.laptops[2].store
    [deleted_copy] = import_workshop_files(laptop, [r.export(1)], backup_dir=awkward_dir)
    assert deleted_copy.ok and deleted_copy.skipped
    assert not sql.existing_ids(laptop, "workshops", [w1]) and ("workshops", w1) in purged(
        r.laptops[2])
    [in_use] = import_workshop_files(laptop, [r.export(0)], backup_dir=awkward_dir)
    assert any(line.startswith("Came back: workshop W1") for line in in_use.changes)
    assert not laptop.get_workshop(w1).deleted and laptop.get_note(typed).text == "Typed after"
    assert ("workshops", w1) not in purged(r.laptops[2])


def test_without_bringing_it_back_the_note_typed_since_would_be_lost(builtin_formats,
                                                                     awkward_dir):
    from facilitator.transfer import prepare

    with mock.patch.object(prepare, "_bring_back", lambda *args: None), \
            pytest.raises((AssertionError, LibraryError)):
        test_a_record_emptied_here_comes_back_from_a_laptop_that_still_uses_it(
            builtin_formats, awkward_dir)
