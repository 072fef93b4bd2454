"""The personal-data check before a report or table leaves the building.

Flags notes that look like they hold personal data, so the facilitator can edit
them or mark them "checked, keep"; nothing is ever changed automatically. It looks
for email addresses, UK phone numbers, an address (a postcode with a house number),
a title with a name ("Mrs Patel", "Dr. Jones") and the names on the user's own list
(kept in the library: people who signed in, say). A note marked "checked, keep" is
not flagged again unless its text changes.

It is a net, not a guarantee: it says what it looked for, and the facilitator decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from facilitator.models import Programme, Workshop
from facilitator.store import Store
from facilitator.store.report_checks import text_hash

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
#: +44 or 0, then 9-10 more digits, with spaces, dashes, dots or brackets between.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?|\(?0)(?:[\s.()-]?\d){9,10}(?!\d)")
POSTCODE = re.compile(
    r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
HOUSE_NUMBER = re.compile(r"(?<![\w£$€.,:/-])\d{1,4}[A-Za-z]?(?=\s*,?\s+[A-Z][a-z])")
TITLE_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][\w'’-]+")

REASONS = {
    "email": "an email address",
    "phone": "a UK phone number",
    "address": "an address (house number and postcode)",
    "title": "a title and name",
    "name": "a name on your list",
}


@dataclass(frozen=True)
class Finding:
    """A note that looks like it holds personal data, and why."""

    note_id: str
    workshop_code: str
    step_key: str
    text: str
    #: What was found, each as "a UK phone number: 0116 305 7019".
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.workshop_code} {self.step_key.upper()}: {self.text!r} — {'; '.join(self.reasons)}"


def _name_pattern(names: Iterable[str]) -> re.Pattern | None:
    cleaned = sorted({" ".join(n.split()) for n in names if n.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    parts = [r"\s+".join(map(re.escape, name.split())) for name in cleaned]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def look(text: str, names: re.Pattern | None = None) -> list[str]:
    """What in ``text`` looks like personal data: "a UK phone number: 0116 305 7019" ..."""
    found = []
    for match in EMAIL.finditer(text):
        found.append(f"{REASONS['email']}: {match.group()}")
    emails = " ".join(m.group() for m in EMAIL.finditer(text))
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if digits in emails:
            continue
        if len(digits) in (10, 11, 12, 13):
            found.append(f"{REASONS['phone']}: {match.group().strip()}")
    for postcode in POSTCODE.finditer(text):
        before = text[: postcode.start()]
        if HOUSE_NUMBER.search(before):
            found.append(f"{REASONS['address']}: {postcode.group()}")
            break
    for match in TITLE_NAME.finditer(text):
        found.append(f"{REASONS['title']}: {match.group()}")
    if names is not None:
        for match in names.finditer(text):
            found.append(f"{REASONS['name']}: {match.group()}")
    return found


def find_personal_data(
    store: Store,
    programme: Programme,
    workshops: Sequence[Workshop],
    names: Iterable[str] | None = None,
    *,
    include_checked: bool = False,
) -> list[Finding]:
    """The notes of ``workshops`` (in order) that look like personal data, except those
    marked "checked, keep" with the same text. ``names`` defaults to the library's list."""
    pattern = _name_pattern(store.privacy_names() if names is None else names)
    checked = {} if include_checked else store.checked_notes()
    codes = {w.id: w.code for w in workshops}
    order = {w.id: i for i, w in enumerate(workshops)}
    steps = {w.id: list(store.get_format(w.format_key).step_keys()) for w in workshops}

    def place(note) -> tuple[int, int]:  # workshop order, then the format's step order
        keys = steps[note.workshop_id]
        return order[note.workshop_id], keys.index(note.step_key) if note.step_key in keys else len(keys)

    notes = sorted(store.notes(workshop_ids=list(codes)), key=place)
    findings = []
    for note in notes:
        if checked.get(note.id) == text_hash(note.text):
            continue
        reasons = look(note.text, pattern)
        if reasons:
            findings.append(Finding(note.id, codes[note.workshop_id], note.step_key, note.text,
                                    tuple(reasons)))
    return findings
