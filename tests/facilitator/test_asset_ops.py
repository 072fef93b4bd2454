"""Asset register upkeep (issue 11): deleted assets in Deleted items (restore, empty, and
both travelling in workshop files), editing connections, an edit to an asset another
laptop merged away, and the upgrade of a library whose migrations ran out of order."""

from __future__ import annotations

import pytest

from facilitator import asset_connections, asset_merge, asset_view, assets
from facilitator import library_ops as ops
from facilitator.models import ValidationError
from facilitator.store import assets as assets_sql
from facilitator.store.transfer_merge import content_snapshot
from facilitator.transfer import export_workshops, import_workshop_files
from tests.facilitator.test_assets import _library_with_assets, asset_programme
from tests.facilitator.transfer.helpers import new_library

ASSET_TABLES = ("assets", "asset_sources", "connections", "connection_assets",
                "merged_records", "purged_records")


def names(store, programme_id):
    return sorted(r.name for r in asset_view.register(store, programme_id))


def two_laptops(builtin_formats, awkward_dir):
    a, programme, workshops = _library_with_assets(builtin_formats)
    b = new_library(builtin_formats)
    start = export_workshops(a.store, [w.id for w in workshops],
                             awkward_dir / "start.workshop").path
    [summary] = import_workshop_files(b.store, [start], backup_dir=awkward_dir / "bk")
    assert summary.ok
    return a, b, programme, workshops


def swap(lib, workshops, path):
    """The library's workshop file of these workshops."""
    return export_workshops(lib.store, [w.id for w in workshops], path).path


def take(lib, path, awkward_dir):
    [summary] = import_workshop_files(lib.store, [path], backup_dir=awkward_dir / "bk")
    assert summary.ok, summary.lines()
    return summary


# ------------------------------------------------------------------ Deleted items
def test_a_deleted_asset_is_in_deleted_items_and_restores(store):
    programme, (a1, _a2) = asset_programme(store)
    asset_id = assets.add_asset(store, programme.id, "Scout hut", place="Sysonby",
                                workshop_id=a1.id).asset_ids[0]
    assets.delete_assets(store, [asset_id])
    [item] = ops.deleted_items(store)
    assert (item.kind, item.id, item.label, item.programme_title) == (
        "asset", asset_id, "Scout hut (Sysonby)", "Melton assets")
    ops.restore(store, "asset", asset_id)
    assert ops.deleted_items(store) == []
    [row] = asset_view.register(store, programme.id)
    assert row.workshops == ("A1",)


def test_an_asset_of_a_deleted_programme_needs_the_programme_back_first(store):
    programme, _ = asset_programme(store)
    asset_id = assets.add_asset(store, programme.id, "Scout hut").asset_ids[0]
    assets.delete_assets(store, [asset_id])
    ops.delete_programme(store, programme.id)
    with pytest.raises(ValidationError, match="restore it first"):
        ops.restore(store, "asset", asset_id)


def test_an_asset_merged_into_another_is_not_a_deleted_item(store):
    programme, _ = asset_programme(store)
    keep, other = (assets.add_asset(store, programme.id, n).asset_ids[0]
                   for n in ("Scout hut", "Scout Hut"))
    asset_merge.merge_assets(store, keep, [other])
    assert ops.deleted_items(store) == []


def test_emptying_deleted_items_removes_the_asset_and_its_links_for_good(store):
    programme, (a1, a2) = asset_programme(store)
    ids = [assets.add_asset(store, programme.id, n, workshop_id=a1.id).asset_ids[0]
           for n in ("Scout hut", "Church hall", "Allotments")]
    asset_connections.link_assets(store, programme.id, "Harvest supper", ids)
    assets.delete_assets(store, [ids[0]])
    assert ops.empty_deleted_items(store) == 1
    with pytest.raises(Exception, match="No asset"):
        assets_sql.get_asset(store, ids[0])
    assert not [s for s in assets_sql.sources(store) if s.asset_id == ids[0]]
    [(connection, linked)] = asset_view.connections(store, programme.id)
    assert connection.idea == "Harvest supper" and sorted(linked) == sorted(ids[1:])
    snap = content_snapshot(store)
    assert not [r for r in snap["connection_assets"] if ids[0] in str(r)]
    assert [r for r in snap["purged_records"] if ids[0] in str(r)]


