"""Workshop Facilitator: start the window, or run a headless subcommand.

    python main.py                      open the window (demo offered on first start)
    python main.py --library PATH       open a particular library file
    python main.py FILE.workshop        open the window and import a workshop file (handed
                                        to the copy already open on that library, if any)
    python main.py demo|list|... --help the headless jobs
    python main.py --self-test          check the window works, offscreen
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from facilitator.cli import parse_args, run

    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(workshop_files_as_open(argv))
    if args.self_test:
        from ui.self_test import run_self_test

        return run_self_test()
    if args.command:
        return run(args)
    return start_window(args)


WORKSHOP_SUFFIX = ".workshop"


def workshop_files_as_open(argv: list[str]) -> list[str]:
    """``main.py FILE.workshop`` (Windows' "Open with", a file dropped on the program's icon)
    means ``main.py --open FILE.workshop``; a subcommand's own arguments are left alone."""
    values = [a for i, a in enumerate(argv)
              if not a.startswith("-") and (i == 0 or argv[i - 1] not in ("--library", "--open"))]
    if not values or not values[0].lower().endswith(WORKSHOP_SUFFIX):
        return argv  # no file, or a subcommand (import, report...) comes first
    out: list[str] = []
    for arg in argv:
        if not arg.startswith("-") and arg.lower().endswith(WORKSHOP_SUFFIX) and (
            not out or out[-1] not in ("--open", "--library")
        ):
            out.append("--open")
        out.append(arg)
    return out


def open_files_on_start(window, paths) -> None:
    """Import the workshop files the program was started with, once the window is up."""
    from PySide6.QtCore import QTimer

    def import_files() -> None:
        window.install_features()  # (if the first frame has not come yet: ui.window_features)
        window.transfer.import_files(list(paths))

    if paths:
        QTimer.singleShot(0, window, import_files)


