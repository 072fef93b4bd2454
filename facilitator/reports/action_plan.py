"""Appendix A, the action plan: a table of actions per strategic priority, on landscape
pages, with each priority's key progress to date.

Kept apart from the Summary of Results' own sections (``docx_writer.ReportWriter`` calls
:func:`write_appendix` when the report carries an action plan), and also written on its
own: ``facilitator.reports.action_plan_doc.write_action_plan`` (``main.py action-plan``,
the action plan window's Export).
The rows come from the store through :func:`gather_action_plan`; nothing here speaks SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from facilitator.action_plan import ActionStatus, timescale_label
from facilitator.models import long_date
from facilitator.names import natural_key
from facilitator.reports import privacy
from facilitator.store import Store
from facilitator.store import action_plan as plan

if TYPE_CHECKING:
    from facilitator.reports.docx_builder import DocumentBuilder

HEADER = ["Action", "Support area", "Lead", "Timescale", "Measure of success", "Status",
          "From workshops"]
#: Column widths in proportion (the action and its measure get the room).
WEIGHTS = [3.7, 1.8, 1.8, 1.4, 3.0, 1.3, 1.8]
HEADING = "Appendix A: Action plan"
NO_PRIORITY = "Not yet under a priority"


@dataclass
class PriorityTable:
    heading: str
    rows: list[list[str]]
    #: (date as printed, action, what happened), oldest first.
    progress: list[tuple[str, str, str]] = field(default_factory=list)
    #: Each row's progress as "date: what happened" lines, oldest first.
    row_progress: list[list[str]] = field(default_factory=list)


@dataclass
class ActionPlan:
    programme_title: str
    tables: list[PriorityTable]
    #: Leads and partners that look like a private person's contact details, said as
    #: "“Community minibus”: Lead looks like personal data (an email address: …)".
    warnings: list[str] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(t.rows) for t in self.tables)


def gather_action_plan(store: Store, programme_id: str, *, include_dropped: bool = True
                       ) -> ActionPlan:
    """The programme's actions under its priorities in order (then those under none)."""
    programme = store.get_programme(programme_id)
    priorities = plan.priorities(store, programme_id)
    actions = plan.actions(store, programme_id)
    if not include_dropped:
        actions = [a for a in actions if a.status != ActionStatus.DROPPED]
    codes = plan.workshop_codes(store, programme_id)
    updates: dict[str, list] = {}
    for update in plan.progress_updates(store, [a.id for a in actions]):
        updates.setdefault(update.action_id, []).append(update)
    known = {p.id for p in priorities}
    groups: list[tuple[str, str | None]] = [
        (f"Priority {n}: {p.text}", p.id) for n, p in enumerate(priorities, 1)]
    if any(a.priority_id not in known for a in actions):
        groups.append((NO_PRIORITY, None))
    tables = []
    for heading, priority_id in groups:
        mine = [a for a in actions
                if (a.priority_id if a.priority_id in known else None) == priority_id]
        rows = [[a.text, a.support_area, a.lead, timescale_label(a.timescale), a.measure,
                 ActionStatus(a.status).label,
                 ", ".join(sorted((codes[w] for w in a.workshop_ids if w in codes),
                                  key=natural_key))] for a in mine]
        progress = sorted(((u.date, a.text, u.text) for a in mine for u in updates.get(a.id, [])),
                          key=lambda p: p[0])
        row_progress = [[f"{long_date(u.date)}: {u.text}" for u in updates.get(a.id, [])]
                        for a in mine]
        tables.append(PriorityTable(heading, rows,
                                    [(long_date(d), action, text) for d, action, text in progress],
                                    row_progress))
    warnings = [finding.describe() for finding in contact_findings(store, actions)]
    return ActionPlan(programme.title, tables, warnings)


#: The fields of an action that name people's roles and organisations, never a private
#: person's contact details: checked like the report's notes.
CONTACT_FIELDS = (("lead", "Lead"), ("partners", "Partners"))


