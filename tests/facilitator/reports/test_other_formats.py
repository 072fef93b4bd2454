"""Question texts and tag names come from the format data, so any format reports the same way."""

from __future__ import annotations

from facilitator.models import Programme, Workshop
from tests.facilitator.reports.conftest import add_notes, heading_at, headings, read_blocks


def test_an_asset_mapping_programme(store, export):
    programme = store.add_programme(Programme("Asset sessions", organisation="Borough", area="Tamworth"))
    for code in ("A1", "A2"):
        store.add_workshop(Workshop(programme.id, code, f"{code} strengths?", "asset-mapping"))
    add_notes(store, programme, "A1", "assets", "Retired electrician", tags=["personal"])
    add_notes(store, programme, "A2", "assets", "The park", tags=["neighbourhood"])
    add_notes(store, programme, "A2", "assets", "Unsorted asset")
    add_notes(store, programme, "A1", "connections", "Electrician fixes the park lights")
    blocks = read_blocks(export(store, programme))
    assert headings(blocks, 1) == [
        "Introduction",
        "Summary",
        "1) What strengths does our community already have?",
        "2) How could we connect these assets to do more together?",
        "Appendix: attendance by participant category",
    ]
    start = heading_at(blocks, "1) What strengths does our community already have?")
    end = heading_at(blocks, "2) How could we connect these assets to do more together?")
    assert [b.text for b in blocks[start:end] if b.style == "Heading 2"] == [
        "i) Personal assets", "ii) Social assets", "iii) Community assets",
        "iv) Neighbourhood assets", "Other ideas",
    ]
    assert heading_at(blocks, "The asset categories") < start
    assert blocks[heading_at(blocks, "A2: A2 strengths?")].page_break_before
    texts = [b.text for b in blocks]
    assert texts[heading_at(blocks, "A1: A1 strengths?") + 1] == "Electrician fixes the park lights"
    assert texts[heading_at(blocks, "A2: A2 strengths?") + 1] == "No notes were recorded."
