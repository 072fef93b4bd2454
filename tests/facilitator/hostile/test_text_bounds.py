"""Issue 12: every text that comes from outside is bounded, field by field (facilitator/
limits.py), and one longer than its bound is refused with a message naming the file and the
field, the library unchanged (every table's hash). Workshop files (every text column of every
table they carry, one at a time, through the domain and a 1 MB title through the CLI), and
the tables of notes and of workshops (a row's problem); the window's path is in
tests/ui/transfer/test_hostile_imports.py."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from facilitator import limits
from facilitator.demo import load_demo
from facilitator.formats import MAX_FORMAT_BYTES
from facilitator.library import open_library
from facilitator.planning import plan_workshops
from facilitator.store.transfer_file import EXPORTED_TABLES, table_columns
from facilitator.transfer import import_workshop_files
from facilitator.transfer.notes_import import plan_notes_import
from facilitator.transfer.notes_table import read_table
from tests.facilitator.transfer.helpers import small_library_file
from tests.hostile import reseal, run_cli, table_hashes, tampered_copy

TEXT_COLUMNS = [(t, c) for t in EXPORTED_TABLES for c in table_columns(t) if c.type == "TEXT"]


def test_every_text_column_a_workshop_file_carries_has_a_stated_bound():
    missing = [f"{t}.{c.name}" for t, c in TEXT_COLUMNS if c.name not in limits.FIELDS.get(t, {})]
    assert not missing, f"give these a bound in facilitator/limits.py: {missing}"
    assert set(limits.RECORDS) >= set(EXPORTED_TABLES)


def _dummy(column, index: int):
    if column.type == "INTEGER":
        return 1
    if column.type == "BLOB":
        return b""
    return f"z{index:031d}"


def _oversized(good, folder, table: str, column) -> tuple:
    """A copy of ``good`` whose first ``table`` row (one is added if it has none) holds one
    character more than ``table.column`` allows, re-sealed with a valid check sum."""
    chars = limits.FIELDS[table][column.name][0]
    if (table, column.name) == ("formats", "definition"):
        chars = MAX_FORMAT_BYTES
    path = folder / f"{table} {column.name}.workshop"
    shutil.copy(good, path)
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA ignore_check_constraints = ON")  # as an attacker would
    with conn:
        if conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0:
            columns = table_columns(table)
            conn.execute(
                f"INSERT INTO {table} ({', '.join(c.name for c in columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                [_dummy(c, i) for i, c in enumerate(columns)],
            )
        conn.execute(f"UPDATE {table} SET {column.name} = ? WHERE rowid = "
                     f"(SELECT min(rowid) FROM {table})", ["x" * (chars + 1)])
    conn.close()
    reseal(path)
    return path, chars


def test_a_text_longer_than_its_bound_is_refused_in_every_column(builtin_formats, tmp_path):
    """Each text column of each table a workshop file carries, one at a time, one character
    over its bound: refused naming the file and the field (with the bound), nothing
    imported, every table of the library as it was."""
    good = small_library_file(builtin_formats, tmp_path)
    office_path = tmp_path / "office.wfdb"
    office = open_library(office_path, builtin_formats)
    load_demo(office.store)
    before = table_hashes(office_path)
    for table, column in TEXT_COLUMNS:
        path, chars = _oversized(good, tmp_path, table, column)
        [summary] = import_workshop_files(office.store, [path], backup_dir=tmp_path / "bk")
        assert not summary.ok, f"{table}.{column.name} over its bound was imported"
        line = summary.lines()[0]
        assert line.startswith(f"{path.name}: REFUSED"), line
        if (table, column.name) == ("formats", "definition"):
            assert "larger than 256 KB" in line, line
        else:
            what, name = limits.RECORDS[table], limits.FIELDS[table][column.name][1]
            assert (f"{what}'s {name} is {chars + 1:,} characters long; at most {chars:,} "
                    "are allowed. Refused; nothing was imported.") in line, line
        assert len(line) < 300
        assert table_hashes(office_path) == before, f"{table}.{column.name} changed the library"
        path.unlink()
    office.close()


def test_a_1_mb_title_is_refused_by_the_cli_naming_file_and_field(builtin_formats, tmp_path):
    good = small_library_file(builtin_formats, tmp_path)
    path = tampered_copy(good, "huge title.workshop",
                         ("UPDATE programmes SET title = ?", ["x" * 1_000_000]))
    office_path = tmp_path / "office.wfdb"
    open_library(office_path, builtin_formats).close()
    before = table_hashes(office_path)
    result = run_cli("import", "--library", str(office_path), str(path))
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert ("huge title.workshop: A programme's title is 1,000,000 characters long; "
            "at most 200 are allowed.") in out, out
    assert len(out) < 1000
    assert table_hashes(office_path) == before


def test_a_notes_table_row_over_a_bound_is_a_problem_of_that_row(builtin_formats, tmp_path):
    lib = open_library(None, builtin_formats)
    load_demo(lib.store)
    path = tmp_path / "typed up.csv"
    path.write_text("Workshop,Step,Note,Table,Theme\n"
                    f"W2,who,Carers,{'T' * 300},\n"
                    f"W2,who,Lunch club,Table 1,{'L' * 600}\n"
                    "W2,how,Befriending,Table 2,\n", encoding="utf-8")
    plan = plan_notes_import(lib.store, read_table(path))
    assert [n.text for n in plan.notes] == ["Befriending"]
    assert plan.problem_lines() == [
        "Row 2: A note's table label is 300 characters long; at most 200 are allowed.",
        "Row 3: A theme's label is 600 characters long; at most 500 are allowed.",
    ]
    assert not plan.new_themes
    lib.close()


@pytest.mark.parametrize(("column", "value", "field", "chars"), [
    ("Venue", "V" * 301, "venue", 300), ("Question", "Q" * 1001, "theme question", 1000),
    ("Code", "W" * 41, "code", 40),
])
def test_a_workshops_table_row_over_a_bound_is_refused_naming_the_field(
    builtin_formats, tmp_path, column, value, field, chars
):
    lib = open_library(None, builtin_formats)
    programme = load_demo(lib.store)
    path = tmp_path / "round.csv"
    row = {"Code": "W9", "Question": "How?", "Venue": "Hall"} | {column: value}
    path.write_text("Code,Question,Venue,Date\n"
                    f"{row['Code']},{row['Question']},{row['Venue']},2026-05-01\n",
                    encoding="utf-8")
    plan = plan_workshops(lib.store, read_table(path), programme)
    assert not plan.created and not plan.updated
    [line] = plan.problem_lines()
    assert (f"Row 2: A workshop's {field} is {len(value):,} characters long; at most {chars:,} are "
            "allowed.") in line, line
    lib.close()


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d.update(key="k" * 65), "The format's key is 65 characters long; at most 64"),
    (lambda d: d.update(name="n" * 201), "'s name is 201 characters long; at most 200"),
    (lambda d: d["steps"][0].update(key="s" * 65), "'s key is 65 characters long; at most 64"),
    (lambda d: d["steps"][0].update(question="q" * 4001),
     "'s question is 4,001 characters long; at most 4,000"),
])
def test_a_format_json_text_over_its_bound_is_refused_in_words(builtin_formats, change, words):
    import json

    from facilitator.formats import format_from_json
    from facilitator.models import ValidationError

    data = json.loads(builtin_formats["delivery-planning"].to_json())
    change(data)
    with pytest.raises(ValidationError) as caught:
        format_from_json(json.dumps(data), source="custom.json")
    assert str(caught.value).startswith("custom.json: not a valid workshop format: ")
    assert words in str(caught.value), str(caught.value)


def test_the_guide_states_the_bounds_the_app_keeps():
    from pathlib import Path

    from facilitator.photos import MAX_DECODED_BYTES

    guide = " ".join((Path(__file__).resolve().parents[3] / "docs" / "user-guide.md")
                     .read_text(encoding="utf-8").split())
    fields = limits.FIELDS
    stated = [
        f"a note {fields['notes']['text'][0]:,} characters",
        f"a programme's title, organisation and area, a table label, a district and an "
        f"asset's name {fields['programmes']['title'][0]}",
        f"a workshop code {fields['workshops']['code'][0]}",
        f"a theme {fields['themes']['label'][0]}", f"a venue {fields['workshops']['venue'][0]}",
        f"a theme question and a reason {fields['workshops']['theme_question'][0]:,}",
        f"the action plan's texts {fields['actions']['text'][0]:,}",
        f"more than {MAX_DECODED_BYTES // 1048576} MB",
    ]
    for words in stated:
        assert words in guide, words
    assert fields["programmes"]["organisation"][0] == fields["programmes"]["area"][0] \
        == fields["notes"]["table_label"][0] == fields["workshops"]["district"][0] \
        == fields["assets"]["name"][0] == fields["programmes"]["title"][0]
    assert fields["workshops"]["status_reason"][0] == fields["workshops"]["theme_question"][0]
    assert fields["programmes"]["description"][0] == fields["workshops"]["notes"][0] \
        == fields["actions"]["text"][0]
