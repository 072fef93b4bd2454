"""The window's workshop-file suffix is the domain's (the window does not import the domain's
transfer code at start: see tests/ui/test_startup_light.py)."""

from __future__ import annotations

import facilitator.transfer
import ui.transfer.actions


def test_the_two_file_suffixes_agree():
    assert ui.transfer.actions.FILE_SUFFIX == facilitator.transfer.FILE_SUFFIX
