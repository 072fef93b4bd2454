"""The presenter screen's wall of notes: large read-only cards, newest always in view.

The cards, their order and what each store event changed come from the same
``facilitator.cards.StepCards`` the run window's board renders: a new note adds
one card, an edit changes one card's text, a delete or a move to another step
removes one; a step change rebuilds the wall. Only the newest ``MAX_CARDS`` notes
are shown (the projector cannot show thousands anyway); the count says how many
there are in all. After every change the wall scrolls so the newest card is
whole on the screen (it used to be cut off whenever it started a new row).
"""

from __future__ import annotations

import html
import re
from typing import cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from facilitator.cards import Change, StepCards
from facilitator.formats import Vocabulary
from facilitator.models import Note
from facilitator.store import LibraryError
from ui.run.cards import step_colour as board_colour
from ui.run.note_text import breakable
from ui.run.session import RunSession

MAX_CARDS = 120
#: Above this many notes in one change, read the workshop's notes once instead of one by one.
BULK = 50
CARD_CHARS = 240
#: The newest card's badge, "Newest" over its text: amber on near-black (12:1), a dark
#: block on the light card (well over 3:1). Not an outline: a ring round a card reads as
#: the keyboard's focus, and the presenter has none (issue 15: one focus-like ring at most).
NEWEST_WORD = "Newest"
NEWEST_TEXT = "#ffd54f"
NEWEST_BACKGROUND = "#1a1a1a"


def step_colour(index: int) -> str:
    """The step's sticky-note colour, as on the run window's board."""
    return board_colour(index).name()


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\u2028\u2029]+")


def card_text(text: str, limit: int = CARD_CHARS) -> str:
    """A note as a card shows it: control characters from Word made spaces, long text cut."""
    clean = _CONTROL.sub(" ", text).strip()
    return clean if len(clean) <= limit else clean[: limit - 1].rstrip() + "…"


