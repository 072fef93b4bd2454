"""The asset register's filter bar: the programme, words to search, and a category, place
and workshop to show (``RegisterFilters``). The window fills the boxes from its rows and
reads what is chosen as a ``asset_view.Filter``."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from facilitator import asset_view, assets
from facilitator.asset_models import RegisterRow
from facilitator.formats import Vocabulary
from ui.programme_box import filter_box

ALL = "\x00all"


def chosen(box: QComboBox):
    """The box's choice, or None for "All …"."""
    data = box.currentData()
    return None if data in (None, ALL) else data


class RegisterFilters(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.programme_box = filter_box("registerProgramme", "Programme")
        self.search = QLineEdit()
        self.search.setObjectName("registerSearch")
        self.search.setAccessibleName("Search assets")
        self.search.setPlaceholderText("Words in the name, offer, place, connector, notes…")
        self.search.setClearButtonEnabled(True)
        self.category_box = filter_box("registerCategory", "Category filter")
        self.place_box = filter_box("registerPlace", "Place filter")
        self.workshop_box = filter_box("registerWorkshop", "Workshop filter")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (("&Programme", self.programme_box), ("&Search", self.search),
                             ("Ca&tegory", self.category_box), ("P&lace", self.place_box),
                             ("&Workshop", self.workshop_box)):
            caption = QLabel(text + ":")
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget, 2 if widget is self.search else 1)

    def boxes(self) -> tuple[QComboBox, QComboBox, QComboBox]:
        return self.category_box, self.place_box, self.workshop_box

    def fill(self, rows: list[RegisterRow], vocab: Vocabulary, workshops) -> None:
        """Offer the categories, places and workshops of these rows, keeping the choices."""
        boxes = self.boxes()
        kept = [box.currentData() for box in boxes]
        for box in boxes:
            box.blockSignals(True)
            box.clear()
        self.category_box.addItem("All categories", ALL)
        for tag in assets.categories(vocab, [r.category for r in rows]):
            self.category_box.addItem(tag.label, tag.key)
        self.category_box.addItem(assets.NO_CATEGORY, "")
        self.place_box.addItem("All places", ALL)
        for place, _count in sorted(asset_view.counts_by_place(rows),
                                    key=lambda p: (p[0] == assets.NO_PLACE, p[0].casefold())):
            self.place_box.addItem(place, place)
        self.workshop_box.addItem("All workshops", ALL)
        for workshop in workshops:
            self.workshop_box.addItem(workshop.code, workshop.id)
        for box, data in zip(boxes, kept, strict=True):
            index = box.findData(data) if data is not None else 0
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)

    def current(self) -> asset_view.Filter:
        return asset_view.Filter(self.search.text(), chosen(self.category_box),
                                 chosen(self.place_box), chosen(self.workshop_box))

    def clear(self, *, keep_category: bool = False) -> None:
        """Every box back to "All …" and the search empty, without signals."""
        boxes = [self.place_box, self.workshop_box]
        if not keep_category:
            boxes.append(self.category_box)
        for box in boxes:
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
