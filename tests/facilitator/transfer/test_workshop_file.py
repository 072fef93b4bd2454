"""Export and import of workshop files: round trip, merge rules, summary, backups."""

from __future__ import annotations

import sqlite3

from facilitator.models import Note
from facilitator.store import APPLICATION_ID, SCHEMA_VERSION
from facilitator.transfer import export_workshops, import_workshop_files, read_and_check
from tests.facilitator.transfer.helpers import (
    carry,
    demo_library,
    export_all,
    new_library,
    office_and_laptop,
    small_library,
    snapshot,
)


def test_export_writes_an_sqlite_file_with_our_id_version_and_meta(builtin_formats, awkward_dir):
    lib, programme = demo_library(builtin_formats)
    w2 = next(w for w in lib.store.workshops(programme.id) if w.code == "W2")
    deleted = lib.store.notes(w2.id)[0]
    lib.store.set_notes_deleted([deleted.id])
    path = export_workshops(lib.store, [w2.id], awkward_dir / "W2 café.workshop").path
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        codes = [r[0] for r in conn.execute("SELECT code FROM workshops")]
        note_count = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
        was_deleted = conn.execute(
            "SELECT deleted FROM notes WHERE id = ?", [deleted.id]
        ).fetchone()[0]
        formats = [r[0] for r in conn.execute("SELECT key FROM formats")]
        attendance = conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
    finally:
        conn.close()
    assert meta["library_id"] == lib.store.library_id
    assert meta["app_version"] and meta["exported_at"]
    assert codes == ["W2"]
    assert note_count == len(lib.store.notes(w2.id, include_deleted=True))
    assert was_deleted == 1
    assert formats == ["delivery-planning"]
    assert attendance == len(lib.store.attendance(w2.id).counts) > 0
    assert not list(awkward_dir.glob("*.part"))


def test_export_then_import_into_an_empty_library_gives_equal_content(
    builtin_formats, awkward_dir
):
    source, _ = demo_library(builtin_formats)
    path = export_all(source, awkward_dir / "all.workshop")
    target = new_library(builtin_formats)
    [summary] = import_workshop_files(target.store, [path], backup_dir=awkward_dir / "bk")
    assert summary.ok
    assert summary.count("workshops", "added") == 7
    assert summary.count("notes", "added") == len(source.store.notes(include_deleted=True))
    assert snapshot(target) == snapshot(source)


def test_importing_the_same_file_twice_changes_nothing(builtin_formats, awkward_dir):
    source, _ = demo_library(builtin_formats)
    path = export_all(source, awkward_dir / "all.workshop")
    target = new_library(builtin_formats)
    import_workshop_files(target.store, [path], backup_dir=awkward_dir / "bk")
    before = snapshot(target)
    [again] = import_workshop_files(target.store, [path], backup_dir=awkward_dir / "bk")
    assert snapshot(target) == before
    assert not again.changed and not again.conflicts
    assert again.count("notes", "unchanged") == len(source.store.notes(include_deleted=True))


def test_an_edit_on_one_side_travels_without_a_conflict(builtin_formats, awkward_dir):
    office, laptop, _, w1 = office_and_laptop(builtin_formats, awkward_dir)
    note = laptop.store.notes(w1.id)[0]
    note.text = "Edited on the laptop"
    laptop.store.update_note(note)
    gone = laptop.store.notes(w1.id)[1]
    laptop.store.set_notes_deleted([gone.id])
    laptop.store.add_note(Note(w1.id, "what", "New on the laptop"))
    [summary] = carry(laptop, office, awkward_dir / "l.workshop")
    assert summary.conflicts == []
    assert summary.count("notes", "updated") == 2
    assert summary.count("notes", "added") == 1
    assert office.store.get_note(note.id).text == "Edited on the laptop"
    assert office.store.get_note(gone.id).deleted
    assert snapshot(office) == snapshot(laptop)


