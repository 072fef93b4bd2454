"""One copy of the app per library: a second start hands its files to the first and exits.

Double-clicking a ``.workshop`` file (or starting the app again) while the app is already
open on the same library would otherwise start a second process writing to the same file.
Instead the new process connects to a ``QLocalServer`` whose name is derived from the
resolved library path (and the user), sends the files to import as one JSON line, waits for
``ok`` and exits; the running copy brings its window forward and imports them.

Every start first takes the library's lock file (``claim``: a ``QLockFile`` in the temporary
folder, named as the server), before it opens the library. The copy that gets it is the only
one: it needs no connection (QtNetwork is not even loaded before its first frame) and listens
once its window is painted. A start that finds the lock held by a running copy connects, and
waits for it to listen (it may still be starting) up to ``TIMEOUT_MS``.

- no copy running: the lock is free (one left by a copy that crashed names a process that
  is gone, and is taken over; so is its socket, with ``QLocalServer.removeServer``);
- the lock cannot be taken at all (a temporary folder that cannot be written): the start
  connects, as if there were no lock, and a refused connection means no copy runs;
- a copy that holds the lock but does not listen, or accepts but does not answer, within
  ``TIMEOUT_MS`` (hung): the new copy starts on its own rather than leave the user with
  nothing, and does not take the name over.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, QLockFile, QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

#: How long a new copy waits for the running one to answer.
TIMEOUT_MS = 5000
#: A hand-over message is a list of paths: anything longer is not ours.
MAX_MESSAGE = 256 * 1024


class Answer(Enum):
    HANDED_OVER = "handed over"  # the running copy took the files: exit
    NO_ONE = "no one"  # no copy runs on this library: start, and listen
    NOT_ANSWERING = "not answering"  # a copy is there but hung: start, do not listen


def _user() -> str:
    """The user's name, as ``getpass.getuser`` finds it (which imports termios, ~1 ms)."""
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):  # as getpass.getuser looks
        if os.environ.get(variable):
            return os.environ[variable]
    try:  # then, as it does, the password database (there is none on Windows)
        import pwd

        return pwd.getpwuid(os.getuid())[0]
    except Exception:  # noqa: BLE001 - no user name (a service account): one name will do
        return ""


def server_name(library_path: Path | str) -> str:
    """The hand-over name for a library: the same for every way of naming the same file."""
    try:
        key = str(Path(library_path).expanduser().resolve())
    except OSError:
        key = str(Path(library_path).absolute())
    if sys.platform in ("win32", "darwin"):  # case-insensitive file systems
        key = key.casefold()
    # SHA-256, by Qt's QtCore (hashlib would load OpenSSL, ~3 ms, before the first frame).
    hexed = QCryptographicHash.hash(f"{_user()}\0{key}".encode(),
                                    QCryptographicHash.Algorithm.Sha256).toHex()
    digest = bytes(hexed.data()).decode("ascii")[:24]
    return f"WorkshopFacilitator-{digest}"


#: The locks this process holds (``claim``), by name, kept until it stops.
_held: dict[str, QLockFile] = {}


def lock_path(name: str) -> Path:
    """The lock file of the library named ``name``: in the user's temporary folder (as
    Python finds it; QDir would cost start-up ~1 ms of PySide types)."""
    return Path(tempfile.gettempdir()) / f"{name}.lock"


def claim(name: str) -> bool | None:
    """Take the lock of the library named ``name`` for this process: True if taken (no other
    copy runs on it), False if a running copy holds it, None if it cannot be taken at all."""
    if name in _held:
        return True
    lock = QLockFile(str(lock_path(name)))
    lock.setStaleLockTime(0)  # held as long as its process runs (a dead one's is taken over)
    if lock.tryLock(0):
        _held[name] = lock
        return True
    if lock.error() == QLockFile.LockError.LockFailedError:
        return False
    log.warning("cannot take the library's lock file (%s): asking for a copy instead",
                lock.error().name)
    return None


