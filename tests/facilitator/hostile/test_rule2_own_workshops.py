"""Issue 12, rule 2: an import changes only the workshops the file carries (and their
programme); a built-in format is never replaced by a file; a changed custom format arrives
as a new version that only the file's workshops use; the summary lists every change."""

from __future__ import annotations

import json

import pytest

from facilitator.formats import load_builtin_formats
from facilitator.transfer import import_workshop_files
from tests.facilitator.hostile.rule2_scenario import (
    assert_others_unchanged,
    build,
    open_copy,
    others,
)
from tests.facilitator.transfer.helpers import snapshot
from tests.hostile import file_state, run_cli, tampered_copy


@pytest.fixture
def scenario(builtin_formats, awkward_dir):
    return build(builtin_formats, awkward_dir)


def delivery_planning(**changes) -> str:
    data = json.loads(load_builtin_formats()["delivery-planning"].to_json())
    data.update(changes)
    return json.dumps(data)


def without_how() -> str:
    data = json.loads(delivery_planning(version=99))
    data["steps"] = [s for s in data["steps"] if s["key"] != "how"]
    data["steps"][0]["question"] = "Who is it really?"
    return json.dumps(data)


def test_a_built_in_format_at_version_99_replaces_nothing(scenario, awkward_dir):
    path = tampered_copy(scenario.file, "v99.workshop",
                         ("UPDATE formats SET version = 99, definition = ?", [without_how()]))
    lib = open_copy(scenario, awkward_dir)
    w1_id = scenario.ids["workshops"][0]
    before = others(lib, {w1_id})
    shipped = lib.store.get_format("delivery-planning")
    [summary] = import_workshop_files(lib.store, [path], backup_dir=awkward_dir / "bk")
    assert summary.ok, summary.error
    assert_others_unchanged(before, others(lib, {w1_id}))
    assert lib.store.get_format("delivery-planning") == shipped
    # W2's HOW notes are still in a step of W2's format (the case: they vanished).
    w2 = lib.store.get_workshop(scenario.ids["workshops"][1])
    assert "how" in lib.store.get_format(w2.format_key).step_keys()
    # W1 uses the file's version, under its own key, and the summary says so.
    w1 = lib.store.get_workshop(w1_id)
    assert w1.format_key.startswith("delivery-planning~")
    assert lib.store.get_format(w1.format_key).step(
        "who").question == "Who is it really?"
    text = "\n".join(summary.lines())
    assert "differs from the built-in format" in text and "(W1)" in text
    assert "Formats: 1 added" in text
    assert "Workshops: 0 added, 1 updated" in text
    # Importing it again finds the same version: nothing new.
    after = snapshot(lib)
    [again] = import_workshop_files(lib.store, [path], backup_dir=awkward_dir / "bk")
    assert again.ok and not again.changed, again.lines()
    assert snapshot(lib) == after
    lib.close()


def test_a_changed_custom_format_is_a_new_version_for_the_files_workshops(
    scenario, awkward_dir, builtin_formats
):
    custom = json.loads(delivery_planning(key="rutland", name="Rutland way"))
    custom_v2 = {**custom, "version": 2, "description": "Second go"}
    lib = open_copy(scenario, awkward_dir)
    with lib.store.transaction():
        lib.store.db.execute(
            "INSERT INTO formats (key, name, version, definition, updated_at) "
            "VALUES ('rutland', 'Rutland way', 1, ?, '2026-01-01T00:00:00+00:00')",
            [json.dumps(custom)])
        lib.store.db.execute("UPDATE workshops SET format_key = 'rutland' WHERE code != 'W1'")
    path = tampered_copy(scenario.file, "custom.workshop",
                         ("UPDATE formats SET key = 'rutland', name = 'Rutland way', version = 2, "
                          "definition = ?", [json.dumps(custom_v2)]),
                         ("UPDATE workshops SET format_key = 'rutland'", []))
    w1_id = scenario.ids["workshops"][0]
    before = others(lib, {w1_id})
    [summary] = import_workshop_files(lib.store, [path], backup_dir=awkward_dir / "bk")
    assert summary.ok, summary.error
    assert_others_unchanged(before, others(lib, {w1_id}))
    assert lib.store.get_format("rutland").version == 1
    w1 = lib.store.get_workshop(w1_id)
    assert w1.format_key != "rutland"
    assert lib.store.get_format(w1.format_key).description == "Second go"
    assert lib.store.get_workshop(scenario.ids["workshops"][1]).format_key == "rutland"
    assert "Rutland way (version 2," in "\n".join(summary.lines())
    lib.close()


