"""The undoable change of accepting a suggested theme: one command, and its undo leaves the
library exactly as it was (the new theme's row removed, each note's row as before)."""

from __future__ import annotations

from facilitator.models import Theme
from facilitator.store import Store
from ui.commands.base import StoreCommand
from ui.commands.notes import preview


class AcceptSuggestionCommand(StoreCommand):
    """Put notes under a new theme named ``label`` (``theme_id`` None) or an existing one."""

    def __init__(self, store: Store, programme_id: str, step_key: str, note_ids: list[str],
                 label: str, theme_id: str | None = None) -> None:
        count = "1 note" if len(note_ids) == 1 else f"{len(note_ids)} notes"
        super().__init__(f"Accept suggested theme “{preview(label, 40)}” ({count})")
        self.store = store
        self.ids = list(note_ids)
        self.before = store.get_notes(self.ids)
        self.new_theme: Theme | None = None
        if theme_id is None:
            self.new_theme = Theme(programme_id, step_key, label)
            theme_id = self.new_theme.id
        self.theme_id = theme_id
        self.touches("notes", self.ids)
        self.touches("themes", [self.theme_id])

    def apply(self) -> None:
        with self.store.transaction():
            if self.new_theme is not None:
                self.store.add_theme(self.new_theme)
            self.store.set_notes_theme(self.ids, self.theme_id)

    def revert(self) -> None:
        with self.store.transaction():
            self.store.restore_notes_exactly(self.before)
            if self.new_theme is not None:
                self.store.purge_theme(self.new_theme.id)
