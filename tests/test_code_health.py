"""Code health: no module of the app grows past 400 lines (a file that long has more than one
job, and the next change to it collides with someone else's: split it along a real seam).

The allow-list is short and only shrinks: each entry says why it is there, and an entry for a
file that no longer exists, or is back under the limit, fails too (so it is taken out).
And the AT-SPI walker listens in one place."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 400

ALLOWED = {
}


def line_counts() -> dict[str, int]:
    return {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for package in ("facilitator", "ui")
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def test_no_module_is_over_400_lines():
    too_long = {path: n for path, n in line_counts().items()
                if n > LIMIT and path not in ALLOWED}
    assert too_long == {}, f"split these along a real seam (at most {LIMIT} lines): {too_long}"


def test_the_allow_list_only_names_files_still_over_the_limit():
    counts = line_counts()
    stale = [path for path in ALLOWED if counts.get(path, 0) <= LIMIT]
    assert stale == [], f"take these out of ALLOWED in {Path(__file__).name}: {stale}"


def test_the_atspi_walker_listens_in_one_place():
    """Each AT-SPI check hears events through ``walk.listening`` (and announcements through
    ``walk.hearing``), not a listener of its own to register and forget to deregister."""
    source = (ROOT / "tests" / "ui" / "atspi" / "walk.py").read_text(encoding="utf-8")
    assert source.count("Atspi.EventListener.new(") == 1
