"""Story assignment in time partitions, with a reconcile step across partitions.

Articles are cut into partitions of ``partition_days`` by publication time (undated articles
form one partition of their own). Each partition is grouped by ``group_into_stories``, the
batch grouping of ``newsweave brief``, in a ``groupBy().applyInPandas`` task. A story can only
cross a boundary between partitions near it: the clusterer never joins reports more than
``[stories] window_days`` apart. So at each boundary the stories of the earlier partition with
a report in its last ``window_days`` and the stories of the later one with a report in its first
``window_days`` are re-clustered together by ``StoryClusterer.reconcile`` (what ``newsweave
ingest`` does with the stories a batch touched), unless they hold more than ``[stories]
reconcile_limit`` articles. Boundaries are reconciled in time order on the driver, each
on the few articles near it, so a story may chain across several partitions.

The result differs from one grouping of everything only where document frequencies (IDF) over
one partition differ enough from those over the whole run to move a decision; the parity test
and docs/scale.md measure it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from newsweave.config import Config
from newsweave.spark.article_stages import worker_config
from newsweave.spark.rows import unpack

# The partition of undated articles: below any real date's (dates before 1970 are negative).
UNDATED = -(1 << 62)
DAY = 86400.0
ASSIGN_SCHEMA = "part long, id string, story string, title string"


def partition_of(ts: float | None, partition_days: float | None) -> int:
    """The time partition of a publication timestamp (``UNDATED`` when there is none).

    >>> partition_of(None, 28) == UNDATED, partition_of(0.0, 28), partition_of(29 * 86400.0, 28)
    (True, 0, 1)
    """
    if ts is None or (isinstance(ts, float) and math.isnan(ts)):
        return UNDATED
    if not partition_days:
        return 0
    return int(ts // (partition_days * DAY))


def group_partition(config_text: str):
    """applyInPandas function over one partition: rows ``(part, id, order, payload)`` in,
    ``ASSIGN_SCHEMA`` rows out (each article's story id and the story's title)."""
    def run(frame: Any) -> Any:
        import pandas as pd

        from newsweave.stories.cluster import group_into_stories

        config = worker_config(config_text)
        frame = frame.sort_values("order")
        articles = [unpack(p) for p in frame["payload"]]
        part = int(frame["part"].iloc[0])
        rows = [{"part": part, "id": aid, "story": story.id, "title": story.title}
                for story in group_into_stories(articles, config) for aid in story.articles]
        return pd.DataFrame(rows, columns=["part", "id", "story", "title"])
    return run


@dataclass
class Assignment:
    """Stories as the driver holds them between partition grouping and reconcile."""

    story_of: dict[str, str]                        # article id -> story id
    titles: dict[str, str]                          # story id -> title
    aliases: dict[str, str] = field(default_factory=dict)  # merged story id -> kept id
    reconciled: int = 0                             # boundaries re-clustered
    refused: int = 0                                # boundaries over reconcile_limit

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for aid, sid in self.story_of.items():
            out.setdefault(sid, []).append(aid)
        return out


def reconcile(assignment: Assignment, stamps: dict[str, tuple[int, float | None, int]],
              fetch, config: Config, *, partition_days: float | None) -> Assignment:
    """Re-cluster the stories near each boundary between consecutive dated partitions.

    ``stamps`` maps an article id to ``(partition, timestamp, reading order)``; ``fetch(ids)``
    returns those articles (analysed). Changes ``assignment`` in place and returns it."""
    from newsweave.stories.cluster import StoryClusterer, features_of

    window = config.stories.window_days
    parts = sorted({p for p, _, _ in stamps.values() if p != UNDATED})
    if not partition_days or window is None or len(parts) < 2:
        return assignment
    span = partition_days * DAY
    for earlier, later in zip(parts, parts[1:]):
        boundary = later * span
        if (later - earlier) * span > span + window * DAY:
            continue  # an empty gap longer than the clustering window: nothing can join
        members = assignment.members()
        near_ids: set[str] = set()
        for sid, ids in members.items():
            times = [stamps[a][1] for a in ids if stamps[a][1] is not None]
            spots = {stamps[a][0] for a in ids}
            if earlier in spots and times and max(times) >= boundary - window * DAY:
                near_ids.add(sid)
            elif later in spots and times and min(times) < boundary + window * DAY:
                near_ids.add(sid)
        # Which side a story starts on (a story joined at an earlier boundary spans several).
        sides = {min(stamps[a][0] for a in members[s]) <= earlier for s in near_ids}
        if len(sides) < 2:
            continue  # stories near the boundary on one side only: nothing to join
        ids = sorted((a for s in near_ids for a in members[s]), key=lambda a: stamps[a][2])
        if len(ids) > config.stories.reconcile_limit:
            assignment.refused += 1
            continue
        articles = fetch(ids)
        clusterer = StoryClusterer.from_config(config)
        feats = [(features_of(articles[a], seq=stamps[a][2] + 1), assignment.story_of[a])
                 for a in ids]
        created = {}
        for f, sid in feats:
            created[sid] = min(created.get(sid, f.seq), f.seq)
        clusterer.restore(feats, created=created, aliases={},
                          next_seq=max(f.seq for f, _ in feats) + 1)
        if not clusterer.reconcile(ids, limit=config.stories.reconcile_limit):
            assignment.refused += 1
            continue
        assignment.reconciled += 1
        for story in clusterer.stories():
            assignment.titles[story.id] = story.title
            for aid in story.articles:
                assignment.story_of[aid] = story.id
        for alias in clusterer.aliases:
            assignment.aliases[alias] = clusterer.resolve(alias)
        live = set(assignment.story_of.values())
        for sid in list(assignment.titles):
            if sid not in live:
                del assignment.titles[sid]
    return assignment


def story_order(assignment: Assignment, order: dict[str, int]) -> list[tuple[str, list[str]]]:
    """Stories as ``group_into_stories`` orders them: largest first, then by first member;
    members in reading order."""
    stories = [(sid, sorted(ids, key=order.__getitem__))
               for sid, ids in assignment.members().items()]
    stories.sort(key=lambda s: (-len(s[1]), order[s[1][0]]))
    return stories


__all__ = ["ASSIGN_SCHEMA", "Assignment", "UNDATED", "group_partition", "partition_of",
           "reconcile", "story_order"]
