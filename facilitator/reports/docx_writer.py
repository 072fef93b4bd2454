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
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from facilitator.reports.contrast import (
    BLACK,
    WCAG_AA,
    WHITE,
    HeaderColours,
    contrast_ratio,
    style_colour,
    table_header_colours,
    theme_colours,
)
from facilitator.reports.gather import NOT_YET_SORTED
from facilitator.reports.model import (
    AggregateSection,
    ChartSpec,
    NoteGroup,
    NoteStack,
    OtherFormatSection,
    PerWorkshopSection,
    Report,
    Summary,
    ThemeGroup,
)
from facilitator.reports.office import (
    PDF_FILTER,
    OfficeError,
    convert,
    find_libreoffice,
    laid_out_pages,
    missing_message,
)
from facilitator.reports.safe_write import check_target, write_atomically
from facilitator.reports.template import (
    FALLBACK_TABLE_STYLE,
    TABLE_STYLE,
    field_char,
    field_instruction,
    open_template,
)
from facilitator.reports.text import document_text, not_held_line, note_text, xml_safe

OTHER_NOTES = "Other points raised"


class DocumentBuilder:
    """Adds paragraphs and tables in built-in styles to a document, in linear time.

    Each new element goes in front of the body's final ``w:sectPr``, held once:
    python-docx's ``document.add_paragraph`` finds that place by scanning the body on
    every call, which made a 32,000-note export take 18 s and 200,000 never finish.
    Each style's id is looked up once.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        body = document.element.body
        self._parent = document._body
        self._end = body.find(qn("w:sectPr"))
        if self._end is None:
            self._end = OxmlElement("w:sectPr")
            body.append(self._end)
        self._ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}
        self._ppr: dict[str, object] = {}
        #: (level, text, bookmark) of every heading written, for the table of contents.
        self.headings: list[tuple[int, str, str]] = []
        self.words = 0
        self.paragraphs = 0
        self._header: HeaderColours | None = None

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

    def add(self, element) -> None:
        """Put a block (``w:p``, ``w:tbl``) at the end of the body, before its section."""
        self._end.addprevious(element)

    def paragraph(self, text: str = "", style: str = "Normal") -> Paragraph:
        p = OxmlElement("w:p")
        ppr = self._style_properties(style)
        if ppr is not None:
            p.append(copy.deepcopy(ppr))
        self.add(p)
        paragraph = Paragraph(p, self._parent)
        self.paragraphs += 1
        if text:
            self.text(paragraph, text)
        return paragraph

    def text(self, paragraph: Paragraph, text: str):
        """A run of ``text`` (newlines as line breaks, tabs as tabs), counted for the
        document's word count."""
        self.words += len(text.split())
        return paragraph.add_run(document_text(text))

    def run(self, paragraph: Paragraph, text: str, style: str | None = None):
        run = self.text(paragraph, text)
        if style:
            style_id = self.style_id(style, WD_STYLE_TYPE.CHARACTER)
            if style_id:
                run._r.style = style_id
        return run

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        paragraph = self.paragraph("", f"Heading {level}")
        bookmark = f"_Toc{len(self.headings) + 1:06d}"
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(len(self.headings) + 1))
        start.set(qn("w:name"), bookmark)
        paragraph._p.append(start)
        self.text(paragraph, text)
        finish = OxmlElement("w:bookmarkEnd")
        finish.set(qn("w:id"), str(len(self.headings) + 1))
        paragraph._p.append(finish)
        self.headings.append((level, text, bookmark))
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def usable_width(self) -> int:
        section = self.document.sections[-1]
        try:
            return int(section.page_width - section.left_margin - section.right_margin)
        except TypeError:  # a template without page size: assume A4 with 2.5 cm margins
            return int(Cm(16))

    def table_style_id(self) -> str | None:
        key = ("<table>", WD_STYLE_TYPE.TABLE)
        if key not in self._ids:
            names = {s.name: s for s in self.document.styles if s.type == WD_STYLE_TYPE.TABLE}
            found = next((names[n] for n in (TABLE_STYLE, FALLBACK_TABLE_STYLE) if n in names), None)
            self._ids[key] = found.style_id if found is not None else None
        return self._ids[key]

    def header_colours(self) -> HeaderColours:
        """The header row's text and fill: the table style's, made readable (4.5:1) if the
        template's are not. Written on the cells too, since LibreOffice does not always
        apply a table style's header-row formatting."""
        if self._header is None:
            style_id = self.table_style_id()
            style = next(
                (s for s in self.document.styles if s.type == WD_STYLE_TYPE.TABLE and s.style_id == style_id),
                None,
            )
            colours = (
                table_header_colours(self.document, style) if style is not None
                else HeaderColours(BLACK, WHITE)
            )
            if contrast_ratio(colours.text, colours.fill) < WCAG_AA:
                text = max((BLACK, WHITE), key=lambda c: contrast_ratio(c, colours.fill))
                colours = HeaderColours(text, colours.fill)
            self._header = colours
        return self._header

    def _header_cell(self, cell, run) -> None:
        colours = self.header_colours()
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), colours.fill)
        cell._tc.get_or_add_tcPr().append(shading)
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(colours.text)

    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        weights: list[float] | None = None,
        numeric_from: int | None = None,
        caption: str = "",
        width: int | None = None,
    ):
        """A table in the template's table style, with a header row (marked as such: it
        repeats on each page and screen readers read it as headers), column widths in
        proportion to ``weights``; columns from ``numeric_from`` are right-aligned.
        ``caption`` is the table's title for assistive technology."""
        total = width or self.usable_width()
        if weights is None:  # each column as wide as its longest word needs
            weights = [
                max(len(word) for cell in column for word in cell.split() or [""]) + 2.0
                for column in zip(header, *rows, strict=True)
            ]
        tbl = CT_Tbl.new_tbl(1 + len(rows), len(header), Emu(total))
        style_id = self.table_style_id()
        if style_id:
            tbl.tblPr.style = style_id
        self.add(tbl)
        table = Table(tbl, self._parent)
        weights = weights or [1.0] * len(header)
        widths = [int(total * w / sum(weights)) for w in weights]
        table.autofit = False
        if caption:
            for tag, value in (("w:tblCaption", caption), ("w:tblDescription", caption)):
                element = OxmlElement(tag)
                element.set(qn("w:val"), xml_safe(value)[:255])
                tbl.tblPr.append(element)
        for index, column in enumerate(table.columns):
            column.width = widths[index]
        for row_index, (row, values) in enumerate(zip(table.rows, [header, *rows], strict=True)):
            if row_index == 0:
                _repeat_header(row)
            else:
                _keep_row_together(row)
            for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
                cell.width = widths[index]
                paragraph = cell.paragraphs[0]
                if text:
                    run = self.text(paragraph, xml_safe(text))
                    if row_index == 0:
                        self._header_cell(cell, run)
                if numeric_from is not None and index >= numeric_from:
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


