"""The user guide's facts against the app: where the files live on Windows, the Redo keys."""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs.windows

from facilitator import APP_NAME, ORG_NAME
from facilitator.library import LIBRARY_FILE_NAME
from tests.ui.test_main_window import make_window

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "user-guide.md"
LOCAL = r"C:\Users\facilitator\AppData\Local"


def windows_row(label: str, page: Path = GUIDE) -> str:
    row = next(line for line in page.read_text(encoding="utf-8").splitlines()
               if line.startswith(f"| {label} |"))
    return re.findall(r"`([^`]*)`", row)[0].replace("%LOCALAPPDATA%", LOCAL)


def windows_dirs(monkeypatch, *args, **kwargs):
    monkeypatch.setattr(platformdirs.windows, "get_win_folder",
                        lambda csidl: LOCAL if csidl == "CSIDL_LOCAL_APPDATA" else "X")
    return platformdirs.windows.Windows(*args, **kwargs)


def test_the_windows_library_and_log_folders_are_where_the_guide_says(monkeypatch):
    # the same calls as facilitator.library.data_dir and facilitator.logs.log_dir
    data = windows_dirs(monkeypatch, APP_NAME, appauthor=False, roaming=False).user_data_dir
    logs = windows_dirs(monkeypatch, APP_NAME, ORG_NAME).user_log_dir
    norm = lambda p: p.replace("/", "\\")  # noqa: E731
    assert windows_row("The library") == norm(f"{data}\\{LIBRARY_FILE_NAME}")
    assert windows_row("The log file") == norm(logs)
    packaging = GUIDE.parents[1] / "packaging" / "README.md"
    assert windows_row("The library", packaging) == norm(f"{data}\\{LIBRARY_FILE_NAME}")
    assert windows_row("Logs", packaging) == norm(logs)


def test_the_guides_redo_keys_are_the_main_windows(qtbot, context):
    window = make_window(qtbot, context)
    redo = next(a for a in window.menus["edit"].actions() if a.text() == "&Redo")
    keys = [k.toString() for k in redo.shortcuts()]
    row = next(line for line in GUIDE.read_text(encoding="utf-8").splitlines()
               if line.startswith("| Edit | Redo |"))
    assert all(key in row for key in keys), (keys, row)


def test_the_guide_says_cancel_does_not_undo_another_library(
    qtbot, disk_context, settings, dialogs, awkward_dir, builtin_formats
):
    from facilitator.library import open_library
    from ui.preferences.dialog import PreferencesDialog

    other = awkward_dir / "Backup é.wfdb"
    open_library(other, builtin_formats).close()
    dialog = PreferencesDialog(disk_context)
    qtbot.addWidget(dialog)
    dialogs.file_answers.append(other)
    dialog.use_existing_button.click()
    dialog.reject()
    assert settings.library_path == other  # Cancel did not take it back...
    settings_section = GUIDE.read_text(encoding="utf-8").split("## Settings", 1)[1]
    assert "Cancel does\nnot take them back" in settings_section  # ...and the guide says so
