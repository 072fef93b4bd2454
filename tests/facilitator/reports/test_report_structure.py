"""The demo programme's Summary of Results, read back with python-docx: the whole structure."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from tests.facilitator.reports.conftest import heading_at, headings, read_blocks

WHO = "1) WHO within Leicestershire communities most needs help and support?"
WHAT = "2) WHAT could communities possibly do...?"
HOW = "3) HOW can we 'Unlock Community Capacity' to tackle this issue?"
W7 = "W7: How can communities generate income for community projects?"
APPENDIX = "Appendix: attendance by participant category"
WHAT_PAGES = [
    "W1: How can I help people in my community to be more physically healthy and mentally active?",
    "W2: How can I help and support older people in my community?",
    "W4: How can I help young people in my community?",
    "W5: How can communities improve their environment (including housing, community "
    "buildings and green spaces)?",
    "W6: How can I help people in my community to get from A to B in order to access the "
    "services that they need?",
]
SUPPORT_AREAS = [
    "Willingness to do things",
    "Understanding what works",
    "Support to get started",
    "Support to keep going",
]
#: As the council's report numbers them (seed 003, paragraph 16).
NUMBERED_AREAS = [f"{n}) {area}" for n, area in zip(("i", "ii", "iii", "iv"), SUPPORT_AREAS, strict=True)]


def test_demo_report_has_the_sections_in_order(demo, export):
    path = export(*demo)
    blocks = read_blocks(path)
    assert blocks[0].style == "Title"
    assert blocks[0].text == "Communities Strategy Delivery Planning Workshops 2015"
    assert blocks[1].style == "Subtitle" and blocks[1].text == "Summary of Results"
    assert headings(blocks, 1) == ["Introduction", "Summary", WHO, WHAT, HOW, W7, APPENDIX]


def test_demo_report_whole_structure(demo, export):
    blocks = read_blocks(export(*demo))
    assert headings(blocks, 2) == [
        "Purpose", "The questions", "The workshops", "The support areas",
        "Attendance", "Notes captured", "Top WHO themes", "Top HOW themes",
        "HOW ideas by support area",
        *WHAT_PAGES,
        *NUMBERED_AREAS, "Other ideas",
        "What did we learn from the presentations?",
        "How could communities generate income for community projects?",
    ]
    texts = [b.text for b in blocks]
    start = heading_at(blocks, WHO)
    who = blocks[start + 1 : heading_at(blocks, WHAT)]
    themes = [b.text.split(" — ")[0] for b in who if b.style == "List Bullet" and " — " in b.text]
    assert themes == [
        "Older people living alone or isolated",
        "People without their own transport",
        "Unpaid carers",
        "Families struggling with money",
        "People with poor mental health",
        "Young people not in education, employment or training",
    ]
    assert who[0].text == "Aggregated across 5 workshops: W1, W2, W4, W5, W6."
    assert (
        "Older people living alone or isolated — raised at 3 of 5 workshops (W1, W2, W5) · 5 notes"
        in texts
    )
    assert "Unpaid carers — raised at 3 of 5 workshops (W1, W2, W4) · 3 notes" in texts
    # The theme's notes follow it, exactly as written, then the notes in no theme.
    at = texts.index("Unpaid carers — raised at 3 of 5 workshops (W1, W2, W4) · 3 notes")
    # Aggregated across workshops, each note names the workshop it came from.
    assert [(b.style, b.text) for b in blocks[at + 1 : at + 4]] == [
        ("List Bullet 2", "Carers who have no time for their own health (W1)"),
        ("List Bullet 2", "Husbands and wives caring for a partner with dementia (W2)"),
        ("List Bullet 2", "Young carers looking after a parent (W4)"),
    ]
    assert blocks[at + 1].element.xpath("./w:r/w:t/text()")[0] == (
        "Carers who have no time for their own health"
    )  # the note's own run holds exactly its text
    unthemed = texts.index("Other points raised", start)
    assert blocks[unthemed].style == "Normal"  # a lead-in, not a heading in the contents
    assert texts[unthemed + 1] == "People recovering from a stay in hospital (W1)"
    # W7's own section lists its notes by step.
    w7 = heading_at(blocks, W7)
    assert texts[w7 + 1].startswith("This workshop used a different format: Income generation")
    assert "Crowd-fund the new play area" in texts[w7:]


def test_each_what_workshop_starts_on_a_new_page(demo, export):
    blocks = read_blocks(export(*demo))
    texts = [b.text for b in blocks]
    what = heading_at(blocks, WHAT)
    assert blocks[what].page_break_before  # the section, with W1's page, starts a page
    assert texts[what + 1] == WHAT_PAGES[0]
    for title in WHAT_PAGES[1:]:
        assert blocks[heading_at(blocks, title)].page_break_before, title
    # HOW, W7 and the appendix start their own pages too; WHAT notes never do.
    for title in (HOW, W7, APPENDIX):
        assert blocks[heading_at(blocks, title)].page_break_before
    breaks = [b.text for b in blocks if b.page_break_before]
    assert breaks == ["Introduction", "Summary", WHO, WHAT, *WHAT_PAGES[1:], HOW, W7, APPENDIX]


def test_support_areas_come_in_their_fixed_order_with_unsorted_last(demo, export):
    blocks = read_blocks(export(*demo))
    texts = [b.text for b in blocks]
    how = blocks[heading_at(blocks, HOW) : heading_at(blocks, W7)]
    assert [b.text for b in how if b.style == "Heading 2"] == [*NUMBERED_AREAS, "Other ideas"]
    unsorted = [b.text for b in how[[b.text for b in how].index("Other ideas") + 1 :]]
    assert [t.rsplit(" (", 1)[0] for t in unsorted] == [
        "Volunteer expenses for drivers", "Funding that lasts longer than a year",
    ]
    # The introduction explains them, in the same order, from the format's vocabulary.
    intro = heading_at(blocks, "The support areas")
    assert [t.split(":")[0] for t in texts[intro + 2 : intro + 6]] == [
        f"{n})\t{area}" for n, area in zip(("i", "ii", "iii", "iv"), SUPPORT_AREAS, strict=True)
    ]


def test_introduction_lists_workshops_and_the_postponement(demo, export):
    path = export(*demo)
    document = docx.Document(str(path))
    table = document.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Workshop", "Theme question", "Date", "Venue", "Attendance"]
    assert [r[0] for r in rows[1:]] == ["W1", "W2", "W3", "W4", "W5", "W6", "W7"]
    assert rows[1][2:] == ["20 January 2015", "Coalville Community Centre", "35"]
    assert rows[3][4] == "Postponed"
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("W3 (postponed): Postponed because of travel difficulties") for t in texts)
    assert "Workshops that did not take place are not included in the results." in texts
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # a real header row
    assert "W3" not in "".join(headings(read_blocks(path)))  # not aggregated


def test_attendance_appendix_with_totals(demo, export):
    document = docx.Document(str(export(*demo)))
    table = document.tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Participant category", "W1", "W2", "W4", "W5", "W6", "W7", "Total"]
    assert rows[1] == ["Community representatives", "12", "14", "8", "10", "9", "11", "64"]
    assert rows[-1] == ["Total", "35", "43", "31", "36", "35", "33", "213"]


def test_word_features_toc_page_numbers_and_properties(demo, export):
    document = docx.Document(str(export(*demo)))
    body = document.element.body
    instructions = "".join(body.xpath(".//w:instrText/text()"))
    # The Contents: a linked entry with a PAGEREF field per heading of levels 1 and 2.
    marks = body.xpath(".//w:bookmarkStart/@w:name")
    assert marks and all(f"PAGEREF {mark} \\h" in instructions for mark in marks[:20])
    footer = document.sections[0].footer._element
    assert "PAGE" in "".join(footer.xpath(".//w:instrText/text()"))
    properties = document.core_properties
    assert properties.title.startswith("Communities Strategy Delivery Planning Workshops 2015")
    assert properties.author == "Leicestershire County Council Communities Team"
    assert properties.created is not None
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0  # A4 from the reference template
    assert body.xpath(".//w:fldChar[@w:fldCharType='begin']")


BUILT_IN = {
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
    "List Bullet 2", "TOC Heading", "toc 1", "toc 2", "Caption", "Strong", "Light List Accent 1", "Table Grid",
    "Default Paragraph Font", "Normal Table",
}


def test_only_built_in_style_names_are_used(demo, export):
    path = export(*demo)
    document = docx.Document(str(path))
    used = {p.style.name for p in document.paragraphs}
    used |= {t.style.name for t in document.tables}
    for paragraph in document.paragraphs:
        used |= {r.style.name for r in paragraph.runs}
    for table in document.tables:
        for cell in table._cells:
            used |= {p.style.name for p in cell.paragraphs}
    assert used <= BUILT_IN, used - BUILT_IN
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "toc 1", "toc 2"} <= used
    # Every style id referenced in the body names a style defined in the file.
    ids = {s.style_id for s in document.styles}
    body = document.element.body
    referenced = set(body.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val"))
    assert referenced <= ids
    assert not body.xpath(".//w:rPr/w:rFonts | .//w:rPr/w:sz")  # looks come from styles
    assert qn("w:body") == body.tag
