"""The log file: where it is, that it rotates, and that a read-only folder does not stop the app."""

from __future__ import annotations

import logging
import os
import sys

import pytest

from facilitator import logs


@pytest.fixture(autouse=True)
def restore_root_logger():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_log_dir_is_the_platforms_per_user_log_folder():
    assert "Workshop Facilitator" in str(logs.log_dir())
    assert logs.log_file_path().name == "workshop-facilitator.log"


def test_setup_logging_writes_to_a_file_in_an_awkward_folder(awkward_dir):
    path = logs.setup_logging(awkward_dir / "logs")
    logging.getLogger("ui.test").warning("Export failed for W2 ✓")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path == awkward_dir / "logs" / "workshop-facilitator.log"
    assert logs.current_log_file() == path
    text = path.read_text(encoding="utf-8")
    assert "Workshop Facilitator 0" in text and "started" in text
    assert "WARNING ui.test: Export failed for W2 ✓" in text


def test_calling_twice_keeps_one_file_handler(tmp_path):
    logs.setup_logging(tmp_path / "a")
    second = logs.setup_logging(tmp_path / "b")
    ours = [h for h in logging.getLogger().handlers if h.get_name() == logs.HANDLER_NAME]
    assert len(ours) == 1
    assert logs.current_log_file() == second


def test_the_log_rotates_and_keeps_a_few_old_files(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.setup_logging(tmp_path)
    log = logging.getLogger("facilitator.test")
    for number in range(400):
        log.info("line %d %s", number, "x" * 40)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "workshop-facilitator.log.1" in files
    assert len(files) == logs.BACKUP_COUNT + 1
    assert path.stat().st_size <= 2_000 + 200


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_falls_back_to_stderr(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert logs.setup_logging(locked / "logs") is None
    finally:
        locked.chmod(0o700)


def test_folder_that_is_a_file_falls_back_to_stderr(tmp_path):
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    assert logs.setup_logging(blocker) is None
    assert logs.current_log_file() is None
