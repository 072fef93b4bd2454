"""Commands over sticky notes. The run screen adds edit, delete, move and tag beside these."""

from __future__ import annotations

from facilitator.models import Note
from facilitator.store import Store
from ui.commands.base import StoreCommand


def preview(text: str, limit: int = 30) -> str:
    """A note's first words for the Undo menu."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class AddNotesCommand(StoreCommand):
    """Add one note (typed) or many (a paste of many lines) as one undoable step."""

    def __init__(self, store: Store, notes: list[Note]) -> None:
        if len(notes) == 1:
            text = f"Add note “{preview(notes[0].text)}”"
        else:
            text = f"Add {len(notes)} notes"
        super().__init__(text)
        self.store = store
        self.notes = notes
        self._added = False

    @property
    def ids(self) -> list[str]:
        return [n.id for n in self.notes]

    def apply(self) -> None:
        if not self._added:
            self.store.add_notes(self.notes)
            self._added = True
        else:
            self.store.set_notes_deleted(self.ids, False)

    def revert(self) -> None:
        self.store.set_notes_deleted(self.ids, True)
