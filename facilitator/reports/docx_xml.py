"""Raw Office XML the report needs and python-docx has no call for: the Contents' runs and
fields, docProps/app.xml, and settings.xml's request that Word update fields.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from facilitator.reports.template import (
    field_char,
    field_instruction,
)
from facilitator.reports.text import xml_safe

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


def text_run(text: str):
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = xml_safe(text)
    run.append(t)
    return run


def tab_run():
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:tab"))
    return run


def field_runs(instruction: str, result: str) -> list:
    return [
        field_char("begin"), field_instruction(instruction), field_char("separate"),
        text_run(result), field_char("end"),
    ]


#: Elements that come after w:updateFields in settings.xml (the schema's order).
AFTER_UPDATE_FIELDS = (
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
    for name in AFTER_UPDATE_FIELDS:
        later = settings.find(qn(f"w:{name}"))
        if later is not None:
            later.addprevious(element)
            return
    settings.append(element)
