"""Every row's content digest (``merge.row_hash``) for whole tables at once, worked out a
column at a time.

``row_hash`` serialises a row value by value in Python (``T<bytes>:`` and the UTF-8 of a
text, ``I<digits>:`` and the digits of a whole number, ``B<bytes>:`` and the bytes of data,
``N;`` for NULL) and hashes it with BLAKE2b. The digests are written into every workshop
file (its check sum) and into every library (its merge bases), so they must not change.
Here the same bytes are built column by column with Python's own loops (``map`` over a
column's values: encoding, lengths, formatting in C), each row's pieces joined in one
formatting and hashed: the same digest for the same values, at about two thirds of the
cost. A column whose values are not all of one plain kind (text, whole numbers, data, or
text and NULLs) is not handled here: that table's rows are hashed by ``row_hash`` itself.
``tests/facilitator/transfer/test_row_digest.py`` checks both ways agree on any values.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from facilitator.transfer.merge import row_hash

_NONE = type(None)
#: The values of a column, by kind: their piece's form (the bytes serialised, then the
#: value) and how a value is made bytes (None: it already is).
_FORMS: dict[type, tuple[bytes, Any]] = {
    str: (b"T%d:%b", str.encode),
    int: (b"I%d:%b", b"%d".__mod__),
    bytes: (b"B%d:%b", None),
}
_blake2b = functools.partial(hashlib.blake2b, digest_size=16)
_hexdigest = type(hashlib.blake2b()).hexdigest


def _text_or_none(value: str | None) -> bytes:
    if value is None:
        return b"N;"
    data = value.encode("utf-8")
    return b"T%d:%b" % (len(data), data)


def column_hashes(columns: Sequence[Sequence[Any]], count: int) -> list[str] | None:
    """The digest of each of ``count`` rows given as columns (each a sequence of the rows'
    values, in the row hash's column order), or None where a column holds values of mixed
    or other kinds (``row_hash`` is needed for those)."""
    if not count:
        return []
    forms: list[bytes] = []
    args: list[Iterable[Any]] = []
    for values in columns:
        kinds = set(map(type, values))
        if kinds == {_NONE}:
            forms.append(b"N;")  # the same piece in every row
            continue
        if kinds == {str, _NONE}:
            forms.append(b"%b")
            args.append(list(map(_text_or_none, values)))
            continue
        if len(kinds) != 1 or next(iter(kinds)) not in _FORMS:
            return None
        form, make = _FORMS[next(iter(kinds))]
        data = values if make is None else list(map(make, values))
        forms.append(form)
        args += [list(map(len, data)), data]
    serialise = b"".join(forms).__mod__
    rows = zip(*args, strict=True) if args else [()] * count
    return list(map(_hexdigest, map(_blake2b, map(serialise, rows))))


def table_hashes(rows: list[dict[str, Any]], names: list[str],
                 columns: Sequence[Sequence[Any]] | None = None) -> list[str]:
    """Each row's ``row_hash``, in order: set-wise where every column is of one plain kind
    (``columns``: the rows' values column by column, if the caller has them), else row by
    row."""
    if columns is None:
        columns = [[row[name] for row in rows] for name in names]
    hashes = column_hashes(columns, len(rows))
    if hashes is None:
        hashes = [row_hash(row, names) for row in rows]
    return hashes
