"""Every command opens its library through ``facilitator/cli/common.py`` (``run_on_library``
and the helpers built on it): one place decides that a mistyped --library never makes an
empty library, that a command which only reads opens a read-only library read-only with a
note, the words of "there is no library", and that a problem is one ``error:`` line. Each
command once had its own copy of that opening, and they had drifted apart."""

from __future__ import annotations

import ast
from pathlib import Path

import facilitator.cli

CLI = Path(facilitator.cli.__file__).parent
#: What opens a library file.
OPENERS = {"open_library", "open_for_reading", "open_existing_library"}


def openings(path: Path) -> list[str]:
    """Where a module names a library opener (imported, called or passed on)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.Name):
            names = [node.id]
        elif isinstance(node, ast.Attribute):
            names = [node.attr]
        found += [f"{path.name}:{node.lineno} {name}" for name in names if name in OPENERS]
    return found


def test_only_cli_common_opens_a_library():
    modules = sorted(p for p in CLI.glob("*.py") if p.name != "common.py")
    assert len(modules) > 10  # (the commands were found)
    assert [where for path in modules for where in openings(path)] == []


def test_the_check_sees_an_opening(tmp_path):
    command = tmp_path / "some_cmd.py"
    command.write_text("from facilitator.library import open_library\n\n\n"
                       "def run(args):\n    library = open_library(args.library)\n")
    assert openings(command) == ["some_cmd.py:1 open_library", "some_cmd.py:5 open_library"]
