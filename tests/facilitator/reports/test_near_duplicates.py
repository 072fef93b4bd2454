"""Near-duplicates in the Summary of Results: notes that say the same thing in the same
words (give or take capitals, accents, punctuation and a slip of spelling) are printed once
with how many and where ("×3 (W1, W2, W3)"), and counted as one idea, while "raised at"
still counts every workshop that wrote one."""

from __future__ import annotations

from facilitator.reports.gather import build_report
from facilitator.sense.duplicates import stacks
from tests.facilitator.reports.conftest import add_notes, add_theme, read_blocks, small_programme


def test_what_stacks_and_what_does_not():
    texts = ["No bus after 6pm!", "Buses too early", "no buses after 6pm", "Buses too late",
             "NO BUS AFTER 6PM", "Café closed", "cafe closed", "😀", "😀", "lonely", "lonley",
             "Lunch club for older people", "lunch club for young people",
             "Lunch club for older poeple", "Lunhc club for older people"]
    got = [[texts[i] for i in s] for s in stacks(texts)]
    assert got == [
        ["No bus after 6pm!", "no buses after 6pm", "NO BUS AFTER 6PM"],
        ["Buses too early"], ["Buses too late"],
        ["Café closed", "cafe closed"],
        ["😀", "😀"],
        ["lonely"], ["lonley"],  # one word: only the very same word stacks
        ["Lunch club for older people", "Lunch club for older poeple",
         "Lunhc club for older people"],
        ["lunch club for young people"],
    ]
    assert stacks([]) == [] and stacks(["x" * 10_000, "x" * 10_000]) == [[0, 1]]


def test_a_theme_counts_a_stack_once_and_the_report_prints_it_once(store, export):
    programme = small_programme(store)
    buses = add_theme(store, programme, "who", "Buses")
    for code in ("W1", "W2", "W3"):
        add_notes(store, programme, code, "who", "No bus after 6pm", theme=buses)
    add_notes(store, programme, "W2", "who", "no buses after 6pm!", theme=buses)
    add_notes(store, programme, "W1", "who", "Buses too early", theme=buses)
    add_notes(store, programme, "W1", "who", "Lonely people", "lonely people.")
    report = build_report(store, programme)
    section = next(s for s in report.sections if s.step_key == "who")
    [group] = section.groups
    [theme] = group.themes
    assert theme.note_count == 5 and theme.idea_count == 2
    assert theme.caption == "raised at 3 of 3 workshops (W1, W2, W3) · 5 notes (2 different)"
    assert [(s.first.text, s.count, s.workshop_codes) for s in theme.printed] == [
        ("No bus after 6pm", 4, ("W1", "W2", "W3")), ("Buses too early", 1, ("W1",))]
    assert [(s.first.text, s.count) for s in group.unthemed_printed] == [("Lonely people", 2)]
    assert section.note_count == 7 and section.idea_count == 3
    summary = next(t for t in report.summary.tables if t.heading == "Top WHO themes")
    assert summary.rows == [["Buses", "3 of 3 (W1, W2, W3)", "5 (2 different)"]]

    texts = [b.text for b in read_blocks(export(store, programme))]
    assert "No bus after 6pm ×4 (W1, W2, W3)" in texts
    assert "Buses too early (W1)" in texts
    assert "Lonely people ×2 (W1)" in texts
    assert not any(t.startswith("no buses after 6pm") for t in texts)
    assert any("listed once, with how many there were" in t for t in texts)


def test_the_support_area_table_says_how_it_counts(store):
    programme = small_programme(store)
    add_notes(store, programme, "W1", "how", "Small grants", tags=["getting-started"])
    add_notes(store, programme, "W2", "how", "small grants!", tags=["getting-started"])
    add_notes(store, programme, "W3", "how", "Training", tags=["keeping-going"])
    report = build_report(store, programme)
    table = next(t for t in report.summary.tables if t.heading.startswith("HOW ideas by"))
    assert table.intro == ("3 HOW notes, under the support areas. The table counts every "
                           "note; counting notes that say the same thing once, there are 2 "
                           "different ideas:")
    assert table.rows[-1][-1] == "3"


def test_without_near_duplicates_the_report_reads_as_before(store):
    programme = small_programme(store)
    add_notes(store, programme, "W1", "how", "Small grants", tags=["getting-started"])
    add_notes(store, programme, "W3", "how", "Training", tags=["keeping-going"])
    report = build_report(store, programme)
    table = next(t for t in report.summary.tables if t.heading.startswith("HOW ideas by"))
    assert table.intro == "2 HOW ideas, under the support areas:"
