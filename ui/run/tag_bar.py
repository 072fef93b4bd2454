"""Tag chips for a step with a vocabulary (HOW: the four support areas), and the grouping switch."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget

from facilitator.formats import Vocabulary
from ui.run.flow_layout import FlowLayout


class TagBar(QWidget):
    """Chips "1 Willingness to do things" … ; clicking one tags the selected cards.

    The chips wrap onto a second row when the window is narrow or the text large."""

    tag_chosen = Signal(int)  # 1-based position in the vocabulary, 0 clears
    group_by_tag_toggled = Signal(bool)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("tagBar")
        self.layout_ = FlowLayout(self)
        self.layout_.setContentsMargins(16, 0, 16, 0)
        self.title = QLabel()
        self.layout_.addWidget(self.title)
        self.chips: list[QPushButton] = []
        self.clear_chip = QPushButton("0  No tag")
        self.clear_chip.setObjectName("chip_clear")
        self.clear_chip.setAccessibleName("0 No tag: clear the tag of the selected notes")
        self.clear_chip.setToolTip(
            "Clear the tag of the selected notes (0 on the board, Ctrl+Alt+0)")
        self.clear_chip.clicked.connect(lambda: self.tag_chosen.emit(0))
        self.group_by_tag = QCheckBox("&Group by tag")
        self.group_by_tag.setObjectName("groupByTag")
        self.group_by_tag.setAccessibleName("Group by tag: show the cards under their tags")
        self.group_by_tag.setToolTip("Show the cards under their tags, untagged ones "
                                     "last (Ctrl+B)")
        self.group_by_tag.toggled.connect(self.group_by_tag_toggled)
        self.layout_.addWidget(self.clear_chip)
        self.layout_.addWidget(self.group_by_tag)
        self.setStyleSheet(
            "QPushButton { border: 1px solid #8c959f; border-radius: 12px; padding: 4px 12px;"
            " background: white; color: #1f2328; }"
            "QPushButton:focus { border: 2px solid #0b5cad; }")

    def set_vocabulary(self, vocabulary: Vocabulary | None) -> None:
        for chip in self.chips:
            self.layout_.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        self.setVisible(vocabulary is not None)
        if vocabulary is None:
            return
        self.title.setText(f"{vocabulary.name}:")
        for number, tag in enumerate(vocabulary.tags[:9], 1):
            chip = QPushButton(f"{number}  {tag.label}")
            chip.setObjectName(f"chip_{tag.key}")
            chip.setAccessibleName(f"{number} {tag.label}: tag the selected notes “{tag.label}”")
            chip.setToolTip(f"Tag the selected notes “{tag.label}” "
                            f"({number} on the board, Ctrl+{number})")
            chip.clicked.connect(lambda _=False, n=number: self.tag_chosen.emit(n))
            self.layout_.insertWidget(number, chip)
            self.chips.append(chip)
