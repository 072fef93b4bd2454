"""User settings over QSettings, with typed properties and defaults."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else QSettings()

    def _get(self, key: str, default, kind=str):
        value = self._q.value(key, default)
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    def _set(self, key: str, value) -> None:
        self._q.setValue(key, value)
        self._q.sync()

    @property
    def text_scale(self) -> float:
        """Interface text size as a multiple of the system's (Ctrl +/- changes it)."""
        return min(3.0, max(0.6, self._get("ui/text_scale", 1.0, float)))

    @text_scale.setter
    def text_scale(self, value: float) -> None:
        self._set("ui/text_scale", round(min(3.0, max(0.6, value)), 2))

    @property
    def facilitator_name(self) -> str:
        return self._get("defaults/facilitator", "")

    @facilitator_name.setter
    def facilitator_name(self, value: str) -> None:
        self._set("defaults/facilitator", value)

    @property
    def organisation(self) -> str:
        return self._get("defaults/organisation", "")

    @organisation.setter
    def organisation(self, value: str) -> None:
        self._set("defaults/organisation", value)

    @property
    def area(self) -> str:
        return self._get("defaults/area", "")

    @area.setter
    def area(self, value: str) -> None:
        self._set("defaults/area", value)

    @property
    def template_path(self) -> Path | None:
        value = self._get("reports/template", "")
        return Path(value) if value else None

    @template_path.setter
    def template_path(self, value: Path | None) -> None:
        self._set("reports/template", str(value) if value else "")

    @property
    def library_path(self) -> Path | None:
        value = self._get("library/path", "")
        return Path(value) if value else None

    @library_path.setter
    def library_path(self, value: Path | None) -> None:
        self._set("library/path", str(value) if value else "")

    @property
    def show_photo_strip(self) -> bool:
        """Whether the run window shows the step's photos of the wall under the board."""
        return self._get("run/photo_strip", True, bool)

    @show_photo_strip.setter
    def show_photo_strip(self, value: bool) -> None:
        self._set("run/photo_strip", bool(value))

    @property
    def presenter_screen(self) -> int:
        """Index of the screen for the presenter window; -1 picks the second screen if any."""
        return self._get("presenter/screen", -1, int)

    @presenter_screen.setter
    def presenter_screen(self, value: int) -> None:
        self._set("presenter/screen", int(value))
