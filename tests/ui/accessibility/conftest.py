"""The accessibility audit's fixtures: the demo library, every announcement as it is made,
and (from tests/ui/every_window.py) the windows each test opened closed after it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible

from facilitator.demo import load_demo
from tests.ui.every_window import _close_opened  # noqa: F401 (autouse)
from ui import announce as announce_module
from ui.announce import build_event


@pytest.fixture
def demo(context):
    programme = load_demo(context.store)
    workshops = context.store.workshops(programme.id)
    return programme, workshops


@pytest.fixture
def spoken():
    """Every announcement, as (text, assertive); the real QAccessibleAnnouncementEvent is
    built and sent too (accessibility switched on, as when a screen reader runs)."""
    heard: list[tuple[str, bool]] = []

    def listener(source, text, assertive):
        event = build_event(source, text, assertive=assertive)
        assert event.message() == text
        assert event.politeness() == (QAccessible.AnnouncementPoliteness.Assertive if assertive
                                      else QAccessible.AnnouncementPoliteness.Polite)
        heard.append((text, assertive))

    announce_module.listeners.append(listener)
    QAccessible.setActive(True)
    yield heard
    QAccessible.setActive(False)
    announce_module.listeners.remove(listener)
