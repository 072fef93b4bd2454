"""The action plan from the command line: a programme's strategic priorities (``priorities``,
``add-priority``, ``rename-priority``, ``move-priority``, ``delete-priority``) and its actions
(``actions``, ``add-action``). A priority is named by its number as listed (1, 2, 3 …), the
order the strategy and Appendix A give them. Each change is one transaction through
``facilitator.store.action_plan``, the same code the action plan window's commands run."""

from __future__ import annotations

import sys

from facilitator.cli.common import run_on_library
from facilitator.names import counted
from facilitator.store import LibraryError

PROGRAMME_HELP = "the programme's title, in quotes (see: main.py list)"


def register(sub, add_library_option) -> None:
    def command(name, help, description, epilog, func):
        parser = sub.add_parser(name, help=help, description=description, epilog=epilog)
        add_library_option(parser)
        parser.add_argument("--programme", required=True, metavar="TITLE", help=PROGRAMME_HELP)
        parser.set_defaults(func=func)
        return parser

    for add in (_list_priorities, _add_priority, _rename_priority, _move_priority,
                _delete_priority, _list_actions, _add_action):
        add(command)


# ---------------------------------------------------------- the sub-commands
# Each adds its parser with ``command(name, help, description, epilog, func)`` (which gives
# it --library and --programme) and then its own options.
def _list_priorities(command) -> None:
    command(
        "priorities", "list a programme's strategic priorities, numbered, with their actions",
        "List the programme's strategic priorities in order, numbered as the action plan and "
        "Appendix A number them, each with how many actions it holds; then how many actions "
        "are not yet under a priority.",
        'example: main.py priorities --programme "Rutland 2026"',
        run_list,
    )


def _add_priority(command) -> None:
    p = command(
        "add-priority", "add a strategic priority (at the end, or at --position)",
        "Add a strategic priority to the programme, at the end of the list or at the place "
        "--position gives (the ones after it move down one).",
        'example: main.py add-priority --programme "Rutland 2026" --text "Building the '
        'capacity and resilience of local communities"',
        run_add,
    )
    p.add_argument("--text", required=True, metavar="WORDS", help="the priority's words")
    p.add_argument("--position", type=int, metavar="N", help="its number in the list")


def _rename_priority(command) -> None:
    p = command(
        "rename-priority", "change a strategic priority's words",
        "Give priority number --number new words (its actions stay under it).",
        'example: main.py rename-priority --programme "Rutland 2026" --number 2 --text "..."',
        run_rename,
    )
    p.add_argument("--number", required=True, type=int, metavar="N", help="as listed")
    p.add_argument("--text", required=True, metavar="WORDS", help="the new words")


def _move_priority(command) -> None:
    p = command(
        "move-priority", "reorder the strategic priorities",
        "Move priority number --number to place --to; the others keep their order around it.",
        'example: main.py move-priority --programme "Rutland 2026" --number 3 --to 1',
        run_move,
    )
    p.add_argument("--number", required=True, type=int, metavar="N", help="as listed")
    p.add_argument("--to", required=True, type=int, metavar="M", help="its new number")


def _delete_priority(command) -> None:
    p = command(
        "delete-priority", "delete a strategic priority (its actions stay, under none)",
        "Delete priority number --number. Its actions are kept and listed as not yet under a "
        "priority until you give them one.",
        'example: main.py delete-priority --programme "Rutland 2026" --number 3',
        run_delete,
    )
    p.add_argument("--number", required=True, type=int, metavar="N", help="as listed")


def _list_actions(command) -> None:
    command(
        "actions", "list a programme's actions under its priorities",
        "List the action plan as text: each priority in order with its actions (status, lead, "
        "partners, timescale, measure of success), then the actions not yet under a priority. "
        "A lead or partners that looks like a private person's contact details (the report's "
        "personal-data check) is listed as a warning on stderr.",
        'example: main.py actions --programme "Rutland 2026"',
        run_actions,
    )


def _add_action(command) -> None:
    p = command(
        "add-action", "add an action to the action plan",
        "Write an action that did not come from a note (notes and themes are promoted in the "
        "window). It starts as 'proposed' unless --status says otherwise. A lead or partners "
        "that looks like a private person's contact details is added, with a warning: give a "
        "role or an organisation instead.",
        'example: main.py add-action --programme "Rutland 2026" --priority 1 --text '
        '"A directory of clubs" --lead "Communities Team" --timescale "Q3 2015"',
        run_add_action,
    )
    p.add_argument("--text", required=True, metavar="WORDS", help="what will be done")
    p.add_argument("--priority", type=int, metavar="N", help="under priority number N")
    p.add_argument("--support-area", default="", metavar="TEXT")
    p.add_argument("--lead", default="", metavar="TEXT", help="a role or an organisation")
    p.add_argument("--partners", default="", metavar="TEXT", help="roles or organisations")
    p.add_argument("--timescale", default="", metavar="Q3 2015|30/09/2015",
                   help="a quarter or a date")
    p.add_argument("--measure", default="", metavar="TEXT", help="the measure of success")
    p.add_argument("--status", default="proposed",
                   choices=("proposed", "agreed", "in progress", "done", "dropped"))


# ----------------------------------------------------------------- helpers
def _on_programme(args, work, *, reading: bool = False) -> int:
    from facilitator.selection import find_programme

    def run(library) -> int:
        return work(library.store, find_programme(library.store, args.programme))

    return run_on_library(args, run, reading=reading)


def _numbered(store, programme, number: int):
    from facilitator.store import action_plan as plan

    priorities = plan.priorities(store, programme.id)
    if not 1 <= number <= len(priorities):
        raise LibraryError(
            f"{programme.title!r} has no priority {number}: it has "
            f"{counted(len(priorities), 'priority', 'priorities')} (see main.py priorities).")
    return priorities, priorities[number - 1]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- commands
