"""The Summary of Results' sections, in order, written with a :class:`DocumentBuilder`:
title, contents, introduction, summary, the support areas' notes by theme, the appendix.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from io import BytesIO

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph

from facilitator.reports.docx_builder import DocumentBuilder
from facilitator.reports.docx_xml import (
    field_runs,
    set_app_properties,
    tab_run,
    text_run,
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
from facilitator.reports.text import not_held_line, note_text, xml_safe

OTHER_NOTES = "Other points raised"

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
        for other in self.report.other_formats:
            self.other_format(other)
        if self.report.community_assets is not None:
            from facilitator.reports.assets_section import write_assets_section

            write_assets_section(self.b, self.report.community_assets)
        self.appendix()
        if self.report.action_plan is not None:  # Appendix A, landscape (issue 11)
            from facilitator.reports.action_plan import write_appendix

            write_appendix(self.b, self.report.action_plan,
                           landscape_from_here=self.landscape_from_here)
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
            for run in (text_run(text), tab_run()):
                link.append(run)
            b.words += len(text.split())
            runs = field_runs(f"PAGEREF {mark} \\h", "")
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
        from facilitator.reports.charts import render_png, size_cm

        png = render_png(spec)
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


