"""Report fixtures: the demo programme in a library, and a way to read a .docx back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from facilitator.cli import build_parser, run
from facilitator.demo import load_demo
from facilitator.models import Attendance, Note, Programme, Theme, Workshop, WorkshopStatus
from facilitator.reports.docx_writer import write_report
from facilitator.reports.gather import build_report
from tests.hostile import demo_library_file


@dataclass
class Block:
    """One paragraph of the document body, as a reader of the file sees it."""

    style: str
    text: str
    page_break_before: bool
    element: object


def read_blocks(path: Path) -> list[Block]:
    document = docx.Document(str(path))
    blocks = []
    for paragraph in document.paragraphs:
        blocks.append(
            Block(
                paragraph.style.name,
                paragraph.text,
                bool(paragraph.paragraph_format.page_break_before),
                paragraph._p,
            )
        )
    return blocks


def headings(blocks: list[Block], level: int | None = None) -> list[str]:
    wanted = {f"Heading {level}"} if level else {"Heading 1", "Heading 2", "Heading 3"}
    return [b.text for b in blocks if b.style in wanted]


def body_kinds(path: Path) -> list[str]:
    """'p' or 'tbl' for each block of the body, in order."""
    body = docx.Document(str(path)).element.body
    return [
        {qn("w:p"): "p", qn("w:tbl"): "tbl"}.get(child.tag, "other")
        for child in body
        if child.tag != qn("w:sectPr")
    ]


TITLE = "Communities Strategy Delivery Planning Workshops 2015"


@pytest.fixture
def libreoffice(monkeypatch):
    """LibreOffice for this test (skipped, saying what to install, where there is none)."""
    import shutil

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
    monkeypatch.setenv("WF_LIBREOFFICE", found)
    return found


def cli_main(*argv) -> int:
    """``main.py ARGV`` in this process: its exit status."""
    return run(build_parser().parse_args([str(a) for a in argv]))


@pytest.fixture
def demo_library(library_path, builtin_formats):
    """A library file on disk holding the demo programme."""
    return demo_library_file(library_path, builtin_formats)


@pytest.fixture
def demo(library):
    programme = load_demo(library.store)
    return library.store, programme


@pytest.fixture
def export(tmp_path):
    """Build and write a report, returning the path of the .docx."""

    def run(store, programme, workshops=None, template=None, name="report.docx"):
        report = build_report(store, programme, workshops)
        return write_report(report, tmp_path / name, template)

    return run


def small_programme(store, *, area: str = "Rutland", notes=None) -> Programme:
    """Three delivery-planning workshops and one income workshop, with chosen notes."""
    programme = store.add_programme(
        Programme("Test programme", "Why we met.", organisation="Test Council", area=area)
    )
    for code, status in (("W1", "held"), ("W2", "held"), ("W3", "held"), ("W4", "postponed")):
        store.add_workshop(
            Workshop(
                programme.id, code, f"Question of {code}?", "delivery-planning",
                date=f"2015-01-1{code[1]}", venue=f"Hall {code}",
                status=WorkshopStatus(status),
                status_reason="Snow." if status == "postponed" else "",
            )
        )
    store.add_workshop(
        Workshop(programme.id, "W5", "Income?", "income-generation", date="2015-02-01")
    )
    return programme


def workshop(store, programme, code) -> Workshop:
    return store.find_workshops(programme.id, [code])[0]


def add_notes(store, programme, code, step, *texts, theme=None, tags=()):
    w = workshop(store, programme, code)
    return store.add_notes(
        [Note(w.id, step, text, theme_id=theme.id if theme else None, tags=list(tags)) for text in texts]
    )


def add_theme(store, programme, step, label) -> Theme:
    return store.add_theme(Theme(programme.id, step, label))


def set_attendance(store, programme, code, **counts):
    store.set_attendance(Attendance(workshop(store, programme, code).id, counts))


def heading_at(blocks: list[Block], text: str, start: int = 0) -> int:
    """Index of the heading with this text (the same words also appear in the contents)."""
    for index in range(start, len(blocks)):
        if blocks[index].style.startswith("Heading") and blocks[index].text == text:
            return index
    raise ValueError(f"no heading {text!r}")