#: Up to this many workshops the appendix has a column per workshop; more, a row each.
WORKSHOPS_AS_COLUMNS = 6
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def roman(index: int) -> str:
    """i, ii, iii ... for the support areas, as the council's report numbers them."""
    return ROMAN[index] if index < len(ROMAN) else str(index + 1)


class ReportWriter:
    def __init__(self, report: Report, document: Document, *, charts: bool = True) -> None:
        self.report = report
        self.b = DocumentBuilder(document)
        self.charts = charts
        self.figures = 0

    def write(self) -> None:
        self.title_block()
        self.introduction()
        if self.report.summary is not None:
            self.summary(self.report.summary)
        for number, section in enumerate(self.report.sections, start=1):
            if isinstance(section, AggregateSection):
                self.aggregate(section, number)
            else:
                self.per_workshop(section, number)
        for section in self.report.other_formats:
            self.other_format(section)
        if self.report.community_assets is not None:
            from facilitator.reports.assets_section import write_assets_section

            write_assets_section(self.b, self.report.community_assets)
        self.appendix()
        if self.report.action_plan is not None:  # Appendix A, landscape (issue 11)
            from facilitator.reports.action_plan import write_appendix

            write_appendix(self, self.report.action_plan)
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
        if r.held_line:
            b.paragraph(r.held_line)
        b.paragraph(f"Produced: {r.produced}")
        self.toc_anchor = None if r.single_workshop else b.paragraph("Contents", "TOC Heading")

    def table_of_contents(self) -> None:
        """The Contents after its heading: one entry per heading of levels 1 and 2, each a
        link to its heading and a PAGEREF field for its page number (what Word's own
        contents holds). LibreOffice and its PDFs work the numbers out when laying out;
        ``fill_page_numbers`` writes them in for Word (see ``facilitator.reports.office``)."""
        if self.toc_anchor is None:
            return
        b = self.b
        entries = [(level, text, mark) for level, text, mark in b.headings if level <= 2]
        anchor = self.toc_anchor._p
        self.page_results: dict[str, object] = {}
        for level, text, mark in reversed(entries):
            paragraph = b.paragraph("", f"toc {level}")
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), mark)
            link.set(qn("w:history"), "1")
            paragraph._p.append(link)
            for run in (_text_run(text), _tab_run()):
                link.append(run)
            b.words += len(text.split())
            runs = _field_runs(f"PAGEREF {mark} \\h", "")
            self.page_results[mark] = runs[3].find(qn("w:t"))
            for run in runs:
                link.append(run)
            anchor.addnext(paragraph._p)

    def fill_page_numbers(self, pages: dict[str, int]) -> int:
        """Write the laid-out page of each heading into the Contents; how many were found."""
        filled = 0
        for mark, text in getattr(self, "page_results", {}).items():
            if mark in pages:
                text.text = str(pages[mark])
                filled += 1
        return filled

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
            for number, question in enumerate(r.questions, start=1):
                self.numbered(f"{number})", question)
        for note in r.other_format_notes:
            b.paragraph(note)
        b.heading("The workshops", 2)
        b.table(
            ["Workshop", "Theme question", "Date", "Venue", "Attendance"],
            [[w.code, w.theme_question, w.date, w.venue, w.attendance] for w in r.workshops],
            weights=[2.4, 5.4, 2.8, 2.6, 2.8],
            caption="The workshops: theme question, date, venue and attendance",
        )
        not_held = [w for w in r.workshops if not w.included]
        if not_held and not r.single_workshop:
            lead = b.paragraph("Workshops that did not take place:").paragraph_format
            lead.space_before, lead.keep_with_next = Pt(10), True
            for w in not_held:
                text = not_held_line(w.code, w.status, w.reason, w.rescheduled)
                b.paragraph(text, "List Bullet")
            b.paragraph("Workshops that did not take place are not included in the results.")
        for heading, sentence, areas in r.area_explanations:
            b.heading(heading, 2)
            b.paragraph(sentence)
            for index, area in enumerate(areas):
                paragraph = self.numbered(f"{roman(index)})", "")
                b.run(paragraph, area.label, "Strong")
                if area.description:
                    b.run(paragraph, f": {area.description}")

    def numbered(self, number: str, text: str) -> Paragraph:
        """'1) WHO within ...' or 'i) Willingness to do things': the number is part of the
        text (as in the council's report), so it survives any template and copy and paste."""
        paragraph = self.b.paragraph(f"{number}\t{text}" if text else f"{number}\t")
        fmt = paragraph.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Cm(0.9), Cm(-0.9)
        fmt.tab_stops.add_tab_stop(Cm(0.9))
        fmt.space_after = Pt(3)
        return paragraph

    # --------------------------------------------------------------- summary
    def summary(self, summary: Summary) -> None:
        b = self.b
        b.heading("Summary", 1, new_page=True)
        for sentence in summary.sentences:
            b.paragraph(sentence)
        for table in summary.tables:
            b.heading(table.heading, 2)
            if table.intro:
                b.paragraph(table.intro).paragraph_format.keep_with_next = bool(table.header)
            if table.header:
                b.table(table.header, table.rows, weights=table.weights,
                        numeric_from=table.numeric_from, caption=table.heading)
            if table.chart is not None and self.charts:
                self.chart(table.chart)

    def chart(self, spec: ChartSpec) -> None:
        """The chart as a picture the width of the text, with its alt text, then a caption."""
        from facilitator.reports.charts import Chart, render_png, size_cm

        png = render_png(Chart(spec.title, spec.labels, spec.series, spec.axis, spec.alt, spec.maximum))
        width_cm, height_cm = size_cm(png)
        usable = self.b.usable_width()
        width = min(int(Cm(width_cm)), usable)
        paragraph = self.b.paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Pt(8)
        run = paragraph.add_run()
        run.add_picture(BytesIO(png), width=Emu(width), height=Emu(int(width * height_cm / width_cm)))
        self.figures += 1
        doc_pr = run._r.xpath(".//wp:docPr")[0]
        doc_pr.set("name", f"Chart {self.figures}: {xml_safe(spec.title)}")
        doc_pr.set("descr", xml_safe(spec.alt))
        doc_pr.set("title", xml_safe(spec.title))
        caption = self.b.paragraph(f"Figure {self.figures}: {spec.title}", "Caption")
        caption.paragraph_format.space_after = Pt(10)

    # -------------------------------------------------------------- sections
    def aggregate(self, section: AggregateSection, number: int) -> None:
        b = self.b
        b.heading(f"{number}) {section.question}", 1, new_page=not self.report.single_workshop)
        if not self.report.single_workshop and section.workshop_codes:
            count = len(section.workshop_codes)
            b.paragraph(
                f"Aggregated across {count} workshop{'s' if count != 1 else ''}: "
                f"{', '.join(section.workshop_codes)}."
            )
        if section.idea_count < section.note_count:
            b.paragraph(
                "Notes that say the same thing in the same words are listed once, with how "
                "many there were and where they were written (“×3 (W1, W4, W6)”), and "
                "counted once as an idea; “raised at” counts every workshop that wrote one."
            )
        numbered = bool(section.vocabulary_name)
        self.groups(
            section.groups, level=2, name_workshops=not self.report.single_workshop, numbered=numbered
        )

    def per_workshop(self, section: PerWorkshopSection, number: int) -> None:
        b, single = self.b, self.report.single_workshop
        b.heading(f"{number}) {section.question}", 1, new_page=not single)
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

    def groups(
        self, groups: list[NoteGroup], level: int, *, name_workshops: bool = False, numbered: bool = False
    ) -> None:
        b = self.b
        if not any(g.note_count for g in groups):
            b.paragraph("No notes were recorded.")
            return
        for index, group in enumerate(groups):
            if group.heading:
                heading = group.heading
                if numbered and heading != NOT_YET_SORTED:
                    heading = f"{roman(index)}) {heading}"
                b.heading(heading, min(level, 3))
                if group.description:
                    b.paragraph(group.description)
                self.group_body(group, level + 1, name_workshops=name_workshops)
            else:
                self.group_body(group, level, name_workshops=name_workshops)

    def group_body(self, group: NoteGroup, level: int, *, name_workshops: bool = False) -> None:
        b = self.b
        for theme in group.themes:
            self.theme(theme, name_workshops=name_workshops)
        if group.unthemed and group.themes:
            lead = b.paragraph()
            lead.paragraph_format.keep_with_next = True
            lead.paragraph_format.space_before = Pt(8)
            b.run(lead, OTHER_NOTES, "Strong")
        for stack in group.unthemed_printed:
            self.note(stack, "List Bullet", name_workshops)
        if not group.themes and not group.unthemed:
            b.paragraph("No notes.")

    def note(self, stack: NoteStack, style: str, name_workshop: bool) -> None:
        """A note exactly as written (a final line break dropped: it would print as a
        blank line); in an aggregated section followed by the workshop it came from.
        Near-duplicates are printed once, the first as written, with how many ("×3") and,
        in an aggregated section, every workshop that wrote one."""
        paragraph = self.b.paragraph("", style)
        self.b.text(paragraph, note_text(stack.first.text))
        if stack.count > 1:
            self.b.text(paragraph, f" ×{stack.count}")
        if name_workshop:
            self.b.text(paragraph, f" ({', '.join(stack.workshop_codes)})")

    def theme(self, theme: ThemeGroup, *, name_workshops: bool = False) -> None:
        b = self.b
        paragraph = b.paragraph("", "List Bullet")
        paragraph.paragraph_format.keep_with_next = True  # the theme stays with its notes
        b.run(paragraph, theme.label, "Strong")
        b.run(paragraph, f" — {theme.caption}")
        for stack in theme.printed:
            self.note(stack, "List Bullet 2", name_workshops and len(theme.workshop_codes) > 0)

    # -------------------------------------------------------------- appendix
    def appendix(self) -> None:
        """Attendance by participant category. Up to six workshops: a row per category and a
        column per workshop (as the council's report has it). More: a row per workshop, so
        30 workshops read as easily as three, on landscape pages when the categories are many."""
        r, b = self.report, self.b
        wide = len(r.attendance) > WORKSHOPS_AS_COLUMNS and len(r.attendance_categories) > 4
        if wide:
            self.landscape_from_here()
        b.heading("Appendix: attendance by participant category", 1,
                  new_page=not r.single_workshop and not wide)
        if not r.attendance_categories:
            b.paragraph("No attendance was recorded.")
            return
        caption = "Attendance by participant category and workshop"
        if len(r.attendance) > WORKSHOPS_AS_COLUMNS:
            header = ["Workshop", *(label for _key, label in r.attendance_categories), "Total"]
            rows = []
            for column in r.attendance:
                cells = [str(column.counts.get(key, 0)) if column.recorded else "–"
                         for key, _label in r.attendance_categories]
                rows.append([column.code, *cells, str(column.total) if column.recorded else "–"])
            totals = [str(sum(c.counts.get(key, 0) for c in r.attendance))
                      for key, _label in r.attendance_categories]
            rows.append(["Total", *totals, str(sum(c.total for c in r.attendance))])
            # Each column as wide as its longest word needs (headings wrap between words only).
            b.table(header, rows, weights=None, numeric_from=1, caption=caption)
        else:
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
            b.table(header, rows, weights=weights, numeric_from=1, caption=caption)
        missing = [c.code for c in r.attendance if not c.recorded]
        if missing:
            b.paragraph(f"No attendance was recorded for {', '.join(missing)}.")

    def landscape_from_here(self) -> None:
        """End the portrait pages here (a copy of the final section's set-up, headers and
        footers included) and make what follows landscape."""
        b = self.b
        final = b._end
        portrait = copy.deepcopy(final)
        paragraph = b.paragraph()
        paragraph._p.get_or_add_pPr().append(portrait)
        size = final.find(qn("w:pgSz"))
        if size is not None and size.get(qn("w:w")) and size.get(qn("w:h")):
            width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
            size.set(qn("w:w"), str(max(width, height)))
            size.set(qn("w:h"), str(min(width, height)))
            size.set(qn("w:orient"), "landscape")
        title_page = final.find(qn("w:titlePg"))
        if title_page is not None:  # a cover's first-page header is for the cover only
            final.remove(title_page)
        kind = final.find(qn("w:type"))
        if kind is not None:
            final.remove(kind)

    def properties(self, pages: int | None = None) -> None:
        """Title, author, language and app.xml (``pages`` once a laid-out copy says)."""
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
        set_app_properties(self.b.document, self.b.words, self.b.paragraphs, pages)


