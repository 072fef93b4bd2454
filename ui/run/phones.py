"""Phones in the run window (F7): the join code and QR, the moderation queue, dot-voting.

``PhonesLink`` is the only bridge between the web server's threads and Qt: the gate calls
its ``on_notes`` / ``on_votes`` from request threads, which emit signals connected with
``Qt.QueuedConnection``, so everything that touches widgets or the store runs on the GUI
thread. Accepted notes go through ``AddNotesCommand`` on the session's ``run`` (the same
undo path as a typed note), marked with the table label "From a phone"; no device identity
is kept anywhere. ``facilitator.phones.server`` (and ``http.server``) is imported only when
Phones is turned on.
"""

from __future__ import annotations

import http.client
import io
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.models import Note
from facilitator.phones import addresses
from facilitator.phones.addresses import laptop_addresses
from facilitator.phones.gate import Gate
from facilitator.phones.values import PhoneNote, Step
from ui.announce import announce
from ui.commands.notes import AddNotesCommand
from ui.run.session import RunSession

FROM_A_PHONE = "From a phone"
DEFAULT_PORT = 8080
NOTE_ID = Qt.ItemDataRole.UserRole


def qr_pixmap(text: str, scale: int = 8) -> QPixmap:
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


def wifi_qr_pixmap(ssid: str, password: str, scale: int = 6) -> QPixmap:
    import segno
    from segno import helpers

    buffer = io.BytesIO()
    qr = helpers.make_wifi(ssid=ssid, password=password or None,
                           security="WPA" if password else "nopass")
    if not isinstance(qr, segno.QRCode):
        qr = segno.make(qr)
    qr.save(buffer, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


def check_url(host: str, port: int, timeout: float = 3.0) -> str:
    """'' when the page answers at host:port from this laptop, else what went wrong."""
    if host == addresses.ALL_INTERFACES:
        host = addresses.LOOPBACK
    try:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        conn.request("GET", "/")
        response = conn.getresponse()
        body = response.read()
        conn.close()
    except OSError as exc:
        return f"the laptop could not reach {addresses.url(host, port)} ({exc})"
    if response.status != 200 or b"Join the workshop" not in body:
        return f"{addresses.url(host, port)} answered {response.status}, not the phones' page"
    return ""


class PhonesLink(QObject):
    """The gate and the server of one workshop, seen from the GUI thread."""

    #: Notes joined the queue (queued from a request thread).
    notes_arrived = Signal()
    #: The dots placed changed (queued from a request thread).
    votes_changed = Signal()
    #: Started (True) or stopped (False).
    running_changed = Signal(bool)
    #: The address stopped being one of the laptop's (carries a message) or came back ('').
    address_lost = Signal(str)

    _notes_from_thread = Signal()
    _votes_from_thread = Signal()

    def __init__(self, session: RunSession, parent: QObject | None = None,
                 list_addresses: Callable[[], list[tuple[str, str]]] | None = None):
        super().__init__(parent)
        self.session = session
        self.list_addresses = list_addresses or (lambda: laptop_addresses())
        self.gate: Gate | None = None
        self.server = None
        self.host = ""
        self.auto_accept = False
        # A room of phones posting at once is one queued call per batch, not one per note:
        # a request thread signals only when the GUI thread has not yet been told.
        self._told = {"notes": False, "votes": False}
        self._told_lock = threading.Lock()
        self._notes_from_thread.connect(self._deliver_notes, Qt.ConnectionType.QueuedConnection)
        self._votes_from_thread.connect(self._deliver_votes, Qt.ConnectionType.QueuedConnection)
        self._watch = QTimer(self)
        self._watch.setInterval(5000)
        self._watch.timeout.connect(self.check_address)
        self._lost = False
        self._vote_items: dict[str, tuple[str, str]] = {}
        self._vote_step = ""
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(1000)  # dots arrive in bursts: one write a second
        self._save_timer.timeout.connect(self.save_votes)
        self.votes_changed.connect(self._save_timer.start)
        session.step_changed.connect(self._on_step_changed)
        app = QCoreApplication.instance()
        if app is not None:  # quitting the app closes the port too
            app.aboutToQuit.connect(self.stop)

    def _tell(self, what: str, signal) -> None:
        """From a request thread: wake the GUI thread unless it is already to wake."""
        with self._told_lock:
            if self._told[what]:
                return
            self._told[what] = True
        signal.emit()

    def _deliver(self, what: str, signal) -> None:
        """On the GUI thread: forget the flag first (a note arriving from now on wakes it
        again), then handle everything that has arrived."""
        with self._told_lock:
            self._told[what] = False
        signal.emit()

    def _deliver_notes(self) -> None:
        self._deliver("notes", self.notes_arrived)

    def _deliver_votes(self) -> None:
        self._deliver("votes", self.votes_changed)

    # -------------------------------------------------------------- on/off
    @property
    def running(self) -> bool:
        return self.server is not None

    @property
    def port(self) -> int:
        return self.server.port if self.server is not None else 0

    @property
    def url(self) -> str:
        host = addresses.LOOPBACK if self.host == addresses.ALL_INTERFACES else self.host
        return addresses.url(host, self.port) if self.running else ""

    @property
    def code(self) -> str:
        return self.gate.code if self.gate is not None else ""

    def start(self, host: str, port: int = DEFAULT_PORT) -> None:
        """Serve on ``host`` (one of the laptop's addresses); a busy port gives the next."""
        from facilitator.phones.server import start_server

        if self.gate is None:  # one code for this workshop, however often it is turned on
            self.gate = Gate()
            self.gate.on_notes = lambda: self._tell("notes", self._notes_from_thread)
            self.gate.on_votes = lambda: self._tell("votes", self._votes_from_thread)
            self._on_step_changed(self.session.step_key)
        self.stop(keep_gate=True)
        self.gate.reopen()
        self.server = start_server(self.gate, host, port)
        self.host = host
        self._lost = False
        self._watch.start()
        self.running_changed.emit(True)

    def move_to(self, host: str) -> None:
        """Serve on another address: the same code, and the queue is kept."""
        self.start(host, self.port or DEFAULT_PORT)

    def stop(self, keep_gate: bool = False) -> None:
        """Close the port at once (phones see "Phones has been turned off")."""
        self._watch.stop()
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save_votes()
        server, self.server = self.server, None
        if server is not None:
            server.stop()
            if not keep_gate:
                self.running_changed.emit(False)

    # -------------------------------------------------------------- gate
    def _on_step_changed(self, key: str) -> None:
        if self.gate is None:
            return
        step = self.session.step
        fmt = self.session.format
        areas: tuple[tuple[str, str], ...] = ()
        if step.vocabulary and step.vocabulary in fmt.vocabularies:
            areas = tuple((t.key, t.label) for t in fmt.vocabularies[step.vocabulary].tags)
        self.gate.set_step(Step(step.key, step.title, self.session.question(step),
                                step.prompt, areas))

    def pending(self) -> list[PhoneNote]:
        return self.gate.pending() if self.gate is not None else []

    def accept(self, notes: list[tuple[PhoneNote, str]]) -> bool:
        """Add (note, final text) pairs to the library as one undoable command."""
        session = self.session
        steps = {s.key for s in session.steps}
        records = [Note(session.workshop_id, note.step_key if note.step_key in steps
                        else session.step_key, text.strip(), table_label=FROM_A_PHONE,
                        tags=[note.area] if note.area else [])
                   for note, text in notes if text.strip()]
        if not records:
            return False
        if not session.run(AddNotesCommand(session.store, records)):
            return False  # not written: the notes stay in the queue
        for note, text in notes:
            self.gate.accept(note.id, text.strip())
        return True

    def reject(self, note: PhoneNote) -> None:
        if self.gate is not None:
            self.gate.reject(note.id)

    # ------------------------------------------------------------- voting
    def voting_items(self) -> list[tuple[str, str, str]]:
        """(kind, id, label) of what the room votes on: the step's themes that have notes in
        this workshop, then its notes that are in no theme."""
        session = self.session
        notes = session.store.notes(session.workshop_id, session.step_key)
        themes = {t.id: t for t in session.store.themes(session.workshop.programme_id,
                                                        session.step_key)}
        items, seen = [], set()
        for note in notes:
            theme = themes.get(note.theme_id) if note.theme_id else None
            if theme is not None:
                if theme.id not in seen:
                    seen.add(theme.id)
                    items.append(("theme", theme.id, theme.label))
            else:
                items.append(("note", note.id, note.text))
        return items

    def open_voting(self, dots: int = 3) -> int:
        """Open voting on the current step; returns how many ideas are on the list."""
        items = self.voting_items()
        if self.gate is None or not items:
            return 0
        self._vote_items = {item_id: (kind, label) for kind, item_id, label in items}
        self._vote_step = self.session.step_key
        self.gate.open_voting(self._vote_step, [(i, label) for _k, i, label in items], dots)
        self.save_votes()
        return len(items)

    def close_voting(self) -> dict[str, int]:
        if self.gate is None or self.gate.voting() is None:
            return {}
        counts = self.gate.close_voting()
        self.save_votes()
        return counts

    @property
    def voting_open(self) -> bool:
        voting = self.gate.voting() if self.gate is not None else None
        return bool(voting and voting.open)

    def vote_bars(self) -> list[tuple[str, int]]:
        """(label, dots) of the ideas on the list, most dots first."""
        if self.gate is None or self.gate.voting() is None:
            return []
        counts = self.gate.vote_counts()
        rows = [(self._vote_items[i][1], n) for i, n in counts.items() if i in self._vote_items]
        return sorted(rows, key=lambda row: -row[1])

    def save_votes(self) -> None:
        """The counts into the library (GUI thread; counts only, nobody's identity)."""
        from facilitator.phones.results import VoteCount
        from facilitator.store.votes import save_votes

        if self.gate is None or self.gate.voting() is None:
            return
        counts = self.gate.vote_counts()
        session = self.session
        try:
            save_votes(session.store, session.workshop_id, self._vote_step, [
                VoteCount(session.workshop_id, self._vote_step, kind, item_id, label,
                          counts.get(item_id, 0))
                for item_id, (kind, label) in self._vote_items.items()])
        except Exception as exc:  # noqa: BLE001 - a full disk: say so, keep counting
            session.error.emit(str(exc))

    def check_address(self) -> None:
        """Is the address still one of the laptop's? (a hotspot turned off, a cable out)"""
        if not self.running or self.host in (addresses.ALL_INTERFACES, addresses.LOOPBACK):
            return
        present = any(ip == self.host for _name, ip in self.list_addresses())
        if present == (not self._lost):
            return
        self._lost = not present
        self.address_lost.emit("" if present else (
            f"The network with {self.host} has gone: phones cannot reach the laptop. Notes "
            "already on the board are kept. Reconnect the Wi-Fi or choose another address."))


class EditNoteDialog(QDialog):
    """Edit a phone's note before accepting it (plain text in, plain text out)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit the note, then accept it")
        self.edit = QPlainTextEdit(text)
        self.edit.setAccessibleName("Note text")
        self.edit.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Accept")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)

    @property
    def text(self) -> str:
        return self.edit.toPlainText()


def plain_label(text: str = "", name: str = "") -> QLabel:
    """A label for text that may come from a participant: never rich text."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
        label.setAccessibleName(name)
    return label


class PhonesPanel(QDockWidget):
    """The dock beside the board: how to join, the queue, voting."""

    def __init__(self, link: PhonesLink, parent: QWidget | None = None) -> None:
        super().__init__("Phones", parent)
        self.link = link
        self.setObjectName("phonesPanel")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        body = QWidget()
        layout = QVBoxLayout(body)

        self.address = QComboBox()
        self.address.setAccessibleName("Address phones use")
        self.address.setToolTip("Which of this laptop's networks phones join through")
        self.refresh_addresses()
        self.address.activated.connect(self._on_address_chosen)
        form = QFormLayout()
        form.addRow("Add&ress:", self.address)
        layout.addLayout(form)

        self.code_label = QLabel()
        self.code_label.setObjectName("phonesCode")
        self.code_label.setAccessibleName("Join code")
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.code_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        font.setLetterSpacing(font.SpacingType.PercentageSpacing, 115)
        self.code_label.setFont(font)
        self.url_label = plain_label(name="Phones' address")
        self.qr_label = QLabel()
        self.qr_label.setAccessibleName("QR code of the phones' address")
        self.banner = plain_label(name="Phones network warning")
        self.banner.setStyleSheet("background: #fde7e9; color: #a4262c; padding: 4px;")
        self.banner.hide()
        self.test_button = QPushButton("Test from this &laptop")
        self.test_button.setToolTip("Check that the phones' page answers at this address")
        self.test_button.clicked.connect(self.test_from_laptop)
        self.test_result = plain_label(name="Test result")
        if sys.platform == "win32":
            self.test_result.setText("If Windows asks about the firewall, tick Private "
                                     "networks and choose Allow.")
        layout.addWidget(self.banner)
        layout.addWidget(self.code_label)
        layout.addWidget(self.url_label)
        layout.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.test_button)
        layout.addWidget(self.test_result)

        self.queue_title = QLabel("Waiting notes")
        self.queue_title.setObjectName("phonesQueueTitle")
        self.queue = QListWidget()
        self.queue.setObjectName("phonesQueue")
        self.queue.setAccessibleName("Notes from phones waiting to be accepted")
        self.queue.setWordWrap(True)
        self.queue.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.queue.itemActivated.connect(lambda _item: self.accept_selected())
        self.queue_title.setBuddy(self.queue)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton("A&ccept")
        self.accept_button.setToolTip("Put the selected notes on the board (Enter)")
        self.accept_button.clicked.connect(self.accept_selected)
        self.edit_button = QPushButton("E&dit…")
        self.edit_button.setToolTip("Edit the note, then accept it (Shift+Enter)")
        self.edit_button.clicked.connect(self.edit_and_accept)
        self.reject_button = QPushButton("Re&ject")
        self.reject_button.setToolTip("Do not use the selected notes (Delete)")
        self.reject_button.clicked.connect(self.reject_selected)
        for button in (self.accept_button, self.edit_button, self.reject_button):
            buttons.addWidget(button)
        self.auto_accept = QCheckBox("Accept every note a&utomatically")
        self.auto_accept.toggled.connect(self._on_auto_accept)
        layout.addWidget(self.queue_title)
        layout.addWidget(self.queue, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.auto_accept)
        self.vote_title = plain_label(name="Voting")
        self.bars = VoteBars(link, self)
        layout.addWidget(self.vote_title)
        layout.addWidget(self.bars)
        link.votes_changed.connect(self._on_votes_changed)
        self.setWidget(body)

        link.notes_arrived.connect(self.refresh_queue)
        link.running_changed.connect(self._on_running_changed)
        link.address_lost.connect(self._on_address_lost)

    # ------------------------------------------------------------ addresses
    def refresh_addresses(self) -> None:
        chosen = self.address.currentData()
        self.address.clear()
        for address in addresses.choices(self.link.list_addresses()):
            self.address.addItem(address.label, address.ip)
        if chosen:
            index = self.address.findData(chosen)
            if index >= 0:
                self.address.setCurrentIndex(index)

    def chosen_host(self) -> str:
        return self.address.currentData() or addresses.LOOPBACK

    def _on_address_chosen(self, _index: int) -> None:
        if self.link.running and self.chosen_host() != self.link.host:
            self.link.move_to(self.chosen_host())

    def _on_running_changed(self, running: bool) -> None:
        if running:
            self.code_label.setText(f"Code: {self.link.code}")
            self.url_label.setText(f"Phones open {self.link.url} and type the code.")
            self.qr_label.setPixmap(qr_pixmap(self.link.url, 5))
            self.test_result.setText("")
            self.banner.hide()
            index = self.address.findData(self.link.host)
            if index >= 0:
                self.address.setCurrentIndex(index)
        self.refresh_queue()

    def _on_votes_changed(self) -> None:
        voting = self.link.gate.voting() if self.link.gate is not None else None
        if voting is None:
            self.vote_title.setText("")
        else:
            dots = sum(n for _l, n in self.link.vote_bars())
            self.vote_title.setText(
                f"Voting {'open' if voting.open else 'closed'}: {dots} dots placed "
                f"({voting.dots} per phone). " + ("Shift+F9 closes it." if voting.open else ""))

    def _on_address_lost(self, message: str) -> None:
        if message and message != self.banner.text():
            announce(self.banner, message, assertive=True)  # the phones have lost the laptop
        self.banner.setText(message)
        self.banner.setVisible(bool(message))

    def test_from_laptop(self) -> str:
        if not self.link.running:
            self.test_result.setText("Phones is off: turn it on first (F7).")
            return "off"
        problem = check_url(self.link.host, self.link.port)
        self.test_result.setText(
            f"Not working: {problem}." if problem else
            f"Working: the page answers at {self.link.url}. Open it in this laptop's browser "
            "to see what phones see.")
        return problem

    # ---------------------------------------------------------------- queue
    def refresh_queue(self) -> None:
        pending = self.link.pending()
        if self.auto_accept.isChecked() and pending:
            self.link.accept([(n, n.text) for n in pending])
            pending = self.link.pending()
        selected = {item.data(NOTE_ID) for item in self.queue.selectedItems()}
        current = self.queue.currentItem().data(NOTE_ID) if self.queue.currentItem() else None
        self.queue.clear()
        labels = {}
        vocabulary = self.link.session.format.vocabularies
        for vocab in vocabulary.values():
            labels.update({t.key: t.label for t in vocab.tags})
        for note in pending:
            area = f"\n({labels.get(note.area, note.area)})" if note.area else ""
            item = QListWidgetItem(note.text + area)  # list items are plain text
            item.setData(NOTE_ID, note.id)
            self.queue.addItem(item)
            item.setSelected(note.id in selected)
            if note.id == current:
                self.queue.setCurrentItem(item)
        if self.queue.currentItem() is None and self.queue.count():
            self.queue.setCurrentRow(0)
        self.queue_title.setText(f"Waiting notes ({len(pending)})")
        for button in (self.accept_button, self.edit_button, self.reject_button):
            button.setEnabled(bool(pending))
        self.queue_changed(len(pending))

    def queue_changed(self, count: int) -> None:
        """Overridden by the window to show the count on the status bar."""

    def _chosen(self) -> list[PhoneNote]:
        ids = [item.data(NOTE_ID) for item in self.queue.selectedItems()]
        if not ids and self.queue.currentItem() is not None:
            ids = [self.queue.currentItem().data(NOTE_ID)]
        by_id = {n.id: n for n in self.link.pending()}
        return [by_id[i] for i in ids if i in by_id]

    def accept_selected(self) -> None:
        notes = self._chosen()
        if notes:
            self.link.accept([(n, n.text) for n in notes])
            self.refresh_queue()

    def edit_and_accept(self, dialog_factory=EditNoteDialog) -> None:
        notes = self._chosen()[:1]
        if not notes:
            return
        dialog = dialog_factory(notes[0].text, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.text.strip():
            self.link.accept([(notes[0], dialog.text)])
            self.refresh_queue()

    def reject_selected(self) -> None:
        for note in self._chosen():
            self.link.reject(note)
        self.refresh_queue()

    def _on_auto_accept(self, on: bool) -> None:
        self.link.auto_accept = on
        self.refresh_queue()


class WifiDialog(QDialog):
    """A "join the Wi-Fi" QR code from the network's name and password (kept nowhere)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Wi-Fi QR code")
        self.ssid = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.qr = QLabel()
        self.qr.setAccessibleName("QR code to join the Wi-Fi")
        form = QFormLayout(self)
        form.addRow("Network &name:", self.ssid)
        form.addRow("&Password:", self.password)
        form.addRow(self.qr)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ssid.textChanged.connect(self._draw)
        self.password.textChanged.connect(self._draw)

    def _draw(self) -> None:
        if self.ssid.text():
            self.qr.setPixmap(wifi_qr_pixmap(self.ssid.text(), self.password.text()))
        else:
            self.qr.clear()


class VotingDialog(QDialog):
    """Open voting on the current step: its themes, or its notes when it has none."""

    def __init__(self, parent: QWidget | None = None, default_dots: int = 3) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open voting")
        self.dots = QSpinBox()
        self.dots.setRange(1, 10)
        self.dots.setValue(default_dots)
        self.dots.setAccessibleName("Dots per phone")
        form = QFormLayout(self)
        form.addRow("&Dots per phone:", self.dots)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Open voting")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class VoteBars(QWidget):
    """Live bars of the top ideas by dots (drawn as plain text: participants' words)."""

    def __init__(self, link: PhonesLink, parent: QWidget | None = None, *, dark: bool = False,
                 limit: int = 8) -> None:
        super().__init__(parent)
        self.link = link
        self.dark = dark
        self.limit = limit
        self.rows: list[tuple[str, int]] = []
        self.setObjectName("voteBars")
        self.setAccessibleName("Votes so far")
        self.setMinimumHeight(60)
        link.votes_changed.connect(self.refresh)
        link.running_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        self.rows = self.link.vote_bars()[: self.limit]
        self.setVisible(bool(self.rows) and self.link.running)
        self.setAccessibleDescription("; ".join(f"{label}: {n} dots" for label, n in self.rows))
        self.updateGeometry()
        self.update()

    def detach(self) -> None:
        self.link.votes_changed.disconnect(self.refresh)
        self.link.running_changed.disconnect(self.refresh)

    def sizeHint(self):  # noqa: N802 - Qt override
        from PySide6.QtCore import QSize

        line = self.fontMetrics().height() + 8
        return QSize(400, max(60, line * len(self.rows) + 8))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        from PySide6.QtGui import QColor, QPainter

        painter = QPainter(self)
        metrics = self.fontMetrics()
        line = metrics.height() + 8
        text_colour = QColor("#ffffff" if self.dark else "#1f2328")
        bar_colour = QColor("#ffd54f" if self.dark else "#1d4e89")
        top = max((n for _l, n in self.rows), default=0) or 1
        label_width = int(self.width() * 0.45)
        count_width = metrics.horizontalAdvance("000") + 8
        bar_space = max(10, self.width() - label_width - count_width - 16)
        for row, (label, dots) in enumerate(self.rows):
            y = 4 + row * line
            text = metrics.elidedText(" ".join(label.split()), Qt.TextElideMode.ElideRight,
                                      label_width - 8)
            painter.setPen(text_colour)
            painter.drawText(0, y, label_width - 8, line, Qt.AlignmentFlag.AlignVCenter
                             | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, text)
            width = int(bar_space * dots / top)
            painter.fillRect(label_width, y + 4, max(width, 2 if dots else 0), line - 8,
                             bar_colour)
            painter.drawText(label_width + width + 8, y, count_width, line,
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             str(dots))
        painter.end()


class PresenterJoinCard(QWidget):
    """On the presenter screen while Phones is on: the QR code, the address and the code."""

    def __init__(self, link: PhonesLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.setObjectName("presenterPhones")
        self.qr = QLabel()
        self.qr.setAccessibleName("QR code to join from a phone")
        self.text = plain_label(name="How to join from a phone")
        self.text.setStyleSheet("color: #ffffff;")
        font = self.text.font()
        font.setPixelSize(28)
        font.setBold(True)
        self.text.setFont(font)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.qr)
        row.addWidget(self.text, 1)
        link.running_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        running = self.link.running
        self.setVisible(running)
        if running:
            self.qr.setPixmap(qr_pixmap(self.link.url, 5))
            self.text.setText(f"Post your notes from your phone: scan the code or open "
                              f"{self.link.url}\nJoin code: {self.link.code}")

    def detach(self) -> None:
        self.link.running_changed.disconnect(self.refresh)


def attach_presenter(link: PhonesLink, presenter: QWidget) -> PresenterJoinCard:
    """Add the vote bars (while there is a vote) and the join card under the presenter's
    wall."""
    bars = VoteBars(link, presenter, dark=True)
    font = bars.font()
    font.setPixelSize(26)
    font.setBold(True)
    bars.setFont(font)
    card = PresenterJoinCard(link, presenter)
    presenter.layout().addWidget(bars)
    presenter.layout().addWidget(card)
    presenter.closed.connect(card.detach)
    presenter.closed.connect(bars.detach)
    presenter.phones_card = card
    presenter.vote_bars = bars
    return card
