"""The report's Word template: the shipped reference, or a council's own ``.docx``.

The report takes all its look from the template's styles (fonts, colours, a
logo in the header). It uses only Word's built-in styles, so a council template
that lacks one (Word saves only the styles a file uses) gets a copy of ours.
"""

from __future__ import annotations

import copy
import zipfile
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.styles import BabelFish
from lxml import etree

from facilitator.reports.contrast import (
    WHITE,
    darken_until_readable,
    resolve,
    resolve_fill,
    theme_colours,
)
from facilitator.reports.safe_write import ExportError
from facilitator.resources import resource

REFERENCE_TEMPLATE = resource("templates", "reference.docx")

#: Every style the report uses: Word's built-in names, nothing custom.
PARAGRAPH_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3",
    "List Bullet", "List Bullet 2", "TOC Heading", "toc 1", "toc 2", "Caption",
)
CHARACTER_STYLES = ("Strong",)
TABLE_STYLE = "Light List Accent 1"
FALLBACK_TABLE_STYLE = "Table Grid"


class TemplateError(ExportError):
    """A template file cannot be used; the message names it."""


#: A template's main part: Word template (.dotx) and document (.docx) differ only in this.
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#: An OLE compound file: an encrypted (password-protected) Office file, or an old .doc/.dot.
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


def _refuse(source: Path, why: str) -> TemplateError:
    return TemplateError(f"The report template {source} cannot be used: {why}", source)


def template_package(source: Path) -> bytes:
    """The template's bytes as a Word document package python-docx can open, or a
    :class:`TemplateError` saying what is wrong with it in words a facilitator can act on."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise TemplateError(f"Cannot read the report template {source}: {exc.strerror}.", source) from None
    if data.startswith(_COMPOUND_FILE):
        if _ENCRYPTED in data:
            raise _refuse(source, "it is password-protected. Save a copy without a password "
                          "(File > Info > Protect Document > Encrypt with Password, clear the "
                          "password) and choose that.")
        raise _refuse(source, "it is an old Word 97-2003 file (.doc or .dot). Open it in Word "
                      "and save it as a Word Document (.docx) or Word Template (.dotx).")
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            names = set(package.namelist())
            types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _refuse(source, "it is not a Word document (.docx or .dotx). Choose a file "
                      "saved from Word or LibreOffice as a Word document.") from None
    if "macroEnabled" in types or "word/vbaProject.bin" in names:
        raise _refuse(source, "it contains macros (a .dotm or .docm). Macros are never run "
                      "from a report template: save it from Word as a Word Template (.dotx) "
                      "or Word Document (.docx) and choose that.")
    if "word/document.xml" not in names and DOCUMENT_TYPE not in types and TEMPLATE_TYPE not in types:
        raise _refuse(source, "it is not a Word document (.docx or .dotx); it looks like "
                      "another kind of Office file.")
    if TEMPLATE_TYPE in types:
        data = _as_document_package(data)
    return data


def _as_document_package(data: bytes) -> bytes:
    """A .dotx's package relabelled as a .docx (the only difference is the main part's
    content type); the template itself is never written to."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(TEMPLATE_TYPE.encode(), DOCUMENT_TYPE.encode())
            target.writestr(info, content)
    return out.getvalue()


def open_template(path: Path | str | None = None) -> Document:
    """A new, empty document with the template's styles, page set-up, headers and footers.

    ``path`` may be a council's .docx or .dotx (Word's or LibreOffice's); a template that
    cannot be used raises :class:`TemplateError` naming the file and the problem.
    """
    source = Path(path) if path else REFERENCE_TEMPLATE
    if not source.is_file():
        raise TemplateError(f"The report template {source} does not exist.", source)
    data = template_package(source)
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise _refuse(source, f"it is not a Word document Word can open ({exc}).") from None
    clear_body(document)
    ensure_numbering_part(document)
    if source != REFERENCE_TEMPLATE:
        _built_in_names(document)
        _add_missing_styles(document)
    set_language(document)
    ensure_page_numbers(document)
    return document


def clear_body(document: Document) -> None:
    """Remove the template's own text, keeping its page set-up: the last section's
    properties (headers, footers, first-page header, margins). Earlier sections' breaks
    go with their text, so the report is one section in the template's final layout."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    if body.find(qn("w:sectPr")) is None:
        body.append(OxmlElement("w:sectPr"))


def ensure_numbering_part(document: Document) -> None:
    """Give a document without list definitions (LibreOffice writes none when no list is
    used; nor does a Word file that never had one) an empty numbering part."""
    try:
        document.part.part_related_by(RT.NUMBERING)
        return
    except KeyError:
        pass
    element = parse_xml(f'<w:numbering {nsdecls("w")}/>')
    part = NumberingPart(
        PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, document.part.package
    )
    document.part.relate_to(part, RT.NUMBERING)


def set_language(document: Document) -> None:
    """British English for spelling and for screen readers (document defaults)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")


def _built_in_names(document: Document) -> None:
    """Store built-in styles under Word's own internal names: LibreOffice writes
    "Heading 1" where Word writes "heading 1", and Word (and python-docx) know the
    built-in style only by the latter."""
    names = {element.name_val for element in document.styles.element.style_lst}
    for element in document.styles.element.style_lst:
        name = element.name_val
        internal = BabelFish.ui2internal(name) if name else name
        if internal != name and internal not in names:
            element.name_val = internal
            names.add(internal)


def _add_missing_styles(document: Document) -> None:
    """Copy in the built-in styles the template lacks, in the template's own look: no
    fonts of ours (they inherit the template's Normal font) and colours from the
    template's theme, darkened where needed to stay readable (4.5:1)."""
    reference = docx.Document(str(REFERENCE_TEMPLATE))
    have = {s.name for s in document.styles}
    theme = theme_colours(document)
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
            _in_template_look(element, theme)
            document.styles.element.append(element)
            have.add(member.name)


def _in_template_look(style_element, theme: dict[str, str]) -> None:
    for fonts in style_element.xpath(".//w:rPr/w:rFonts"):
        fonts.getparent().remove(fonts)
    header_fill = None
    for shd in style_element.xpath(".//w:tcPr/w:shd"):
        fill = resolve_fill(shd, theme)
        if fill:
            readable = darken_until_readable(fill, WHITE)
            shd.set(qn("w:fill"), readable)
            if readable != fill:
                for attribute in ("w:themeFill", "w:themeFillShade", "w:themeFillTint"):
                    shd.attrib.pop(qn(attribute), None)
            header_fill = readable
    for colour in style_element.xpath(".//w:rPr/w:color"):
        shown = resolve(colour, theme)
        if shown is None:
            continue
        on_fill = colour.getparent().getparent().get(qn("w:type")) == "firstRow" and header_fill
        if on_fill:
            continue  # white on the darkened header fill
        readable = darken_until_readable(shown, WHITE)
        colour.set(qn("w:val"), readable)
        if readable != shown:
            for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
                colour.attrib.pop(qn(attribute), None)


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