@pytest.mark.parametrize("first", ["a", "b"])
def test_a_deletion_and_a_restore_travel_in_workshop_files(builtin_formats, awkward_dir,
                                                           first):
    a, b, programme, workshops = two_laptops(builtin_formats, awkward_dir)
    scout = next(r for r in asset_view.register(a.store, programme.id) if r.name == "Scout hut")
    assets.delete_assets(a.store, [scout.id])
    file_a = swap(a, workshops, awkward_dir / "a.workshop")
    take(b, file_a, awkward_dir)
    assert names(b.store, programme.id) == ["Dog walkers' WhatsApp group"]
    assert [i.label for i in ops.deleted_items(b.store)] == ["Scout hut (Melton Mowbray)"]
    # B restores it; A edits another asset; the files cross in either order.
    ops.restore(b.store, "asset", scout.id)
    dog = next(r for r in asset_view.register(a.store, programme.id))
    assets.edit_asset(a.store, dog.id, offers="Eyes on every street")
    file_a = swap(a, workshops, awkward_dir / "a2.workshop")
    file_b = swap(b, workshops, awkward_dir / "b2.workshop")
    order = [(a, file_b), (b, file_a)] if first == "a" else [(b, file_a), (a, file_b)]
    for lib, path in order:
        take(lib, path, awkward_dir)
    for lib in (a, b):
        assert names(lib.store, programme.id) == ["Dog walkers' WhatsApp group", "Scout hut"]
        assert ops.deleted_items(lib.store) == []
    snap_a, snap_b = content_snapshot(a.store), content_snapshot(b.store)
    for table in ASSET_TABLES:
        assert snap_a[table] == snap_b[table], table


@pytest.mark.parametrize("first", ["a", "b"])
def test_an_emptied_asset_is_emptied_on_the_other_laptop_and_never_comes_back(
    builtin_formats, awkward_dir, first
):
    a, b, programme, workshops = two_laptops(builtin_formats, awkward_dir)
    scout = next(r for r in asset_view.register(a.store, programme.id) if r.name == "Scout hut")
    assets.delete_assets(a.store, [scout.id])
    take(b, swap(a, workshops, awkward_dir / "a.workshop"), awkward_dir)
    ops.empty_deleted_items(a.store)
    old_b = swap(b, workshops, awkward_dir / "old-b.workshop")  # still has it
    file_a = swap(a, workshops, awkward_dir / "a2.workshop")
    order = [(a, old_b), (b, file_a)] if first == "a" else [(b, file_a), (a, old_b)]
    for lib, path in order:
        summary = take(lib, path, awkward_dir)
    assert ops.deleted_items(a.store) == [] and ops.deleted_items(b.store) == []
    for lib in (a, b):
        assert lib.store.conn.execute("SELECT count(*) FROM assets WHERE id = ?",
                                      [scout.id]).fetchone()[0] == 0
        assert names(lib.store, programme.id) == ["Dog walkers' WhatsApp group"]
    assert summary.ok
    snap_a, snap_b = content_snapshot(a.store), content_snapshot(b.store)
    for table in ASSET_TABLES:
        assert snap_a[table] == snap_b[table], table


# -------------------------------------------------------------- connections
def connection_of(store, programme_id):
    [(connection, linked)] = asset_view.connections(store, programme_id)
    names_of = {r.id: r.name for r in asset_view.register(store, programme_id)}
    return connection.idea, sorted(names_of[a] for a in linked)


