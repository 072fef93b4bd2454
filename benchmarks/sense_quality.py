"""Scores for grouping and similar notes against labelled sets (no scikit-learn needed)."""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: CLINC150 lies in the project's shared/ folder, beside the repository (or above a worktree).
CLINC = next((p / "shared" / "data" / "clinc150" / "test.csv" for p in ROOT.parents
              if (p / "shared" / "data" / "clinc150" / "test.csv").is_file()),
             ROOT.parent / "shared" / "data" / "clinc150" / "test.csv")
BANKING = ROOT / "tests" / "data" / "banking77_subset.csv"


def read_labelled(path: Path) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["category"] for r in rows]


def _entropy(counts) -> float:
    total = sum(counts)
    return -sum(c / total * math.log(c / total) for c in counts if c)


def homogeneity_completeness_v(labels: list, groups: list) -> tuple[float, float, float]:
    """As scikit-learn's ``homogeneity_completeness_v_measure`` (beta = 1)."""
    n = len(labels)
    joint = Counter(zip(labels, groups, strict=True))
    h_c = _entropy(Counter(labels).values())
    h_k = _entropy(Counter(groups).values())
    by_group = Counter(groups)
    by_label = Counter(labels)
    h_c_given_k = -sum(c / n * math.log(c / by_group[k]) for (_, k), c in joint.items())
    h_k_given_c = -sum(c / n * math.log(c / by_label[lab]) for (lab, _), c in joint.items())
    homogeneity = 1.0 if h_c == 0 else 1 - h_c_given_k / h_c
    completeness = 1.0 if h_k == 0 else 1 - h_k_given_c / h_k
    v = 0.0 if homogeneity + completeness == 0 else \
        2 * homogeneity * completeness / (homogeneity + completeness)
    return homogeneity, completeness, v
