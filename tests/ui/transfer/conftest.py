"""No worker thread of the transfer features outlives its test: each is joined at teardown,
so a late thread can never act on the next test's windows or library (joined before
qtbot closes the test's windows: this fixture needs qtbot, so it is torn down first)."""

from __future__ import annotations

import pytest

from tests.ui.transfer.helpers import join_worker_threads


@pytest.fixture(autouse=True)
def _join_worker_threads(qtbot):
    yield
    join_worker_threads()
