"""Issue 12, rules 1 and 5 through the window's start-up path (what the windowed build runs):
a read-only, locked or tampered-with library never crashes the start, is never called
damaged, is offered read-only (a banner; write actions off with the reason) or repaired, or
the usual library is offered; the file is left as it was."""

from __future__ import annotations

import sqlite3

import pytest

import facilitator.library
import main
from facilitator.cli import parse_args
from tests.hostile import (
    demo_library_file,
    exclusively_locked,
    file_state,
    simulated_read_only,
)
from tests.ui.conftest import FakeDialogs
from ui.busy import READ_ONLY_SAFE
from ui.context import AppContext
from ui.main_window import MainWindow


class RecordingDialogs(FakeDialogs):
    def __init__(self) -> None:
        super().__init__()
        self.questions: list[str] = []

    def confirm(self, parent, title, text):
        self.questions.append(f"{title}: {text}")
        return super().confirm(parent, title, text)


@pytest.fixture
def dialogs():
    return RecordingDialogs()


@pytest.fixture
def usual_place(monkeypatch, awkward_dir):
    path = awkward_dir / "usual place" / "library.wfdb"
    monkeypatch.setattr(facilitator.library, "default_library_path", lambda: path)
    return path


@pytest.fixture
def chosen(awkward_dir, builtin_formats, settings):
    """The library chosen in Settings, with the demo, as "Move the library to…" leaves it."""
    path = awkward_dir / "Team share #2" / "library.wfdb"
    path.parent.mkdir()
    demo_library_file(path, builtin_formats, moved=True)
    settings.library_path = path
    return path


def test_a_read_only_chosen_library_opens_read_only_with_a_banner(
    qtbot, monkeypatch, settings, dialogs, chosen, usual_place
):
    before = file_state(chosen)
    dialogs.confirm_answers = [True]
    with simulated_read_only(monkeypatch, chosen):
        library = main.open_chosen_library(parse_args([]), settings, dialogs)
        assert library is not None and library.store.read_only
        assert "Open the library read-only?" in dialogs.questions[0]
        assert str(chosen) in dialogs.questions[0]
        assert "cannot be written to" in dialogs.questions[0]
        assert "damaged" not in dialogs.questions[0]
        window = MainWindow(AppContext(library=library, settings=settings, dialogs=dialogs))
        qtbot.addWidget(window)
        window.show()
        assert window.read_only_banner is not None and window.read_only_banner.isVisible()
        actions = {a.objectName(): a for a in window.findChildren(type(window.menus["file"].actions()[0]))}
        new_programme = actions["New programme"]
        assert not new_programme.isEnabled()
        assert "Read-only" in new_programme.toolTip()
        assert not actions["Import workshop files"].isEnabled()
        assert actions["Export summary"].isEnabled()
        assert actions["Settings"].isEnabled()
        # Searching and exporting only read: they stay on (and each safe name is a real
        # action's, so renaming one cannot quietly switch it off again).
        assert actions["Search notes"].isEnabled()
        assert actions["Export notes (Excel)"].isEnabled()
        assert set(actions) >= READ_ONLY_SAFE
        assert all(actions[name].isEnabled() for name in READ_ONLY_SAFE)
        assert not window.empty_state.demo_button.isEnabled()
        window.close()
        library.close()
    assert not usual_place.exists()
    assert file_state(chosen) == before


def test_declining_read_only_offers_the_usual_library(
    monkeypatch, settings, dialogs, chosen, usual_place
):
    before = file_state(chosen)
    dialogs.confirm_answers = [False, True]
    with simulated_read_only(monkeypatch, chosen):
        library = main.open_chosen_library(parse_args([]), settings, dialogs)
    try:
        assert library.store.path == usual_place and not library.store.read_only
    finally:
        library.close()
    assert "Choose Yes to use the library in the usual place" in dialogs.questions[1]
    assert "cannot be written to" in dialogs.questions[1]
    assert file_state(chosen) == before


def test_a_read_only_library_on_the_command_line_is_an_error_naming_the_cause(
    monkeypatch, settings, dialogs, chosen
):
    dialogs.confirm_answers = [False]
    with simulated_read_only(monkeypatch, chosen):
        assert main.open_chosen_library(
            parse_args(["--library", str(chosen)]), settings, dialogs) is None
    assert str(chosen) in dialogs.errors[-1] and "cannot be written to" in dialogs.errors[-1]
    assert "damaged" not in dialogs.errors[-1]


def test_a_locked_library_says_locked_and_offers_the_usual_one(
    monkeypatch, settings, dialogs, chosen, usual_place
):
    before = file_state(chosen)
    dialogs.confirm_answers = [True, True]  # read-only: yes (still locked); usual: yes
    with exclusively_locked(chosen, monkeypatch):
        library = main.open_chosen_library(parse_args([]), settings, dialogs)
    try:
        assert library.store.path == usual_place
    finally:
        library.close()
    assert "locked by another program" in dialogs.questions[0]
    assert "locked by another program" in dialogs.questions[1]
    assert all("damaged" not in q for q in dialogs.questions)
    assert file_state(chosen) == before


def test_a_library_with_a_trigger_is_repaired_on_request(settings, dialogs, chosen):
    conn = sqlite3.connect(str(chosen))
    with conn:
        conn.execute("CREATE TRIGGER wipe AFTER INSERT ON notes "
                     "BEGIN DELETE FROM notes WHERE id <> NEW.id; END")
    conn.close()
    before = file_state(chosen)
    dialogs.confirm_answers = [True]
    library = main.open_chosen_library(parse_args([]), settings, dialogs)
    try:
        assert "Repair the library?" in dialogs.questions[0]
        assert "trigger “wipe”" in dialogs.questions[0]
        assert library.store.path.name == "library (repaired).wfdb"
        assert len(library.store.workshops()) == 7
        assert "The repaired library is" in dialogs.infos[-1]
    finally:
        library.close()
    assert file_state(chosen) == before


def test_a_library_with_a_trigger_can_be_opened_read_only(settings, dialogs, chosen):
    conn = sqlite3.connect(str(chosen))
    with conn:
        conn.execute("CREATE VIEW v AS SELECT 1")
    conn.close()
    before = file_state(chosen)
    dialogs.confirm_answers = [False, True]  # no repair; read-only
    library = main.open_chosen_library(parse_args([]), settings, dialogs)
    try:
        assert library.store.read_only
        assert "view “v”" in library.store.read_only_reason
    finally:
        library.close()
    assert file_state(chosen) == before


def test_a_surprise_while_opening_is_shown_not_a_silent_exit(monkeypatch, settings, dialogs):
    """The windowed build has no console: whatever goes wrong opening the library is said."""
    def broken(*_args):
        raise OSError("the network went away")

    monkeypatch.setattr(main, "open_chosen_library", broken)
    monkeypatch.setattr(main, "library_to_open", lambda *_a: "somewhere.wfdb")
    monkeypatch.setattr(main, "hand_over_to_running_copy", lambda *_a: False)
    monkeypatch.setattr("facilitator.logs.setup_logging", lambda *a, **k: None)
    monkeypatch.setattr("ui.dialogs.Dialogs", lambda: dialogs)
    monkeypatch.setattr("ui.settings.Settings", lambda: settings)
    assert main.start_window(parse_args([])) == 2
    assert "the network went away" in dialogs.errors[-1]
