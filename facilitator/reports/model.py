"""The Summary of Results as plain data: what the report says, before any Word file exists.

``facilitator.reports.gather`` fills these from a library; ``docx_writer`` writes
them; the window shows their counts and warnings before export. Nothing here
knows about python-docx or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from facilitator.formats import UNTAGGED

if TYPE_CHECKING:
    from facilitator.reports.assets_section import AssetsSection

#: The heading over HOW ideas not yet placed under a support area: the board's words too.
NOT_YET_SORTED = UNTAGGED


@dataclass(frozen=True)
class NoteLine:
    """One sticky note as the report prints it: the text exactly as written."""

    text: str
    workshop_code: str
    tag_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoteStack:
    """Notes that say the same thing in (almost) the same words (near-duplicates, see
    ``facilitator.sense.duplicates``): printed once, with how many and where ("×3"), and
    counted as one idea."""

    notes: tuple[NoteLine, ...]

    @property
    def first(self) -> NoteLine:
        return self.notes[0]

    @property
    def count(self) -> int:
        return len(self.notes)

    @property
    def workshop_codes(self) -> tuple[str, ...]:
        """The workshops that wrote it, each once, in the order of the notes."""
        return tuple(dict.fromkeys(n.workshop_code for n in self.notes))


def single_stacks(notes) -> list[NoteStack]:
    return [NoteStack((n,)) for n in notes]


def count_ideas(stacks: list[NoteStack] | None, notes: list) -> int:
    return len(stacks) if stacks else len(notes)


@dataclass
class ThemeGroup:
    """Notes that say the same thing, shown once as the theme."""

    label: str
    notes: list[NoteLine]
    #: Codes of the workshops that raised it, in the report's workshop order.
    workshop_codes: tuple[str, ...]
    #: M in "raised at N of M workshops"; 0 on a single workshop's page (no "raised at").
    of_workshops: int = 0
    #: The notes as printed: near-duplicates stacked (empty: each note on its own).
    stacks: list[NoteStack] = field(default_factory=list)

    @property
    def note_count(self) -> int:
        return len(self.notes)

    @property
    def idea_count(self) -> int:
        """Different ideas: a stack of near-duplicates counts once."""
        return count_ideas(self.stacks, self.notes)

    @property
    def printed(self) -> list[NoteStack]:
        return self.stacks or single_stacks(self.notes)

    @property
    def caption(self) -> str:
        notes = f"{self.note_count} note{'s' if self.note_count != 1 else ''}"
        if self.idea_count < self.note_count:
            notes += f" ({self.idea_count} different)"
        if self.of_workshops <= 1:
            return notes
        codes = ", ".join(self.workshop_codes)
        return (
            f"raised at {len(self.workshop_codes)} of {self.of_workshops} workshops "
            f"({codes}) · {notes}"
        )


@dataclass
class NoteGroup:
    """Themes then the notes not in any theme, under one heading (a step, a support area)."""

    heading: str
    themes: list[ThemeGroup] = field(default_factory=list)
    unthemed: list[NoteLine] = field(default_factory=list)
    description: str = ""
    #: The unthemed notes as printed: near-duplicates stacked (empty: each on its own).
    unthemed_stacks: list[NoteStack] = field(default_factory=list)

    @property
    def note_count(self) -> int:
        return sum(t.note_count for t in self.themes) + len(self.unthemed)

    @property
    def idea_count(self) -> int:
        """Different ideas: each stack of near-duplicates counts once."""
        return (sum(t.idea_count for t in self.themes)
                + count_ideas(self.unthemed_stacks, self.unthemed))

    @property
    def unthemed_printed(self) -> list[NoteStack]:
        return self.unthemed_stacks or single_stacks(self.unthemed)


@dataclass
class AggregateSection:
    """A step aggregated across workshops (WHO, HOW)."""

    step_key: str
    title: str
    question: str
    workshop_codes: tuple[str, ...]
    #: One group (heading "") for a step without tags; else one per tag, then "Other ideas".
    groups: list[NoteGroup]
    vocabulary_name: str = ""

    @property
    def note_count(self) -> int:
        return sum(g.note_count for g in self.groups)

    @property
    def idea_count(self) -> int:
        return sum(g.idea_count for g in self.groups)


@dataclass
class WorkshopPage:
    code: str
    theme_question: str
    groups: list[NoteGroup]

    @property
    def heading(self) -> str:
        return f"{self.code}: {self.theme_question}" if self.theme_question else self.code

    @property
    def note_count(self) -> int:
        return sum(g.note_count for g in self.groups)


@dataclass
class PerWorkshopSection:
    """A step with a page for each workshop (WHAT)."""

    step_key: str
    title: str
    question: str
    pages: list[WorkshopPage]

    @property
    def note_count(self) -> int:
        return sum(p.note_count for p in self.pages)


@dataclass
class OtherFormatSection:
    """A workshop of another format (e.g. W7 income generation): its notes by step."""

    code: str
    theme_question: str
    format_name: str
    format_description: str
    #: One group per step, headed with the step's question.
    steps: list[NoteGroup]

    @property
    def heading(self) -> str:
        return f"{self.code}: {self.theme_question}" if self.theme_question else self.code

    @property
    def note_count(self) -> int:
        return sum(g.note_count for g in self.steps)


Section = AggregateSection | PerWorkshopSection


@dataclass(frozen=True)
class WorkshopRow:
    """A line of the introduction's table of workshops."""

    code: str
    theme_question: str
    date: str  # as printed, e.g. "20 January 2015"
    venue: str
    attendance: str  # a number, "Not recorded", or the status ("Postponed")
    status: str  # "held", "planned", "postponed", "cancelled"
    reason: str = ""
    rescheduled: str = ""
    included: bool = True


