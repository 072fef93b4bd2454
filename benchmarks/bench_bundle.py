"""The packaged app: bundle size, and `--self-test` time from the bundle vs from source.

Needs a bundle built first (``python packaging/build.py`` or
``bash packaging/smoke_test.sh``); without one it prints a note and returns no
figures. Both runs use fresh processes, offscreen, in the same run, so the ratio
means the same on a slow laptop and a fast one.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
NAME = "WorkshopFacilitator"


def bundle_dir() -> Path:
    return ROOT / "dist" / NAME


def bundle_executable() -> Path:
    return bundle_dir() / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def folder_size_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / (1024 * 1024)


#: What the sense features (issue 16: similar notes, suggested themes, support-area hints,
#: near-duplicates, the theme picker's fuzzy match) add to the bundle: folders of the
#: onedir bundle's ``_internal`` (a name, or a name followed by "." or "-": the package,
#: its ``.libs`` of shared libraries, its ``.dist-info``). numpy is only there for them.
SENSE_STACK = {
    "numpy (with its OpenBLAS)": ("numpy",),
    "tokenizers": ("tokenizers",),
    "rapidfuzz": ("rapidfuzz",),
    "the model (WordLlama weights and tokenizer)": ("wordllama",),
}


def sense_stack_mb(folder: Path) -> dict[str, float]:
    """MB of each part of the sense stack in the bundle at ``folder``."""
    internal = folder / "_internal" if (folder / "_internal").is_dir() else folder
    sizes = {}
    for part, names in SENSE_STACK.items():
        total = 0
        for entry in internal.iterdir():
            if any(entry.name == n or entry.name.startswith((f"{n}.", f"{n}-"))
                   for n in names):
                files = [entry] if entry.is_file() else entry.rglob("*")
                total += sum(f.stat().st_size for f in files
                             if f.is_file() and not f.is_symlink())
        sizes[part] = total / (1024 * 1024)
    return sizes


def _time(command: list[str]) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
        elapsed = time.perf_counter() - started
        if result.returncode != 0 or "self-test passed" not in result.stdout:
            raise RuntimeError(f"{command[0]} --self-test failed: {result.stderr[-400:]}")
        times.append(elapsed)
    return statistics.median(times)


def run() -> list[tuple[str, float, str]]:
    exe = bundle_executable()
    if not exe.exists():
        print(f"# bench_bundle: no bundle at {exe}; build it with packaging/build.py", file=sys.stderr)
        return []
    size = folder_size_mb(bundle_dir())
    parts = sense_stack_mb(bundle_dir())
    sense = [(f"bundle: {part}", mb, "MB") for part, mb in parts.items()]
    sense += [
        ("bundle: the sense stack in all", sum(parts.values()), "MB"),
        ("bundle: the sense stack's share of the bundle", sum(parts.values()) / size * 100, "%"),
    ]
    bundled = _time([str(exe), "--self-test"])
    source = _time([sys.executable, str(ROOT / "main.py"), "--self-test"])
    return [
        ("bundle size (onedir folder)", size, "MB"),
        *sense,
        ("bundle: --self-test wall time", bundled * 1000, "ms"),
        ("source: --self-test wall time", source * 1000, "ms"),
        ("bundle vs source start-up and self-test", bundled / source, "x"),
    ]


if __name__ == "__main__":
    for figure, value, unit in run():
        print(f"{figure}: {value:.3g} {unit}")
