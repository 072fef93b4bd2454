"""The asset register (issue 11): notes become assets, duplicates merge, connections link,
exact undo, and assets travelling in workshop files between two libraries in both orders."""

from __future__ import annotations

import pytest

from facilitator import asset_connections, asset_merge, asset_view, assets
from facilitator.models import Note, Programme, ValidationError, Workshop
from facilitator.sense.embedding import LexicalModel
from facilitator.store import assets as assets_sql
from facilitator.store.transfer_merge import content_snapshot
from facilitator.transfer import export_workshops, import_workshop_files
from tests.facilitator.transfer.helpers import new_library


def asset_programme(store, codes=("A1", "A2")):
    programme = store.add_programme(Programme("Melton assets", area="Melton"))
    workshops = [
        store.add_workshop(Workshop(programme.id, code, "What is good here?", "asset-mapping",
                                    date=f"2026-0{i + 1}-10", district="Melton Mowbray"))
        for i, code in enumerate(codes)
    ]
    return programme, workshops


def test_notes_become_assets_with_category_place_and_the_workshop_that_named_them(store):
    programme, (a1, _a2) = asset_programme(store)
    notes = store.add_notes([
        Note(a1.id, "assets", "Knit and natter group at the library", tags=["social"]),
        Note(a1.id, "assets", "  Retired electrician, happy to help  ", tags=["personal"]),
        Note(a1.id, "assets", "The old cattle market hall"),
    ])
    change = assets.notes_to_assets(store, [n.id for n in notes[:2]])
    assert change.description == "Add 2 notes to the register"
    rows = {r.name: r for r in asset_view.register(store, programme.id)}
    assert set(rows) == {"Knit and natter group at the library",
                         "Retired electrician, happy to help"}
    knit = rows["Knit and natter group at the library"]
    assert (knit.category, knit.place, knit.workshops) == ("social", "Melton Mowbray", ("A1",))
    # The whole step: only the note not yet an asset is added.
    step = assets.step_to_assets(store, a1.id, "assets")
    assert len(step.asset_ids) == 1
    assert len(asset_view.register(store, programme.id)) == 3
    with pytest.raises(ValidationError, match="already in the register"):
        assets.step_to_assets(store, a1.id, "assets")
    again = assets.notes_to_assets(store, [notes[0].id])
    assert again.asset_ids == [] and "already in the register" in again.messages[0]


def test_undo_of_notes_to_assets_leaves_the_library_exactly_as_before(store):
    programme, (a1, _) = asset_programme(store)
    note = store.add_note(Note(a1.id, "assets", "Community fridge", tags=["community"]))
    before = content_snapshot(store)
    change = assets.notes_to_assets(store, [note.id])
    after = content_snapshot(store)
    assets.undo(store, change)
    assert content_snapshot(store) == before
    assets.redo(store, change)
    assert content_snapshot(store) == after


def test_an_asset_with_no_name_is_refused_with_a_message(store):
    programme, _ = asset_programme(store)
    with pytest.raises(ValidationError, match="An asset needs a name"):
        assets.add_asset(store, programme.id, "   ")
    change = assets.add_asset(store, programme.id, "Sports club", "community")
    with pytest.raises(ValidationError, match="An asset needs a name"):
        assets.edit_asset(store, change.asset_ids[0], name="")
    assert [r.name for r in asset_view.register(store, programme.id)] == ["Sports club"]


def test_edit_in_place_and_undo(store):
    programme, _ = asset_programme(store)
    asset_id = assets.add_asset(store, programme.id, "Sports club").asset_ids[0]
    before = content_snapshot(store)
    change = assets.edit_asset(store, asset_id, place=" Asfordby  Hill ", category="community")
    assert change.description == "Place, category of “Sports club”"
    [row] = asset_view.register(store, programme.id)
    assert (row.place, row.category) == ("Asfordby Hill", "community")
    assets.undo(store, change)
    assert content_snapshot(store) == before


