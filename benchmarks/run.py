"""Run every benchmark and print one line per figure: ``name: value unit``.

    python benchmarks/run.py            all figures
    python benchmarks/run.py --json     the same, as JSON
    python benchmarks/run.py store      only modules whose name contains "store"

Figures are ratios against a baseline measured in the same run wherever there is
one, so they mean the same on a slow laptop and a fast one. They are figures,
not tests: nothing here fails a build. A figure whose name states an aim
("aim <= 1.5") is listed again at the end, met or not.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: Benchmark modules in ``benchmarks/``; each has ``run() -> list[(name, value, unit)]``.
BENCHMARKS = ["bench_store", "bench_startup", "bench_report", "bench_import", "bench_run",
              "bench_assets",
              "bench_presenter_photos", "bench_bundle", "bench_search", "bench_watch",
              "bench_sense", "bench_phones", "bench_merge", "bench_tables", "bench_photo_limits",
              "bench_action_plan",
              "bench_area_hints", "bench_merge_gui", "bench_announce",
              "bench_notes_check"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of lines")
    parser.add_argument("only", nargs="*", help="run only modules whose name contains these")
    args = parser.parse_args(argv)
    figures = []
    for name in BENCHMARKS:
        if args.only and not any(part in name for part in args.only):
            continue
        if not (ROOT / "benchmarks" / f"{name}.py").exists():
            print(f"# {name}: not present, skipped", file=sys.stderr)
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        for figure, value, unit in module.run():
            figures.append({"name": figure, "value": value, "unit": unit})
            if not args.json:
                print(f"{figure}: {value:.3g} {unit}", flush=True)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for line in against_aims(figures):
            print(line)
    return 0


_AIM = re.compile(r"aim (<=|<|>=|>) ?([0-9.]+)")


def against_aims(figures: list[dict]) -> list[str]:
    """One line per figure that states its aim: the value, the aim, and met or NOT met."""
    lines = []
    for figure in figures:
        found = _AIM.search(figure["name"])
        if not found:
            continue
        sign, bound = found.group(1), float(found.group(2))
        value = figure["value"]
        met = {"<=": value <= bound, "<": value < bound, ">=": value >= bound,
               ">": value > bound}[sign]
        lines.append(f"{'met    ' if met else 'NOT met'} {value:.3g} {figure['unit']} "
                     f"(aim {sign} {bound:g}): {figure['name']}")
    if lines:
        lines.insert(0, "# against the aims")
    return lines


if __name__ == "__main__":
    sys.exit(main())
