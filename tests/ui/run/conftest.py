"""Fixtures shared by the run window's widget tests: a session on a fresh workshop, a fake clock."""

from __future__ import annotations

import pytest

from tests.ui.run.helpers import FakeClock, make_session


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def session(context):
    return make_session(context)
