"""The introduction's list of workshops that did not take place reads as sentences."""

from __future__ import annotations

import docx

from facilitator.models import WorkshopStatus
from tests.facilitator.reports.conftest import small_programme, workshop


def _not_held_lines(path) -> list[str]:
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    start = texts.index("Workshops that did not take place:") + 1
    return texts[start : start + 2]


def test_a_reason_without_a_full_stop_and_a_new_date_read_as_two_sentences(library, export):
    store = library.store
    programme = small_programme(store)
    w4 = workshop(store, programme, "W4")
    w4.status_reason = "Snow again; the hall flooded — too few could come"
    w4.rescheduled_date = "2015-03-13"
    store.update_workshop(w4)
    w3 = workshop(store, programme, "W3")
    w3.status, w3.status_reason = WorkshopStatus.CANCELLED, "Too few sign-ups."
    store.update_workshop(w3)
    assert _not_held_lines(export(store, programme)) == [
        "W3 (cancelled): Too few sign-ups.",
        "W4 (postponed): Snow again; the hall flooded — too few could come. "
        "Rescheduled for 13 March 2015.",
    ]
