"""Compiling a programme across laptops: every workshop with where it came from, and the
cross-workshop themes board of one programme and step.

No Qt: the Compile window and the themes board in ``ui/compile`` show these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from facilitator.models import Note, Theme, Workshop
from facilitator.selection import default_selection
from facilitator.store import Store
from facilitator.store.transfer_merge import workshop_sources


@dataclass(frozen=True)
class CompileRow:
    workshop: Workshop
    programme_title: str
    note_count: int
    #: File name the workshop was last imported from ("" if made in this library).
    source_file: str = ""
    imported_at: str = ""

    @property
    def source_name(self) -> str:
        return Path(self.source_file).name if self.source_file else ""


def compile_rows(store: Store) -> list[CompileRow]:
    """All live workshops of the library, whichever laptop they came from."""
    titles = {p.id: p.title for p in store.programmes()}
    counts = store.note_counts()
    sources = workshop_sources(store)
    rows = []
    for workshop in store.workshops():
        if workshop.programme_id not in titles:
            continue
        source = sources.get(workshop.id, {})
        rows.append(
            CompileRow(
                workshop,
                titles[workshop.programme_id],
                counts.get(workshop.id, 0),
                source.get("source_file", ""),
                source.get("imported_at", ""),
            )
        )
    rows.sort(key=lambda r: (r.programme_title.casefold(), r.workshop.code.casefold()))
    return rows


def facilitator_names(text: str) -> list[str]:
    """ "Ann Smith, Raj Patel and Jo" -> ["Ann Smith", "Raj Patel", "Jo"]. """
    for separator in (" and ", " & ", ";", "/"):
        text = text.replace(separator, ",")
    return [name.strip() for name in text.split(",") if name.strip()]


def filter_rows(
    rows: list[CompileRow],
    *,
    programme_id: str | None = None,
    status: str | None = None,
    facilitator: str | None = None,
    district: str | None = None,
) -> list[CompileRow]:
    """Rows matching every filter given (None or "" means any)."""
    out = []
    for row in rows:
        w = row.workshop
        if programme_id and w.programme_id != programme_id:
            continue
        if status and w.status.value != status:
            continue
        if facilitator and facilitator.casefold() not in (
            n.casefold() for n in facilitator_names(w.facilitators)
        ):
            continue
        if district and w.district.casefold() != district.casefold():
            continue
        out.append(row)
    return out


@dataclass
class BoardColumn:
    """One theme (or ``theme is None``: notes not yet in a theme) and its notes."""

    theme: Theme | None
    notes: list[Note] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.theme.label if self.theme is not None else ""

    def workshop_ids(self) -> set[str]:
        return {n.workshop_id for n in self.notes}


@dataclass
class ThemesBoard:
    programme_id: str
    step_key: str
    workshops: list[Workshop]
    columns: list[BoardColumn]

    #: Workshop id -> tag key -> label, for the step's vocabulary (e.g. HOW's support areas).
    tag_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def code(self, workshop_id: str) -> str:
        return next((w.code for w in self.workshops if w.id == workshop_id), "?")

    def tags_of(self, note: Note) -> list[str]:
        """The note's tags as the report names them (say "Support to get started")."""
        labels = self.tag_labels.get(note.workshop_id, {})
        return [labels.get(tag, tag) for tag in note.tags]

    @property
    def counted(self) -> list[Workshop]:
        """The workshops a theme's "N of M" counts, as the report does by default: those
        not postponed or cancelled."""
        return default_selection(self.workshops)

    def raised_at(self, column: BoardColumn) -> str:
        """ "raised at 3 of 5 workshops", the same words and figures as the report's """
        return f"raised at {len(column.workshop_ids())} of {len(self.counted)} workshops"


def themes_board(store: Store, programme_id: str, step_key: str) -> ThemesBoard:
    """The notes of a step across all the programme's workshops that have that step,
    grouped: first the notes not yet in a theme (the ones left to sort), then the themes as
    the report orders them: raised at the most workshops first ("raised at N of M"), then
    the most notes, then by label."""
    workshops = [
        w for w in store.workshops(programme_id)
        if step_key in store.get_format(w.format_key).step_keys()
    ]
    notes = store.notes(step_key=step_key, workshop_ids=[w.id for w in workshops])
    themes = store.themes(programme_id, step_key)
    columns = {t.id: BoardColumn(t) for t in themes}
    loose = BoardColumn(None)
    for note in notes:
        columns.get(note.theme_id or "", loose).notes.append(note)
    tag_labels = {}
    for workshop in workshops:
        vocabulary = store.get_format(workshop.format_key).vocabulary_for(step_key)
        tag_labels[workshop.id] = {t.key: t.label for t in vocabulary.tags} if vocabulary else {}
    ordered = sorted(columns.values(), key=lambda c: (
        -len(c.workshop_ids()), -len(c.notes), c.label.casefold(), c.label))
    return ThemesBoard(programme_id, step_key, workshops, [loose, *ordered], tag_labels)


def step_choices(store: Store, programme_id: str) -> list[tuple[str, str]]:
    """(step key, title) of the steps the programme's workshops use, in format order."""
    seen: dict[str, str] = {}
    for workshop in store.workshops(programme_id):
        for step in store.get_format(workshop.format_key).steps:
            seen.setdefault(step.key, step.title)
    return list(seen.items())