def release() -> None:
    """Let go of the locks taken by ``claim`` (the app is stopping)."""
    while _held:
        _held.popitem()[1].unlock()


def hand_over(name: str, files: list[Path | str], timeout_ms: int = TIMEOUT_MS) -> Answer:
    """Offer ``files`` to a copy of the app running on ``name``'s library, if there is one.
    ``NO_ONE`` at once if this process takes the library's lock (nothing else is asked)."""
    held = claim(name)
    if held:
        return Answer.NO_ONE
    socket = _connect(name, timeout_ms, wait=held is False)
    if socket is None:
        if held is None or name in _held:  # no lock to go by, or let go of and taken here
            return Answer.NO_ONE
        log.warning("a copy of the app holds this library's lock but did not listen")
        return Answer.NOT_ANSWERING
    paths = [str(Path(f).expanduser().absolute()) for f in files]
    socket.write(json.dumps({"open": paths}).encode("utf-8") + b"\n")
    socket.flush()
    reply = b""
    while b"\n" not in reply:
        if not socket.waitForReadyRead(timeout_ms):
            log.warning("a copy of the app is open on this library but did not answer")
            socket.abort()
            return Answer.NOT_ANSWERING
        reply += socket.readAll().data()
    socket.disconnectFromServer()
    if reply.strip() == b"ok":
        log.info("handed %d file(s) over to the copy already open on this library", len(paths))
        return Answer.HANDED_OVER
    return Answer.NOT_ANSWERING


def _connect(name: str, timeout_ms: int, wait: bool) -> QLocalSocket | None:
    """A connection to the copy listening on ``name``, or None. ``wait``: a running copy
    holds the lock, so try again until it listens (it may still be starting its window),
    lets the lock go (then taken here) or ``timeout_ms`` has passed."""
    from PySide6.QtNetwork import QLocalSocket

    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(timeout_ms):
            return socket
        if not wait or time.monotonic() >= deadline or claim(name):
            return None
        time.sleep(0.05)


class HandoverServer(QObject):
    """Listens for second copies; ``files_received`` carries the paths (maybe none)."""

    files_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer  # (after the first frame: see the top)

        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[int, bytes] = {}
        self._sockets: dict[int, QLocalSocket] = {}

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        # A copy that crashed left its socket file behind: nobody answered, so remove it.
        self.server.removeServer(self.name)
        if self.server.listen(self.name):
            log.info("removed a stale hand-over socket left by a copy that did not close")
            return True
        log.warning("cannot listen for second copies: %s", self.server.errorString())
        return False

    def close(self) -> None:
        for socket in list(self._sockets.values()):
            socket.abort()
        self._sockets.clear()
        self.server.close()

    def _on_new_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.setParent(self)
            self._sockets[id(socket)] = socket
            self._buffers[id(socket)] = b""
            # Bound methods of this object (not lambdas): Qt drops them when it goes.
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)

    @Slot()
    def _on_disconnected(self) -> None:
        socket = self.sender()
        if socket is not None:
            self._buffers.pop(id(socket), None)
            if self._sockets.pop(id(socket), None) is not None:
                socket.deleteLater()

    @Slot()
    def _on_ready_read(self) -> None:
        socket = self._sockets.get(id(self.sender()))
        if socket is None:
            return
        data = self._buffers.get(id(socket), b"") + socket.readAll().data()
        if len(data) > MAX_MESSAGE:
            socket.abort()
            return
        if b"\n" not in data:
            self._buffers[id(socket)] = data
            return
        self._buffers[id(socket)] = b""
        line = data.split(b"\n", 1)[0]
        try:
            message = json.loads(line.decode("utf-8"))
            files = [str(p) for p in message.get("open", []) if isinstance(p, str)]
        except (ValueError, AttributeError):
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.files_received.emit(files)


def bring_forward(window) -> None:
    """Show the running window in front of the others (un-minimised)."""
    from PySide6.QtCore import Qt

    if window.windowState() & Qt.WindowState.WindowMinimized:
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
