"""A second copy of the app hands its files to the one already open on the same library.

Unit tests of the hand-over (name, protocol, a crashed copy's socket, a hung copy) here;
two real processes in ``test_second_copy.py``."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket

from ui.single_instance import Answer, HandoverServer, hand_over, server_name

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


def test_files_from_a_second_copy_are_imported_and_the_window_comes_forward(
        qtbot, context, builtin_formats, awkward_dir):
    import main
    from tests.ui.transfer.helpers import laptop_file, make_window

    path = laptop_file(builtin_formats, awkward_dir)
    window = make_window(qtbot, context)
    window.showMinimized()
    server = main.listen_for_second_copies(window, awkward_dir / f"lib {time.monotonic_ns()}.wfdb")
    assert server is not None
    try:
        server.files_received.emit([str(path)])
        qtbot.waitUntil(lambda: window.transfer.import_run is not None
                        and window.transfer.import_run.done, timeout=10_000)
        assert len(context.store.workshops()) == 7
        assert not window.isMinimized() and window.isVisible()
    finally:
        server.close()
