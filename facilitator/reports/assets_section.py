"""The community assets register as report content (issue 11): the section's data
(:func:`gather_assets`), its Word section through the report's ``DocumentBuilder``
(:func:`write_assets_section`, the Summary of Results' optional "Community assets") and its
Excel sheet (:func:`add_assets_sheet`, also in ``export-xlsx``). The standalone files are
``reports.assets_export``. This module imports no other report module (but ``xlsx_cells``,
which imports none), so the report's writers can use it without an import cycle.

"Who can help connect" holds a role or an organisation; one that looks like a private
person's contact details (the report's personal-data check) is listed in ``warnings``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator import asset_view, assets
from facilitator.asset_models import RegisterRow
from facilitator.models import Programme
from facilitator.reports.xlsx_cells import write_table
from facilitator.store import Store

TITLE = "Community assets"
HEADER = ("Name", "Category", "What it offers", "Place", "Who can help connect", "Named at",
          "Connections", "Notes")
GROUP_HEADER = ("Asset", "What it offers", "Place", "Who can help connect", "Named at")


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


def connector_warnings(store: Store, programme: Programme, rows=None) -> list[str]:
    """One line per asset whose "Who can help connect" looks like a person's contact details
    (the report's personal-data check), as the report, the export dialog and the command
    line say it."""
    return [
        f"Asset “{row.name}”: “Who can help connect” looks like a person's contact details "
        f"({'; '.join(found)}); give a role or an organisation instead."
        for row, found in assets.connector_findings(store, programme.id, rows)
    ]


def gather_assets(store: Store, programme: Programme) -> AssetsSection:
    rows = asset_view.register(store, programme.id)
    vocab = assets.vocabulary(store, programme.id)
    names = {r.id: r.name for r in rows}
    connections = []
    for connection, linked in asset_view.connections(store, programme.id):
        members = [names[a] for a in linked if a in names]
        if len(members) >= 2:
            connections.append((connection.idea, members))
    warnings = connector_warnings(store, programme, rows)
    return AssetsSection(programme.title, len(rows), asset_view.counts_by_category(rows, vocab),
                         asset_view.counts_by_place(rows), asset_view.grouped_by_category(rows, vocab),
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


def _fill(sheet, header, rows, widths, numeric: int | None = None) -> None:
    """Header bold on a dark fill, frozen and filtered; text cells stored as text, never
    formulas (as the notes sheet: ``xlsx_cells``)."""
    from openpyxl.utils import get_column_letter

    write_table(sheet, header, rows,
                None if numeric is None else lambda index, _value: index >= numeric)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def add_assets_sheet(book, section: AssetsSection, title: str = "Assets") -> None:
    """A sheet of the register, grouped by category."""
    _fill(book.create_sheet(title), HEADER, section.rows(), (34, 22, 40, 20, 28, 14, 36, 36))


