"""Phones in the run window: on/off (F7), the moderation queue, plain text, the port closing.
Every request goes to 127.0.0.1 only: the laptop's interfaces are replaced by loopback."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

import ui.run.phones as phones_module
from tests.ui.run.helpers import (
    CTRL,
    SHIFT,
    card_texts,
    clashing_alt_letters,
    make_workshop,
    open_run,
)
from ui.run.phones import FROM_A_PHONE

LOOPBACK = "127.0.0.1"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """The tests see one interface, loopback, so nothing is ever bound elsewhere."""
    monkeypatch.setattr(phones_module, "laptop_addresses", lambda: [("lo", LOOPBACK)])


class Phone:
    def __init__(self, port: int) -> None:
        self.port = port
        self.token = ""

    def call(self, method: str, path: str, body=None):
        conn = http.client.HTTPConnection(LOOPBACK, self.port, timeout=10)
        headers = {"X-Phone-Token": self.token} if self.token else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        payload = json.loads(response.read() or b"{}")
        conn.close()
        return response.status, payload

    def join(self, code: str) -> int:
        status, data = self.call("POST", "/api/join", {"code": code})
        self.token = data.get("token", "")
        return status

    def post(self, text: str, area: str = "") -> dict:
        status, data = self.call("POST", "/api/notes", {"text": text, "area": area,
                                                        "id": text[:60]})
        assert status == 201, data
        return data

    def notes(self) -> list[dict]:
        return self.call("GET", "/api/state")[1]["notes"]


def phones_on(qtbot, window) -> Phone:
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F7)
    assert window.phones_link.running and window.phones_action.isChecked()
    assert window.phones_link.host == LOOPBACK
    phone = Phone(window.phones_link.port)
    assert phone.join(window.phones_link.code) == 200
    return phone


def test_phones_is_off_by_default(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    assert not window.phones_link.running and window.phones_panel.isHidden()
    assert not window.phones_action.isChecked()


def test_the_server_and_qr_library_load_only_when_phones_is_turned_on():
    """Start-up pays nothing for Phones: the run window does not import http.server,
    the phones' server or segno."""
    code = ("import sys; import ui.run.window; "
            "print(sorted(m for m in ('http.server', 'socketserver', 'segno', "
            "'facilitator.phones.server') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"


def test_f7_shows_code_address_and_qr_and_f7_again_closes_the_port(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    phone = phones_on(qtbot, window)
    panel = window.phones_panel
    code = window.phones_link.code
    assert panel.isVisible() and code in panel.code_label.text()
    assert f"http://{LOOPBACK}:{phone.port}/" in panel.url_label.text()
    assert not panel.qr_label.pixmap().isNull()
    assert panel.test_from_laptop() == "" and "Working" in panel.test_result.text()
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F7)
    assert not window.phones_link.running and not window.phones_action.isChecked()
    with pytest.raises(OSError), socket.create_connection((LOOPBACK, phone.port), timeout=1):
        pass
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F7)  # on again: the same code
    assert window.phones_link.code == code
    window.close()
    port = window.phones_link.port or phone.port
    assert not window.phones_link.running
    with pytest.raises(OSError), socket.create_connection((LOOPBACK, port), timeout=1):
        pass


def test_notes_wait_in_the_queue_then_enter_accepts_them_through_undo(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    phone = phones_on(qtbot, window)
    markup = "<b>Bold</b> <img src=x onerror=alert(1)> idea"
    phone.post(markup)
    phone.post("Lunch club 🍲")
    panel = window.phones_panel
    qtbot.waitUntil(lambda: panel.queue.count() == 2)
    assert window.phones_label.text() == "Phones: 2 waiting"
    assert panel.queue.item(0).text() == markup  # a list item is plain text
    assert card_texts(window) == []  # nothing on the board until accepted

    qtbot.keyClick(window.capture.box, Qt.Key.Key_F8)
    assert panel.queue.hasFocus()
    panel.queue.setCurrentRow(0)
    qtbot.keyClick(panel.queue, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.queue.count() == 1)
    assert card_texts(window) == [markup]
    note = context.store.notes(window.session.workshop_id)[0]
    assert note.table_label == FROM_A_PHONE and note.text == markup
    assert [n["status"] for n in phone.notes()] == ["accepted", "waiting"]
    assert window.phones_label.text() == "Phones: 1 waiting"

    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, CTRL)  # the same undo as typed notes
    assert card_texts(window) == []

    panel.queue.setFocus()
    qtbot.keyClick(panel.queue, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.queue.count() == 0)
    assert [n["status"] for n in phone.notes()] == ["accepted", "not used"]
    assert window.phones_label.text() == "Phones: on, nothing waiting"