def test_the_workshops_that_named_an_asset_are_listed_w2_before_w10(store):
    programme, (a10, a2) = asset_programme(store, codes=("A10", "A2"))
    n10 = store.add_note(Note(a10.id, "assets", "Melton Library"))
    n2 = store.add_note(Note(a2.id, "assets", "Melton Library"))
    assets.notes_to_assets(store, [n10.id, n2.id])
    ids = assets_sql.assets_of_notes(store, [n10.id, n2.id])
    asset_merge.merge_assets(store, ids[n10.id], [ids[n2.id]])
    (row,) = asset_view.register(store, programme.id)
    assert row.workshops == ("A2", "A10")  # natural order, as everywhere codes are listed


def test_the_same_asset_named_at_two_sessions_is_offered_and_merged(store):
    programme, (a1, a2) = asset_programme(store)
    n1 = store.add_note(Note(a1.id, "assets", "Melton Library", tags=["neighbourhood"]))
    n2 = store.add_note(Note(a2.id, "assets", "melton library!"))
    n3 = store.add_note(Note(a2.id, "assets", "Youth football coach", tags=["personal"]))
    assets.notes_to_assets(store, [n1.id, n2.id, n3.id])
    ids = assets_sql.assets_of_notes(store, [n1.id, n2.id])
    assets.edit_asset(store, ids[n2.id], offers="Meeting room, free wifi")
    pairs = asset_merge.duplicates(store, programme.id, model=LexicalModel())
    assert [(p.keep.name, p.other.name, p.same_name) for p in pairs] == [
        ("Melton Library", "melton library!", True)]
    connection = asset_connections.link_assets(store, programme.id, "Coaching sessions in the library",
                                    [ids[n2.id], assets_sql.assets_of_notes(store, [n3.id])[n3.id]])
    before = content_snapshot(store)
    change = asset_merge.merge_assets(store, pairs[0].keep.id, [pairs[0].other.id])
    rows = {r.name: r for r in asset_view.register(store, programme.id)}
    assert set(rows) == {"Melton Library", "Youth football coach"}
    library = rows["Melton Library"]
    assert library.workshops == ("A1", "A2")
    assert library.offers == "Meeting room, free wifi"
    assert library.category == "neighbourhood"
    assert library.connections == ("Coaching sessions in the library",)
    redirect = store.conn.execute(
        "SELECT new_id FROM merged_records WHERE table_name = 'assets' AND old_id = ?",
        [ids[n2.id]]).fetchone()
    assert redirect == (ids[n1.id],)
    assert connection.asset_ids
    assets.undo(store, change)
    assert content_snapshot(store) == before
    assert len(asset_view.register(store, programme.id)) == 3


def test_a_connection_links_two_or_more_assets_with_its_idea(store):
    programme, (a1, _) = asset_programme(store)
    first = assets.add_asset(store, programme.id, "Allotment society").asset_ids[0]
    second = assets.add_asset(store, programme.id, "Primary school").asset_ids[0]
    idea = store.add_note(Note(a1.id, "connections", "Growing club for pupils"))
    with pytest.raises(ValidationError, match="two or more"):
        asset_connections.link_assets(store, programme.id, "Alone", [first])
    with pytest.raises(ValidationError, match="needs the idea"):
        asset_connections.link_assets(store, programme.id, " ", [first, second])
    change = asset_connections.link_assets(store, programme.id, idea.text, [first, second],
                                workshop_id=a1.id, note_id=idea.id)
    assert {r.name: r.connections for r in asset_view.register(store, programme.id)} == {
        "Allotment society": ("Growing club for pupils",),
        "Primary school": ("Growing club for pupils",)}
    [(connection, linked)] = asset_view.connections(store, programme.id)
    assert connection.note_id == idea.id and set(linked) == {first, second}
    assets.undo(store, change)
    assert asset_view.connections(store, programme.id) == []


def test_contact_details_in_who_can_help_connect_are_flagged(store):
    assert assets.connector_warnings(store, "Parish council clerk") == []
    found = assets.connector_warnings(store, "Mrs Patel, 07700 900123, jo@example.org")
    assert any("phone" in f for f in found)
    assert any("email" in f for f in found)
    assert any("title and name" in f for f in found)


