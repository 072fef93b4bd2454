"""The row digests worked out a column at a time (transfer/row_digest.py) are exactly
``merge.row_hash`` of each row: the digests are in every workshop file's check sum and every
library's merge bases, so one changed byte would refuse good files or split merges."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.transfer.merge import row_hash
from facilitator.transfer.row_digest import column_hashes, table_hashes

#: Texts as a file may hold them: NUL characters, characters outside the BMP, empty.
TEXTS = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12) | st.sampled_from(
    ["", "\x00", "a\x00b", "😀", "é", "T5:x", "N;"])
WHOLE = st.integers(-(2**63), 2**63 - 1)
#: One column's values: each of a plain kind, text and NULLs, all NULL, or anything at all.
KINDS = {
    "text": TEXTS, "int": WHOLE, "bytes": st.binary(max_size=12),
    "text or null": st.none() | TEXTS, "null": st.none(),
    "mixed": st.none() | TEXTS | WHOLE | st.binary(max_size=5) | st.booleans()
    | st.floats(allow_nan=False),
}


@st.composite
def tables(draw):
    kinds = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=6))
    names = [f"c{i}" for i in range(len(kinds))]
    count = draw(st.integers(0, 6))
    rows = [{name: draw(KINDS[kind]) for name, kind in zip(names, kinds, strict=True)}
            for _ in range(count)]
    return names, rows


@settings(max_examples=300, deadline=None)
@given(tables())
def test_the_column_digests_are_each_rows_row_hash(table):
    names, rows = table
    expected = [row_hash(row, names) for row in rows]
    assert table_hashes(rows, names) == expected
    columns = [tuple(row[name] for row in rows) for name in names]
    assert table_hashes(rows, names, columns) == expected


def test_a_changed_value_type_or_nul_changes_the_digest():
    names = ["id", "text", "n"]
    base = {"id": "a", "text": "Bus pass", "n": 1}
    changed = [{**base, "text": "Bus pas"}, {**base, "text": "Bus pass\x00"},
               {**base, "n": "1"}, {**base, "text": None}, {**base, "n": 2},
               {**base, "text": b"Bus pass"}]
    digests = table_hashes([base, *changed], names)
    assert len(set(digests)) == len(digests)


def test_columns_of_other_kinds_are_left_to_row_hash():
    assert column_hashes([(True, 1)], 2) is None
    assert column_hashes([(1, None)], 2) is None
    assert column_hashes([("a", 1)], 2) is None
    assert column_hashes([(None, None)], 2) is not None
