"""Checks behind the Settings dialog that need no window: is this file a usable Word template?"""

from __future__ import annotations

from pathlib import Path


class PreferenceError(ValueError):
    """A setting cannot take this value; the message says why and names the file."""


def check_word_template(path: Path | str) -> Path:
    """Return ``path`` when it can be used as the report template (a Word .docx or .dotx,
    made by Word or LibreOffice), else raise with the report's own reason.

    Uses the report's own template loader, so the check is exactly the one the export
    will make (macros, passwords, old .doc files are refused there, in plain words).
    """
    from facilitator.reports.template import TemplateError, open_template

    path = Path(path)
    if path.suffix.lower() not in (".docx", ".dotx"):
        hint = " Open it in Word and save it as a Word Document (.docx) or Word Template (.dotx)." if (
            path.suffix.lower() in (".dotm", ".docm", ".doc", ".dot", ".odt", ".rtf")) else ""
        raise PreferenceError(f"{path} is not a Word document or template (.docx, .dotx).{hint}")
    if not path.is_file():
        raise PreferenceError(f"The template {path} does not exist.")
    try:
        open_template(path)
    except TemplateError as exc:
        raise PreferenceError(str(exc)) from None
    return path
