"""Opening the window parses its options without loading the report and import code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from facilitator.cli import parse_args

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("docx", "openpyxl", "facilitator.reports", "facilitator.transfer")


def modules_loaded_by(argv: list[str]) -> list[str]:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from facilitator.cli import parse_args\n"
        "parse_args(sys.argv[2:])\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), *argv], capture_output=True, text=True, check=True
    ).stdout
    return eval(out)  # a printed list of module names


def test_window_options_load_no_report_or_import_code(awkward_dir):
    assert modules_loaded_by(["--library", str(awkward_dir / "lib.wfdb"), "--demo-if-empty"]) == []


def test_a_subcommand_loads_its_code(awkward_dir):
    loaded = modules_loaded_by(["list", "--library", str(awkward_dir / "lib.wfdb")])
    assert "facilitator.reports" in loaded  # all subcommands are registered for parsing


def test_options_before_and_after_the_subcommand(awkward_dir):
    library = awkward_dir / "lib.wfdb"
    assert parse_args(["--library", str(library), "list"]).library == library
    assert parse_args(["list", "--library", str(library)]).library == library
    window = parse_args(["--library", str(library)])
    assert window.command is None and window.library == library and not window.self_test
