"""Undoable changes made by the transfer features: importing a table of notes."""

from __future__ import annotations

from facilitator.store import Store
from facilitator.transfer.notes_import import NotesPlan, apply_notes_import, record_ledger
from ui.commands.base import StoreCommand


class ImportNotesCommand(StoreCommand):
    """Add the valid notes of a table (and the themes it names that did not exist)."""

    def __init__(self, store: Store, plan: NotesPlan) -> None:
        count = len(plan.notes)
        super().__init__(
            f"Import {count} note{'s' * (count != 1)} from {plan.source.name}"
        )
        self.store = store
        self.plan = plan
        self._added = False
        self.touches("notes", [n.id for n in plan.notes])
        self.touches("themes", [t.id for t in plan.new_themes])

    def apply(self) -> None:
        if not self._added:
            apply_notes_import(self.store, self.plan)
            self._added = True
            return
        with self.store.transaction():
            for theme in self.plan.new_themes:
                self.store.set_theme_deleted(theme.id, False)
            self.store.set_notes_deleted([n.id for n in self.plan.notes], False)
            record_ledger(self.store, self.plan)

    def revert(self) -> None:
        """Take the notes away and forget their rows in the import ledger, so the same
        table can be imported again (the remembered columns stay)."""
        with self.store.transaction():
            self.store.set_notes_deleted([n.id for n in self.plan.notes], True)
            for theme in self.plan.new_themes:
                self.store.set_theme_deleted(theme.id, True)
            self.store.forget_imports([n.id for n in self.plan.notes])
