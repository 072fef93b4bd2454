"""The action plan (issue 11; Appendix A of the Summary of Results).

``install(window)`` adds View ▸ Action plan… (Ctrl+Shift+L) to the library window. The
run window and the themes board promote notes and themes through ``ui.actions.promote``.
"""

from __future__ import annotations

import shiboken6


def install(window) -> None:
    window.add_action("view", "&Action plan…", lambda: show_action_plan(
                      window, window.context, window.current_programme_id()), "Ctrl+Shift+L",
                      "The programme's actions under its strategic priorities, with their "
                      "progress: edit, sort and export Appendix A")


def show_action_plan(parent, context, programme_id: str | None = None):
    """Open (or bring back) the action plan window on a programme."""
    from ui.actions.window import ActionPlanWindow

    if programme_id is None:
        programmes = context.store.programmes()
        if not programmes:
            context.dialogs.info(parent, "Action plan",
                                 "Add a programme first: an action plan belongs to one.")
            return None
        programme_id = programmes[0].id
    window = getattr(parent, "action_plan_window", None)
    if window is None or not shiboken6.isValid(window):
        window = ActionPlanWindow(context, programme_id)
        parent.action_plan_window = window  # kept: closing hides it, to be shown again
    else:
        window.show_programme(programme_id)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
