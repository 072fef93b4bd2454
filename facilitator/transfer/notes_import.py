"""Notes typed up from a wall photo or a paper form, imported from a CSV or Excel table.

Every row is checked first; the rows that fail are listed with their line
numbers and reasons before anything is written. Then the valid rows are added
in one transaction (or none, if the user says so).

The same text twice is two notes: a repeated idea is a signal of how often it came up, so
nothing is skipped for having the same text as another note. What stops a table being
imported twice is the library's import ledger (``import_ledger``): each imported row is
kept as (the table's content digest, row number, row key) -> note id. A table that comes
back adds nothing and says when it was imported; an edited copy of it (rows added, others
corrected) adds only the rows that were not imported from it before. A row's key is its
workshop code, step and text with how many identical rows come before it in the table,
so a third "Lunch club" added to a table that had two is new. An earlier table counts as
an earlier version of this one when at least half of its imported rows are in this one.
Our own CSV export coming back into the library it came from adds nothing either: a row
whose created time, workshop, step and text are those of a note already there is that
note. Undoing an import forgets its rows, so the table can be imported again.

The ledger and the column layouts chosen for a header row stay in this library; they do
not travel in workshop files (``EXPORTED_TABLES``), which carry the notes themselves.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from facilitator.formats import Format
from facilitator.models import Note, Programme, Theme, Workshop, utc_now
from facilitator.store import Store
from facilitator.transfer.notes_cells import read_time, tags_from
from facilitator.transfer.notes_columns import auto_mapping, check_mapping, layout_key
from facilitator.transfer.notes_table import read_table
from facilitator.transfer.table_base import NotesImportStopped, NoteTable, RowProblem

#: How often (in rows) checking a table reports its progress and can be stopped.
PROGRESS_ROWS = 1000
#: An earlier table is an earlier version of this one when this share of its rows is here.
EARLIER_VERSION_SHARE = 0.5


@dataclass(frozen=True)
class EarlierImport:
    """A table whose rows this one repeats: its file name and when it was imported."""

    file_name: str
    imported_at: str
    rows: int

    @property
    def day(self) -> str:
        return long_day(self.imported_at)


def long_day(when: str) -> str:
    """'2026-11-25T21:52:33+00:00' -> '25 November 2026'."""
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return when
    return f"{moment.day} {moment:%B %Y}"


@dataclass
class NotesPlan:
    """What importing a table would do: the notes to add and the rows that fail."""

    source: Path
    unit: str
    notes: list[Note] = field(default_factory=list)
    new_themes: list[Theme] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    #: Rows that are notes already in the library (our own CSV export coming back).
    duplicates: int = 0
    #: Rows skipped because the ledger says they were imported from this table before.
    already: int = 0
    #: When this very table was imported before ("" if never).
    imported_on: str = ""
    #: Earlier versions of this table (edited since) whose rows were skipped.
    earlier: list[EarlierImport] = field(default_factory=list)
    #: The table's content digest and, per note to add, its (row number, row key).
    table_hash: str = ""
    rows: list[tuple[int, str]] = field(default_factory=list)
    #: The header layout and the columns used, remembered when the import is applied.
    layout: str = ""
    mapping: dict[str, int | None] = field(default_factory=dict)
    #: How many notes were written (0 until applied).
    imported: int = 0

    def problem_lines(self) -> list[str]:
        return [f"{self.unit.capitalize()} {p.line}: {p.reason}" for p in self.problems]

    @property
    def all_imported_before(self) -> bool:
        """The whole table came back: nothing new in it, nothing wrong with it."""
        return bool(self.imported_on) and not self.notes and not self.problems

    def describe(self) -> str:
        if self.all_imported_before:
            return (f"{self.source.name}: already imported on {long_day(self.imported_on)}; "
                    "nothing new to import.")
        parts = [f"{_count(len(self.notes), 'note')} ready to import"]
        if self.new_themes:
            parts.append(f"{_count(len(self.new_themes), 'new theme')}")
        if self.already and self.imported_on:
            parts.append(f"{_count(self.already, 'row')} already imported on "
                         f"{long_day(self.imported_on)} (skipped)")
        elif self.already:
            earlier = "; ".join(f"{e.file_name}, {e.day}" for e in self.earlier)
            parts.append(f"{_count(self.already, 'row')} already imported from an earlier "
                         f"version of this table ({earlier}) (skipped)")
        if self.duplicates:
            parts.append(f"{self.duplicates} already in the library (skipped)")
        if self.problems:
            parts.append(f"{_count(len(self.problems), 'row')} with problems")
        return f"{self.source.name}: " + ", ".join(parts) + "."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def table_hash(table: NoteTable) -> str:
    """The table's content digest: its cells and row numbers, whatever the file's bytes (an
    .xlsx saved again unchanged, a CSV saved with another encoding, is the same table)."""
    content = json.dumps([table.headers, table.rows], ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def row_key(code: str, step: str, text: str, occurrence: int) -> str:
    content = json.dumps([" ".join(code.split()).casefold(), step.strip().casefold(),
                          text.strip(), occurrence], ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _row_keys(table: NoteTable, mapping: dict[str, int | None]) -> dict[int, str]:
    """Row number -> row key: workshop, step and text, and how many such rows came before."""
    def cell(cells: tuple[str, ...], key: str) -> str:
        index = mapping.get(key)
        return cells[index] if index is not None and index < len(cells) else ""

    seen: dict[tuple[str, str, str], int] = {}
    keys = {}
    for line, cells in table.rows:
        triple = (" ".join(cell(cells, "workshop").split()).casefold(),
                  cell(cells, "step").strip().casefold(), cell(cells, "text").strip())
        occurrence = seen.get(triple, 0)
        seen[triple] = occurrence + 1
        keys[line] = row_key(*triple, occurrence)
    return keys


def _skipped_rows(store: Store, plan: NotesPlan, keys: dict[int, str]) -> set[int]:
    """The rows the ledger says were imported before, from this table or an earlier version
    of it; notes on the plan why."""
    before = store.imported_rows(plan.table_hash)
    skipped = set(before) & set(keys)
    if before:
        plan.imported_on = min(before.values())
    wanted = {key: line for line, key in keys.items() if line not in skipped}
    if not wanted:
        return skipped
    found = [r for r in store.imports_of_rows(wanted) if r[0] != plan.table_hash]
    overlap: dict[str, set[str]] = {}
    names: dict[str, tuple[str, str]] = {}
    for table, key, name, when in found:
        overlap.setdefault(table, set()).add(key)
        names[table] = (name, min(when, names.get(table, (name, when))[1]))
    sizes = store.imported_table_sizes(overlap)
    for table, shared in sorted(overlap.items(), key=lambda item: names[item[0]][1]):
        if len(shared) < EARLIER_VERSION_SHARE * sizes.get(table, 0):
            continue  # a few rows in common with another table: not a version of it
        lines = {wanted[key] for key in shared} - skipped
        if lines:
            skipped |= lines
            plan.earlier.append(EarlierImport(*names[table], len(lines)))
    return skipped


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
        self.existing: set[tuple[str, str, str, str]] = set()
        self.loaded: set[str] = set()

    def theme_id(self, plan: NotesPlan, programme_id: str, step: str, label: str) -> str:
        key = (programme_id, step, label.casefold())
        if key not in self.themes:
            for theme in self.store.themes(programme_id, step):
                self.themes.setdefault((programme_id, step, theme.label.casefold()), theme.id)
        if key not in self.themes:
            theme = Theme(programme_id, step, label)
            theme.validate()  # its label within its bound (issue 12): the row's problem
            plan.new_themes.append(theme)
            self.themes[key] = theme.id
        return self.themes[key]

    def is_in_library(self, workshop_id: str, step: str, text: str, created: str) -> bool:
        """Whether a note with this text, step and created time (to the microsecond) is in
        the workshop already: the same note, come back in our own CSV export."""
        if workshop_id not in self.loaded:
            self.loaded.add(workshop_id)
            for note in self.store.notes(workshop_id):
                self.existing.add((workshop_id, note.step_key, note.text, note.created_at))
        return (workshop_id, step, text, created) in self.existing


def plan_notes_import(
    store: Store,
    table: NoteTable,
    mapping: dict[str, int | None] | None = None,
    programme: Programme | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> NotesPlan:
    """Check every row; nothing is written. ``programme`` limits which workshops codes mean.
    ``progress`` is told how many rows were checked so far (every ``PROGRESS_ROWS``), and
    ``should_stop`` returning True between them raises NotesImportStopped (the window checks
    a large table on a worker thread, with Cancel: ui/transfer/notes_plan.py)."""
    mapping = mapping if mapping is not None else auto_mapping(table.headers)
    check_mapping(table, mapping)
    text_column = mapping["text"]
    assert text_column is not None  # check_mapping refuses a table without one
    plan = NotesPlan(table.source, table.unit, table_hash=table_hash(table),
                     layout=layout_key(table.headers), mapping=dict(mapping))
    keys = _row_keys(table, mapping)
    skipped = _skipped_rows(store, plan, keys)
    resolver = _Resolver(store, programme)
    for done, (line, cells) in enumerate(table.rows):
        if done % PROGRESS_ROWS == 0 and done:
            if should_stop is not None and should_stop():
                raise NotesImportStopped(f"{table.source.name}: checking was stopped.")
            if progress is not None:
                progress(done)
        if line in skipped:
            plan.already += 1
            continue

        def cell(key: str, cells=cells) -> str:
            index = mapping.get(key)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        try:
            note = _note_for_row(plan, resolver, cell, cells[text_column])
        except ValueError as exc:
            plan.problems.append(RowProblem(line, str(exc)))
            continue
        if note is not None:
            plan.notes.append(note)
            plan.rows.append((line, keys[line]))
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
    tags = tags_from(fmt, step.key, cell("support_area"))
    created = cell("created").strip()
    if created:
        # A created time the importer cannot read is a problem of the row, not replaced
        # silently by the time of the import (issue 12, rule 8).
        created = read_time(created)
    if created and resolver.is_in_library(workshop.id, step.key, raw_text, created):
        plan.duplicates += 1
        return None
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
    if created:
        note.created_at = created
    note.validate()  # every text within its bound (limits.FIELDS), named in the row's problem
    return note


def apply_notes_import(store: Store, plan: NotesPlan) -> int:
    """Add the plan's valid notes (and new themes) in one transaction, note their rows in
    the import ledger and remember the columns used for this layout; returns how many."""
    with store.transaction():
        for theme in plan.new_themes:
            store.add_theme(theme)
        if plan.notes:
            store.add_notes(plan.notes)
        record_ledger(store, plan)
        if plan.layout:
            remember_columns(store, plan.layout, plan.mapping)
    plan.imported = len(plan.notes)
    return plan.imported


def record_ledger(store: Store, plan: NotesPlan) -> None:
    """Note the plan's rows as imported (again, after an undo is redone)."""
    if plan.table_hash and plan.notes:
        store.record_imports(
            plan.table_hash, plan.source.name,
            [(line, key, note.id) for (line, key), note in zip(plan.rows, plan.notes,
                                                               strict=True)],
            utc_now(),
        )


