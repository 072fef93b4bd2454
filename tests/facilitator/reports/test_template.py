"""A council's own .docx supplies the look: styles, page set-up, header with logo."""

from __future__ import annotations

import base64
import colorsys
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Pt

from facilitator.reports.contrast import (
    WCAG_AA,
    WHITE,
    contrast_ratio,
    style_colour,
    table_header_colours,
)
from facilitator.reports.docx_writer import write_report
from facilitator.reports.gather import build_report
from facilitator.reports.safe_write import ExportError
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
    with pytest.raises(TemplateError, match="not a Word document") as caught:  # noqa: PT012
        write_report(build_report(store, programme), awkward_dir / "r.docx", bogus)
    assert str(bogus) in str(caught.value)


# --------------------------------------------------------------- any council template
DATA = Path(__file__).parent / "data"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def _relabel(source: Path, target: Path, old: str, new: str, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(old.encode(), new.encode())
            zout.writestr(info, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return target


def _export_ok(store, programme, template, target) -> docx.document.Document:
    write_report(build_report(store, programme), target, template)
    document = docx.Document(str(target))
    texts = [b.text for b in read_blocks(target)]
    assert texts[0] == "Communities Strategy Delivery Planning Workshops 2015"
    assert "Young carers looking after a parent (W4)" in texts
    return document


def test_a_dotx_template_works_and_is_left_untouched(demo, council_template, tmp_path):
    store, programme = demo
    dotx = _relabel(council_template, tmp_path / "Council.dotx", DOCUMENT_TYPE, TEMPLATE_TYPE)
    before = dotx.read_bytes()
    document = _export_ok(store, programme, dotx, tmp_path / "report.docx")
    assert document.styles["Normal"].font.name == "Georgia"
    assert dotx.read_bytes() == before
    with zipfile.ZipFile(tmp_path / "report.docx") as package:
        types = package.read("[Content_Types].xml").decode()
    assert DOCUMENT_TYPE in types and TEMPLATE_TYPE not in types  # a .docx comes out


def test_a_libreoffice_template_without_numbering_works(demo, tmp_path):
    """Made by LibreOffice (soffice --convert-to docx): no numbering part, no theme,
    built-in styles under LibreOffice's names. It used to stop with NotImplementedError."""
    store, programme = demo
    template = DATA / "libreoffice-template.docx"
    with zipfile.ZipFile(template) as package:
        assert "word/numbering.xml" not in package.namelist()
    document = _export_ok(store, programme, template, tmp_path / "report.docx")
    assert document.styles["Normal"].font.name == "DejaVu Serif"  # the template's own font
    bullet = document.styles["List Bullet"]
    num_id = bullet.element.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]
    assert document.part.numbering_part.element.xpath(f'./w:num[@w:numId="{num_id}"]')
    # The styles it lacked inherit its font rather than bringing the reference's Arial.
    for name in ("Title", "Heading 2", "List Bullet", "Subtitle"):
        assert not document.styles[name].element.xpath(".//w:rFonts"), name


def test_a_word_template_with_no_lists_and_first_page_header(demo, tmp_path):
    store, programme = demo
    template = docx.Document()
    template.add_paragraph("Section one")
    template.add_section()
    template.add_paragraph("Section two")
    last = template.sections[-1]  # the report keeps the template's final page set-up
    last.different_first_page_header_footer = True
    last.first_page_header.is_linked_to_previous = False
    last.first_page_header.paragraphs[0].text = "Cover header"
    path = tmp_path / "no lists.docx"
    template.save(str(path))
    _drop_part(path, "word/numbering.xml")
    document = _export_ok(store, programme, path, tmp_path / "report.docx")
    assert document.sections[-1].different_first_page_header_footer
    assert document.sections[-1].first_page_header.paragraphs[0].text == "Cover header"


def _drop_part(path: Path, name: str) -> None:
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename == name:
                continue
            if info.filename.endswith(".rels"):
                content = re.sub(rb'<Relationship [^>]*Target="numbering.xml"/>', b"", content)
            if info.filename == "[Content_Types].xml":
                content = re.sub(rb'<Override PartName="/word/numbering.xml"[^>]*/>', b"", content)
            zout.writestr(info, content)


def test_missing_styles_take_the_templates_theme_colour_made_readable(demo, tmp_path):
    """A theme whose accent is a light green (2.5:1 on white): the headings copied in use
    that green darkened to 4.5:1, not the reference's blue."""
    store, programme = demo
    template = docx.Document()
    theme = template.part.part_related_by(RT.THEME)
    theme._blob = theme.blob.replace(b'<a:srgbClr val="4F81BD"/>', b'<a:srgbClr val="9BBB59"/>')
    for name in ("Heading 2", "Subtitle", "Light List Accent 1"):
        element = template.styles[name].element
        element.getparent().remove(element)
    path = tmp_path / "green.docx"
    template.save(str(path))
    document = _export_ok(store, programme, path, tmp_path / "report.docx")
    for name in ("Heading 2", "Subtitle"):
        colour = style_colour(document, document.styles[name])
        assert contrast_ratio(colour, WHITE) >= WCAG_AA, (name, colour)
        hue = colorsys.rgb_to_hls(*(int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)))[0]
        assert 0.2 < hue < 0.35, colour  # still the template's green
    header = table_header_colours(document, document.styles["Light List Accent 1"])
    assert contrast_ratio(header.text, header.fill) >= WCAG_AA


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("protected.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64
         + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64, "password-protected"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "Word 97-2003"),
        ("notes.txt", b"just text", "not a Word document"),
    ],
)
def test_unusable_templates_are_refused_with_a_reason(demo, tmp_path, name, content, words):
    store, programme = demo
    template = tmp_path / name
    template.write_bytes(content)
    target = tmp_path / "report.docx"
    with pytest.raises(TemplateError, match=words) as caught:
        write_report(build_report(store, programme), target, template)
    assert str(template) in str(caught.value)
    assert not target.exists() and list(tmp_path.iterdir()) == [template]  # nothing half-written


def test_a_macro_template_is_refused(demo, council_template, tmp_path):
    store, programme = demo
    dotm = _relabel(
        council_template, tmp_path / "Council.dotm", DOCUMENT_TYPE,
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        extra={"word/vbaProject.bin": b"\0macro"},
    )
    with pytest.raises(TemplateError, match="contains macros"):
        write_report(build_report(store, programme), tmp_path / "r.docx", dotm)
    assert not (tmp_path / "r.docx").exists()


def test_an_excel_file_is_not_a_template(demo, tmp_path):
    import openpyxl

    store, programme = demo
    book = tmp_path / "letterhead.xlsx"
    openpyxl.Workbook().save(book)
    with pytest.raises(TemplateError, match="another kind of Office file"):
        write_report(build_report(store, programme), tmp_path / "r.docx", book)


def test_locked_target_is_refused_and_left_alone(demo, tmp_path):
    store, programme = demo
    target = tmp_path / "report.docx"
    target.write_bytes(b"the published copy")
    (tmp_path / ".~lock.report.docx#").write_text("someone,else")
    with pytest.raises(ExportError, match="open in another program"):
        write_report(build_report(store, programme), target)
    assert target.read_bytes() == b"the published copy"
