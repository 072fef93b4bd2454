"""Leaving the hosts a summary before packing up: Ctrl+Shift+E in the run window."""

from __future__ import annotations

import docx
from PySide6.QtCore import Qt

from tests.ui.run.helpers import CTRL, SHIFT, make_workshop, open_run, type_note


def test_ctrl_shift_e_exports_this_workshop_only(qtbot, context, dialogs, awkward_dir):
    workshop = make_workshop(context.store, code="W5")
    make_workshop(context.store, code="W6")
    window = open_run(qtbot, context, workshop.id)
    type_note(qtbot, window, "Village hall run by residents")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_E, CTRL | SHIFT)
    qtbot.waitUntil(lambda: getattr(window, "export_dialog", None) is not None)
    dialog = window.export_dialog
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Export summary of W5"
    dialogs.file_answers.append(awkward_dir / "W5 for the hosts.docx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=10000)
    document = docx.Document(str(awkward_dir / "W5 for the hosts.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Workshop summary: W5" in text
    assert "Village hall run by residents" in text
    assert "W6" not in text
