"""The notes checked a whole column at a time (transfer/note_checks.py) get exactly the answer
the row-by-row check of each note (``validate._validate_note``) gives: ``notes_clear`` is True
if and only if no note would be refused, and a file is refused, or accepted, with the same
words whether the column checks run or every note is checked one by one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.models import ValidationError
from facilitator.store.transfer_schema import FileContent, WorkshopFileError
from facilitator.transfer import note_checks, validate
from facilitator.transfer.validate import FUTURE_SLACK
from facilitator.transfer.workshop_file import read_and_check
from tests.facilitator.transfer.helpers import tampered_note
from tests.facilitator.transfer.test_file_checks import CASES, T


def _answer(path, monkeypatch, *, one_by_one: bool) -> tuple[str, list[bool]]:
    """What reading and checking says of the file, and what ``notes_clear`` answered."""
    said: list[bool] = []
    real = validate.notes_clear

    def spy(*args):
        said.append(real(*args))
        return False if one_by_one else said[-1]

    with monkeypatch.context() as patch:
        patch.setattr(validate, "notes_clear", spy)
        try:
            read_and_check(path)
        except WorkshopFileError as exc:
            return exc.problem, said
    return "accepted", said


def test_a_plain_file_is_read_set_wise_and_its_notes_found_clear_a_column_at_a_time(
        template, monkeypatch):
    from facilitator.store import transfer_read
    from facilitator.store.transfer_schema import table_columns
    from facilitator.transfer.merge import row_hash

    answers: list[bool] = []
    real = transfer_read.read_rows_fast

    def spy(*args):
        answers.append(real(*args))
        return answers[-1]

    monkeypatch.setattr(transfer_read, "read_rows_fast", spy)
    answer, said = _answer(template, monkeypatch, one_by_one=False)
    assert (answer, said, answers) == ("accepted", [True], [True])
    content = read_and_check(template)
    for table, rows in content.rows.items():
        names = [c.name for c in table_columns(table)]
        assert content.hashes[table] == [row_hash(row, names) for row in rows]


@pytest.mark.parametrize(("column", "value"), CASES)
def test_a_tampered_note_gets_the_same_answer_as_checking_each_note(
        template, tmp_path, monkeypatch, column, value):
    path = tampered_note(template, tmp_path, column, value)
    answer, said = _answer(path, monkeypatch, one_by_one=False)
    assert (answer, said) == _answer(path, monkeypatch, one_by_one=True)
    if said:  # the notes were reached: the column checks said clear only of good notes
        assert said == [answer == "accepted"]


# ------------------------------------------------------------------ the function itself
def _formats():
    from facilitator.formats import load_builtin_formats

    return {key: fmt for key, fmt in load_builtin_formats().items()
            if key == "delivery-planning"}


FORMATS = _formats()
WORKSHOPS = {"w1": {"code": "W1", "format_key": "delivery-planning"},
             "w2": {"code": "W2", "format_key": "delivery-planning"}}
THEMES = {"t1": {}}
#: Values of each column of a note, good and bad, each of the column's type and within its
#: bound (what either reader and ``_check_texts`` let through to the note checks).
POOLS = {
    "id": ["n1", "n2", "", "  ", "\u3000", "x" * 64, "é" * 40, "a\x00"],
    "workshop_id": ["w1", "w2", "nowhere"],
    "step_key": ["who", "what", "how", "", "nope"],
    "text": ["Bus pass", "é", "😀", "", "   ", "\x00", "\u2003"],
    "table_label": ["", "Table 1"],
    "theme_id": [None, "t1", "gone"],
    "tags": ["[]", '["a"]', "", "[", "[1]", '{"a": 1}', "[NaN]", '"a"', "null"],
    "created_at": [T, "2026-02-30T10:00:00.000000+00:00", "2024-02-29T10:00:00+00:00",
                   "not a time", "2026-01-01T10:00:00", "2026-01-01 10:00:00+01:00"],
    "updated_at": [T, "2026-01-01T10:00:00.000000+01:00", "2026-01-01T10:00:00.000000",
                   "2026-01-01T10:00:00Z", "2999-01-01T10:00:00.000000+00:00", "soon"],
    "deleted": [0, 1, 2, -1],
}
GOOD = {name: values[0] for name, values in POOLS.items()}
NOTES = st.lists(
    st.fixed_dictionaries({}, optional={name: st.sampled_from(values)
                                        for name, values in POOLS.items()}).map(
        lambda picked: {**GOOD, **picked}),
    max_size=5)


def _each_passes(notes: list[dict]) -> bool:
    try:
        for row in notes:
            validate._validate_note(row, WORKSHOPS, THEMES, FORMATS)
    except ValidationError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(NOTES)
def test_notes_clear_exactly_when_every_note_passes_its_own_check(notes):
    content = FileContent(path=None, meta={}, rows={"notes": notes})
    steps = {(wid, step) for wid, w in WORKSHOPS.items()
             for step in FORMATS[w["format_key"]].step_keys()}
    latest = datetime.now(UTC) + FUTURE_SLACK
    assert note_checks.notes_clear(content, WORKSHOPS, THEMES, steps, latest) == (
        _each_passes(notes))
