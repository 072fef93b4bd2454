"""The community assets register as a document, a table and a workbook sheet (issue 11).

- In the Summary of Results, the optional "Community assets" section: counts by category
  and by place, then the register grouped by category, then the connections
  (``build_report(..., assets=True)``; written by :func:`write_assets_section`).
- Standalone: ``main.py assets --programme T --out FILE.xlsx|.csv|.docx``
  (:func:`export_assets`), and an "Assets" sheet in ``export-xlsx``.

"Who can help connect" holds a role or an organisation; one that looks like a private
person's contact details (the report's personal-data check) is listed in ``warnings``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from facilitator import assets
from facilitator.asset_models import RegisterRow
from facilitator.models import Programme, ValidationError
from facilitator.reports.csv_export import clean_cell, neutralise
from facilitator.reports.safe_write import write_atomically
from facilitator.store import Store

TITLE = "Community assets"
HEADER = ("Name", "Category", "What it offers", "Place", "Who can help connect", "Named at",
          "Connections", "Notes")
GROUP_HEADER = ("Asset", "What it offers", "Place", "Who can help connect", "Named at")
SUFFIXES = (".xlsx", ".csv", ".docx")


@dataclass
class AssetsSection:
    programme_title: str
    total: int
    by_category: list[tuple[str, int]]
    by_place: list[tuple[str, int]]
    #: (category label, its assets in name order), the vocabulary's order.
    groups: list[tuple[str, list[RegisterRow]]]
    #: (idea, names of its assets)
    connections: list[tuple[str, list[str]]]
    vocabulary_name: str = "Category"
    warnings: list[str] = field(default_factory=list)

    def rows(self) -> list[list[str]]:
        """The register as table rows (no header), grouped by category."""
        out = []
        for label, rows in self.groups:
            for row in rows:
                out.append([row.name, label, row.offers, row.place, row.connector,
                            ", ".join(row.workshops), "; ".join(row.connections), row.notes])
        return out


def gather_assets(store: Store, programme: Programme) -> AssetsSection:
    rows = assets.register(store, programme.id)
    vocab = assets.vocabulary(store, programme.id)
    names = {r.id: r.name for r in rows}
    connections = []
    for connection, linked in assets.connections(store, programme.id):
        members = [names[a] for a in linked if a in names]
        if len(members) >= 2:
            connections.append((connection.idea, members))
    warnings = [
        f"Asset “{row.name}”: “Who can help connect” looks like a person's contact details "
        f"({'; '.join(found)}); give a role or an organisation instead."
        for row, found in assets.connector_findings(store, programme.id)
    ]
    return AssetsSection(programme.title, len(rows), assets.counts_by_category(rows, vocab),
                         assets.counts_by_place(rows), assets.grouped_by_category(rows, vocab),
                         connections, vocab.name or "Category", warnings)


# ----------------------------------------------------------------------- Word
def write_assets_section(b, section: AssetsSection, *, level: int = 1,
                         new_page: bool = True, heading: bool = True) -> None:
    """The section, through the report's ``DocumentBuilder`` (styles looked up once);
    ``heading=False`` when the document's title already says it (the standalone file)."""
    if heading:
        b.heading(TITLE, level, new_page=new_page)
    if not section.total:
        b.paragraph("No community assets have been recorded for this programme yet.")
        return
    places = sum(1 for place, _ in section.by_place if place != assets.NO_PLACE)
    b.paragraph(
        f"{section.total} asset{'s' if section.total != 1 else ''} the community already has "
        f"were named at the sessions, in {places} place{'s' if places != 1 else ''}: the "
        "strengths to build on, sorted by the asset-based model's categories.")
    b.table([section.vocabulary_name, "Assets"],
            [[label, str(count)] for label, count in section.by_category]
            + [["Total", str(section.total)]],
            weights=[4, 1], numeric_from=1, caption="Community assets by category")
    b.paragraph("")
    b.table(["Place", "Assets"], [[place, str(count)] for place, count in section.by_place],
            weights=[4, 1], numeric_from=1, caption="Community assets by place")
    for label, rows in section.groups:
        b.heading(label, level + 1)
        b.table(list(GROUP_HEADER),
                [[row.name, row.offers, row.place, row.connector, ", ".join(row.workshops)]
                 for row in rows],
                weights=[3, 4, 2, 3, 1.5], caption=f"{label}: the register")
    if section.connections:
        b.heading("Connections", level + 1)
        b.paragraph("Ideas from the sessions that bring two or more assets together.")
        b.table(["Idea", "Assets it connects"],
                [[idea, "; ".join(names)] for idea, names in section.connections],
                weights=[3, 2], caption="Connections between assets")


def assets_document(section: AssetsSection, template: Path | str | None = None):
    from facilitator.reports.docx_writer import DocumentBuilder
    from facilitator.reports.template import open_template

    document = open_template(template)
    b = DocumentBuilder(document)
    b.paragraph(TITLE, "Title")
    b.paragraph(section.programme_title, "Subtitle")
    write_assets_section(b, section, new_page=False, heading=False)
    document.core_properties.title = f"{TITLE}: {section.programme_title}"
    document.core_properties.language = "en-GB"
    return document


# ------------------------------------------------------------- CSV and Excel
def csv_bytes(section: AssetsSection) -> bytes:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in [list(HEADER), *section.rows()]:
        writer.writerow([neutralise(clean_cell(cell)) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def _fill(sheet, header, rows, widths, numeric: int | None = None) -> None:
    """Header bold on a dark fill, frozen and filtered; text cells stored as text, never
    formulas (as the notes sheet)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from facilitator.reports.xlsx_export import xlsx_text

    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="2F5496")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for values in rows:
        sheet.append([None] * len(values))
        row = sheet.max_row
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            if numeric is not None and column - 1 >= numeric:
                cell.value = int(value)
                continue
            cell.value = xlsx_text(str(value))
            cell.data_type = "s"
            if cell.value[:1] in ("=", "+", "-", "@"):
                cell.quotePrefix = True
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 2)}"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def add_assets_sheet(book, section: AssetsSection, title: str = "Assets") -> None:
    """A sheet of the register, grouped by category."""
    _fill(book.create_sheet(title), HEADER, section.rows(), (34, 22, 40, 20, 28, 14, 36, 36))


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
