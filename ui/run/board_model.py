"""The board's item model: the Qt face of ``facilitator.cards.StepCards``.

The cards, their order, groups and counts, and what each store event changed, all
come from ``StepCards`` (the presenter's wall renders the same); this class only
turns its ``Change``s into Qt's row signals: a new note at the end is one inserted
row, an edit one changed row, anything that moves cards between groups a reset.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, Signal

from facilitator.cards import Change, Row, StepCards
from facilitator.formats import Format, Vocabulary
from facilitator.models import Note, Theme
from facilitator.names import counted
from facilitator.store import LibraryError, Store
from ui.note_drag import NOTE_IDS_MIME, dropped_note_ids, note_ids_mime
from ui.run.note_text import breakable, display_text

NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "note" or "header"
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3  # theme id / tag key, "" for none
TAG_ROLE = Qt.ItemDataRole.UserRole + 4  # the tag's label
TABLE_ROLE = Qt.ItemDataRole.UserRole + 5
COUNT_ROLE = Qt.ItemDataRole.UserRole + 6  # a header's number of cards
THEME_ROLE = Qt.ItemDataRole.UserRole + 7  # a card's theme label
HINT_ROLE = Qt.ItemDataRole.UserRole + 8  # "probably 3 Support to get started", if unsorted
#: Above this many changed notes, reload the workshop with one query instead of one each.
BULK = 200

__all__ = ["BoardModel", "Row"]


class BoardModel(QStringListModel):
    """Rows are ``StepCards.rows``. Based on QStringListModel (its strings unused) only so
    that ``rowCount`` is answered in C++: the list view asks for it twice per row on every
    layout, and a Python ``rowCount`` made laying out 10,000 cards 2.5 times slower."""

    #: Notes per step changed: carries {step_key: count}.
    counts_changed = Signal(dict)
    #: Cards were dropped on a group: (note ids, group key, group mode).
    drop_requested = Signal(list, str, str)
    #: A card was edited in place: (note id, new text).
    edit_requested = Signal(str, str)
    #: Cards were added at the end (the view follows the newest unless scrolled away).
    appended = Signal()

    def __init__(self, store: Store, workshop_id: str, programme_id: str, fmt: Format,
                 parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.workshop_id = workshop_id
        self.programme_id = programme_id
        self.format = fmt
        self.cards = StepCards(fmt, workshop_id=workshop_id)
        self._gone: dict[str, Note] = {}  # left the step, until the next layout
        #: Support-area hints shown on cards not yet sorted (note id -> text), while on.
        self.hints: dict[str, str] = {}
        self.cards.load(store.notes(workshop_id), self._step_themes())
        #: The rows as the views know them: during a reset, the old ones until modelReset.
        self._rows: list[Row] = self.cards.rows
        self.modelReset.connect(self._on_reset)  # (connected first: runs before any view's)
        self.setStringList([""] * len(self._rows))
        store.events.notes_changed.connect(self._on_notes_changed)
        store.events.themes_changed.connect(self._on_themes_changed)
        #: Notes that became actions in the action plan (the card says so).
        self.promoted: set[str] = set()
        self._load_promoted()
        store.events.actions_changed.connect(self._on_actions_changed)

    def disconnect_store(self) -> None:
        self.store.events.notes_changed.disconnect(self._on_notes_changed)
        self.store.events.themes_changed.disconnect(self._on_themes_changed)
        self.store.events.actions_changed.disconnect(self._on_actions_changed)

    def _load_promoted(self) -> None:
        from facilitator.store.action_plan import promoted_notes

        self.promoted = set(promoted_notes(self.store, self.programme_id))

    def _on_actions_changed(self, _ids: list[str]) -> None:
        before = self.promoted
        self._load_promoted()
        for note_id in before ^ self.promoted:
            index = self.index_of(note_id)
            if index.isValid():
                self.dataChanged.emit(index, index)

    # --------------------------------------------------------------- queries
    @property
    def step_key(self) -> str:
        return self.cards.step_key

    @property
    def group_mode(self) -> str:
        return self.cards.group_mode

    @property
    def vocabulary(self) -> Vocabulary | None:
        return self.cards.vocabulary

    @property
    def rows(self) -> list[Row]:
        return self.cards.rows

    def has_headers(self) -> bool:
        return bool(self.cards.rows) and self.cards.rows[0].kind == "header"

    def is_header(self, row: int) -> bool:
        return self.cards.rows[row].kind == "header"

    def note(self, note_id: str) -> Note:
        return self.cards.note(note_id)

    def notes_on_step(self) -> list[Note]:
        return self.cards.notes_on_step()

    def themes(self) -> list[Theme]:
        return self.cards.themes()

    def theme(self, theme_id: str) -> Theme | None:
        return self.cards.theme(theme_id)

    def counts(self) -> dict[str, int]:
        return self.cards.counts()

    def row_of(self, note_id: str) -> int:
        return self.cards.row_of(note_id)

    def index_of(self, note_id: str) -> QModelIndex:
        row = self.row_of(note_id)
        return self.index(row) if row >= 0 else QModelIndex()

    # ---------------------------------------------------------------- setters
    def set_step(self, step_key: str) -> None:
        if step_key != self.cards.step_key:
            self._show(lambda: self.cards.set_step(step_key, self._themes_of(step_key)))

    def set_group_mode(self, mode: str) -> None:
        self._show(lambda: self.cards.set_group_mode(mode))

    def relayout(self) -> None:
        self._show(lambda: self.cards.set_themes(self._step_themes()))

    # ------------------------------------------------------------- the store
    def _themes_of(self, step_key: str) -> list[Theme]:
        return self.store.themes(self.programme_id, step_key)

    def _step_themes(self) -> list[Theme]:
        return self._themes_of(self.cards.step_key)

    def _on_themes_changed(self, _ids: list[str]) -> None:
        self.relayout()

    def _on_notes_changed(self, ids: list[str]) -> None:
        try:
            changed = self.store.get_notes(ids) if len(ids) <= BULK else None
        except LibraryError:  # a note gone for good (e.g. replaced by a merge): read afresh
            changed = None
        if changed is None:
            notes = self.store.notes(self.workshop_id)
            self._show(lambda: self.cards.load(notes, self._step_themes()))
            return
        for note in changed:
            old = self.cards.get(note.id)
            if old is not None:
                self._gone[note.id] = old
        self._show(lambda: self.cards.apply(changed))

    def _show(self, update) -> None:
        """Run one update of the cards and tell the views what it did."""
        before = len(self._rows)
        change: Change = update()
        if change.reset:
            # Emits modelAboutToBeReset (views still read the old rows: the selection is
            # saved by note id), then modelReset (``_on_reset`` shows the new rows first).
            self.setStringList([""] * len(self.cards.rows))
        else:
            self._rows = self.cards.rows
            if change.appended:
                # QStringListModel.insertRows emits rowsAboutToBeInserted/rowsInserted.
                QStringListModel.insertRows(self, before, change.appended)
            for row in change.changed:
                self.dataChanged.emit(self.index(row), self.index(row))
        if change.counts_changed or change.reset:
            self.counts_changed.emit(self.cards.counts())
        if change.appended:
            self.appended.emit()

    def _on_reset(self) -> None:
        self._rows = self.cards.rows
        self._gone.clear()

    def insertRows(self, row, count, parent=QModelIndex()) -> bool:  # noqa: B008, N802
        return False  # rows come from the cards only (a view's drag must not add any)

    def removeRows(self, row, count, parent=QModelIndex()) -> bool:  # noqa: B008, N802
        return False

    def moveRows(self, *args) -> bool:  # noqa: N802
        return False

    # ------------------------------------------------------------ Qt's model
    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == KIND_ROLE:
            return row.kind
        if role == GROUP_ROLE:
            return row.group
        if row.kind == "header":
            count = self.cards.group_count(row.group)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.label}  ({count})"
            if role == COUNT_ROLE:
                return count
            if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
                return f"Group “{row.label}”: {counted(count, 'note')}"
            if role == Qt.ItemDataRole.EditRole:
                return row.label
            return None
        if role == NOTE_ID_ROLE:
            return row.note_id
        note = self.cards.get(row.note_id) or self._gone[row.note_id]
        if role == Qt.ItemDataRole.DisplayRole:
            return breakable(display_text(note.text))
        if role == Qt.ItemDataRole.EditRole:
            return note.text
        if role == TABLE_ROLE:
            table = display_text(note.table_label, 40)
            if note.id in self.promoted:  # it became an action: said in the card's corner
                return f"→ Action · {table}" if table else "→ Action"
            return table
        if role == TAG_ROLE:
            vocabulary = self.vocabulary
            return ", ".join(vocabulary.label_for(t) for t in note.tags) if vocabulary else ""
        if role == THEME_ROLE:
            theme = self.cards.theme(note.theme_id)
            return theme.label if theme else ""
        if role == HINT_ROLE:
            return "" if self.data(index, TAG_ROLE) else self.hints.get(note.id, "")
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            parts = [display_text(note.text, 400)]
            tag = self.data(index, TAG_ROLE)
            if tag:
                parts.append(f"Tag: {tag}")
            elif hint := self.data(index, HINT_ROLE):
                parts.append(f"Hint: {hint}")
            if note.table_label:
                parts.append(f"Table: {display_text(note.table_label, 40)}")
            if note.id in self.promoted:
                parts.append("Became an action in the action plan")
            return "\n".join(parts)
        return None

    def set_hints(self, hints: dict[str, str]) -> None:
        """Show these support-area hints on the cards (an empty dict hides them)."""
        self.hints = dict(hints)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [HINT_ROLE])

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if self._rows[index.row()].kind == "header":
            return base
        return (base | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An in-place edit becomes a request for a command; the store event updates the row."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        if row.kind != "note" or value == self.cards.note(row.note_id).text:
            return False
        self.edit_requested.emit(row.note_id, str(value))
        return True

    # ----------------------------------------------------------- drag & drop
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [NOTE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]):  # noqa: N802
        return note_ids_mime([i.data(NOTE_ID_ROLE) for i in indexes
                              if i.data(KIND_ROLE) == "note"])

    def dropMimeData(self, data, action, row: int, column: int,  # noqa: N802
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        ids = dropped_note_ids(data)
        if not ids:
            return False
        # On a card or header: its group. Between cards: the group of the card before the gap.
        target = parent.row() if parent.isValid() else max(0, row - 1)
        if target < 0 or target >= len(self._rows):
            group = self.cards.last_group()
        else:
            group = self._rows[target].group
        ids = [i for i in ids
               if self.cards.get(i) is not None and self.cards.group_of(self.cards.note(i)) != group]
        if ids:
            self.drop_requested.emit(ids, group, self.cards.group_mode)
        return bool(ids)
