"""A council's own .docx supplies the look: styles, page set-up, header with logo."""

from __future__ import annotations

import base64

import docx
import pytest
from docx.shared import Pt

from facilitator.reports.docx_writer import write_report
from facilitator.reports.gather import build_report
from facilitator.reports.template import TemplateError
from tests.facilitator.reports.conftest import read_blocks

# A 1x1 PNG, as a stand-in for a council logo.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


@pytest.fixture
def council_template(awkward_dir):
    document = docx.Document()
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Heading 1"].font.size = Pt(20)
    header = document.sections[0].header.paragraphs[0]
    header.text = "Rutland County Council"
    logo = awkward_dir / "logo.png"
    logo.write_bytes(PIXEL)
    header.add_run().add_picture(str(logo))
    document.add_paragraph("Template instructions: delete me")
    # Word saves only the styles a file uses: take List Bullet and the table style away.
    for name in ("List Bullet", "List Bullet 2", "Light List Accent 1", "Subtitle"):
        element = document.styles[name].element
        element.getparent().remove(element)
    path = awkward_dir / "Council template é.docx"
    document.save(str(path))
    return path


def test_report_takes_the_council_templates_look(demo, council_template, awkward_dir):
    store, programme = demo
    target = awkward_dir / "report.docx"
    write_report(build_report(store, programme), target, council_template)
    document = docx.Document(str(target))
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.styles["Heading 1"].font.size == Pt(20)
    header = document.sections[0].header
    assert header.paragraphs[0].text.startswith("Rutland County Council")
    assert header._element.xpath(".//pic:pic")  # the logo came along
    texts = [b.text for b in read_blocks(target)]
    assert "Template instructions: delete me" not in texts
    assert texts[0] == "Communities Strategy Delivery Planning Workshops 2015"
    # Missing built-in styles were supplied, list bullets included.
    bullet = document.styles["List Bullet"]
    num_id = bullet.element.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]
    numbering = document.part.numbering_part.element
    assert numbering.xpath(f'./w:num[@w:numId="{num_id}"]')
    assert "List Bullet" in {b.style for b in read_blocks(target)}
    assert "PAGE" in "".join(document.sections[0].footer._element.xpath(".//w:instrText/text()"))


def test_missing_template_names_the_file(demo, awkward_dir):
    store, programme = demo
    missing = awkward_dir / "no such template.docx"
    with pytest.raises(TemplateError) as caught:
        write_report(build_report(store, programme), awkward_dir / "r.docx", missing)
    assert str(missing) in str(caught.value)
    assert not (awkward_dir / "r.docx").exists()


def test_a_template_that_is_not_a_word_file(demo, awkward_dir):
    store, programme = demo
    bogus = awkward_dir / "letterhead.docx"
    bogus.write_text("not a zip")
    with pytest.raises(TemplateError, match="not a Word document") as caught:
        write_report(build_report(store, programme), awkward_dir / "r.docx", bogus)
    assert str(bogus) in str(caught.value)
