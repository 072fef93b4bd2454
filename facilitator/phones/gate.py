"""The gate between the room's phones and the workshop: every rule, no HTTP, no Qt, no store.

One ``Gate`` per workshop while Phones is on. The web adapter (``server.py``) calls it from
its request threads; the run window calls it from the GUI thread. Everything it holds is
behind one lock and lives in memory only: sessions are forgotten when Phones is turned off.

- **Join code**: 5 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z,
  5/S, 8/B), new for each workshop. A wrong code counts against the phone's address; after
  ``Limits.join_failures`` wrong codes the address waits (429, doubling each time).
- **Sessions**: joining gives a random token the page sends in a header (never a cookie,
  so a cross-site form cannot act for a phone). A session knows its notes and its votes,
  never a name or a device identity.
- **Rate limits**: token buckets per session (notes) and per address (every request).
- **Sizes**: a note is at most ``Limits.note_chars`` characters.
- **The moderation queue**: a posted note waits until the facilitator accepts (maybe
  edited) or rejects it; the phone sees which. A note carries a client id, so a retry after
  a dropped connection is the same note, never a second one.
- **Votes**: while voting is open on a list of ideas, each session places up to ``dots``
  dots and may move them; only the counts leave the gate.
- **Live updates**: ``version`` rises with every change a phone can see;
  ``wait(after, timeout)`` returns when it has passed ``after`` (long-poll), so a phone that
  was away for five minutes resumes with the whole current state.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable

from facilitator.phones.values import (
    ACCEPTED,
    REJECTED,
    Bucket,
    Limits,
    PhoneNote,
    Refused,
    Step,
    Voting,
    clean_note,
    new_code,
    normalise_code,
)


class _Session:
    __slots__ = ("token", "key", "notes", "client_ids", "votes", "bucket", "changes")

    def __init__(self, token: str, key: str, bucket: Bucket) -> None:
        self.token, self.key, self.bucket = token, key, bucket
        self.notes: list[PhoneNote] = []
        self.client_ids: dict[str, PhoneNote] = {}
        self.votes: dict[str, int] = {}
        #: Changes only this phone sees (its notes' statuses, its dots).
        self.changes = 0


class Gate:
    def __init__(self, code: str | None = None, limits: Limits | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.code = normalise_code(code) if code else new_code()
        self.limits = limits or Limits()
        self._clock = clock
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._sessions: dict[str, _Session] = {}
        self._by_key: dict[str, _Session] = {}
        self._addresses: dict[str, Bucket] = {}
        self._failures: dict[str, tuple[int, float, float]] = {}  # count, until, last wait
        self._waiting: dict[str, PhoneNote] = {}
        self._notes: dict[str, PhoneNote] = {}
        self._step = Step()
        self._voting: Voting | None = None
        #: Changes every phone sees (the step, voting opened or closed). A phone's version
        #: is this plus its own changes, so a note accepted for one phone wakes only that
        #: phone's long-poll, not the whole room's.
        self._version = 1
        self._closed = False
        #: Called (from a request thread, outside the lock) when notes join the queue or the
        #: vote counts change: the run window turns these into queued signals.
        self.on_notes: Callable[[], None] | None = None
        self.on_votes: Callable[[], None] | None = None

    # ------------------------------------------------------------- requests
    def admit(self, address: str) -> None:
        """Every request, first: the per-address rate limit (429)."""
        now = self._clock()
        with self._lock:
            if self._closed:
                raise Refused(503, "Phones has been turned off.")
            bucket = self._addresses.get(address)
            if bucket is None:
                if len(self._addresses) > 10_000:
                    self._addresses.clear()
                bucket = self._addresses[address] = Bucket(
                    self.limits.address_burst, self.limits.address_rate, now)
            wait = bucket.take(now)
        if wait:
            raise Refused(429, "Too many requests: wait a moment.", wait)

    def join(self, code: str, address: str) -> str:
        """A new session's token for the right code; wrong codes slow the address down."""
        now = self._clock()
        with self._lock:
            count, until, last = self._failures.get(address, (0, 0.0, 0.0))
            if until > now:
                raise Refused(429, "Too many wrong codes: wait a little, then try again.",
                              until - now)
            if not secrets.compare_digest(normalise_code(code).encode(), self.code.encode()):
                count += 1
                if count >= self.limits.join_failures:
                    last = last * 2 if last else self.limits.join_wait
                    self._failures[address] = (0, now + last, last)
                else:
                    self._failures[address] = (count, until, last)
                raise Refused(403, "That is not the code on the screen. Check it and try again.")
            if len(self._sessions) >= self.limits.max_sessions:
                raise Refused(503, "The room is full: share a phone with someone, please.")
            self._failures.pop(address, None)
            token = secrets.token_urlsafe(24)
            session = _Session(token, secrets.token_hex(8), Bucket(
                self.limits.note_burst, 1.0 / self.limits.note_every, now))
            self._sessions[token] = session
            self._by_key[session.key] = session
            return token

    def session_of(self, token: str | None) -> _Session:
        with self._lock:
            return self._session(token)

    def _session(self, token: str | None) -> _Session:
        session = self._sessions.get(token or "")
        if session is None:
            raise Refused(401, "Join with the code on the screen first.")
        return session

    # ---------------------------------------------------------------- notes
    def post_note(self, token: str | None, text: object, area: object = "",
                  client_id: object = "") -> PhoneNote:
        if not isinstance(text, str) or not isinstance(area, str) \
                or not isinstance(client_id, str):
            raise Refused(400, "A note is some text.")
        text = clean_note(text)
        if not text:
            raise Refused(400, "An empty note is not sent.")
        if len(text) > self.limits.note_chars:
            raise Refused(413, f"A note can be at most {self.limits.note_chars} characters; "
                               f"this one has {len(text)}.")
        client_id = client_id[:64]
        now = self._clock()
        with self._lock:
            session = self._session(token)
            if client_id and client_id in session.client_ids:
                return session.client_ids[client_id]  # a retry: the same note, once
            if not self._step.key:
                raise Refused(409, "The workshop has not started a question yet.")
            if area and area not in {key for key, _ in self._step.areas}:
                area = ""
            if len(self._waiting) >= self.limits.max_waiting \
                    or len(session.notes) >= self.limits.max_notes_per_session:
                raise Refused(503, "The facilitator has many notes to read: try again soon.",
                              10.0)
            wait = session.bucket.take(now)
            if wait:
                raise Refused(429, "That was quick: wait a few seconds before the next note.",
                              wait)
            note = PhoneNote(secrets.token_hex(8), self._step.key, text, area,
                             session=session.key)
            session.notes.append(note)
            if client_id:
                session.client_ids[client_id] = note
            self._waiting[note.id] = note
            self._notes[note.id] = note
            self._bump(session)
        if self.on_notes is not None:
            self.on_notes()
        return note

    def pending(self) -> list[PhoneNote]:
        """The queue, oldest first (for the run window)."""
        with self._lock:
            return list(self._waiting.values())

    def accept(self, note_id: str, final_text: str | None = None) -> PhoneNote | None:
        """Mark a waiting note accepted (after the run window has added it to the library)."""
        return self._settle(note_id, ACCEPTED, final_text)

    def reject(self, note_id: str) -> PhoneNote | None:
        return self._settle(note_id, REJECTED, None)

    def _settle(self, note_id: str, status: str, final_text: str | None) -> PhoneNote | None:
        with self._lock:
            note = self._waiting.pop(note_id, None)
            if note is None:
                return None
            note.status = status
            if final_text is not None and final_text != note.text:
                note.final_text = final_text
            self._bump(self._by_key.get(note.session))
            return note

    # ----------------------------------------------------------------- step
    def set_step(self, step: Step) -> None:
        with self._lock:
            self._step = step
            self._bump()

    # ---------------------------------------------------------------- votes
    def open_voting(self, step_key: str, items: list[tuple[str, str]], dots: int = 3) -> None:
        with self._lock:
            self._voting = Voting(step_key, tuple(items), max(1, int(dots)))
            for session in self._sessions.values():
                session.votes = {}
            self._bump()
        if self.on_votes is not None:
            self.on_votes()

    def close_voting(self) -> dict[str, int]:
        """Close voting; returns the final counts."""
        with self._lock:
            if self._voting is not None:
                self._voting.open = False
                self._bump()
            counts = self._counts()
        if self.on_votes is not None:
            self.on_votes()
        return counts

    def vote(self, token: str | None, votes: object) -> dict[str, int]:
        """Set this phone's dots: ``{item id: dots}``; moving a dot is sending the new set."""
        if not isinstance(votes, dict):
            raise Refused(400, "Votes are a list of ideas and dots.")
        with self._lock:
            session = self._session(token)
            voting = self._voting
            if voting is None or not voting.open:
                raise Refused(409, "Voting is closed.")
            ids = {item for item, _ in voting.items}
            chosen: dict[str, int] = {}
            for item, dots in votes.items():
                if item not in ids or not isinstance(dots, int) or isinstance(dots, bool) \
                        or dots < 0:
                    raise Refused(400, "That is not one of the ideas on the list.")
                if dots:
                    chosen[item] = dots
            if sum(chosen.values()) > voting.dots:
                raise Refused(400, f"You have {voting.dots} dots to place.")
            session.votes = chosen
            self._bump(session)
        if self.on_votes is not None:
            self.on_votes()
        return chosen

    def vote_counts(self) -> dict[str, int]:
        with self._lock:
            return self._counts()

    def voting(self) -> Voting | None:
        with self._lock:
            return self._voting

    def _counts(self) -> dict[str, int]:
        if self._voting is None:
            return {}
        counts = dict.fromkeys((item for item, _ in self._voting.items), 0)
        for session in self._sessions.values():
            for item, dots in session.votes.items():
                if item in counts:
                    counts[item] += dots
        return counts

    # ---------------------------------------------------------- live updates
    @property
    def version(self) -> int:
        with self._lock:
            return self._version

    @property
    def phones(self) -> int:
        with self._lock:
            return len(self._sessions)

    def _bump(self, session: _Session | None = None) -> None:
        """Something changed: for every phone, or (``session``) for that phone only."""
        if session is None:
            self._version += 1
        else:
            session.changes += 1
        self._changed.notify_all()

    def _phone_version(self, session: _Session) -> int:
        return self._version + session.changes

    def state(self, token: str | None) -> dict:
        """All a phone needs to draw its page, as of now."""
        with self._lock:
            return self._state(self._session(token))

    def _state(self, session: _Session) -> dict:
        step = self._step
        voting = self._voting
        return {
            "version": self._phone_version(session),
            "step": {"key": step.key, "title": step.title, "question": step.question,
                     "prompt": step.prompt,
                     "areas": [{"key": k, "label": label} for k, label in step.areas]},
            "limit": self.limits.note_chars,
            "notes": [n.for_phone() for n in session.notes],
            "voting": None if voting is None else {
                "open": voting.open, "dots": voting.dots, "step": voting.step_key,
                "items": [{"id": i, "label": label} for i, label in voting.items],
                "mine": dict(session.votes)},
        }

    def wait(self, token: str | None, after: int, timeout: float) -> dict:
        """The phone's state once ``version`` is past ``after`` (or after ``timeout``)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            session = self._session(token)
            while self._phone_version(session) <= after and not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            if self._closed:
                raise Refused(503, "Phones has been turned off.")
            return self._state(session)

    def close(self) -> None:
        """Wake every waiting phone and refuse everything from now on."""
        with self._lock:
            self._closed = True
            self._changed.notify_all()

    def reopen(self) -> None:
        """Serve again (Phones turned on again, or moved to another address): the same
        code, sessions, queue and votes."""
        with self._lock:
            self._closed = False

    @property
    def closed(self) -> bool:
        with self._lock:
            return self._closed
