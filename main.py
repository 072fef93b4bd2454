"""Workshop Facilitator: start the window, or run a headless subcommand.

    python main.py                      open the window (demo offered on first start)
    python main.py --library PATH       open a particular library file
    python main.py demo|list|... --help the headless jobs
    python main.py --self-test          check the window works, offscreen
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from facilitator.cli import parse_args, run

    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.self_test:
        from ui.self_test import run_self_test

        return run_self_test()
    if args.command:
        return run(args)
    return start_window(args)


def start_window(args) -> int:
    from facilitator.library import default_library_path, open_library
    from facilitator.logs import setup_logging
    from facilitator.store import LibraryError
    from ui.app import apply_text_scale, create_application
    from ui.context import AppContext
    from ui.crash import install_excepthook
    from ui.dialogs import Dialogs
    from ui.main_window import MainWindow
    from ui.settings import Settings

    setup_logging()
    app = create_application([sys.argv[0]])
    settings = Settings()
    dialogs = Dialogs()
    path = args.library or settings.library_path or default_library_path()
    try:
        library = open_library(path)
    except LibraryError as exc:
        dialogs.error(None, "Cannot open the library", str(exc))
        return 2
    if args.demo_if_empty and library.is_empty():
        from facilitator.demo import load_demo

        load_demo(library.store)
    apply_text_scale(app, settings.text_scale)
    context = AppContext(library=library, settings=settings, dialogs=dialogs)
    install_excepthook(context)
    window = MainWindow(context)
    window.show()
    try:
        return app.exec()
    finally:
        library.close()


if __name__ == "__main__":
    sys.exit(main())
