"""The built-in demo programme (2015 delivery planning workshops, illustrative notes)."""

from __future__ import annotations

import json
from pathlib import Path

from facilitator.models import Attendance, Note, Programme, Theme, Workshop, WorkshopStatus
from facilitator.resources import resource
from facilitator.store import Store

DEMO_FILE = resource("demo", "communities_2015.json")


def load_demo(store: Store, source: Path = DEMO_FILE) -> Programme:
    """Add the demo programme to a library in one transaction and return it.

    If the library already has a programme with the demo's title, that one is
    returned and nothing is added.
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
    return programme
