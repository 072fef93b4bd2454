"""Workshop formats are data: ordered steps with prompts, time boxes and tag vocabularies.

Built-in formats are JSON files in ``resources/formats/``. A format also travels
inside every library and workshop file (as its JSON definition), so a report can
be built from a file made with a format this laptop has never seen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.models import ValidationError
from facilitator.resources import resource

#: How the Summary of Results shows a step: aggregated across workshops, or a page each.
REPORT_MODES = ("aggregate", "per-workshop")
#: The one name, on the board and in the report, for notes of a tagged step with no tag yet.
UNTAGGED = "Not yet sorted"


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
    return {
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


def format_from_dict(data: dict, source: str = "format") -> Format:
    """Build and check a format; a bad definition raises ValidationError naming the source."""
    try:
        vocabularies = {
            key: Vocabulary(
                key=key,
                name=str(v["name"]),
                tags=tuple(
                    Tag(str(t["key"]), str(t["label"]), str(t.get("description", "")))
                    for t in v["tags"]
                ),
            )
            for key, v in (data.get("vocabularies") or {}).items()
        }
        steps = tuple(
            Step(
                key=str(s["key"]),
                title=str(s["title"]),
                question=str(s["question"]),
                prompt=str(s.get("prompt", "")),
                minutes=int(s.get("minutes", 0)),
                vocabulary=s.get("vocabulary"),
                report=str(s.get("report", "aggregate")),
            )
            for s in data["steps"]
        )
        fmt = Format(
            key=str(data["key"]),
            name=str(data["name"]),
            version=int(data.get("version", 1)),
            steps=steps,
            vocabularies=vocabularies,
            description=str(data.get("description", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"{source}: not a valid workshop format ({exc!r}).") from None
    if not fmt.steps:
        raise ValidationError(f"{source}: a format needs at least one step.")
    if len(set(fmt.step_keys())) != len(fmt.steps):
        raise ValidationError(f"{source}: two steps share a key.")
    for step in fmt.steps:
        if step.vocabulary and step.vocabulary not in vocabularies:
            raise ValidationError(
                f"{source}: step {step.key!r} uses unknown vocabulary {step.vocabulary!r}."
            )
        if step.report not in REPORT_MODES:
            raise ValidationError(f"{source}: step {step.key!r} has unknown report mode.")
    return fmt


def format_from_json(text: str, source: str = "format") -> Format:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{source}: not valid JSON ({exc}).") from None
    return format_from_dict(data, source)


def load_builtin_formats(folder: Path | None = None) -> dict[str, Format]:
    """The formats shipped in ``resources/formats``, keyed by format key, in file-name order."""
    folder = folder or resource("formats")
    formats: dict[str, Format] = {}
    for path in sorted(folder.glob("*.json")):
        fmt = format_from_json(path.read_text(encoding="utf-8"), source=str(path))
        formats[fmt.key] = fmt
    return formats