def test_counts_filters_and_grouping(store):
    programme, _ = asset_programme(store)
    for name, category, place in (("Choir", "social", "Bottesford"),
                                  ("Village hall", "neighbourhood", "Bottesford"),
                                  ("Food bank", "community", "melton mowbray"),
                                  ("Cake maker", "", "")):
        assets.add_asset(store, programme.id, name, category, place=place)
    rows = asset_view.register(store, programme.id)
    vocab = assets.vocabulary(store, programme.id)
    assert asset_view.counts_by_category(rows, vocab) == [
        ("Personal assets", 0), ("Social assets", 1), ("Community assets", 1),
        ("Neighbourhood assets", 1), ("Not yet sorted", 1)]
    assert asset_view.counts_by_place(rows) == [
        ("Bottesford", 2), ("melton mowbray", 1), ("No place given", 1)]
    keep = asset_view.filter_rows(rows, asset_view.Filter(text="hall bott"))
    assert [rows[i].name for i in keep] == ["Village hall"]
    keep = asset_view.filter_rows(rows, asset_view.Filter(place="No place given"))
    assert [rows[i].name for i in keep] == ["Cake maker"]
    grouped = asset_view.grouped_by_category(rows, vocab)
    assert [label for label, _ in grouped] == [
        "Social assets", "Community assets", "Neighbourhood assets", "Not yet sorted"]


def test_the_programmes_vocabulary_comes_from_its_asset_format(store):
    programme = store.add_programme(Programme("Staffordshire"))
    store.add_workshop(Workshop(programme.id, "S1", "Assets?", "asset-mapping-levels"))
    vocab = assets.vocabulary(store, programme.id)
    assert [t.label for t in vocab.tags] == [
        "Individual assets", "Associations and networks", "Organisations"]
    other = store.add_programme(Programme("No workshops yet"))
    assert [t.key for t in assets.vocabulary(store, other.id).tags] == [
        "personal", "social", "community", "neighbourhood"]


def _library_with_assets(builtin_formats):
    lib = new_library(builtin_formats)
    programme, (a1, a2) = asset_programme(lib.store)
    notes = lib.store.add_notes([
        Note(a1.id, "assets", "Scout hut", tags=["neighbourhood"]),
        Note(a2.id, "assets", "Dog walkers' WhatsApp group", tags=["social"]),
    ])
    assets.notes_to_assets(lib.store, [n.id for n in notes])
    ids = [r.id for r in asset_view.register(lib.store, programme.id)]
    asset_connections.link_assets(lib.store, programme.id, "Litter pick from the scout hut", ids)
    return lib, programme, (a1, a2)


@pytest.mark.parametrize("first", ["a", "b"])
def test_assets_travel_in_workshop_files_between_two_libraries_in_both_orders(
    builtin_formats, awkward_dir, first
):
    a, programme, (a1, a2) = _library_with_assets(builtin_formats)
    b = new_library(builtin_formats)
    start = export_workshops(a.store, [a1.id, a2.id], awkward_dir / "start.workshop").path
    [summary] = import_workshop_files(b.store, [start], backup_dir=awkward_dir / "bk")
    assert summary.ok and summary.count("assets", "added") == 2
    assert asset_view.register(b.store, programme.id) == asset_view.register(a.store, programme.id)
    # Both laptops carry on: A merges a duplicate and edits, B adds an asset and edits another.
    dup = assets.add_asset(a.store, programme.id, "Scout Hut", place="Sysonby",
                           workshop_id=a2.id).asset_ids[0]
    scout = next(r for r in asset_view.register(a.store, programme.id) if r.name == "Scout hut")
    asset_merge.merge_assets(a.store, scout.id, [dup])
    whatsapp = next(r for r in asset_view.register(b.store, programme.id) if r.category == "social")
    assets.edit_asset(b.store, whatsapp.id, connector="Neighbourhood watch coordinator")
    assets.add_asset(b.store, programme.id, "Church hall", "neighbourhood", workshop_id=a1.id)
    file_a = export_workshops(a.store, [a1.id, a2.id], awkward_dir / "a.workshop").path
    file_b = export_workshops(b.store, [a1.id, a2.id], awkward_dir / "b.workshop").path
    order = [(a, file_b), (b, file_a)] if first == "a" else [(b, file_a), (a, file_b)]
    for lib, path in order:
        [summary] = import_workshop_files(lib.store, [path], backup_dir=awkward_dir / "bk")
        assert summary.ok, summary.lines()
        assert summary.conflicts == []
    rows_a = asset_view.register(a.store, programme.id)
    assert rows_a == asset_view.register(b.store, programme.id)
    assert {r.name: (r.place, r.connector, r.workshops) for r in rows_a} == {
        "Scout hut": ("Melton Mowbray; Sysonby", "", ("A1", "A2")),
        "Dog walkers' WhatsApp group": ("Melton Mowbray", "Neighbourhood watch coordinator",
                                         ("A2",)),
        "Church hall": ("", "", ("A1",)),
    }
    scout = next(r for r in rows_a if r.name == "Scout hut")
    assert scout.connections == ("Litter pick from the scout hut",)
    snap_a, snap_b = content_snapshot(a.store), content_snapshot(b.store)
    for table in ("assets", "asset_sources", "connections", "connection_assets",
                  "merged_records"):
        assert snap_a[table] == snap_b[table], table


