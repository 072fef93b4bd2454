"""Icons from qtawesome, imported lazily: its import costs ~0.2 s that start-up need not pay."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon


@cache
def icon(name: str, color: str | None = None) -> QIcon:
    import qtawesome

    return qtawesome.icon(name, color=color) if color else qtawesome.icon(name)
