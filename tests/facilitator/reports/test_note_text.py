"""A note comes out exactly as written: emoji, accents, line breaks; bad characters never crash."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from tests.facilitator.reports.conftest import add_notes, heading_at, read_blocks, small_programme

AWKWARD = [
    "Café owners 😀 — “quoted” & <tagged> naïve façade ½",
    "First line\nsecond line\nthird line",
    "Tab\tseparated and  two  spaces ",
    "Ελληνικά, 中文, עברית, 👩🏽‍🦳 family emoji 👨‍👩‍👧",
]


def test_note_text_comes_back_byte_for_byte(store, export):
    programme = small_programme(store)
    add_notes(store, programme, "W2", "what", *AWKWARD)
    path = export(store, programme)
    blocks = read_blocks(path)
    page = heading_at(blocks, "W2: Question of W2?")
    printed = [b.text for b in blocks[page + 1 : page + 1 + len(AWKWARD)]]
    assert printed == AWKWARD
    for text, block in zip(AWKWARD, blocks[page + 1 :], strict=False):
        assert block.text.encode("utf-8") == text.encode("utf-8")


def test_a_newline_is_a_line_break_inside_one_paragraph(store, export):
    programme = small_programme(store)
    add_notes(store, programme, "W1", "what", "Line one\nLine two")
    blocks = read_blocks(export(store, programme))
    block = blocks[heading_at(blocks, "W1: Question of W1?") + 1]
    assert block.style == "List Bullet"
    assert block.text == "Line one\nLine two"
    assert len(block.element.xpath(".//w:br")) == 1  # a w:br, not a second paragraph
    assert not block.element.xpath(".//w:br[@w:type='page']")


def test_windows_line_endings_become_one_line_break(store, export):
    programme = small_programme(store)
    add_notes(store, programme, "W1", "what", "Line one\r\nLine two")
    blocks = read_blocks(export(store, programme))
    assert blocks[heading_at(blocks, "W1: Question of W1?") + 1].text == "Line one\nLine two"


def test_characters_xml_cannot_hold_are_dropped_from_the_document_only(store, export):
    programme = small_programme(store)
    bad = "Pasted from Word\x0bwith a vertical tab\x0c, a form feed and \x01\x1f controls \ufffe"
    [note] = add_notes(store, programme, "W1", "who", bad)
    store.update_programme(programme)  # nothing else changes
    path = export(store, programme)
    blocks = read_blocks(path)
    # WHO is aggregated across workshops: the note is followed by where it came from.
    assert "Pasted from Wordwith a vertical tab, a form feed and  controls  (W1)" in [
        b.text for b in blocks
    ]
    assert store.get_note(note.id).text == bad  # the library keeps it exactly


def test_bad_characters_in_titles_and_themes_do_not_crash(store, export):
    programme = small_programme(store)
    programme.title = "Programme\x0b title"
    programme.organisation = "Council\x07"
    store.update_programme(programme)
    from tests.facilitator.reports.conftest import add_theme

    theme = add_theme(store, programme, "who", "Theme\x0b label")
    add_notes(store, programme, "W1", "who", "A note", theme=theme)
    document = docx.Document(str(export(store, programme)))
    assert document.paragraphs[0].text == "Programme title"
    assert document.core_properties.author == "Council"
    assert any(p.text.startswith("Theme label — ") for p in document.paragraphs)
    assert document.element.body.tag == qn("w:body")
