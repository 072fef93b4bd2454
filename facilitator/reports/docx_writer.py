"""Writing a :class:`Report` as a Word document with python-docx.

Only Word's built-in styles are used (Title, Heading 1-3, List Bullet, a table
style ...), so the navigation pane, the table of contents and accessibility
checkers work and the Communities Team can edit the result.

Speed: python-docx's ``paragraph.style = ...`` looks the style up, and checks it
against the default style by scanning every style in the template, for each
paragraph; with a few thousand notes that is most of the export. The writer
resolves each style's id once and gives each new paragraph a copy of a prepared
``<w:pPr><w:pStyle w:val="id"/></w:pPr>``: the same XML python-docx's own setter
writes after its lookup, and what Word itself writes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from facilitator.reports.model import (
    AggregateSection,
    NoteGroup,
    OtherFormatSection,
    PerWorkshopSection,
    Report,
    ThemeGroup,
)
from facilitator.reports.safe_write import write_atomically
from facilitator.reports.template import (
    FALLBACK_TABLE_STYLE,
    TABLE_STYLE,
    field_char,
    field_instruction,
    open_template,
)
from facilitator.reports.text import document_text, not_held_line, xml_safe

TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
TOC_PLACEHOLDER = "Right-click and choose Update Field to show the contents."
OTHER_NOTES = "Notes not in a theme"


class DocumentBuilder:
    """Adds paragraphs in built-in styles to a document, each style looked up once."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}
        self._ppr: dict[str, object] = {}
        #: (level, text) of every heading written, for the table of contents.
        self.headings: list[tuple[int, str]] = []

    def style_id(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        key = (name, kind)
        if key not in self._ids:
            style = self.document.styles[name]
            default = self.document.styles.default(kind)
            self._ids[key] = None if default is not None and style == default else style.style_id
        return self._ids[key]

    def _style_properties(self, name: str):
        """A ``w:pPr`` holding just ``w:pStyle`` for this style, built once and copied."""
        if name not in self._ppr:
            style_id = self.style_id(name)
            ppr = None
            if style_id:
                ppr = OxmlElement("w:pPr")
                pstyle = OxmlElement("w:pStyle")
                pstyle.set(qn("w:val"), style_id)
                ppr.append(pstyle)
            self._ppr[name] = ppr
        return self._ppr[name]

    def paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        paragraph = self.document.add_paragraph()
        ppr = self._style_properties(style)
        if ppr is not None:
            paragraph._p.insert(0, copy.deepcopy(ppr))
        if text:
            paragraph.add_run(document_text(text))
        return paragraph

    def run(self, paragraph: Paragraph, text: str, style: str | None = None):
        run = paragraph.add_run(document_text(text))
        if style:
            style_id = self.style_id(style, WD_STYLE_TYPE.CHARACTER)
            if style_id:
                run._r.style = style_id
        return run

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        paragraph = self.paragraph(text, f"Heading {level}")
        self.headings.append((level, text))
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def usable_width(self) -> int:
        section = self.document.sections[-1]
        try:
            return int(section.page_width - section.left_margin - section.right_margin)
        except TypeError:  # a template without page size: assume A4 with 2.5 cm margins
            return int(Cm(16))

    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        weights: list[float] | None = None,
        numeric_from: int | None = None,
    ):
        """A table in the template's table style, with a header row and column widths
        in proportion to ``weights``; columns from ``numeric_from`` are right-aligned."""
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        names = {s.name for s in self.document.styles if s.type == WD_STYLE_TYPE.TABLE}
        for name in (TABLE_STYLE, FALLBACK_TABLE_STYLE):
            if name in names:
                table.style = self.document.styles[name]
                break
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = xml_safe(text)
        _repeat_header(table.rows[0])
        for row, values in zip(table.rows[1:], rows, strict=True):
            _keep_row_together(row)
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = xml_safe(text)
        weights = weights or [1.0] * len(header)
        total = self.usable_width()
        widths = [int(total * w / sum(weights)) for w in weights]
        table.autofit = False
        for index, column in enumerate(table.columns):
            column.width = widths[index]
            for cell in column.cells:
                cell.width = widths[index]
                if numeric_from is not None and index >= numeric_from:
                    for paragraph in cell.paragraphs:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return table


def _keep_row_together(row) -> None:
    """A row never splits across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    """Mark a table's first row as its header row (repeats on each page; read as headers)."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


