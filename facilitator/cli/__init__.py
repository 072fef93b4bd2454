"""The command line for headless jobs (Communities Team, CI), sharing code with the window.

Each subcommand is a module in this package with ``register(subparsers)`` that
adds its parser and sets ``func`` to a function ``(args) -> int``. Add a new
subcommand by adding its module name to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from facilitator import APP_NAME, __version__
from facilitator.library import default_library_path
from facilitator.models import ValidationError
from facilitator.store import LibraryError

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS = [
    "demo", "list_cmd", "new_programme_cmd", "new_workshop_cmd", "plan_cmd", "report",
    "export_notes_cmds", "export_cmd", "import_cmd", "import_notes_cmd",
    "search_cmd", "suggest_cmd", "library_cmds", "action_plan_cmd", "priorities_cmd",
    "assets_cmd",
]


def add_library_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--library PATH``, accepted before or after the subcommand."""
    parser.add_argument(
        "--library",
        type=Path,
        # A subcommand's default would overwrite a --library given before it.
        default=None if top_level else argparse.SUPPRESS,
        metavar="PATH",
        help=f"library file to use (default: {default_library_path()})",
    )


def _add_top_level_options(parser: argparse.ArgumentParser) -> None:
    add_library_option(parser, top_level=True)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen on a temporary library, add a workshop and a note "
        "through the window's own code, check they read back, and exit 0 (or print what failed)",
    )
    parser.add_argument(
        "--demo-if-empty",
        action="store_true",
        help="when the library has no programmes yet, add the built-in demo programme first",
    )
    parser.add_argument(
        "--open",
        type=Path,
        action="append",
        default=None,
        metavar="FILE.workshop",
        help="open the window and import this workshop file (what double-clicking a "
        ".workshop file does); a bare FILE.workshop path means the same",
    )


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``with_commands=False`` leaves out the subcommands (and the
    report and import code they import), for opening the window quickly."""
    parser = argparse.ArgumentParser(
        prog="main.py",
        description=(
            f"{APP_NAME} {__version__}: run asset-based community workshops, capture every "
            "sticky note, and export the Summary of Results. With no subcommand, opens the window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _add_top_level_options(parser)
    if with_commands:
        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        for name in COMMANDS:
            importlib.import_module(f"facilitator.cli.{name}").register(sub, add_library_option)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Parse the command line, loading the subcommands only when one (or --help) is asked for."""
    front = argparse.ArgumentParser(prog="main.py", add_help=False)
    _add_top_level_options(front)
    known, rest = front.parse_known_args(argv)
    if not rest:  # only the window's options (the same definitions): parsed already
        known.command = None
        return known
    return build_parser().parse_args(argv)


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; problems become one clear line on stderr and exit status 2."""
    try:
        return int(args.func(args) or 0)
    except (LibraryError, ValidationError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
