"""The phones' web server: a thin adapter from HTTP to the ``Gate``, nothing more.

Why the standard library's ``http.server.ThreadingHTTPServer`` and not an ASGI/WSGI stack:
the page needs seven fixed routes, small JSON bodies and a long-poll; a thread per phone is
cheap at a hall's 20-200 phones; it adds nothing to install or bundle (uvicorn + starlette
+ anyio + h11 would add several megabytes and an event loop in a second thread); it is
maintained with CPython; and its stop is plain and immediate (``shutdown()`` ends the
accept loop, the listening socket is closed, every open connection is shut and the gate
wakes every long-poll). This module is imported only when Phones is turned on.

Routes (nothing else is served; any other path is 404, any other method 405):

- ``GET /``, ``/app.js``, ``/app.css``: the participant page (no external resources).
- ``POST /api/join`` ``{"code"}`` -> ``{"token"}``: the only API call without a token.
- ``GET /api/state``, ``GET /api/wait?after=N`` (long-poll, ``Limits`` / ``WAIT_SECONDS``).
- ``POST /api/notes`` ``{"text", "area", "id"}``; ``POST /api/votes`` ``{"votes"}``.

Every API call but join carries ``X-Phone-Token``; there are no cookies, so a cross-site
form cannot act for a phone, and a POST must be ``application/json`` (else 415) with a body
of at most ``MAX_BODY`` bytes (else 413) and, when the browser says where it comes from,
from this very page (``Origin``, else 403).
"""

from __future__ import annotations

import contextlib
import json
import queue
import selectors
import socket
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from urllib.parse import parse_qs, urlsplit

from facilitator.phones.gate import Gate
from facilitator.phones.values import Refused
from facilitator.resources import resource

MAX_BODY = 8 * 1024
WAIT_SECONDS = 25.0
MAX_CONNECTIONS = 400
TOKEN_HEADER = "X-Phone-Token"
PAGE_FILES = {"/": ("index.html", "text/html; charset=utf-8"),
              "/app.js": ("app.js", "text/javascript; charset=utf-8"),
              "/app.css": ("app.css", "text/css; charset=utf-8")}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
       "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cache-Control", "no-store"),
)


def load_page() -> dict[str, tuple[bytes, str]]:
    folder = resource("phones")
    return {route: ((folder / name).read_bytes(), kind)
            for route, (name, kind) in PAGE_FILES.items()}


