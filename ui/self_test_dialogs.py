"""The dialogs ``main.py --self-test`` answers itself (ui/self_test.py): yes to every question,
THEME for every theme asked for, and every error recorded; it never chooses among options or
files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui.dialogs import Dialogs

#: The theme the self-test's note is grouped into (what the dialogs answer).
THEME = "Self-test theme"


class ScriptedDialogs(Dialogs):
    """The dialogs the self-test answers itself: yes, a new theme, and errors recorded;
    it never chooses among options or files (as if each question were closed)."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.errors.append(text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        pass

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        return True

    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str],
               default: int = 0) -> int | None:
        return None

    def ask_text(self, parent: QWidget | None, title: str, label: str,
                 text: str = "") -> str | None:
        return THEME

    def pick_theme(self, parent: QWidget | None, title: str, prompt: str, entries: list, *,
                   text: str = "", allow_none: bool = False, allow_new: bool = True,
                   rename=None):
        from ui.sense.picker import PickerChoice

        return PickerChoice(None, THEME)

    def open_file(self, parent: QWidget | None, title: str, filters: str,
                  folder: str = "") -> Path | None:
        return None

    def open_files(self, parent: QWidget | None, title: str, filters: str,
                   folder: str = "") -> list[Path]:
        return []

    def save_file(self, parent: QWidget | None, title: str, filters: str,
                  suggested: str = "") -> Path | None:
        return None
