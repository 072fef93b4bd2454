"""Workshop formats are data: ordered steps with prompts, time boxes and tag vocabularies.

Built-in formats are JSON files in ``resources/formats/``. A format also travels
inside every library and workshop file (as its JSON definition), so a report can
be built from a file made with a format this laptop has never seen.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from facilitator import limits
from facilitator.models import PARTICIPANT_CATEGORY_LABELS, ValidationError
from facilitator.resources import resource

#: How the Summary of Results shows a step: aggregated across workshops, or a page each.
REPORT_MODES = ("aggregate", "per-workshop")
#: The one name, on the board, the presenter screen and in the report, for notes of a tagged
#: step with no tag yet: a reader's words (the report is read by people who never saw the
#: board; "Not yet sorted" described the facilitator's task, not the ideas).
UNTAGGED = "Other ideas"


@dataclass(frozen=True)
class Tag:
    key: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Vocabulary:
    key: str
    name: str
    tags: tuple[Tag, ...]

    def label_for(self, tag_key: str) -> str:
        for tag in self.tags:
            if tag.key == tag_key:
                return tag.label
        return tag_key

    def keys(self) -> tuple[str, ...]:
        return tuple(tag.key for tag in self.tags)


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    question: str
    prompt: str = ""
    minutes: int = 0
    vocabulary: str | None = None
    report: str = "aggregate"

    def question_for(self, area: str = "") -> str:
        """The question with the programme's area, e.g. 'WHO within Leicestershire communities…'."""
        return self.question.replace("{area}", area.strip() or "our").replace("  ", " ")


@dataclass(frozen=True)
class Format:
    key: str
    name: str
    version: int
    steps: tuple[Step, ...]
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    description: str = ""
    #: What the capture box's sticky label names instead of "Table" (a roadshow: "Stall or
    #: location"); "" keeps "Table or group".
    capture_label: str = ""
    #: Participant categories (``models.PARTICIPANT_CATEGORIES`` keys) counted with one key
    #: each in the run window, for a drop-in stall where nobody signs in; () for none.
    tally: tuple[str, ...] = ()

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(f"Format {self.name!r} has no step {key!r}.")

    def step_keys(self) -> tuple[str, ...]:
        return tuple(step.key for step in self.steps)

    def vocabulary_for(self, step_key: str) -> Vocabulary | None:
        vocabulary = self.step(step_key).vocabulary
        return self.vocabularies.get(vocabulary) if vocabulary else None

    def to_json(self) -> str:
        return json.dumps(format_to_dict(self), ensure_ascii=False, sort_keys=True)


def format_to_dict(fmt: Format) -> dict:
    data = {
        "key": fmt.key,
        "name": fmt.name,
        "version": fmt.version,
        "description": fmt.description,
        "steps": [
            {
                "key": s.key,
                "title": s.title,
                "question": s.question,
                "prompt": s.prompt,
                "minutes": s.minutes,
                "vocabulary": s.vocabulary,
                "report": s.report,
            }
            for s in fmt.steps
        ],
        "vocabularies": {
            key: {
                "name": v.name,
                "tags": [
                    {"key": t.key, "label": t.label, "description": t.description} for t in v.tags
                ],
            }
            for key, v in fmt.vocabularies.items()
        },
    }
    # Only when set, so a format without them keeps the definition it always had.
    if fmt.capture_label:
        data["capture_label"] = fmt.capture_label
    if fmt.tally:
        data["tally"] = list(fmt.tally)
    return data


#: Limits on a format definition, wherever it comes from (built in, a file, a library).
MAX_FORMAT_BYTES = limits.FORMAT_DEFINITION
MAX_FORMAT_DEPTH = 8
MAX_STEPS = 50
MAX_TAGS = 50
MAX_TEXT = limits.LONG_TEXT
MAX_MINUTES = 24 * 60


class _Refused(Exception):
    """One sentence, for a person, saying what is wrong with a format definition."""


def _object(value, what: str) -> dict:
    if not isinstance(value, dict):
        raise _Refused(f"{what} should be a set of named values, not {_kind(value)}")
    return value


def _list(value, what: str, limit: int) -> list:
    if not isinstance(value, list):
        raise _Refused(f"{what} should be a list, not {_kind(value)}")
    if len(value) > limit:
        raise _Refused(f"{what} has {len(value)} entries; at most {limit} are allowed")
    return value


def _string(data: dict, name: str, what: str, default: str | None = None,
            most: int = MAX_TEXT) -> str:
    """The text ``data[name]``, at most ``most`` characters (keys and names are held to
    the bounds of the columns they end up in, ``limits.FIELDS``)."""
    value = data.get(name, default)
    if value is None and default is None and name not in data:
        raise _Refused(f"{what} has no {name}")
    if not isinstance(value, str):
        raise _Refused(f"{what}'s {name} should be text, not {_kind(value)}")
    if len(value) > most:
        raise _Refused(f"{what}'s {name} is {len(value):,} characters long; at most "
                       f"{most:,} are allowed")
    return value


def _whole(data: dict, name: str, what: str, default: int, low: int, high: int) -> int:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Refused(f"{what}'s {name} should be a whole number, not {_kind(value)}")
    if not low <= value <= high:
        raise _Refused(f"{what}'s {name} is {value if abs(value) < 10**9 else 'huge'}; it "
                       f"should be from {low} to {high}")
    return value


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, float):
        return "a number with a fraction, or one too large to use"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of named values"
    return "empty" if value is None else "something else"


