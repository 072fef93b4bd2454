"""Support-area hints for HOW notes not yet sorted: from the library's sorted notes and the
areas' descriptions; never for a note with no words; the evidence must be clear."""

from __future__ import annotations

from facilitator.demo import load_demo
from facilitator.models import Note
from facilitator.sense.areas import area_hints, hint_inputs
from facilitator.sense.embedding import load_model


def test_a_note_like_sorted_ones_is_hinted_their_area(store):
    programme = load_demo(store)
    vocabulary, untagged, tagged = hint_inputs(store, programme.id, "how")
    assert [t.key for t in vocabulary.tags] == [
        "willingness", "understanding", "getting-started", "keeping-going"]
    assert untagged and tagged and not any(set(n.tags) & set(vocabulary.keys()) for n in untagged)
    [w1] = store.find_workshops(programme.id, ["W1"])
    new = store.add_notes([
        Note(w1.id, "how", "Start-up grants and insurance for new community groups"),
        Note(w1.id, "how", "🙂🙂"),
    ])
    tagged = tagged + store.add_notes([
        Note(w1.id, "how", "start-up grants for new groups", tags=["getting-started"]),
        Note(w1.id, "how", "insurance help for new community groups", tags=["getting-started"]),
    ])
    for model in (load_model(), load_model(force_lexical=True)):
        hints = area_hints(new, tagged, vocabulary, model)
        hint = hints[new[0].id]
        assert (hint.tag_key, hint.number, hint.text) == (
            "getting-started", 3, "probably 3 Support to get started"), model.name
        assert new[1].id not in hints  # emoji only: no hint
        assert 0.5 <= hint.share <= 1


def test_no_hints_for_a_step_without_support_areas(store):
    programme = load_demo(store)
    assert hint_inputs(store, programme.id, "who") == (None, [], [])
    assert area_hints([], [], None or _vocabulary(store), load_model(force_lexical=True)) == {}


def _vocabulary(store):
    return store.get_format("delivery-planning").vocabulary_for("how")
