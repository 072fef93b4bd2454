"""Formats in a workshop file: never replaced by an import (issue 12, rule 2); a differing
one is added as a new format version that only the file's workshops use.

Split from ``facilitator.transfer.workshop_file``, which runs an import.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from facilitator.formats import format_from_json, format_to_dict, load_builtin_formats
from facilitator.store import Store
from facilitator.store import transfer_merge as lib
from facilitator.store.transfer_file import FileContent
from facilitator.transfer.merge import FileSummary, Outcome, shorten


@dataclass
class FormatPlan:
    """Which format each of the file's workshops will use here, and the formats to add."""

    #: The file's format key -> the key its workshops use here, where they differ.
    mapping: dict[str, str]
    #: Format rows to add (the file's formats new here, and new versions of changed ones).
    added: list[dict]
    unchanged: int
    #: One line per new version, for the summary.
    lines: list[str]


def _format_body(fmt) -> str:
    """A format's definition without its key and name: what decides where notes go."""
    data = format_to_dict(fmt)
    data.pop("key")
    data.pop("name")
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def plan_formats(store: Store, content: FileContent, path: Path) -> FormatPlan:
    """Formats are never replaced by an import (issue 12, rule 2): a format the library has
    is kept as it is for every workshop already here. A format in the file that is new here
    is added; one that differs from the library's format of the same key (a built-in one
    included, whatever version number the file claims) is added as a new format version, a
    copy under its own key that only the file's workshops use. That copy's key comes from its
    content, so importing the file again, or on another laptop, finds the same one, and a
    copy exported back to the laptop it came from is recognised there as its own format.
    Formats the file carries that none of its workshops use are ignored."""
    used = {r["format_key"] for r in content.rows["workshops"]}
    incoming = [r for r in content.rows["formats"] if r["key"] in used]
    stored = lib.format_definitions(store)
    if all(stored.get(r["key"]) == r["definition"] for r in incoming):
        # Each is the library's format to the letter (the usual case): nothing to work out.
        return FormatPlan({}, [], len(incoming), [])
    local = store.formats()
    by_body: dict[str, str] = {}

    def same_body(body: str) -> str | None:
        # Every library format's body, worked out the first time a file's format is not
        # simply the library's own.
        if not by_body:
            for key, fmt in sorted(local.items()):
                by_body.setdefault(_format_body(fmt), key)
        return by_body.get(body)

    plan = FormatPlan({}, [], 0, [])
    codes: dict[str, list[str]] = {}
    for row in content.rows["workshops"]:
        codes.setdefault(row["format_key"], []).append(row["code"])
    for row in incoming:
        fmt = format_from_json(row["definition"], source=f"format {row['key']!r}")
        mine = local.get(row["key"])
        body = _format_body(fmt)
        if mine is not None and _format_body(mine) == body:
            plan.unchanged += 1
            continue
        same = same_body(body)
        if same is not None:
            # The same definition is here under another key (a copy made by an earlier
            # import, or the original of a copy coming back): the workshops use that one.
            plan.mapping[row["key"]] = same
            plan.unchanged += 1
            continue
        if mine is None:
            plan.added.append(row)
            local[row["key"]] = fmt
            by_body[body] = row["key"]
            continue
        _add_version(plan, row, fmt, body, local, by_body, codes[row["key"]])
    return plan


def _add_version(plan: FormatPlan, row: dict, fmt, body: str, local: dict,
                 by_body: dict[str, str], codes: list[str]) -> None:
    """Plan the file's format ``row``, which differs from the library's of its key, as a new
    format version: a copy under its own key (from its content, ``body``) that only the
    file's workshops (``codes``) use."""
    digest = hashlib.blake2b(body.encode(), digest_size=4).hexdigest()
    key = f"{row['key'][:40]}~{digest}"
    name = f"{fmt.name[:200]} (version {fmt.version}, {digest})"
    version = replace(fmt, key=key, name=name)
    plan.added.append({**row, "key": key, "name": name, "definition": version.to_json()})
    plan.mapping[row["key"]] = key
    by_body[body] = key
    local[key] = version
    what = "the built-in format" if row["key"] in _builtin_keys() else "the format"
    plan.lines.append(
        f"Format “{shorten(fmt.name, 80)}” in this file differs from {what} of that name "
        f"here, which is kept for the workshops already here; the file's version is added "
        f"as “{shorten(name, 100)}” for its workshops ({', '.join(codes[:10])})"
    )


@functools.cache
def _builtin_keys() -> frozenset[str]:
    return frozenset(load_builtin_formats())


def merge_formats(store: Store, plan: FormatPlan, summary: FileSummary) -> None:
    counts = summary.counts.setdefault("formats", Counter())
    counts[Outcome.ADDED] += len(plan.added)
    counts[Outcome.UNCHANGED] += plan.unchanged
    lib.upsert(store, "formats", plan.added)
    summary.changes.extend(plan.lines)
