"""Adding paragraphs and tables in Word's built-in styles to a python-docx document, fast.

Only Word's built-in styles are used (Title, Heading 1-3, List Bullet, a table
style ...), so the navigation pane, the table of contents and accessibility
checkers work and the Communities Team can edit the result.

Speed: python-docx's ``paragraph.style = ...`` looks the style up, and checks it
against the default style by scanning every style in the template, for each
paragraph; with a few thousand notes that is most of the export. The builder
resolves each style's id once and gives each new paragraph a copy of a prepared
``<w:pPr><w:pStyle w:val="id"/></w:pPr>``: the same XML python-docx's own setter
writes after its lookup, and what Word itself writes.
"""

from __future__ import annotations

import copy

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Cm, Emu, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from facilitator.reports.contrast import (
    BLACK,
    WCAG_AA,
    WHITE,
    HeaderColours,
    contrast_ratio,
    table_header_colours,
)
from facilitator.reports.template import (
    FALLBACK_TABLE_STYLE,
    TABLE_STYLE,
)
from facilitator.reports.text import document_text, xml_safe


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
        width, left, right = section.page_width, section.left_margin, section.right_margin
        if width is None or left is None or right is None:
            return int(Cm(16))  # a template without page size: assume A4 with 2.5 cm margins
        return int(width - left - right)

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
                repeat_header(row)
            else:
                keep_row_together(row)
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


def keep_row_together(row) -> None:
    """A row never splits across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def repeat_header(row) -> None:
    """Mark a table's first row as its header row (repeats on each page; read as headers)."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


