"""The Phones panel (F7) beside the board: turning Phones on, the address and QR to join, the
moderation queue (accept, edit, reject, accept automatically) and the voting controls.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.phones import addresses
from facilitator.phones.values import PhoneNote
from ui.announce import announce
from ui.run.phones import PhonesLink, check_url, plain_label, qr_pixmap
from ui.run.phones_room import VoteBars

NOTE_ID = Qt.ItemDataRole.UserRole
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


class PhonesPanel(QDockWidget):
    """The dock beside the board: how to join, the queue, voting."""

    # Made by _build_join:
    address: QComboBox
    code_label: QLabel
    url_label: QLabel
    qr_label: QLabel
    banner: QLabel
    test_button: QPushButton
    test_result: QLabel
    # Made by _build_queue:
    queue_title: QLabel
    queue: QListWidget
    accept_button: QPushButton
    edit_button: QPushButton
    reject_button: QPushButton
    auto_accept: QCheckBox

    def __init__(self, link: PhonesLink, parent: QWidget | None = None) -> None:
        super().__init__("Phones", parent)
        self.link = link
        #: Told how many notes wait (the window shows the count on the status bar).
        self.queue_changed: Callable[[int], None] = lambda _count: None
        self.setObjectName("phonesPanel")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        body = QWidget()
        layout = QVBoxLayout(body)

        self._build_join(layout)
        self._build_queue(layout)
        self.vote_title = plain_label(name="Voting")
        self.bars = VoteBars(link, self)
        layout.addWidget(self.vote_title)
        layout.addWidget(self.bars)
        link.votes_changed.connect(self._on_votes_changed)
        self.setWidget(body)

        link.notes_arrived.connect(self.refresh_queue)
        link.running_changed.connect(self._on_running_changed)
        link.address_lost.connect(self._on_address_lost)

    def _build_join(self, layout: QVBoxLayout) -> None:
        """How phones join: the address, the join code, the address and its QR code, a
        warning about the network, and a test from this laptop."""
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

    def _build_queue(self, layout: QVBoxLayout) -> None:
        """The notes waiting: Accept, Edit, Reject, and accepting every note automatically."""
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


