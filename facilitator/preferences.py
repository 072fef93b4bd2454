"""Checks behind the Settings dialog that need no window: is this file a usable Word template?"""

from __future__ import annotations

import zipfile
from pathlib import Path


class PreferenceError(ValueError):
    """A setting cannot take this value; the message says why and names the file."""


def check_word_template(path: Path | str) -> Path:
    """Return ``path`` when python-docx can open it as a report template, else raise.

    Uses the report's own template loader when it is there, so the check is exactly
    the one the export will make.
    """
    path = Path(path)
    if path.suffix.lower() != ".docx":
        hint = " Open it in Word and save it as a Word Document (.docx)." if path.suffix.lower() in (
            ".dotx", ".doc", ".dot", ".odt", ".rtf") else ""
        raise PreferenceError(f"{path} is not a .docx Word document.{hint}")
    if not path.is_file():
        raise PreferenceError(f"The template {path} does not exist.")
    try:
        from facilitator.reports.template import TemplateError, open_template
    except ImportError:  # pragma: no cover - reports not installed
        open_template, TemplateError = None, None
    if open_template is not None:
        try:
            open_template(path)
        except TemplateError as exc:
            raise PreferenceError(str(exc)) from None
        return path
    import docx  # pragma: no cover
    from docx.opc.exceptions import PackageNotFoundError  # pragma: no cover

    try:  # pragma: no cover
        docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PreferenceError(f"{path} cannot be opened as a Word document: {exc}.") from None
    return path  # pragma: no cover
