"""``main.py import-notes`` remembers a layout's columns, keeps repeated notes, and says when
a table comes back, as a user runs it, in a child process."""

from __future__ import annotations

from facilitator.library import open_library
from tests.facilitator.cli.test_demo_and_list import run_main


def w2_texts(path):
    library = open_library(path, create=False)
    try:
        (w2,) = [w for w in library.store.workshops() if w.code == "W2"]
        return [n.text for n in library.store.notes(w2.id)]
    finally:
        library.close()


def test_columns_given_once_are_used_and_printed_next_time(awkward_dir):
    office = awkward_dir / "office é.wfdb"
    assert run_main("demo", "--library", str(office)).returncode == 0
    first = awkward_dir / "Table 1 é.csv"
    first.write_text("Session,Stage,What people wrote\nW2,who,Carers\nW2,who,Carers\n",
                     encoding="utf-8")
    refused = run_main("import-notes", "--library", str(office), str(first))
    assert refused.returncode == 2
    assert "choose the column for Workshop code" in refused.stderr
    done = run_main("import-notes", "--library", str(office), str(first),
                    "--workshop-column", "Session", "--step-column", "2",
                    "--text-column", "what people wrote")
    assert done.returncode == 0, done.stderr
    assert "2 notes imported" in done.stdout
    assert w2_texts(office).count("Carers") == 2  # the same text twice is two notes
    second = awkward_dir / "Table 2.csv"
    second.write_text("SESSION,stage,What people wrote\nW2,what,Lunch club\n", encoding="utf-8")
    later = run_main("import-notes", "--library", str(office), str(second))
    assert later.returncode == 0, later.stderr
    assert ("the columns chosen before for this layout: Workshop code = 'SESSION', "
            "Step = 'stage', Note text = 'What people wrote'") in later.stdout
    assert "1 note imported" in later.stdout
    # a column given on the command line wins over the remembered choice
    third = awkward_dir / "Table 3.csv"
    third.write_text("Session,Stage,What people wrote,Comments\nW2,who,x,Older carers\n",
                     encoding="utf-8")
    given = run_main("import-notes", "--library", str(office), str(third),
                     "--workshop-column", "1", "--text-column", "Comments")
    assert given.returncode == 0, given.stderr
    assert "Older carers" in w2_texts(office) and "x" not in w2_texts(office)
    wrong = run_main("import-notes", "--library", str(office), str(third),
                     "--step-column", "Session")
    assert wrong.returncode == 2 and "choose the column for Workshop code" in wrong.stderr


def test_the_same_file_again_is_already_imported_and_new_rows_come_in(awkward_dir):
    office = awkward_dir / "office.wfdb"
    assert run_main("demo", "--library", str(office)).returncode == 0
    table = awkward_dir / "typed up é.csv"
    table.write_text("Workshop,Step,Comments\nW2,who,Carers\nW2,what,Lunch club\n",
                     encoding="utf-8")
    args = ["import-notes", "--library", str(office), str(table)]
    assert run_main(*args).returncode == 0
    before = w2_texts(office)
    again = run_main(*args)
    assert again.returncode == 0, again.stderr
    assert "typed up é.csv: already imported on " in again.stdout
    assert "nothing new to import" in again.stdout
    assert w2_texts(office) == before
    with table.open("a", encoding="utf-8") as handle:
        handle.write("W2,how,Befriending\nW2,who,Carers\n")
    more = run_main(*args)
    assert more.returncode == 0, more.stderr
    assert "2 notes imported" in more.stdout
    assert "2 rows already imported from an earlier version" in more.stdout
    assert sorted(w2_texts(office)) == sorted([*before, "Befriending", "Carers"])
