"""The architecture holds: no import cycles between the app's modules (grimp), and the
import-linter contracts in pyproject.toml (also run by `python dev.py test`) are kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def graph():
    sys.path.insert(0, str(ROOT))
    return grimp.build_graph("facilitator", "ui")


def cycles(graph) -> list[list[str]]:
    """Each import that closes a loop, with the way back (a module importing itself via others)."""
    found, seen = [], set()
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back and frozenset(back) not in seen:
                seen.add(frozenset(back))
                found.append([module, *back])
    return found


def test_no_import_cycles(graph):
    assert cycles(graph) == []


def test_the_cycle_check_sees_a_cycle():
    graph = grimp.build_graph("facilitator", "ui")
    graph.add_import(importer="ui.run.photos", imported="ui.run.typeup")
    assert ["ui.run.photos", "ui.run.typeup", "ui.run.photos"] in cycles(graph)


def test_the_import_contracts_are_kept():
    code = ("import sys; from importlinter.cli import lint_imports_command as c; "
            "sys.argv[1:] = ['pyproject.toml']; sys.exit(c())")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "BROKEN" not in result.stdout and result.stdout.count("KEPT") >= 6