class NoteWall(QWidget):
    count_changed = Signal(int)

    def __init__(self, session: RunSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self._cards: dict[str, QLabel] = {}
        self.step_cards = StepCards(session.format, session.step_key,
                                    workshop_id=session.workshop_id)
        self._shown: list[str] = []  # ids of the cards on the wall, oldest first
        self._newest: str | None = None
        self._vocabulary: Vocabulary | None = None
        self._text_px = 28.0
        self._columns = 1
        self._colour = step_colour(0)
        self.setObjectName("noteWall")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("presenterCount")
        self.count_label.setAccessibleDescription("Number of notes")
        self.count_label.setStyleSheet("color: #c9d3e6;")
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Nobody scrolls a projector: the newest cards are kept in view without a bar.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget "
                                  "{ background: transparent; }")
        self.scroll_area.setAccessibleName("Notes on this step")
        self.board = QWidget()
        self.grid = QGridLayout(self.board)
        self.grid.setSpacing(16)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setWidget(self.board)
        self.scroll_area.verticalScrollBar().rangeChanged.connect(self._on_range_changed)
        self.scroll_area.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count_label)
        layout.addWidget(self.scroll_area, 1)

        self.store.events.notes_changed.connect(self._on_notes_changed)
        session.step_changed.connect(self._on_step_changed)
        self._connected = True
        self._on_step_changed(session.step_key)

    # --------------------------------------------------------------- public
    @property
    def note_ids(self) -> list[str]:
        """Ids of the notes shown, oldest first."""
        return list(self._shown)

    def card(self, note_id: str) -> QLabel | None:
        return self._cards.get(note_id)

    def text_of(self, note_id: str) -> str:
        """What a card says, as plain text (its tag on a second line)."""
        return self._cards[note_id].property("plain")

    @property
    def total(self) -> int:
        return len(self.step_cards.order)

    def set_text_px(self, px: float) -> None:
        self._text_px = px
        for note_id, card in self._cards.items():
            self._style_card(card, newest=note_id == self._newest)
            self._set_text(card.property("note"))
        font = self.count_label.font()
        font.setPixelSize(max(8, round(px * 0.75)))
        self.count_label.setFont(font)
        self._relayout()

    def disconnect_store(self) -> None:
        if self._connected:
            self._connected = False
            self.store.events.notes_changed.disconnect(self._on_notes_changed)
            self.session.step_changed.disconnect(self._on_step_changed)

    # --------------------------------------------------------------- events
    def _on_step_changed(self, key: str) -> None:
        keys = [s.key for s in self.session.steps]
        self._colour = step_colour(keys.index(key))
        self._vocabulary = self.session.format.vocabulary_for(key)
        self.step_cards.set_step(key)
        self._show(self.step_cards.load(self.store.notes(self.session.workshop_id)))

    def _on_notes_changed(self, ids: list[str]) -> None:
        if not shiboken6.isValid(self):  # deleted without disconnect_store()
            self.disconnect_store()
            return
        try:
            changed = self.store.get_notes(ids) if len(ids) <= BULK else None
        except LibraryError:  # a note gone for good (replaced by a merge): read afresh
            changed = None
        if changed is None:
            self._show(self.step_cards.load(self.store.notes(self.session.workshop_id)))
        else:
            self._show(self.step_cards.apply(changed))

    def _show(self, change: Change) -> None:
        """Follow one change of the cards: add, re-word or remove just the cards it names."""
        newest = self.step_cards.order[-MAX_CARDS:]
        if change.reset and not (change.added or change.edited or change.removed):
            for card in self._cards.values():
                card.deleteLater()
            self._cards.clear()
            self._newest = None
        wanted = set(newest)
        for note_id in [i for i in self._cards if i not in wanted]:
            self._remove(note_id)
        for note_id in newest:
            if note_id not in self._cards:
                self._insert(self.step_cards.note(note_id))
            elif note_id in change.edited:
                self._set_text(self.step_cards.note(note_id))
        self._shown = newest
        self._relayout()
        self._update_count()

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        """Keep the newest note in view as cards arrive."""
        self.scroll_area.verticalScrollBar().setValue(maximum)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._relayout()
        return False

    # -------------------------------------------------------------- helpers
    def _insert(self, note: Note) -> None:
        card = QLabel(self.board)
        card.setObjectName("presenterCard")
        card.setTextFormat(Qt.TextFormat.RichText)
        card.setWordWrap(True)
        card.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        card.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        card.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        card.setAccessibleDescription("Note")
        self._style_card(card)
        self._cards[note.id] = card
        self._set_text(note)

    def _set_text(self, note: Note) -> None:
        """The note's words, and under them its tag (a HOW note's support area) if any."""
        card = self._cards[note.id]
        words = card_text(note.text)
        tag = ""
        if self._vocabulary is not None and note.tags:
            tag = ", ".join(self._vocabulary.label_for(t) for t in note.tags)
        body = html.escape(breakable(words)).replace("\n", "<br>")  # long words wrap
        newest = bool(card.property("newest"))
        if newest:
            body = (f'<span style="background-color:{NEWEST_BACKGROUND}; color:{NEWEST_TEXT};'
                    f' font-weight:bold; font-size:{max(8, round(self._text_px * 0.6))}px;">'
                    f"&nbsp;{NEWEST_WORD}&nbsp;</span><br>{body}")
        if tag:
            body += (f'<br><span style="font-size:{max(8, round(self._text_px * 0.62))}px;'
                     f' color:#37474f;">{html.escape(tag)}</span>')
        card.setText(body)
        card.setProperty("plain", f"{words}\n{tag}" if tag else words)
        card.setProperty("note", note)
        # Its name is what it shows ("Newest" first on the newest card); the description
        # says the note alone.
        card.setAccessibleDescription(card.property("plain"))

    def _remove(self, note_id: str) -> None:
        card = self._cards.pop(note_id)
        self.grid.removeWidget(card)
        card.deleteLater()

    def _style_card(self, card: QLabel, newest: bool = False) -> None:
        font = card.font()
        font.setPixelSize(max(8, round(self._text_px)))
        card.setFont(font)
        pad = max(6, round(self._text_px * 0.45))
        edge = max(3, round(self._text_px * 0.12))
        # Every card has the same edge: the newest says "Newest" in a badge instead
        # (_set_text), so the room sees what just went up without a focus-like ring.
        card.setStyleSheet(
            f"QLabel#presenterCard {{ background: {self._colour}; color: #1a1a1a;"
            f" border: {edge}px solid {self._colour}; border-radius: 4px; padding: {pad}px; }}"
        )
        card.setProperty("newest", newest)

    def _mark_newest(self) -> None:
        newest = self._shown[-1] if self._shown else None
        if newest == self._newest:
            return
        if self._newest in self._cards:
            self._style_card(self._cards[self._newest])
            self._set_text(self._cards[self._newest].property("note"))
        if newest is not None:
            self._style_card(self._cards[newest], newest=True)
            self._set_text(self._cards[newest].property("note"))
        self._newest = newest

    def _relayout(self) -> None:
        self._mark_newest()
        width = self.scroll_area.viewport().width()
        columns = max(1, min(4, int(width // max(1.0, self._text_px * 13))))
        self._columns = columns
        spacing = self.grid.horizontalSpacing()
        card_width = max(40, int((width - spacing * (columns - 1)) / columns))
        cards = [self._cards[note_id] for note_id in self._shown]
        for index, card in enumerate(cards):
            row, column = divmod(index, columns)
            at = self.grid.indexOf(card)
            if at < 0 or _grid_cell(self.grid, at) != (row, column):
                self.grid.removeWidget(card)
                self.grid.addWidget(card, row, column)
                card.show()  # (the layout would show it only on a later event)
        # Word-wrapped labels in a scroll area get the wrong height, so measure the text
        # (QLabel's answer grows to its minimum height: drop that first) and make every
        # card in a row as tall as the tallest, like a row of sticky notes.
        for start in range(0, len(cards), columns):
            row_cards = cards[start : start + columns]
            for card in row_cards:
                card.setMinimumHeight(0)
            height = max(card.heightForWidth(card_width) for card in row_cards)
            for card in row_cards:
                card.setFixedHeight(height)
        for column in range(4):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.show_newest()

    def show_newest(self) -> None:
        """Scroll so the newest card is whole on screen: lay the board out now (not on
        the next event), so the scroll range already counts the row it may have started."""
        if not self._shown:
            return
        self.grid.activate()
        self.board.resize(self.scroll_area.viewport().width(),
                          max(self.board.heightForWidth(self.scroll_area.viewport().width()),
                              self.grid.sizeHint().height()))
        self.scroll_area.ensureWidgetVisible(self._cards[self._shown[-1]], 0, 0)
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _update_count(self) -> None:
        shown, total = len(self._shown), self.total
        text = f"{total} note{'s' if total != 1 else ''}"
        if shown < total:
            text += f" (the newest {shown} shown)"
        self.count_label.setText(text)
        self.count_label.setAccessibleDescription(text)
        self.count_changed.emit(total)


def _grid_cell(grid: QGridLayout, index: int) -> tuple[int, int]:
    """The (row, column) of the grid's item at ``index``. (PySide6's stub types
    getItemPosition as object: it is (row, column, row span, column span).)"""
    row, column, _rows, _columns = cast(tuple[int, int, int, int], grid.getItemPosition(index))
    return row, column
