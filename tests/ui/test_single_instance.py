"""A second copy of the app hands its files to the one already open on the same library.

Unit tests of the hand-over (name, protocol, a crashed copy's socket, a hung copy) here;
two real processes in ``test_second_copy.py``."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QLockFile
from PySide6.QtNetwork import QLocalSocket

from ui.single_instance import (
    Answer,
    HandoverServer,
    claim,
    hand_over,
    lock_path,
    release,
    server_name,
)

unix_only = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets stand in here")


def test_one_library_has_one_name_however_it_is_spelt(tmp_path, monkeypatch):
    library = tmp_path / "Área" / "My library.wfdb"
    library.parent.mkdir()
    monkeypatch.chdir(tmp_path)
    same = [library, Path("Área/My library.wfdb"), tmp_path / "Área" / ".." / "Área" /
            "My library.wfdb"]
    assert len({server_name(p) for p in same}) == 1
    assert server_name(tmp_path / "Other.wfdb") != server_name(library)
    assert len(str(Path(QDir.tempPath()) / server_name(library))) < 100  # a Unix socket path


def _unique_name(tmp_path) -> str:
    return server_name(tmp_path / f"lib {time.monotonic_ns()}.wfdb")


@pytest.fixture(autouse=True)
def _release_locks():
    yield
    release()  # what each test's hand_over took, as the app lets go when it stops


def _held_by_another_copy(name: str) -> QLockFile:
    """The library's lock, as a running copy holds it (held here: this process is running,
    so ``claim`` cannot take it over)."""
    lock = QLockFile(str(lock_path(name)))
    lock.setStaleLockTime(0)
    assert lock.tryLock(0)
    return lock


def test_no_copy_running_means_no_one_at_once(qapp, tmp_path):
    start = time.monotonic()
    assert hand_over(_unique_name(tmp_path), []) is Answer.NO_ONE
    assert time.monotonic() - start < 2


def test_the_running_copy_answers_ok_and_receives_the_files(qtbot, tmp_path):
    name = _unique_name(tmp_path)
    server = HandoverServer(name)
    assert server.listen()
    try:
        client = QLocalSocket()
        client.connectToServer(name)
        qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.ConnectedState)
        with qtbot.waitSignal(server.files_received) as received:
            client.write(b'{"open": ["/tmp/W2 Caf\\u00e9.workshop"]}\n')
            client.flush()
        assert received.args == [["/tmp/W2 Café.workshop"]]
        qtbot.waitUntil(lambda: client.bytesAvailable() > 0)
        assert bytes(client.readAll()) == b"ok\n"
    finally:
        server.close()


def test_a_garbled_message_is_dropped(qtbot, tmp_path):
    name = _unique_name(tmp_path)
    server = HandoverServer(name)
    assert server.listen()
    heard = []
    server.files_received.connect(heard.append)
    try:
        client = QLocalSocket()
        client.connectToServer(name)
        qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.ConnectedState)
        client.write(b"not json at all\n")
        client.flush()
        qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState)
        assert heard == []
    finally:
        server.close()


@unix_only
def test_a_crashed_copys_socket_is_removed_and_the_new_copy_listens(qapp, tmp_path):
    name = _unique_name(tmp_path)
    path = Path(QDir.tempPath()) / name
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))  # bound, never listening: what a killed copy leaves behind
    stale.close()
    try:
        assert path.exists()
        assert hand_over(name, []) is Answer.NO_ONE
        server = HandoverServer(name)
        assert server.listen()
        server.close()
    finally:
        path.unlink(missing_ok=True)


@unix_only
def test_a_copy_that_does_not_answer_times_out(qapp, tmp_path):
    name = _unique_name(tmp_path)
    lock = _held_by_another_copy(name)
    path = Path(QDir.tempPath()) / name
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    hung.bind(str(path))
    hung.listen(1)  # accepts connections (the kernel does), never answers
    try:
        start = time.monotonic()
        assert hand_over(name, [], timeout_ms=300) is Answer.NOT_ANSWERING
        assert time.monotonic() - start < 3
    finally:
        hung.close()
        path.unlink(missing_ok=True)
        lock.unlock()


def test_the_first_copy_takes_the_lock_and_asks_no_one(qapp, tmp_path):
    """No copy runs: the start takes the library's lock and connects to nothing (QtNetwork
    waits for the first frame); a second start then finds the lock held."""
    name = _unique_name(tmp_path)
    assert hand_over(name, []) is Answer.NO_ONE
    lock = QLockFile(str(lock_path(name)))
    lock.setStaleLockTime(0)
    assert not lock.tryLock(0)
    assert lock.error() == QLockFile.LockError.LockFailedError
    release()
    assert lock.tryLock(0)  # let go when the app stops
    lock.unlock()


def test_a_copy_holding_the_lock_but_not_listening_is_waited_for_then_left(qapp, tmp_path):
    name = _unique_name(tmp_path)
    lock = _held_by_another_copy(name)
    try:
        assert claim(name) is False
        start = time.monotonic()
        assert hand_over(name, [], timeout_ms=600) is Answer.NOT_ANSWERING
        assert 0.5 < time.monotonic() - start < 5  # it waited for the copy to listen
    finally:
        lock.unlock()


def test_a_lock_let_go_while_waiting_is_taken(qapp, tmp_path):
    """The copy holding the lock stops while a second start waits: that start is the one."""
    name = _unique_name(tmp_path)
    lock = _held_by_another_copy(name)
    stop = threading.Timer(0.3, lock.unlock)
    stop.start()
    try:
        assert hand_over(name, [], timeout_ms=5000) is Answer.NO_ONE
        assert claim(name) is True  # held by this process now
    finally:
        stop.join()


#: The first copy, still starting: it listens only after a while, then answers ``ok``.
LISTENS_LATE = """
import socket, sys, time
time.sleep(0.4)
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(sys.argv[1])
server.listen(1)
connection, _ = server.accept()
data = b""
while b"\\n" not in data:
    data += connection.recv(4096)
connection.sendall(b"ok\\n")
print(data.decode())
"""


@unix_only
def test_a_copy_still_starting_gets_the_files_once_it_listens(qapp, tmp_path):
    """The first copy holds the lock but listens only after its first frame: a second start
    in between waits for it and hands its files over, rather than opening the library too."""
    name = _unique_name(tmp_path)
    lock = _held_by_another_copy(name)
    path = Path(QDir.tempPath()) / name
    first = subprocess.Popen([sys.executable, "-c", LISTENS_LATE, str(path)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert hand_over(name, [tmp_path / "W2.workshop"]) is Answer.HANDED_OVER
        assert "W2.workshop" in first.communicate(timeout=30)[0]
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(30)
        path.unlink(missing_ok=True)
        lock.unlock()
