"""View ▸ Compile workshops…: every workshop in the library, whichever laptop it came from,
filterable by programme, status, facilitator and district, with its source file and last
import."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.models import WorkshopStatus
from facilitator.transfer.compile import CompileRow, compile_rows, facilitator_names, filter_rows
from ui.close_keys import add_close_keys
from ui.compile.model import CompileModel
from ui.context import AppContext

ANY = "Any"


class CompileWindow(QMainWindow):
    #: The user asked for the themes board of a programme (id).
    themes_requested = Signal(str)
    import_requested = Signal()
    #: The user opened a workshop (Enter or double-click on its row): its id.
    workshop_opened = Signal(str)

    def __init__(self, context: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.setObjectName("CompileWindow")
        self.setWindowTitle("Compile workshops")
        self.resize(1200, 560)
        self._all_rows: list[CompileRow] = []
        self._listening = False
        add_close_keys(self)

        self.programme_box = self._filter_box("programmeFilter", "Programme")
        self.status_box = self._filter_box("statusFilter", "Status")
        for status in WorkshopStatus:
            self.status_box.addItem(status.label, status.value)
        self.facilitator_box = self._filter_box("facilitatorFilter", "Facilitator")
        self.district_box = self._filter_box("districtFilter", "District")

        filters = QHBoxLayout()
        for label, box in (("&Programme:", self.programme_box), ("&Status:", self.status_box),
                           ("&Facilitator:", self.facilitator_box),
                           ("&District:", self.district_box)):
            caption = QLabel(label)
            caption.setBuddy(box)
            filters.addWidget(caption)
            filters.addWidget(box, 1)

        self.model = CompileModel(self)
        self.table = self._build_table()

        self.count_label = QLabel()
        self.count_label.setObjectName("compileCount")
        import_button = QPushButton("&Import workshop files…")
        import_button.clicked.connect(self.import_requested.emit)
        self.themes_button = QPushButton("&Themes across workshops…")
        self.themes_button.setObjectName("themesButton")
        self.themes_button.clicked.connect(self._on_themes_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(import_button)
        buttons.addWidget(self.themes_button)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setCentralWidget(body)
        self.refresh()

    def _build_table(self) -> QTableView:
        """The workshops, a row each; Enter or a double-click opens one."""
        table = QTableView()
        table.setObjectName("compileTable")
        table.setAccessibleName("Workshops in the library")
        table.setModel(self.model)
        # Tab leaves the table (arrows move inside it): otherwise Tab walks every cell and
        # the buttons below are never reached.
        table.setTabKeyNavigation(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setSortingEnabled(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 200)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.activated.connect(self._on_row_activated)
        return table

    def _filter_box(self, name: str, accessible: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setAccessibleName(f"Filter by {accessible.lower()}")
        box.addItem(ANY, None)
        box.currentIndexChanged.connect(self._on_filter_changed)
        return box

    # ------------------------------------------------------------- contents
    def refresh(self) -> None:
        self._all_rows = compile_rows(self.store)
        self._refill(self.programme_box, [(p.title, p.id) for p in self.store.programmes()])
        names = sorted({n for r in self._all_rows for n in facilitator_names(
            r.workshop.facilitators)}, key=str.casefold)
        self._refill(self.facilitator_box, [(n, n) for n in names])
        districts = sorted({r.workshop.district for r in self._all_rows if r.workshop.district},
                           key=str.casefold)
        self._refill(self.district_box, [(d, d) for d in districts])
        self._on_filter_changed()

    def _refill(self, box: QComboBox, items: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(ANY, None)
        for text, value in items:
            box.addItem(text, value)
        found = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)

    def set_filter(self, box: QComboBox, text: str) -> None:
        box.setCurrentIndex(box.findText(text))

    def visible_codes(self) -> list[str]:
        return [row.workshop.code for row in self.model.rows]

    def _on_filter_changed(self, *_args) -> None:
        rows = filter_rows(
            self._all_rows,
            programme_id=self.programme_box.currentData(),
            status=self.status_box.currentData(),
            facilitator=self.facilitator_box.currentData(),
            district=self.district_box.currentData(),
        )
        self.model.set_rows(rows)
        self.count_label.setText(
            f"{len(rows)} of {len(self._all_rows)} workshops"
        )

    def _on_row_activated(self, index) -> None:
        if index.isValid():
            self.workshop_opened.emit(self.model.rows[index.row()].workshop.id)

    def _on_themes_clicked(self) -> None:
        programme_id = self.programme_box.currentData()
        index = self.table.currentIndex()
        if programme_id is None and index.isValid():
            programme_id = self.model.rows[index.row()].workshop.programme_id
        if programme_id is None and self._all_rows:
            programme_id = self._all_rows[0].workshop.programme_id
        if programme_id is not None:
            self.themes_requested.emit(programme_id)

    # ------------------------------------------------------- store events
    def _on_library_changed(self, *_ids) -> None:
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._listening:
            events = self.store.events
            for event_name in ("programmes_changed", "workshops_changed", "notes_changed"):
                getattr(events, event_name).connect(self._on_library_changed)
            self._listening = True
            self.refresh()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._stop_listening()
        super().hideEvent(event)

    def _stop_listening(self) -> None:
        if self._listening:
            events = self.store.events
            for event_name in ("programmes_changed", "workshops_changed", "notes_changed"):
                getattr(events, event_name).disconnect(self._on_library_changed)
            self._listening = False
