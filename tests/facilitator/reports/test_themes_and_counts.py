"""Themes: counted across workshops, ordered by workshops, then notes, then alphabetically."""

from __future__ import annotations

from facilitator.reports.gather import NOT_YET_SORTED, build_report
from facilitator.reports.model import AggregateSection, ThemeGroup
from tests.facilitator.reports.conftest import (
    add_notes,
    add_theme,
    heading_at,
    read_blocks,
    small_programme,
)


def who_section(report) -> AggregateSection:
    return next(s for s in report.sections if s.step_key == "who")


def test_themes_ordered_by_workshops_then_notes_then_label(store):
    programme = small_programme(store)
    wide = add_theme(store, programme, "who", "Zebra crossings")  # 3 workshops
    many = add_theme(store, programme, "who", "Many notes")  # 2 workshops, 3 notes
    b = add_theme(store, programme, "who", "beta")  # 2 workshops, 2 notes
    a = add_theme(store, programme, "who", "Alpha")  # 2 workshops, 2 notes
    for code in ("W1", "W2", "W3"):
        add_notes(store, programme, code, "who", f"zebra {code}", theme=wide)
    add_notes(store, programme, "W1", "who", "m1", "m2", theme=many)
    add_notes(store, programme, "W3", "who", "m3", theme=many)
    for theme in (b, a):
        add_notes(store, programme, "W1", "who", f"{theme.label} 1", theme=theme)
        add_notes(store, programme, "W2", "who", f"{theme.label} 2", theme=theme)
    add_notes(store, programme, "W2", "who", "Loose note")
    section = who_section(build_report(store, programme))
    [group] = section.groups
    assert [t.label for t in group.themes] == ["Zebra crossings", "Many notes", "Alpha", "beta"]
    assert [t.caption for t in group.themes] == [
        "raised at 3 of 3 workshops (W1, W2, W3) · 3 notes",
        "raised at 2 of 3 workshops (W1, W3) · 3 notes",
        "raised at 2 of 3 workshops (W1, W2) · 2 notes",
        "raised at 2 of 3 workshops (W1, W2) · 2 notes",
    ]
    assert [n.text for n in group.unthemed] == ["Loose note"]
    assert section.workshop_codes == ("W1", "W2", "W3")  # W4 postponed, W5 another format


def test_caption_wording():
    one = ThemeGroup("x", notes=[object()], workshop_codes=("W4",), of_workshops=6)
    assert one.caption == "raised at 1 of 6 workshops (W4) · 1 note"
    assert ThemeGroup("x", notes=[object()] * 2, workshop_codes=("W4",)).caption == "2 notes"


def test_how_notes_grouped_by_support_area_with_unsorted_last(store, export):
    programme = small_programme(store)
    grants = add_theme(store, programme, "how", "Grants")
    add_notes(store, programme, "W3", "how", "Keep going 1", tags=["keeping-going"])
    add_notes(store, programme, "W1", "how", "Grant A", tags=["getting-started"], theme=grants)
    add_notes(store, programme, "W2", "how", "Grant B", tags=["getting-started"], theme=grants)
    add_notes(store, programme, "W1", "how", "No area yet")
    add_notes(store, programme, "W2", "how", "Willing", tags=["willingness"])
    report = build_report(store, programme)
    how = next(s for s in report.sections if s.step_key == "how")
    assert [g.heading for g in how.groups] == [
        "Willingness to do things", "Understanding what works",
        "Support to get started", "Support to keep going", NOT_YET_SORTED,
    ]
    assert [g.note_count for g in how.groups] == [1, 0, 2, 1, 1]
    assert how.groups[2].themes[0].caption == "raised at 2 of 3 workshops (W1, W2) · 2 notes"
    assert "1 HOW note is not yet sorted under a support area." in report.warnings
    blocks = read_blocks(export(store, programme))
    texts = [b.text for b in blocks]
    assert texts[heading_at(blocks, NOT_YET_SORTED) + 1] == "No area yet (W1)"
    assert texts[heading_at(blocks, "ii) Understanding what works") + 1] == "No notes."


def test_area_comes_from_the_programme_and_labels_from_the_format(store, builtin_formats):
    programme = small_programme(store, area="Rutland")
    report = build_report(store, programme)
    assert report.questions[0] == "WHO within Rutland communities most needs help and support?"
    assert who_section(report).question == report.questions[0]
    vocab = builtin_formats["delivery-planning"].vocabularies["support-area"]
    assert [a.label for a in report.area_explanations[0][2]] == [t.label for t in vocab.tags]


def test_counts_and_warnings_for_the_export_dialog(store):
    programme = small_programme(store)
    add_notes(store, programme, "W1", "who", "a", "b")
    add_notes(store, programme, "W5", "ideas", "c")
    report = build_report(store, programme)
    assert report.section_counts() == [("WHO", 2), ("WHAT", 0), ("HOW", 0), ("W5", 1)]
    assert "No attendance recorded for W1, W2, W3, W5." in report.warnings
    assert "No notes yet for W2, W3." in report.warnings


def test_deleted_notes_and_themes_are_left_out(store):
    programme = small_programme(store)
    gone = add_theme(store, programme, "who", "Deleted theme")
    add_notes(store, programme, "W1", "who", "Under a deleted theme", theme=gone)
    [deleted] = add_notes(store, programme, "W1", "who", "Deleted note")
    store.set_theme_deleted(gone.id)
    store.set_notes_deleted([deleted.id])
    [group] = who_section(build_report(store, programme)).groups
    assert group.themes == []
    assert [n.text for n in group.unthemed] == ["Under a deleted theme"]


def test_themes_of_the_same_name_from_two_laptops_are_one_theme(store):
    """Two facilitators each made a "Transport" theme before their files met at the office."""
    programme = small_programme(store)
    first = add_theme(store, programme, "who", "Transport café")
    second = add_theme(store, programme, "who", "transport  cafe\u0301")  # as a Mac may store é
    add_notes(store, programme, "W1", "who", "No bus on Sundays", theme=first)
    add_notes(store, programme, "W3", "who", "Teenagers stuck in the village", theme=second)
    add_notes(store, programme, "W3", "who", "Hospital appointments", theme=second)
    [group] = who_section(build_report(store, programme)).groups
    assert [(t.label, t.caption) for t in group.themes] == [
        ("Transport café", "raised at 2 of 3 workshops (W1, W3) · 3 notes")
    ]
