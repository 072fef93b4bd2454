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
