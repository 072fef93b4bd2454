"""Feature package (stub): `install(window)` adds this feature's menus and actions."""

from __future__ import annotations


def install(window) -> None:
    """Nothing yet."""
