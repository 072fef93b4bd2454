"""The web adapter's security rules, each with a test, over loopback (127.0.0.1) only."""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time

import pytest

from facilitator.phones.gate import Gate
from facilitator.phones.server import CSP, MAX_BODY, TOKEN_HEADER, start_server
from facilitator.phones.values import Step

LOOPBACK = "127.0.0.1"


@pytest.fixture
def gate():
    gate = Gate("AB3CD")
    gate.set_step(Step("how", "HOW", "How can we unlock capacity?", "One idea per note"))
    return gate


@pytest.fixture
def server(gate):
    server = start_server(gate, LOOPBACK, 0)
    yield server
    server.stop()


def request(server, method, path, body=None, headers=None, raw=None):
    conn = http.client.HTTPConnection(LOOPBACK, server.port, timeout=10)
    headers = dict(headers or {})
    if body is not None:
        raw = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    conn.request(method, path, body=raw, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    try:
        payload = json.loads(data)
    except ValueError:
        payload = data
    return response, payload


def join(server, code="AB3CD"):
    response, data = request(server, "POST", "/api/join", {"code": code})
    assert response.status == 200, data
    return {TOKEN_HEADER: data["token"]}


def test_the_page_is_served_with_a_strict_policy_and_no_cookies(server):
    for path, kind in (("/", "text/html"), ("/app.js", "text/javascript"),
                       ("/app.css", "text/css")):
        response, body = request(server, "GET", path)
        assert response.status == 200 and response.getheader("Content-Type").startswith(kind)
        assert response.getheader("Content-Security-Policy") == CSP
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert response.getheader("Set-Cookie") is None
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP
    html = request(server, "GET", "/")[1].decode()
    assert "<script>" not in html  # no inline code: the one script is /app.js
    assert not re.search(r"<[^>]*\son[a-z]+=", html)  # no inline event handlers
    assert "http://" not in html and "https://" not in html  # nothing from outside


def test_only_fixed_routes(server):
    for path in ("/../../etc/passwd", "/index.html", "/resources/phones/app.js", "/api",
                 "/app.js/", "/favicon.ico"):
        assert request(server, "GET", path)[0].status == 404
    assert request(server, "DELETE", "/")[0].status == 405
    assert request(server, "PUT", "/api/notes", {"text": "x"})[0].status == 405


def test_wrong_code_then_right_code(server):
    response, data = request(server, "POST", "/api/join", {"code": "WRONG"})
    assert response.status == 403 and "not the code" in data["error"]
    assert join(server, "ab3cd")


def test_brute_force_is_slowed_with_429(server, gate):
    for _ in range(gate.limits.join_failures):
        assert request(server, "POST", "/api/join", {"code": "XXXXX"})[0].status == 403
    response, _ = request(server, "POST", "/api/join", {"code": "AB3CD"})
    assert response.status == 429 and int(response.getheader("Retry-After")) >= 1


def test_everything_but_join_needs_the_token(server):
    assert request(server, "GET", "/api/state")[0].status == 401
    assert request(server, "GET", "/api/wait?after=0")[0].status == 401
    assert request(server, "POST", "/api/notes", {"text": "hi"})[0].status == 401
    assert request(server, "POST", "/api/notes", {"text": "hi"},
                   {TOKEN_HEADER: "guess"})[0].status == 401


def test_oversize_body_and_note_are_413(server):
    token = join(server)
    response, _ = request(server, "POST", "/api/notes", raw=b"x" * (MAX_BODY + 1),
                          headers={**token, "Content-Type": "application/json"})
    assert response.status == 413
    response, data = request(server, "POST", "/api/notes", {"text": "y" * 281}, token)
    assert response.status == 413 and "280" in data["error"]


def test_wrong_content_type_is_415(server):
    token = join(server)
    for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        response, _ = request(server, "POST", "/api/notes", raw=b'{"text": "hi"}',
                              headers={**token, "Content-Type": kind})
        assert response.status == 415


def test_a_cross_site_form_post_is_refused(server, gate):
    """What a form on another site can send: a form content type, no token header, a
    foreign Origin. Each alone is refused; nothing reaches the queue."""
    form = b"text=spam"
    response, _ = request(server, "POST", "/api/notes", raw=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Origin": "http://evil.example"})
    assert response.status == 403
    response, _ = request(server, "POST", "/api/notes", raw=form, headers={
        "Content-Type": "text/plain"})
    assert response.status == 415
    response, _ = request(server, "POST", "/api/notes", {"text": "spam"})
    assert response.status == 401
    response, _ = request(server, "POST", "/api/notes", {"text": "spam"},
                          {**join(server), "Origin": "http://evil.example"})
    assert response.status == 403
    assert gate.pending() == []


def test_a_foreign_host_name_is_refused(server):
    """DNS rebinding: a name another site points at this laptop is not answered."""
    response, _ = request(server, "GET", "/", headers={"Host": "evil.example"})
    assert response.status == 400


def test_a_note_with_markup_is_kept_as_text(server, gate):
    token = join(server)
    text = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    response, data = request(server, "POST", "/api/notes", {"text": text, "id": "m"}, token)
    assert response.status == 201 and data["text"] == text
    assert response.getheader("Content-Type").startswith("application/json")
    assert gate.pending()[0].text == text  # as typed; the page and Qt show it as text
    js = request(server, "GET", "/app.js")[1].decode()
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js


def test_post_notes_and_see_them_accepted(server, gate):
    token = join(server)
    response, note = request(server, "POST", "/api/notes",
                             {"text": "Lift share 🚗", "id": "abc"}, token)
    assert response.status == 201 and note["status"] == "waiting"
    again = request(server, "POST", "/api/notes", {"text": "Lift share 🚗", "id": "abc"}, token)
    assert again[1]["id"] == note["id"] and len(gate.pending()) == 1
    gate.accept(note["id"])
    state = request(server, "GET", "/api/state", headers=token)[1]
    assert state["notes"][0]["status"] == "accepted"
    assert state["step"]["question"] == "How can we unlock capacity?"


def test_long_poll_follows_the_facilitator(server, gate):
    token = join(server)
    version = request(server, "GET", "/api/state", headers=token)[1]["version"]
    result = {}

    def poll():
        result["state"] = request(server, "GET", f"/api/wait?after={version}", headers=token)[1]

    thread = threading.Thread(target=poll)
    thread.start()
    time.sleep(0.05)  # let the poll start waiting (it returns on the change either way)
    gate.set_step(Step("what", "WHAT", "What could communities do?"))
    thread.join(5)
    assert result["state"]["step"]["key"] == "what"


def test_stop_is_immediate_and_closes_the_port(gate):
    server = start_server(gate, LOOPBACK, 0)
    port = server.port
    token = join(server)
    version = request(server, "GET", "/api/state", headers=token)[1]["version"]
    held = http.client.HTTPConnection(LOOPBACK, port, timeout=10)
    held.request("GET", f"/api/wait?after={version}", headers=token)
    time.sleep(0.05)
    start = time.monotonic()
    server.stop()
    stopped = time.monotonic() - start
    assert stopped < 0.5
    response = held.getresponse()  # the held poll ends at once, told Phones is off
    assert response.status == 503
    with pytest.raises(OSError), socket.create_connection((LOOPBACK, port), timeout=1):
        pass


def test_a_busy_port_gives_the_next_free_one(gate):
    blocker = socket.socket()
    blocker.bind((LOOPBACK, 0))
    blocker.listen()
    busy = blocker.getsockname()[1]
    try:
        server = start_server(gate, LOOPBACK, busy)
        try:
            assert server.port != busy and server.host == LOOPBACK
        finally:
            server.stop()
    finally:
        blocker.close()


def test_a_room_connecting_at_once_is_accepted_by_threads_kept_for_reuse(server, gate):
    """Connections are taken as fast as they come and handed to threads started once, not
    one new thread per request (what kept a burst of phones waiting to be accepted)."""
    token = join(server)
    for _ in range(30):  # one after another: the same thread or two serve them all
        assert request(server, "GET", "/api/state", headers=token)[0].status == 200
    assert server.request_threads < 10  # (not 30: a thread is reused once idle)
    waiting = [socket.create_connection((LOOPBACK, server.port), timeout=5)
               for _ in range(40)]  # a room scanning the QR code: 40 connections at once
    try:
        for sock in waiting:
            sock.sendall(b"GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Phone-Token: "
                         + token[TOKEN_HEADER].encode() + b"\r\nConnection: close\r\n\r\n")
        for sock in waiting:
            assert sock.recv(64).startswith(b"HTTP/1.1 200")
    finally:
        for sock in waiting:
            sock.close()
    assert server.request_threads <= 50  # about one per connection held at once
    server.stop()
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(
            t.name == "phones-request" and t.is_alive() for t in threading.enumerate()):
        time.sleep(0.02)
    assert not [t for t in threading.enumerate() if t.name == "phones-request" and t.is_alive()]
