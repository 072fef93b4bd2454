"""Qt fixtures: a context over an in-memory library, with scripted dialogs instead of people."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from facilitator.library import open_library
from ui.context import AppContext
from ui.settings import Settings


class FakeDialogs:
    """Answers dialogs from scripted queues and records what was shown."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.confirm_answers: list[bool] = []
        self.text_answers: list[str | None] = []
        self.file_answers: list = []
        #: Answers to ``choose``: an option's index, or None for "closed without choosing".
        self.choose_answers: list[int | None] = []
        self.questions: list[tuple[str, list[str]]] = []

    def error(self, parent, title, text):
        self.errors.append(text)

    def info(self, parent, title, text):
        self.infos.append(text)

    def confirm(self, parent, title, text):
        return self.confirm_answers.pop(0) if self.confirm_answers else False

    def choose(self, parent, title, text, options, default=0):
        self.questions.append((text, list(options)))
        return self.choose_answers.pop(0) if self.choose_answers else default

    def ask_text(self, parent, title, label, text=""):
        return self.text_answers.pop(0) if self.text_answers else None

    def pick_theme(self, parent, title, prompt, entries, *, text="", allow_none=False,
                   allow_new=True, rename=None):
        """Answered like ask_text: an existing label picks that theme, another makes one.
        (The picker itself is driven by keyboard in tests/ui/sense/.)"""
        from ui.sense.picker import PickerChoice

        answer = self.ask_text(parent, title, prompt, text)
        if answer is None or not answer.strip():
            return None
        label = " ".join(answer.split())
        match = next((e for e in entries if e.label.casefold() == label.casefold()), None)
        if match is None and not allow_new:
            return None
        return PickerChoice(match.id) if match else PickerChoice(None, label)

    def open_file(self, parent, title, filters, folder=""):
        return self.file_answers.pop(0) if self.file_answers else None

    def open_files(self, parent, title, filters, folder=""):
        return self.file_answers.pop(0) if self.file_answers else []

    def save_file(self, parent, title, filters, suggested=""):
        return self.file_answers.pop(0) if self.file_answers else None


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def context(qapp, builtin_formats, settings, dialogs):
    library = open_library(None, builtin_formats)
    ctx = AppContext(library=library, settings=settings, dialogs=dialogs)
    yield ctx
    library.close()


@pytest.fixture
def disk_context(qapp, builtin_formats, settings, dialogs, library_path: Path):
    library = open_library(library_path, builtin_formats)
    ctx = AppContext(library=library, settings=settings, dialogs=dialogs)
    yield ctx
    library.close()


@pytest.fixture
def main_window(qtbot, context):
    """The library window over ``context``, shown and active."""
    from tests.ui.windows import show_main_window

    return show_main_window(qtbot, context)


@pytest.fixture(autouse=True)
def _collect_qt_garbage_in_teardown(qapp):
    """After each window test, let Qt delete what was closed (deleteLater) and collect the
    Python side's cycles right there. Left to run whenever a later test happens to allocate,
    the cycle collector freed a closed window's wrappers in the middle of an unrelated test
    and crashed the process now and then (seen twice in ~30 full runs, always "Garbage-
    collecting" inside another test)."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qapp.processEvents()
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
