"""Make the user guide's pictures of the Summary of Results, from the real export.

    python docs/make_report_pictures.py

Builds the demo programme's report in a temporary folder (LibreOffice numbers the
Contents and makes the PDF), renders its pages with ``pdftoppm`` and writes
``docs/images/report-pages.png`` (the title page, Contents and Summary side by side),
``report-summary.png`` (the Summary's first page) and ``report-chart.png`` (a chart,
exactly as embedded). Needs LibreOffice and poppler-utils.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
IMAGES = ROOT / "docs" / "images"


def main() -> int:
    import docx
    from PIL import Image

    from facilitator.demo import load_demo
    from facilitator.library import open_library
    from facilitator.reports.docx_writer import export_report
    from facilitator.reports.gather import build_report

    with tempfile.TemporaryDirectory() as folder:
        library = open_library(None)
        report = build_report(library.store, load_demo(library.store))
        library.close()
        result = export_report(report, Path(folder) / "Summary of Results.docx", pdf=True)
        if result.pdf is None:
            print("LibreOffice is needed to render the pages", file=sys.stderr)
            return 1
        text = subprocess.run(["pdftotext", "-layout", str(result.pdf), "-"], capture_output=True,
                              text=True, check=True).stdout.split("\f")
        summary = next(i for i, page in enumerate(text, start=1) if page.lstrip().startswith("Summary"))
        prefix = Path(folder) / "page"
        subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-r", "80", "-png", "-f", "1",
                        "-l", str(summary + 1), str(result.pdf), str(prefix)], check=True)
        pages = sorted(Path(folder).glob("page-*.png"))
        Image.open(pages[summary - 1]).save(IMAGES / "report-summary.png", optimize=True)
        chosen = [Image.open(p) for p in (pages[0], pages[1], pages[summary - 1], pages[summary])]
        sheet = Image.new("RGB", (sum(i.width for i in chosen) + 30 * 3, chosen[0].height), "#d0d0d0")
        x = 0
        for image in chosen:
            sheet.paste(image, (x, 0))
            x += image.width + 30
        sheet.save(IMAGES / "report-pages.png", optimize=True)
        document = docx.Document(str(result.path))
        blips = document.element.body.xpath(".//a:blip/@r:embed")
        (IMAGES / "report-chart.png").write_bytes(document.part.related_parts[blips[-1]].blob)
    print(f"wrote report-pages.png, report-summary.png, report-chart.png in {IMAGES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
