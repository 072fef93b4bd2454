"""Exporting the Summary of Results for 7 workshops and 2,000 notes vs raw python-docx.

The baseline, measured in the same run, is plain python-docx writing the same
paragraphs (same texts, same style names, ``document.add_paragraph(text, style)``)
into the same template and saving. The export also reads the library, groups
themes and writes tables, the contents field and properties. A second ratio is
against the same paragraphs with no styles at all (python-docx's floor).
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


def export(store, programme) -> tuple[float, list[tuple[str, str]]]:
    start = time.perf_counter()
    document = render_report(build_report(store, programme))
    document.save(io.BytesIO())
    elapsed = time.perf_counter() - start
    return elapsed, [(p.style.name, p.text) for p in document.paragraphs]


def raw(paragraphs: list[tuple[str, str]], styled: bool) -> float:
    start = time.perf_counter()
    document = docx.Document(str(REFERENCE_TEMPLATE))
    for style, text in paragraphs:
        document.add_paragraph(text, style=style if styled else None)
    document.save(io.BytesIO())
    return time.perf_counter() - start


def run() -> list[tuple[str, float, str]]:
    library = open_library(None)
    try:
        programme = make_programme(library.store)
        ours, raw_named, raw_plain = [], [], []
        for _ in range(ROUNDS):
            elapsed, paragraphs = export(library.store, programme)
            ours.append(elapsed)
            raw_named.append(raw(paragraphs, styled=True))
            raw_plain.append(raw(paragraphs, styled=False))
    finally:
        library.close()
    export_s, named_s, plain_s = (statistics.median(x) for x in (ours, raw_named, raw_plain))
    return [
        (f"report.export {WORKSHOPS} workshops {NOTES} notes ({len(paragraphs)} paragraphs)", export_s, "s"),
        ("report.raw python-docx same paragraphs, styles by name", named_s, "s"),
        ("report.raw python-docx same paragraphs, no styles", plain_s, "s"),
        ("report.export / raw python-docx (styles by name)", export_s / named_s, "x"),
        ("report.export / raw python-docx (no styles)", export_s / plain_s, "x"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
