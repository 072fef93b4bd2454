"""The programme question ("add these workshops to the existing programme, or keep it
separate?"), the alias that remembers the answer, and the look-alike warnings an import
gives (records made separately on two laptops with the same name).

Split from ``facilitator.transfer.workshop_file``, which runs an import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from facilitator.models import Programme, name_key, utc_now
from facilitator.names import same_name
from facilitator.store import Store
from facilitator.store import assets as assets_sql
from facilitator.store import library_ops as lib_ops
from facilitator.store import transfer_merge as lib
from facilitator.store.transfer_file import FileContent
from facilitator.transfer import identity
from facilitator.transfer.merge import FileSummary

SEPARATE = "separate"


@dataclass
class ProgrammeQuestion:
    """A programme in a file that is not in the library by identity, while one with the same
    title (case, spacing and punctuation aside) is: add its workshops to that one, or keep
    it separate? The answer is remembered (a redirect), so it is asked once per laptop."""

    file_programme_id: str
    file_title: str
    candidates: list[Programme]

    def message(self, path: Path) -> str:
        target = self.candidates[0].title
        return (
            f"The programme “{self.file_title}” in {path.name} was set up separately from "
            f"“{target}” in this library, which has the same title: it needs a choice: add "
            f"its workshops to “{target}” (--into \"{target}\") or keep it separate "
            "(--separate)."
        )


def programme_questions(store: Store, content: FileContent) -> list[ProgrammeQuestion]:
    """The file's programmes that need the question (see ProgrammeQuestion)."""
    known = identity.combine(
        [r.row() for r in lib_ops.redirects(store, include_deleted=True)],
        content.rows["merged_records"],
    )
    redirects = identity.Redirects.resolve(known)
    rows = [r for r in content.rows["programmes"] if not r["deleted"]]
    merged_into: dict[str, set[str]] = {}
    for old, new in redirects.targets.get("programmes", {}).items():
        merged_into.setdefault(new, set()).add(old)
    wanted = set()
    for row in rows:
        target = redirects.target("programmes", row["id"])
        wanted |= {target} | merged_into.get(target, set())
    local_ids = lib_ops.existing_ids(store, "programmes", wanted)
    purged = lib_ops.purged_ids(store)["programmes"]
    questions = []
    live = None
    for row in rows:
        target = redirects.target("programmes", row["id"])
        # Known here by identity, or a programme here was merged into it (on any laptop).
        if ({target} | merged_into.get(target, set())) & local_ids:
            continue
        if target in purged or row["id"] in purged:
            continue
        live = store.programmes() if live is None else live
        candidates = [p for p in live if name_key(p.title) == name_key(row["title"])]
        if candidates:
            questions.append(ProgrammeQuestion(row["id"], row["title"], candidates))
    return questions


def alias_programme(
    store: Store, content: FileContent, file_programme_id: str, target_id: str,
    summary: FileSummary,
) -> None:
    """The choice "add these workshops to the existing programme": the file's programme is
    kept as a deleted row redirected to the chosen one (so the next file from that laptop,
    and files exported from here back to it, merge without asking), and its themes that
    have a label the chosen programme already uses are redirected to those themes."""
    now = utc_now()
    target = store.get_programme(target_id)
    row = next(r for r in content.rows["programmes"] if r["id"] == file_programme_id)
    lib_ops.insert_row(store, "programmes", {**row, "deleted": 1, "updated_at": now})
    redirects = [lib_ops.Redirect("programmes", file_programme_id, target_id, now, now)]
    existing = {(t.step_key, name_key(t.label)): t for t in store.themes(target_id)}
    themes = [r for r in content.rows["themes"]
              if r["programme_id"] == file_programme_id and not r["deleted"]]
    local = lib_ops.existing_ids(store, "themes", [t["id"] for t in themes])
    for theme in themes:
        match = existing.get((theme["step_key"], name_key(theme["label"])))
        if match is None or theme["id"] in local:
            continue
        lib_ops.insert_row(store, "themes", {**theme, "deleted": 1, "updated_at": now})
        redirects.append(lib_ops.Redirect("themes", theme["id"], match.id, now, now))
    lib_ops.save_redirects(store, redirects)
    summary.changes.append(
        f"Programme “{row['title']}” from this file added to “{target.title}”, as chosen"
        + (f" ({len(redirects) - 1} theme(s) of the same label joined)" if len(redirects) > 1
           else "")
    )


def look_alikes(store: Store, summary: FileSummary) -> list[str]:
    """New programmes, themes and workshops that look like ones already here but were made
    separately (another UUID): they are kept apart, and the officer should know."""
    warnings = []
    added_programmes = summary.added.get("programmes", [])
    programmes = lib.live_names(store, "programmes", "title") if added_programmes else []
    for programme_id in added_programmes:
        programme = store.get_programme(programme_id)
        if _has_twin(programme.id, programme.deleted, programme.title, programmes):
            warnings.append(
                f"The programme “{programme.title}” in this file was created separately from "
                "the one of the same name already here, so its workshops are listed under a "
                "second programme of that name."
            )
    for theme_id in summary.added.get("themes", []):
        theme = store.get_theme(theme_id)
        if _has_twin(theme.id, theme.deleted, theme.label, lib.live_names(
                store, "themes", "label", programme_id=theme.programme_id,
                step_key=theme.step_key)):
            warnings.append(
                f"The theme “{theme.label}” ({theme.step_key.upper()}) was also made on "
                "another laptop: the report counts them as one theme; merge them on the "
                "themes board to keep them together."
            )
    asset_names: dict[str, dict[str, int]] = {}
    for asset_id in summary.added.get("assets", []):
        asset = assets_sql.get_asset(store, asset_id)
        if asset.deleted:
            continue
        if asset.programme_id not in asset_names:
            counted: dict[str, int] = {}
            for other in assets_sql.assets(store, asset.programme_id):
                counted[name_key(other.name)] = counted.get(name_key(other.name), 0) + 1
            asset_names[asset.programme_id] = counted
        if asset_names[asset.programme_id].get(name_key(asset.name), 0) > 1:
            warnings.append(
                f"The asset “{asset.name}” was also added on another laptop: merge the two "
                "in the asset register (Possible duplicates)."
            )
    for workshop_id in summary.added.get("workshops", []):
        workshop = store.get_workshop(workshop_id)
        if _has_twin(workshop.id, workshop.deleted, workshop.code, lib.live_names(
                store, "workshops", "code", programme_id=workshop.programme_id)):
            warnings.append(
                f"Workshop code {workshop.code} now appears twice in the same programme "
                "(made separately on two laptops): if it is one workshop written up by two "
                "scribes, merge the two (Workshop ▸ Merge…, or main.py merge-workshops); "
                "otherwise give one another code."
            )
    return warnings


def _has_twin(record_id: str, deleted: bool, name: str,
              others: list[tuple[str, str]]) -> bool:
    """Whether another live record, among ``others`` (live: id and name), has the same name
    as the record."""
    key = same_name(name)
    return not deleted and any(
        other_id != record_id and same_name(other) == key for other_id, other in others
    )
