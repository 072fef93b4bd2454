"""The records of asset-based sessions (issue 11): assets, what named them, connections.

Plain dataclasses, no Qt and no SQL, like ``facilitator.models`` (kept in their own module
so the register and the action plan grow apart cleanly). Every record travels between
laptops: a UUID key (or one derived from what it links, so two laptops making the same link
make one row), ``updated_at`` and a ``deleted`` tombstone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from facilitator import limits
from facilitator.models import ValidationError, check_lengths, new_id, utc_now

#: Longest texts kept (a name is a label, not a paragraph); all bounds: ``limits.FIELDS``.
MAX_NAME = limits.NAME


def link_id(*parts: str) -> str:
    """The id of a link row, derived from what it links (32 hex digits, like ``new_id``)."""
    return hashlib.blake2b("|".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def fill_field(mine: str, theirs: str) -> str:
    """A field of the kept asset after a merge: its own text, else the other's; two
    different texts are both kept."""
    mine, theirs = mine.strip(), theirs.strip()
    if not theirs or theirs.casefold() in mine.casefold():
        return mine
    if not mine:
        return theirs
    return f"{mine}; {theirs}"


@dataclass
class Asset:
    """A strength the community already has: a person's skill, a group, a service, a place."""

    programme_id: str
    name: str
    #: A tag key of the programme's asset vocabulary (format data), or "" when not sorted.
    category: str = ""
    offers: str = ""
    #: Village, ward or venue, as typed.
    place: str = ""
    #: Who can help connect to it: a role or organisation, never a person's contact details.
    connector: str = ""
    notes: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    def validate(self) -> None:
        self.name = " ".join(self.name.split())
        if not self.name:
            raise ValidationError(
                "An asset needs a name: say what the strength is (a group, a place, a skill)."
            )
        if len(self.name) > MAX_NAME:
            raise ValidationError(
                f"An asset's name is at most {MAX_NAME} characters; put the rest under "
                "“What it offers” or Notes."
            )
        check_lengths("assets", self)  # every other text within limits.FIELDS


@dataclass
class AssetSource:
    """A note (or, with ``note_id`` empty, a workshop) that named an asset."""

    asset_id: str
    workshop_id: str
    note_id: str = ""
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    @property
    def id(self) -> str:
        return link_id(self.asset_id, self.workshop_id, self.note_id)


@dataclass
class Connection:
    """An idea that brings two or more assets together (the "Connections" step)."""

    programme_id: str
    idea: str
    workshop_id: str = ""
    note_id: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    def validate(self) -> None:
        self.idea = " ".join(self.idea.split())
        if not self.idea:
            raise ValidationError("A connection needs the idea that brings the assets together.")
        check_lengths("connections", self)


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register: an asset with the workshops that named it and its
    connections (their ideas), read in one query for speed."""

    id: str
    name: str
    category: str
    offers: str
    place: str
    connector: str
    notes: str
    updated_at: str
    #: Codes of the workshops that named it, in code order.
    workshops: tuple[str, ...]
    workshop_ids: tuple[str, ...]
    #: The ideas of its live connections.
    connections: tuple[str, ...]
