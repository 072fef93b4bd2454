"""The export is linear: four times the notes take at most 4.5x as long (it was quadratic:
python-docx's add_paragraph searched the body on every insert). Slow: builds 40,000 notes.
Rounds are interleaved and the best of each kept, so a busy machine spoils neither alone."""

from __future__ import annotations

import io
import time

import pytest

import benchmarks.bench_report as bench
from facilitator.library import open_library
from facilitator.reports.docx_writer import render_report
from facilitator.reports.gather import build_report

pytestmark = pytest.mark.slow


def test_growth_from_8000_to_32000_notes_is_linear(monkeypatch):
    libraries = {}
    try:
        for notes in (8000, 32000):
            monkeypatch.setattr(bench, "NOTES", notes)
            library = open_library(None)
            libraries[notes] = (library, bench.make_programme(library.store))
        best = {8000: float("inf"), 32000: float("inf")}
        for _ in range(3):
            for notes, (library, programme) in libraries.items():
                start = time.perf_counter()
                render_report(build_report(library.store, programme), charts=False).save(io.BytesIO())
                best[notes] = min(best[notes], time.perf_counter() - start)
        assert best[32000] / best[8000] <= 4.5, best
    finally:
        for library, _ in libraries.values():
            library.close()
