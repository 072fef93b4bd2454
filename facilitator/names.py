"""How names and codes compare and sort, for everything in the domain (no Qt, no SQL)."""

from __future__ import annotations

import re
import unicodedata


def same_name(text: str) -> str:
    """What makes two names the same to a reader: case, spacing and how an accent is stored
    (a Mac may keep "é" as "e" plus an accent) do not count."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def natural_key(code: str) -> tuple:
    """Sort key so that W2 comes before W10 (workshop codes, everywhere they are listed)."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", code)
        if part
    )


def counted(n: int, noun: str, plural: str = "") -> str:
    """``counted(1, "note")`` is "1 note", ``counted(3, "note")`` "3 notes": never "1 notes"."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


#: A quoted name, or a run of text without spaces, longer than a message can usefully show.
_LONG_PART = re.compile(r"“[^”]{81,}”|'[^'\n]{81,}'|\"[^\"\n]{81,}\"|\S{121,}")


def shorten_long_parts(message: str, limit: int = 80) -> str:
    """A message with each over-long quoted name (a 1 MB programme title from a hostile
    file) cut to about ``limit`` characters and an ellipsis, so the message stays readable
    (issue 12, rule 8)."""

    def cut(match: re.Match) -> str:
        text = match.group()
        if text[0] in "“'\"" and text[-1] in "”'\"":
            return text[0] + text[1:limit] + "…" + text[-1]
        return text[:limit] + "…"

    return _LONG_PART.sub(cut, message)