def test_an_older_file_does_not_undo_a_newer_edit_here(builtin_formats, awkward_dir):
    office, _, w1 = small_library(builtin_formats)
    first = export_all(office, awkward_dir / "first.workshop")
    laptop = new_library(builtin_formats)
    import_workshop_files(laptop.store, [first], backup_dir=awkward_dir)
    note = laptop.store.notes(w1.id)[0]
    note.text = "Laptop's edit"
    laptop.store.update_note(note)
    stale = export_all(office, awkward_dir / "stale.workshop")
    [summary] = import_workshop_files(laptop.store, [stale], backup_dir=awkward_dir)
    assert laptop.store.get_note(note.id).text == "Laptop's edit"
    assert summary.conflicts == [] and not summary.changed


def test_edits_on_both_sides_keep_the_newer_and_list_a_conflict_with_both_texts(
    builtin_formats, awkward_dir
):
    office, laptop, _, w1 = office_and_laptop(builtin_formats, awkward_dir)
    mine = office.store.notes(w1.id)[0]
    mine.text = "Office wording"
    office.store.update_note(mine)
    theirs = laptop.store.get_note(mine.id)
    theirs.text = "Laptop wording (later)"
    laptop.store.update_note(theirs)
    [summary] = carry(laptop, office, awkward_dir / "l.workshop")
    [conflict] = summary.conflicts
    assert conflict.library_text == "Office wording"
    assert conflict.file_text == "Laptop wording (later)"
    assert conflict.kept == "file"
    assert "Conflicts: 1" in "\n".join(summary.lines())
    assert office.store.get_note(mine.id).text == "Laptop wording (later)"


def test_a_backup_is_taken_before_every_import_and_rotated(builtin_formats, awkward_dir):
    office, _, _ = small_library(builtin_formats)
    path = export_all(office, awkward_dir / "o.workshop")
    target = new_library(builtin_formats)
    backups = awkward_dir / "Backups"
    for _ in range(12):
        import_workshop_files(target.store, [path], backup_dir=backups)
    kept = sorted(backups.glob("*.wfdb"))
    assert len(kept) == 10
    # the newest backup holds the library as it was before the last import: the rows
    conn = sqlite3.connect(kept[-1])
    try:
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 3
    finally:
        conn.close()
    first = sqlite3.connect(kept[0])
    try:
        assert first.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        first.close()


def test_a_library_on_disk_backs_up_beside_itself(builtin_formats, library_path, awkward_dir):
    from facilitator.library import open_library

    office, _, _ = small_library(builtin_formats)
    path = export_all(office, awkward_dir / "o.workshop")
    target = open_library(library_path, builtin_formats)
    try:
        [summary] = import_workshop_files(target.store, [path])
    finally:
        target.close()
    assert summary.ok
    assert len(list((library_path.parent / "Backups").glob("*.wfdb"))) == 1


def test_import_records_the_source_file_for_the_compile_view(builtin_formats, awkward_dir):
    from facilitator.store.transfer_merge import workshop_sources

    office, _, w1 = small_library(builtin_formats)
    path = export_all(office, awkward_dir / "from Ann's laptop.workshop")
    target = new_library(builtin_formats)
    import_workshop_files(target.store, [path], backup_dir=awkward_dir)
    source = workshop_sources(target.store)[w1.id]
    assert source["source_file"].endswith("from Ann's laptop.workshop")
    assert source["source_library_id"] == office.store.library_id
    assert source["imported_at"]


def test_photos_travel_with_their_workshop(builtin_formats, awkward_dir):
    from io import BytesIO

    from PIL import Image

    def jpeg(width, height):  # real images: a workshop file's photos are checked (issue 12)
        out = BytesIO()
        Image.new("RGB", (width, height), "white").save(out, "JPEG")
        return out.getvalue()

    original, display, thumbnail = jpeg(4, 3), jpeg(4, 3), jpeg(2, 1)
    office, _, w1 = small_library(builtin_formats)
    office.store.db.execute(
        "INSERT INTO photos VALUES ('p1', ?, 'who', 'wall.jpg', 'image/jpeg', 4, 3, ?, ?, ?, "
        "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 0)",
        [w1.id, original, display, thumbnail],
    )
    office.store.db.conn.commit()
    target = new_library(builtin_formats)
    carry(office, target, awkward_dir / "p.workshop")
    row = target.store.db.execute("SELECT original, thumbnail FROM photos").fetchone()
    # The original travels as it was; the thumbnail is made here from it (issue 12, rule 6).
    from facilitator.photos import remake_copies

    assert row == (original, remake_copies("wall.jpg", original)[1])