def test_a_file_from_the_other_laptop_with_the_duplicate_lands_on_the_kept_asset(
    builtin_formats, awkward_dir
):
    """B still has the asset A merged away, and names it again from a new note: after B
    takes A's file, the new link lands on the kept asset."""
    a, programme, (a1, a2) = _library_with_assets(builtin_formats)
    b = new_library(builtin_formats)
    start = export_workshops(a.store, [a1.id, a2.id], awkward_dir / "start.workshop").path
    import_workshop_files(b.store, [start], backup_dir=awkward_dir / "bk")
    rows = asset_view.register(a.store, programme.id)
    asset_merge.merge_assets(a.store, rows[0].id, [rows[1].id])
    note = b.store.add_note(Note(a1.id, "assets", "More dog walkers"))
    b_change = assets.notes_to_assets(b.store, [note.id])
    asset_merge.merge_assets(b.store, rows[1].id, b_change.asset_ids)  # into the one A merged away
    file_a = export_workshops(a.store, [a1.id, a2.id], awkward_dir / "a.workshop").path
    [summary] = import_workshop_files(b.store, [file_a], backup_dir=awkward_dir / "bk")
    assert summary.ok
    [row] = asset_view.register(b.store, programme.id)
    assert row.id == rows[0].id and row.workshops == ("A1", "A2")


