"""The personal-data check: what it flags, "checked, keep", the names list, --check-only."""

from __future__ import annotations

import pytest

from facilitator.library import open_library
from facilitator.reports.privacy import find_personal_data, look
from tests.facilitator.reports.conftest import TITLE, add_notes, cli_main, small_programme, workshop


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Email jo.bloggs@leics.gov.uk for the rota", "an email address: jo.bloggs@leics.gov.uk"),
        ("Ring Sam on 07700 900123", "a UK phone number: 07700 900123"),
        ("Tel: 0116 305 7019", "a UK phone number: 0116 305 7019"),
        ("+44 (0)116 305 7019 after six", "a UK phone number: +44 (0)116 305 7019"),
        ("Lives at 12 High Street, Melton LE13 0AB", "an address (house number and postcode): LE13 0AB"),
        ("Mrs Patel runs the lunch club", "a title and name: Mrs Patel"),
        ("Ask Dr. Jones about the surgery", "a title and name: Dr. Jones"),
    ],
)
def test_what_looks_like_personal_data(text, reason):
    assert reason in look(text)


@pytest.mark.parametrize(
    "text",
    [
        "Buses around LE13 are poor", "£20 for 10 people", "The 2015 budget of 30000",
        "Bus 12 to Market Harborough", "Meet at the village hall at 7pm", "Room 101 is free",
        "W1 raised this 3 times",
    ],
)
def test_ordinary_notes_are_not_flagged(text):
    assert look(text) == []


def test_findings_name_their_workshop_and_keep_marks_last_until_the_text_changes(store):
    programme = small_programme(store)
    [phone] = add_notes(store, programme, "W2", "how", "Call Jo on 07700 900123")
    add_notes(store, programme, "W1", "who", "Older people living alone")
    [name] = add_notes(store, programme, "W1", "what", "Jane Doe offered her barn")
    workshops = [workshop(store, programme, c) for c in ("W1", "W2")]
    found = find_personal_data(store, programme, workshops)
    assert [(f.workshop_code, f.text) for f in found] == [("W2", "Call Jo on 07700 900123")]
    store.set_privacy_names(["jane doe", " Jane   Doe "])
    assert store.privacy_names() == ["jane doe"]
    found = find_personal_data(store, programme, workshops)
    assert [(f.workshop_code, f.reasons) for f in found] == [
        ("W1", ("a name on your list: Jane Doe",)),
        ("W2", ("a UK phone number: 07700 900123",)),
    ]
    store.mark_checked([(phone.id, phone.text)])
    assert [f.note_id for f in find_personal_data(store, programme, workshops)] == [name.id]
    phone.text = "Call Jo on 07700 900124"  # edited after the check: flagged again
    store.update_note(phone)
    assert len(find_personal_data(store, programme, workshops)) == 2
    assert store.get_note(phone.id).text == "Call Jo on 07700 900124"  # nothing changed for you


def test_check_only_lists_and_writes_nothing(demo_library, tmp_path, capsys, builtin_formats):
    library = open_library(demo_library, builtin_formats)
    programme = next(p for p in library.store.programmes() if p.title == TITLE)
    add_notes(library.store, programme, "W2", "who", "Mr Smith at number 4 needs lifts")
    library.close()
    for command in ("report", "export-csv", "export-xlsx"):
        status = cli_main(command, "--library", demo_library, "--programme", TITLE, "--check-only")
        out = capsys.readouterr().out
        assert status == 1, command
        assert "W2 WHO: 'Mr Smith at number 4 needs lifts' — a title and name: Mr Smith" in out
        assert "1 note may hold personal data" in out
    assert list(tmp_path.glob("*.docx")) == []
    target = tmp_path / "r.docx"
    assert cli_main("report", "--library", demo_library, "--programme", TITLE, "--out", target) == 0
    assert "warning: possible personal data: W2 WHO" in capsys.readouterr().err
    assert target.exists()
    assert cli_main("report", "--library", demo_library, "--programme", TITLE) == 2
    assert "--out FILE is needed" in capsys.readouterr().err


def test_check_only_on_clean_notes_exits_0(demo_library, capsys):
    assert cli_main("export-csv", "--library", demo_library, "--programme", TITLE, "--check-only") == 0
    assert "0 notes may hold personal data." in capsys.readouterr().out