@dataclass(frozen=True)
class AttendanceColumn:
    code: str
    counts: dict[str, int]
    recorded: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class AreaInfo:
    """A support area (or other tag) explained in the introduction."""

    label: str
    description: str = ""


@dataclass
class SummaryTable:
    """One table of the Summary (and one sheet of the Excel export)."""

    heading: str
    header: list[str]
    rows: list[list[str]]
    #: A sentence before the table.
    intro: str = ""
    #: Columns from this one on are numbers (right-aligned; numbers in Excel).
    numeric_from: int | None = 1
    #: A bar chart of the same figures: (title, labels, series, axis label, maximum).
    chart: ChartSpec | None = None
    weights: list[float] | None = None


@dataclass
class ChartSpec:
    """What a chart shows; ``facilitator.reports.charts`` draws it (only if charts are on):
    a horizontal bar chart, one row per label; one series (plain bars) or several (stacked
    segments, with a legend)."""

    title: str
    labels: list[str]
    series: list[tuple[str, list[int]]]
    axis: str
    alt: str
    #: The largest value the axis shows (e.g. M in "raised at N of M"); default: the data's.
    maximum: int | None = None

    @property
    def stacked(self) -> bool:
        return len(self.series) > 1


@dataclass
class Summary:
    """Key findings, after the introduction: what happened and what came up most."""

    sentences: list[str]
    tables: list[SummaryTable]


@dataclass
class Report:
    title: str
    subtitle: str
    organisation: str
    date_range: str
    produced: str  # as printed
    purpose: str
    questions: list[str]
    workshops: list[WorkshopRow]
    #: (heading, sentence, areas) for each tagged aggregate step, e.g. the support areas.
    area_explanations: list[tuple[str, str, list[AreaInfo]]]
    sections: list[Section]
    other_formats: list[OtherFormatSection]
    #: (category key, label) rows of the appendix, only categories someone came from.
    attendance_categories: list[tuple[str, str]]
    attendance: list[AttendanceColumn]
    single_workshop: bool = False
    #: For a single workshop's summary: its code and theme question, and where it was held.
    workshop_heading: str = ""
    venue: str = ""
    warnings: list[str] = field(default_factory=list)
    #: Other formats' names and descriptions, for the introduction.
    other_format_notes: list[str] = field(default_factory=list)
    #: "Held: 3 February 2015, Melton" / "Workshops held: ..." / "Planned for: ..." (title page).
    held_line: str = ""
    #: Codes of the workshops the results count (held), in report order.
    counted_codes: list[str] = field(default_factory=list)
    #: The Summary section (None for a single workshop's summary).
    summary: Summary | None = None
    #: Appendix A, the action plan (``facilitator.reports.action_plan.ActionPlan``), when
    #: the person exporting asked for it; None leaves it out.
    action_plan: Any = None
    #: The optional "Community assets" section (``reports.assets_section.AssetsSection``).
    community_assets: AssetsSection | None = None

    @property
    def note_count(self) -> int:
        return sum(s.note_count for s in self.sections) + sum(
            s.note_count for s in self.other_formats
        )

    def section_counts(self) -> list[tuple[str, int]]:
        """(section title, notes) in report order, for the export dialog."""
        counts = [(s.title, s.note_count) for s in self.sections]
        counts += [(s.code, s.note_count) for s in self.other_formats]
        return counts
