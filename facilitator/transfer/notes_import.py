"""Notes typed up from a wall photo or a paper form, imported from a CSV or Excel table.

Every row is checked first; the rows that fail are listed with their line
numbers and reasons before anything is written. Then the valid rows are added
in one transaction (or none, if the user says so). A row identical to a note
already in the workshop (same step and text) is skipped, so importing the same
table twice, or our own CSV export, adds nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from facilitator.formats import Format
from facilitator.models import Note, Programme, Theme, Workshop
from facilitator.store import Store
from facilitator.transfer.notes_table import (
    NoteTable,
    RowProblem,
    auto_mapping,
    check_mapping,
    read_table,
)


@dataclass
class NotesPlan:
    """What importing a table would do: the notes to add and the rows that fail."""

    source: Path
    unit: str
    notes: list[Note] = field(default_factory=list)
    new_themes: list[Theme] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    duplicates: int = 0
    #: How many notes were written (0 until applied).
    imported: int = 0

    def problem_lines(self) -> list[str]:
        return [f"{self.unit.capitalize()} {p.line}: {p.reason}" for p in self.problems]

    def describe(self) -> str:
        parts = [f"{_count(len(self.notes), 'note')} ready to import"]
        if self.new_themes:
            parts.append(f"{_count(len(self.new_themes), 'new theme')}")
        if self.duplicates:
            parts.append(f"{self.duplicates} already in the library (skipped)")
        if self.problems:
            parts.append(f"{_count(len(self.problems), 'row')} with problems")
        return f"{self.source.name}: " + ", ".join(parts) + "."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


class _Resolver:
    """Looks rows up against the library: programmes, workshops, formats, themes."""

    def __init__(self, store: Store, programme: Programme | None) -> None:
        self.store = store
        self.programmes = [programme] if programme else store.programmes()
        self.by_title = {p.title.casefold(): p for p in store.programmes()}
        self.workshops: dict[str, list[Workshop]] = {}
        for p in self.programmes if programme else store.programmes():
            for w in store.workshops(p.id):
                self.workshops.setdefault(w.code.casefold(), []).append(w)
        self.formats: dict[str, Format] = store.formats()
        self.themes: dict[tuple[str, str, str], str] = {}
        self.existing: set[tuple[str, str, str]] = set()
        self.loaded: set[str] = set()

    def theme_id(self, plan: NotesPlan, programme_id: str, step: str, label: str) -> str:
        key = (programme_id, step, label.casefold())
        if key not in self.themes:
            for theme in self.store.themes(programme_id, step):
                self.themes.setdefault((programme_id, step, theme.label.casefold()), theme.id)
        if key not in self.themes:
            theme = Theme(programme_id, step, label)
            plan.new_themes.append(theme)
            self.themes[key] = theme.id
        return self.themes[key]

    def is_duplicate(self, workshop_id: str, step: str, text: str) -> bool:
        if workshop_id not in self.loaded:
            self.loaded.add(workshop_id)
            for note in self.store.notes(workshop_id):
                self.existing.add((workshop_id, note.step_key, note.text))
        return (workshop_id, step, text) in self.existing


def plan_notes_import(
    store: Store,
    table: NoteTable,
    mapping: dict[str, int | None] | None = None,
    programme: Programme | None = None,
) -> NotesPlan:
    """Check every row; nothing is written. ``programme`` limits which workshops codes mean."""
    mapping = mapping if mapping is not None else auto_mapping(table.headers)
    check_mapping(table, mapping)
    plan = NotesPlan(table.source, table.unit)
    resolver = _Resolver(store, programme)
    for line, cells in table.rows:
        def cell(key: str, cells=cells) -> str:
            index = mapping.get(key)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        try:
            note = _note_for_row(plan, resolver, cell, cells[mapping["text"]])
        except ValueError as exc:
            plan.problems.append(RowProblem(line, str(exc)))
            continue
        if note is not None:
            plan.notes.append(note)
    return plan


def _note_for_row(plan: NotesPlan, resolver: _Resolver, cell, raw_text: str) -> Note | None:
    code = cell("workshop")
    if not code:
        raise ValueError("no workshop code")
    candidates = resolver.workshops.get(code.casefold(), [])
    title = cell("programme")
    if title:
        wanted = resolver.by_title.get(title.casefold())
        if wanted is None:
            raise ValueError(f"unknown programme {title!r}")
        candidates = [w for w in candidates if w.programme_id == wanted.id]
    if not candidates:
        raise ValueError(f"unknown workshop {code!r}")
    if len(candidates) > 1:
        raise ValueError(f"workshop {code!r} is in more than one programme; add a programme column")
    workshop = candidates[0]
    fmt = resolver.formats[workshop.format_key]
    step_text = cell("step")
    step = next(
        (s for s in fmt.steps if step_text.casefold() in (s.key.casefold(), s.title.casefold())),
        None,
    )
    if step is None:
        known = ", ".join(s.key for s in fmt.steps)
        raise ValueError(f"unknown step {step_text!r} for {workshop.code} (steps: {known})")
    if not raw_text.strip():
        raise ValueError("empty note text")
    tags = _tags(fmt, step.key, cell("support_area"))
    created = cell("created")
    if resolver.is_duplicate(workshop.id, step.key, raw_text):
        plan.duplicates += 1
        return None
    resolver.existing.add((workshop.id, step.key, raw_text))
    theme_label = cell("theme")
    note = Note(
        workshop.id,
        step.key,
        raw_text,
        table_label=cell("table"),
        theme_id=resolver.theme_id(plan, workshop.programme_id, step.key, theme_label)
        if theme_label else None,
        tags=tags,
    )
    if created and _is_time(created):
        note.created_at = created
    return note


def _tags(fmt: Format, step_key: str, value: str) -> list[str]:
    parts = [p.strip() for p in value.replace("|", ";").split(";") if p.strip()]
    vocabulary = fmt.vocabulary_for(step_key)
    if vocabulary is None:
        return parts
    tags = []
    for part in parts:
        match = next(
            (t.key for t in vocabulary.tags
             if part.casefold() in (t.key.casefold(), t.label.casefold())),
            None,
        )
        if match is None:
            known = "; ".join(t.label for t in vocabulary.tags)
            raise ValueError(f"unknown {vocabulary.name.lower()} {part!r} (known: {known})")
        tags.append(match)
    return tags


def _is_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def apply_notes_import(store: Store, plan: NotesPlan) -> int:
    """Add the plan's valid notes (and new themes) in one transaction; returns how many."""
    with store.transaction():
        for theme in plan.new_themes:
            store.add_theme(theme)
        if plan.notes:
            store.add_notes(plan.notes)
    plan.imported = len(plan.notes)
    return plan.imported


def import_notes_file(
    store: Store,
    path: Path | str,
    mapping: dict[str, int | None] | None = None,
    programme: Programme | None = None,
    *,
    valid_only: bool = False,
) -> NotesPlan:
    """Read, check and (if every row is valid, or ``valid_only``) import a table of notes."""
    plan = plan_notes_import(store, read_table(path), mapping, programme)
    if not plan.problems or valid_only:
        apply_notes_import(store, plan)
    return plan
