"""Notes checked a column at a time as a workshop file is read (the set-wise reader in
store/file_checks.py, the column rules in transfer/note_checks.py) get the same answer as the domain's row-by-row checks gave every note before: for each tampered
value below, reading and checking the file refuses it with the same words, or accepts it,
whether the set-wise path runs or the careful reader and every Python check do."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from facilitator.store import transfer_read
from facilitator.store.transfer_schema import WorkshopFileError
from facilitator.transfer.workshop_file import read_and_check
from tests.facilitator.transfer.helpers import tampered_note

T = "2026-01-05T10:00:00.000000+00:00"
#: (column, value): refused or accepted, the answer must not depend on the path taken.
CASES = [
    ("id", ""), ("id", "   "), ("id", "\u3000"), ("id", "x" * 64), ("id", "x" * 65),
    ("id", "é" * 40), ("id", "ab\x00" + "c" * 70),
    ("workshop_id", "not-a-workshop"), ("theme_id", "not-a-theme"), ("theme_id", None),
    ("created_at", "2026-02-30T10:00:00.000000+00:00"),
    ("created_at", "2024-02-29T10:00:00.000000+00:00"),
    ("created_at", "2023-02-29T10:00:00.000000+00:00"),
    ("created_at", "2026-04-31T10:00:00.000000+00:00"),
    ("created_at", "2026-01-01T24:00:00.000000+00:00"),
    ("created_at", "2026-01-01T10:60:00.000000+00:00"),
    ("created_at", "0000-01-01T10:00:00.000000+00:00"),
    ("created_at", "2026-13-01T10:00:00.000000+00:00"),
    ("created_at", "2026-01-01T10:00:00+00:00"), ("created_at", "2026-01-01 10:00:00+00:00"),
    ("created_at", "not a time"), ("created_at", T + "\x00junk"),
    ("updated_at", "2026-01-01T10:00:00.000000+01:00"),
    ("updated_at", "2026-01-01T10:00:00.000000"),
    ("updated_at", "2026-01-01T10:00:00.000000Z"),
    ("updated_at", "2999-01-01T10:00:00.000000+00:00"),
    ("updated_at", "2026-02-29T10:00:00.000000+00:00"),
    ("deleted", 2), ("deleted", -1), ("deleted", 1),
    ("text", ""), ("text", "   "), ("text", "\u3000\u2003"), ("text", "é"), ("text", "😀"),
    ("text", "\x00"),
    ("step_key", ""), ("step_key", "nope"), ("step_key", "what"),
    ("tags", ""), ("tags", "["), ("tags", "['a']"), ("tags", "[1]"), ("tags", '{"a": 1}'),
    ("tags", '"a"'), ("tags", '["a", "b"]'), ("tags", "[]"), ("tags", "[NaN]"),
    ("tags", '["a",]'),
]


def _answer(path, monkeypatch, careful: bool) -> str:
    with monkeypatch.context() as patch:
        if careful:
            patch.setattr(transfer_read, "read_rows_fast", lambda *args: False)
        try:
            content = read_and_check(path)
        except WorkshopFileError as exc:
            return exc.problem
    if not careful:
        assert "notes" in content.cleared  # the column checks found the notes clear
    return "accepted"


def test_a_plain_file_is_read_set_wise_and_every_note_found_clear(template):
    content = read_and_check(template)
    assert content.cleared["notes"] == [True] * 5


@pytest.mark.parametrize(("column", "value"), CASES)
def test_tampered_note_gets_the_same_answer_either_way(template, tmp_path, monkeypatch,
                                                       column, value):
    path = tampered_note(template, tmp_path, column, value)
    assert _answer(path, monkeypatch, careful=False) == _answer(path, monkeypatch, careful=True)


@pytest.mark.parametrize(("change", "said"), [
    ("UPDATE notes SET text = X'41' WHERE rowid = (SELECT max(rowid) FROM notes)",
     "where notes.text should be text"),
    ("UPDATE notes SET deleted = 'yes' WHERE rowid = (SELECT max(rowid) FROM notes)",
     "where notes.deleted should be a whole number"),
    ("UPDATE workshops SET code = CAST(X'FF41' AS TEXT)", "workshops.code that is not valid"),
])
def test_a_value_of_the_wrong_type_or_bad_text_is_refused_as_before(
        template, tmp_path, monkeypatch, change, said):
    path = tmp_path / "typed.workshop"
    shutil.copy(template, path)
    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute(change)
    conn.close()
    fast = _answer(path, monkeypatch, careful=False)
    assert fast == _answer(path, monkeypatch, careful=True)
    assert said in fast
