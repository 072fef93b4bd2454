"""What a screen reader reads of each window: names that carry what it shows, hints in words."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from tests.ui.a11y_audit import problems
from tests.ui.every_window import WINDOWS


@pytest.fixture(params=list(WINDOWS))
def window(request, qtbot, context, demo):
    return WINDOWS[request.param](qtbot, context, demo)


def test_names_carry_what_each_window_shows(window):
    """No focusable control with an empty or generic name; no label whose spoken name
    hides its visible text; every button's visible label starts its name."""
    assert not problems(window), "\n".join(problems(window))


def test_attendance_hints_are_in_words(qtbot, context, demo):
    dialog = WINDOWS["workshop dialog"](qtbot, context, demo)
    hints = [box.toolTip() for box in dialog.findChildren(QWidget)
             if box.objectName().startswith("attendance_")]
    assert len(hints) == 7
    assert "How many people came from VCSE groups" in " ".join(hints)
    assert "How many other people came" in hints
    assert not [h for h in hints if "vcse" in h or h.endswith("other came")]
