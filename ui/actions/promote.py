"""Promote an idea to an action: a note (HOW or WHAT) or a whole theme, with one command.

Used by the run window (Notes ▸ Promote to action, Ctrl+K; Promote theme to action,
Ctrl+Alt+K) and the themes board (the same keys). The action starts as the idea's words,
proposed, under the priority chosen (asked only when the programme has priorities), and
keeps links to the notes, theme and workshops it came from; Ctrl+Z takes it away again.
"""

from __future__ import annotations

from facilitator.action_plan import Action, action_from_idea
from facilitator.formats import Format
from facilitator.models import Note
from facilitator.store import action_plan as plan
from ui.announce import tell
from ui.commands.action_plan import AddActionsCommand


def _support_area(store, notes: list[Note]) -> str:
    """The support area of the HOW notes (their tag's label), when they agree on one."""
    labels = set()
    formats: dict[str, Format] = {}
    for note in notes:
        if not note.tags:
            continue
        workshop = store.get_workshop(note.workshop_id)
        fmt = formats.get(workshop.format_key) or store.get_format(workshop.format_key)
        formats[workshop.format_key] = fmt
        vocabulary = fmt.vocabulary_for(note.step_key) if note.step_key in fmt.step_keys() \
            else None
        for tag in note.tags:
            labels.add(vocabulary.label_for(tag) if vocabulary else tag)
    return labels.pop() if len(labels) == 1 else ""


def _choose_priority(parent, context, programme_id: str) -> tuple[bool, str | None]:
    """(go on, priority id): asked only when the programme has priorities."""
    priorities = plan.priorities(context.store, programme_id)
    if not priorities:
        return True, None
    listed = "\n".join(f"{n}. {p.text}" for n, p in enumerate(priorities, 1))
    options = [f"Priority &{n}" for n in range(1, len(priorities) + 1)][:9] + ["&Later"]
    answer = context.dialogs.choose(
        parent, "Promote to action", f"Under which priority?\n\n{listed}", options, 0)
    if answer is None:
        return False, None
    return True, (priorities[answer].id if answer < min(len(priorities), 9) else None)


def promote(parent, context, run_command, programme_id: str, text: str, notes: list[Note],
            theme_id: str | None = None) -> Action | None:
    go_on, priority_id = _choose_priority(parent, context, programme_id)
    if not go_on:
        return None
    action = action_from_idea(programme_id, text, notes, theme_id=theme_id,
                              support_area=_support_area(context.store, notes),
                              priority_id=priority_id)
    what = "theme" if theme_id else "note"
    if not run_command(AddActionsCommand(context.store, [action],
                                         f"Promote {what} “{action.text[:40]}” to an action")):
        return None
    tell(parent, f"The {what} is now an action in the action plan (Ctrl+Shift+L in the "
         "library window). Ctrl+Z takes it away again.", 10000)
    return action


def promote_notes(parent, context, run_command, programme_id: str, notes: list[Note]
                  ) -> list[Action]:
    """Each chosen note becomes an action of its own (one command: one Undo)."""
    if not notes:
        return []
    if len(notes) == 1:
        one = promote(parent, context, run_command, programme_id, notes[0].text, notes)
        return [one] if one else []
    go_on, priority_id = _choose_priority(parent, context, programme_id)
    if not go_on:
        return []
    made = [action_from_idea(programme_id, n.text, [n], priority_id=priority_id,
                             support_area=_support_area(context.store, [n])) for n in notes]
    if not run_command(AddActionsCommand(context.store, made,
                                         f"Promote {len(made)} notes to actions")):
        return []
    tell(parent, f"{len(made)} notes are now actions. Ctrl+Z takes them away again.", 10000)
    return made


def promote_theme(parent, context, run_command, programme_id: str, theme_id: str
                  ) -> Action | None:
    """The theme's label becomes the action; all its notes, in every workshop, its sources."""
    store = context.store
    theme = store.get_theme(theme_id)
    notes = [n for n in store.notes(workshop_ids=[w.id for w in store.workshops(programme_id)],
                                    step_key=theme.step_key) if n.theme_id == theme_id]
    return promote(parent, context, run_command, programme_id, theme.label, notes,
                   theme_id=theme_id)
