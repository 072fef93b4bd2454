"""The library as a tree: programmes, and under each its workshops. A thin adapter over the store."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from facilitator.models import Workshop
from facilitator.store import Store

# The item data roles and the alignment this model sets, by Qt's own numbers (Qt's
# ``Qt::ItemDataRole`` and ``Qt::AlignmentFlag``, fixed in its headers; tests/ui/
# test_startup_light.py checks them against PySide's). The tree is built before the first
# frame, and naming one of the ``Qt.*`` enums makes PySide build every one of them (~15 ms).
USER_ROLE = 0x100  # Qt.ItemDataRole.UserRole
ACCESSIBLE_TEXT_ROLE = 11  # ACCESSIBLE_TEXT_ROLE
TEXT_ALIGNMENT_ROLE = 7  # Qt.ItemDataRole.TextAlignmentRole
ALIGN_RIGHT_MIDDLE = 0x0002 | 0x0080  # Qt.AlignmentFlag.AlignRight | AlignVCenter

ID_ROLE = USER_ROLE + 1
KIND_ROLE = USER_ROLE + 2
COLUMNS = ("Workshop", "Theme question", "Date", "Venue", "Status", "Notes")
NOTES_COLUMN = COLUMNS.index("Notes")
TITLE_ROLE = USER_ROLE + 3


def programme_accessible_text(title: str, workshops: int, notes: int) -> str:
    return (f"Programme {title}, {workshops} workshop{'s' * (workshops != 1)}, "
            f"{notes} note{'s' * (notes != 1)}")


def status_text(workshop: Workshop) -> str:
    text = workshop.status.label
    if workshop.rescheduled_date:
        text += f" (rescheduled {workshop.rescheduled_date})"
    return text


class LibraryModel(QStandardItemModel):
    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self._workshop_rows: dict[str, QStandardItem] = {}
        store.events.programmes_changed.connect(self._on_programmes_changed)
        store.events.workshops_changed.connect(self._on_workshops_changed)
        store.events.notes_changed.connect(self._on_notes_changed)
        self.refresh()

    def disconnect_store(self) -> None:
        self.store.events.programmes_changed.disconnect(self._on_programmes_changed)
        self.store.events.workshops_changed.disconnect(self._on_workshops_changed)
        self.store.events.notes_changed.disconnect(self._on_notes_changed)

    # ------------------------------------------------------------------ build
    def refresh(self) -> None:
        self.removeRows(0, self.rowCount())
        self._workshop_rows.clear()
        counts = self.store.note_counts()
        for programme in self.store.programmes():
            top = self._item(programme.title, programme.id, "programme")
            top.setData(programme.title, TITLE_ROLE)
            workshops = self.store.workshops(programme.id)
            for workshop in workshops:
                top.appendRow(self._workshop_row(workshop, counts.get(workshop.id, 0)))
            # A programme row spans the columns (the view sets first-column spanning); the
            # cells under the span are still cells to a screen reader, so they say the
            # programme too rather than nothing.
            self.appendRow([top, *(self._item("", programme.id, "programme")
                                   for _ in COLUMNS[1:])])
            self._set_programme_text(top, sum(counts.get(w.id, 0) for w in workshops))

    def _set_programme_text(self, top: QStandardItem, notes: int) -> None:
        workshops = top.rowCount()
        text = (
            f"{top.data(TITLE_ROLE)}  —  {workshops} workshop{'s' * (workshops != 1)}, "
            f"{notes} note{'s' * (notes != 1)}"
        )
        if top.text() != text:
            top.setText(text)
            spoken = programme_accessible_text(top.data(TITLE_ROLE), workshops, notes)
            top.setData(spoken, ACCESSIBLE_TEXT_ROLE)
            for column in range(1, len(COLUMNS)):
                self.item(top.row(), column).setData(spoken, ACCESSIBLE_TEXT_ROLE)

    def _item(self, text: str, record_id: str, kind: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(record_id, ID_ROLE)
        item.setData(kind, KIND_ROLE)
        return item

    def _workshop_row(self, workshop: Workshop, count: int) -> list[QStandardItem]:
        texts = (
            workshop.code,
            workshop.theme_question,
            workshop.date,
            workshop.venue,
            status_text(workshop),
            str(count),
        )
        row = [self._item(text, workshop.id, "workshop") for text in texts]
        for column, cell in enumerate(row):
            if not cell.text():  # a blank cell is still read: say what is missing
                cell.setData(f"No {COLUMNS[column].lower()}", ACCESSIBLE_TEXT_ROLE)
        row[1].setToolTip(workshop.theme_question)
        if workshop.status_reason:
            row[4].setToolTip(workshop.status_reason)
        row[NOTES_COLUMN].setData(ALIGN_RIGHT_MIDDLE, TEXT_ALIGNMENT_ROLE)
        self._workshop_rows[workshop.id] = row[0]
        return row

    # --------------------------------------------------------------- events
    # One commit can announce programmes, workshops and notes (a merge does): the model
    # catches up once, at the end of the commit's batch of events, rebuilding only if a
    # programme or workshop changed and otherwise recounting the notes.
    _wanted: str | None = None

    def _want(self, what: str) -> None:
        if self._wanted != "rebuild":
            self._wanted = what
        self.store.events.after_batch(self._catch_up)

    def _catch_up(self) -> None:
        wanted, self._wanted = self._wanted, None
        if wanted == "rebuild":
            self.refresh()
        elif wanted == "counts":
            self.recount()

    def _on_programmes_changed(self, _ids) -> None:
        self._want("rebuild")

    def _on_workshops_changed(self, _ids) -> None:
        self._want("rebuild")

    def _on_notes_changed(self, _ids) -> None:
        self._want("counts")

    def recount(self) -> None:
        """Each workshop's and programme's number of notes, from the store again."""
        counts = self.store.note_counts()
        for programme_row in range(self.rowCount()):
            total = 0
            top = self.item(programme_row, 0)
            for row in range(top.rowCount()):
                workshop_id = top.child(row, 0).data(ID_ROLE)
                count = counts.get(workshop_id, 0)
                total += count
                cell = top.child(row, NOTES_COLUMN)
                if cell.text() != str(count):
                    cell.setText(str(count))
            self._set_programme_text(top, total)

    # -------------------------------------------------------------- lookups
    def workshop_count(self) -> int:
        return len(self._workshop_rows)
