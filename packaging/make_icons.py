"""Make the Windows .ico and macOS .icns from resources/icons/app.svg (run after changing it).

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py

Uses Qt's own image plugins, so no other tool is needed. Writes
packaging/windows/app.ico and packaging/macos/app.icns (both committed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def render(size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ROOT / "resources" / "icons" / "app.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    from PySide6.QtGui import QGuiApplication, QImageWriter

    QGuiApplication([])
    targets = {
        ROOT / "packaging" / "windows" / "app.ico": ("ico", 256),
        ROOT / "packaging" / "macos" / "app.icns": ("icns", 1024),
    }
    for path, (fmt, size) in targets.items():
        writer = QImageWriter(str(path), fmt.encode())
        if not writer.write(render(size)):
            print(f"could not write {path}: {writer.errorString()}", file=sys.stderr)
            return 1
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
