"""The action plan from the command line: priorities listed, added, renamed, moved and
deleted by number, actions listed and added, as a user types them (in-process)."""

from __future__ import annotations

from facilitator.library import open_library
from facilitator.models import Programme
from facilitator.store import action_plan as plan
from tests.facilitator.cli.test_library_cmds import main


def _library(path, formats) -> str:
    lib = open_library(path, formats)
    lib.store.add_programme(Programme("Rutland 2026"))
    lib.close()
    return str(path)


def test_priorities_are_added_moved_renamed_and_deleted_by_number(
        capsys, builtin_formats, awkward_dir):
    lib = ["--library", _library(awkward_dir / "lib é.wfdb", builtin_formats),
           "--programme", "rutland 2026"]
    status, out, _ = main(capsys, "priorities", *lib)
    assert (status, out) == (0, "'Rutland 2026' has no strategic priorities yet (main.py "
                                "add-priority adds one).\n")
    for text in ("Capacity  and resilience", "Community groups take over services"):
        assert main(capsys, "add-priority", *lib, "--text", text)[0] == 0
    status, out, _ = main(capsys, "add-priority", *lib, "--text", "VCS providers",
                          "--position", "1")
    assert (status, out) == (0, "Added priority 1 to 'Rutland 2026': VCS providers\n")
    status, out, _ = main(capsys, "move-priority", *lib, "--number", "1", "--to", "3")
    assert (status, out) == (0, "Moved priority 1 to 3: VCS providers\n")
    status, out, _ = main(capsys, "rename-priority", *lib, "--number", "2", "--text",
                          "Groups take over services")
    assert (status, out) == (0, "Priority 2 is now: Groups take over services\n")
    status, out, _ = main(capsys, "add-action", *lib, "--priority", "3", "--text",
                          "Train trustees", "--lead", "Voluntary Action", "--timescale",
                          "q3 2015", "--status", "agreed")
    assert (status, out) == (0, "Added action under priority 3: Train trustees\n")
    status, out, _ = main(capsys, "priorities", *lib)
    assert out == ("1. Capacity and resilience (0 actions)\n"
                   "2. Groups take over services (0 actions)\n"
                   "3. VCS providers (1 action)\n")

    status, out, _ = main(capsys, "delete-priority", *lib, "--number", "3")
    assert out == ("Deleted priority 3: VCS providers (1 action now not yet under a "
                   "priority)\n")
    status, out, err = main(capsys, "actions", *lib)
    assert (status, err) == (0, "")
    assert out == ("Priority 1: Capacity and resilience\n  (no actions yet)\n"
                   "Priority 2: Groups take over services\n  (no actions yet)\n"
                   "Not yet under a priority\n  - Train trustees [Agreed]\n"
                   "      Lead: Voluntary Action\n      Timescale: Q3 2015\n")


def test_numbers_out_of_range_and_bad_timescales_are_refused_plainly(
        capsys, builtin_formats, awkward_dir):
    path = _library(awkward_dir / "lib.wfdb", builtin_formats)
    lib = ["--library", path, "--programme", "Rutland 2026"]
    status, _, err = main(capsys, "move-priority", *lib, "--number", "1", "--to", "2")
    assert status == 2
    assert err == "error: 'Rutland 2026' has no priority 1: it has 0 priorities (see main.py " \
        "priorities).\n"
    status, _, err = main(capsys, "add-action", *lib, "--text", "Bus", "--timescale", "soon")
    assert status == 2
    assert "Timescale “soon” is neither a quarter (such as Q3 2015) nor a date" in err
    status, _, err = main(capsys, "add-priority", *lib, "--text", "  ")
    assert (status, err) == (2, "error: A priority needs some words.\n")
    reopened = open_library(path, builtin_formats)
    assert plan.actions(reopened.store) == []
    reopened.close()


def test_a_private_persons_contact_details_as_lead_are_a_warning_a_role_is_not(
        capsys, builtin_formats, awkward_dir):
    lib = ["--library", _library(awkward_dir / "lib.wfdb", builtin_formats),
           "--programme", "Rutland 2026"]
    status, out, err = main(capsys, "add-action", *lib, "--text", "Minibus", "--lead",
                            "Parish clerk", "--partners", "Age UK Leicestershire")
    assert (status, err) == (0, "")
    status, out, err = main(capsys, "add-action", *lib, "--text", "Lift share", "--lead",
                            "Mrs Patel", "--partners", "jo.bloggs@example.com, 07700 900123")
    assert status == 0
    assert err == (
        "warning: possible personal data: “Lift share”: Lead looks like a private person's "
        "contact details (a title and name: Mrs Patel); give a role or an organisation "
        "instead\n"
        "warning: possible personal data: “Lift share”: Partners looks like a private "
        "person's contact details (an email address: jo.bloggs@example.com; a UK phone "
        "number: 07700 900123); give a role or an organisation instead\n")
    assert main(capsys, "actions", *lib)[2] == err  # the listing warns the same