def test_edit_then_accept_and_auto_accept(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    phone = phones_on(qtbot, window)
    panel = window.phones_panel
    phone.post("lunch clbu")
    qtbot.waitUntil(lambda: panel.queue.count() == 1)

    class Edited:
        def __init__(self, text, parent):
            self.text = "Lunch club"

        def exec(self):
            return QDialog.DialogCode.Accepted

    panel.queue.setCurrentRow(0)
    panel.edit_and_accept(Edited)
    assert card_texts(window) == ["Lunch club"]
    assert phone.notes()[0]["text"] == "Lunch club" and phone.notes()[0]["edited"]

    panel.auto_accept.setChecked(True)
    phone.post("Walking group")
    qtbot.waitUntil(lambda: "Walking group" in card_texts(window))
    assert panel.queue.count() == 0


def test_a_note_for_how_keeps_its_support_area(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    window.session.set_step("how")
    phone = phones_on(qtbot, window)
    state = phone.call("GET", "/api/state")[1]
    areas = [a["key"] for a in state["step"]["areas"]]
    assert len(areas) == 4
    phone.post("Volunteer drivers", areas[2])
    qtbot.waitUntil(lambda: window.phones_panel.queue.count() == 1)
    window.phones_panel.queue.setCurrentRow(0)
    window.phones_panel.accept_selected()
    note = context.store.notes(window.session.workshop_id, "how")[0]
    assert note.tags == [areas[2]]


def test_phones_follow_the_step(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    phone = phones_on(qtbot, window)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    step = phone.call("GET", "/api/state")[1]["step"]
    assert step["key"] == window.session.step_key
    assert step["question"] == window.session.question()


def test_the_address_going_away_shows_a_banner_and_keeps_the_notes(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    link = window.phones_link
    link.list_addresses = lambda: [("wlan0", "192.0.2.7")]  # (only listed, never bound)
    phone = phones_on(qtbot, window)
    phone.post("Kept")
    qtbot.waitUntil(lambda: window.phones_panel.queue.count() == 1)
    window.phones_panel.accept_selected()
    link.host = "192.0.2.7"  # pretend it was bound there
    link.list_addresses = lambda: []
    link.check_address()
    banner = window.phones_panel.banner
    assert banner.isVisible() and "has gone" in banner.text()
    assert card_texts(window) == ["Kept"]
    link.list_addresses = lambda: [("wlan0", "192.0.2.7")]
    link.check_address()
    assert banner.isHidden()
    link.host = LOOPBACK


def test_participant_text_is_never_rich_text_in_qt(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    phones_on(qtbot, window)
    for label in window.phones_panel.findChildren(QLabel):
        if label.accessibleName() in ("Phones' address", "Phones network warning",
                                      "Test result", "Join code"):
            assert label.textFormat() == Qt.TextFormat.PlainText


def test_the_shortcuts_are_free(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    keys = {}
    for action in window.findChildren(type(window.phones_action)):
        for key in action.shortcuts():
            if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut:
                keys.setdefault(key.toString(), []).append(action.objectName())
    for key in ("F7", "F8"):
        assert len(keys[key]) == 1, keys[key]
    assert SHIFT  # (Shift+Return edits then accepts, on the queue only)


def test_the_presenter_shows_the_join_code_and_qr_while_phones_is_on(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F5)
    presenter = window.presenter
    qtbot.addWidget(presenter)
    card = presenter.phones_card
    assert card.isHidden()
    phones_on(qtbot, window)
    assert card.isVisible() and window.phones_link.code in card.text.text()
    assert window.phones_link.url in card.text.text() and not card.qr.pixmap().isNull()
    assert card.text.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F7)
    assert card.isHidden()


def test_no_two_alt_letters_clash_with_the_phones_panel_open(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    window.session.set_step("how")
    phones_on(qtbot, window)
    assert clashing_alt_letters(window) == {}


def test_dot_voting_from_phones_moves_the_presenters_bars_and_is_kept(qtbot, context):
    from facilitator.store.votes import votes
    from ui.run import phones_actions

    window = open_run(qtbot, context, make_workshop(context.store).id)
    window.session.set_step("how")
    for text in ("Volunteer drivers", "Repair café", "Lunch club"):
        window.add_note(text)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F5)
    presenter = window.presenter
    qtbot.addWidget(presenter)
    first, second = phones_on(qtbot, window), None
    second = Phone(first.port)
    second.join(window.phones_link.code)
    assert phones_actions.open_voting(window, dots=3) == 3
    state = first.call("GET", "/api/state")[1]["voting"]
    assert state["open"] and state["dots"] == 3
    ids = {item["label"]: item["id"] for item in state["items"]}
    assert first.call("POST", "/api/votes", {"votes": {ids["Repair café"]: 2,
                                                        ids["Lunch club"]: 1}})[0] == 200
    assert second.call("POST", "/api/votes", {"votes": {ids["Repair café"]: 3}})[0] == 200
    bars = presenter.vote_bars
    qtbot.waitUntil(lambda: bars.rows[:2] == [("Repair café", 5), ("Lunch club", 1)])
    assert bars.isVisible()
    # a dot moved: the bars follow
    assert first.call("POST", "/api/votes", {"votes": {ids["Lunch club"]: 3}})[0] == 200
    qtbot.waitUntil(lambda: bars.rows[:2] == [("Lunch club", 3), ("Repair café", 3)]
                    or bars.rows[:2] == [("Repair café", 3), ("Lunch club", 3)])
    assert first.call("POST", "/api/votes", {"votes": {ids["Lunch club"]: 4}})[0] == 400
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert first.call("POST", "/api/votes", {"votes": {}})[0] == 409
    kept = {v.label: v.dots for v in votes(context.store, window.session.workshop_id)}
    assert kept == {"Repair café": 3, "Lunch club": 3, "Volunteer drivers": 0} or \
        {k: v for k, v in kept.items() if v} == {"Repair café": 3, "Lunch club": 3}
