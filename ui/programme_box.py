"""The programme chooser many windows carry (action plan, asset register, themes board,
search, suggested themes): one way to fill it and choose the programme it opens on, and one
way to make it and the other filter boxes beside it (``filter_box``); and the step chooser
beside it (themes board, suggested themes), filled one way (``fill_steps``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from facilitator.store import Store


def filter_box(name: str, accessible: str) -> QComboBox:
    """A filter's drop-down (the asset register's, the search window's): named for tests,
    for screen readers, and narrow (8 characters) however long its items are."""
    box = QComboBox()
    box.setObjectName(name)
    box.setAccessibleName(accessible)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    return box


def fill_programmes(box: QComboBox, store: Store, chosen: str | None,
                    first: tuple[str, Any] | None = None) -> None:
    """Fill ``box`` with the library's programmes (after ``first``, a (text, data) item such
    as "All programmes", when given) and choose ``chosen``, or the first item when it is
    absent. Quietly: no currentIndexChanged while filling."""
    box.blockSignals(True)
    box.clear()
    if first is not None:
        box.addItem(*first)
    for programme in store.programmes():
        box.addItem(programme.title, programme.id)
    box.setCurrentIndex(max(0, box.findData(chosen)) if chosen else 0)
    box.blockSignals(False)


def fill_steps(box: QComboBox, store: Store, programme_id: str, chosen: str | None) -> None:
    """Fill ``box`` with the steps the programme's workshops use (none without a programme)
    and choose ``chosen``, or the first step when it is absent. Quietly, as above."""
    from facilitator.transfer.compile import step_choices  # (with the window that asks)

    box.blockSignals(True)
    box.clear()
    for key, title in step_choices(store, programme_id) if programme_id else []:
        box.addItem(title, key)
    box.setCurrentIndex(max(0, box.findData(chosen)) if chosen else 0)
    box.blockSignals(False)