def test_a_connection_is_edited_its_assets_changed_and_removed_each_exactly_undone(store):
    programme, _ = asset_programme(store)
    hut, hall, plots = (assets.add_asset(store, programme.id, n).asset_ids[0]
                        for n in ("Scout hut", "Church hall", "Allotments"))
    asset_connections.link_assets(store, programme.id, "Harvest supper", [hut, hall])
    [(connection, _)] = asset_view.connections(store, programme.id)
    before = content_snapshot(store)
    change = asset_connections.edit_connection(store, connection.id, idea="Harvest festival")
    assert change.description == "Edit connection “Harvest supper”: idea “Harvest festival”"
    assert connection_of(store, programme.id) == ("Harvest festival",
                                                  ["Church hall", "Scout hut"])
    swap_assets = asset_connections.edit_connection(store, connection.id,
                                                    asset_ids=[hut, plots])
    assert connection_of(store, programme.id) == ("Harvest festival", ["Allotments", "Scout hut"])
    assert [r.connections for r in asset_view.register(store, programme.id)] == [
        ("Harvest festival",), (), ("Harvest festival",)]  # Allotments, Church hall, Scout hut
    removed = asset_connections.unlink(store, connection.id)
    assert removed.description == "Remove connection “Harvest festival”"
    assert asset_view.connections(store, programme.id) == []
    for done in (removed, swap_assets, change):
        assets.undo(store, done)
    assert content_snapshot(store) == before
    assets.redo(store, change)
    assert connection_of(store, programme.id) == ("Harvest festival",
                                                  ["Church hall", "Scout hut"])


def test_a_connection_keeps_two_assets_and_an_idea(store):
    programme, _ = asset_programme(store)
    hut, hall = (assets.add_asset(store, programme.id, n).asset_ids[0]
                 for n in ("Scout hut", "Church hall"))
    asset_connections.link_assets(store, programme.id, "Harvest supper", [hut, hall])
    [(connection, _)] = asset_view.connections(store, programme.id)
    with pytest.raises(ValidationError, match="two or more assets"):
        asset_connections.edit_connection(store, connection.id, asset_ids=[hut])
    with pytest.raises(ValidationError, match="needs the idea"):
        asset_connections.edit_connection(store, connection.id, idea="   ")
    with pytest.raises(ValidationError, match="Nothing to change"):
        asset_connections.edit_connection(store, connection.id, idea="Harvest supper")
    assert connection_of(store, programme.id) == ("Harvest supper", ["Church hall", "Scout hut"])


@pytest.mark.parametrize("first", ["a", "b"])
def test_connection_edits_on_two_laptops_travel_and_meet(builtin_formats, awkward_dir, first):
    """A renames the idea and adds an asset; B takes one asset out: both arrive everywhere."""
    a, b, programme, workshops = two_laptops(builtin_formats, awkward_dir)
    [(connection, linked)] = asset_view.connections(a.store, programme.id)
    hall = assets.add_asset(a.store, programme.id, "Church hall").asset_ids[0]
    asset_connections.edit_connection(a.store, connection.id, idea="Litter pick and tea",
                                      asset_ids=[*linked, hall])
    dogs = next(r.id for r in asset_view.register(b.store, programme.id) if r.name != "Scout hut")
    scout = next(i for i in linked if i != dogs)
    b_only = assets.add_asset(b.store, programme.id, "Library").asset_ids[0]
    asset_connections.edit_connection(b.store, connection.id, asset_ids=[scout, b_only])
    file_a = swap(a, workshops, awkward_dir / "a.workshop")
    file_b = swap(b, workshops, awkward_dir / "b.workshop")
    order = [(a, file_b), (b, file_a)] if first == "a" else [(b, file_a), (a, file_b)]
    for lib, path in order:
        assert take(lib, path, awkward_dir).conflicts == []
    for lib in (a, b):
        assert connection_of(lib.store, programme.id) == (
            "Litter pick and tea", ["Church hall", "Library", "Scout hut"])
    snap_a, snap_b = content_snapshot(a.store), content_snapshot(b.store)
    for table in ASSET_TABLES:
        assert snap_a[table] == snap_b[table], table


def test_a_removed_connection_travels(builtin_formats, awkward_dir):
    a, b, programme, workshops = two_laptops(builtin_formats, awkward_dir)
    [(connection, _)] = asset_view.connections(a.store, programme.id)
    asset_connections.unlink(a.store, connection.id)
    file_a = swap(a, workshops, awkward_dir / "a.workshop")
    take(b, file_a, awkward_dir)
    for lib in (a, b):
        assert asset_view.connections(lib.store, programme.id) == []
        assert all(r.connections == () for r in asset_view.register(lib.store, programme.id))


