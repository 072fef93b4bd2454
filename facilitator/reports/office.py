"""LibreOffice, when it is installed: page numbers for the Contents, and the PDF.

Why LibreOffice lays out the document rather than this app: page numbers depend on
fonts, widths and breaks that only a word processor knows. The Contents' entries
are PAGEREF fields (the ones Word's own contents uses, a link and a page number
for each heading's bookmark). LibreOffice works those out itself while laying
out, so its PDF is always right; saving a copy back as .docx writes the numbers
it found into each field's result, which this module reads and writes into the
report, so Word shows them too without updating anything. Nothing of LibreOffice's
copy is kept but the numbers (its .docx differs from ours in many small ways).

Without LibreOffice the fields are left empty and the file asks Word to update
its fields when it is opened (Word fills in the numbers); the export says so.

LibreOffice runs headless with a private, throw-away profile, so a LibreOffice the
user has open is neither disturbed nor in the way. ``WF_LIBREOFFICE`` may name the
program (``soffice``), or be ``none`` to never use it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from facilitator.reports.safe_write import ExportError

TIMEOUT_S = 240
#: Tagged (accessible) PDF, with the headings as bookmarks and the document title shown.
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"},'
    '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}}'
)
DOCX_FILTER = "docx:MS Word 2007 XML"


class OfficeError(ExportError):
    """LibreOffice is missing or could not convert; the message says what to do."""


def _usual_places() -> list[Path]:
    if sys.platform == "win32":
        roots = [os.environ.get(v) for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")]
        return [Path(r) / "LibreOffice" / "program" / "soffice.exe" for r in roots if r]
    if sys.platform == "darwin":
        return [
            Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
            Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice",
        ]
    return [Path("/usr/bin/soffice"), Path("/usr/local/bin/soffice"), Path("/opt/libreoffice/program/soffice"),
            Path("/snap/bin/libreoffice")]


def find_libreoffice() -> Path | None:
    """LibreOffice's ``soffice``: ``WF_LIBREOFFICE``, then PATH, then its usual folders."""
    chosen = os.environ.get("WF_LIBREOFFICE", "").strip()
    if chosen.lower() == "none":
        return None
    if chosen:
        return Path(chosen) if Path(chosen).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((p for p in _usual_places() if p.is_file()), None)


def missing_message(what: str) -> str:
    return (
        f"Cannot {what}: LibreOffice was not found (looked on PATH and in its usual folders). "
        "Install LibreOffice (free, from your IT service or libreoffice.org), or set "
        "WF_LIBREOFFICE to its soffice program."
    )


def convert(soffice: Path, source: Path, target_filter: str, outdir: Path) -> Path:
    """Convert ``source`` with LibreOffice into ``outdir``; the converted file's path."""
    with tempfile.TemporaryDirectory(prefix="wf-lo-profile-") as profile:
        command = [
            str(soffice), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
            "--norestore", "--convert-to", target_filter, "--outdir", str(outdir), str(source),
        ]
        try:
            completed = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_S,
                stdin=subprocess.DEVNULL, check=False,
            )
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice took longer than {TIMEOUT_S} s to convert {source.name}.") from None
        except OSError as exc:
            raise OfficeError(f"Cannot run LibreOffice ({soffice}): {exc.strerror}.") from None
    suffix = "." + target_filter.split(":")[0]
    result = outdir / (source.stem + suffix)
    if not result.is_file():
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        raise OfficeError(
            f"LibreOffice could not convert {source.name}"
            + (f": {detail[-1]}" if detail else ".")
        )
    return result


_PAGEREF = re.compile(r"PAGEREF\s+(\S+)")


def laid_out_pages(soffice: Path, document_bytes: bytes) -> tuple[dict[str, int], int | None]:
    """Let LibreOffice lay the document out; the page of each PAGEREF'd bookmark, and the
    number of pages."""
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with tempfile.TemporaryDirectory(prefix="wf-layout-") as folder:
        source = Path(folder) / "report.docx"
        source.write_bytes(document_bytes)
        outdir = Path(folder) / "laid-out"
        outdir.mkdir()
        result = convert(soffice, source, DOCX_FILTER, outdir)
        with zipfile.ZipFile(result) as package:
            body = etree.fromstring(package.read("word/document.xml"))
            app = package.read("docProps/app.xml").decode("utf-8", "replace") if (
                "docProps/app.xml" in package.namelist()) else ""
    pages: dict[str, int] = {}
    # Walk the runs in order: after an instruction naming a bookmark, the first text
    # after the "separate" mark is the field's result.
    current, in_result = None, False
    for element in body.iter(f"{{{w}}}instrText", f"{{{w}}}fldChar", f"{{{w}}}t"):
        tag = etree.QName(element).localname
        if tag == "instrText":
            match = _PAGEREF.search(element.text or "")
            if match:
                current, in_result = match.group(1), False
        elif tag == "fldChar":
            kind = element.get(f"{{{w}}}fldCharType")
            if kind == "separate" and current:
                in_result = True
            elif kind == "end":
                current, in_result = None, False
        elif in_result and current and (element.text or "").strip().isdigit():
            pages.setdefault(current, int(element.text.strip()))
            current, in_result = None, False
    count = re.search(r"<Pages>(\d+)</Pages>", app)
    return pages, int(count.group(1)) if count else None
