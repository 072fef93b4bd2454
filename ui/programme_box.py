"""The programme chooser many windows carry (action plan, asset register, themes board,
search, suggested themes): one way to fill it and choose the programme it opens on."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from facilitator.store import Store


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
