"""Near-duplicates: notes that say the same thing in (almost) the same words, stacked.

Two notes stack when their words, folded (capitals, accents and punctuation ignored) and
put in order, are at least ``SIMILAR`` % alike by edit distance: "No bus after 6pm!" and
"no buses after 6pm" stack; "Buses too early" and "Buses too late" do not. It is
deliberately strict (the same words, give or take a slip of spelling), because a stack is
shown, and counted in the Summary of Results, as one idea: notes that say the same thing in
different words are for "Similar notes" and "Suggest themes" to find, and for the user to
group.

A stack is led by its first note (in the order given); a later note joins the first stack
whose leader it is like, so a stack never chains from "A" through "A'" to something
unlike "A". Pure Python and rapidfuzz; imported only when the themes board or a report
needs it (never at start-up).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

#: How alike (0-100, edit-distance ratio of the folded, ordered words) two notes must be.
SIMILAR = 88
#: Folded texts this short stack only when they are the same words exactly.
SHORT = 12
#: How many neighbours each text is compared with, in each of two sort orders.
NEIGHBOURS = 8
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """A note's words, lower-case, without accents or punctuation, in alphabetical order."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(sorted(_WORD.findall(plain)))


def stacks(texts: Sequence[str]) -> list[list[int]]:
    """Indexes of ``texts`` in stacks of near-duplicates, each stack in the given order and
    the stacks in the order of their first notes; a note unlike any other is a stack of one.
    A text with no words (emoji only, say) stacks only with the very same text."""
    return [list(s) for s in _stacks(tuple(texts))]


@lru_cache(maxsize=64)
def _stacks(texts: tuple[str, ...]) -> tuple[tuple[int, ...], ...]:
    keys = [fold(t) or f"\0{t.strip()}" for t in texts]
    leader_of: list[int] = [-1] * len(keys)
    exact: dict[str, int] = {}
    leaders: list[int] = []
    for i, key in enumerate(keys):
        if key in exact:
            leader_of[i] = exact[key]
            continue
        exact[key] = i
        leaders.append(i)
    for i, j in sorted(_alike_pairs(keys, leaders)):
        if leader_of[i] == -1 and leader_of[j] == -1:
            leader_of[j] = i  # i leads a stack (it came first and joined none)
    for i in leaders:
        if leader_of[i] == -1:
            leader_of[i] = i
    # Exact copies of a note that joined a stack follow it to that stack's leader.
    grouped: dict[int, list[int]] = {}
    for i in range(len(keys)):
        root = leader_of[i]
        while leader_of[root] != root:
            root = leader_of[root]
        grouped.setdefault(root, []).append(i)
    return tuple(tuple(members) for _, members in sorted(grouped.items()))


def _alike_pairs(keys: list[str], leaders: list[int]) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, of different folded texts at least ``SIMILAR`` alike.

    Linear, not all pairs (a report may hold 30,000 notes): the sorted-neighbourhood
    method. Near-duplicates sort next to each other by their ordered words, unless a slip
    is in the first word, when they sort together by the words read backwards; each text is
    compared with its ``NEIGHBOURS`` nearest in both orders."""
    long_enough = [i for i in leaders if len(keys[i]) >= SHORT and not keys[i].startswith("\0")]
    pairs: set[tuple[int, int]] = set()
    if len(long_enough) < 2:
        return pairs
    for order in (sorted(long_enough, key=lambda i: keys[i]),
                  sorted(long_enough, key=lambda i: keys[i][::-1])):
        texts = [keys[i] for i in order]
        for k, text in enumerate(texts[:-1]):
            # (process.extract, not cdist: cdist answers in numpy, which the themes board
            # must not load just to stack cards.)
            for _, _, step in process.extract(
                    text, texts[k + 1:k + 1 + NEIGHBOURS], scorer=fuzz.ratio,
                    score_cutoff=SIMILAR, limit=None):
                a, b = order[k], order[k + 1 + step]
                pairs.add((min(a, b), max(a, b)))
    return pairs
