"""The user guide: Markdown in ``docs/``, shown from the local copy, never from the web.

Help ▸ User guide turns ``docs/user-guide.md`` into an HTML page in the user's
cache folder (with Qt's own Markdown reader, so no extra dependency) and opens it
in the default browser with ``QDesktopServices``; the page's pictures are the
files in ``docs/images`` beside the app. Works the same from source and from the
installed bundle (``docs/`` is bundled).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import platformdirs
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument

from facilitator import APP_NAME, ORG_NAME
from facilitator.resources import resources_dir

GUIDE_FILE = "user-guide.md"
STYLE = (
    "body { font-family: 'Segoe UI', Helvetica, Arial, sans-serif; max-width: 52em;"
    " margin: 2em auto; padding: 0 1em; line-height: 1.45; }"
    " img { max-width: 100%; border: 1px solid #ccc; }"
    " code { background: #f3f3f3; } table { border-collapse: collapse; }"
    " td, th { border: 1px solid #bbb; padding: 0.2em 0.5em; vertical-align: top; }"
    " td p, th p { margin: 0; }"
    " h1, h2, h3 { color: #1e3d3a; } h2 { border-bottom: 1px solid #ccc; margin-top: 1.6em; }"
)


def docs_dir() -> Path:
    """``docs/`` beside ``resources/``: in the source tree, or inside the bundle."""
    return resources_dir().parent / "docs"


def user_guide_path() -> Path:
    return docs_dir() / GUIDE_FILE


def slug(text: str) -> str:
    """A heading's anchor, as GitHub makes it ("Running a workshop" -> "running-a-workshop")."""
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def markdown_to_html(markdown: str, images: Path, title: str = APP_NAME) -> str:
    """The guide as a standalone HTML page: links to pictures made absolute, anchors added."""
    markdown = re.sub(
        r"\]\((images/[^)\s]+)\)",
        lambda m: f"]({QUrl.fromLocalFile(str(images.parent / m.group(1))).toString()})",
        markdown,
    )
    markdown = re.sub(r"\]\(([\w\-]+)\.md(#[\w\-]*)?\)", r"](\1.html\2)", markdown)
    document = QTextDocument()
    document.setMarkdown(markdown)
    body = document.toHtml()
    # Qt writes its own margins on every block: drop them so the page's style sheet applies.
    body = re.sub(r'<(p|h[1-6]|ul|ol|li|table|td|th|body)( [^>]*?)? style="[^"]*"', r"<\1\2", body)
    body = re.sub(r"<h([1-4])([^>]*)>(.*?)</h\1>", _anchor_heading, body, flags=re.S)
    body = body.replace("<head>", f"<head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
                        f"<style>{STYLE}</style>", 1)
    return body


def _anchor_heading(match: re.Match) -> str:
    level, attrs, inner = match.groups()
    text = html.unescape(re.sub(r"<[^>]+>", "", inner))
    return f'<h{level}{attrs} id="{slug(text)}"><a name="{slug(text)}"></a>{inner}</h{level}>'


def render_guide(target_dir: Path | None = None) -> Path:
    """Write the guide's HTML pages into ``target_dir`` (default: the cache); return the main one."""
    target_dir = target_dir or Path(platformdirs.user_cache_dir(APP_NAME, ORG_NAME)) / "guide"
    target_dir.mkdir(parents=True, exist_ok=True)
    source = docs_dir()
    main_page = None
    for page in sorted(source.glob("*.md")):
        html_text = markdown_to_html(page.read_text(encoding="utf-8"), source / "images")
        out = target_dir / f"{page.stem}.html"
        out.write_text(html_text, encoding="utf-8")
        if page.name == GUIDE_FILE:
            main_page = out
    if main_page is None:
        raise FileNotFoundError(f"The user guide {user_guide_path()} is missing.")
    return main_page


def open_user_guide(opener=QDesktopServices.openUrl, target_dir: Path | None = None) -> QUrl:
    """Open the local guide in the default browser (falling back to the Markdown file)."""
    try:
        url = QUrl.fromLocalFile(str(render_guide(target_dir)))
    except OSError:
        url = QUrl.fromLocalFile(str(user_guide_path()))
    opener(url)
    return url
