"""The Summary section: key findings up front, with tables and charts (alt text, A4 width)."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

from facilitator.reports.docx_writer import export_report
from facilitator.reports.gather import build_report
from facilitator.reports.office import OfficeError
from tests.facilitator.reports.conftest import heading_at, read_blocks

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def test_summary_follows_the_introduction_with_counts(demo, export):
    path = export(*demo)
    blocks = read_blocks(path)
    texts = [b.text for b in blocks]
    at = heading_at(blocks, "Summary")
    assert heading_at(blocks, "The support areas") < at < heading_at(blocks, "Attendance")
    assert texts[at + 1] == "Six workshops took place (W1, W2, W4, W5, W6, W7)."
    assert texts[at + 2] == "One did not and is not counted: W3 (postponed)."
    document = docx.Document(str(path))
    tables = {t._tbl.tblPr.xpath("./w:tblCaption/@w:val")[0]: t for t in document.tables}
    rows = lambda name: [[c.text for c in r.cells] for r in tables[name].rows]  # noqa: E731
    assert rows("Attendance")[-1] == ["Total", "213"]
    assert rows("Attendance")[1] == ["Community representatives", "64"]
    notes = rows("Notes captured")
    assert [r[1] for r in notes[1:]] == ["25", "26", "35", "10", "96"]
    assert notes[1][0].startswith("1) WHO within Leicestershire")
    top = rows("Top WHO themes")
    assert top[0] == ["Theme", "Raised at", "Notes"]
    assert top[1] == ["Older people living alone or isolated", "3 of 5 (W1, W2, W5)", "5"]
    areas = rows("HOW ideas by support area")
    assert areas[0][:2] == ["Workshop", "i) Willingness to do things"]
    assert [r[0] for r in areas[1:]] == ["W1", "W2", "W4", "W5", "W6", "Total"]
    assert areas[-1][-1] == "35"


def test_a_theme_under_two_support_areas_is_one_line_in_the_top_themes(demo):
    report = build_report(*demo)
    table = next(t for t in report.summary.tables if t.heading == "Top HOW themes")
    labels = [row[0] for row in table.rows]
    assert len(labels) == len(set(labels))
    assert table.rows[0] == ["Recruiting and recognising volunteers", "4 of 5 (W1, W2, W4, W6)", "5"]


def test_charts_are_pictures_with_alt_text_sized_for_a4(demo, export):
    document = docx.Document(str(export(*demo)))
    inlines = document.element.body.xpath(".//wp:inline")
    assert len(inlines) == 2  # top WHO themes; HOW ideas by support area
    section = document.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    for inline in inlines:
        doc_pr = inline.find(f"{{{WP}}}docPr")
        assert doc_pr.get("descr").startswith(("Bar chart", "Stacked bar chart"))
        assert int(inline.find(f"{{{WP}}}extent").get("cx")) <= usable
        assert int(inline.find(f"{{{WP}}}extent").get("cy")) < section.page_height / 2
    alt = inlines[0].find(f"{{{WP}}}docPr").get("descr")
    assert "Older people living alone or isolated: 3 of 5" in alt
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == ["Figure 1: Top WHO themes", "Figure 2: HOW ideas by support area"]
    # Readable in greyscale: the image has no colour at all.
    blip = inlines[0].xpath(".//a:blip/@r:embed")[0]
    png = document.part.related_parts[blip].blob
    with Image.open(io.BytesIO(png)) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
        assert colours and all(r == g == b for _count, (r, g, b) in colours)


def test_charts_can_be_left_out(demo, tmp_path):
    report = build_report(*demo)
    path = export_report(report, tmp_path / "r.docx", charts=False, layout=False).path
    document = docx.Document(str(path))
    assert not document.element.body.xpath(".//wp:inline")
    assert "Top WHO themes" in [p.text for p in document.paragraphs]  # the tables stay


def test_without_libreoffice_word_is_asked_to_fill_the_page_numbers(demo, tmp_path):
    result = export_report(build_report(*demo), tmp_path / "r.docx")
    assert any("Word fills them in" in note for note in result.notes)
    settings = docx.Document(str(result.path)).settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_a_pdf_without_libreoffice_is_a_clear_message_and_nothing_is_written(demo, tmp_path):
    with pytest.raises(OfficeError, match="LibreOffice was not found"):
        export_report(build_report(*demo), tmp_path / "r.docx", pdf=True)
    assert list(tmp_path.iterdir()) == []


def test_a_locked_pdf_stops_before_anything_is_written(demo, tmp_path, monkeypatch):
    monkeypatch.setenv("WF_LIBREOFFICE", "/bin/true")
    (tmp_path / ".~lock.r.pdf#").write_text("x")
    with pytest.raises(Exception, match="open in another program"):
        export_report(build_report(*demo), tmp_path / "r.docx", pdf=True)
    assert not (tmp_path / "r.docx").exists()