def forward_file_open_events(app, window):
    """macOS hands a double-clicked .workshop file to the running app as a FileOpen event,
    not on the command line: import it like a dropped file. Returns the filter."""
    from pathlib import Path

    from PySide6.QtCore import QEvent, QObject

    class FileOpenForwarder(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.FileOpen and event.file():
                path = Path(event.file())
                if path.suffix.lower() == WORKSHOP_SUFFIX:
                    open_files_on_start(window, [path])
                    return True
            return False

    forwarder = FileOpenForwarder(window)
    app.installEventFilter(forwarder)
    return forwarder


def library_to_open(args, settings, dialogs):
    """The library file to open: ``--library``, else the one chosen in Settings, else the usual
    place. A chosen library that is not there (a USB stick or network drive not plugged in) is
    never silently replaced by a new empty one: the user is asked, and None means stop."""
    from facilitator.library import default_library_path

    default = default_library_path()
    if args.library:
        return args.library
    chosen = settings.library_path
    if not chosen or chosen.is_file() or chosen == default:
        return chosen or default
    if dialogs.confirm(
        None,
        "Library not found",
        f"The library chosen in Settings is not at\n{chosen}\n\nIf it is on a USB stick or a "
        "network drive, choose No, plug it in or connect, and start the app again.\n\n"
        f"Choose Yes to use the library in the usual place for now:\n{default}\n\n"
        "Nothing is deleted. File ▸ Settings ▸ Use another library file changes this for good.",
    ):
        return default
    return None


def open_chosen_library(args, settings, dialogs, path=None):
    """Open the library to use (``path``, else :func:`library_to_open`), or say why not (None).

    A library that cannot be written or is locked (a read-only file, folder or drive, a share
    refusing locks, another program) is offered read-only; one holding something this app
    never makes is offered a repair, then read-only. Otherwise a library chosen in Settings
    that cannot be opened (damaged, from a newer version, not a library) leaves the choice of
    the usual library for now, so the app can still start and Settings can be changed."""
    from facilitator.library import default_library_path, open_library
    from facilitator.store import LibraryError

    path = path or library_to_open(args, settings, dialogs)
    if path is None:
        return None
    try:
        return open_library(path)
    except LibraryError as exc:
        problem = exc
    library, problem = offer_read_only_or_repair(path, problem, dialogs)
    if library is not None:
        return library
    default = default_library_path()
    if args.library or path == default:
        dialogs.error(None, "Cannot open the library", str(problem))
        return None
    if not dialogs.confirm(
        None,
        "Cannot open the library",
        f"{problem}\n\nChoose Yes to use the library in the usual place for now:\n{default}\n\n"
        f"Nothing is deleted. The library chosen in Settings stays at\n{path}",
    ):
        return None
    try:
        return open_library(default)
    except LibraryError as exc:
        dialogs.error(None, "Cannot open the library", str(exc))
        return None


def hand_over_to_running_copy(path, files) -> bool:
    """True if a copy of the app already open on the library ``path`` took ``files`` (and
    came forward): this process then has nothing more to do. Otherwise this process holds
    the library's lock, if it could be taken (see ui.single_instance)."""
    from ui.single_instance import Answer, hand_over, server_name

    return hand_over(server_name(path), list(files or [])) is Answer.HANDED_OVER


def listen_after_first_frame(window, path, servers: list) -> None:
    """Listen for second copies (``listen_for_second_copies``, its server added to
    ``servers``) once the window has painted, or after a second if it is not painted (started
    minimised): a second copy finds the library's lock taken and waits for it."""
    from PySide6.QtCore import QTimer

    def listen() -> None:
        if not servers:
            servers.append(listen_for_second_copies(window, path))

    window.first_painted.connect(listen)
    QTimer.singleShot(1000, window, listen)


def listen_for_second_copies(window, path):
    """Let a later start on the same library hand its files to ``window``. Returns the
    server (None if it cannot listen: the app works on without it)."""
    from ui.single_instance import HandoverServer, bring_forward, server_name

    server = HandoverServer(server_name(path), window)
    if not server.listen():
        return None

    def received(paths):
        bring_forward(window)
        open_files_on_start(window, paths)

    server.files_received.connect(received)
    return server


def offer_read_only_or_repair(path, problem, dialogs):
    """For a library that can still be read: offer a repair (for one holding something this
    app never makes), then opening it read-only. Returns (library or None, the problem to
    report if neither was chosen or possible)."""
    from facilitator.library import open_library
    from facilitator.store import LibraryError, Store, UnexpectedSchemaError

    if not getattr(problem, "can_open_read_only", False):
        return None, problem
    if isinstance(problem, UnexpectedSchemaError) and dialogs.confirm(
        None,
        "Repair the library?",
        f"{problem}\n\nChoose Yes to repair it: a fresh library is made beside it with "
        "its programmes, workshops, notes and photos, and opened. Choose No for other choices.",
    ):
        try:
            repaired = Store.repair(path)
            library = open_library(repaired)
        except LibraryError as exc:
            return None, exc
        dialogs.info(
            None,
            "Library repaired",
            f"The repaired library is\n{repaired}\n\nThe original is unchanged at\n{path}\n\n"
            "To keep using the repaired one after today, choose it in File ▸ Settings ▸ "
            "Use another library file.",
        )
        return library, problem
    if not dialogs.confirm(
        None,
        "Open the library read-only?",
        f"{problem}\n\nChoose Yes to open it read-only: you can look at it, search it and "
        "export from it, but nothing can be changed. Choose No to use another library.",
    ):
        return None, problem
    try:
        return open_library(path, create=False, read_only=True, reason=problem.reason), problem
    except LibraryError as exc:
        return None, exc


def start_window(args) -> int:
    from facilitator.logs import setup_logging
    from ui.app import create_application
    from ui.dialogs import Dialogs
    from ui.settings import Settings

    setup_logging()
    app = create_application([sys.argv[0]])
    settings = Settings()
    dialogs = Dialogs()
    path = library_to_open(args, settings, dialogs)
    if path is None:
        return 2
    if hand_over_to_running_copy(path, getattr(args, "open", None)):
        return 0  # the copy already open on this library came forward with the files
    try:
        return run_window(args, app, settings, dialogs, path)
    finally:
        from ui.single_instance import release

        release()  # the library's lock, last: a next start may open it now


def run_window(args, app, settings, dialogs, path) -> int:
    """Open the library at ``path`` (this process holds its lock) and run the window."""
    from ui.context import AppContext
    from ui.crash import install_excepthook
    from ui.main_window import MainWindow

    try:
        library = open_chosen_library(args, settings, dialogs, path)
    except Exception as exc:  # noqa: BLE001 - the windowed build has no console: say it
        import logging

        logging.getLogger(__name__).exception("the library could not be opened")
        dialogs.error(None, "Cannot open the library", f"The library could not be opened: {exc}")
        return 2
    if library is None:
        return 2
    if library.path:  # (the usual library, opened instead of a chosen one, is locked too)
        from ui.single_instance import claim, server_name

        claim(server_name(library.path))
    if args.demo_if_empty and library.is_empty() and not library.store.read_only:
        from facilitator.demo import load_demo

        load_demo(library.store, sessions=True)
    from ui.app import apply_text_scale

    apply_text_scale(app, settings.text_scale)
    context = AppContext(library=library, settings=settings, dialogs=dialogs)
    install_excepthook(context)
    # The menus' entries and the features behind them come just after the first frame.
    window = MainWindow(context, features_after_first_frame=True)
    window.show()
    servers: list = []
    if library.path:
        listen_after_first_frame(window, library.path, servers)
    open_files_on_start(window, getattr(args, "open", None))
    if sys.platform == "darwin":
        # Only macOS sends FileOpen events. Elsewhere the filter, which sees every event of
        # every widget, would only cost: a Python call per event, and at start the time
        # PySide builds the types of the widgets it is shown.
        forward_file_open_events(app, window)
    try:
        return app.exec()
    finally:
        for server in servers:
            if server is not None:
                server.close()
        library.close()


if __name__ == "__main__":
    sys.exit(main())
