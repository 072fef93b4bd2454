"""Issue 12, rule 3: every format (built in, imported, in a library) meets one schema with
bounded size and depth; a wrong shape is a sentence for a person, never a Python error; a
refused file never stops the rest of the batch; the check sum is checked before parsing."""

from __future__ import annotations

import json

import pytest

from facilitator.formats import format_from_json, load_builtin_formats
from facilitator.models import ValidationError
from facilitator.transfer import import_workshop_files
from tests.facilitator.transfer.helpers import small_library_file
from tests.hostile import file_state, run_cli, tampered_copy

GOOD = json.loads(json.dumps({
    "key": "k", "name": "Custom", "version": 2,
    "steps": [{"key": "who", "title": "WHO", "question": "Who?", "minutes": 10,
               "vocabulary": "areas"}],
    "vocabularies": {"areas": {"name": "Areas", "tags": [{"key": "1", "label": "One"}]}},
}))


def variant(**changes):
    data = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target[last] = value
    return json.dumps(data)


HOSTILE = {
    "an empty list": ("[]", "should be a set of named values, not a list"),
    "20,000 nested brackets": ("[" * 20_000 + "]" * 20_000, "nests lists more than"),
    "minutes 1e999": (variant(steps__0__minutes=1e999).replace("Infinity", "1e999"),
                      "minutes should be a whole number"),
    "minutes as text": (variant(steps__0__minutes="ten"), "minutes should be a whole number"),
    "negative minutes": (variant(steps__0__minutes=-5), "should be from 0 to"),
    "a vocabulary that is a list": (variant(vocabularies=["areas"]),
                                    "vocabularies should be a set of named values"),
    "tags that are text": (variant(vocabularies__areas__tags="1,2"), "tags should be a list"),
    "steps missing": (json.dumps({"key": "k", "name": "n"}), "steps should be a list"),
    "a step that is a number": (variant(steps=[3]), "a step of"),
    "a title that is a list": (variant(steps__0__title=["x"]), "title should be text"),
    "NaN": ('{"key": "k", "name": "n", "version": NaN, "steps": []}', "not valid JSON"),
    "too large": (variant(description="x" * 300_000), "larger than 256 KB"),
    "not JSON": ("{'key': 1}", "not valid JSON"),
    "true as version": (variant(version=True), "version should be a whole number"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_wrong_shape_is_a_sentence_for_a_person(name):
    text, words = HOSTILE[name]
    with pytest.raises(ValidationError) as refused:
        format_from_json(text, source="format 'k'")
    message = str(refused.value)
    assert words in message
    assert "format 'k'" in message
    for python in ("Error", "Traceback", "object has no attribute", "KeyError("):
        assert python not in message


def test_the_built_in_formats_meet_the_same_schema():
    assert set(load_builtin_formats()) >= {"delivery-planning"}


def _file_with_format(good, name, definition):
    return tampered_copy(good, name, ("UPDATE formats SET definition = ?", [definition]))


@pytest.fixture
def files(builtin_formats, awkward_dir):
    return small_library_file(builtin_formats, awkward_dir)


def test_a_bad_format_in_a_batch_is_refused_and_the_rest_imported(
    files, builtin_formats, awkward_dir
):
    bad = [_file_with_format(files, f"bad {i}.workshop", text)
           for i, (text, _) in enumerate(HOSTILE.values())]
    from facilitator.library import open_library

    target = open_library(None, builtin_formats)
    try:
        summaries = import_workshop_files(target.store, [*bad, files],
                                          backup_dir=awkward_dir / "bk")
        assert [s.ok for s in summaries] == [False] * len(bad) + [True], summaries[-1].error
        for summary, (_, words) in zip(summaries, HOSTILE.values(), strict=False):
            assert words in summary.error, summary.error
    finally:
        target.close()


def test_the_cli_refuses_a_bad_format_naming_it_and_changes_nothing(files, awkward_dir,
                                                                   builtin_formats):
    from facilitator.library import open_library

    library_path = awkward_dir / "target.wfdb"
    open_library(library_path, builtin_formats).close()
    bad = _file_with_format(files, "nested.workshop", "[" * 20_000 + "]" * 20_000)
    before = file_state(library_path)
    result = run_cli("import", "--library", str(library_path), str(bad))
    assert result.returncode != 0
    assert "nested.workshop" in result.stdout + result.stderr
    assert "nests lists more than" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert file_state(library_path)[0] == before[0]


def test_the_check_sum_is_checked_before_the_format_is_parsed(files, monkeypatch):
    import facilitator.transfer.validate as validate
    from facilitator.transfer import WorkshopFileError, read_and_check

    path = tampered_copy(files, "unsealed.workshop", "UPDATE formats SET definition = '[]'",
                         sealed=False)
    parsed = []
    monkeypatch.setattr(validate, "format_from_json", lambda *a, **k: parsed.append(a))
    with pytest.raises(WorkshopFileError, match="check sum"):
        read_and_check(path)
    assert parsed == []
