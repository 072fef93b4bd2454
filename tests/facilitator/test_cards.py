"""The cards of a step (facilitator.cards), headless: any sequence of store events leaves
them exactly as a rebuild from scratch would, and each ``Change`` says truly what moved."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.cards import NOT_IN_A_THEME, Row, StepCards
from facilitator.formats import UNTAGGED, load_builtin_formats
from facilitator.models import Note, Theme

FORMAT = load_builtin_formats()["delivery-planning"]
WORKSHOP = "w1"
TAGS = ["willingness", "understanding", "getting-started", "keeping-going"]
THEMES = [Theme("p", step, label, id=f"{step}-{n}")
          for step in ("who", "how") for n, label in enumerate(["Money", "people", "Places"])]

steps = st.sampled_from(["who", "what", "how"])
tags = st.lists(st.sampled_from([*TAGS, "not-a-tag"]), max_size=2, unique=True)
themes = st.sampled_from([None, *(t.id for t in THEMES), "gone-theme"])
ops = st.lists(st.one_of(
    st.tuples(st.just("add"), steps, tags, themes, st.booleans(), st.integers(1, 3)),
    st.tuples(st.just("edit"), st.integers(0, 99), st.text(max_size=3)),
    st.tuples(st.just("tag"), st.integers(0, 99), tags),
    st.tuples(st.just("theme"), st.integers(0, 99), themes),
    st.tuples(st.just("move"), st.integers(0, 99), steps),
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("restore"), st.integers(0, 99)),
    st.tuples(st.just("other workshop"), steps),
    st.tuples(st.just("step"), steps),
    st.tuples(st.just("mode"), st.sampled_from(["themes", "tags"])),
    st.tuples(st.just("themes"), st.lists(st.sampled_from(THEMES), unique_by=lambda t: t.id)),
), max_size=40)


class Library:
    """What the store holds, and the notes each change names (as store.events would)."""

    def __init__(self) -> None:
        self.notes: dict[str, Note] = {}
        self.ids: list[str] = []
        self.clock = 0
        self.themes = list(THEMES)

    def pick(self, n: int) -> Note | None:
        return self.notes[self.ids[n % len(self.ids)]] if self.ids else None

    def put(self, note: Note, **changes) -> list[Note]:
        note = dataclasses.replace(note, **changes)
        self.notes[note.id] = note
        return [note]

    def add(self, step, note_tags, theme, later, count) -> list[Note]:
        added = []
        for _ in range(count):
            self.clock += 1
            # Notes typed now come last; imported or merged ones may be older than the newest.
            stamp = self.clock if later else self.clock // 3
            note = Note(WORKSHOP, step, f"note {len(self.ids)}", tags=list(note_tags),
                        theme_id=theme, id=f"n{len(self.ids):03}", created_at=f"{stamp:06}")
            self.ids.append(note.id)
            self.notes[note.id] = note
            added.append(note)
        return added


def replay(cards_class, events) -> None:
    """Feed the events to one StepCards and compare it with a rebuild after each."""
    library = Library()
    cards = cards_class(FORMAT, "how", workshop_id=WORKSHOP)
    cards.load([], library.themes)
    shown_rows = list(cards.rows)  # what a view that follows the Changes would show
    shown_ids = set(cards.order)
    for event in events:
        kind, *args = event
        named: list[Note] = []
        change = None
        if kind == "add":
            named = library.add(*args)
        elif kind == "other workshop":
            named = [Note("w2", args[0], "elsewhere")]
        elif kind in ("step", "mode", "themes"):
            if kind == "themes":
                library.themes = args[0]
            change = (cards.set_step(args[0], library.themes) if kind == "step"
                      else cards.set_group_mode(args[0]) if kind == "mode"
                      else cards.set_themes(library.themes))
        elif (note := library.pick(args[0])) is not None:
            field_name, value = {"edit": ("text", args[-1]), "tag": ("tags", args[-1]),
                                 "theme": ("theme_id", args[-1]), "move": ("step_key", args[-1]),
                                 "delete": ("deleted", True), "restore": ("deleted", False)}[kind]
            named = library.put(note, **{field_name: value})
        if change is None:
            change = cards.apply(named)
        # The same as starting afresh from what the library now holds:
        fresh = StepCards(FORMAT, cards.step_key, cards.group_mode, workshop_id=WORKSHOP)
        fresh.load(library.notes.values(), library.themes)
        assert cards.rows == fresh.rows, event
        assert cards.order == fresh.order, event
        assert cards.counts() == fresh.counts(), event
        for row in {r.group for r in fresh.rows}:
            assert cards.group_count(row) == fresh.group_count(row), event
        # ... and the Change told a view enough to show the same:
        if change.reset:
            shown_rows = list(cards.rows)
            shown_ids = set(cards.order)
        else:
            assert cards.rows[: len(shown_rows)] == shown_rows, event
            assert len(cards.rows) == len(shown_rows) + change.appended, event
            assert all(0 <= r < len(cards.rows) for r in change.changed), event
            shown_rows = list(cards.rows)
            shown_ids = (shown_ids | set(change.added)) - set(change.removed)
        assert shown_ids == set(cards.order), event


@settings(max_examples=300, deadline=None)
@given(ops)
def test_any_sequence_of_events_equals_a_rebuild(events):
    replay(StepCards, events)


class AppendsAnywhere(StepCards):
    """A plausible mistake: a new card is appended at the end whatever its group or age."""

    def _append(self, notes, change):
        for note in notes:
            self.order.append(note.id)
            self._row_of[note.id] = len(self.rows)
            self.rows.append(Row("note", self.group_of(note), note.id))
            self._members[self.group_of(note)] = self.group_count(self.group_of(note)) + 1
        change.appended = len(notes)
        return True


class RegroupsInPlace(StepCards):
    """Another: a card on the step that was re-tagged or re-themed keeps its row."""

    def apply(self, notes):
        notes = list(notes)
        kept = [n for n in notes
                if n.id in self._row_of and not n.deleted and n.step_key == self.step_key]
        for kept_note in kept:
            self._notes[kept_note.id] = kept_note
        change = super().apply([n for n in notes if n not in kept])
        if not change.reset:
            change.changed += [self._row_of[n.id] for n in kept]
        return change


@pytest.mark.parametrize("wrong", [AppendsAnywhere, RegroupsInPlace])
def test_the_property_catches_a_wrong_implementation(wrong):
    check = settings(max_examples=300, deadline=None, database=None, derandomize=True,
                     report_multiple_bugs=False)(given(ops)(
        lambda events: replay(wrong, events)))
    with pytest.raises(AssertionError):
        check()


# ------------------------------------------------------------- plain examples
def note(step="how", n=0, **kw) -> Note:
    return Note(WORKSHOP, step, f"note {n}", id=f"n{n:03}", created_at=f"{n:06}", **kw)


def headers(cards: StepCards) -> list[str]:
    return [f"{r.label} ({cards.group_count(r.group)})" for r in cards.rows if r.kind == "header"]


def test_a_new_note_at_the_end_is_one_appended_row():
    cards = StepCards(FORMAT, "how", workshop_id=WORKSHOP)
    cards.load([note(n=n) for n in range(5)])
    change = cards.apply([note(n=9)])
    assert (change.reset, change.appended, change.added) == (False, 1, ["n009"])
    assert cards.order[-1] == "n009" and cards.rows[-1].note_id == "n009"


def test_groups_by_theme_and_by_tag_with_untagged_last_under_the_reports_word():
    theme = THEMES[3]  # a "how" theme
    cards = StepCards(FORMAT, "how", workshop_id=WORKSHOP)
    cards.load([note(n=0, theme_id=theme.id), note(n=1), note(n=2, tags=["willingness"])],
               THEMES)
    assert headers(cards) == ["Money (1)", f"{NOT_IN_A_THEME} (2)"]
    cards.set_group_mode("tags")
    assert headers(cards) == ["Willingness to do things (1)", "Understanding what works (0)",
                              "Support to get started (0)", "Support to keep going (0)",
                              f"{UNTAGGED} (2)"]
    assert UNTAGGED == "Other ideas"  # the report's heading too


def test_a_step_without_tags_cannot_be_grouped_by_tag_and_counts_cover_every_step():
    cards = StepCards(FORMAT, "who", workshop_id=WORKSHOP)
    cards.load([note("who", 0), note("how", 1), Note("w2", "how", "theirs")])
    assert cards.set_group_mode("tags").empty and cards.group_mode == "themes"
    assert cards.counts() == {"who": 1, "what": 0, "how": 1}
    assert [r.kind for r in cards.rows] == ["note"]  # no themes in use: no header
