"""Dot-vote results: how many dots each idea got, never who placed them (no Qt, no SQL)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from facilitator.models import utc_now


def vote_id(workshop_id: str, step_key: str, target_id: str) -> str:
    """One row per (workshop, step, idea): voting again on a step updates the same rows, and
    two laptops' copies of a workshop merge row by row."""
    return hashlib.sha256(f"{workshop_id}|{step_key}|{target_id}".encode()).hexdigest()[:32]


@dataclass
class VoteCount:
    workshop_id: str
    step_key: str
    target_kind: str  # "note" or "theme"
    target_id: str
    label: str  # the idea's words when the dots were counted
    dots: int
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    @property
    def id(self) -> str:
        return vote_id(self.workshop_id, self.step_key, self.target_id)


def top_ideas(counts: list[VoteCount], limit: int = 10) -> list[VoteCount]:
    """The ideas with dots, most first (ties in the order they were listed)."""
    ranked = [c for c in counts if c.dots > 0 and not c.deleted]
    return sorted(ranked, key=lambda c: -c.dots)[:limit]
