"""The shipped reference template, ``resources/templates/reference.docx``, and the tool that
builds it from python-docx's default (a maintenance tool: the app only reads the file).
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from facilitator.reports.contrast import (
    darken_until_readable,
    resolve,
    resolve_fill,
    theme_colours,
)
from facilitator.reports.template import (
    FALLBACK_TABLE_STYLE,
    REFERENCE_TEMPLATE,
    TABLE_STYLE,
    clear_body,
    ensure_page_numbers,
)


def make_reference_template(path: Path | str) -> Path:
    """Write ``resources/templates/reference.docx`` from python-docx's default template.

    A4 with 2.5 cm margins, British English proofing, built-in styles only.
    Run ``python -m facilitator.reports.reference_template`` to rebuild it.
    """
    document = docx.Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))
    defaults = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr")
    if defaults:
        rpr = defaults[0]
        for old in rpr.xpath("./w:lang"):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-GB")
        lang.set(qn("w:eastAsia"), "en-GB")
        lang.set(qn("w:bidi"), "ar-SA")
        rpr.append(lang)
    # Arial throughout (clear on screen and in print, as councils' accessibility guides ask).
    for fonts in document.styles.element.xpath(".//w:rFonts"):
        for attribute in list(fonts.attrib):
            del fonts.attrib[attribute]
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), "Arial")
    # Tables a little smaller than the text, so five columns fit on A4 portrait.
    for name in (TABLE_STYLE, FALLBACK_TABLE_STYLE):
        document.styles[name].font.size = Pt(10)
    _readable_theme(document)
    _add_contents_styles(document)
    _drop_thumbnail(document)
    clear_body(document)
    ensure_page_numbers(document)
    properties = document.core_properties
    properties.title = "Summary of Results"
    properties.author = ""
    properties.comments = "Reference template for Workshop Facilitator reports."
    properties.language = "en-GB"
    target = Path(path)
    document.save(str(target))
    return target


#: Accent 1 of the reference theme: Word's "Blue, Accent 1, Darker 25%", 7.4:1 on white
#: (the default theme's 4F81BD is 4.0:1, under WCAG 2.1 AA's 4.5:1).
REFERENCE_ACCENT = "2F5496"


def _readable_theme(document: Document) -> None:
    """Accent 1 dark enough for text and for white on a table header, and every style's
    ``w:val`` the colour its theme reference resolves to (for programs that read only that)."""
    theme = document.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    for colour in root.xpath("//a:clrScheme/a:accent1/a:srgbClr", namespaces={"a": a}):
        colour.set("val", REFERENCE_ACCENT)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    colours = theme_colours(document)
    for element in document.styles.element.xpath(".//w:color[@w:themeColor]"):
        element.set(qn("w:val"), resolve(element, colours) or "auto")
    # Every other text colour (Subtle Emphasis's grey ...) readable on white too.
    for element in document.styles.element.xpath("./w:style[@w:type!='table']//w:rPr/w:color"):
        shown = resolve(element, colours)
        if shown and darken_until_readable(shown) != shown:
            element.set(qn("w:val"), darken_until_readable(shown))
            for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
                element.attrib.pop(qn(attribute), None)
    for element in document.styles.element.xpath(".//w:shd[@w:themeFill]"):
        element.set(qn("w:fill"), resolve_fill(element, colours) or "auto")


def _add_contents_styles(document: Document) -> None:
    """Word's built-in "toc 1" and "toc 2": the Contents' entries, page numbers at the
    right margin after a dotted leader."""
    for level in (1, 2):
        style = document.styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), f"TOC{level}")
        style.element.name_val = f"toc {level}"
        style.base_style = document.styles["Normal"]
        style.next_paragraph_style = document.styles["Normal"]
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.left_indent = Cm(0.75 * (level - 1))
        style.paragraph_format.tab_stops.add_tab_stop(
            Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        style.unhide_when_used = True
        style.priority = 39


def _drop_thumbnail(document: Document) -> None:
    """The default template's preview picture shows someone else's document."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)


if __name__ == "__main__":  # pragma: no cover - a maintenance tool
    print(make_reference_template(REFERENCE_TEMPLATE))
