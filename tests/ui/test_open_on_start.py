"""Double-clicking a .workshop file: the installer's file association starts the program with
``--open FILE`` (or Windows' "Open with" passes the bare path); the window imports it."""

from __future__ import annotations

import main
from facilitator.cli import parse_args
from tests.ui.transfer.helpers import laptop_file, make_window


def test_the_installers_open_command_parses(awkward_dir):
    path = awkward_dir / "W2 Café.workshop"
    args = parse_args(main.workshop_files_as_open(["--open", str(path)]))
    assert args.command is None and args.open == [path]


def test_a_bare_workshop_path_means_open(awkward_dir):
    library = awkward_dir / "lib é.wfdb"
    path = awkward_dir / "W2 Café.WORKSHOP"
    args = parse_args(main.workshop_files_as_open(["--library", str(library), str(path)]))
    assert args.command is None and args.open == [path] and args.library == library


def test_the_import_subcommand_keeps_its_files(awkward_dir):
    path = str(awkward_dir / "a.workshop")
    assert main.workshop_files_as_open(["import", path]) == ["import", path]


def test_the_window_imports_the_file_it_was_started_with(
    qtbot, context, builtin_formats, awkward_dir
):
    path = laptop_file(builtin_formats, awkward_dir)
    args = parse_args(main.workshop_files_as_open([str(path)]))
    window = make_window(qtbot, context)
    main.open_files_on_start(window, args.open)
    qtbot.waitUntil(lambda: window.transfer.import_run is not None
                    and window.transfer.import_run.done, timeout=10_000)
    assert [s.path.name for s in window.transfer.last_summaries] == [path.name]
    assert len(context.store.workshops()) == 7


def test_a_macos_file_open_event_imports_the_file(
    qtbot, qapp, context, builtin_formats, awkward_dir
):
    from PySide6.QtGui import QFileOpenEvent

    path = laptop_file(builtin_formats, awkward_dir, name="W2 Café.workshop")
    window = make_window(qtbot, context)
    forwarder = main.forward_file_open_events(qapp, window)
    try:
        qapp.sendEvent(qapp, QFileOpenEvent(str(path)))
        qtbot.waitUntil(lambda: window.transfer.import_run is not None
                        and window.transfer.import_run.done, timeout=10_000)
    finally:
        qapp.removeEventFilter(forwarder)
    assert [s.path.name for s in window.transfer.last_summaries] == [path.name]
    assert len(context.store.workshops()) == 7


def installer_script() -> str:
    from pathlib import Path

    root = Path(main.__file__).resolve().parent
    return (root / "packaging" / "windows" / "WorkshopFacilitator.iss").read_text(encoding="utf-8")


def test_every_open_command_the_installer_registers_is_understood(awkward_dir):
    import re

    path = awkward_dir / "W2 Café.workshop"
    commands = re.findall(r'shell\\open\\command".*?ValueData: "(.*?)"; ', installer_script())
    assert len(commands) == 2  # the file type's own, and "Open with"
    for command in commands:
        # Inno's doubled quotes are one quote; Windows puts the file's path for %1.
        line = command.replace('""', '"').replace("%1", str(path))
        argv = re.findall(r'"([^"]*)"|(\S+)', line)
        argv = [quoted or bare for quoted, bare in argv][1:]  # without the program itself
        args = parse_args(main.workshop_files_as_open(argv))
        assert args.command is None and args.open == [path], command


def test_the_uninstaller_leaves_the_library_and_logs():
    import re

    section = installer_script().split("[UninstallDelete]", 1)[1]
    targets = re.findall(r'Name: "([^"]*)"', section)
    assert targets and all(t.startswith("{app}\\") for t in targets)
