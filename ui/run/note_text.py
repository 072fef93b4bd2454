"""Text helpers for notes: splitting a paste into lines, and safe text for a card."""

from __future__ import annotations

import re
import unicodedata

#: Line-break-like characters Word and other programs put in copied text.
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\u2028\u2029\x85]")
#: A list bullet or number a scribe's list or an email may start lines with.
_BULLET = re.compile(r"^\s*(?:[-*•·–—▪◦]|\d{1,3}[.)])\s+")

#: How many characters of a note a card shows before "…".
CARD_LIMIT = 160
#: A "word" longer than this (a pasted link, "xxxxxxxx…") gets places where it may wrap.
LONG_WORD = 20
_LONG_RUN = re.compile(r"[^\s\u200b]{" + str(LONG_WORD + 1) + ",}")
#: Invisible characters: a note made only of these (and spaces) would be an empty card.
_INVISIBLE = ("Cc", "Cf", "Cs", "Co")


def split_lines(text: str) -> list[str]:
    """The non-empty lines of a paste, without bullets, as separate notes would hold them."""
    lines = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _BULLET.sub("", line).strip()
        if line:
            lines.append(line)
    return lines


def display_text(text: str, limit: int | None = CARD_LIMIT) -> str:
    """Text that draws safely: line breaks from Word become breaks, other control
    characters are dropped, tabs become spaces; cut at ``limit`` with an ellipsis.

    The note itself keeps every character; this is only what a card shows.
    """
    text = _BREAKS.sub("\n", text).replace("\t", " ")
    text = "".join(
        c for c in text if c == "\n" or unicodedata.category(c) not in ("Cc", "Cs", "Co")
    )
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def breakable(text: str) -> str:
    """``text`` with zero-width spaces every few characters inside very long words,
    so a card or the presenter's wall can wrap a pasted link or a run of "xxxx"
    instead of growing past the screen. Only for display: notes keep their text."""
    return _LONG_RUN.sub(
        lambda m: "\u200b".join(m[0][i : i + LONG_WORD] for i in range(0, len(m[0]), LONG_WORD)),
        text)


def is_blank(text: str) -> bool:
    """True for text that would make an empty note: spaces, breaks, control characters,
    and invisible ones such as zero-width spaces, byte-order and direction marks."""
    if text.isprintable():  # the usual case, and fast for a paste of 10,000 lines
        return not text.strip()
    return all(c.isspace() or unicodedata.category(c) in _INVISIBLE for c in text)
