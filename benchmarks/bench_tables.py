"""Hostile spreadsheets (issue 12, rule 4): time to refusal (or to the table) and peak memory
for the worst inputs of the issue, each read in a process of its own, beside the plain
openpyxl read-only read (or ``csv.reader``) of the same file in the same run as the floor.

The floor reads rows as fast as the library can, checks nothing and keeps nothing; it reads
at most as many rows as the app may look at (the header and the row limit plus one), since
reading further is exactly what the limits are there to avoid. The floor's own load of a sheet that
does not state its size reads the whole sheet first (openpyxl does), which the app avoids.
Repetitions alternate (app, floor, app, floor); min and median are printed, and the ratio of
the medians. The issue's bound: under 300 MB and under 10 s to refusal for every input.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 2
FLOOR_TIMEOUT = 90

_PROBE = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
mode, path, limit = sys.argv[2], sys.argv[3], int(sys.argv[4])
start = time.perf_counter()
outcome, rows = "", 0
if mode == "app":
    from facilitator.transfer.notes_table import NotesImportError, read_table
    try:
        rows = len(read_table(path).rows)
        outcome = "read"
    except NotesImportError as exc:
        outcome = "refused: " + str(exc).split(": ", 1)[1][:70]
elif path.endswith(".csv"):
    import csv
    with open(path, encoding="utf-8", newline="") as handle:
        for rows, _ in enumerate(csv.reader(handle), start=1):
            if rows >= limit:
                break
    outcome = "floor"
else:
    from openpyxl import load_workbook
    book = load_workbook(path, read_only=True, data_only=True)
    for rows, _ in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
        if rows >= limit:
            break
    book.close()
    outcome = "floor"
def peak_mb():
    # VmHWM: this process's own peak (ru_maxrss keeps the parent's across fork and exec).
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows, "outcome": outcome,
                  "peak_mb": peak_mb()}))
"""


def _cases(folder: Path):
    from tests import hostile_tables as tables

    return [
        ("row 1,048,577 (5 KB xlsx)", tables.row_beyond_excel(folder / "beyond.xlsx")),
        ("2,000,000 rows (1 MB xlsx)", tables.two_million_rows(folder / "two million.xlsx")),
        ("200,000 rows (3 MB xlsx)", tables.many_rows(folder / "many.xlsx")),
        ("merged A2:XFD1048576", tables.merged_to_the_end(folder / "merged.xlsx")),
        ("whole column merged", tables.whole_column_merged(folder / "column.xlsx")),
        ("50 MB CSV", tables.big_csv(folder / "big.csv")),
        ("largest accepted CSV (50,000 x 1,000 chars)",
         tables.widest_accepted_csv(folder / "widest.csv", 50_000, 1_000)),
    ]


def _probe(mode: str, path: Path, limit: int) -> dict:
    try:
        result = subprocess.run(
            [sys.executable, "-c", _PROBE, str(ROOT), mode, str(path), str(limit)],
            capture_output=True, text=True, timeout=FLOOR_TIMEOUT, cwd=ROOT,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        return {"seconds": float(FLOOR_TIMEOUT), "rows": 0, "outcome": "timed out",
                "peak_mb": float("nan")}


def run() -> list[tuple[str, float, str]]:
    from facilitator.transfer.table_base import MAX_ROWS

    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in _cases(Path(tmp)):
            app, floor = [], []
            for _ in range(REPEATS):
                app.append(_probe("app", path, 0))
                floor.append(_probe("floor", path, MAX_ROWS + 2))
            times = [a["seconds"] for a in app]
            floor_times = [f["seconds"] for f in floor]
            print(f"# {name}: {app[0]['outcome']}", file=sys.stderr)
            figures += [
                (f"tables {name}: app min", min(times), "s"),
                (f"tables {name}: app median", statistics.median(times), "s"),
                (f"tables {name}: app peak RSS", max(a["peak_mb"] for a in app), "MB"),
                (f"tables {name}: floor median", statistics.median(floor_times), "s"),
                (f"tables {name}: floor peak RSS", max(f["peak_mb"] for f in floor), "MB"),
                (f"tables {name}: app / floor", statistics.median(times)
                 / max(statistics.median(floor_times), 1e-6), "x"),
            ]
            path.unlink()
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for figure, value, unit in run():
        print(f"{figure}: {value:.3g} {unit}", flush=True)
