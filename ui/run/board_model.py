"""The board's item model: a thin adapter over one workshop's notes in the store.

Rows are the current step's cards, under group headers (themes, or tags when
the board is grouped by tag). The model keeps the workshop's notes in memory,
listens to ``store.events`` and updates itself incrementally: a new note at the
end is one inserted row, an edit is one changed row; only a change that moves
cards between groups lays the board out again.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, Qt, Signal

from facilitator.formats import Format, Vocabulary
from facilitator.models import Note, Theme
from facilitator.store import LibraryError, Store
from ui.run.note_text import breakable, display_text

NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "note" or "header"
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3  # theme id / tag key, "" for none
TAG_ROLE = Qt.ItemDataRole.UserRole + 4  # the tag's label
TABLE_ROLE = Qt.ItemDataRole.UserRole + 5
COUNT_ROLE = Qt.ItemDataRole.UserRole + 6  # a header's number of cards
THEME_ROLE = Qt.ItemDataRole.UserRole + 7  # a card's theme label
MIME_TYPE = "application/x-workshop-note-ids"
#: Above this many changed notes, reload the workshop with one query instead of one each.
BULK = 200


@dataclass
class Row:
    kind: str  # "note" | "header"
    group: str
    note_id: str = ""
    label: str = ""


class BoardModel(QAbstractListModel):
    #: Notes per step changed: carries {step_key: count}.
    counts_changed = Signal(dict)
    #: Cards were dropped on a group: (note ids, group key, group mode).
    drop_requested = Signal(list, str, str)
    #: A card was edited in place: (note id, new text).
    edit_requested = Signal(str, str)

    def __init__(self, store: Store, workshop_id: str, programme_id: str, fmt: Format,
                 parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.workshop_id = workshop_id
        self.programme_id = programme_id
        self.format = fmt
        self.step_key = fmt.steps[0].key
        self.group_mode = "themes"  # or "tags"
        self._notes: dict[str, Note] = {}
        self._order: list[str] = []  # current step's note ids, oldest first
        self._themes: dict[str, Theme] = {}
        self._rows: list[Row] = []
        self._row_of: dict[str, int] = {}
        self._group_header: dict[str, int] = {}
        self._gone: dict[str, Note] = {}  # left the step, until the next layout
        self._load_notes()
        self._load_themes()
        self._layout()
        store.events.notes_changed.connect(self._on_notes_changed)
        store.events.themes_changed.connect(self._on_themes_changed)

    def disconnect_store(self) -> None:
        self.store.events.notes_changed.disconnect(self._on_notes_changed)
        self.store.events.themes_changed.disconnect(self._on_themes_changed)

    # --------------------------------------------------------------- queries
    @property
    def vocabulary(self) -> Vocabulary | None:
        return self.format.vocabulary_for(self.step_key)

    def note(self, note_id: str) -> Note:
        return self._notes[note_id]

    def notes_on_step(self) -> list[Note]:
        return [self._notes[i] for i in self._order]

    def themes(self) -> list[Theme]:
        return sorted(self._themes.values(), key=lambda t: t.label.casefold())

    def theme(self, theme_id: str) -> Theme | None:
        return self._themes.get(theme_id)

    def counts(self) -> dict[str, int]:
        counts = {step.key: 0 for step in self.format.steps}
        for note in self._notes.values():
            counts[note.step_key] = counts.get(note.step_key, 0) + 1
        return counts

    def row_of(self, note_id: str) -> int:
        return self._row_of.get(note_id, -1)

    def index_of(self, note_id: str) -> QModelIndex:
        row = self.row_of(note_id)
        return self.index(row) if row >= 0 else QModelIndex()

    # ---------------------------------------------------------------- setters
    def set_step(self, step_key: str) -> None:
        if step_key != self.step_key:
            self.step_key = step_key
            if self.vocabulary is None:
                self.group_mode = "themes"
            self._load_themes()
            self.relayout()

    def set_group_mode(self, mode: str) -> None:
        if mode == "tags" and self.vocabulary is None:
            mode = "themes"
        if mode != self.group_mode:
            self.group_mode = mode
            self.relayout()

    # ----------------------------------------------------------------- layout
    def _group_of(self, note: Note) -> str:
        if self.group_mode == "tags":
            vocabulary = self.vocabulary
            keys = vocabulary.keys() if vocabulary else ()
            return next((t for t in note.tags if t in keys), "")
        return note.theme_id if note.theme_id in self._themes else ""

    def _groups(self, used: set[str] | None = None) -> list[tuple[str, str]]:
        """(group key, header label) in board order; the "none" group last.

        Themes belong to the programme, so only those with cards on this board are
        shown (``used``); Ctrl+G names the others.
        """
        if self.group_mode == "tags" and self.vocabulary is not None:
            return [(t.key, t.label) for t in self.vocabulary.tags] + [("", "Untagged")]
        used = set(self._group_header) if used is None else used
        themes = [(t.id, t.label) for t in self.themes() if t.id in used]
        return themes + [("", "Not in a theme")] if themes else [("", "")]

    def _layout(self) -> None:
        self._order = sorted(
            (i for i, n in self._notes.items() if n.step_key == self.step_key),
            key=lambda i: self._notes[i].created_at,
        )
        members: dict[str, list[str]] = {}
        for note_id in self._order:
            members.setdefault(self._group_of(self._notes[note_id]), []).append(note_id)
        self._rows, self._row_of, self._group_header = [], {}, {}
        for key, label in self._groups(set(members)):
            if label:
                self._group_header[key] = len(self._rows)
                self._rows.append(Row("header", key, label=label))
            for note_id in members.get(key, []):
                self._row_of[note_id] = len(self._rows)
                self._rows.append(Row("note", key, note_id))

    def relayout(self) -> None:
        self.beginResetModel()
        self._layout()
        self._gone.clear()
        self.endResetModel()
        self.counts_changed.emit(self.counts())

    def _group_count(self, key: str) -> int:
        return sum(1 for i in self._order if self._group_of(self._notes[i]) == key)

    # ------------------------------------------------------------- the store
    def _load_notes(self) -> None:
        self._notes = {n.id: n for n in self.store.notes(self.workshop_id)}

    def _load_themes(self) -> None:
        self._themes = {t.id: t for t in self.store.themes(self.programme_id, self.step_key)}

    def _on_themes_changed(self, _ids: list[str]) -> None:
        self._load_themes()
        self.relayout()

    def _on_notes_changed(self, ids: list[str]) -> None:
        try:
            changed = self.store.get_notes(ids) if len(ids) <= BULK else None
        except LibraryError:  # a note gone for good (e.g. replaced by a merge): read afresh
            changed = None
        if changed is None:
            before = self._notes
            self._load_notes()
            if before.keys() != self._notes.keys() or any(
                self._notes[i] != before[i] for i in ids if i in self._notes and i in before
            ):
                self.relayout()
            return
        appended: list[Note] = []
        changed_rows: list[int] = []
        relayout = False
        for note in changed:
            if note.workshop_id != self.workshop_id:
                continue
            old = self._notes.pop(note.id, None)
            if old is not None:
                self._gone[note.id] = old
            if note.deleted:
                relayout |= old is not None and old.step_key == self.step_key
                continue
            self._notes[note.id] = note
            here = note.step_key == self.step_key
            if old is None:
                if here:
                    appended.append(note)
            elif old.step_key != note.step_key:
                relayout |= here or old.step_key == self.step_key
            elif here:
                if self._group_of(old) != self._group_of(note):
                    relayout = True
                else:
                    changed_rows.append(self._row_of[note.id])
        if relayout or (appended and not self._append(appended)):
            self.relayout()
            return
        for row in changed_rows:
            self.dataChanged.emit(self.index(row), self.index(row))
        if appended:
            self.counts_changed.emit(self.counts())

    def _append(self, notes: list[Note]) -> bool:
        """Add new cards at the end, if that is where they belong; False if not."""
        last_group = self._groups()[-1][0]
        newest = self._notes[self._order[-1]].created_at if self._order else ""
        notes = sorted(notes, key=lambda n: n.created_at)
        if notes[0].created_at < newest or any(self._group_of(n) != last_group for n in notes):
            return False
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(notes) - 1)
        for note in notes:
            self._order.append(note.id)
            self._row_of[note.id] = len(self._rows)
            self._rows.append(Row("note", last_group, note.id))
        self.endInsertRows()
        header = self._group_header.get(last_group)
        if header is not None:
            self.dataChanged.emit(self.index(header), self.index(header))
        return True

    # ------------------------------------------------------------ Qt's model
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == KIND_ROLE:
            return row.kind
        if role == GROUP_ROLE:
            return row.group
        if row.kind == "header":
            count = self._group_count(row.group)
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.label}  ({count})"
            if role == COUNT_ROLE:
                return count
            if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
                return f"Group “{row.label}”: {count} notes"
            if role == Qt.ItemDataRole.EditRole:
                return row.label
            return None
        if role == NOTE_ID_ROLE:
            return row.note_id
        note = self._notes.get(row.note_id) or self._gone[row.note_id]
        if role == Qt.ItemDataRole.DisplayRole:
            return breakable(display_text(note.text))
        if role == Qt.ItemDataRole.EditRole:
            return note.text
        if role == TABLE_ROLE:
            return display_text(note.table_label, 40)
        if role == TAG_ROLE:
            vocabulary = self.vocabulary
            return ", ".join(vocabulary.label_for(t) for t in note.tags) if vocabulary else ""
        if role == THEME_ROLE:
            theme = self._themes.get(note.theme_id or "")
            return theme.label if theme else ""
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            parts = [display_text(note.text, 400)]
            tag = self.data(index, TAG_ROLE)
            if tag:
                parts.append(f"Tag: {tag}")
            if note.table_label:
                parts.append(f"Table: {display_text(note.table_label, 40)}")
            return "\n".join(parts)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if self._rows[index.row()].kind == "header":
            return base
        return (base | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """An in-place edit becomes a request for a command; the store event updates the row."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        if row.kind != "note" or value == self._notes[row.note_id].text:
            return False
        self.edit_requested.emit(row.note_id, str(value))
        return True

    # ----------------------------------------------------------- drag & drop
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = [i.data(NOTE_ID_ROLE) for i in indexes if i.data(KIND_ROLE) == "note"]
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray("\n".join(ids).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action, row: int, column: int,  # noqa: N802
                     parent: QModelIndex) -> bool:
        if not data.hasFormat(MIME_TYPE):
            return False
        ids = [i for i in bytes(data.data(MIME_TYPE).data()).decode().split("\n") if i]
        # On a card or header: its group. Between cards: the group of the card before the gap.
        target = parent.row() if parent.isValid() else max(0, row - 1)
        if target < 0 or target >= len(self._rows):
            group = self._groups()[-1][0]
        else:
            group = self._rows[target].group
        ids = [i for i in ids if i in self._notes and self._group_of(self._notes[i]) != group]
        if ids:
            self.drop_requested.emit(ids, group, self.group_mode)
        return bool(ids)