def remember_columns(store: Store, layout: str, mapping: dict[str, int | None]) -> None:
    """Keep a column choice for the layout, unless it is what the headers give anyway."""
    headers = json.loads(layout)
    chosen = mapping if mapping != auto_mapping(headers) else None
    store.remember_mapping(layout, chosen, utc_now())


def columns_for(
    store: Store, table: NoteTable, chosen: dict[str, int | None] | None = None
) -> tuple[dict[str, int | None], bool]:
    """The columns to use: those remembered for this layout (or matched by name), with
    ``chosen`` fields on top; and whether a remembered choice was used."""
    remembered = store.remembered_mapping(layout_key(table.headers))
    mapping = auto_mapping(table.headers)
    if remembered is not None:
        mapping.update({k: v for k, v in remembered.items() if k in mapping})
    chosen = chosen or {}
    taken = {index for index in chosen.values() if index is not None}
    for key in mapping:
        if key not in chosen and mapping[key] in taken:
            mapping[key] = None  # a column chosen for one field is no longer another's
    mapping.update(chosen)
    return mapping, remembered is not None


def import_notes_file(
    store: Store,
    path: Path | str,
    mapping: dict[str, int | None] | None = None,
    programme: Programme | None = None,
    *,
    valid_only: bool = False,
) -> NotesPlan:
    """Read, check and (if every row is valid, or ``valid_only``) import a table of notes.
    Without ``mapping``, the columns remembered for the table's layout (or matched by
    name) are used."""
    table = read_table(path)
    if mapping is None:
        mapping, _remembered = columns_for(store, table)
    plan = plan_notes_import(store, table, mapping, programme)
    if not plan.problems or valid_only:
        apply_notes_import(store, plan)
    return plan
