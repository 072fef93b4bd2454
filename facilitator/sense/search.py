"""Search over the notes: turning what a person types into a safe FTS5 query.

Words are matched whole (accents and case folded), ``word*`` matches a prefix, and
``"two words"`` a phrase; ``OR`` between two terms matches either. Anything else — an
unbalanced quote, a bracket, ``NEAR``, a colon — is taken as plain words, so no query can
fail: the worst is one that finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: A run of word characters (letters, digits, marks), as FTS5's unicode61 tokenizer sees it.
WORD = re.compile(r"[^\W_]+(?:[_'’][^\W_]+)*", re.UNICODE)
HIGHLIGHT_START, HIGHLIGHT_END = "\x01", "\x02"


@dataclass
class SearchFilters:
    """What the search is limited to; None (or False) means no limit."""

    programme_id: str | None = None
    workshop_ids: list[str] | None = None
    step_key: str | None = None
    tag: str | None = None
    untagged: bool = False
    theme_ids: list[str] | None = None
    unthemed: bool = False


@dataclass
class SearchHit:
    note_id: str
    workshop_id: str
    workshop_code: str
    step_key: str
    text: str
    theme: str
    tags: list[str] = field(default_factory=list)
    #: The note's text with matches between HIGHLIGHT_START and HIGHLIGHT_END.
    marked: str = ""

    def spans(self) -> list[tuple[str, bool]]:
        """The text as (piece, is_match) pairs, for drawing the highlights."""
        out, rest = [], self.marked or self.text
        while rest:
            start = rest.find(HIGHLIGHT_START)
            if start < 0:
                out.append((rest, False))
                break
            if start:
                out.append((rest[:start], False))
            end = rest.find(HIGHLIGHT_END, start)
            end = len(rest) if end < 0 else end
            out.append((rest[start + 1:end], True))
            rest = rest[end + 1:]
        return [(piece, hit) for piece, hit in out if piece]


def _quote(words: list[str]) -> str:
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def to_fts(query: str, *, prefix_last: bool = False) -> str:
    """An FTS5 MATCH expression for ``query`` ("" when it has no words to look for).

    ``prefix_last`` makes the last word a prefix (search as you type)."""
    terms: list[str] = []
    quotes = query.count('"')
    parts = re.split(r'("[^"]*")', query) if quotes and quotes % 2 == 0 else [
        query.replace('"', " ")]
    for part in parts:
        if part.startswith('"') and part.endswith('"') and len(part) >= 2:
            words = WORD.findall(part[1:-1])
            if words:
                terms.append(_quote(words))
            continue
        for raw in part.split():
            if raw == "OR":
                terms.append("OR")
                continue
            words = WORD.findall(raw)
            if not words:
                continue
            term = _quote(words)
            if raw.endswith("*") and len(words) == 1:
                term += "*"
            terms.append(term)
    # OR must stand between two terms; elsewhere it is dropped (it was meant as a word)
    cleaned: list[str] = []
    for i, term in enumerate(terms):
        if term == "OR":
            if cleaned and cleaned[-1] != "OR" and i + 1 < len(terms) and terms[i + 1] != "OR":
                cleaned.append(term)
            continue
        cleaned.append(term)
    if prefix_last and cleaned and not cleaned[-1].endswith("*") and cleaned[-1] != "OR" \
            and query.rstrip() == query and not query.endswith('"'):
        cleaned[-1] += "*"
    return " ".join(cleaned)


def tag_keys(store, wanted: str) -> list[str]:
    """The tag keys a person means by ``wanted``: a key or a label of any format's
    vocabularies (e.g. "getting-started" or "Support to get started"), case ignored."""
    want = " ".join(wanted.split()).casefold()
    keys = []
    for fmt in store.formats().values():
        for vocabulary in fmt.vocabularies.values():
            for tag in vocabulary.tags:
                if want in (tag.key.casefold(), tag.label.casefold()) and tag.key not in keys:
                    keys.append(tag.key)
    return keys


def search(store, query: str, filters: SearchFilters | None = None, *, limit: int = 200,
           prefix_last: bool = False) -> list[SearchHit]:
    """Notes matching ``query`` (see ``to_fts``), best first."""
    return store.search_notes(to_fts(query, prefix_last=prefix_last), filters, limit=limit)