# ---------------------------------------------- an edit to an asset merged elsewhere
@pytest.mark.parametrize("first", ["merging laptop", "editing laptop"])
@pytest.mark.parametrize("edit_after_merge", [True, False])
def test_an_edit_to_an_asset_merged_away_on_another_laptop_lands_on_the_kept_one(
    builtin_formats, awkward_dir, first, edit_after_merge
):
    """A has two copies of the scout hut; B takes them, merges the second into the first;
    A, not knowing, edits the second. Whichever file arrives first, the edit is applied to
    the kept asset, the import says so, and both libraries end the same."""
    a, programme, workshops = _library_with_assets(builtin_formats)
    scout = next(r for r in asset_view.register(a.store, programme.id) if r.name == "Scout hut")
    assets.edit_asset(a.store, scout.id, offers="Hall for 40")
    second = assets.add_asset(a.store, programme.id, "Sysonby scout hut", place="Sysonby",
                              workshop_id=workshops[1].id).asset_ids[0]
    b = new_library(builtin_formats)
    take(b, swap(a, workshops, awkward_dir / "start.workshop"), awkward_dir)

    def edit():
        assets.edit_asset(a.store, second, offers="Kitchen and a field", connector="Group "
                          "Scout Leader", name="Sysonby scouts' hut")

    def merge():
        asset_merge.merge_assets(b.store, scout.id, [second])

    for step in ((merge, edit) if edit_after_merge else (edit, merge)):
        step()
    file_a = swap(a, workshops, awkward_dir / "a.workshop")
    file_b = swap(b, workshops, awkward_dir / "b.workshop")
    order = ([(b, file_a), (a, file_b)] if first == "merging laptop"
             else [(a, file_b), (b, file_a)])
    summaries = [take(lib, path, awkward_dir) for lib, path in order]
    said = [line for line in summaries[0].changes if line.startswith("Asset “")]
    assert said == [
        "Asset “Sysonby scout hut” was edited on one laptop and merged into “Scout hut” on "
        "another: the edit (name “Sysonby scouts' hut”; what it offers “Kitchen and a field”;"
        " who can help connect “Group Scout Leader”) was applied to “Scout hut”"]
    assert any(line.startswith("  Asset “Sysonby scout hut” was edited")
               for line in summaries[0].lines())
    for lib in (a, b):
        [_dogs, kept] = asset_view.register(lib.store, programme.id)
        assert (kept.id, kept.offers, kept.place, kept.connector, kept.notes) == (
            scout.id, "Hall for 40; Kitchen and a field", "Melton Mowbray; Sysonby",
            "Group Scout Leader", "Also called “Sysonby scouts' hut”")
        assert kept.workshops == ("A1", "A2")
    snap_a, snap_b = content_snapshot(a.store), content_snapshot(b.store)
    for table in ASSET_TABLES:
        assert snap_a[table] == snap_b[table], table
    # The files made now change nothing more: both sides already hold the same.
    for lib, other in ((a, b), (b, a)):
        summary = take(lib, swap(other, workshops, awkward_dir / "again.workshop"),
                       awkward_dir)
        assert not [line for line in summary.changes if line.startswith("Asset “")]
        assert summary.conflicts == []


def test_an_edit_to_an_asset_merged_into_one_deleted_since_is_listed_to_check(
    builtin_formats, awkward_dir
):
    a, programme, workshops = _library_with_assets(builtin_formats)
    scout = next(r for r in asset_view.register(a.store, programme.id) if r.name == "Scout hut")
    second = assets.add_asset(a.store, programme.id, "Scout hut 2").asset_ids[0]
    b = new_library(builtin_formats)
    take(b, swap(a, workshops, awkward_dir / "start.workshop"), awkward_dir)
    asset_merge.merge_assets(b.store, scout.id, [second])
    assets.delete_assets(b.store, [scout.id])
    assets.edit_asset(a.store, second, offers="Kitchen")
    summary = take(b, swap(a, workshops, awkward_dir / "a.workshop"), awkward_dir)
    assert summary.warnings == [
        "The asset “Scout hut 2” was edited (what it offers “Kitchen”) after it was merged "
        "into an asset that is now deleted: the edit was not applied. Restore that asset "
        "from Deleted items and type the edit in again."]
    # Emptied from Deleted items since: the merged asset went with it; but laptop A still
    # uses it and edited it after that, so (live data beats a purge, as with any record
    # emptied here and used since elsewhere) the file brings it back, and says so.
    ops.empty_deleted_items(b.store)
    assets.edit_asset(a.store, second, offers="Kitchen and a hall")
    summary = take(b, swap(a, workshops, awkward_dir / "a2.workshop"), awkward_dir)
    assert summary.warnings == []
    assert any(line.startswith("Came back: asset Scout hut 2") for line in summary.changes)
    assert sorted(a.name for a in assets_sql.assets(b.store, include_deleted=True)) == [
        "Dog walkers' WhatsApp group", "Scout hut 2"]


