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
