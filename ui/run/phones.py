"""Phones in the run window (F7): the join code and QR, the moderation queue, dot-voting.

``PhonesLink`` is the only bridge between the web server's threads and Qt: the gate calls
its ``on_notes`` / ``on_votes`` from request threads, which emit signals connected with
``Qt.QueuedConnection``, so everything that touches widgets or the store runs on the GUI
thread. Accepted notes go through ``AddNotesCommand`` on the session's ``run`` (the same
undo path as a typed note), marked with the table label "From a phone"; no device identity
is kept anywhere. ``facilitator.phones.server`` (and ``http.server``) is imported only when
Phones is turned on. The panel beside the board is ``phones_panel``; what the room sees
(vote bars, the join card, the Wi-Fi QR) is ``phones_room``.
"""

from __future__ import annotations

import http.client
import io
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QLabel,
)

from facilitator.models import Note
from facilitator.phones import addresses
from facilitator.phones.addresses import laptop_addresses
from facilitator.phones.gate import Gate
from facilitator.phones.values import PhoneNote, Step
from ui.commands.notes import AddNotesCommand
from ui.run.session import RunSession

if TYPE_CHECKING:  # (the server is imported once phones are turned on)
    from facilitator.phones.server import PhoneServer

FROM_A_PHONE = "From a phone"
DEFAULT_PORT = 8080


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
        self.server: PhoneServer | None = None
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
        assert self.gate is not None, "the notes came from the gate"
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


