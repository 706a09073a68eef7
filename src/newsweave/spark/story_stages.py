"""The per-story stages and each story's briefing, as a ``groupBy("story").applyInPandas``.

Each group holds one story's articles; ``pipeline.run_story_stages`` runs the brief-time
article stages and the story stages on it, as ``newsweave brief`` does, and
``report.build.build_briefing`` turns the story into a briefing of the same schema (one per
story: a run of millions of articles is never assembled into one dict on one machine).
"""
from __future__ import annotations

import json
import time
from typing import Any

from newsweave.spark.article_stages import worker_config
from newsweave.spark.rows import unpack

STORY_SCHEMA = ("story string, title string, articles array<string>, n_articles long, "
                "first_order long, record string, briefing string, warnings string")


def brief_story(config_text: str, *, briefings: bool = True):
    """applyInPandas function over one story: rows ``(story, title, order, payload)`` in, one
    ``STORY_SCHEMA`` row out (the Story record as JSON, its briefing, the stage warnings)."""
    def run(frame: Any) -> Any:
        import pandas as pd

        from newsweave.model import Story
        from newsweave.pipeline import run_story_stages
        from newsweave.report.build import build_briefing

        config = worker_config(config_text)
        frame = frame.sort_values("order")
        articles = [unpack(p) for p in frame["payload"]]
        story = Story(str(frame["story"].iloc[0]), articles=[a.id for a in articles],
                      title=str(frame["title"].iloc[0] or ""))
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        warnings = run_story_stages([story], {a.id: a for a in articles}, config,
                                    timings=timings)
        timings["story-stages"] = time.perf_counter() - t0
        briefing = None
        if briefings:
            briefing = json.dumps(build_briefing(articles, [story], skipped=[],
                                                 warnings=warnings, config=config,
                                                 timings=timings), ensure_ascii=False)
        return pd.DataFrame([{
            "story": story.id, "title": story.title, "articles": story.articles,
            "n_articles": len(story.articles), "first_order": int(frame["order"].iloc[0]),
            "record": json.dumps(story.to_dict(), ensure_ascii=False), "briefing": briefing,
            "warnings": json.dumps(warnings, ensure_ascii=False)}])
    return run


def finding_rows(story_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings table's rows of one story: one per finding, ``kind`` naming its list
    (quotes, claims, divergences, actors, positions, timeline, copies, summary...)."""
    from newsweave.model import Story

    rows = []
    for kind in Story.FINDINGS:
        value = record.get(kind)
        items = value if isinstance(value, list) else ([value] if value else [])
        for i, item in enumerate(items):
            rows.append({"story": story_id, "kind": kind, "position": i,
                         "record": json.dumps(item, ensure_ascii=False)})
    return rows


FINDING_SCHEMA = "story string, kind string, position long, record string"
