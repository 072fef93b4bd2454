"""What a report says about its selection as a whole: the Summary's key findings (workshops
held, attendance, notes per question, the top themes of each aggregated question, ideas by
support area, the top ideas by dot-votes) and the warnings shown before export.
"""

from __future__ import annotations

from facilitator.models import (
    Note,
    Workshop,
    WorkshopStatus,
)
from facilitator.reports.model import (
    NOT_YET_SORTED,
    AggregateSection,
    AttendanceColumn,
    ChartSpec,
    NoteLine,
    NoteStack,
    Summary,
    SummaryTable,
    ThemeGroup,
    WorkshopRow,
)
from facilitator.reports.text import (
    count_word,
    not_printable,
    plural,
    same_name,
)
from facilitator.store import Store

#: How many themes the Summary's "top themes" tables and charts show.
TOP_THEMES = 10
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def stack_lines(lines: list[NoteLine]) -> list[NoteStack]:
    """Near-duplicates (the same words, give or take capitals, accents, punctuation and a
    slip of spelling) stacked, to be printed and counted once; see facilitator.sense.duplicates."""
    from facilitator.sense.duplicates import stacks  # rapidfuzz: only when a report is made

    return [NoteStack(tuple(lines[i] for i in members))
            for members in stacks([line.text for line in lines])]


def key_findings(
    store: Store, counted: list[Workshop], workshop_rows: list[WorkshopRow],
    sections, others, categories, attendance,
) -> Summary:
    """Key findings: workshops held, attendance by category, notes per question, the
    top themes of each aggregated question and HOW ideas by support area."""
    held_codes = ", ".join(w.code for w in counted)
    sentences = [
        f"{count_word(len(counted)).capitalize()} workshop{'s' if len(counted) != 1 else ''} "
        f"took place ({held_codes})."
    ]
    missed = [row for row in workshop_rows if not row.included]
    if missed:
        listed = ", ".join(f"{row.code} ({row.status})" for row in missed)
        sentences.append(
            f"{count_word(len(missed)).capitalize()} did not and "
            f"{'is' if len(missed) == 1 else 'are'} not counted: {listed}."
        )
    tables: list[SummaryTable | None] = []
    if categories:
        total = sum(c.total for c in attendance)
        rows = [
            [label, str(sum(c.counts.get(key, 0) for c in attendance))] for key, label in categories
        ]
        rows.append(["Total", str(total)])
        missing = [c.code for c in attendance if not c.recorded]
        intro = f"{total} people took part."
        if missing:
            intro += f" No attendance was recorded for {', '.join(missing)}."
        tables.append(SummaryTable("Attendance", ["Participant category", "People"], rows, intro,
                                   weights=[4, 1.2]))
    rows = []
    for number, section in enumerate(sections, start=1):
        rows.append([f"{number}) {section.question}", str(section.note_count)])
    for other in others:
        rows.append([other.heading, str(other.note_count)])
    total_notes = sum(int(r[1]) for r in rows)
    rows.append(["Total", str(total_notes)])
    tables.append(SummaryTable("Notes captured", ["Question", "Notes"], rows,
                               f"{total_notes} notes were captured.", weights=[6, 1.2]))
    for section in sections:
        if isinstance(section, AggregateSection):
            tables.append(top_themes(section, chart=not section.vocabulary_name))
            if section.vocabulary_name:
                tables.append(by_area(section))
    tables.append(top_votes(store, counted))
    return Summary(sentences, [t for t in tables if t is not None])


def top_votes(store: Store, counted: list[Workshop], limit: int = 10) -> SummaryTable | None:
    """Top ideas by votes: the dots phones placed (issue 14), counts only."""
    from facilitator.phones.results import top_ideas
    from facilitator.store.votes import votes

    ranked = top_ideas(votes(store, workshop_ids=[w.id for w in counted]), limit)
    if not ranked:
        return None
    codes = {w.id: w.code for w in counted}
    total = sum(v.dots for v in votes(store, workshop_ids=list(codes)))
    where = sorted({codes[v.workshop_id] for v in ranked}, key=list(codes.values()).index)
    rows = [[" ".join(v.label.split()), codes[v.workshop_id], str(v.dots)] for v in ranked]
    intro = (f"Participants placed {total} dots from their phones "
             f"({', '.join(where)}); the ideas with the most dots:")
    return SummaryTable("Top ideas by votes", ["Idea", "Workshop", "Dots"], rows, intro,
                        numeric_from=2, weights=[6, 1.4, 1.1])