# ----------------------------------------------------------------- upgrade path
def _library_with_action_plan_before_assets(path, *, then_assets: bool) -> None:
    """A library as a development build left it: migrations up to 0010, then
    0012_action_plan (applied while it came before 0011 in the file), with a priority in
    it; with ``then_assets``, 0011_assets applied after it."""
    import sqlite3

    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from facilitator.store.connection import APPLICATION_ID
    from facilitator.store.schema import MIGRATION_SET, migrations

    functions = {m.name: m.fn for m in migrations._migrations}
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db = Database(conn)
    migrations.apply(db, stop_before="0011_assets")
    out_of_order = Migrations(MIGRATION_SET)
    for name in ["0012_action_plan", *(["0011_assets"] if then_assets else [])]:
        out_of_order(name=name)(functions[name])
    out_of_order.apply(db)
    conn.execute(f"PRAGMA user_version = {len(migrations.applied(db))}")
    when = "2026-01-01T09:00:00+00:00"
    with conn:
        conn.execute("INSERT INTO meta VALUES ('library_id', 'dev-build')")
        conn.execute("INSERT INTO programmes (id, title, created_at, updated_at) VALUES "
                     "('p1', 'Melton 2026', ?, ?)", [when, when])
        conn.execute("INSERT INTO priorities (id, programme_id, text, position, created_at, "
                     "updated_at) VALUES ('pr1', 'p1', 'Older people', 1, ?, ?)", [when, when])
    conn.close()


@pytest.mark.parametrize("then_assets", [False, True])
def test_a_library_that_took_the_action_plan_before_the_assets_opens_and_upgrades(
    tmp_path, builtin_formats, then_assets
):
    from facilitator.library import open_library
    from facilitator.store import SCHEMA_VERSION
    from facilitator.store.action_plan import priorities
    from facilitator.store.schema_check import applied_migrations

    path = tmp_path / "dev build library.wfdb"
    _library_with_action_plan_before_assets(path, then_assets=then_assets)
    library = open_library(path, builtin_formats)
    try:
        store = library.store
        assert store.schema_version == SCHEMA_VERSION
        applied = applied_migrations(store.conn)
        assert applied.index("0012_action_plan") < applied.index("0011_assets")
        assert len(applied) == SCHEMA_VERSION
        assert [p.text for p in priorities(store, "p1")] == ["Older people"]
        asset_id = assets.add_asset(store, "p1", "Scout hut", place="Sysonby").asset_ids[0]
        assets.delete_assets(store, [asset_id])
        assert [i.label for i in ops.deleted_items(store)] == ["Scout hut (Sysonby)"]
    finally:
        library.close()
    again = open_library(path, builtin_formats)  # and opens normally from then on
    try:
        assert again.store.schema_version == SCHEMA_VERSION
        assert assets_sql.assets(again.store, include_deleted=True)[0].name == "Scout hut"
    finally:
        again.close()


# ---------------------------------------------------------- contact details
def test_export_xlsx_on_the_command_line_warns_of_flagged_assets(tmp_path, builtin_formats):
    import subprocess
    import sys

    from facilitator.library import open_library

    path = tmp_path / "library.wfdb"
    library = open_library(path, builtin_formats)
    programme, _ = asset_programme(library.store)
    assets.add_asset(library.store, programme.id, "Choir", connector="Mrs Jones")
    library.close()
    done = subprocess.run(
        [sys.executable, "main.py", "export-xlsx", "--library", str(path), "--programme",
         programme.title, "--out", str(tmp_path / "notes.xlsx")],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert ("warning: Asset “Choir”: “Who can help connect” looks like a person's contact "
            "details (a title and name: Mrs Jones); give a role or an organisation instead."
            in done.stderr.splitlines())
