"""Search notes (Ctrl+F): type, and the notes whose words match appear as you type, the
matching words in bold on a highlight; filters by programme, workshop, step, support area
and theme combine. Up and Down choose a note, Enter opens it in its workshop and step."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.sense.search import SearchFilters, SearchHit, search
from ui.announce import show_status
from ui.close_keys import add_close_keys
from ui.context import AppContext
from ui.programme_box import fill_programmes, filter_box

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
ANY = ""
UNTAGGED = "\x00untagged"
UNTHEMED = "\x00unthemed"
OpenNote = Callable[[str, str, str], None]  # workshop id, step key, note id


def hit_html(hit: SearchHit, step_title: str = "") -> str:
    pieces = "".join(
        f"<span style='background:#ffe066;font-weight:bold'>{escape(p)}</span>" if m
        else escape(p) for p, m in hit.spans())
    where = f"{escape(hit.workshop_code)} · {escape(step_title or hit.step_key)}"
    if hit.theme:
        where += f" · theme: {escape(hit.theme)}"
    return f"<div>{pieces}</div><div style='color:#555'>{where}</div>"


class HtmlDelegate(QStyledItemDelegate):
    """Draws a result's HTML (the note with its matches highlighted, and where it is)."""

    def _document(self, option, index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(Qt.ItemDataRole.DisplayRole) or "")
        doc.setTextWidth(max(100, option.rect.width() - 8))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.translate(opt.rect.left() + 4, opt.rect.top() + 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text,
                                     opt.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget  # the results list
        width = view.viewport().width() if isinstance(view, QAbstractScrollArea) else 500
        opt.rect.setWidth(width)
        doc = self._document(opt, index)
        return QSize(width, int(doc.size().height()) + 6)


class SearchWindow(QDialog):
    def __init__(self, context: AppContext, open_note: OpenNote, *, programme_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchWindow")
        self.setWindowTitle("Search notes")
        add_close_keys(self)
        self.context = context
        self.store = context.store
        self.open_note = open_note
        self.hits: list[SearchHit] = []
        self._step_titles: dict[str, str] = {}

        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setAccessibleName("Search for")
        self.query.setPlaceholderText('Words to find; word* for words starting so; "a phrase"')
        self.query.setClearButtonEnabled(True)
        self.programme_box = filter_box("searchProgramme", "Programme")
        self.workshop_box = filter_box("searchWorkshop", "Workshop")
        self.step_box = filter_box("searchStep", "Step")
        self.tag_box = filter_box("searchTag", "Support area")
        self.theme_box = filter_box("searchTheme", "Theme")
        self.results = self._build_results()
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self._lay_out()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.installEventFilter(self)
        self._fill_programmes(programme_id)
        self.programme_box.currentIndexChanged.connect(self._on_programme_changed)
        for box in (self.workshop_box, self.step_box, self.tag_box, self.theme_box):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.resize(min(900, self._available().width() - 60),
                    min(600, self._available().height() - 80))
        self.refresh()

    def _build_results(self) -> QListWidget:
        """The notes found, their matches highlighted; not a Tab stop (the keys stay in
        the query box, Up and Down choose a note there)."""
        results = QListWidget()
        results.setObjectName("searchResults")
        results.setAccessibleName("Notes found")
        results.setItemDelegate(HtmlDelegate(results))
        results.setWordWrap(True)
        results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay in the query box
        results.itemActivated.connect(lambda _i: self.open_current())
        return results

    def _lay_out(self) -> None:
        """The query; the filters in a row; the notes found; the status and the keys."""
        form = QFormLayout()
        label = QLabel("&Search for:")
        label.setBuddy(self.query)
        form.addRow(label, self.query)
        row = QHBoxLayout()
        for text, box in (("&Programme", self.programme_box), ("&Workshop", self.workshop_box),
                          ("S&tep", self.step_box), ("Support &area", self.tag_box),
                          ("T&heme", self.theme_box)):
            caption = QLabel(text + ":")
            caption.setBuddy(box)
            row.addWidget(caption)
            row.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        hint = QLabel("↑↓ choose a note · Enter opens it in its workshop and step · Esc closes")
        hint.setWordWrap(True)
        layout.addWidget(hint)

    def _available(self):
        screen = self.screen()
        return screen.availableGeometry()

    # ---------------------------------------------------------------- filters
    def _fill_programmes(self, programme_id: str | None) -> None:
        fill_programmes(self.programme_box, self.store, programme_id,
                        first=("All programmes", ANY))
        self._fill_filters()

    def _on_programme_changed(self, _index: int) -> None:
        self._fill_filters()
        self.refresh()

    def _fill_filters(self) -> None:
        programme_id = self.programme_box.currentData() or None
        boxes = (self.workshop_box, self.step_box, self.tag_box, self.theme_box)
        for box in boxes:
            box.blockSignals(True)
            box.clear()
        self.workshop_box.addItem("All workshops", ANY)
        self.step_box.addItem("All steps", ANY)
        self.tag_box.addItem("Any", ANY)
        self.tag_box.addItem("No support area", UNTAGGED)
        self.theme_box.addItem("Any", ANY)
        self.theme_box.addItem("Not in a theme", UNTHEMED)
        workshops = self.store.workshops(programme_id)
        self._step_titles = {}
        tags: dict[str, str] = {}
        for workshop in workshops:
            self.workshop_box.addItem(workshop.code, workshop.id)
            fmt = self.store.get_format(workshop.format_key)
            for step in fmt.steps:
                if step.key not in self._step_titles:
                    self._step_titles[step.key] = step.title
                    self.step_box.addItem(step.title, step.key)
                vocabulary = fmt.vocabulary_for(step.key)
                for tag in vocabulary.tags if vocabulary else ():
                    tags.setdefault(tag.key, tag.label)
        for key, label in tags.items():
            self.tag_box.addItem(label, key)
        labels: dict[str, list[str]] = {}
        for theme in self.store.themes(programme_id):
            labels.setdefault(theme.label, []).append(theme.id)
        for label in sorted(labels, key=str.casefold):
            self.theme_box.addItem(label, labels[label])
        for box in boxes:
            box.blockSignals(False)

    def filters(self) -> SearchFilters:
        tag = self.tag_box.currentData()
        theme = self.theme_box.currentData()
        workshop = self.workshop_box.currentData()
        return SearchFilters(
            programme_id=self.programme_box.currentData() or None,
            workshop_ids=[workshop] if workshop else None,
            step_key=self.step_box.currentData() or None,
            tag=tag if tag and tag != UNTAGGED else None,
            untagged=tag == UNTAGGED,
            theme_ids=list(theme) if isinstance(theme, list) else None,
            unthemed=theme == UNTHEMED,
        )

    # ---------------------------------------------------------------- results
    def refresh(self) -> None:
        self._timer.stop()
        text = self.query.text()
        self.results.clear()
        if not text.strip():
            self.hits = []
            self.status.setText("Type words to find in the notes and theme names.")
            return
        try:
            self.hits = search(self.store, text, self.filters(), prefix_last=True)
        except Exception as exc:  # noqa: BLE001 - a locked or damaged library: say so
            self.hits = []
            self.status.setText(f"Cannot search: {exc}")
            return
        for hit in self.hits:
            item = QListWidgetItem(hit_html(hit, self._step_titles.get(hit.step_key, "")))
            item.setData(HIT_ROLE, hit.note_id)
            self.results.addItem(item)
        if self.hits:
            self.results.setCurrentRow(0)
            more = " (the best 200)" if len(self.hits) >= 200 else ""
            n = len(self.hits)
            show_status(self.status, f"{n} note{'s' if n != 1 else ''} found{more}.")
        else:
            self.status.setText("No notes found. Try fewer words, or word* for the start "
                                "of a word.")

    def current_hit(self) -> SearchHit | None:
        row = self.results.currentRow()
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def open_current(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.open_note(hit.workshop_id, hit.step_key, hit.note_id)

    # ------------------------------------------------------------------- keys
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.query and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                if self._timer.isActive():
                    self.refresh()
                count = self.results.count()
                if count:
                    step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8,
                            Qt.Key.Key_PageDown: 8}[Qt.Key(key)]
                    row = max(0, min(count - 1, self.results.currentRow() + step))
                    self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.refresh()
                self.open_current()
                return True
        return super().eventFilter(obj, event)
