"""Accessible by default (WCAG 2.1 AA, GOV.UK): contrast, title, language, header rows,
headings in order, honest document properties."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from facilitator.reports.contrast import (
    WCAG_AA,
    WHITE,
    contrast_ratio,
    resolve,
    resolve_fill,
    style_colour,
    table_header_colours,
    theme_colours,
)
from facilitator.reports.template import REFERENCE_TEMPLATE, TABLE_STYLE
from tests.facilitator.reports.conftest import add_notes, heading_at, read_blocks, small_programme


def used_styles(document):
    styles = {p.style.style_id: p.style for p in document.paragraphs}
    for paragraph in document.paragraphs:
        styles |= {r.style.style_id: r.style for r in paragraph.runs if r.style is not None}
    for table in document.tables:
        for cell in table._cells:
            styles |= {p.style.style_id: p.style for p in cell.paragraphs if p.style is not None}
    return list(styles.values())


def test_every_text_colour_in_the_reference_template_is_readable():
    document = docx.Document(str(REFERENCE_TEMPLATE))
    theme = theme_colours(document)
    for style in document.styles:
        if style.type in (1, 2):  # paragraph and character styles
            colour = style_colour(document, style, theme)
            assert contrast_ratio(colour, WHITE) >= WCAG_AA, (style.name, colour)
    header = table_header_colours(document, document.styles[TABLE_STYLE], theme)
    assert contrast_ratio(header.text, header.fill) >= WCAG_AA, header


@pytest.mark.parametrize("template", [None, "libreoffice-template.docx"])
def test_every_used_style_and_table_header_is_at_least_4_5_to_1(demo, export, template):
    from tests.facilitator.reports.test_template import DATA

    path = export(*demo, template=DATA / template if template else None)
    document = docx.Document(str(path))
    theme = theme_colours(document)
    ratios = {}
    for style in used_styles(document):
        ratios[style.name] = contrast_ratio(style_colour(document, style, theme), WHITE)
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "toc 1"} <= set(ratios)
    low = {name: round(r, 2) for name, r in ratios.items() if r < WCAG_AA}
    assert not low, low
    # Header cells: the fill and the text written on them, as a reader sees them.
    for table in document.tables:
        for cell in table.rows[0].cells:
            fill = resolve_fill(cell._tc.tcPr.find(qn("w:shd")), theme)
            for run in cell._tc.xpath(".//w:r"):
                text = resolve(run.find(f"{qn('w:rPr')}/{qn('w:color')}"), theme)
                assert contrast_ratio(text, fill) >= WCAG_AA, (cell.text, text, fill)


def test_title_language_author_and_honest_properties(demo, export):
    path = export(*demo)
    document = docx.Document(str(path))
    core = document.core_properties
    assert core.title == "Communities Strategy Delivery Planning Workshops 2015: Summary of Results"
    assert core.language == "en-GB"
    assert core.author == "Leicestershire County Council Communities Team"
    lang = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    assert lang == ["en-GB"]
    with zipfile.ZipFile(path) as package:
        app = package.read("docProps/app.xml").decode()
        names = package.namelist()
    assert "<Application>Workshop Facilitator</Application>" in app
    assert "Microsoft" not in app and "<Pages>1</Pages>" not in app
    words = int(app.split("<Words>")[1].split("<")[0])
    counted = sum(len(p.text.split()) for p in document.paragraphs)
    counted += sum(len(c.text.split()) for t in document.tables for c in t._cells)
    assert abs(words - counted) <= counted * 0.02, (words, counted)
    assert not any("thumbnail" in n for n in names)  # no preview of someone else's document


def test_tables_have_marked_header_rows_and_a_title(demo, export):
    document = docx.Document(str(export(*demo)))
    assert document.tables
    for table in document.tables:
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader[@w:val='true']")
        assert table._tbl.tblPr.xpath("./w:tblCaption/@w:val")[0]
        assert table._tbl.tblPr.xpath("./w:tblLook/@w:firstRow")[0] == "1"


def test_headings_in_order_with_no_skipped_levels(demo, export):
    blocks = read_blocks(export(*demo))
    levels = [int(b.style[-1]) for b in blocks if b.style.startswith("Heading ")]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


def test_a_note_ending_in_a_line_break_leaves_no_blank_line(store, export):
    programme = small_programme(store)
    add_notes(store, programme, "W1", "what", "Ends with Enter\n", "Two lines\nthen Enter\r\n  ")
    blocks = read_blocks(export(store, programme))
    at = heading_at(blocks, "W1: Question of W1?")
    assert [b.text for b in blocks[at + 1 : at + 3]] == ["Ends with Enter", "Two lines\nthen Enter"]
    assert not blocks[at + 1].element.xpath(".//w:br")


def test_a_templates_own_low_contrast_style_is_kept_but_reported(demo, tmp_path):
    from docx.shared import RGBColor

    from facilitator.reports.docx_writer import export_report
    from facilitator.reports.gather import build_report

    template = docx.Document()
    template.styles["Heading 2"].font.color.rgb = RGBColor.from_string("8DB3E2")  # pale blue
    template.styles["Heading 2"].element.xpath("./w:rPr/w:color")[0].attrib.pop(qn("w:themeColor"), None)
    path = tmp_path / "pale.docx"
    template.save(str(path))
    result = export_report(build_report(*demo), tmp_path / "r.docx", path, layout=False)
    assert any(n.startswith("The template's Heading 2 text (#8DB3E2) is 2.2:1") for n in result.notes), result.notes
