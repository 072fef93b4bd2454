"""The demo report opens in a real word processor: LibreOffice converts it to PDF.

Needs ``soffice`` (Debian: libreoffice-writer-nogui) and poppler's ``pdfinfo`` /
``pdftotext``; CI installs both, elsewhere the test says what is missing.
"""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from tests.facilitator.reports.test_report_structure import HOW, WHAT, WHAT_PAGES

pytestmark = pytest.mark.slow


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not on PATH (install libreoffice-writer-nogui and poppler-utils)")
    return path


def page_texts(pdf, pdftotext: str, pages: int) -> list[list[str]]:
    result = []
    for page in range(1, pages + 1):
        out = subprocess.run(
            [pdftotext, "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
        result.append([line.strip() for line in out.splitlines() if line.strip()])
    return result


def test_demo_report_converts_to_pdf_with_a_page_per_what_workshop(demo, export, tmp_path):
    soffice, pdfinfo, pdftotext = need("soffice"), need("pdfinfo"), need("pdftotext")
    path = export(*demo, name="Summary of Results é.docx")
    outdir = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    completed = subprocess.run(
        [
            soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--convert-to", "pdf", "--outdir", str(outdir), str(path),
        ],
        capture_output=True, text=True, timeout=240,
    )
    pdf = outdir / "Summary of Results é.pdf"
    assert pdf.exists(), f"LibreOffice did not convert the report: {completed.stderr}"
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    texts = page_texts(pdf, pdftotext, pages)
    firsts = [lines[0] if lines else "" for lines in texts]
    # WHAT starts a page, with W1's notes on it; W2, W4, W5 and W6 each start the next page.
    what = firsts.index(WHAT)
    assert texts[what][1].startswith("W1: ")
    how = next(i for i, first in enumerate(firsts) if HOW.startswith(first))
    assert how - what == len(WHAT_PAGES), firsts
    assert [first.split(":")[0] for first in firsts[what + 1 : how]] == ["W2", "W4", "W5", "W6"]
    assert firsts[0].startswith("Communities Strategy Delivery")
    assert any(first.startswith("W7: ") for first in firsts[how:])
    assert firsts[-1].startswith("Appendix: attendance")
    assert f"Page {pages} of {pages}" in texts[-1]  # the footer's fields work
    assert "Page 1 of" not in " ".join(texts[-1])
    assert pages >= 2 + len(WHAT_PAGES) + 3


def test_contents_page_numbers_in_the_docx_and_a_tagged_pdf(demo, tmp_path, libreoffice):
    """With LibreOffice: the Contents shows page numbers in the .docx (no update needed)
    and in the PDF, which is tagged; each number is the page its heading is on."""
    from facilitator.reports.docx_writer import export_report
    from facilitator.reports.gather import build_report

    pdfinfo, pdftotext = need("pdfinfo"), need("pdftotext")
    result = export_report(build_report(*demo), tmp_path / "Summary é.docx", pdf=True)
    assert result.notes == [] and result.pdf == tmp_path / "Summary é.pdf"
    document = docx.Document(str(result.path))
    entries = [p.text for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert entries[0].split("\t") == ["Introduction", "3"]
    assert all(e.split("\t")[1].isdigit() for e in entries)
    assert document.settings.element.find(qn("w:updateFields")) is None  # Word need not ask
    info = subprocess.run([pdfinfo, str(result.pdf)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    texts = page_texts(result.pdf, pdftotext, pages)
    for entry in entries:
        title, page = entry.rsplit("\t", 1)
        assert texts[int(page) - 1], entry
        on_page = " ".join(texts[int(page) - 1])
        assert title.split(":")[0][:30] in on_page, (title, page)
    contents = " ".join(texts[0])
    assert "Summary" in contents and any(ch.isdigit() for ch in contents.split("Summary")[1][:200])


def test_a_libreoffice_made_template_round_trip(demo, tmp_path, libreoffice):
    """A template made by LibreOffice just now (soffice --convert-to docx) works."""
    from facilitator.reports.docx_writer import export_report
    from facilitator.reports.gather import build_report

    html = tmp_path / "council.html"
    html.write_text("<html><body><h1>Council</h1><p>Text</p></body></html>", encoding="utf-8")
    profile = tmp_path / "profile"
    subprocess.run(
        [libreoffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(html)],
        capture_output=True, timeout=240, check=True,
    )
    result = export_report(build_report(*demo), tmp_path / "r.docx", tmp_path / "council.docx")
    texts = [p.text for p in docx.Document(str(result.path)).paragraphs]
    assert "Young carers looking after a parent (W4)" in texts
