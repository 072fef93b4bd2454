"""The cards of one step of a workshop: order, groups, counts and what each change did.

One algorithm, no Qt: the run window's board and the presenter's wall both render
a ``StepCards`` and follow its ``Change``s, so neither keeps its own idea of which
card goes where. ``tests/facilitator/test_cards.py`` checks with hypothesis that
any sequence of store events leaves it exactly as a rebuild from scratch would.

- Order: oldest first, by ``(created_at, id)``.
- Groups: by theme (the step's themes that have cards, by label, then "Not in a
  theme"; no header at all while the step has no themes in use) or by tag (the
  vocabulary's tags in order, then ``UNTAGGED``). Each group's cards keep the order.
- ``apply(notes)`` takes the notes an event named, as read from the store
  (deleted ones flagged), and returns a ``Change``: the rows appended at the end
  and the rows whose content changed, or ``reset`` when cards moved between rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from facilitator.formats import UNTAGGED, Format, Vocabulary
from facilitator.models import Note, Theme

NOT_IN_A_THEME = "Not in a theme"
GROUP_MODES = ("themes", "tags")


@dataclass(frozen=True)
class Row:
    kind: str  # "note" | "header"
    group: str  # theme id / tag key; "" for the cards in none
    note_id: str = ""
    label: str = ""  # a header's words


@dataclass
class Change:
    """What one update did. ``reset``: everything may have moved (lay out again).
    Otherwise ``appended`` rows were added at the end and ``changed`` rows (cards
    edited, headers whose count moved) kept their place. ``added``/``edited``/
    ``removed`` name the notes of this step, for views that do not show rows."""

    reset: bool = False
    appended: int = 0
    changed: list[int] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    counts_changed: bool = False

    @property
    def empty(self) -> bool:
        return not (self.reset or self.appended or self.changed or self.removed
                    or self.counts_changed)


def _key(note: Note) -> tuple[str, str]:
    return (note.created_at, note.id)


class StepCards:
    """One workshop's notes, seen as the cards of its current step."""

    def __init__(self, fmt: Format, step_key: str | None = None, group_mode: str = "themes",
                 workshop_id: str | None = None):
        self.format = fmt
        self.workshop_id = workshop_id  # notes of other workshops are left out
        self.step_key = step_key or fmt.steps[0].key
        self.group_mode = group_mode if self._vocabulary_for(group_mode) else "themes"
        self._notes: dict[str, Note] = {}
        self._themes: dict[str, Theme] = {}
        self.rows: list[Row] = []
        self.order: list[str] = []  # this step's note ids, oldest first
        self._row_of: dict[str, int] = {}
        self._members: dict[str, int] = {}  # cards per group
        self._header_of: dict[str, int] = {}

    # ----------------------------------------------------------------- reading
    @property
    def vocabulary(self) -> Vocabulary | None:
        return self.format.vocabulary_for(self.step_key)

    def note(self, note_id: str) -> Note:
        return self._notes[note_id]

    def get(self, note_id: str) -> Note | None:
        return self._notes.get(note_id)

    def notes_on_step(self) -> list[Note]:
        return [self._notes[i] for i in self.order]

    def themes(self) -> list[Theme]:
        return sorted(self._themes.values(), key=lambda t: (t.label.casefold(), t.id))

    def theme(self, theme_id: str | None) -> Theme | None:
        return self._themes.get(theme_id or "")

    def counts(self) -> dict[str, int]:
        """Notes per step of the whole workshop (every step of the format listed)."""
        counts = dict.fromkeys((s.key for s in self.format.steps), 0)
        counts.update(Counter(n.step_key for n in self._notes.values()))
        return counts

    def row_of(self, note_id: str) -> int:
        return self._row_of.get(note_id, -1)

    def group_count(self, group: str) -> int:
        return self._members.get(group, 0)

    def group_of(self, note: Note) -> str:
        if self.group_mode == "tags":
            keys = self.vocabulary.keys() if self.vocabulary else ()
            return next((t for t in note.tags if t in keys), "")
        return note.theme_id if note.theme_id in self._themes else ""

    def last_group(self) -> str:
        return self.rows[-1].group if self.rows else self._groups(set())[-1][0]

    # ---------------------------------------------------------------- changing
    def load(self, notes: Iterable[Note], themes: Iterable[Theme] = ()) -> Change:
        """Start again from these notes (the workshop's) and the programme's themes."""
        self._notes = {n.id: n for n in notes if not n.deleted and self._mine(n)}
        self._set_themes(themes)
        return self._layout()

    def set_themes(self, themes: Iterable[Theme]) -> Change:
        self._set_themes(themes)
        return self._layout()

    def set_step(self, step_key: str, themes: Iterable[Theme] = ()) -> Change:
        self.format.step(step_key)  # KeyError for a step the format has not got
        self.step_key = step_key
        if self.vocabulary is None:
            self.group_mode = "themes"
        self._set_themes(themes)
        return self._layout()

    def set_group_mode(self, mode: str) -> Change:
        if mode not in GROUP_MODES:
            raise ValueError(f"unknown group mode {mode!r}")
        mode = mode if self._vocabulary_for(mode) else "themes"
        if mode == self.group_mode:
            return Change()
        self.group_mode = mode
        return self._layout()

    def apply(self, notes: Iterable[Note]) -> Change:
        """The store says these notes changed: here they are as it now holds them.

        A new card at the end of the last group is one appended row; an edit that
        keeps a card in its group is one changed row; anything else lays out again.
        """
        change = Change()
        appended: list[Note] = []
        relayout = False
        here = self.step_key
        for note in notes:
            if not self._mine(note):
                continue
            old = self._notes.get(note.id)
            if note.deleted:
                if old is None:
                    continue
                del self._notes[note.id]
                change.counts_changed = True
                if old.step_key == here:
                    change.removed.append(note.id)
                    relayout = True
                continue
            self._notes[note.id] = note
            if old is None:
                change.counts_changed = True
                if note.step_key == here:
                    change.added.append(note.id)
                    appended.append(note)
            elif old.step_key != note.step_key:
                change.counts_changed = True
                if old.step_key == here:
                    change.removed.append(note.id)
                    relayout = True
                elif note.step_key == here:
                    change.added.append(note.id)
                    relayout = True
            elif note.step_key == here:
                if note.id in self._row_of:
                    change.edited.append(note.id)
                if _key(old) != _key(note) or self.group_of(old) != self.group_of(note):
                    relayout = True
                elif note.id in self._row_of:
                    change.changed.append(self._row_of[note.id])
        if relayout or (appended and not self._append(appended, change)):
            layout = self._layout()
            layout.added, layout.edited, layout.removed = change.added, change.edited, change.removed
            layout.counts_changed = change.counts_changed
            return layout
        change.changed = sorted(set(change.changed))
        return change

    # ---------------------------------------------------------------- internal
    def _mine(self, note: Note) -> bool:
        return self.workshop_id is None or note.workshop_id == self.workshop_id

    def _vocabulary_for(self, mode: str) -> bool:
        return mode == "themes" or self.vocabulary is not None

    def _set_themes(self, themes: Iterable[Theme]) -> None:
        self._themes = {t.id: t for t in themes
                        if not t.deleted and t.step_key == self.step_key}

    def _groups(self, used: set[str]) -> list[tuple[str, str]]:
        """(group key, header label) in board order, the cards in none last; a label of
        "" means no header (a step with no themes in use is one plain run of cards)."""
        if self.group_mode == "tags" and self.vocabulary is not None:
            return [(t.key, t.label) for t in self.vocabulary.tags] + [("", UNTAGGED)]
        themes = [(t.id, t.label) for t in self.themes() if t.id in used]
        return [*themes, ("", NOT_IN_A_THEME)] if themes else [("", "")]

    def _layout(self) -> Change:
        on_step = sorted((n for n in self._notes.values() if n.step_key == self.step_key),
                         key=_key)
        self.order = [n.id for n in on_step]
        members: dict[str, list[str]] = {}
        for note in on_step:
            members.setdefault(self.group_of(note), []).append(note.id)
        self.rows, self._row_of, self._header_of = [], {}, {}
        self._members = {key: len(ids) for key, ids in members.items()}
        for key, label in self._groups(set(members)):
            if label:
                self._header_of[key] = len(self.rows)
                self.rows.append(Row("header", key, label=label))
            for note_id in members.get(key, ()):
                self._row_of[note_id] = len(self.rows)
                self.rows.append(Row("note", key, note_id))
        return Change(reset=True, counts_changed=True)

    def _append(self, notes: list[Note], change: Change) -> bool:
        """New cards at the very end, if that is where they belong; False if not."""
        last = self.last_group()
        notes = sorted(notes, key=_key)
        newest = _key(self._notes[self.order[-1]]) if self.order else None
        if (newest is not None and _key(notes[0]) < newest) or any(
                self.group_of(n) != last for n in notes):
            return False
        if not self.rows and self._groups({last})[-1][1]:
            return False  # the first card brings its header: lay out
        for note in notes:
            self.order.append(note.id)
            self._row_of[note.id] = len(self.rows)
            self.rows.append(Row("note", last, note.id))
        self._members[last] = self._members.get(last, 0) + len(notes)
        change.appended = len(notes)
        header = self._header_of.get(last)
        if header is not None:
            change.changed.append(header)
        return True