def test_the_summary_of_results_gains_an_optional_community_assets_section(store, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    from facilitator.reports.docx_writer import export_report
    from facilitator.reports.gather import build_report
    from facilitator.reports.xlsx_export import export_notes_xlsx

    programme, (a1, _a2) = asset_programme(store)
    store.add_notes([Note(a1.id, "assets", "Choir"), Note(a1.id, "connections", "Sing-along")])
    assets.add_asset(store, programme.id, "Choir", "social", place="Bottesford",
                     connector="jo@example.org", workshop_id=a1.id)
    plain = build_report(store, programme)
    assert plain.community_assets is None
    report = build_report(store, programme, assets=True)
    assert any("contact details" in w for w in report.warnings)
    export_report(report, tmp_path / "summary.docx", layout=False)
    document = Document(tmp_path / "summary.docx")
    texts = [p.text for p in document.paragraphs]
    at = texts.index("Community assets")
    assert texts.index("Social assets") > at
    assert texts.index("Appendix: attendance by participant category") > texts.index(
        "Social assets")
    export_notes_xlsx(store, programme, tmp_path / "notes.xlsx")
    sheet = load_workbook(tmp_path / "notes.xlsx")["Assets"]
    assert [c.value for c in sheet[2]][:4] == ["Choir", "Social assets", None, "Bottesford"]


def test_the_assets_command_writes_each_kind_of_file(tmp_path, builtin_formats):
    import subprocess
    import sys

    from facilitator.library import open_library

    path = tmp_path / "library é.wfdb"
    lib = open_library(path, builtin_formats)
    programme, _ = asset_programme(lib.store)
    assets.add_asset(lib.store, programme.id, "Choir", "social", connector="07700 900123")
    lib.close()
    for suffix in (".xlsx", ".csv", ".docx"):
        out = tmp_path / f"assets{suffix}"
        done = subprocess.run(
            [sys.executable, "main.py", "assets", "--library", str(path), "--programme",
             "Melton assets", "--out", str(out)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert "1 assets" in done.stdout and "warning:" in done.stdout
        assert out.stat().st_size > 0
    wrong = subprocess.run(
        [sys.executable, "main.py", "assets", "--library", str(path), "--programme",
         "Melton assets", "--out", str(tmp_path / "a.pdf")], capture_output=True, text=True,
        check=False)
    assert wrong.returncode == 2 and ".xlsx, .csv or .docx" in wrong.stderr


def test_assets_follow_a_programme_merged_into_another_and_the_merge_undoes(store):
    from facilitator import library_ops

    programme, (a1, _a2) = asset_programme(store)
    other = store.add_programme(Programme("Melton assets (laptop 2)"))
    store.add_workshop(Workshop(other.id, "B1", "Q?", "asset-mapping"))
    first = assets.add_asset(store, other.id, "Cricket club", "community").asset_ids[0]
    second = assets.add_asset(store, other.id, "Bowls club", "community").asset_ids[0]
    asset_connections.link_assets(store, other.id, "Shared pavilion", [first, second])
    from tests.facilitator.transfer.helpers import as_undone

    before = as_undone(store)  # (an undone merge travels: see as_undone)
    record = library_ops.merge_programmes(store, other.id, programme.id)
    assert {r.name for r in asset_view.register(store, programme.id)} == {"Cricket club",
                                                                      "Bowls club"}
    assert asset_view.register(store, programme.id)[0].connections == ("Shared pavilion",)
    library_ops.undo_merge(store, record)
    assert as_undone(store) == before


def test_assets_of_a_programme_removed_for_good_go_with_it(store):
    from facilitator import library_ops

    programme, (a1, _a2) = asset_programme(store)
    note = store.add_note(Note(a1.id, "assets", "Choir"))
    assets.notes_to_assets(store, [note.id])
    library_ops.delete_programme(store, programme.id)
    assert library_ops.empty_deleted_items(store) == 1
    for table in ("assets", "asset_sources", "connections", "connection_assets"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_a_workshop_file_with_a_nameless_asset_is_refused(builtin_formats, awkward_dir):
    from facilitator.transfer import import_workshop_files

    a, programme, (a1, a2) = _library_with_assets(builtin_formats)
    path = export_workshops(a.store, [a1.id, a2.id], awkward_dir / "a.workshop").path
    from tests.hostile import tamper

    tamper(path, "UPDATE assets SET name = '  '")  # resealed: past the check sum, to the rows
    b = new_library(builtin_formats)
    [summary] = import_workshop_files(b.store, [path], backup_dir=awkward_dir / "bk")
    assert not summary.ok
    assert "An asset needs a name" in summary.error
    assert asset_view.register(b.store, programme.id) == []


def test_both_laptops_editing_one_asset_is_a_conflict_listed_with_both_texts(
    builtin_formats, awkward_dir
):
    from facilitator.transfer import import_workshop_files

    a, programme, (a1, a2) = _library_with_assets(builtin_formats)
    b = new_library(builtin_formats)
    start = export_workshops(a.store, [a1.id, a2.id], awkward_dir / "start.workshop").path
    import_workshop_files(b.store, [start], backup_dir=awkward_dir / "bk")
    scout = next(r for r in asset_view.register(a.store, programme.id) if r.name == "Scout hut")
    assets.edit_asset(a.store, scout.id, place="Sysonby")
    assets.edit_asset(b.store, scout.id, place="Thorpe Arnold")
    path = export_workshops(b.store, [a1.id, a2.id], awkward_dir / "b.workshop").path
    [summary] = import_workshop_files(a.store, [path], backup_dir=awkward_dir / "bk")
    [conflict] = summary.conflicts
    assert conflict.what == "Asset in the register"
    assert "Sysonby" in conflict.library_text and "Thorpe Arnold" in conflict.file_text
    assert any("Conflicts: 1" in line for line in summary.lines())
