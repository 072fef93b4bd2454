"""The theme picker (Ctrl+G): type to filter the programme's themes for the step, best
matches first, with their note counts; Enter chooses, and the last row offers a new theme
named as typed. F2 renames the highlighted theme in place. Keyboard only, and small enough
for a 1366×768 screen at 150 % text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.sense.themes_match import ThemeEntry, exact, rank

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NEW = "\x00new"  # the id of the "New theme: …" row
NONE = "\x00none"  # the id of the "Not in a theme" row


@dataclass
class PickerChoice:
    """What was chosen: an existing theme (``theme_id``), a new one (``new_label``), or
    ``theme_id=None`` and no label for "take out of its theme"."""

    theme_id: str | None
    new_label: str = ""


def _count(n: int) -> str:
    return "1 note" if n == 1 else f"{n} notes"


class ThemePicker(QDialog):
    """``rename(theme_id, label) -> bool`` is called for F2; it does the (undoable) rename."""

    def __init__(
        self, entries: list[ThemeEntry], *, title: str = "Choose a theme", prompt: str = "",
        text: str = "", allow_new: bool = True, allow_none: bool = False,
        rename: Callable[[str, str], bool] | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("themePicker")
        self.setWindowTitle(title)
        self.entries = list(entries)
        self.allow_new = allow_new
        self.allow_none = allow_none
        self.rename_hook = rename
        self.choice: PickerChoice | None = None
        self._renaming: ThemeEntry | None = None

        self.prompt = QLabel(prompt or "Type to find a theme, or a new theme's name:")
        self.prompt.setWordWrap(True)
        self.filter = QLineEdit(text)
        self.filter.setObjectName("themeFilter")
        self.filter.setAccessibleName("Theme")
        self.filter.setPlaceholderText("Type part of a theme or of its notes")
        self.filter.setClearButtonEnabled(True)
        self.prompt.setBuddy(self.filter)
        self.list = QListWidget()
        self.list.setObjectName("themeList")
        self.list.setAccessibleName("Themes")
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the filter box
        self.hint = QLabel("↑↓ choose · Enter puts the notes there · F2 renames · Esc cancels")
        self.hint.setObjectName("pickerHint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)

        self.filter.textChanged.connect(self._refilter)
        self.filter.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self._choose())
        self._fit_screen()
        self._refilter()
        self.filter.selectAll()

    # ---------------------------------------------------------------- layout
    def _fit_screen(self) -> None:
        parent = self.parentWidget()
        screen = (parent.screen() if parent else None) or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen else None
        width = 56 * self.fontMetrics().averageCharWidth() + 40
        height = 16 * self.fontMetrics().height() + 80
        if avail is not None:
            width = min(width, avail.width() - 60)
            height = min(height, avail.height() - 80)
        self.setMaximumSize(max(width, 200), max(height, 200))
        self.resize(width, height)

    # -------------------------------------------------------------- contents
    def shown_rows(self) -> list[tuple[str, str]]:
        """(id, text) of each row as shown; ids NEW and NONE mark the special rows."""
        return [(self.list.item(r).data(ID_ROLE), self.list.item(r).text())
                for r in range(self.list.count())]

    def _refilter(self) -> None:
        if self._renaming is not None:
            return
        query = self.filter.text()
        self.list.clear()
        for entry in rank(query, self.entries):
            item = QListWidgetItem(f"{entry.label}   ·   {_count(entry.count)}")
            item.setData(ID_ROLE, entry.id)
            item.setToolTip(entry.label)
            self.list.addItem(item)
        typed = " ".join(query.split())
        if self.allow_new and typed and exact(typed, self.entries) is None:
            item = QListWidgetItem(f"New theme: ‘{typed}’")
            item.setData(ID_ROLE, NEW)
            self.list.addItem(item)
        if self.allow_none and not typed:
            item = QListWidgetItem("Not in a theme (take the notes out of their theme)")
            item.setData(ID_ROLE, NONE)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def current_entry(self) -> ThemeEntry | None:
        item = self.list.currentItem()
        key = item.data(ID_ROLE) if item else None
        return next((e for e in self.entries if e.id == key), None)

    # ------------------------------------------------------------------ keys
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.filter and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                if self._renaming is None:
                    self._step(key)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._renaming is not None:
                    self._finish_rename()
                else:
                    self._choose()
                return True
            if key == Qt.Key.Key_F2:
                self._start_rename()
                return True
            if key == Qt.Key.Key_Escape and self._renaming is not None:
                self._cancel_rename()
                return True
        return super().eventFilter(obj, event)

    def _step(self, key: int) -> None:
        count = self.list.count()
        if not count:
            return
        row = self.list.currentRow()
        page = 8
        delta = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1,
                 Qt.Key.Key_PageUp: -page, Qt.Key.Key_PageDown: page}[Qt.Key(key)]
        self.list.setCurrentRow(max(0, min(count - 1, row + delta)))

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        key = item.data(ID_ROLE)
        if key == NEW:
            self.choice = PickerChoice(None, " ".join(self.filter.text().split()))
        elif key == NONE:
            self.choice = PickerChoice(None, "")
        else:
            self.choice = PickerChoice(key)
        self.accept()

    # ---------------------------------------------------------------- rename
    def _start_rename(self) -> None:
        entry = self.current_entry()
        if entry is None or self.rename_hook is None:
            return
        self._renaming = entry
        self._query = self.filter.text()
        self.prompt.setText(f"Rename the theme ‘{entry.label}’ (Enter saves, Esc goes back):")
        self.filter.setText(entry.label)
        self.filter.selectAll()

    def _finish_rename(self) -> None:
        entry, label = self._renaming, " ".join(self.filter.text().split())
        if (entry is not None and label and label != entry.label
                and self.rename_hook is not None and self.rename_hook(entry.id, label)):
            entry.label = label
        self._end_rename(entry)

    def _cancel_rename(self) -> None:
        self._end_rename(self._renaming)

    def _end_rename(self, entry: ThemeEntry | None) -> None:
        self._renaming = None
        self.prompt.setText("Type to find a theme, or a new theme's name:")
        self.filter.setText(self._query)
        self._refilter()
        for row in range(self.list.count()):
            if entry is not None and self.list.item(row).data(ID_ROLE) == entry.id:
                self.list.setCurrentRow(row)