class ReportWriter:
    def __init__(self, report: Report, document: Document) -> None:
        self.report = report
        self.b = DocumentBuilder(document)

    def write(self) -> None:
        self.title_block()
        self.introduction()
        for section in self.report.sections:
            if isinstance(section, AggregateSection):
                self.aggregate(section)
            else:
                self.per_workshop(section)
        for section in self.report.other_formats:
            self.other_format(section)
        self.appendix()
        self.table_of_contents()
        self.properties()

    # ------------------------------------------------------------ title page
    def title_block(self) -> None:
        r, b = self.report, self.b
        b.paragraph(r.title, "Title")
        b.paragraph(r.subtitle, "Subtitle")
        if r.organisation:
            b.paragraph(r.organisation)
        if r.workshop_heading:
            b.paragraph(r.workshop_heading)
        if r.single_workshop and (r.date_range or r.venue):
            b.paragraph(f"Held: {', '.join(x for x in (r.date_range, r.venue) if x)}")
        elif r.date_range:
            b.paragraph(f"Workshops held: {r.date_range}")
        b.paragraph(f"Produced: {r.produced}")
        self.toc_anchor = None if r.single_workshop else b.paragraph("Contents", "TOC Heading")

    def table_of_contents(self) -> None:
        """A TOC field after "Contents", its result pre-filled with the headings (no page
        numbers yet), marked dirty so Word refreshes it; LibreOffice: Update Index."""
        if self.toc_anchor is None:
            return
        b = self.b
        entries = [(level, text) for level, text in b.headings if level <= 2]
        paragraphs = []
        for level, text in entries or [(1, TOC_PLACEHOLDER)]:
            paragraph = b.paragraph(text)
            paragraph.paragraph_format.space_after = Pt(2)
            if level > 1:
                paragraph.paragraph_format.left_indent = Cm(0.75 * (level - 1))
            paragraphs.append(paragraph)
        first = paragraphs[0]._p
        at = 1 if first.pPr is not None else 0
        for offset, run in enumerate(
            (field_char("begin", dirty=True), field_instruction(TOC_INSTRUCTION), field_char("separate"))
        ):
            first.insert(at + offset, run)
        paragraphs[-1]._p.append(field_char("end"))
        anchor = self.toc_anchor._p
        for paragraph in reversed(paragraphs):
            anchor.addnext(paragraph._p)

    # ---------------------------------------------------------- introduction
    def introduction(self) -> None:
        r, b = self.report, self.b
        b.heading("Introduction", 1, new_page=not r.single_workshop)
        if r.purpose.strip():
            b.heading("Purpose", 2)
            for block in r.purpose.replace("\r\n", "\n").split("\n\n"):
                if block.strip():
                    b.paragraph(block)
        b.heading("The questions", 2)
        if r.questions:
            b.paragraph("Each workshop worked through these questions, in order:")
            for question in r.questions:
                b.paragraph(question, "List Bullet")
        for note in r.other_format_notes:
            b.paragraph(note)
        b.heading("The workshops", 2)
        b.table(
            ["Workshop", "Theme question", "Date", "Venue", "Attendance"],
            [[w.code, w.theme_question, w.date, w.venue, w.attendance] for w in r.workshops],
            weights=[2.4, 5.4, 2.8, 2.6, 2.8],
        )
        not_held = [w for w in r.workshops if w.status in ("postponed", "cancelled")]
        if not_held:
            lead = b.paragraph("Workshops postponed or cancelled:").paragraph_format
            lead.space_before, lead.keep_with_next = Pt(10), True
            for w in not_held:
                text = not_held_line(w.code, w.status, w.reason, w.rescheduled)
                b.paragraph(text, "List Bullet")
            if any(not w.included for w in not_held):
                b.paragraph("Workshops that did not take place are not included in the results.")
        for heading, sentence, areas in r.area_explanations:
            b.heading(heading, 2)
            b.paragraph(sentence)
            for area in areas:
                paragraph = b.paragraph("", "List Bullet")
                b.run(paragraph, area.label, "Strong")
                if area.description:
                    b.run(paragraph, f": {area.description}")

    # -------------------------------------------------------------- sections
    def aggregate(self, section: AggregateSection) -> None:
        b = self.b
        b.heading(section.question, 1, new_page=not self.report.single_workshop)
        if not self.report.single_workshop and section.workshop_codes:
            count = len(section.workshop_codes)
            b.paragraph(
                f"Aggregated across {count} workshop{'s' if count != 1 else ''}: "
                f"{', '.join(section.workshop_codes)}."
            )
        self.groups(section.groups, level=2)

    def per_workshop(self, section: PerWorkshopSection) -> None:
        b, single = self.b, self.report.single_workshop
        b.heading(section.question, 1, new_page=not single)
        for index, page in enumerate(section.pages):
            if not single:
                # The first page shares its page with the section heading.
                b.heading(page.heading, 2, new_page=index > 0)
            self.groups(page.groups, level=3 if not single else 2)

    def other_format(self, section: OtherFormatSection) -> None:
        b = self.b
        b.heading(section.heading, 1, new_page=not self.report.single_workshop)
        intro = f"This workshop used a different format: {section.format_name}."
        b.paragraph(f"{intro} {section.format_description}".strip())
        for group in section.steps:
            b.heading(group.heading, 2)
            self.group_body(group, level=3)

    def groups(self, groups: list[NoteGroup], level: int) -> None:
        b = self.b
        if not any(g.note_count for g in groups):
            b.paragraph("No notes were recorded.")
            return
        for group in groups:
            if group.heading:
                b.heading(group.heading, min(level, 3))
                if group.description:
                    b.paragraph(group.description)
                self.group_body(group, level + 1)
            else:
                self.group_body(group, level)

    def group_body(self, group: NoteGroup, level: int) -> None:
        b = self.b
        for theme in group.themes:
            self.theme(theme)
        if group.unthemed and group.themes:
            if level <= 3:
                b.heading(OTHER_NOTES, level)
            else:
                b.run(b.paragraph(), OTHER_NOTES, "Strong")
        for note in group.unthemed:
            b.paragraph(note.text, "List Bullet")
        if not group.themes and not group.unthemed:
            b.paragraph("No notes.")

    def theme(self, theme: ThemeGroup) -> None:
        b = self.b
        paragraph = b.paragraph("", "List Bullet")
        paragraph.paragraph_format.keep_with_next = True  # the theme stays with its notes
        b.run(paragraph, theme.label, "Strong")
        b.run(paragraph, f" — {theme.caption}")
        for note in theme.notes:
            b.paragraph(note.text, "List Bullet 2")

    # -------------------------------------------------------------- appendix
    def appendix(self) -> None:
        r, b = self.report, self.b
        b.heading("Appendix: attendance by participant category", 1, new_page=not r.single_workshop)
        if not r.attendance_categories:
            b.paragraph("No attendance was recorded.")
            return
        header = ["Participant category"] + [c.code for c in r.attendance] + ["Total"]
        rows = []
        for key, label in r.attendance_categories:
            counts = [c.counts.get(key, 0) for c in r.attendance]
            cells = [str(n) if c.recorded else "–" for n, c in zip(counts, r.attendance, strict=True)]
            rows.append([label, *cells, str(sum(counts))])
        totals = [str(c.total) if c.recorded else "–" for c in r.attendance]
        rows.append(["Total", *totals, str(sum(c.total for c in r.attendance))])
        if len(r.attendance) == 1:
            header, rows = [header[0], "People"], [[row[0], row[-1]] for row in rows]
        weights = [4.5] + [1.0] * (len(header) - 2) + [1.3]
        b.table(header, rows, weights=weights, numeric_from=1)
        missing = [c.code for c in r.attendance if not c.recorded]
        if missing:
            b.paragraph(f"No attendance was recorded for {', '.join(missing)}.")

    def properties(self) -> None:
        properties = self.b.document.core_properties
        properties.title = xml_safe(f"{self.report.title}: {self.report.subtitle}")
        properties.subject = xml_safe(self.report.subtitle)
        properties.author = xml_safe(self.report.organisation)
        properties.last_modified_by = xml_safe(self.report.organisation)
        now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        properties.created = now
        properties.modified = now
        properties.revision = 1
        properties.language = "en-GB"
        properties.keywords = ""
        properties.comments = "Produced by Workshop Facilitator."


def render_report(report: Report, template: Path | str | None = None) -> Document:
    """The report as a python-docx Document (not yet saved)."""
    document = open_template(template)
    ReportWriter(report, document).write()
    return document


def report_bytes(report: Report, template: Path | str | None = None) -> bytes:
    stream = BytesIO()
    render_report(report, template).save(stream)
    return stream.getvalue()


def write_report(
    report: Report,
    target: Path | str,
    template: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Build and save the report; the file appears only once it is complete."""
    if progress:
        progress("Building the document…")
    document = render_report(report, template)
    if progress:
        progress("Saving…")
    return write_atomically(Path(target), document.save)