def _build(data) -> Format:
    data = _object(data, "The format")
    key = _string(data, "key", "The format", most=limits.KEY)
    what = f"The format {key[:40]!r}"
    vocabularies = {}
    for vkey, v in _object(data.get("vocabularies") or {}, f"{what}'s vocabularies").items():
        vwhat = f"{what}'s vocabulary {vkey[:40]!r}"
        if len(vkey) > limits.KEY:
            raise _Refused(f"{vwhat}'s name is {len(vkey):,} characters long; at most "
                           f"{limits.KEY} are allowed")
        v = _object(v, vwhat)
        tags = []
        for t in _list(v.get("tags"), f"{vwhat}'s tags", MAX_TAGS):
            t = _object(t, f"a tag of {vwhat}")
            tags.append(Tag(_string(t, "key", f"a tag of {vwhat}", most=limits.KEY),
                            _string(t, "label", f"a tag of {vwhat}"),
                            _string(t, "description", f"a tag of {vwhat}", "")))
        vocabularies[vkey] = Vocabulary(vkey, _string(v, "name", vwhat), tuple(tags))
    steps = []
    for s in _list(data.get("steps"), f"{what}'s steps", MAX_STEPS):
        s = _object(s, f"a step of {what}")
        swhat = f"{what}'s step {str(s.get('key', '?'))[:40]!r}"
        vocabulary = s.get("vocabulary")
        if vocabulary is not None and not isinstance(vocabulary, str):
            raise _Refused(f"{swhat}'s vocabulary should be a name, not {_kind(vocabulary)}")
        steps.append(Step(
            key=_string(s, "key", swhat, most=limits.KEY), title=_string(s, "title", swhat),
            question=_string(s, "question", swhat), prompt=_string(s, "prompt", swhat, ""),
            minutes=_whole(s, "minutes", swhat, 0, 0, MAX_MINUTES), vocabulary=vocabulary,
            report=_string(s, "report", swhat, "aggregate"),
        ))
    tally = []
    for category in _list(data.get("tally") or [], f"{what}'s tally", MAX_TAGS):
        if not isinstance(category, str):
            raise _Refused(f"{what}'s tally should list category names, not {_kind(category)}")
        tally.append(category)
    return Format(
        key=key, name=_string(data, "name", what, most=limits.NAME),
        version=_whole(data, "version", what, 1, 1, 1_000_000), steps=tuple(steps),
        vocabularies=vocabularies, description=_string(data, "description", what, ""),
        capture_label=_string(data, "capture_label", what, ""), tally=tuple(tally),
    )


def format_from_dict(data, source: str = "format") -> Format:
    """Build and check a format against the one schema every format meets (built in,
    imported or in a library); a bad definition raises ValidationError with a sentence
    for a person, naming the source."""
    try:
        fmt = _build(data)
    except _Refused as exc:
        raise ValidationError(f"{source}: not a valid workshop format: {exc}.") from None
    if not fmt.steps:
        raise ValidationError(f"{source}: a format needs at least one step.")
    if len(set(fmt.step_keys())) != len(fmt.steps):
        raise ValidationError(f"{source}: two steps share a key.")
    for step in fmt.steps:
        if step.vocabulary and step.vocabulary not in fmt.vocabularies:
            raise ValidationError(
                f"{source}: step {step.key!r} uses unknown vocabulary {step.vocabulary!r}."
            )
        if step.report not in REPORT_MODES:
            raise ValidationError(f"{source}: step {step.key!r} has unknown report mode.")
    unknown = [c for c in fmt.tally if c not in PARTICIPANT_CATEGORY_LABELS]
    if unknown:
        raise ValidationError(f"{source}: the visitor tally names {unknown[0][:40]!r}, which is "
                              "not a participant category.")
    if len(set(fmt.tally)) != len(fmt.tally):
        raise ValidationError(f"{source}: the visitor tally names a category twice.")
    return fmt


def _depth(text: str) -> int:
    """How deeply brackets nest in JSON text (brackets inside strings not counted)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_FORMAT_DEPTH:
                return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def format_from_json(text: str, source: str = "format") -> Format:
    """A format from its JSON text, size and nesting bounded before it is parsed."""
    if not isinstance(text, str):
        raise ValidationError(f"{source}: the format definition is not text.")
    return _format_from_text(text, source)


@functools.lru_cache(maxsize=32)
def _format_from_text(text: str, source: str) -> Format:
    """(A format is immutable, so the same text read again, as every import of a workshop
    file reads the library's formats and the file's, gives the same one; refusals are not
    remembered, so each says its piece again.)"""
    if len(text.encode("utf-8", "replace")) > MAX_FORMAT_BYTES:
        raise ValidationError(
            f"{source}: the format definition is larger than {MAX_FORMAT_BYTES // 1024} KB, "
            "far more than any workshop format needs; refused.")
    if _depth(text) > MAX_FORMAT_DEPTH:
        raise ValidationError(
            f"{source}: the format definition nests lists more than {MAX_FORMAT_DEPTH} deep, "
            "which no workshop format does; refused.")
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise ValidationError(f"{source}: the format definition is not valid JSON "
                              f"({getattr(exc, 'msg', 'unreadable')}).") from None
    return format_from_dict(data, source)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number")


def load_builtin_formats(folder: Path | None = None) -> dict[str, Format]:
    """The formats shipped in ``resources/formats``, keyed by format key, in file-name order."""
    folder = folder or resource("formats")
    formats: dict[str, Format] = {}
    for path in sorted(folder.glob("*.json")):
        fmt = format_from_json(path.read_text(encoding="utf-8"), source=str(path))
        formats[fmt.key] = fmt
    return formats

