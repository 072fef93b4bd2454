"""The one drag format for notes: a JSON list of note ids, used by the run window's board
and the themes board alike, so cards can be dragged between them."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData

NOTE_IDS_MIME = "application/x-workshop-facilitator-note-ids"


def note_ids_mime(ids: list[str]) -> QMimeData:
    mime = QMimeData()
    mime.setData(NOTE_IDS_MIME, QByteArray(json.dumps(list(ids)).encode("utf-8")))
    return mime


def dropped_note_ids(mime: QMimeData) -> list[str]:
    """The note ids a drop carries; [] for anything else (or a damaged payload)."""
    if not mime.hasFormat(NOTE_IDS_MIME):
        return []
    try:
        ids = json.loads(bytes(mime.data(NOTE_IDS_MIME).data()).decode("utf-8"))
    except ValueError:
        return []
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []
