"""The seam for every modal question the app asks, so tests can answer instead of a person.

Widgets call ``context.dialogs.<method>``; tests replace it with a stub whose
answers are scripted (see ``tests/ui/conftest.py``).

The dialog classes are imported when a question is asked: making their Python types costs
PySide a few milliseconds that the first frame does not need.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from facilitator.names import shorten_long_parts


class Dialogs:
    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(parent, title, shorten_long_parts(text))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        )
        return answer == QMessageBox.StandardButton.Yes

    def choose(
        self, parent: QWidget | None, title: str, text: str, options: list[str],
        default: int = 0,
    ) -> int | None:
        """Ask which of ``options`` (button texts, the default first in importance); the index
        chosen, or None when the person closes the question without choosing."""
        from PySide6.QtWidgets import QMessageBox, QPushButton

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        buttons: list[QPushButton] = []
        for option in options:
            buttons.append(box.addButton(option, QMessageBox.ButtonRole.AcceptRole))
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(buttons[default])
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else None

    def ask_text(
        self, parent: QWidget | None, title: str, label: str, text: str = ""
    ) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value if ok else None

    def pick_theme(
        self, parent: QWidget | None, title: str, prompt: str, entries: list, *,
        text: str = "", allow_none: bool = False, allow_new: bool = True, rename=None,
    ):
        """The theme picker (ui.sense.picker): a ``PickerChoice``, or None if cancelled."""
        from ui.sense.picker import ThemePicker

        picker = ThemePicker(entries, title=title, prompt=prompt, text=text,
                             allow_none=allow_none, allow_new=allow_new, rename=rename,
                             parent=parent)
        return picker.choice if picker.exec() else None

    def open_file(self, parent: QWidget | None, title: str, filters: str, folder: str = "") -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
        return Path(name) if name else None

    def open_files(
        self, parent: QWidget | None, title: str, filters: str, folder: str = ""
    ) -> list[Path]:
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(parent, title, folder, filters)
        return [Path(n) for n in names]

    def save_file(
        self, parent: QWidget | None, title: str, filters: str, suggested: str = ""
    ) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None