APP_XML = "/docProps/app.xml"


def set_app_properties(document: Document, words: int, paragraphs: int, pages: int | None) -> None:
    """docProps/app.xml as it is: made by this app, its real word count, and its pages only
    when a laid-out copy told us (a template's "Microsoft Macintosh Word, 1 page, 0 words"
    would otherwise be kept)."""
    lines = [
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>",
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">',
        "<Application>Workshop Facilitator</Application>",
        "<DocSecurity>0</DocSecurity>",
    ]
    if pages:
        lines.append(f"<Pages>{pages}</Pages>")
    lines += [f"<Words>{words}</Words>", f"<Paragraphs>{paragraphs}</Paragraphs>", "</Properties>"]
    blob = "".join(lines).encode("utf-8")
    package = document.part.package
    for part in package.iter_parts():
        if part.partname == APP_XML:
            part._blob = blob
            return
    part = Part(PackURI(APP_XML), EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


EXTENDED_PROPERTIES = "application/vnd.openxmlformats-officedocument.extended-properties+xml"


def _text_run(text: str):
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = xml_safe(text)
    run.append(t)
    return run


def _tab_run():
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:tab"))
    return run


def _field_runs(instruction: str, result: str) -> list:
    return [
        field_char("begin"), field_instruction(instruction), field_char("separate"),
        _text_run(result), field_char("end"),
    ]


@dataclass
class ExportResult:
    """What an export wrote, and what the person exporting should know about it."""

    path: Path
    pdf: Path | None = None
    notes: list[str] = field(default_factory=list)
    pages: int | None = None


def render_report(
    report: Report, template: Path | str | None = None, *, charts: bool = True
) -> Document:
    """The report as a python-docx Document (not yet saved; Contents page numbers empty)."""
    document = open_template(template)
    ReportWriter(report, document, charts=charts).write()
    return document


def _document_bytes(document: Document) -> bytes:
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def export_report(
    report: Report,
    target: Path | str,
    template: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    charts: bool = True,
    pdf: bool = False,
    layout: bool = True,
) -> ExportResult:
    """Build and save the report (and its PDF); each file appears only once complete.

    With ``layout`` and LibreOffice installed, the Contents gets its page numbers
    (``facilitator.reports.office``); without LibreOffice the file asks Word to fill
    them in, and the result's notes say so. ``pdf`` needs LibreOffice: without it
    nothing is written and the message says what to do.
    """
    target = Path(target)
    soffice = find_libreoffice() if (layout or pdf) else None
    if pdf and soffice is None:
        raise OfficeError(missing_message("save a PDF"), target)
    pdf_target = target.with_suffix(".pdf") if pdf else None
    for path in (target, pdf_target):
        if path is not None:
            check_target(path)
    say = progress or (lambda _text: None)
    say("Building the document…")
    document = open_template(template)
    writer = ReportWriter(report, document, charts=charts)
    writer.write()
    result = ExportResult(target)
    result.notes += low_contrast_styles(document)
    if writer.toc_anchor is not None:
        if soffice is not None and layout:
            say("Numbering the contents' pages with LibreOffice…")
            try:
                pages, count = laid_out_pages(soffice, _document_bytes(document))
            except OfficeError as exc:
                pages, count = {}, None
                result.notes.append(f"Contents page numbers not added ({exc}); Word fills them in "
                                    "when you open the file and agree to update fields.")
            if pages:
                writer.fill_page_numbers(pages)
                result.pages = count
                writer.properties(pages=count)
        else:
            ask_word_to_update_fields(document)
            result.notes.append(
                "Contents page numbers: Word fills them in when the file is opened (say Yes to "
                "updating fields); install LibreOffice to have them written in at export."
            )
    say("Saving…")
    write_atomically(target, document.save)
    if pdf_target is not None and soffice is not None:
        say("Saving the PDF with LibreOffice…")
        try:
            with tempfile.TemporaryDirectory(prefix="wf-pdf-") as folder:
                made = convert(soffice, target, PDF_FILTER, Path(folder))
                data = made.read_bytes()
        except OfficeError as exc:
            raise OfficeError(f"The Word file {target.name} was saved, but not the PDF: {exc}",
                              pdf_target) from None
        write_atomically(pdf_target, lambda stream: stream.write(data))
        result.pdf = pdf_target
    return result


def write_report(
    report: Report,
    target: Path | str,
    template: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    charts: bool = True,
    layout: bool = False,
) -> Path:
    """Build and save the report; the file appears only once it is complete. (The
    window and ``report`` command use :func:`export_report`, which also numbers the
    Contents' pages and saves PDFs.)"""
    return export_report(report, target, template, progress, charts=charts, layout=layout).path


def low_contrast_styles(document: Document) -> list[str]:
    """A note for each style the report used whose text is under 4.5:1 on white (a council
    template's own colours are kept, but the person exporting should know)."""
    theme = theme_colours(document)
    used = set(document.element.body.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val"))
    notes = []
    for style in document.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER) and style.style_id in used:
            colour = style_colour(document, style, theme)
            ratio = contrast_ratio(colour, WHITE)
            if ratio < WCAG_AA:
                notes.append(
                    f"The template's {style.name} text (#{colour}) is {ratio:.1f}:1 against white; "
                    "WCAG 2.1 AA asks for 4.5:1. Ask for a darker colour in the template."
                )
    return notes


#: Elements that come after w:updateFields in settings.xml (the schema's order).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)


def ask_word_to_update_fields(document: Document) -> None:
    """``w:updateFields``: Word offers to update the fields (the Contents' page numbers)
    when the file is opened."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    for name in _AFTER_UPDATE_FIELDS:
        later = settings.find(qn(f"w:{name}"))
        if later is not None:
            later.addprevious(element)
            return
    settings.append(element)
