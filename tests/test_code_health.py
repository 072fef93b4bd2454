"""Code health: no module of the app, and no test module, grows past 400 lines (a file that
long has more than one job, and the next change to it collides with someone else's: split it
along a real seam). There is no allow-list.
And the AT-SPI walker listens in one place."""

from __future__ import annotations

from pathlib import Path

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
