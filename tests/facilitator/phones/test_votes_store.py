"""Vote counts in the library and in workshop files: counts only, updated in place, merged."""

from __future__ import annotations

from facilitator.models import Programme, Workshop
from facilitator.phones.results import VoteCount, top_ideas, vote_id
from facilitator.store import Store
from facilitator.store.votes import save_votes, votes
from facilitator.transfer.workshop_file import export_workshops, import_workshop_file


def make(store: Store) -> Workshop:
    programme = store.add_programme(Programme("Delivery planning 2015"))
    return store.add_workshop(Workshop(programme.id, "W2", "Older people?", "delivery-planning"))


def counts(workshop: Workshop, **dots: int) -> list[VoteCount]:
    return [VoteCount(workshop.id, "how", "note", key, f"Idea {key}", n) for key, n in dots.items()]


def test_saving_again_updates_the_same_rows_and_drops_ideas_no_longer_listed(store):
    workshop = make(store)
    save_votes(store, workshop.id, "how", counts(workshop, a=3, b=5))
    assert [(v.target_id, v.dots) for v in votes(store, workshop.id)] == [("b", 5), ("a", 3)]
    save_votes(store, workshop.id, "how", counts(workshop, a=7))
    assert [(v.target_id, v.dots) for v in votes(store, workshop.id)] == [("a", 7)]
    assert store.conn.execute("SELECT count(*) FROM votes").fetchone()[0] == 2
    assert vote_id(workshop.id, "how", "a") == counts(workshop, a=1)[0].id
    columns = [r[1] for r in store.conn.execute("PRAGMA table_info(votes)")]
    assert not {"session", "token", "device", "address", "voter"} & set(columns)


def test_top_ideas_most_dots_first_without_zeros(store):
    workshop = make(store)
    ranked = top_ideas(counts(workshop, a=1, b=0, c=4, d=4))
    assert [c.target_id for c in ranked] == ["c", "d", "a"]


def test_votes_travel_in_workshop_files(store, tmp_path, builtin_formats):
    from facilitator.library import open_library

    workshop = make(store)
    save_votes(store, workshop.id, "how", counts(workshop, a=2, b=6))
    path = tmp_path / "w2.workshop"
    export_workshops(store, [workshop.id], path)
    other = open_library(None, builtin_formats)
    try:
        import_workshop_file(other.store, path)
        assert [(v.label, v.dots) for v in votes(other.store, workshop.id)] == [
            ("Idea b", 6), ("Idea a", 2)]
        save_votes(store, workshop.id, "how", counts(workshop, a=9, b=6))  # counted again
        export_workshops(store, [workshop.id], path)
        import_workshop_file(other.store, path)
        assert [(v.label, v.dots) for v in votes(other.store, workshop.id)] == [
            ("Idea a", 9), ("Idea b", 6)]
    finally:
        other.close()


def test_top_ideas_by_votes_in_the_summaries(store):
    from datetime import date

    from facilitator.models import Note
    from facilitator.reports.gather import build_report

    workshop = make(store)
    store.add_note(Note(workshop.id, "how", "Benches"))
    programme = store.get_programme(workshop.programme_id)
    assert build_report(store, programme, [workshop], today=date(2026, 1, 1)).summary is None
    save_votes(store, workshop.id, "how", counts(workshop, a=2, b=6, c=0))
    report = build_report(store, programme, [workshop], today=date(2026, 1, 1))
    table = next(t for t in report.summary.tables if t.heading == "Top ideas by votes")
    assert table.rows == [["Idea b", "W2", "6"], ["Idea a", "W2", "2"]]
    assert "8 dots" in table.intro
    other = store.add_workshop(Workshop(programme.id, "W3", "Young people?", "delivery-planning"))
    store.add_note(Note(other.id, "how", "Youth club"))
    both = build_report(store, programme, [workshop, other], today=date(2026, 1, 1))
    table = next(t for t in both.summary.tables if t.heading == "Top ideas by votes")
    assert table.rows[0] == ["Idea b", "W2", "6"]
