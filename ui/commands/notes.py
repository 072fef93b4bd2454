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
        self.touches("notes", self.ids)

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


def _count(n: int) -> str:
    return "1 note" if n == 1 else f"{n} notes"


class EditNoteCommand(StoreCommand):
    """Change one note's text (only the text: tags, theme and step are left alone)."""

    def __init__(self, store: Store, note_id: str, before: str, after: str) -> None:
        super().__init__(f"Edit note “{preview(after)}”")
        self.store = store
        self.note_id = note_id
        self.before = before
        self.after = after
        self.touches("notes", [note_id])

    def _write(self, text: str) -> None:
        note = self.store.get_note(self.note_id)
        note.text = text
        self.store.update_note(note)

    def apply(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)


class DeleteNotesCommand(StoreCommand):
    """Soft-delete notes: they stay in the file, so undo (and merging) can bring them back."""

    def __init__(self, store: Store, note_ids: list[str], first_text: str = "") -> None:
        if len(note_ids) == 1 and first_text:
            text = f"Delete note “{preview(first_text)}”"
        else:
            text = f"Delete {_count(len(note_ids))}"
        super().__init__(text)
        self.store = store
        self.ids = list(note_ids)
        self.touches("notes", self.ids)

    def apply(self) -> None:
        self.store.set_notes_deleted(self.ids, True)

    def revert(self) -> None:
        self.store.set_notes_deleted(self.ids, False)


class MoveNotesCommand(StoreCommand):
    """Move notes to another step. They leave their theme (themes belong to a step);
    their tags stay only when ``keep_tags`` (the new step uses the same vocabulary)."""

    def __init__(
        self, store: Store, note_ids: list[str], step_key: str, step_title: str = "",
        *, keep_tags: bool = False,
    ) -> None:
        super().__init__(f"Move {_count(len(note_ids))} to {step_title or step_key}")
        self.store = store
        self.ids = list(note_ids)
        self.step_key = step_key
        self.keep_tags = keep_tags
        self.touches("notes", self.ids)
        self._before = {n.id: (n.step_key, n.theme_id, list(n.tags)) for n in store.get_notes(self.ids)}

    def apply(self) -> None:
        notes = self.store.get_notes(self.ids)
        for note in notes:
            note.step_key = self.step_key
            note.theme_id = None
            if not self.keep_tags:
                note.tags = []
        self.store.update_notes(notes)

    def revert(self) -> None:
        notes = self.store.get_notes(self.ids)
        for note in notes:
            note.step_key, note.theme_id, tags = self._before[note.id]
            note.tags = list(tags)
        self.store.update_notes(notes)


class TagNotesCommand(StoreCommand):
    """Give notes one tag (e.g. a support area), or clear their tags with ``tag=None``."""

    def __init__(
        self, store: Store, note_ids: list[str], tag: str | None, tag_label: str = ""
    ) -> None:
        if tag is None:
            text = f"Clear the tag of {_count(len(note_ids))}"
        else:
            text = f"Tag {_count(len(note_ids))} “{tag_label or tag}”"
        super().__init__(text)
        self.store = store
        self.ids = list(note_ids)
        self.tags = [] if tag is None else [tag]
        self.touches("notes", self.ids)
        self._before = {n.id: list(n.tags) for n in store.get_notes(self.ids)}

    def apply(self) -> None:
        self.store.set_notes_tags(self.ids, self.tags)

    def revert(self) -> None:
        groups: dict[tuple[str, ...], list[str]] = {}
        for note_id, tags in self._before.items():
            groups.setdefault(tuple(tags), []).append(note_id)
        with self.store.transaction():
            for same_tags, ids in groups.items():
                self.store.set_notes_tags(ids, list(same_tags))
