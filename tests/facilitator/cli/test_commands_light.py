"""Each command imports what it uses: python-docx (the report writer) is not loaded by the
commands that do not write reports, and every command is in the user guide."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from facilitator.cli import build_parser

ROOT = Path(__file__).resolve().parents[3]
GUIDE = ROOT / "docs" / "user-guide.md"


def modules_after(argv: list[str], prefixes: tuple[str, ...]) -> tuple[int, list[str]]:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import main\n"
        "status = main.main(sys.argv[2:])\n"
        f"print(status, sorted(m for m in sys.modules if m.startswith({prefixes!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), *argv], capture_output=True, text=True,
        encoding="utf-8", check=True, timeout=120,
    ).stdout.strip().splitlines()[-1]
    status, _, modules = out.partition(" ")
    return int(status), eval(modules)  # a printed list of module names


def test_setting_up_and_importing_notes_do_not_load_python_docx(awkward_dir):
    library = awkward_dir / "lib é.wfdb"
    table = awkward_dir / "plan é.csv"
    table.write_text("Code,Theme question\nW1,Healthy\n", encoding="utf-8")
    notes = awkward_dir / "notes é.csv"
    notes.write_text("Workshop,Step,Note\nW1,who,Carers\n", encoding="utf-8")
    heavy = ("docx", "facilitator.reports.docx_writer", "facilitator.reports.gather")
    for argv in (
        ["new-programme", "--library", str(library), "--title", "P"],
        ["new-workshop", "--library", str(library), "--programme", "P", "--code", "W0",
         "--question", "Q", "--format", "delivery-planning"],
        ["plan", "--library", str(library), "--programme", "P", str(table)],
        ["import-notes", "--library", str(library), str(notes)],
    ):
        status, loaded = modules_after(argv, heavy)
        assert (status, loaded) == (0, []), argv


def test_the_report_command_still_loads_its_writer(awkward_dir):
    library = awkward_dir / "lib.wfdb"
    out = awkward_dir / "Summary é.docx"
    assert modules_after(["demo", "--library", str(library)], ("docx",))[0] == 0
    status, loaded = modules_after(
        ["report", "--library", str(library), "--programme",
         "Communities Strategy Delivery Planning Workshops 2015", "--out", str(out)], ("docx",))
    assert status == 0 and "docx" in loaded and out.is_file()


def test_every_command_is_in_the_guides_command_chapter():
    text = GUIDE.read_text(encoding="utf-8")
    chapter = text.split("## From the command line", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", chapter, re.M))
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)
    assert commands <= listed, sorted(commands - listed)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(c for c in commands if f"`{c}`" not in readme)
    assert not missing, missing
