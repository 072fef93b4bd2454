"""The attendance appendix reads well at any size: 1, 6 and 30 workshops."""

from __future__ import annotations

import docx
from docx.shared import Cm

from facilitator.models import PARTICIPANT_CATEGORIES, Attendance, Programme, Workshop
from tests.facilitator.reports.conftest import add_notes

APPENDIX = "Appendix: attendance by participant category"


def programme_of(store, count: int) -> Programme:
    programme = store.add_programme(Programme("Many workshops", organisation="Council", area="Shire"))
    for i in range(1, count + 1):
        workshop = store.add_workshop(
            Workshop(programme.id, f"W{i}", f"Question {i}?", "delivery-planning",
                     date=f"2015-{1 + i // 28:02d}-{1 + i % 28:02d}", status="held")
        )
        store.set_attendance(Attendance(workshop.id, {key: i + n for n, (key, _) in
                                                      enumerate(PARTICIPANT_CATEGORIES)}))
        add_notes(store, programme, f"W{i}", "who", f"Note from W{i}")
    return programme


def appendix_table(document):
    return document.tables[-1]


def test_thirty_workshops_a_row_each_on_landscape_pages(store, export):
    programme = programme_of(store, 30)
    document = docx.Document(str(export(store, programme)))
    table = appendix_table(document)
    rows = [[c.text for c in r.cells] for r in table.rows]
    labels = [label for _key, label in PARTICIPANT_CATEGORIES]
    assert rows[0] == ["Workshop", *labels, "Total"]
    assert [r[0] for r in rows[1:]] == [f"W{i}" for i in range(1, 31)] + ["Total"]
    assert rows[30] == ["W30", *(str(30 + n) for n in range(7)), str(7 * 30 + 21)]
    assert rows[-1][-1] == str(sum(7 * i + 21 for i in range(1, 31)))
    # Landscape: the appendix is its own section; the report before it stays portrait.
    first, last = document.sections[0], document.sections[-1]
    assert first.page_width < first.page_height and last.page_width > last.page_height
    heading = next(p for p in document.paragraphs if p.text == APPENDIX)
    assert heading.style.name == "Heading 1"
    # Every column is wide enough for its longest word at 10 pt (no letter-per-line).
    for column, cells in zip(table.columns, zip(*rows, strict=True), strict=True):
        longest = max(len(word) for cell in cells for word in cell.split())
        assert column.width >= Cm(0.21 * longest + 0.4), (cells[0], column.width.cm)
    assert last.footer.paragraphs[0].text.startswith("Page ")  # the footer carries on


def test_six_workshops_keep_a_column_each(store, export):
    programme = programme_of(store, 6)
    document = docx.Document(str(export(store, programme)))
    rows = [[c.text for c in r.cells] for r in appendix_table(document).rows]
    assert rows[0] == ["Participant category", "W1", "W2", "W3", "W4", "W5", "W6", "Total"]
    assert len(document.sections) == 1


def test_one_workshop(store, export):
    programme = programme_of(store, 1)
    document = docx.Document(str(export(store, programme)))
    rows = [[c.text for c in r.cells] for r in appendix_table(document).rows]
    assert rows[0] == ["Participant category", "People"]
    assert rows[-1] == ["Total", str(7 + 21)]
