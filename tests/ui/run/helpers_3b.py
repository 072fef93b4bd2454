"""Helpers for the timer, presenter and photo tests: a workshop to run, and a session on it."""

from __future__ import annotations

from facilitator.models import Note, Programme, Workshop
from ui.run.session import RunSession


def make_workshop(store, format_key: str = "delivery-planning") -> Workshop:
    programme = store.add_programme(Programme("Delivery planning 2015", area="Leicestershire"))
    return store.add_workshop(
        Workshop(programme.id, "W2", "How can I help and support older people?", format_key)
    )


def make_session(context, format_key: str = "delivery-planning") -> RunSession:
    workshop = make_workshop(context.store, format_key)
    return RunSession(context, workshop.id)


def add_note(session: RunSession, text: str, step_key: str | None = None) -> Note:
    """Add a note straight through the store, as the run window's capture box would."""
    note = Note(session.workshop_id, step_key or session.step_key, text)
    return session.store.add_note(note)


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
