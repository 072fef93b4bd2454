"""The built-in demo programme (2015 delivery planning workshops, illustrative notes)."""

from __future__ import annotations

import json
from pathlib import Path

from facilitator.models import Attendance, Note, Programme, Theme, Workshop, WorkshopStatus
from facilitator.resources import resource
from facilitator.store import Store

DEMO_FILE = resource("demo", "communities_2015.json")
#: The demo's action plan: the 2015 priorities and a few actions made from its ideas.
ACTION_PLAN_FILE = resource("demo", "action_plan_2015.json")
#: A Community roadshow (drop-in stalls, a visitor tally), in a programme of its own.
ROADSHOW_FILE = resource("demo", "roadshow_2015.json")


def load_demo(store: Store, source: Path = DEMO_FILE, *, sessions: bool = False) -> Programme:
    """Add the demo programme to a library in one transaction and return it: the 2015
    delivery planning workshops, with their action plan.

    If the library already has a programme with the demo's title, that one is
    returned and nothing is added. ``sessions``: with the asset-based sessions too (the
    asset-mapping workshop W8 and its register, :func:`load_demo_assets`, and beside it a
    programme of summer roadshows: a Community roadshow stall with its visitor tally), as
    the app and ``main.py demo`` load it; the tests' fixtures use the 2015 workshops alone.
    """
    data = json.loads(source.read_text(encoding="utf-8"))
    existing = store.find_programme(data["programme"]["title"])
    if existing is not None:
        return existing
    with store.transaction():
        programme = store.add_programme(Programme(**data["programme"]))
        themes: dict[str, str] = {}
        for spec in data["themes"]:
            theme = store.add_theme(Theme(programme.id, spec["step"], spec["label"]))
            themes[spec["key"]] = theme.id
        for spec in data["workshops"]:
            workshop = store.add_workshop(
                Workshop(
                    programme_id=programme.id,
                    code=spec["code"],
                    theme_question=spec["theme_question"],
                    format_key=spec["format"],
                    date=spec.get("date", ""),
                    venue=spec.get("venue", ""),
                    district=spec.get("district", ""),
                    facilitators=spec.get("facilitators", ""),
                    status=WorkshopStatus(spec.get("status", "planned")),
                    status_reason=spec.get("status_reason", ""),
                    rescheduled_date=spec.get("rescheduled_date", ""),
                )
            )
            if spec.get("attendance"):
                store.set_attendance(Attendance(workshop.id, dict(spec["attendance"])))
            notes = []
            for step_key, items in spec.get("notes", {}).items():
                for item in items:
                    item = {"text": item} if isinstance(item, str) else item
                    notes.append(
                        Note(
                            workshop_id=workshop.id,
                            step_key=step_key,
                            text=item["text"],
                            table_label=item.get("table", ""),
                            theme_id=themes.get(item.get("theme", "")),
                            tags=list(item.get("tags", [])),
                        )
                    )
            store.add_notes(notes)
        if source == DEMO_FILE:
            _load_action_plan(store, programme, themes)
            if sessions:
                load_demo_assets(store, programme)
                load_demo(store, ROADSHOW_FILE)
    return programme


def _load_action_plan(store: Store, programme: Programme, themes: dict[str, str]) -> None:
    """Priorities, and actions promoted from the demo's themes and notes, with progress."""
    from facilitator.action_plan import (
        ActionStatus,
        Priority,
        ProgressUpdate,
        action_from_idea,
    )
    from facilitator.store import action_plan as plan

    data = json.loads(ACTION_PLAN_FILE.read_text(encoding="utf-8"))
    priorities = [plan.save_priority(store, Priority(programme.id, text, number))
                  for number, text in enumerate(data["priorities"], 1)]
    notes = store.notes(workshop_ids=[w.id for w in store.workshops(programme.id)])
    made, updates = [], []
    for spec in data["actions"]:
        if "theme" in spec:
            theme = store.get_theme(themes[spec["theme"]])
            sources = [n for n in notes if n.theme_id == theme.id]
            action = action_from_idea(programme.id, theme.label, sources, theme_id=theme.id)
        else:
            sources = [n for n in notes if n.text == spec["note"]]
            action = action_from_idea(programme.id, spec["note"], sources)
        action.priority_id = priorities[spec["priority"] - 1].id
        for name in ("support_area", "lead", "partners", "timescale", "measure"):
            setattr(action, name, spec.get(name, ""))
        action.status = ActionStatus(spec.get("status", "proposed"))
        made.append(action)
        updates += [ProgressUpdate(action.id, u["date"], u["text"])
                    for u in spec.get("progress", [])]
    plan.add_actions(store, made)
    for update in updates:
        plan.save_progress(store, update)
ASSETS_FILE = resource("demo", "assets_2015.json")


def load_demo_assets(store: Store, programme: Programme, source: Path = ASSETS_FILE) -> None:
    """The demo's asset-mapping session (issue 11): a workshop whose notes are in the asset
    register with what they offer, their place and who can help connect, and connections
    from its Connections step. Illustrative, like the rest of the demo. Nothing is added if
    the programme already has a workshop with its code."""
    from facilitator import asset_connections, assets
    from facilitator.store import assets as assets_store

    data = json.loads(source.read_text(encoding="utf-8"))
    spec = data["workshop"]
    if any(w.code == spec["code"] for w in store.workshops(programme.id, include_deleted=True)):
        return
    with store.transaction():
        workshop = store.add_workshop(Workshop(
            programme_id=programme.id, code=spec["code"], theme_question=spec["theme_question"],
            format_key=spec["format"], date=spec["date"], venue=spec["venue"],
            district=spec["district"], facilitators=spec["facilitators"],
            status=WorkshopStatus(spec["status"])))
        store.set_attendance(Attendance(workshop.id, dict(spec["attendance"])))
        notes = store.add_notes(
            [Note(workshop.id, "assets", a["text"], tags=[a["tag"]]) for a in data["assets"]]
            + [Note(workshop.id, "connections", c["text"]) for c in data["connections"]])
        by_text = {n.text: n for n in notes}
        assets.notes_to_assets(store, [by_text[a["text"]].id for a in data["assets"]])
        made = assets_store.assets_of_notes(store, [n.id for n in notes])
        for spec_asset in data["assets"]:
            asset_id = made[by_text[spec_asset["text"]].id]
            fields = {k: spec_asset[k] for k in ("offers", "place", "connector")
                      if spec_asset.get(k)}
            if fields:
                assets.edit_asset(store, asset_id, **fields)
        for connection in data["connections"]:
            note = by_text[connection["text"]]
            asset_connections.link_assets(store, programme.id, note.text,
                               [made[by_text[a].id] for a in connection["assets"]],
                               workshop_id=workshop.id, note_id=note.id)
