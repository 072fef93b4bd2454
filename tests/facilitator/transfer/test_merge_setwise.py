"""The merge settles new and unchanged rows set-wise (``merge_rows.settle``, from one read of
the library's versions) and decides only the rows whose versions differ one by one
(``merge.decide``). Property: for random edits on a laptop, on a third laptop whose versions
the file relays, and in the office, importing the laptop's file gives exactly the library
(rows, merge bases, redirects, purge records) and the summary that deciding every row the
library holds one by one gives. And the property is not idle: a simpler set-wise rule
("the file wins", "the library keeps its own") makes it fail."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.library import open_library
from facilitator.transfer import import_workshop_files, merge_rows
from facilitator.transfer.merge import Decision, Outcome
from tests.facilitator.transfer.helpers import export_all, snapshot
from tests.facilitator.transfer.test_merge_properties import apply_edit, build, edit, library_specs

SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
real_settle = merge_rows.settle


def row_by_row(row, columns, values):
    """Every row the library holds goes to ``decide`` (as the merge did before)."""
    return real_settle(row, columns, values) if values is None else None


def file_wins(row, columns, values):
    decision = real_settle(row, columns, values)
    return decision or Decision(Outcome.UPDATED, True, False)


def library_keeps(row, columns, values):
    decision = real_settle(row, columns, values)
    return decision or Decision(Outcome.UNCHANGED, False, False)


def _copy(lib, path: Path, formats):
    dest = sqlite3.connect(str(path))
    lib.store.db.conn.backup(dest)
    dest.close()
    return open_library(path, formats)


def _laptop(formats, start: Path, edits, folder: Path):
    """A laptop's library that took in ``start`` and then made ``edits``."""
    laptop = open_library(None, formats)
    import_workshop_files(laptop.store, [start], backup_dir=folder)
    for change in edits:
        apply_edit(laptop, change)
    return laptop


def _scenario(formats, folder: Path, spec, edits_a, edits_third, edits_b, edits_here):
    """The office library (on disk) and a file from a laptop to import into it."""
    office = build(formats, spec)
    start = export_all(office, folder / "start.workshop")
    laptop = _laptop(formats, start, edits_a, folder)
    import_workshop_files(office.store, [export_all(laptop, folder / "a.workshop")],
                          backup_dir=folder)
    if edits_third:
        third = _laptop(formats, start, edits_third, folder)
        import_workshop_files(laptop.store, [export_all(third, folder / "third.workshop")],
                              backup_dir=folder)
    for change in edits_b:
        apply_edit(laptop, change)
    for change in edits_here:
        apply_edit(office, change)
    return office, export_all(laptop, folder / "b.workshop")


def _import_with(rule, office, path: Path, folder: Path, name: str, formats):
    lib = _copy(office, folder / f"{name}.wfdb", formats)
    with mock.patch.object(merge_rows, "settle", rule):
        [summary] = import_workshop_files(lib.store, [path], backup_dir=folder)
    bases = sorted(lib.store.db.conn.execute("SELECT * FROM merge_base").fetchall())
    result = (snapshot(lib), bases, summary.lines()[1:], summary.added)
    lib.close()
    return result


@SETTINGS
@given(spec=library_specs, edits_a=st.lists(edit, max_size=4),
       edits_third=st.lists(edit, max_size=3), edits_b=st.lists(edit, max_size=4),
       edits_here=st.lists(edit, max_size=4))
def test_settling_rows_set_wise_gives_what_deciding_each_row_gives(
    builtin_formats, spec, edits_a, edits_third, edits_b, edits_here
):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        office, path = _scenario(builtin_formats, folder, spec, edits_a, edits_third,
                                 edits_b, edits_here)
        set_wise = _import_with(real_settle, office, path, folder, "set-wise", builtin_formats)
        each = _import_with(row_by_row, office, path, folder, "each", builtin_formats)
        assert set_wise == each


def test_a_simpler_set_wise_rule_would_be_caught(builtin_formats):
    """The laptop edits one note, the office another: a rule that lets the file win every
    differing row loses the office's edit; one that keeps the library's loses the laptop's."""
    spec = [([("who", "first", False), ("what", "second", False)], {})]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        office, path = _scenario(builtin_formats, folder, spec, [], [],
                                 [("edit", 0, "laptop's words")],
                                 [("edit", 1, "office's words")])
        each = _import_with(row_by_row, office, path, folder, "each", builtin_formats)
        assert _import_with(real_settle, office, path, folder, "real", builtin_formats) == each
        for wrong in (file_wins, library_keeps):
            assert _import_with(wrong, office, path, folder, wrong.__name__,
                                builtin_formats) != each
