"""Re-clustering one group of units (articles, or blocks of a large story): average-linkage
agglomeration stopped at the threshold, then small clusters join the best larger one; never
across a time gap over the window. Deterministic for a given set of units.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newsweave.stories.cluster_scoring import Vec, VectorSpace

# Re-clusterings of at most this many units find each merge with one pass over the matrix.
_SMALL_GROUP = 64


@dataclass
class Unit:
    """What a re-clustering moves as one piece: one article, or a block of a large story."""

    articles: list[str]  # in arrival (seq) order
    vec: Vec             # sum of the articles' vectors
    first: float
    last: float
    key: str             # smallest article id: a fixed order that does not depend on arrival
    story: str | None = None     # the story when the unit is all of it (its sum is reused)
    first_dt: datetime | None = None
    last_dt: datetime | None = None


def stamp(published: datetime | None) -> float:
    """Seconds since the epoch, NaN when undated (NaN compares False with any gap)."""
    return published.timestamp() if published is not None else math.nan


def agglomerate(units: list[Unit], space: VectorSpace, *, threshold: float,
            attach_threshold: float, attach_size: int,
            window_days: float | None) -> list[list[Unit]]:
    """Average-linkage clustering of the units stopped at ``threshold``, then small clusters
    join the best larger one at ``attach_threshold``; no merge across a time gap over
    ``window_days``. Deterministic for a given set of units. Returns the clusters as lists
    of units."""
    units = sorted(units, key=lambda u: u.key)
    n = len(units)
    size = np.array([len(u.articles) for u in units], dtype=np.float64)
    groups = [[u] for u in units]
    if n == 1:
        return groups
    sims = space.gram([u.vec for u in units])
    sims = sims / np.outer(size, size) + space.model.bias
    first = np.array([u.first for u in units])
    last = np.array([u.last for u in units])
    np.fill_diagonal(sims, -np.inf)
    window = None if window_days is None else window_days * 86400.0

    def forbid_far(i: int) -> None:
        if window is None or math.isnan(first[i]):
            return
        gap = np.maximum(first - last[i], first[i] - last)
        far = gap > window  # NaN (undated) compares False
        sims[i, far] = -np.inf
        sims[far, i] = -np.inf

    if window is not None:
        gap = np.maximum(first[None, :] - last[:, None], first[:, None] - last[None, :])
        sims[gap > window] = -np.inf  # NaN (undated) compares False
    active = np.ones(n, dtype=bool)

    def merge(i: int, j: int) -> None:
        merged = (size[i] * sims[i] + size[j] * sims[j]) / (size[i] + size[j])
        sims[i, :] = merged
        sims[:, i] = merged
        sims[j, :] = -np.inf
        sims[:, j] = -np.inf
        sims[i, i] = -np.inf
        size[i] += size[j]
        active[j] = False
        groups[i].extend(groups[j])
        groups[j] = []
        first[i] = np.fmin(first[i], first[j])
        last[i] = np.fmax(last[i], last[j])
        forbid_far(i)

    # Merge the best pair (the first row holding the highest score, its first column
    # holding it) while it reaches the threshold.
    if n <= _SMALL_GROUP:  # one pass over the matrix per merge
        while True:
            i, j = divmod(int(np.argmax(sims)), n)
            if not sims[i, j] >= threshold:
                break
            merge(i, j)
    else:  # each row's best column, updated for the rows a merge touches
        best_j = np.argmax(sims, axis=1)
        best_v = sims[np.arange(n), best_j]
        while True:
            i = int(np.argmax(best_v))
            if not best_v[i] >= threshold:
                break
            j = int(best_j[i])
            merge(i, j)
            best_v[j] = -np.inf
            stale = np.flatnonzero(active & ((best_j == i) | (best_j == j)))
            for x in list(stale) + [i]:
                best_j[x] = int(np.argmax(sims[x]))
                best_v[x] = sims[x, best_j[x]]
            better = active & (sims[:, i] > best_v)
            best_j[better] = i
            best_v[better] = sims[better, i]
    # Small clusters join the larger cluster they score best with.
    big = active & (size > attach_size)
    if big.any():
        small = [i for i in np.flatnonzero(active & ~big)]
        small.sort(key=lambda i: (size[i], min(u.key for u in groups[i])))
        for i in small:
            row = np.where(big, sims[i], -np.inf)
            j = int(np.argmax(row))
            if row[j] >= attach_threshold:
                merge(j, i)
    return [g for g in groups if g]