def top_themes(
    section: AggregateSection, limit: int = TOP_THEMES, *, chart: bool = True
) -> SummaryTable:
    # A theme whose notes sit under two support areas is one theme here.
    merged: dict[str, ThemeGroup] = {}
    for theme in (t for g in section.groups for t in g.themes):
        key = same_name(theme.label)
        if key in merged:
            known = merged[key]
            codes = set(known.workshop_codes) | set(theme.workshop_codes)
            known.notes = known.notes + theme.notes
            known.stacks = stack_lines(known.notes)
            known.workshop_codes = tuple(c for c in section.workshop_codes if c in codes)
        else:
            merged[key] = ThemeGroup(theme.label, list(theme.notes), theme.workshop_codes,
                                     theme.of_workshops, list(theme.printed))
    themes = sorted(
        merged.values(), key=lambda t: (-len(t.workshop_codes), -t.note_count, t.label.casefold())
    )
    top = themes[:limit]
    of = len(section.workshop_codes)
    rows = [
        [t.label, f"{len(t.workshop_codes)} of {of} ({', '.join(t.workshop_codes)})",
         str(t.note_count) + (f" ({t.idea_count} different)"
                              if t.idea_count < t.note_count else "")]
        for t in top
    ]
    heading = f"Top {section.title} themes"
    if not top:
        return SummaryTable(heading, [], [], f"No {section.title} notes have been put in themes yet.")
    intro = (
        f"The {section.title} themes raised at the most workshops"
        f"{f' (the top {limit} of {len(themes)})' if len(themes) > limit else ''}:"
    )
    alt = (
        f"Bar chart: the top {section.title} themes by the number of workshops (of {of}) that "
        "raised them. " + "; ".join(
            f"{t.label}: {len(t.workshop_codes)} of {of}" for t in top
        ) + "."
    )
    picture = ChartSpec(
        f"Top {section.title} themes", [t.label for t in top],
        [("Workshops", [len(t.workshop_codes) for t in top])],
        f"Workshops that raised it (of {of})", alt, maximum=of,
    )
    return SummaryTable(heading, ["Theme", "Raised at", "Notes"], rows, intro, numeric_from=2,
                        chart=picture if chart else None, weights=[5, 3.2, 1.1])


def by_area(section: AggregateSection) -> SummaryTable:
    """Ideas per support area, one row per workshop (so any number of workshops fits)."""
    areas = [g for g in section.groups]
    codes = list(section.workshop_codes)
    names = [
        (f"{ROMAN[i]}) {g.heading}" if g.heading != NOT_YET_SORTED and i < len(ROMAN) else g.heading)
        for i, g in enumerate(areas)
    ]
    counts = {
        code: [sum(1 for t in g.themes for n in t.notes if n.workshop_code == code)
               + sum(1 for n in g.unthemed if n.workshop_code == code) for g in areas]
        for code in codes
    }
    rows = [[code, *map(str, counts[code]), str(sum(counts[code]))] for code in codes]
    rows.append(["Total", *(str(g.note_count) for g in areas), str(section.note_count)])
    noun = plural(section.vocabulary_name.lower())
    alt = (
        f"Stacked bar chart: {section.title} ideas at each workshop, by {section.vocabulary_name.lower()}. "
        + "; ".join(
            f"{code}: " + ", ".join(f"{name} {n}" for name, n in zip(names, counts[code], strict=True))
            for code in codes
        ) + "."
    )
    chart = ChartSpec(
        f"{section.title} ideas by {section.vocabulary_name.lower()}", codes,
        [(name, [counts[c][i] for c in codes]) for i, name in enumerate(names)],
        f"{section.title} ideas", alt,
    )
    return SummaryTable(
        f"{section.title} ideas by {section.vocabulary_name.lower()}",
        ["Workshop", *names, "Total"], rows,
        f"{section.note_count} {section.title} ideas, under the {noun}:"
        if section.idea_count == section.note_count else
        f"{section.note_count} {section.title} notes, under the {noun}. The table "
        "counts every note; counting notes that say the same thing once, there are "
        f"{section.idea_count} different ideas:",
        chart=chart, weights=None,  # columns as wide as their longest words
    )


def report_warnings(
    counted: list[Workshop], not_counted: list[Workshop],
    notes: dict[tuple[str, str], list[Note]], sections, attendance: list[AttendanceColumn],
) -> list[str]:
    """What the person exporting should know before the report goes out."""
    warnings = [
        f"{w.code} is {status_words(w)}: it is listed with its status and not counted "
        "in the results."
        for w in not_counted
    ]
    for section in sections:
        if isinstance(section, AggregateSection):
            for group in section.groups:
                if group.heading == NOT_YET_SORTED:
                    warnings.append(
                        f"{group.note_count} {section.title} note"
                        f"{'s are' if group.note_count != 1 else ' is'} not yet sorted under "
                        f"a {section.vocabulary_name.lower() or 'heading'}."
                    )
    missing = [c.code for c in attendance if not c.recorded]
    if missing:
        warnings.append(f"No attendance recorded for {', '.join(missing)}.")
    empty = [w.code for w in counted if not any(k[0] == w.id for k in notes)]
    if empty:
        warnings.append(f"No notes yet for {', '.join(empty)}.")
    counted_ids = {w.id for w in counted}
    unprintable = sum(1 for (workshop_id, _), step_notes in notes.items()
                      if workshop_id in counted_ids for n in step_notes if not_printable(n.text))
    if unprintable:
        warnings.append(
            f"{unprintable} note{'s hold' if unprintable != 1 else ' holds'} invisible "
            "control characters (pasted from Word or a PDF), which a Word file cannot "
            "hold: the report leaves those characters out; the notes are unchanged.")
    return warnings


def status_words(workshop: Workshop) -> str:
    if workshop.status == WorkshopStatus.PLANNED:
        return "planned (no notes captured, so not yet held)"
    return workshop.status.value