def test_read_and_check_returns_the_rows(builtin_formats, awkward_dir):
    office, _, _ = small_library(builtin_formats, notes=4)
    content = read_and_check(export_all(office, awkward_dir / "x.workshop"))
    assert len(content.rows["notes"]) == 4
    assert content.library_id == office.store.library_id


def test_an_older_export_of_this_library_is_not_a_conflict(builtin_formats, awkward_dir):
    office, _, w1 = small_library(builtin_formats)
    old = export_all(office, awkward_dir / "old.workshop")
    note = office.store.notes(w1.id)[0]
    note.text = "Edited since"
    office.store.update_note(note)
    [summary] = import_workshop_files(office.store, [old], backup_dir=awkward_dir)
    assert summary.conflicts == [] and not summary.changed
    assert office.store.get_note(note.id).text == "Edited since"


def test_a_note_under_another_programmes_theme_still_exports_a_valid_file(
    builtin_formats, awkward_dir
):
    from facilitator.models import Programme, Theme

    office, _, w1 = small_library(builtin_formats)
    other = office.store.add_programme(Programme("Another programme"))
    theme = office.store.add_theme(Theme(other.id, "who", "Borrowed theme"))
    office.store.set_notes_theme([office.store.notes(w1.id)[0].id], theme.id)
    path = export_workshops(office.store, [w1.id], awkward_dir / "w1.workshop").path
    content = read_and_check(path)
    assert {p["title"] for p in content.rows["programmes"]} == {"Rutland 2026",
                                                                 "Another programme"}


def test_a_programme_made_twice_on_two_laptops_is_flagged(builtin_formats, awkward_dir):
    from facilitator.transfer.workshop_file import SEPARATE

    office, _, _ = small_library(builtin_formats)
    laptop, theirs, _ = small_library(builtin_formats)  # same title and code, other UUIDs
    path = export_all(laptop, awkward_dir / "l.workshop")
    [asked] = import_workshop_files(office.store, [path], backup_dir=awkward_dir)
    assert not asked.ok and "needs a choice" in asked.error
    assert '--into "Rutland 2026"' in asked.error and "--separate" in asked.error
    [summary] = import_workshop_files(
        office.store, [path], backup_dir=awkward_dir, choices={theirs.id: SEPARATE}
    )
    text = "\n".join(summary.lines())
    assert "“Rutland 2026” in this file was created separately" in text
    assert "Workshop code W1 now appears twice" not in text  # different programmes
    [again] = carry(laptop, office, awkward_dir / "l.workshop")
    assert again.warnings == []  # said once, when the programme arrived


def test_a_workshop_code_made_twice_in_one_programme_is_flagged(builtin_formats, awkward_dir):
    from facilitator.library_ops import same_code_pairs
    from facilitator.models import Workshop

    office, laptop, programme, _ = office_and_laptop(builtin_formats, awkward_dir)
    # Two scribes at one event, on two laptops, both type W2.
    ours = office.store.add_workshop(Workshop(programme.id, "W2", "Again?", "delivery-planning"))
    theirs = laptop.store.add_workshop(
        Workshop(programme.id, "w2", "Again?", "delivery-planning")
    )
    [summary] = carry(laptop, office, awkward_dir / "l.workshop")
    assert summary.ok and summary.count("workshops", "added") == 1
    assert any("Workshop code w2 now appears twice" in w for w in summary.warnings)
    [(first, second)] = same_code_pairs(office.store, programme.id)
    assert {first.id, second.id} == {ours.id, theirs.id}
