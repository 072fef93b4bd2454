"""A typed home for what the feature packages attach to a window: every attribute the library
window, a run window and the presenter screen carry once their features have been used is
declared by the window's class (typed in its body, or set in its own methods), not attached at
run time from outside where nothing says it is there (issue 13; the action plan, the asset
register, the hints, asset and tally actions and the Connect assets dialog had crept back)."""

from __future__ import annotations

import ast
import inspect
import textwrap

from tests.ui.run.helpers import make_workshop, open_run
from tests.ui.windows import show_main_window
from ui.actions import show_action_plan
from ui.assets import connect_from_note, show_register
from ui.run import actions
from ui.sense import show_search


def declared(klass: type) -> set[str]:
    """The attributes ``klass`` and its bases in ``ui`` declare: annotated in a class body, or
    assigned to ``self`` in one of their methods."""
    names: set[str] = set()
    for base in klass.__mro__:
        if not base.__module__.startswith("ui."):
            continue
        names |= set(inspect.get_annotations(base))
        tree = ast.parse(textwrap.dedent(inspect.getsource(base)))
        names |= {node.attr for node in ast.walk(tree)
                  if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                  and isinstance(node.value, ast.Name) and node.value.id == "self"}
    return names


def undeclared(window) -> set[str]:
    """The window's own attributes that its class neither has (signals, methods) nor declares."""
    klass = type(window)
    return {name for name in vars(window)
            if not hasattr(klass, name) and not name.startswith("__")} - declared(klass)


def test_the_library_window_declares_what_its_features_attach(qtbot, context):
    main = show_main_window(qtbot, context)
    programme_id = make_workshop(context.store).programme_id
    for window in (show_action_plan(main, context, programme_id),
                   show_register(main, context, programme_id),
                   show_search(main, context, programme_id)):
        qtbot.addWidget(window)
    assert "action_plan_window" in vars(main)
    assert undeclared(main) == set()


def test_the_run_window_and_presenter_declare_what_their_menus_attach(qtbot, context):
    run = open_run(qtbot, context, make_workshop(context.store, "community-roadshow").id)
    actions.toggle_presenter(run)
    qtbot.addWidget(run.presenter)
    qtbot.addWidget(connect_from_note(run, None))
    qtbot.addWidget(actions.open_photos(run))
    assert {"tally_actions", "hints_action", "connect_dialog", "photos_view"} <= set(vars(run))
    assert undeclared(run) == set()
    assert undeclared(run.presenter) == set()


def test_an_attribute_attached_from_outside_is_seen(qtbot, context):
    main = show_main_window(qtbot, context)
    main.attached_at_run_time = object()
    assert undeclared(main) == {"attached_at_run_time"}


def test_the_themes_board_declares_the_actions_its_toolbar_and_menu_set(qtbot, context):
    from ui.compile.board import ThemesBoardWindow

    programme_id = make_workshop(context.store).programme_id
    board = ThemesBoardWindow(context, context.undo_stack, programme_id, "how")
    qtbot.addWidget(board)
    assert {"new_action", "themes_menu", "card_actions"} <= set(vars(board))
    assert undeclared(board) == set()
