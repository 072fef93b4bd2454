from __future__ import annotations

import pytest

from facilitator.formats import format_from_dict, format_from_json
from facilitator.library import builtin_format_versions
from facilitator.models import ValidationError


def test_builtin_formats_load_in_method_order(builtin_formats):
    assert set(builtin_formats) == {"delivery-planning", "income-generation", "asset-mapping",
                                    "community-roadshow", "asset-mapping-levels"}
    dp = builtin_formats["delivery-planning"]
    assert dp.step_keys() == ("who", "what", "how")
    assert dp.vocabulary_for("how").keys() == (
        "willingness", "understanding", "getting-started", "keeping-going"
    )
    assert [t.label for t in dp.vocabulary_for("how").tags] == [
        "Willingness to do things",
        "Understanding what works",
        "Support to get started",
        "Support to keep going",
    ]
    assert dp.vocabulary_for("who") is None
    assets = builtin_formats["asset-mapping"].vocabulary_for("assets")
    assert assets.keys() == ("personal", "social", "community", "neighbourhood")


def test_the_quick_version_read_agrees_with_the_full_load(builtin_formats):
    """Opening an up-to-date library compares only keys and versions (start-up)."""
    assert builtin_format_versions() == [(f.key, f.version) for f in builtin_formats.values()]


def test_an_older_format_in_the_library_is_brought_up_to_date_on_opening(tmp_path):
    from facilitator.library import open_library

    path = tmp_path / "lib.wfdb"
    library = open_library(path)
    library.store.conn.execute("UPDATE formats SET version = 0 WHERE key = 'delivery-planning'")
    library.store.conn.commit()
    library.close()
    library = open_library(path)
    try:
        assert dict(builtin_format_versions())["delivery-planning"] == (
            library.store.format_versions()["delivery-planning"])
    finally:
        library.close()


def test_question_takes_the_area(builtin_formats):
    who = builtin_formats["delivery-planning"].step("who")
    assert who.question_for("Leicestershire") == (
        "WHO within Leicestershire communities most needs help and support?"
    )
    assert who.question_for("") == "WHO within our communities most needs help and support?"


def test_format_round_trips_through_json(builtin_formats):
    for fmt in builtin_formats.values():
        assert format_from_json(fmt.to_json()) == fmt


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"key": "x", "name": "X", "steps": []}, "at least one step"),
        ({"key": "x", "name": "X"}, "not a valid"),
        (
            {"key": "x", "name": "X", "steps": [{"key": "a", "title": "A", "question": "?",
                                                  "vocabulary": "nope"}]},
            "unknown vocabulary",
        ),
    ],
)
def test_bad_formats_are_refused_with_a_reason(data, problem):
    with pytest.raises(ValidationError, match=problem):
        format_from_dict(data, "my.json")


def test_store_keeps_the_newer_version_of_a_format(store, builtin_formats):
    import dataclasses

    dp = builtin_formats["delivery-planning"]
    store.save_format(dataclasses.replace(dp, name="Old", version=0))
    assert store.get_format(dp.key).name == dp.name
    store.save_format(dataclasses.replace(dp, name="Newer", version=dp.version + 1))
    assert store.get_format(dp.key).name == "Newer"
