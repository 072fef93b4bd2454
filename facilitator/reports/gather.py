"""Gathering a programme's workshops, notes and themes into a :class:`Report`.

The rules of the Summary of Results (seed 003, paragraph 15):

* the format most of the selected workshops use is the *main* format; its
  ``aggregate`` steps (WHO, HOW) are aggregated across those workshops and its
  ``per-workshop`` steps (WHAT) get a page per workshop;
* a step with a tag vocabulary (HOW's support areas) has one group per tag in
  the vocabulary's order, then "Other ideas" for notes with no tag;
* only workshops that took place are counted ("raised at N of M", the pages, the
  totals): held, or still marked planned but with notes captured (notes show it met).
  A postponed, cancelled or planned-without-notes workshop chosen explicitly is listed
  with its status and left out of the results, and a warning says so;
* themes are ordered by how many workshops raised them, then by notes, then
  alphabetically; notes not in any theme follow in the order they were written;
* workshops of any other format get a section each, their notes by step.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from facilitator.formats import Format, Step
from facilitator.models import (
    PARTICIPANT_CATEGORIES,
    Note,
    Programme,
    Workshop,
    WorkshopStatus,
)
from facilitator.reports.findings import (
    key_findings,
    report_warnings,
    stack_lines,
    status_words,
    top_votes,
)
from facilitator.reports.model import (
    NOT_YET_SORTED,
    AggregateSection,
    AreaInfo,
    AttendanceColumn,
    NoteGroup,
    NoteLine,
    OtherFormatSection,
    PerWorkshopSection,
    Report,
    Summary,
    ThemeGroup,
    WorkshopPage,
    WorkshopRow,
)
from facilitator.reports.text import (
    count_word,
    long_date,
    plural,
    same_name,
    when_range,
)
from facilitator.selection import (  # noqa: F401 - (callers import them from here too)
    NOT_HELD,
    default_selection,
    find_programme,
    programme_workshops,
    select_workshops,
)
from facilitator.store import LibraryError, Store


def took_place(workshop: Workshop, has_notes: bool) -> bool:
    """Whether a workshop counts in the results: held, or planned with notes captured."""
    if workshop.status == WorkshopStatus.HELD:
        return True
    return workshop.status == WorkshopStatus.PLANNED and has_notes


class _Gatherer:
    def __init__(self, store: Store, programme: Programme, workshops: list[Workshop]) -> None:
        self.store = store
        self.programme = programme
        self.workshops = workshops
        self.order = {w.id: i for i, w in enumerate(workshops)}
        self.formats: dict[str, Format] = {w.format_key: store.get_format(w.format_key) for w in workshops}
        themes = store.themes(programme.id)
        self.theme_labels = {t.id: t.label for t in themes}
        self.notes: dict[tuple[str, str], list[Note]] = {}
        for note in store.notes(workshop_ids=[w.id for w in workshops]):
            self.notes.setdefault((note.workshop_id, note.step_key), []).append(note)
        with_notes = {key[0] for key in self.notes}
        #: The workshops the results count; one workshop's own summary is always itself.
        self.counted = [w for w in workshops if took_place(w, w.id in with_notes)]
        if len(workshops) == 1:
            self.counted = list(workshops)
        self.not_counted = [w for w in workshops if w not in self.counted]
        basis = self.counted or workshops
        counts = Counter(w.format_key for w in basis)
        top = max(counts.values())
        self.main_key = next(w.format_key for w in basis if counts[w.format_key] == top)

    # ------------------------------------------------------------- grouping
    def _line(self, note: Note, fmt: Format, code: str) -> NoteLine:
        labels: tuple[str, ...] = ()
        if note.tags:
            vocab = fmt.vocabulary_for(note.step_key) if note.step_key in fmt.step_keys() else None
            labels = tuple(vocab.label_for(t) if vocab else t for t in note.tags)
        return NoteLine(note.text, code, labels)

    def _group(
        self, heading: str, notes: list[tuple[Workshop, Note]], of_workshops: int, description: str = ""
    ) -> NoteGroup:
        """Themes (ordered by workshops, notes, label) and then the unthemed notes.

        Themes with the same name (say "Transport", made on two laptops before their
        workshop files met) are one theme to a reader: they are shown once, counted together.
        """
        by_theme: dict[str, list[tuple[Workshop, Note]]] = {}
        labels: dict[str, set[str]] = {}
        unthemed: list[NoteLine] = []
        for workshop, note in notes:
            fmt = self.formats[workshop.format_key]
            if note.theme_id and note.theme_id in self.theme_labels:
                label = self.theme_labels[note.theme_id]
                key = same_name(label)
                by_theme.setdefault(key, []).append((workshop, note))
                labels.setdefault(key, set()).add(label)
            else:
                unthemed.append(self._line(note, fmt, workshop.code))
        themes = []
        for key, members in by_theme.items():
            raised = sorted({w.id for w, _ in members}, key=self.order.__getitem__)
            codes = tuple(next(w.code for w, _ in members if w.id == i) for i in raised)
            themes.append(
                ThemeGroup(
                    label=min(labels[key]),
                    notes=(lines := [self._line(n, self.formats[w.format_key], w.code)
                                     for w, n in members]),
                    workshop_codes=codes,
                    of_workshops=of_workshops,
                    stacks=stack_lines(lines),
                )
            )
        themes.sort(key=lambda t: (-len(t.workshop_codes), -t.note_count, t.label.casefold(), t.label))
        return NoteGroup(heading, themes, unthemed, description, stack_lines(unthemed))

    def _groups_for_step(
        self, step: Step, fmt: Format, notes: list[tuple[Workshop, Note]], of_workshops: int
    ) -> list[NoteGroup]:
        vocab = fmt.vocabularies.get(step.vocabulary) if step.vocabulary else None
        if vocab is None:
            return [self._group("", notes, of_workshops)]
        keys = vocab.keys()
        sorted_notes: dict[str, list[tuple[Workshop, Note]]] = {k: [] for k in keys}
        unsorted: list[tuple[Workshop, Note]] = []
        for workshop, note in notes:
            key = next((k for k in keys if k in note.tags), None)
            (sorted_notes[key] if key else unsorted).append((workshop, note))
        groups = [
            self._group(tag.label, sorted_notes[tag.key], of_workshops, tag.description)
            for tag in vocab.tags
        ]
        if unsorted:
            groups.append(self._group(NOT_YET_SORTED, unsorted, of_workshops))
        return groups

    def _step_notes(self, workshops: list[Workshop], step_key: str) -> list[tuple[Workshop, Note]]:
        return [(w, n) for w in workshops for n in self.notes.get((w.id, step_key), [])]

    # ------------------------------------------------------------- sections
    def sections(self) -> list[AggregateSection | PerWorkshopSection]:
        fmt = self.formats[self.main_key]
        main = [w for w in self.counted if w.format_key == self.main_key]
        single = len(self.workshops) == 1
        area = self.programme.area
        sections: list[AggregateSection | PerWorkshopSection] = []
        for step in fmt.steps:
            question = step.question_for(area)
            if step.report == "aggregate":
                of = 0 if single else len(main)
                sections.append(
                    AggregateSection(
                        step_key=step.key,
                        title=step.title,
                        question=question,
                        workshop_codes=tuple(w.code for w in main),
                        groups=self._groups_for_step(step, fmt, self._step_notes(main, step.key), of),
                        vocabulary_name=fmt.vocabularies[step.vocabulary].name if step.vocabulary else "",
                    )
                )
            else:
                pages = [
                    WorkshopPage(
                        w.code,
                        w.theme_question,
                        self._groups_for_step(step, fmt, self._step_notes([w], step.key), 0),
                    )
                    for w in main
                ]
                sections.append(PerWorkshopSection(step.key, step.title, question, pages))
        return sections

    def other_formats(self) -> list[OtherFormatSection]:
        result = []
        for w in self.counted:
            if w.format_key == self.main_key:
                continue
            fmt = self.formats[w.format_key]
            steps = []
            for step in fmt.steps:
                groups = self._groups_for_step(step, fmt, self._step_notes([w], step.key), 0)
                heading = step.question_for(self.programme.area)
                if len(groups) == 1:
                    groups[0].heading = heading
                    steps.append(groups[0])
                else:
                    steps.append(NoteGroup(heading))
                    steps.extend(groups)
            result.append(OtherFormatSection(w.code, w.theme_question, fmt.name, fmt.description, steps))
        return result

    # ---------------------------------------------------------- introduction
    def workshop_rows(self) -> list[WorkshopRow]:
        selected = {w.id for w in self.counted}
        chosen = {w.id for w in self.workshops}
        rows = []
        listed = list(self.workshops)
        if len(self.workshops) > 1:
            listed = [
                w for w in programme_workshops(self.store, self.programme)
                if w.id in chosen or w.status in NOT_HELD
            ]
        for w in listed:
            attendance = self.store.attendance(w.id)
            if w.status in NOT_HELD or (w.id not in selected and len(self.workshops) > 1):
                shown = w.status.label
            elif attendance.counts:
                shown = str(attendance.total)
            else:
                shown = "Not recorded"
            rows.append(
                WorkshopRow(
                    code=w.code,
                    theme_question=w.theme_question,
                    date=long_date(w.date) or "Not set",
                    venue=w.venue,
                    attendance=shown,
                    status=w.status.value,
                    reason=w.status_reason,
                    rescheduled=long_date(w.rescheduled_date),
                    included=w.id in selected,
                )
            )
        return rows

    def attendance(self) -> tuple[list[tuple[str, str]], list[AttendanceColumn]]:
        columns = []
        for w in self.counted:
            counts = self.store.attendance(w.id).counts
            columns.append(AttendanceColumn(w.code, dict(counts), bool(counts)))
        used = [(k, label) for k, label in PARTICIPANT_CATEGORIES if any(k in c.counts for c in columns)]
        return used, columns

    def area_explanations(self) -> list[tuple[str, str, list[AreaInfo]]]:
        fmt = self.formats[self.main_key]
        result = []
        for step in fmt.steps:
            if not step.vocabulary:
                continue
            vocab = fmt.vocabularies[step.vocabulary]
            count = len(vocab.tags)
            sentence = (
                f"Each {step.title} idea is sorted under one of {count_word(count)} "
                f"{plural(vocab.name.lower())}, always in this order:"
            )
            areas = [AreaInfo(t.label, t.description) for t in vocab.tags]
            result.append((f"The {plural(vocab.name.lower())}", sentence, areas))
        return result

    def _single_summary(self) -> Summary | None:
        """One workshop's summary has a Summary only for its dot-votes, when it had some."""
        table = top_votes(self.store, self.counted)
        return Summary([], [table]) if table is not None else None

    def report(self, today: date) -> Report:
        sections = self.sections()
        others = self.other_formats()
        categories, attendance = self.attendance()
        fmt = self.formats[self.main_key]
        single = len(self.workshops) == 1
        other_notes = []
        for key in dict.fromkeys(w.format_key for w in self.counted):
            if key != self.main_key:
                codes = ", ".join(w.code for w in self.counted if w.format_key == key)
                other = self.formats[key]
                other_notes.append(
                    f"{codes} used a different format, {other.name}. {other.description}".strip()
                )
        subtitle, heading, venue = "Summary of Results", "", ""
        held_line = ""
        if single:
            first = self.workshops[0]
            subtitle = f"Workshop summary: {first.code}"
            heading = f"{first.code}: {first.theme_question}".rstrip(": ")
            venue = ", ".join(v for v in (first.venue, first.district) if v)
            where = ", ".join(x for x in (long_date(first.date), venue) if x)
            if took_place(first, bool(self.notes)):
                held_line = f"Held: {where}" if where else ""
            else:
                subtitle += f" (not held: {first.status.value})"
                heading += f" (not held: {status_words(first)})"
                held_line = f"{'Planned for' if where else 'Not yet held'}{': ' + where if where else ''}."
                if first.status_reason.strip():
                    held_line += f" {first.status.label}: {first.status_reason.strip()}"
        elif self.counted:
            span = when_range(w.date for w in self.counted)
            held_line = f"Workshops held: {span}" if span else ""
        return Report(
            title=self.programme.title,
            subtitle=subtitle,
            organisation=self.programme.organisation,
            date_range=when_range(w.date for w in self.counted),
            produced=long_date(today.isoformat()),
            purpose=self.programme.description,
            questions=[s.question_for(self.programme.area) for s in fmt.steps],
            workshops=self.workshop_rows(),
            area_explanations=self.area_explanations(),
            sections=sections,
            other_formats=others,
            attendance_categories=categories,
            attendance=attendance,
            single_workshop=single,
            workshop_heading=heading,
            venue=venue,
            warnings=report_warnings(self.counted, self.not_counted, self.notes, sections,
                                     attendance),
            other_format_notes=other_notes,
            held_line=held_line,
            counted_codes=[w.code for w in self.counted],
            summary=self._single_summary() if single
            else key_findings(self.store, self.counted, self.workshop_rows(), sections, others,
                              categories, attendance),
        )


def build_report(
    store: Store,
    programme: Programme,
    workshops: Sequence[Workshop] | None = None,
    *,
    today: date | None = None,
    assets: bool = False,
) -> Report:
    """The report for ``workshops`` (default: the programme's workshops that were not
    postponed or cancelled), in programme order. One workshop gives its own summary.
    ``assets``: with the optional "Community assets" section (the programme's register)."""
    ordered = programme_workshops(store, programme)
    chosen = list(workshops) if workshops is not None else default_selection(ordered)
    if not chosen:
        raise LibraryError(f"{programme.title}: choose at least one workshop for the report.")
    position = {w.id: i for i, w in enumerate(ordered)}
    chosen.sort(key=lambda w: position.get(w.id, len(position)))
    report = _Gatherer(store, programme, chosen).report(today or date.today())
    if assets:
        add_assets_section(store, programme, report)
    return report


def add_assets_section(store: Store, programme: Programme, report: Report) -> None:
    """Put the programme's community assets section in ``report`` (issue 11)."""
    from facilitator.reports.assets_section import gather_assets

    report.community_assets = gather_assets(store, programme)
    report.warnings.extend(w for w in report.community_assets.warnings
                           if w not in report.warnings)
