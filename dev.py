"""Set up and run Workshop Facilitator from source, with nothing but Python 3.11+.

    python dev.py start     make .venv (first time), install, open the app (demo on first start)
    python dev.py test      make .venv (first time), install, lint, type-check, run all the tests
    python dev.py test-headless   type-check the domain and run its tests in a venv with no Qt

Standard library only: it must run before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PYPROJECT = ROOT / "pyproject.toml"
#: Packages the headless venv leaves out: the domain must run and test without them.
QT_PACKAGES = {"pyside6-essentials", "pytest-qt"}


def venv_python(folder: Path) -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return folder / sub


def requirements(extra: str | None) -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    packages = list(project["dependencies"])
    if extra:
        packages += project["optional-dependencies"][extra]
    return packages


def name_of(requirement: str) -> str:
    """'PySide6-Essentials==6.11.3' -> 'pyside6-essentials'."""
    for mark in "=<>!~[; ":
        requirement = requirement.split(mark)[0]
    return requirement.strip().lower()


def ensure_venv(folder: Path, packages: list[str]) -> Path:
    """Create ``folder`` as a venv and install ``packages``, unless it already has them."""
    python = venv_python(folder)
    stamp = folder / ".installed"
    wanted = hashlib.sha256("\n".join(sorted(packages)).encode()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    if not python.exists():
        print(f"Creating {folder.name} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(folder)
    print("Installing packages (first time only) …", flush=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *packages],
        check=True,
    )
    stamp.write_text(wanted)
    return python


def run(python: Path, *args: str, env: dict | None = None) -> int:
    return subprocess.run([str(python), *args], cwd=ROOT, env=env).returncode


def start(args: list[str]) -> int:
    python = ensure_venv(ROOT / ".venv", requirements(None))
    return run(python, "main.py", "--demo-if-empty", *args)


def test(args: list[str]) -> int:
    python = ensure_venv(ROOT / ".venv", requirements("test"))
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    checks = {
        "ruff (lint)": ["-m", "ruff", "check", "."],
        "import-linter (the contracts in pyproject.toml)": [
            "-c", "import sys; from importlinter.cli import lint_imports_command as c; "
            "sys.argv[1:] = ['pyproject.toml']; sys.exit(c())",
        ],
        # facilitator/ and ui/, as [tool.mypy] in pyproject.toml says (a few seconds; less
        # once .mypy_cache is warm).
        "mypy (types)": ["-m", "mypy"],
    }
    for name, step in checks.items():
        if run(python, *step, env=env) != 0:
            print(f"dev.py test: {name} failed", file=sys.stderr)
            return 1
    return run(python, "-m", "pytest", *args, env=env)


def test_headless(args: list[str]) -> int:
    """Prove the domain needs no Qt: its tests in a venv where PySide6 is not installed."""
    packages = [p for p in requirements("test") if name_of(p) not in QT_PACKAGES]
    python = ensure_venv(ROOT / ".venv-headless", packages)
    if run(python, "-c", "import importlib.util, sys; sys.exit(importlib.util.find_spec('PySide6') is not None)") != 0:
        print("dev.py test-headless: PySide6 is installed in .venv-headless", file=sys.stderr)
        return 1
    if run(python, "-m", "mypy", "facilitator") != 0:  # the domain's types, without Qt's
        print("dev.py test-headless: mypy (types) failed", file=sys.stderr)
        return 1
    return run(python, "-m", "pytest", "-p", "no:cacheprovider", "tests/facilitator", *args)


def main() -> int:
    commands = {"start": start, "test": test, "test-headless": test_headless}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
