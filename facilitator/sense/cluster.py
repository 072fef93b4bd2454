"""Grouping notes by similarity, with the number of groups found, not given.

Average-linkage agglomerative clustering on cosine distance, computed with the
nearest-neighbour-chain algorithm in numpy (O(n²) memory, about n² work: 3,000 notes in a
fraction of a second), cut where merging would join groups whose notes are, on average,
less alike than ``threshold``. Average linkage keeps a group about one thing: a note joins
only when it is close to the group as a whole, not to one of its members (single linkage's
chaining).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Progress = Callable[[float], None]


def linkage(vectors: np.ndarray, progress: Progress | None = None) -> list[tuple[int, int, float]]:
    """All merges (a, b, height) of average-linkage clustering of unit ``vectors``."""
    n = len(vectors)
    if n < 2:
        return []
    dist = 1.0 - (vectors @ vectors.T).astype(np.float64)
    np.fill_diagonal(dist, np.inf)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    merges: list[tuple[int, int, float]] = []
    chain: list[int] = []
    remaining = n
    while remaining > 1:
        if not chain:
            chain.append(int(np.flatnonzero(alive)[0]))
        a = chain[-1]
        row = dist[a]
        b = int(np.argmin(row))
        if len(chain) > 1 and row[chain[-2]] <= row[b]:
            b = chain[-2]
        if len(chain) > 1 and b == chain[-2]:
            chain.pop()
            chain.pop()
            height = float(dist[a, b])
            merges.append((a, b, height))
            merged = (size[a] * dist[a] + size[b] * dist[b]) / (size[a] + size[b])
            dist[a, :] = merged
            dist[:, a] = merged
            dist[a, a] = np.inf
            dist[b, :] = np.inf
            dist[:, b] = np.inf
            size[a] += size[b]
            alive[b] = False
            remaining -= 1
            if progress is not None and remaining % 64 == 0:
                progress(1.0 - remaining / n)
        else:
            chain.append(b)
    return merges


def cut(n: int, merges: list[tuple[int, int, float]], threshold: float) -> list[int]:
    """Group number of each item when merges up to ``threshold`` (a distance) are made."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, height in sorted(merges, key=lambda m: m[2]):
        if height > threshold:
            break
        parent[find(b)] = find(a)
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(n)]


def groups(vectors: np.ndarray, threshold: float, progress: Progress | None = None) -> list[int]:
    return cut(len(vectors), linkage(vectors, progress), threshold)