def test_a_file_for_w1_reusing_the_ids_of_w2s_notes_is_refused(scenario, awkward_dir):
    stolen = scenario.ids["notes"][:5]
    path = tampered_copy(scenario.file, "W1 with W2's ids.workshop", *[
        ("UPDATE notes SET id = ? WHERE id = (SELECT id FROM notes WHERE id NOT IN "
         "(SELECT value FROM json_each(?)) ORDER BY id LIMIT 1)", [note_id, json.dumps(stolen)])
        for note_id in stolen
    ])
    lib = open_copy(scenario, awkward_dir)
    before = snapshot(lib)
    [summary] = import_workshop_files(lib.store, [path], backup_dir=awkward_dir / "bk")
    assert not summary.ok
    line = summary.lines()[0]
    assert "W1 with W2's ids.workshop" in line
    assert "note of workshop W2 here, which the file does not carry" in line
    assert snapshot(lib) == before
    lib.close()


def test_a_merge_into_a_workshop_the_file_does_not_carry_is_ignored(scenario, awkward_dir):
    w1_id, w2_id, _ = scenario.ids["workshops"]
    path = tampered_copy(scenario.file, "merge into W2.workshop", (
        "INSERT INTO merged_records (table_name, old_id, new_id, created_at, updated_at, "
        "deleted) VALUES ('workshops', ?, ?, '2026-01-01T00:00:00+00:00', "
        "'2026-01-01T00:00:00+00:00', 0)", [w1_id, w2_id]))
    lib = open_copy(scenario, awkward_dir)
    before = others(lib, {w1_id})
    [summary] = import_workshop_files(lib.store, [path], backup_dir=awkward_dir / "bk")
    assert summary.ok, summary.error
    assert_others_unchanged(before, others(lib, {w1_id}))
    assert "merge record(s) in this file name records it does not carry" in "\n".join(
        summary.lines())
    lib.close()


def test_a_programme_without_its_workshops_is_refused(scenario, awkward_dir):
    own_programme = scenario.ids["programmes"][1]
    path = tampered_copy(scenario.file, "other programme.workshop", (
        "INSERT INTO programmes (id, title, description, organisation, area, created_at, "
        "updated_at, deleted) VALUES (?, 'Taken over', '', '', '', "
        "'2026-01-01T00:00:00+00:00', '2026-02-01T00:00:00+00:00', 1)", [own_programme]))
    lib = open_copy(scenario, awkward_dir)
    before = snapshot(lib)
    [summary] = import_workshop_files(lib.store, [path], backup_dir=awkward_dir / "bk")
    assert not summary.ok
    assert "carries the programme “Taken over” without any of its workshops" in summary.error
    assert snapshot(lib) == before
    lib.close()


def test_the_summary_lists_attendance_changes(scenario, awkward_dir):
    path = tampered_copy(scenario.file, "attendance.workshop", (
        "UPDATE attendance SET count = 40, updated_at = '2026-03-01T00:00:00+00:00'", []))
    lib = open_copy(scenario, awkward_dir)
    [summary] = import_workshop_files(lib.store, [path], backup_dir=awkward_dir / "bk")
    assert summary.ok, summary.error
    assert "  Attendance: 0 added, 1 updated" in summary.lines()
    lib.close()


def test_the_cli_refuses_the_reused_ids_and_changes_nothing(scenario, awkward_dir):
    path = tampered_copy(scenario.file, "reused.workshop", (
        "UPDATE notes SET id = ? WHERE id = (SELECT min(id) FROM notes)",
        [scenario.ids["notes"][0]]))
    before = file_state(scenario.office_path)
    result = run_cli("import", "--library", str(scenario.office_path), str(path))
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "reused.workshop" in out and "note of workshop W2 here" in out
    assert "Traceback" not in out
    assert file_state(scenario.office_path)[0] == before[0]
