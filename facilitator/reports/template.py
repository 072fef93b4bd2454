"""The report's Word template: the shipped reference, or a council's own ``.docx``.

The report takes all its look from the template's styles (fonts, colours, a
logo in the header). It uses only Word's built-in styles, so a council template
that lacks one (Word saves only the styles a file uses) gets a copy of ours.
"""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from facilitator.reports.safe_write import ExportError
from facilitator.resources import resource

REFERENCE_TEMPLATE = resource("templates", "reference.docx")

#: Every style the report uses: Word's built-in names, nothing custom.
PARAGRAPH_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3",
    "List Bullet", "List Bullet 2", "TOC Heading", "Footer",
)
CHARACTER_STYLES = ("Strong",)
TABLE_STYLE = "Light List Accent 1"
FALLBACK_TABLE_STYLE = "Table Grid"


class TemplateError(ExportError):
    """A template file cannot be used; the message names it."""


def open_template(path: Path | str | None = None) -> Document:
    """A new, empty document with the template's styles, page set-up, header and footer."""
    source = Path(path) if path else REFERENCE_TEMPLATE
    if not source.is_file():
        raise TemplateError(f"The report template {source} does not exist.", source)
    try:
        document = docx.Document(str(source))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        hint = " Save it from Word as a .docx document." if source.suffix.lower() == ".dotx" else ""
        raise TemplateError(
            f"The report template {source} is not a Word document (.docx): {exc}.{hint}", source
        ) from None
    except OSError as exc:
        raise TemplateError(f"Cannot read the report template {source}: {exc.strerror}.", source) from None
    _clear_body(document)
    if source != REFERENCE_TEMPLATE:
        _add_missing_styles(document)
    ensure_page_numbers(document)
    return document


def _clear_body(document: Document) -> None:
    """Remove the template's own text, keeping its page set-up (the last section properties)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _add_missing_styles(document: Document) -> None:
    reference = docx.Document(str(REFERENCE_TEMPLATE))
    have = {s.name for s in document.styles}
    wanted = list(PARAGRAPH_STYLES + CHARACTER_STYLES + (TABLE_STYLE, FALLBACK_TABLE_STYLE))
    for name in wanted:
        if name in have:
            continue
        style = reference.styles[name]
        chain = [style]
        while chain[-1].base_style is not None and chain[-1].base_style.name not in have:
            chain.append(chain[-1].base_style)
        for member in reversed(chain):
            element = copy.deepcopy(member.element)
            _copy_numbering(reference, document, element)
            document.styles.element.append(element)
            have.add(member.name)


def _copy_numbering(reference: Document, document: Document, style_element) -> None:
    """Give a copied list style its bullets: copy its numbering definition too."""
    num_ids = style_element.xpath("./w:pPr/w:numPr/w:numId")
    if not num_ids:
        return
    numbering = reference.part.numbering_part.element
    ref_id = num_ids[0].get(qn("w:val"))
    nums = numbering.xpath(f'./w:num[@w:numId="{ref_id}"]')
    if not nums:
        num_ids[0].getparent().getparent().remove(num_ids[0].getparent())
        return
    abstract_id = nums[0].xpath("./w:abstractNumId")[0].get(qn("w:val"))
    abstract = copy.deepcopy(numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0])
    target = document.part.numbering_part.element
    used_abstract = [int(a.get(qn("w:abstractNumId"))) for a in target.xpath("./w:abstractNum")]
    used_num = [int(n.get(qn("w:numId"))) for n in target.xpath("./w:num")]
    new_abstract = max(used_abstract, default=-1) + 1
    new_num = max(used_num, default=0) + 1
    abstract.set(qn("w:abstractNumId"), str(new_abstract))
    for nsid in abstract.findall(qn("w:nsid")):
        abstract.remove(nsid)
    first_num = target.xpath("./w:num")
    if first_num:
        first_num[0].addprevious(abstract)
    else:
        target.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_num))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(new_abstract))
    num.append(ref)
    target.append(num)
    num_ids[0].set(qn("w:val"), str(new_num))


def field_char(kind: str, *, dirty: bool = False):
    """A run holding a field's begin, separate or end mark."""
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    run.append(char)
    return run


def field_instruction(instruction: str):
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    return run


def add_field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES ...) as begin / instruction / separate / result / end."""
    p = paragraph._p
    p.append(field_char("begin"))
    p.append(field_instruction(instruction))
    p.append(field_char("separate"))
    result = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.set(qn("xml:space"), "preserve")
    text.text = placeholder
    result.append(text)
    p.append(result)
    p.append(field_char("end"))


def ensure_page_numbers(document: Document) -> None:
    """'Page N of M' in the footer, unless the template's footer already numbers pages."""
    for section in document.sections:
        footer = section.footer
        if "PAGE" in "".join(footer._element.xpath(".//w:instrText/text() | .//w:fldSimple/@w:instr")):
            continue
        paragraph = footer.paragraphs[0] if footer.paragraphs and not footer.paragraphs[0].text else footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("Page ")
        add_field(paragraph, "PAGE", "1")
        paragraph.add_run(" of ")
        add_field(paragraph, "NUMPAGES", "1")


def make_reference_template(path: Path | str) -> Path:
    """Write ``resources/templates/reference.docx`` from python-docx's default template.

    A4 with 2.5 cm margins, British English proofing, built-in styles only.
    Run ``python -m facilitator.reports.template`` to rebuild it.
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
    _clear_body(document)
    ensure_page_numbers(document)
    properties = document.core_properties
    properties.title = "Summary of Results"
    properties.author = ""
    properties.comments = "Reference template for Workshop Facilitator reports."
    properties.language = "en-GB"
    target = Path(path)
    document.save(str(target))
    return target


if __name__ == "__main__":  # pragma: no cover - a maintenance tool
    print(make_reference_template(REFERENCE_TEMPLATE))
