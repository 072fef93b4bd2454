"""Small text helpers for reports: British dates, natural workshop order, XML-safe text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from facilitator.names import natural_key, same_name  # noqa: F401 - (for the report modules)

# Characters XML 1.0 cannot hold: C0 controls other than tab, newline and carriage
# return, lone surrogates, and U+FFFE/U+FFFF. Word pastes \x0b (vertical tab) for
# a manual line break, and \x0c for a page break.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile("\r\n?")


def not_printable(text: str) -> bool:
    """Whether ``text`` holds characters a Word file cannot (``xml_safe`` leaves them out)."""
    return _NOT_XML.search(text) is not None


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML document cannot contain (document only)."""
    return _NOT_XML.sub("", text)


def document_text(text: str) -> str:
    """A note's text as a Word paragraph holds it: XML-safe, line endings as ``\\n``.

    Each ``\\n`` is written as a line break (``w:br``) inside the paragraph and
    reads back as ``\\n``; everything else is unchanged.
    """
    return _NEWLINES.sub("\n", xml_safe(text))


_TRAILING_SPACE = re.compile(r"\s+\Z")


def note_text(text: str) -> str:
    """A note as the report prints it: exactly as written, except that whitespace at the
    end that holds a line break (a note finished with Enter) is dropped, since it would
    print as an empty line."""
    text = document_text(text)
    end = _TRAILING_SPACE.search(text)
    if end and "\n" in end.group():
        text = text[: end.start()]
    return text


def sentence(text: str) -> str:
    """``text`` trimmed, ending with a full stop unless it already ends a sentence."""
    text = text.strip()
    if text and text[-1] not in ".!?…)\"'”’":
        text += "."
    return text


def not_held_line(code: str, status: str, reason: str, rescheduled: str) -> str:
    """'W3 (postponed): Snow. Rescheduled for 13 March 2015.' for the introduction."""
    parts = [sentence(reason)] if reason.strip() else []
    if rescheduled and rescheduled not in reason:
        parts.append(f"Rescheduled for {rescheduled}.")
    return f"{code} ({status})" + (": " + " ".join(parts) if parts else "")


def parse_date(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date() if value else None
    except ValueError:
        return None


def long_date(value: str) -> str:
    """'2015-01-20' -> '20 January 2015'; '' for no date; other text unchanged."""
    parsed = parse_date(value)
    if parsed is None:
        return value
    return f"{parsed.day} {parsed:%B %Y}"


def when_range(values: Iterable[str]) -> str:
    """The span of some ISO dates, e.g. '20 January to 24 February 2015'."""
    dates = sorted(d for d in (parse_date(v) for v in values) if d)
    if not dates:
        return ""
    first, last = dates[0], dates[-1]
    if first == last:
        return long_date(first.isoformat())
    if first.year != last.year:
        return f"{long_date(first.isoformat())} to {long_date(last.isoformat())}"
    if first.month != last.month:
        return f"{first.day} {first:%B} to {long_date(last.isoformat())}"
    return f"{first.day} to {long_date(last.isoformat())}"


def plural(noun: str) -> str:
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy", "uy")):
        return noun[:-1] + "ies"
    return noun if noun.endswith("s") else noun + "s"


def count_word(n: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if n < len(words) else str(n)
