"""The gate's rules, headless: codes, sessions, limits, the queue, votes, live updates."""

from __future__ import annotations

import threading

import pytest

from facilitator.phones.gate import Gate
from facilitator.phones.values import (
    ACCEPTED,
    CODE_ALPHABET,
    REJECTED,
    Limits,
    Refused,
    Step,
    clean_note,
    new_code,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def gate(clock):
    gate = Gate("ab3cd", clock=clock)
    gate.set_step(Step("how", "HOW", "How can we…?", "One idea per note",
                       (("willingness", "Willingness to do things"),)))
    return gate


def test_codes_are_unambiguous_and_new_each_time():
    codes = {new_code() for _ in range(50)}
    assert len(codes) > 45
    for code in codes:
        assert len(code) == 5 and set(code) <= set(CODE_ALPHABET)
    assert not set("0O1IL2Z5S8B") & set(CODE_ALPHABET)


def test_wrong_code_is_refused_and_right_code_in_any_case_joins(gate):
    with pytest.raises(Refused) as refused:
        gate.join("WRONG", "10.0.0.2")
    assert refused.value.status == 403
    token = gate.join(" ab3-cd ", "10.0.0.2")
    assert gate.session_of(token)


def test_brute_force_is_slowed_down_and_the_wait_doubles(gate, clock):
    for _ in range(gate.limits.join_failures):
        with pytest.raises(Refused):
            gate.join("XXXXX", "10.0.0.9")
    with pytest.raises(Refused) as refused:
        gate.join("AB3CD", "10.0.0.9")  # even the right code waits
    assert refused.value.status == 429 and refused.value.retry_after == pytest.approx(30)
    assert gate.join("AB3CD", "10.0.0.10")  # another phone is not held up
    clock.now += 31
    for _ in range(gate.limits.join_failures):
        with pytest.raises(Refused):
            gate.join("XXXXX", "10.0.0.9")
    with pytest.raises(Refused) as refused:
        gate.join("AB3CD", "10.0.0.9")
    assert refused.value.retry_after == pytest.approx(60)


def test_everything_but_join_needs_a_token(gate):
    for call in (lambda: gate.state(None), lambda: gate.post_note("nope", "hi"),
                 lambda: gate.vote(None, {}), lambda: gate.wait("x", 0, 0)):
        with pytest.raises(Refused) as refused:
            call()
        assert refused.value.status == 401


def test_a_note_waits_then_is_accepted_or_rejected_and_the_phone_sees_which(gate):
    token = gate.join("AB3CD", "a")
    first = gate.post_note(token, "  More benches <b>now</b>  ", "willingness", "c1")
    second = gate.post_note(token, "Lifts to the surgery", "nonsense", "c2")
    assert first.text == "More benches <b>now</b>" and first.area == "willingness"
    assert second.area == ""  # not one of the step's areas
    assert [n.id for n in gate.pending()] == [first.id, second.id]
    gate.accept(first.id, "More benches")
    gate.reject(second.id)
    assert gate.pending() == []
    mine = gate.state(token)["notes"]
    assert [(n["status"], n["text"], n["edited"]) for n in mine] == [
        (ACCEPTED, "More benches", True), (REJECTED, "Lifts to the surgery", False)]
    assert "session" not in mine[0]


def test_a_retried_post_is_the_same_note(gate):
    token = gate.join("AB3CD", "a")
    one = gate.post_note(token, "Repair café", "", "same-id")
    two = gate.post_note(token, "Repair café", "", "same-id")
    assert one is two and len(gate.pending()) == 1


def test_note_size_emoji_and_right_to_left(gate):
    token = gate.join("AB3CD", "a")
    with pytest.raises(Refused) as refused:
        gate.post_note(token, "x" * 281)
    assert refused.value.status == 413
    emoji = "🙂" * 280  # characters, not bytes
    assert gate.post_note(token, emoji, "", "e").text == emoji
    arabic = "مساعدة كبار السن في الحي"
    assert gate.post_note(token, arabic, "", "r").text == arabic
    for bad in ("", "   ", None, 5, ["x"]):
        with pytest.raises(Refused) as refused:
            gate.post_note(token, bad)
        assert refused.value.status == 400


def test_control_characters_go_but_line_breaks_stay():
    assert clean_note("a\x00b\r\nc\x1b") == "ab\nc"


def test_notes_per_phone_are_rate_limited(gate, clock):
    token = gate.join("AB3CD", "a")
    for i in range(gate.limits.note_burst):
        gate.post_note(token, f"note {i}", "", str(i))
    with pytest.raises(Refused) as refused:
        gate.post_note(token, "one too many", "", "x")
    assert refused.value.status == 429 and refused.value.retry_after > 0
    clock.now += gate.limits.note_every
    gate.post_note(token, "later", "", "y")


def test_requests_per_address_are_rate_limited(clock):
    gate = Gate("AAAAA", Limits(address_burst=3, address_rate=1), clock=clock)
    for _ in range(3):
        gate.admit("10.0.0.1")
    with pytest.raises(Refused) as refused:
        gate.admit("10.0.0.1")
    assert refused.value.status == 429
    gate.admit("10.0.0.2")
    clock.now += 1
    gate.admit("10.0.0.1")


def test_room_full_and_queue_full_answer_503(clock):
    gate = Gate("AAAAA", Limits(max_sessions=2, max_waiting=1), clock=clock)
    gate.set_step(Step("who", "WHO"))
    token = gate.join("AAAAA", "a")
    gate.join("AAAAA", "b")
    with pytest.raises(Refused) as refused:
        gate.join("AAAAA", "c")
    assert refused.value.status == 503
    gate.post_note(token, "one", "", "1")
    with pytest.raises(Refused) as refused:
        gate.post_note(token, "two", "", "2")
    assert refused.value.status == 503


def test_no_note_before_a_step_is_shown():
    gate = Gate("AAAAA")
    token = gate.join("AAAAA", "a")
    with pytest.raises(Refused) as refused:
        gate.post_note(token, "early")
    assert refused.value.status == 409


def test_votes_are_counted_moved_limited_and_closed(gate):
    a, b = gate.join("AB3CD", "a"), gate.join("AB3CD", "b")
    with pytest.raises(Refused) as refused:
        gate.vote(a, {"n1": 1})
    assert refused.value.status == 409  # not open yet
    gate.open_voting("how", [("n1", "Benches"), ("n2", "Lifts")], dots=3)
    gate.vote(a, {"n1": 2, "n2": 1})
    gate.vote(b, {"n2": 3})
    assert gate.vote_counts() == {"n1": 2, "n2": 4}
    gate.vote(a, {"n1": 0, "n2": 3})  # moved
    assert gate.vote_counts() == {"n1": 0, "n2": 6}
    for bad in ({"n1": 4}, {"zz": 1}, {"n1": -1}, {"n1": True}, ["n1"]):
        with pytest.raises(Refused):
            gate.vote(a, bad)
    assert gate.state(a)["voting"]["mine"] == {"n2": 3}
    assert gate.close_voting() == {"n1": 0, "n2": 6}
    with pytest.raises(Refused):
        gate.vote(b, {"n1": 1})


def test_wait_returns_at_once_when_behind_and_wakes_on_a_change(gate):
    token = gate.join("AB3CD", "a")
    version = gate.state(token)["version"]
    assert gate.wait(token, version - 1, 5)["version"] == version
    got = {}

    def waiter():
        got["state"] = gate.wait(token, version, 10)

    thread = threading.Thread(target=waiter)
    thread.start()
    gate.set_step(Step("what", "WHAT", "What could communities do?"))
    thread.join(5)
    assert got["state"]["step"]["key"] == "what"


def test_a_phone_back_after_five_minutes_sees_what_it_missed(gate, clock):
    token = gate.join("AB3CD", "a")
    seen = gate.state(token)["version"]
    note = gate.post_note(token, "Befriending calls", "", "b")
    gate.set_step(Step("what", "WHAT", "What could communities do?"))
    gate.accept(note.id)
    clock.now += 300
    state = gate.wait(token, seen, 0)
    assert state["step"]["key"] == "what" and state["notes"][0]["status"] == ACCEPTED


def test_close_wakes_waiters_and_refuses_everything(gate):
    token = gate.join("AB3CD", "a")
    version = gate.state(token)["version"]
    errors = []

    def waiter():
        try:
            gate.wait(token, version, 30)
        except Refused as refused:
            errors.append(refused.status)

    thread = threading.Thread(target=waiter)
    thread.start()
    gate.close()
    thread.join(2)
    assert not thread.is_alive() and errors == [503]
    with pytest.raises(Refused):
        gate.admit("a")


def test_callbacks_fire_outside_the_lock(gate):
    token = gate.join("AB3CD", "a")
    seen = []
    gate.on_notes = lambda: seen.append(len(gate.pending()))  # would deadlock inside
    gate.post_note(token, "x", "", "1")
    assert seen == [1]


def test_a_note_accepted_for_one_phone_does_not_wake_the_others(gate):
    a, b = gate.join("AB3CD", "a"), gate.join("AB3CD", "b")
    seen_b = gate.state(b)["version"]
    note = gate.post_note(a, "Mine", "", "1")
    gate.accept(note.id)
    assert gate.state(b)["version"] == seen_b  # b's long-poll keeps waiting
    assert gate.wait(b, seen_b, 0)["version"] == seen_b
    gate.set_step(Step("what", "WHAT"))
    assert gate.state(b)["version"] > seen_b  # a step change reaches everyone
