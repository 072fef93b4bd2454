"""Theme commands the cross-workshop board adds to the run screen's (``ui.commands.themes``)."""

from __future__ import annotations

from facilitator.store import Store
from ui.commands.base import StoreCommand


class MergeThemesCommand(StoreCommand):
    """Move every note of one theme into another and retire the emptied theme."""

    def __init__(self, store: Store, source_id: str, target_id: str) -> None:
        source = store.get_theme(source_id)
        target = store.get_theme(target_id)
        super().__init__(f"Merge theme “{source.label}” into “{target.label}”")
        self.store = store
        self.source_id = source_id
        self.target_id = target_id
        self.note_ids = [
            n.id for n in store.notes(step_key=source.step_key) if n.theme_id == source_id
        ]
        self.touches("themes", [source_id])
        self.touches("notes", self.note_ids)

    def apply(self) -> None:
        with self.store.transaction():
            if self.note_ids:
                self.store.set_notes_theme(self.note_ids, self.target_id)
            self.store.set_theme_deleted(self.source_id, True)

    def revert(self) -> None:
        with self.store.transaction():
            self.store.set_theme_deleted(self.source_id, False)
            if self.note_ids:
                self.store.set_notes_theme(self.note_ids, self.source_id)