def run_list(args) -> int:
    from facilitator.store import action_plan as plan

    def work(store, programme) -> int:
        priorities = plan.priorities(store, programme.id)
        actions = plan.actions(store, programme.id)
        known = {p.id for p in priorities}
        if not priorities:
            print(f"{programme.title!r} has no strategic priorities yet "
                  "(main.py add-priority adds one).")
        for number, priority in enumerate(priorities, 1):
            count = sum(1 for a in actions if a.priority_id == priority.id)
            print(f"{number}. {priority.text} ({counted(count, 'action')})")
        loose = sum(1 for a in actions if a.priority_id not in known)
        if loose:
            print(f"Not yet under a priority: {counted(loose, 'action')}")
        return 0

    return _on_programme(args, work, reading=True)


def run_add(args) -> int:
    from facilitator.action_plan import Priority
    from facilitator.store import action_plan as plan

    def work(store, programme) -> int:
        priorities = plan.priorities(store, programme.id)
        at = len(priorities) + 1 if args.position is None else args.position
        if not 1 <= at <= len(priorities) + 1:
            raise LibraryError(f"--position must be from 1 to {len(priorities) + 1}.")
        made = Priority(programme.id, " ".join(args.text.split()),
                        max((p.position for p in priorities), default=0) + 1)
        with store.transaction():  # one change: added, then put in its place
            plan.save_priority(store, made)
            order = [p.id for p in priorities]
            order.insert(at - 1, made.id)
            plan.set_priority_order(store, order)
        print(f"Added priority {at} to {programme.title!r}: {made.text}")
        return 0

    return _on_programme(args, work)


def run_rename(args) -> int:
    from facilitator.store import action_plan as plan

    def work(store, programme) -> int:
        _priorities, priority = _numbered(store, programme, args.number)
        priority.text = " ".join(args.text.split())
        plan.save_priority(store, priority)
        print(f"Priority {args.number} is now: {priority.text}")
        return 0

    return _on_programme(args, work)


def run_move(args) -> int:
    from facilitator.store import action_plan as plan

    def work(store, programme) -> int:
        priorities, priority = _numbered(store, programme, args.number)
        if not 1 <= args.to <= len(priorities):
            raise LibraryError(f"--to must be from 1 to {len(priorities)}.")
        order = [p.id for p in priorities if p.id != priority.id]
        order.insert(args.to - 1, priority.id)
        plan.set_priority_order(store, order)
        print(f"Moved priority {args.number} to {args.to}: {_short(priority.text)}")
        return 0

    return _on_programme(args, work)


def run_delete(args) -> int:
    from facilitator.store import action_plan as plan

    def work(store, programme) -> int:
        _priorities, priority = _numbered(store, programme, args.number)
        count = sum(1 for a in plan.actions(store, programme.id)
                    if a.priority_id == priority.id)
        plan.set_priorities_deleted(store, [priority.id], True)
        print(f"Deleted priority {args.number}: {_short(priority.text)}"
              + (f" ({counted(count, 'action')} now not yet under a priority)" if count else ""))
        return 0

    return _on_programme(args, work)


def _warn(store, actions) -> None:
    from facilitator.reports.action_plan import contact_findings

    for finding in contact_findings(store, actions):
        print(f"warning: possible personal data: {finding.describe()}", file=sys.stderr)


def run_actions(args) -> int:
    from facilitator.action_plan import ActionStatus, timescale_label
    from facilitator.reports.action_plan import NO_PRIORITY
    from facilitator.store import action_plan as plan

    def work(store, programme) -> int:
        priorities = plan.priorities(store, programme.id)
        actions = plan.actions(store, programme.id)
        known = {p.id for p in priorities}
        groups: list[tuple[str, str | None]] = [
            (f"Priority {n}: {p.text}", p.id) for n, p in enumerate(priorities, 1)]
        if any(a.priority_id not in known for a in actions):
            groups.append((NO_PRIORITY, None))
        for heading, priority_id in groups:
            print(heading)
            mine = [a for a in actions
                    if (a.priority_id if a.priority_id in known else None) == priority_id]
            if not mine:
                print("  (no actions yet)")
            for action in mine:
                print(f"  - {action.text} [{ActionStatus(action.status).label}]")
                for label, value in (("Support area", action.support_area),
                                     ("Lead", action.lead), ("Partners", action.partners),
                                     ("Timescale", timescale_label(action.timescale)),
                                     ("Measure of success", action.measure)):
                    if value:
                        print(f"      {label}: {value}")
        if not groups:
            print(f"{programme.title!r} has no actions or priorities yet.")
        _warn(store, actions)
        return 0

    return _on_programme(args, work, reading=True)


def run_add_action(args) -> int:
    from facilitator.action_plan import Action, ActionStatus
    from facilitator.store import action_plan as plan

    def work(store, programme) -> int:
        priority_id, where = None, "not yet under a priority"
        if args.priority is not None:
            _priorities, priority = _numbered(store, programme, args.priority)
            priority_id, where = priority.id, f"under priority {args.priority}"
        action = Action(programme.id, " ".join(args.text.split()), priority_id=priority_id,
                        support_area=args.support_area.strip(), lead=args.lead.strip(),
                        partners=args.partners.strip(), timescale=args.timescale,
                        measure=args.measure.strip(), status=ActionStatus(args.status))
        plan.add_actions(store, [action])
        print(f"Added action {where}: {action.text}")
        _warn(store, [action])
        return 0

    return _on_programme(args, work)
