"""The user guide is opened from the local copy: an HTML page whose pictures and anchors work."""

from __future__ import annotations

import re

from PySide6.QtCore import QUrl

from ui.guide import docs_dir, markdown_to_html, open_user_guide, render_guide, slug


def test_slug_matches_github_anchors():
    assert slug("Compiling several laptops' files") == "compiling-several-laptops-files"
    assert slug("Where your files live") == "where-your-files-live"


def test_rendered_guide_links_resolve_inside_the_page(qapp, awkward_dir):
    page = render_guide(awkward_dir / "guide")
    html = page.read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="([^"]+)"', html))
    links = re.findall(r'href="#([^"]+)"', html)
    assert links, "the table of contents has links"
    assert [link for link in links if link not in anchors] == []
    assert "<title>" in html and "Preparing a workshop" in html


def test_pictures_point_at_existing_local_files(qapp, tmp_path):
    images = docs_dir() / "images"
    html = markdown_to_html("![Main window](images/main-window.png)\n\nSee [settings](user-guide.md#settings).", images)
    sources = re.findall(r'<img src="([^"]+)"', html)
    assert len(sources) == 1
    url = QUrl(sources[0])
    assert url.isLocalFile()
    assert url.toLocalFile().endswith("docs/images/main-window.png")
    assert (images / "main-window.png").is_file()
    assert 'href="user-guide.html#settings"' in html


def test_open_user_guide_hands_a_local_file_to_the_opener(qapp, awkward_dir):
    opened: list[QUrl] = []
    url = open_user_guide(opened.append, awkward_dir / "guide")
    assert opened == [url]
    assert url.scheme() == "file"
    assert url.toLocalFile().startswith(str(awkward_dir))
