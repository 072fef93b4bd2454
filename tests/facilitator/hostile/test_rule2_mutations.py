"""Issue 12, rule 2, as a property: a valid workshop file "for W1", mutated (SQL changes to any
column of any table, rows removed or added, byte flips, truncation) and re-sealed with a valid
check sum, imported into an office library that also has W2 and W3. It is either refused,
with a message naming the file and a cause (not "something this version cannot handle", which
is what an unexpected exception becomes) and the library unchanged, or imported changing only
what the file carries: the other workshops, their notes, attendance, photos, votes, formats,
programmes and themes are as they were, and none of them is marked as removed for good.

The same property fails under the rules this replaced (formats merged by version number, rows
taken by id whatever workshop they belong to): ``test_the_property_catches_the_old_rules``."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from facilitator.formats import load_builtin_formats
from facilitator.store.transfer_schema import EXPORTED_TABLES, table_columns
from facilitator.transfer import format_plan, import_workshop_files
from facilitator.transfer import workshop_file as wf
from tests.facilitator.hostile.rule2_scenario import (
    Scenario,
    assert_others_unchanged,
    build,
    carried,
    open_copy,
    others,
)
from tests.facilitator.transfer.helpers import snapshot
from tests.hostile import reseal

UNEXPECTED = "holds something this version cannot handle"
COLUMNS = [(t, c.name) for t in EXPORTED_TABLES for c in table_columns(t)]
KEY_COLUMNS = [("notes", "id"), ("notes", "workshop_id"), ("workshops", "id"),
               ("workshops", "programme_id"), ("themes", "id"), ("programmes", "id"),
               ("attendance", "workshop_id"), ("merged_records", "new_id")]


def _format(version=None, drop=None, question=None) -> str:
    data = json.loads(load_builtin_formats()["delivery-planning"].to_json())
    if version is not None:
        data["version"] = version
    if drop:
        data["steps"] = [s for s in data["steps"] if s["key"] != drop]
    if question:
        data["steps"][0]["question"] = question
    return json.dumps(data)


DEFINITIONS = [_format(99, "how"), _format(99, question="Changed?"), _format(2, "what"),
               "[]", '{"key": "delivery-planning"}']
GENERIC = [None, 0, 1, -1, 99, "", "x", "how", "who", "1e999", "2099-01-01T00:00:00+00:00",
           "2026-01-01T00:00:00+00:00", "delivery-planning", "workshops", "[]", b"\x00\xff"]

#: A value for a column: the id of something in the office (index into the scenario's ids),
#: a format definition, or a generic value.
values = st.one_of(
    st.tuples(st.just("id"), st.integers(0, 50)),
    st.tuples(st.just("definition"), st.sampled_from(DEFINITIONS)),
    st.tuples(st.just("value"), st.sampled_from(GENERIC)),
    st.tuples(st.just("value"), st.text(max_size=8)),
    st.tuples(st.just("value"), st.integers(-(2**63), 2**63 - 1)),
)
#: Reusing the office's ids where the file's own belong (the attack of issue 12, rule 2).
reuse = st.tuples(st.just("set"), st.sampled_from(KEY_COLUMNS), st.integers(0, 20),
                  st.tuples(st.just("office id"), st.integers(0, 50)))
#: A format of the same key, changed (a higher version, a step dropped, a question changed).
reformat = st.tuples(st.just("reformat"), st.sampled_from(DEFINITIONS), st.booleans())
mutations = st.lists(st.one_of(
    reuse, reuse, reuse, reformat, reformat,
    st.tuples(st.just("set"), st.sampled_from(COLUMNS), st.integers(0, 20), values),
    st.tuples(st.just("delete"), st.sampled_from(EXPORTED_TABLES), st.integers(0, 20)),
    st.tuples(st.just("merge"), st.sampled_from(["workshops", "programmes", "themes"]),
              st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("purge"), st.sampled_from(["workshops", "programmes", "themes"]),
              st.integers(0, 50)),
    st.tuples(st.just("flip"), st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
    st.tuples(st.just("truncate"), st.floats(0, 1, exclude_max=True)),
), min_size=1, max_size=3)


def _value(spec, pool: list[str], office: list[str]):
    kind, value = spec
    if kind == "id":
        return pool[value % len(pool)]
    if kind == "office id":
        return office[value % len(office)]
    return value


def mutate(source: Path, target: Path, changes, pool: list[str], office: list[str]) -> None:
    """Apply the SQL changes, re-seal, then the byte changes."""
    shutil.copy(source, target)
    conn = sqlite3.connect(str(target))
    try:
        for change in changes:
            kind = change[0]
            try:
                with conn:
                    if kind == "set":
                        _, (table, column), row, spec = change
                        conn.execute(
                            f"UPDATE {table} SET {column} = ? WHERE rowid = (SELECT rowid FROM "
                            f"{table} ORDER BY rowid LIMIT 1 OFFSET ? % max(1, (SELECT "
                            f"count(*) FROM {table})))", [_value(spec, pool, office), row])
                    elif kind == "reformat":
                        # The new definition, with its version in the version column too
                        # (or not: the column and the definition then disagree).
                        _, definition, with_version = change
                        conn.execute("UPDATE formats SET definition = ?", [definition])
                        if with_version:
                            conn.execute("UPDATE formats SET version = json_extract(?, "
                                         "'$.version') WHERE json_valid(?)",
                                         [definition, definition])
                    elif kind == "delete":
                        _, table, row = change
                        conn.execute(
                            f"DELETE FROM {table} WHERE rowid = (SELECT rowid FROM {table} "
                            f"ORDER BY rowid LIMIT 1 OFFSET ? % max(1, (SELECT count(*) FROM "
                            f"{table})))", [row])
                    elif kind == "merge":
                        _, table, old, new = change
                        conn.execute(
                            "INSERT INTO merged_records VALUES (?, ?, ?, "
                            "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 0)",
                            [table, pool[old % len(pool)], pool[new % len(pool)]])
                    elif kind == "purge":
                        _, table, which = change
                        conn.execute("INSERT INTO purged_records VALUES (?, ?, "
                                     "'2026-01-01T00:00:00+00:00')",
                                     [table, pool[which % len(pool)]])
            except sqlite3.Error:
                pass  # a change the file's own constraints refuse: the file is as it was
    finally:
        conn.close()
    reseal(target)
    data = bytearray(target.read_bytes())
    for change in changes:
        if change[0] == "flip" and data:
            data[int(change[1] * len(data))] = change[2]
        elif change[0] == "truncate":
            data = data[: int(change[1] * len(data))]
    target.write_bytes(bytes(data))


def pool_of(scenario: Scenario) -> list[str]:
    """Every id the file and the office hold: what an altered file might reuse."""
    conn = sqlite3.connect(str(scenario.file))
    try:
        in_file = [r[0] for t in ("notes", "workshops", "programmes", "themes")
                   for r in conn.execute(f"SELECT id FROM {t}")]
    finally:
        conn.close()
    return [i for ids in scenario.ids.values() for i in ids] + in_file


def check(scenario: Scenario, changes, folder: Path) -> None:
    path = folder / "W1 from Ann (altered).workshop"
    office = [i for ids in scenario.ids.values() for i in ids]
    mutate(scenario.file, path, changes, pool_of(scenario), office)
    found = carried(path)
    lib = open_copy(scenario, folder)
    try:
        before_all = snapshot(lib)
        own, own_programmes = found if found else (set(), set())
        before = others(lib, own, own_programmes)
        [summary] = import_workshop_files(lib.store, [path], backup_dir=folder / "bk")
        if not summary.ok:
            assert path.name in summary.lines()[0]
            assert summary.error.strip() and UNEXPECTED not in summary.error, summary.error
            assert snapshot(lib) == before_all, "a refused file changed the library"
        else:
            assert found is not None, "an unreadable file was imported"
            assert_others_unchanged(before, others(lib, own, own_programmes))
        assert lib.store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        lib.close()
        path.unlink(missing_ok=True)
        (folder / "copy.wfdb").unlink(missing_ok=True)


@pytest.fixture(scope="module")
def shared_scenario():
    folder = Path(tempfile.mkdtemp(prefix="rule2 é #"))
    yield build(load_builtin_formats(), folder), folder
    shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=mutations)
def test_an_altered_file_is_refused_or_changes_only_its_own_workshops(shared_scenario, changes):
    scenario, folder = shared_scenario
    check(scenario, changes, folder)


def _formats_by_version(store, content, path):
    """The old rule: a format in a file replaces the library's if its version is higher."""
    versions = store.format_versions()
    plan = format_plan.FormatPlan({}, [], 0, [])
    for row in content.rows["formats"]:
        if row["version"] > versions.get(row["key"], -1):
            plan.added.append(row)
    return plan


@pytest.mark.parametrize("old_rule", ["formats by version", "rows by id"])
def test_the_property_catches_the_old_rules(shared_scenario, monkeypatch, old_rule):
    """Under either rule this replaced, the same property finds a file that changes another
    workshop (a format replaced under W2's notes, or W2's notes taken over by "W1")."""
    scenario, folder = shared_scenario
    if old_rule == "formats by version":
        monkeypatch.setattr(wf, "plan_formats", _formats_by_version)
    else:
        monkeypatch.setattr(wf, "check_ownership", lambda *args: None)

    @settings(max_examples=300, deadline=None, derandomize=True, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(changes=mutations)
    def prop(changes):
        check(scenario, changes, folder)

    with pytest.raises(AssertionError, match="other workshops changed|format .* changed"):
        prop()
