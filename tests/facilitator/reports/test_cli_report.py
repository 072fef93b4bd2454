"""``main.py report`` and ``main.py export-csv``: same builder, clear errors, exit status."""

from __future__ import annotations

import docx
import pytest

from tests.facilitator.reports.conftest import TITLE
from tests.facilitator.reports.conftest import cli_main as main


def test_report_for_the_whole_programme(demo_library, awkward_dir, capsys):
    out = awkward_dir / "Summary é.docx"
    assert main("report", "--library", str(demo_library), "--programme", TITLE, "--out", str(out)) == 0
    document = docx.Document(str(out))
    assert document.paragraphs[1].text == "Summary of Results"
    captured = capsys.readouterr()
    assert str(out) in captured.out
    assert "not yet sorted" in captured.err  # warnings go to stderr


def test_single_workshop_summary_from_the_command_line(demo_library, awkward_dir):
    out = awkward_dir / "w2.docx"
    args = ["report", "--library", str(demo_library), "--programme", TITLE.lower()]
    assert main(*args, "--workshops", "W2", "--out", str(out)) == 0
    assert docx.Document(str(out)).paragraphs[1].text == "Workshop summary: W2"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--programme", "Nope"], "No programme titled 'Nope'"),
        (["--programme", TITLE, "--workshops", "W1,W9"], "W9"),
        (["--programme", TITLE, "--template", "/no/such.docx"], "/no/such.docx"),
    ],
)
def test_problems_exit_non_zero_with_a_message(demo_library, awkward_dir, capsys, extra, message):
    out = awkward_dir / "r.docx"
    assert main("report", "--library", str(demo_library), *extra, "--out", str(out)) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_missing_library_is_not_created(awkward_dir, capsys):
    missing = awkward_dir / "none.wfdb"
    code = main("report", "--library", str(missing), "--programme", TITLE, "--out", str(awkward_dir / "r.docx"))
    assert code == 2
    assert f"There is no library at {missing}" in capsys.readouterr().err
    assert not missing.exists()


def test_unwritable_target_folder(demo_library, awkward_dir, capsys):
    out = awkward_dir / "missing folder" / "r.docx"
    assert main("report", "--library", str(demo_library), "--programme", TITLE, "--out", str(out)) == 2
    assert str(out) in capsys.readouterr().err


def test_export_csv(demo_library, awkward_dir, capsys):
    out = awkward_dir / "notes.csv"
    args = ["export-csv", "--library", str(demo_library), "--programme", TITLE]
    assert main(*args, "--workshops", "W7", "--out", str(out)) == 0
    assert "10 notes" in capsys.readouterr().out
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 11 and all(",W7," in line for line in lines[1:])
