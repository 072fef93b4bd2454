"""Exporting a :class:`Report` as a Word document (and a PDF): the template opened, the
sections written (``report_writer``), the Contents' pages numbered by LibreOffice or left
for Word, and each file saved only once complete.

Only Word's built-in styles are used (``docx_builder`` says why and how, fast).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE

from facilitator.reports.contrast import (
    WCAG_AA,
    WHITE,
    contrast_ratio,
    style_colour,
    theme_colours,
)
from facilitator.reports.docx_xml import (
    ask_word_to_update_fields,
)
from facilitator.reports.model import (
    Report,
)
from facilitator.reports.office import (
    PDF_FILTER,
    OfficeError,
    convert,
    find_libreoffice,
    laid_out_pages,
    missing_message,
)
from facilitator.reports.report_writer import (
    ReportWriter,
)
from facilitator.reports.safe_write import check_target, write_atomically
from facilitator.reports.template import (
    open_template,
)


@dataclass
class ExportResult:
    """What an export wrote, and what the person exporting should know about it."""

    path: Path
    pdf: Path | None = None
    notes: list[str] = field(default_factory=list)
    pages: int | None = None


def render_report(
    report: Report, template: Path | str | None = None, *, charts: bool = True
) -> Document:
    """The report as a python-docx Document (not yet saved; Contents page numbers empty)."""
    document = open_template(template)
    ReportWriter(report, document, charts=charts).write()
    return document


def _document_bytes(document: Document) -> bytes:
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def export_report(
    report: Report,
    target: Path | str,
    template: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    charts: bool = True,
    pdf: bool = False,
    layout: bool = True,
) -> ExportResult:
    """Build and save the report (and its PDF); each file appears only once complete.

    With ``layout`` and LibreOffice installed, the Contents gets its page numbers
    (``facilitator.reports.office``); without LibreOffice the file asks Word to fill
    them in, and the result's notes say so. ``pdf`` needs LibreOffice: without it
    nothing is written and the message says what to do.
    """
    target = Path(target)
    soffice = find_libreoffice() if (layout or pdf) else None
    if pdf and soffice is None:
        raise OfficeError(missing_message("save a PDF"), target)
    pdf_target = target.with_suffix(".pdf") if pdf else None
    for path in (target, pdf_target):
        if path is not None:
            check_target(path)
    say = progress or (lambda _text: None)
    say("Building the document…")
    document = open_template(template)
    writer = ReportWriter(report, document, charts=charts)
    writer.write()
    result = ExportResult(target)
    result.notes += low_contrast_styles(document)
    if writer.toc_anchor is not None:
        _number_contents(writer, document, soffice if layout else None, result, say)
    say("Saving…")
    write_atomically(target, document.save)
    if pdf_target is not None and soffice is not None:
        _save_pdf(soffice, target, pdf_target, say)
        result.pdf = pdf_target
    return result


def _number_contents(
    writer: ReportWriter, document: Document, soffice: Path | None, result: ExportResult,
    say: Callable[[str], None],
) -> None:
    """Give the Contents its page numbers: laid out by LibreOffice (``soffice``), else left
    for Word to fill in when the file is opened; the result's notes say which, and why."""
    if soffice is not None:
        say("Numbering the contents' pages with LibreOffice…")
        try:
            pages, count = laid_out_pages(soffice, _document_bytes(document))
        except OfficeError as exc:
            pages, count = {}, None
            result.notes.append(f"Contents page numbers not added ({exc}); Word fills them in "
                                "when you open the file and agree to update fields.")
        if pages:
            writer.fill_page_numbers(pages)
            result.pages = count
            writer.properties(pages=count)
    else:
        ask_word_to_update_fields(document)
        result.notes.append(
            "Contents page numbers: Word fills them in when the file is opened (say Yes to "
            "updating fields); install LibreOffice to have them written in at export."
        )


def _save_pdf(soffice: Path, target: Path, pdf_target: Path, say: Callable[[str], None]) -> None:
    """Convert the saved Word file ``target`` to ``pdf_target`` with LibreOffice."""
    say("Saving the PDF with LibreOffice…")
    try:
        with tempfile.TemporaryDirectory(prefix="wf-pdf-") as folder:
            made = convert(soffice, target, PDF_FILTER, Path(folder))
            data = made.read_bytes()
    except OfficeError as exc:
        raise OfficeError(f"The Word file {target.name} was saved, but not the PDF: {exc}",
                          pdf_target) from None
    write_atomically(pdf_target, lambda stream: stream.write(data))


def write_report(
    report: Report,
    target: Path | str,
    template: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    charts: bool = True,
    layout: bool = False,
) -> Path:
    """Build and save the report; the file appears only once it is complete. (The
    window and ``report`` command use :func:`export_report`, which also numbers the
    Contents' pages and saves PDFs.)"""
    return export_report(report, target, template, progress, charts=charts, layout=layout).path


def low_contrast_styles(document: Document) -> list[str]:
    """A note for each style the report used whose text is under 4.5:1 on white (a council
    template's own colours are kept, but the person exporting should know)."""
    theme = theme_colours(document)
    used = set(document.element.body.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val"))
    notes = []
    for style in document.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER) and style.style_id in used:
            colour = style_colour(document, style, theme)
            ratio = contrast_ratio(colour, WHITE)
            if ratio < WCAG_AA:
                notes.append(
                    f"The template's {style.name} text (#{colour}) is {ratio:.1f}:1 against white; "
                    "WCAG 2.1 AA asks for 4.5:1. Ask for a darker colour in the template."
                )
    return notes


