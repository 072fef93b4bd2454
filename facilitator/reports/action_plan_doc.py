"""The action plan on its own, as a Word document (``main.py action-plan``, and Export in
the action plan window): the programme's title, then Appendix A on landscape pages.

(Apart from ``action_plan``, which ``docx_writer`` uses for the Summary of Results'
appendix, so the two modules do not import each other.)
"""

from __future__ import annotations

from pathlib import Path

from facilitator.reports.action_plan import HEADING, gather_action_plan, landscape, write_appendix
from facilitator.reports.docx_builder import DocumentBuilder
from facilitator.reports.safe_write import check_target, write_atomically
from facilitator.reports.template import open_template
from facilitator.store import Store


def write_action_plan(store: Store, programme_id: str, target: Path | str,
                      template: Path | str | None = None) -> Path:
    """The action plan on its own, as a Word document (landscape), saved atomically."""
    target = Path(target)
    check_target(target)
    action_plan = gather_action_plan(store, programme_id)
    document = open_template(template)
    landscape(document)
    b = DocumentBuilder(document)
    b.paragraph(action_plan.programme_title, "Title")
    b.paragraph(HEADING, "Subtitle")
    write_appendix(b, action_plan, heading="Actions by strategic priority")
    properties = document.core_properties
    properties.title = f"{action_plan.programme_title}: action plan"
    properties.language = "en-GB"
    properties.comments = "Produced by Workshop Facilitator."
    return write_atomically(target, document.save)
