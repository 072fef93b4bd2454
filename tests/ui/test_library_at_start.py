"""Starting with the library chosen in Settings: a USB stick that is not plugged in must not
turn into a new, empty library (the facilitator would think the notes were gone)."""

from __future__ import annotations

from pathlib import Path

import pytest

import facilitator.library
import main
from facilitator.cli import parse_args
from facilitator.library import open_library


@pytest.fixture
def usual_place(monkeypatch, awkward_dir) -> Path:
    path = awkward_dir / "usual place" / "library.wfdb"
    monkeypatch.setattr(facilitator.library, "default_library_path", lambda: path)
    return path


def test_a_chosen_library_that_is_there_opens_without_asking(
    qapp, settings, dialogs, usual_place, awkward_dir, builtin_formats
):
    chosen = awkward_dir / "Clé USB" / "library.wfdb"
    chosen.parent.mkdir()
    open_library(chosen, builtin_formats).close()
    settings.library_path = chosen
    assert main.library_to_open(parse_args([]), settings, dialogs) == chosen
    assert dialogs.confirm_answers == []


def test_a_missing_usb_library_asks_and_creates_nothing(
    qapp, settings, dialogs, usual_place, awkward_dir
):
    chosen = awkward_dir / "Clé USB" / "library.wfdb"
    settings.library_path = chosen
    dialogs.confirm_answers = [False]
    assert main.library_to_open(parse_args([]), settings, dialogs) is None
    assert not chosen.parent.exists()
    assert settings.library_path == chosen  # still chosen for when the stick is back


def test_a_missing_library_can_fall_back_to_the_usual_place_for_now(
    qapp, settings, dialogs, usual_place, awkward_dir
):
    chosen = awkward_dir / "Clé USB" / "library.wfdb"
    chosen.parent.mkdir()  # the folder is there, the file is not (another stick in E:)
    settings.library_path = chosen
    dialogs.confirm_answers = [True]
    assert main.library_to_open(parse_args([]), settings, dialogs) == usual_place
    assert not chosen.exists()
    assert settings.library_path == chosen


def test_library_on_the_command_line_wins(qapp, settings, dialogs, usual_place, awkward_dir):
    settings.library_path = awkward_dir / "gone" / "library.wfdb"
    given = awkward_dir / "given é.wfdb"
    assert main.library_to_open(parse_args(["--library", str(given)]), settings, dialogs) == given


def test_a_chosen_library_that_cannot_be_opened_leaves_the_usual_one(
    qapp, settings, dialogs, usual_place, awkward_dir
):
    chosen = awkward_dir / "Team share" / "library.wfdb"
    chosen.parent.mkdir()
    chosen.write_bytes(b"not a library at all, but someone's file" * 50)
    settings.library_path = chosen
    dialogs.confirm_answers = [True]
    library = main.open_chosen_library(parse_args([]), settings, dialogs)
    try:
        assert library is not None and library.store.path == usual_place
    finally:
        library.close()
    assert chosen.read_bytes().startswith(b"not a library")  # untouched
    assert settings.library_path == chosen


def test_declining_stops_and_a_bad_library_on_the_command_line_is_an_error(
    qapp, settings, dialogs, usual_place, awkward_dir
):
    bad = awkward_dir / "bad é.wfdb"
    bad.write_bytes(b"x" * 4096)
    settings.library_path = bad
    dialogs.confirm_answers = [False]
    assert main.open_chosen_library(parse_args([]), settings, dialogs) is None
    assert not usual_place.exists()
    assert main.open_chosen_library(parse_args(["--library", str(bad)]), settings, dialogs) is None
    assert "bad é.wfdb" in dialogs.errors[-1]
