"""Parts of the export dialog (ui/reports/dialog.py) that need nothing of it: the list of a
programme's workshops to tick (each with its notes, date and, when it did not take place, its
status), and the line saying which Word template the Summary takes its styles from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem

from facilitator.models import Workshop
from facilitator.reports.gather import NOT_HELD
from facilitator.reports.text import long_date


def workshop_list(workshops: list[Workshop], counts: dict[str, int],
                  checked_ids: list[str] | None) -> QListWidget:
    """``workshops`` to tick, those in ``checked_ids`` ticked (by default those held or
    planned: postponed and cancelled ones start unticked); ``counts``: notes by workshop."""
    chooser = QListWidget()
    chooser.setObjectName("workshopList")
    chooser.setAccessibleName("Workshops to include")
    for workshop in workshops:
        notes = counts.get(workshop.id, 0)
        parts = [workshop.code, f"{notes} note{'s' if notes != 1 else ''}"]
        parts.append(long_date(workshop.date))
        if workshop.status in NOT_HELD:
            parts.append(workshop.status.label)
        parts.append(workshop.theme_question)
        item = QListWidgetItem(" · ".join(p for p in parts if p))
        tip = workshop.theme_question
        if workshop.status in NOT_HELD and workshop.status_reason:
            tip += f"\n{workshop.status.label}: {workshop.status_reason}"
        item.setToolTip(tip)
        item.setData(Qt.ItemDataRole.UserRole, workshop.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        if checked_ids is not None:
            on = workshop.id in checked_ids
        else:
            on = workshop.status not in NOT_HELD
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        chooser.addItem(item)
    chooser.setTextElideMode(Qt.TextElideMode.ElideRight)
    chooser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return chooser


def template_label(template: Path | None, docx_kind: bool) -> QLabel:
    """Which Word template the Summary takes its styles from (shown for the Summary only)."""
    label = QLabel(
        f"Styles from: {template}" if template else "Styles from: the built-in template "
        "(choose your council's Word template in Settings)"
    )
    label.setObjectName("templateLabel")
    label.setWordWrap(True)
    label.setVisible(docx_kind)
    return label
