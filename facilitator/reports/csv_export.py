"""The notes as a table: one CSV row per note, for Excel and other tools.

UTF-8 with a byte order mark so Excel shows accents and emoji correctly; a cell
that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) gets a leading apostrophe. NUL and the other
control characters (pasted from Word or a PDF) are removed from cells: they break
spreadsheets and the CSV readers of other programs, and this app's own import.
Tabs and line breaks stay.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

from facilitator.models import Programme, Workshop
from facilitator.reports.gather import default_selection, programme_workshops
from facilitator.reports.safe_write import write_atomically
from facilitator.store import Store

HEADER = (
    "Programme",
    "Workshop",
    "Step",
    "Question",
    "Note",
    "Theme",
    "Tags",
    "Table",
    "Created (UTC)",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_cell(cell: str) -> str:
    """``cell`` without control characters other than tab, line feed and carriage return."""
    return _CONTROL.sub("", cell)


def needs_guard(cell: str) -> bool:
    """Whether a cell would run as a formula, or would look guarded when read back (a note
    that itself starts with an apostrophe before ``=``), so it gets an apostrophe."""
    stripped = cell.lstrip("'")
    return stripped.startswith(FORMULA_STARTS)


def neutralise(cell: str) -> str:
    """A cell Excel or LibreOffice will show as text, never run as a formula; reading it
    back (``table_base.unneutralise``) takes off exactly the apostrophe added here."""
    return "'" + cell if needs_guard(cell) else cell


def note_rows(
    store: Store, programme: Programme, workshops: Sequence[Workshop] | None = None
) -> list[list[str]]:
    """The rows (header first), with the text of each note exactly as written."""
    ordered = programme_workshops(store, programme)
    chosen = list(workshops) if workshops is not None else default_selection(ordered)
    position = {w.id: i for i, w in enumerate(ordered)}
    chosen.sort(key=lambda w: position.get(w.id, len(position)))
    themes = {t.id: t.label for t in store.themes(programme.id)}
    formats = {w.format_key: store.get_format(w.format_key) for w in chosen}
    by_workshop: dict[str, list] = {w.id: [] for w in chosen}
    for note in store.notes(workshop_ids=list(by_workshop)):
        by_workshop[note.workshop_id].append(note)
    rows = [list(HEADER)]
    for workshop in chosen:
        fmt = formats[workshop.format_key]
        steps = {step.key: step for step in fmt.steps}
        order = {key: i for i, key in enumerate(steps)}
        notes = sorted(by_workshop[workshop.id], key=lambda n: order.get(n.step_key, len(order)))
        for note in notes:
            step = steps.get(note.step_key)
            vocab = fmt.vocabulary_for(note.step_key) if step else None
            tags = [vocab.label_for(t) if vocab else t for t in note.tags]
            rows.append(
                [
                    programme.title,
                    workshop.code,
                    note.step_key,
                    step.question_for(programme.area) if step else "",
                    note.text,
                    themes.get(note.theme_id or "", ""),
                    "; ".join(tags),
                    note.table_label,
                    note.created_at,
                ]
            )
    return rows


def notes_csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(clean_cell(cell)) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def export_notes_csv(
    store: Store,
    programme: Programme,
    target: Path | str,
    workshops: Sequence[Workshop] | None = None,
) -> int:
    """Write the notes of ``workshops`` (default: those held) to ``target``; returns the rows."""
    rows = note_rows(store, programme, workshops)
    data = notes_csv_bytes(rows)
    write_atomically(Path(target), lambda stream: stream.write(data))
    return len(rows) - 1
