"""The community assets register as a file of its own (issue 11):
``main.py assets --programme T --out FILE.xlsx|.csv|.docx`` and the register window's
Export. The content is ``reports.assets_section``'s, as in the Summary of Results.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.models import Programme, ValidationError
from facilitator.reports.assets_section import (
    HEADER,
    TITLE,
    AssetsSection,
    _fill,
    add_assets_sheet,
    gather_assets,
    write_assets_section,
)
from facilitator.reports.csv_export import clean_cell, neutralise
from facilitator.reports.safe_write import write_atomically
from facilitator.store import Store

SUFFIXES = (".xlsx", ".csv", ".docx")


def assets_document(section: AssetsSection, template: Path | str | None = None):
    from facilitator.reports.docx_builder import DocumentBuilder
    from facilitator.reports.template import open_template

    document = open_template(template)
    b = DocumentBuilder(document)
    b.paragraph(TITLE, "Title")
    b.paragraph(section.programme_title, "Subtitle")
    write_assets_section(b, section, new_page=False, heading=False)
    document.core_properties.title = f"{TITLE}: {section.programme_title}"
    document.core_properties.language = "en-GB"
    return document


def csv_bytes(section: AssetsSection) -> bytes:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in [list(HEADER), *section.rows()]:
        writer.writerow([neutralise(clean_cell(cell)) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def export_assets(store: Store, programme: Programme, target: Path | str,
                  template: Path | str | None = None) -> AssetsSection:
    """Write the programme's register to ``target`` (.xlsx, .csv or .docx, by its suffix)."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        ending = suffix or "a file with no ending"
        raise ValidationError(
            f"Save the register as .xlsx (Excel), .csv or .docx (Word), not {ending}.")
    section = gather_assets(store, programme)
    if suffix == ".csv":
        data = csv_bytes(section)
        write_atomically(target, lambda stream: stream.write(data))
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        add_assets_sheet(book, section, "Assets")
        _fill(book.create_sheet("By category"), (section.vocabulary_name, "Assets"),
              section.by_category, (30, 10), numeric=1)
        _fill(book.create_sheet("By place"), ("Place", "Assets"), section.by_place, (30, 10),
              numeric=1)
        write_atomically(target, book.save)
    else:
        from facilitator.reports.safe_write import check_target

        check_target(target)
        document = assets_document(section, template)
        write_atomically(target, document.save)
    return section
