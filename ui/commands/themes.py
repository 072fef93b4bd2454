"""Commands over themes: groups of notes that say the same thing.

General on purpose: the run screen groups one workshop's notes, and a themes
board across a programme's workshops can use the same commands.
"""

from __future__ import annotations

from facilitator.models import Theme
from facilitator.store import Store
from ui.commands.base import StoreCommand
from ui.commands.notes import preview


def _count(n: int) -> str:
    return "1 note" if n == 1 else f"{n} notes"


def _restore_themes(store: Store, before: dict[str, str | None]) -> None:
    """Put each note back under the theme it had (one transaction)."""
    groups: dict[str | None, list[str]] = {}
    for note_id, theme_id in before.items():
        groups.setdefault(theme_id, []).append(note_id)
    with store.transaction():
        for theme_id, ids in groups.items():
            store.set_notes_theme(ids, theme_id)


class CreateThemeCommand(StoreCommand):
    """Create a theme, and optionally put notes under it, as one undoable change."""

    def __init__(self, store: Store, theme: Theme, note_ids: list[str] | None = None) -> None:
        ids = list(note_ids or [])
        if ids:
            text = f"Group {_count(len(ids))} under new theme “{preview(theme.label, 40)}”"
        else:
            text = f"Create theme “{preview(theme.label, 40)}”"
        super().__init__(text)
        self.store = store
        self.theme = theme
        self.ids = ids
        self._before = {n.id: n.theme_id for n in store.get_notes(ids)}
        self._added = False
        self.touches("themes", [theme.id])
        self.touches("notes", ids)

    def apply(self) -> None:
        with self.store.transaction():
            if not self._added:
                self.store.add_theme(self.theme)
                self._added = True
            else:
                self.store.set_theme_deleted(self.theme.id, False)
            if self.ids:
                self.store.set_notes_theme(self.ids, self.theme.id)

    def revert(self) -> None:
        with self.store.transaction():
            if self.ids:
                _restore_themes(self.store, self._before)
            self.store.set_theme_deleted(self.theme.id, True)


class RenameThemeCommand(StoreCommand):
    def __init__(self, store: Store, theme_id: str, label: str) -> None:
        self.store = store
        self.theme_id = theme_id
        self.before = store.get_theme(theme_id).label
        self.after = label
        self.touches("themes", [theme_id])
        super().__init__(f"Rename theme “{preview(self.before)}” to “{preview(label)}”")

    def _write(self, label: str) -> None:
        theme = self.store.get_theme(self.theme_id)
        theme.label = label
        self.store.update_theme(theme)

    def apply(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)


class SetNotesThemeCommand(StoreCommand):
    """Put notes under an existing theme, or take them out of their theme (``theme_id=None``)."""

    def __init__(
        self, store: Store, note_ids: list[str], theme_id: str | None, theme_label: str = ""
    ) -> None:
        if theme_id is None:
            text = f"Take {_count(len(note_ids))} out of their theme"
        else:
            label = theme_label or store.get_theme(theme_id).label
            text = f"Group {_count(len(note_ids))} under “{preview(label, 40)}”"
        super().__init__(text)
        self.store = store
        self.ids = list(note_ids)
        self.theme_id = theme_id
        self._before = {n.id: n.theme_id for n in store.get_notes(self.ids)}
        self.touches("notes", self.ids)

    def apply(self) -> None:
        self.store.set_notes_theme(self.ids, self.theme_id)

    def revert(self) -> None:
        _restore_themes(self.store, self._before)
