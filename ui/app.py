"""Creating the QApplication once: names, icon, text size."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from facilitator import APP_NAME, ORG_NAME, __version__
from facilitator.resources import resource
from ui import focus_ring

BASE_POINT_SIZE_PROPERTY = "wf_base_point_size"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setApplicationName(APP_NAME)
        QApplication.setOrganizationName(ORG_NAME)
        QApplication.setApplicationVersion(__version__)
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    if not isinstance(app, QApplication):  # (something made a bare QCoreApplication)
        raise RuntimeError("Workshop Facilitator needs a QApplication, not a QCoreApplication")
    focus_ring.install(app)  # one visible focus ring, the same in every window
    return app


def application() -> QApplication:
    """The running QApplication (``create_application`` made it)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("no QApplication is running")
    return app


def apply_text_scale(app: QApplication, scale: float) -> None:
    """Scale the whole interface's text (for a projector or tired eyes)."""
    base = app.property(BASE_POINT_SIZE_PROPERTY)
    if base is None and scale == 1.0:
        return  # never scaled: the font is as it was (PySide's QFont costs start-up ~1 ms)
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty(BASE_POINT_SIZE_PROPERTY, base)
    from PySide6.QtGui import QFont  # (its PySide type, ~1 ms: not for an unscaled start)

    font = QFont(app.font())
    font.setPointSizeF(max(6.0, float(base) * scale))
    app.setFont(font)
