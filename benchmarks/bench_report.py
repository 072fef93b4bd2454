"""The Summary of Results: 7 workshops and 2,000 notes against its fair floor, charts, growth.

* **vs the fair floor**: plain python-docx writing the same paragraphs (same texts, same
  styles, each style's id looked up once and set on the paragraph) and the same tables
  (``add_table`` with the table style looked up once) into the same template, then saving.
  The export also reads the library, groups themes, builds the Summary, the contents'
  links and fields, bookmarks and properties. Charts are off in this pair, so both write
  the same things; aim: at most 1.3x.
* **charts**: the same export with the two Summary charts on, minus without (Pillow).
* **growth**: 8,000 and 32,000 notes (must be at most 4.5x: linear, not quadratic), and
  200,000 notes once (must be under 60 s).

Medians of interleaved rounds (min in brackets); all in the same run.
"""

from __future__ import annotations

import io
import random
import statistics
import time

import docx

from facilitator.library import open_library
from facilitator.models import Attendance, Note, Programme, Theme, Workshop
from facilitator.reports.docx_writer import render_report
from facilitator.reports.gather import build_report
from facilitator.reports.template import REFERENCE_TEMPLATE

NOTES = 2000
WORKSHOPS = 7
ROUNDS = 3
AREAS = ["willingness", "understanding", "getting-started", "keeping-going"]
WORDS = ["community", "volunteers", "older", "people", "village", "hall", "transport", "lunch", "club", "café", "grants", "training", "young", "carers", "parish", "council", "library", "walking", "group", "minibus"]


def make_programme(store) -> Programme:
    rng = random.Random(2015)
    programme = store.add_programme(
        Programme("Bench programme", "Why.", organisation="Bench Council", area="Benchshire")
    )
    themes = {
        step: [store.add_theme(Theme(programme.id, step, f"{step} theme {i}")) for i in range(12)]
        for step in ("who", "what", "how")
    }
    workshops = []
    for i in range(1, WORKSHOPS + 1):
        fmt = "income-generation" if i == WORKSHOPS else "delivery-planning"
        workshop = store.add_workshop(
            Workshop(programme.id, f"W{i}", f"Theme question {i}?", fmt, date=f"2015-01-{10 + i}")
        )
        store.set_attendance(Attendance(workshop.id, {"residents": 20 + i, "council_officers": 3}))
        workshops.append(workshop)
    notes = []
    for n in range(NOTES):
        workshop = workshops[n % WORKSHOPS]
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))).capitalize()
        if workshop.format_key == "income-generation":
            notes.append(Note(workshop.id, rng.choice(["presentations", "ideas"]), text))
            continue
        step = ("who", "what", "how")[n % 3]
        theme = rng.choice(themes[step]).id if rng.random() < 0.4 else None
        tags = [rng.choice(AREAS)] if step == "how" and rng.random() < 0.95 else []
        notes.append(Note(workshop.id, step, text, theme_id=theme, tags=tags))
    store.add_notes(notes)
    return programme


def export(store, programme, charts: bool = False) -> tuple[float, list]:
    start = time.perf_counter()
    document = render_report(build_report(store, programme), charts=charts)
    document.save(io.BytesIO())
    elapsed = time.perf_counter() - start
    return elapsed, blocks(document)


def blocks(document) -> list:
    """('p', style name, text) and ('tbl', style name, rows) in body order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    found = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            paragraph = Paragraph(child, document._body)
            found.append(("p", paragraph.style.name if paragraph.style else "Normal", paragraph.text))
        elif child.tag.endswith("}tbl"):
            table = Table(child, document._body)
            rows = [[cell.text for cell in row.cells] for row in table.rows]
            found.append(("tbl", table.style.name if table.style else "", rows))
    return found


def floor(items: list) -> float:
    """python-docx writing the same paragraphs and tables, styles looked up once."""
    start = time.perf_counter()
    document = docx.Document(str(REFERENCE_TEMPLATE))
    ids: dict[str, object] = {}

    def style(name):
        if name not in ids:
            ids[name] = document.styles[name]
        return ids[name]

    for kind, name, content in items:
        if kind == "p":
            paragraph = document.add_paragraph(content)
            paragraph._p.style = style(name).style_id
        else:
            table = document.add_table(rows=len(content), cols=len(content[0]))
            table._tbl.tblPr.style = style(name).style_id
            for row, values in zip(table.rows, content, strict=True):
                for cell, text in zip(row.cells, values, strict=True):
                    cell.text = text
    document.save(io.BytesIO())
    return time.perf_counter() - start


def export_with(notes: int, charts: bool = False) -> float:
    global NOTES
    saved, NOTES = NOTES, notes
    library = open_library(None)
    try:
        programme = make_programme(library.store)
        elapsed, _ = export(library.store, programme, charts)
    finally:
        NOTES = saved
        library.close()
    return elapsed


def run() -> list[tuple[str, float, str]]:
    library = open_library(None)
    try:
        programme = make_programme(library.store)
        ours, base, with_charts = [], [], []
        for _ in range(ROUNDS):
            elapsed, items = export(library.store, programme)
            ours.append(elapsed)
            base.append(floor(items))
            with_charts.append(export(library.store, programme, charts=True)[0])
    finally:
        library.close()
    export_s, floor_s, charts_s = (statistics.median(x) for x in (ours, base, with_charts))
    small = min(export_with(8000) for _ in range(2))
    large = min(export_with(32000) for _ in range(2))
    huge = export_with(200000)
    paragraphs = sum(1 for kind, _, _ in items if kind == "p")
    return [
        (f"report.export {WORKSHOPS} workshops {NOTES} notes ({paragraphs} paragraphs, no charts) "
         f"[min {min(ours):.3g}]", export_s, "s"),
        (f"report.floor python-docx same paragraphs and tables, styles looked up once "
         f"[min {min(base):.3g}]", floor_s, "s"),
        ("report.export / floor (aim <= 1.3)", export_s / floor_s, "x"),
        ("report.charts added (two Summary charts, Pillow)", charts_s - export_s, "s"),
        ("report.growth 8,000 notes", small, "s"),
        ("report.growth 32,000 notes", large, "s"),
        ("report.growth 32,000 / 8,000 (must be <= 4.5)", large / small, "x"),
        ("report.200,000 notes (must be < 60)", huge, "s"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
