"""``main.py export`` and ``main.py import`` as a user runs them, in a child process."""

from __future__ import annotations

from tests.facilitator.cli.test_demo_and_list import run_main
from tests.facilitator.transfer.helpers import workshop_codes


def test_export_a_programme_then_import_it_into_another_library(awkward_dir):
    office = awkward_dir / "office library.wfdb"
    laptop = awkward_dir / "laptop library.wfdb"
    out = awkward_dir / "Programme 2015.workshop"
    assert run_main("demo", "--library", str(office)).returncode == 0
    made = run_main(
        "export", "--library", str(office), "--programme",
        "Communities Strategy Delivery Planning Workshops 2015", "--out", str(out),
    )
    assert made.returncode == 0, made.stderr
    # main.py demo: the 2015 workshops and the asset-mapping session W8 with its register
    assert "8 workshops" in made.stdout
    imported = run_main("import", "--library", str(laptop), str(out))
    assert imported.returncode == 0, imported.stderr
    assert "Programme 2015.workshop:" in imported.stdout
    assert "Workshops: 8 added, 0 updated, 0 unchanged" in imported.stdout
    assert "Assets: 9 added, 0 updated" in imported.stdout
    assert "Conflicts: 0" in imported.stdout
    again = run_main("import", "--library", str(laptop), str(out))
    assert "Workshops: 0 added, 0 updated, 8 unchanged" in again.stdout
    assert len(list((awkward_dir / "Backups").glob("*.wfdb"))) == 2


def test_export_chosen_workshops_by_code(awkward_dir):
    office = awkward_dir / "office.wfdb"
    out = awkward_dir / "two.workshop"
    assert run_main("demo", "--library", str(office)).returncode == 0
    made = run_main("export", "--library", str(office), "--workshops", "W2,w5", "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert workshop_codes(out) == ["W2", "W5"]


def test_export_of_an_unknown_workshop_says_so(awkward_dir):
    office = awkward_dir / "office.wfdb"
    assert run_main("demo", "--library", str(office)).returncode == 0
    made = run_main("export", "--library", str(office), "--workshops", "W9",
                    "--out", str(awkward_dir / "x.workshop"))
    assert made.returncode == 2
    assert "W9" in made.stderr
    assert not (awkward_dir / "x.workshop").exists()


def test_import_refuses_a_bad_file_naming_it_and_exits_non_zero(awkward_dir):
    laptop = awkward_dir / "laptop.wfdb"
    bad = awkward_dir / "holiday photo.workshop"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a database")
    result = run_main("import", "--library", str(laptop), str(bad))
    assert result.returncode == 1
    assert "holiday photo.workshop" in result.stderr
    assert "not an SQLite database" in result.stderr


def test_import_notes_lists_bad_rows_and_imports_none_then_valid_only(awkward_dir):
    office = awkward_dir / "office.wfdb"
    assert run_main("demo", "--library", str(office)).returncode == 0
    table = awkward_dir / "typed up é.csv"
    table.write_text(
        "Session,Step,What people wrote\nW2,who,Carers\nW9,who,Lost\nW2,what,Lunch club\n",
        encoding="utf-8",
    )
    refused = run_main("import-notes", "--library", str(office), str(table),
                       "--map", "workshop=Session", "--map", "text=3")
    assert refused.returncode == 1
    assert "Row 3: unknown workshop 'W9'" in refused.stderr
    assert "nothing was imported" in refused.stderr
    done = run_main("import-notes", "--library", str(office), str(table),
                    "--map", "workshop=Session", "--map", "text=3", "--valid-only")
    assert done.returncode == 0, done.stderr
    assert "2 notes imported" in done.stdout


def test_exporting_a_whole_programme_carries_deleted_workshops(builtin_formats, awkward_dir):
    from facilitator.library import open_library
    from facilitator.transfer import import_workshop_files

    office = awkward_dir / "office.wfdb"
    laptop = awkward_dir / "laptop.wfdb"
    title = "Communities Strategy Delivery Planning Workshops 2015"
    out = awkward_dir / "all.workshop"
    assert run_main("demo", "--library", str(office)).returncode == 0
    assert run_main("export", "--library", str(office), "--programme", title,
                    "--out", str(out)).returncode == 0
    assert run_main("import", "--library", str(laptop), str(out)).returncode == 0
    lib = open_library(office, builtin_formats)
    try:
        w3 = next(w for w in lib.store.workshops() if w.code == "W3")
        lib.store.set_workshop_deleted(w3.id)
    finally:
        lib.close()
    made = run_main("export", "--library", str(office), "--programme", title, "--out", str(out))
    assert "7 workshops" in made.stdout  # W1-W8 less the deleted W3
    lib = open_library(laptop, builtin_formats)
    try:
        [summary] = import_workshop_files(lib.store, [out])
        assert summary.count("workshops", "updated") == 1
        assert "W3" not in [w.code for w in lib.store.workshops()]
    finally:
        lib.close()
