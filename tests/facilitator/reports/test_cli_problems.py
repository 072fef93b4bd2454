"""The officer's subcommands on bad input: one ``error:`` line naming the file, exit status
2, no traceback, and nothing made or lost on the way."""

from __future__ import annotations

import pytest

from tests.facilitator.reports.conftest import TITLE
from tests.facilitator.reports.conftest import cli_main as main


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_export_into_a_folder_that_does_not_exist(demo_library, awkward_dir, capsys):
    out = awkward_dir / "Not made yet é" / "W1 from Ann.workshop"
    assert main("export", "--library", demo_library, "--programme", TITLE, "--out", out) == 2
    line = one_error_line(capsys)
    assert str(out) in line and "does not exist" in line
    assert not out.parent.exists()


def test_export_over_a_folder_of_that_name(demo_library, awkward_dir, capsys):
    out = awkward_dir / "Ann.workshop"
    out.mkdir()
    assert main("export", "--library", demo_library, "--programme", TITLE, "--out", out) == 2
    assert "a folder has that name" in one_error_line(capsys)
    assert list(awkward_dir.glob(".*.part")) == []


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--programme", TITLE, "--out", "{dir}/x.workshop"],
        ["import-notes", "{dir}/notes.csv"],
        ["report", "--programme", TITLE, "--out", "{dir}/x.docx"],
        ["export-csv", "--programme", TITLE, "--out", "{dir}/x.csv"],
    ],
)
def test_a_mistyped_library_is_named_and_not_created(awkward_dir, capsys, command):
    (awkward_dir / "notes.csv").write_text("Workshop,Step,Note\nW1,who,Carers\n", "utf-8")
    typo = awkward_dir / "Ofice library.wfdb"
    argv = [part.replace("{dir}", str(awkward_dir)) for part in command]
    assert main(*argv[:1], "--library", typo, *argv[1:]) == 2
    assert str(typo) in one_error_line(capsys)
    assert not typo.exists()


@pytest.mark.parametrize("command", ["export", "import", "import-notes", "report", "export-csv"])
def test_each_subcommand_explains_itself_with_an_example(command, capsys):
    with pytest.raises(SystemExit):
        main(command, "--help")
    text = capsys.readouterr().out
    assert "example: main.py " in text
    description = text.split("options:")[0].split("\n\n", 1)[1]
    assert len(description.split()) > 25, description


@pytest.mark.parametrize("command", ["report", "export-csv", "export"])
def test_two_programmes_of_one_title_are_not_picked_between_at_random(
    demo_library, builtin_formats, awkward_dir, capsys, command
):
    from facilitator.library import open_library
    from facilitator.models import Programme

    library = open_library(demo_library, builtin_formats)
    library.store.add_programme(Programme(TITLE.upper()))  # made on another laptop
    library.close()
    out = awkward_dir / f"out.{command}"
    assert main(command, "--library", demo_library, "--programme", TITLE, "--out", out) == 2
    line = one_error_line(capsys)
    assert "2 programmes are titled" in line and "Rename one" in line
    assert not out.exists()