@dataclass(frozen=True)
class ContactFinding:
    action_id: str
    action_text: str
    field: str  # "lead" | "partners"
    reasons: tuple[str, ...]

    def describe(self) -> str:
        label = dict(CONTACT_FIELDS)[self.field]
        text = self.action_text if len(self.action_text) <= 50 else self.action_text[:49] + "…"
        return (f"“{text}”: {label} looks like a private person's contact details "
                f"({'; '.join(self.reasons)}); give a role or an organisation instead")


def name_list(store: Store):
    """The library's own list of names the personal-data check looks for (read once)."""
    return privacy._name_pattern(store.privacy_names())


def contact_warnings(text: str, names=None) -> list[str]:
    """What in a lead or partners text looks like a private person's contact details, by
    the report's personal-data check (email, phone, address, a title with a name, the
    library's list of names: ``names`` from :func:`name_list`). Roles and organisations
    pass ("Parish clerk", "Age UK Leicestershire")."""
    return privacy.look(text, names) if text.strip() else []


def contact_findings(store: Store, actions: list | None = None, programme_id: str = ""
                     ) -> list[ContactFinding]:
    """The actions (given, or the programme's) whose lead or partners look like contact
    details, in the order given, lead before partners."""
    names = name_list(store)
    if actions is None:
        actions = plan.actions(store, programme_id)
    found = []
    for action in actions:
        for name, _label in CONTACT_FIELDS:
            reasons = contact_warnings(getattr(action, name), names)
            if reasons:
                found.append(ContactFinding(action.id, action.text, name, tuple(reasons)))
    return found


def write_appendix(b: DocumentBuilder, action_plan: ActionPlan, *,
                   landscape_from_here: Callable[[], None] | None = None,
                   heading: str = HEADING) -> None:
    """Appendix A into a document being built by ``b``; ``landscape_from_here`` (the
    report writer's section break) first turns the pages that follow, if given."""
    if landscape_from_here is not None:
        landscape_from_here()
    b.heading(heading, 1)
    if not action_plan.tables or not action_plan.action_count:
        b.paragraph("No actions have been agreed yet." if not action_plan.tables else
                    "No actions yet under these priorities.")
        for table in action_plan.tables:
            b.paragraph(table.heading, "List Bullet")
        return
    b.paragraph(f"The actions of {action_plan.programme_title} under each strategic priority, "
                "with who leads them, when, how success will be measured and the workshops "
                "the ideas came from.")
    width = b.usable_width()
    for table in action_plan.tables:
        b.heading(table.heading, 2)
        if table.rows:
            b.table(HEADER, table.rows, weights=WEIGHTS, caption=table.heading, width=width)
        else:
            b.paragraph("No actions yet under this priority.")
        if table.progress:
            b.heading("Key progress to date", 3)
            for when, action, text in table.progress:
                paragraph = b.paragraph("", "List Bullet")
                b.text(paragraph, f"{when}, {action}: ").bold = True
                b.text(paragraph, text)


def landscape(document) -> None:
    """Every page of ``document`` landscape (its one section turned)."""
    from docx.enum.section import WD_ORIENT

    section = document.sections[-1]
    width, height = section.page_width, section.page_height
    if width is not None and height is not None and width < height:
        section.page_width, section.page_height = height, width
    section.orientation = WD_ORIENT.LANDSCAPE


def add_sheet(book, action_plan: ActionPlan, fill) -> None:
    """An "Action plan" sheet in an Excel workbook being built (``fill`` writes a header
    row and rows the way the workbook's other sheets are written): one row per action,
    its priority first, then its progress updates."""
    header = ["Priority", *HEADER, "Key progress to date"]
    rows = []
    for table in action_plan.tables:
        for row, progress in zip(table.rows, table.row_progress, strict=True):
            rows.append([table.heading, *row, "\n".join(progress)])
    fill(book.create_sheet("Action plan"), header, rows)
