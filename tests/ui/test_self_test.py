"""``main.py --self-test`` covers what the bundle ships: a module that does not import (a
PyInstaller hidden-import slip) fails it, and nothing in the app hides a missing module."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Runs main.py --self-test with one module made to fail to import, as a bundle without it.
BREAK_AND_RUN = """
import runpy, sys
from importlib.abc import MetaPathFinder

class Missing(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, Missing())
sys.argv = ["main.py", "--self-test"]
runpy.run_path("main.py", run_name="__main__")
"""


def self_test(module: str | None = None) -> subprocess.CompletedProcess:
    code = BREAK_AND_RUN.format(module=module or "-none-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def app_modules() -> list[str]:
    names = []
    for package in ("facilitator", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_self_test_passes():
    result = self_test()
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout


@pytest.mark.parametrize("module", [
    "ui.run.timer", "ui.run.photos", "ui.run.presenter", "ui.run.typeup",
    "facilitator.transfer.workshop_file", "ui.compile.window", "facilitator.cli.import_notes_cmd",
])
def test_a_module_missing_from_the_build_fails_the_self_test(module):
    result = self_test(module)
    assert result.returncode != 0
    assert "self-test passed" not in result.stdout
    assert module in result.stderr


def test_the_self_test_imports_every_app_module():
    """So a missing one of any of them fails it (the cases above are a sample)."""
    code = ("import runpy, sys\nsys.argv = ['main.py', '--self-test']\n"
            "try:\n    runpy.run_path('main.py', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('\\n'.join(sorted(sys.modules)))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    imported = set(result.stdout.split())
    assert [m for m in app_modules() if m not in imported] == []


def test_nothing_in_the_app_or_its_tests_hides_a_missing_module():
    fallback = re.compile(r"except\s+\(?[\w, .]*\b(ImportError|ModuleNotFoundError)\b|find_spec\(")
    skip = re.compile(r"importorskip\(\s*[\"'](ui|facilitator)[.\"']")
    offenders = []
    for package in ("facilitator", "ui", "main.py"):
        files = [ROOT / package] if package.endswith(".py") else (ROOT / package).rglob("*.py")
        offenders += [str(f) for f in files if fallback.search(f.read_text(encoding="utf-8"))]
    offenders += [str(f) for f in (ROOT / "tests").rglob("*.py")
                  if skip.search(f.read_text(encoding="utf-8"))]
    assert offenders == []
