"""``main.py demo`` and ``main.py list``, run as a user would, in a child process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
    )


def test_demo_then_list(library_path):
    made = run_main("demo", "--library", str(library_path))
    assert made.returncode == 0, made.stderr
    assert "8 workshops" in made.stdout
    listed = run_main("--library", str(library_path), "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "Communities Strategy Delivery Planning Workshops 2015"
    codes = [line.split()[0] for line in lines[1:] if line.startswith("  W")]
    assert codes == ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"]
    w3 = next(line for line in lines if line.strip().startswith("W3"))
    assert "postponed" in w3 and "0 notes" in w3
    assert any("snow" in line for line in lines)


def test_demo_twice_adds_nothing_more(library_path):
    assert run_main("demo", "--library", str(library_path)).returncode == 0
    first = run_main("list", "--library", str(library_path)).stdout
    assert run_main("demo", "--library", str(library_path)).returncode == 0
    assert run_main("list", "--library", str(library_path)).stdout == first


def test_list_refuses_a_foreign_file_with_a_clear_message(library_path):
    library_path.write_text("not a library", encoding="utf-8")
    result = run_main("list", "--library", str(library_path))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert str(library_path) in result.stderr
    assert "Traceback" not in result.stderr


def test_help_documents_the_options():
    result = run_main("--help")
    assert result.returncode == 0
    for word in ("--library", "--self-test", "demo", "list"):
        assert word in result.stdout



def test_list_does_not_create_a_library(awkward_dir):
    missing = awkward_dir / "not there.wfdb"
    result = run_main("list", "--library", str(missing))
    assert result.returncode == 2
    assert f"There is no library at {missing}" in result.stderr
    assert not missing.exists()
