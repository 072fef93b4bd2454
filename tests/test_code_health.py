"""Code health: no module of the app, and no test module, grows past 400 lines (a file that
long has more than one job, and the next change to it collides with someone else's: split it
along a real seam). No function of the app (``facilitator/``, ``ui/``, ``main.py``) grows past
60 lines either. There is no allow-list.
And the AT-SPI walker listens in one place."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 400

#: What is held to the limit: the app's packages and its tests.
PACKAGES = ("facilitator", "ui", "tests")


def line_counts() -> dict[str, int]:
    return {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def test_no_module_is_over_400_lines():
    too_long = {path: n for path, n in line_counts().items() if n > LIMIT}
    assert too_long == {}, f"split these along a real seam (at most {LIMIT} lines): {too_long}"


def test_the_atspi_walker_listens_in_one_place():
    """Each AT-SPI check hears events through ``walk.listening`` (and announcements through
    ``walk.hearing``), not a listener of its own to register and forget to deregister."""
    source = (ROOT / "tests" / "ui" / "atspi" / "walk.py").read_text(encoding="utf-8")
    assert source.count("Atspi.EventListener.new(") == 1


#: The longest a function of ui/, facilitator/ or main.py may be, from its ``def`` to its
#: last line. A window's ``__init__`` longer than this builds several things, and each should
#: have a name that says what it builds (``_build_toolbar``, ``_lay_out``,
#: ``_connect_signals``), or, when it is a table of actions, be the table as data and one
#: loop; a domain function longer than this does several things, each worth its own
#: well-named function (a long literal can be a module constant).
FUNCTION_LIMIT = 60


def functions_over(limit: int, paths: list[Path], root: Path = ROOT) -> dict[str, int]:
    """Every function and method in ``paths`` longer than ``limit`` lines, as
    'path:line name' -> its length."""
    found = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > limit:
                    found[f"{path.relative_to(root).as_posix()}:{node.lineno} {node.name}"] = length
    return found


def ui_functions_over(limit: int, root: Path = ROOT) -> dict[str, int]:
    """Every function and method in ``root``/ui longer than ``limit`` lines."""
    return functions_over(limit, sorted((root / "ui").rglob("*.py")), root)


def domain_functions_over(limit: int, root: Path = ROOT) -> dict[str, int]:
    """Every function and method in ``root``/facilitator and ``root``/main.py longer than
    ``limit`` lines."""
    return functions_over(limit, [*sorted((root / "facilitator").rglob("*.py")),
                                  root / "main.py"], root)


@pytest.mark.parametrize("over", [ui_functions_over, domain_functions_over],
                         ids=["ui", "facilitator and main.py"])
def test_functions_under_60_lines(over):
    too_long = over(FUNCTION_LIMIT)
    assert too_long == {}, (
        f"split these into pieces named for what they do (at most {FUNCTION_LIMIT} "
        f"lines): {too_long}")


def test_the_ui_function_check_sees_a_long_function(tmp_path):
    (tmp_path / "ui").mkdir()
    body = "".join(f"    x{n} = {n}\n" for n in range(FUNCTION_LIMIT))
    (tmp_path / "ui" / "window.py").write_text(
        f"class W:\n    def short(self):\n        pass\n\n    def __init__(self):\n"
        f"{body.replace('    x', '        x')}", encoding="utf-8")
    assert ui_functions_over(FUNCTION_LIMIT, tmp_path) == {"ui/window.py:5 __init__": 61}


def test_the_domain_function_check_sees_a_long_function(tmp_path):
    (tmp_path / "facilitator" / "store").mkdir(parents=True)
    body = "".join(f"    x{n} = {n}\n" for n in range(FUNCTION_LIMIT))
    (tmp_path / "facilitator" / "store" / "rows.py").write_text(
        f"def short():\n    pass\n\n\ndef long():\n{body}", encoding="utf-8")
    (tmp_path / "main.py").write_text(f"def main():\n{body}", encoding="utf-8")
    assert domain_functions_over(FUNCTION_LIMIT, tmp_path) == {
        "facilitator/store/rows.py:5 long": 61, "main.py:1 main": 61}
