"""The library-correcting commands as a user types them (in-process, for speed)."""

from __future__ import annotations

from facilitator.cli import parse_args, run
from facilitator.library import open_library
from facilitator.models import Note, Programme, Workshop
from tests.facilitator.transfer.helpers import export_all


def main(capsys, *argv):
    status = run(parse_args([str(a) for a in argv]))
    out = capsys.readouterr()
    return status, out.out, out.err


def laptop(path, formats, codes, scribe, title="Rutland 2026"):
    lib = open_library(path, formats)
    programme = lib.store.add_programme(Programme(title))
    for code in codes:
        w = lib.store.add_workshop(Workshop(programme.id, code, "Q?", "delivery-planning",
                                            date="2026-03-04"))
        lib.store.add_note(Note(w.id, "who", f"{scribe} {code}"))
    return lib


def test_import_into_then_merge_workshops_rename_delete_restore(
    capsys, builtin_formats, awkward_dir
):
    office_path = awkward_dir / "office é.wfdb"
    office = laptop(office_path, builtin_formats, ["W1", "W2"], "Ann")
    office.close()
    raj = laptop(awkward_dir / "raj.wfdb", builtin_formats, ["W2", "W3"], "Raj",
                 title="rutland, 2026")
    raj_file = export_all(raj, awkward_dir / "From Raj.workshop")
    raj.close()
    lib = ["--library", office_path]

    status, out, err = main(capsys, "import", *lib, raj_file)
    assert status == 1
    assert '--into "Rutland 2026"' in err and "--separate" in err
    status, out, err = main(capsys, "import", *lib, raj_file, "--into", "Rutland 2026")
    assert status == 0, err
    assert "added to “Rutland 2026”, as chosen" in out
    assert "Workshops: 2 added" in out

    status, out, err = main(capsys, "merge-workshops", *lib, "--programme", "Rutland 2026",
                            "--code", "w2")
    assert status == 0, err
    assert "Merged W2 into W2: 1 note moved" in out

    status, out, err = main(capsys, "rename-programme", *lib, "--programme", "Rutland 2026",
                            "--title", "  ")
    assert status == 2 and "needs a title" in err
    status, out, err = main(capsys, "rename-programme", *lib, "--programme", "Rutland 2026",
                            "--title", "Rutland round one")
    assert status == 0, err

    status, out, err = main(capsys, "delete-workshop", *lib, "--programme",
                            "Rutland round one", "--code", "W3")
    assert status == 0, err
    status, out, err = main(capsys, "deleted", *lib)
    assert "workshop  W3 “Q?” (4 March 2026) in 'Rutland round one'" in out
    status, out, err = main(capsys, "restore", *lib, "--programme", "Rutland round one",
                            "--workshop", "W3")
    assert status == 0, err
    status, out, err = main(capsys, "delete-programme", *lib, "--programme",
                            "Rutland round one")
    assert "with its 3 workshops" in out
    status, out, err = main(capsys, "restore", *lib, "--programme", "Rutland round one")
    assert status == 0 and "with 3 workshops" in out, err
    status, out, err = main(capsys, "empty-deleted", *lib)
    assert status == 2 and "--yes" in err

    setup = awkward_dir / "set-up é.workshop"
    status, out, err = main(capsys, "prepare-laptops", *lib, "--programme",
                            "Rutland round one", "--out", setup)
    assert status == 0, err
    fresh = open_library(awkward_dir / "new laptop.wfdb", builtin_formats)
    from facilitator.transfer import import_workshop_files

    [summary] = import_workshop_files(fresh.store, [setup], backup_dir=awkward_dir)
    assert summary.ok and fresh.store.notes() == []
    assert sorted(w.code for w in fresh.store.workshops()) == ["W1", "W2", "W3"]
    fresh.close()


def test_merge_programmes_needs_a_new_code_for_a_taken_one(capsys, builtin_formats, awkward_dir):
    path = awkward_dir / "lib.wfdb"
    lib = laptop(path, builtin_formats, ["W1", "W2"], "Ann")
    other = lib.store.add_programme(Programme("Practice"))
    lib.store.add_workshop(Workshop(other.id, "W2", "Q?", "delivery-planning"))
    lib.close()
    status, out, err = main(capsys, "merge-programmes", "--library", path, "--from", "Practice",
                            "--into", "Rutland 2026")
    assert status == 2 and "give a new code to W2" in err
    status, out, err = main(capsys, "merge-programmes", "--library", path, "--from", "Practice",
                            "--into", "Rutland 2026", "--code", "W2=W9")
    assert status == 0, err
    lib = open_library(path, builtin_formats)
    assert sorted(w.code for w in lib.store.workshops()) == ["W1", "W2", "W9"]
    lib.close()