class PhoneServer(ThreadingHTTPServer):
    """One accepting thread and a pool of request threads that are kept and reused.

    Measured with ``benchmarks/bench_phones.py`` (150 phones at once): almost all of a
    POST's time was spent waiting to be accepted (p50 129 ms of 132 ms; handling it took
    under 1 ms). ``serve_forever`` accepts one connection per wake-up and starts a new
    thread for each, and both need the interpreter lock back, which every busy thread in
    the app (the GUI's included) is asking for at once. Here the accepting thread takes
    every waiting connection per wake-up and hands each to an idle thread through a
    queue; a new thread is started only when none is idle (a long-poll holds its thread,
    so there are about as many threads as phones, but they are started once, not per
    request).
    """

    daemon_threads = True
    allow_reuse_address = False  # a busy port must be found busy, not shared
    #: A room scanning the QR code at once: socketserver's default backlog of 5 would reset
    #: most of those connections before they were accepted.
    request_queue_size = 256

    def __init__(self, gate: Gate, host: str, port: int) -> None:
        self.gate = gate
        self.page = load_page()
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._pool_lock = threading.Lock()
        self._idle = 0  # request threads waiting for a connection
        self._queued = 0  # connections handed over and not yet taken
        self._workers: list[threading.Thread] = []
        super().__init__((host, port), PhoneHandler)

    # ---------------------------------------------------------- the server
    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def host(self) -> str:
        return str(self.server_address[0])

    def start(self) -> None:
        self._thread = threading.Thread(target=self._accept_loop, name="phones-server",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Close the port now: no new connections, every open one shut, waits woken."""
        self.gate.close()
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None
        self.server_close()
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        with self._pool_lock:
            workers, self._workers = self._workers, []
        for _ in workers:
            self._jobs.put(None)  # each idle thread ends; busy ones end after their request

    def _accept_loop(self) -> None:
        self.socket.setblocking(False)
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            while not self._stopping.is_set():
                if not selector.select(0.1):
                    continue
                while not self._stopping.is_set():  # every connection waiting, not just one
                    try:
                        request, address = self.socket.accept()
                    except (BlockingIOError, InterruptedError):
                        break
                    except OSError:
                        if self._stopping.is_set():
                            return
                        break
                    request.setblocking(True)
                    self.process_request(request, address)

    # ------------------------------------------------------- connections
    def process_request(self, request, client_address) -> None:
        with self._open_lock:
            full = len(self._open) >= MAX_CONNECTIONS
            if not full:
                self._open.add(request)
        if full:
            with contextlib.suppress(OSError):
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\n"
                                b"Content-Length: 0\r\nConnection: close\r\n\r\n")
            self.shutdown_request(request)
            return
        with self._pool_lock:
            self._queued += 1
            start = self._queued > self._idle
        self._jobs.put((request, client_address))
        if start:
            worker = threading.Thread(target=self._work, name="phones-request", daemon=True)
            with self._pool_lock:
                self._workers.append(worker)
            worker.start()

    def _work(self) -> None:
        while True:
            with self._pool_lock:
                self._idle += 1
            job = self._jobs.get()
            with self._pool_lock:
                self._idle -= 1
                if job is not None:
                    self._queued -= 1
            if job is None:
                return
            self.process_request_thread(*job)  # handles, then shuts the connection

    def shutdown_request(self, request) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    @property
    def request_threads(self) -> int:
        with self._pool_lock:
            return len(self._workers)


class PhoneHandler(BaseHTTPRequestHandler):
    server: PhoneServer
    protocol_version = "HTTP/1.1"
    server_version = "WorkshopFacilitator"
    sys_version = ""
    timeout = 40  # a connection that sends nothing for this long is closed

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass  # phones' requests are not logged (nothing about a phone is kept)

    # ------------------------------------------------------------- methods
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._serve(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._serve(self._post)

    def _not_allowed(self) -> None:
        self._serve(lambda _path: self._refuse(Refused(405, "Not allowed.")))

    do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _not_allowed  # noqa: N815

    def _serve(self, method: Callable[[str], None]) -> None:
        gate = self.server.gate
        try:
            if not self._host_ok():
                raise Refused(400, "Unknown host.")
            gate.admit(self.client_address[0])
            method(urlsplit(self.path).path)
        except Refused as refusal:
            self._refuse(refusal)
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _get(self, path: str) -> None:
        gate = self.server.gate
        if path in self.server.page:
            body, kind = self.server.page[path]
            self._send(200, body, kind)
        elif path == "/api/state":
            self._json(200, gate.state(self._token()))
        elif path == "/api/wait":
            query = parse_qs(urlsplit(self.path).query)
            try:
                after = int(query.get("after", ["0"])[0])
            except ValueError:
                raise Refused(400, "Bad request.") from None
            self._json(200, gate.wait(self._token(), after, WAIT_SECONDS))
        else:
            raise Refused(404, "Not found.")

    def _post(self, path: str) -> None:
        gate = self.server.gate
        if path not in ("/api/join", "/api/notes", "/api/votes"):
            raise Refused(404, "Not found.")
        data = self._body()
        if path == "/api/join":
            self._json(200, {"token": gate.join(data.get("code", ""), self.client_address[0])})
            return
        token = self._token()
        if path == "/api/notes":
            note = gate.post_note(token, data.get("text"), data.get("area", ""),
                                  data.get("id", ""))
            self._json(201, note.for_phone())
        else:
            self._json(200, {"mine": gate.vote(token, data.get("votes"))})

    # -------------------------------------------------------------- checks
    def _host_ok(self) -> bool:
        """The Host header names an address (not a name another site could point here)."""
        host = (self.headers.get("Host") or "").strip()
        if not host:
            return False
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]")
        if name == "localhost":
            return True
        try:
            ip_address(name)
        except ValueError:
            return False
        return True

    def _token(self) -> str | None:
        return self.headers.get(TOKEN_HEADER)

    def _body(self) -> dict:
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://{self.headers.get('Host', '')}":
            raise Refused(403, "Not from this page.")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise Refused(415, "Send JSON.")
        try:
            length = int(self.headers.get("Content-Length") or "")
        except ValueError:
            raise Refused(411, "Say how long the body is.") from None
        if length < 0 or length > MAX_BODY:
            raise Refused(413, "That is too long.")
        raw = self.rfile.read(length)
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise Refused(400, "That is not JSON.") from None
        if not isinstance(data, dict):
            raise Refused(400, "Bad request.")
        return data

    # ------------------------------------------------------------- replies
    def _refuse(self, refusal: Refused) -> None:
        if self.command == "POST":
            self.close_connection = True  # an unread body must not be taken as a request
        extra: tuple[tuple[str, str], ...] = ()
        if refusal.retry_after is not None:
            extra = (("Retry-After", str(max(1, round(refusal.retry_after)))),)
        self._json(refusal.status, {"error": refusal.message}, extra)

    def _json(self, status: int, data: dict, extra=()) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", extra)

    def _send(self, status: int, body: bytes, kind: str, extra=()) -> None:
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (*SECURITY_HEADERS, *extra):
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)


def start_server(gate: Gate, host: str, port: int = 8080, tries: int = 20) -> PhoneServer:
    """Serve ``gate`` on ``host``: ``port`` if free, else the next free one (then any)."""
    last: OSError | None = None
    for candidate in [*range(port, port + tries), 0] if port else [0]:
        try:
            server = PhoneServer(gate, host, candidate)
        except OSError as exc:
            last = exc
            continue
        server.start()
        return server
    raise last or OSError("No free port")
