"""Two real copies of the app, offscreen: the second start on the same library hands its
``.workshop`` file to the first and exits; after the first is killed (its socket left
behind), the next start removes the stale socket and takes over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from facilitator.store import Store
from tests.ui.transfer.helpers import laptop_file
from ui.single_instance import server_name

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "main.py")


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"),
               XDG_CACHE_HOME=str(home / "cache"), QT_QPA_PLATFORM="offscreen")
    return env


def _listening(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    ok = probe.waitForConnected(200)
    probe.abort()
    return ok


def _start(library: Path, env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, MAIN, "--library", str(library)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _workshops(library: Path) -> int:
    store = Store.open(library, create=False)
    try:
        return len(store.workshops())
    finally:
        store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and a left-over socket are Unix")
def test_a_second_start_hands_over_and_a_crashed_copys_socket_is_taken_over(
        qtbot, tmp_path, builtin_formats, awkward_dir):
    env = _env(tmp_path / "home")
    library = awkward_dir / "Shared library.wfdb"
    name = server_name(library)
    workshop_file = laptop_file(builtin_formats, awkward_dir, name="W2 Café.workshop")
    started: list[subprocess.Popen] = []
    try:
        first = _start(library, env)
        started.append(first)
        qtbot.waitUntil(lambda: _listening(name) or first.poll() is not None, timeout=60_000)
        assert first.poll() is None, first.stderr.read().decode()

        # Double-clicking the file: a second process starts, hands the file over, exits.
        second = subprocess.run([sys.executable, MAIN, "--library", str(library),
                                 str(workshop_file)], env=env, capture_output=True,
                                timeout=60)
        assert second.returncode == 0, second.stderr.decode()
        qtbot.waitUntil(lambda: _workshops(library) == 7, timeout=60_000)  # the first imported
        assert first.poll() is None

        first.send_signal(signal.SIGKILL)  # a crash: its socket file stays behind
        first.wait(30)
        third = _start(library, env)
        started.append(third)
        qtbot.waitUntil(lambda: _listening(name) or third.poll() is not None, timeout=60_000)
        assert third.poll() is None, third.stderr.read().decode()

        fourth = subprocess.run([sys.executable, MAIN, "--library", str(library)], env=env,
                                capture_output=True, timeout=60)
        assert fourth.returncode == 0, fourth.stderr.decode()
        assert third.poll() is None  # still the one copy on this library
    finally:
        for process in started:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(30)
            process.stderr.close()
