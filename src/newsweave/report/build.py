"""The one builder: a run's articles and stories (typed records) → the briefing dict.

This is the only place where cleaned-text offsets become raw offsets and where the briefing's
JSON shape (``newsweave/briefing@1``, schema in ``report/schema/briefing-1.schema.json``) is
decided. JSON, Markdown, HTML, the exports, the web API and the store all read what it returns.
The contract only grows: keys are added, never renamed or removed.

>>> from newsweave.model import Article, Story
>>> from newsweave.config import load_config
>>> a = Article.from_text("a", "Rain fell.")
>>> b = build_briefing([a], [Story("s-1", ["a"])], skipped=[], warnings=[],
...                    config=load_config(), timings={})
>>> b["schema"], b["stories"][0]["articles"]
('newsweave/briefing@1', ['a'])
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable

from newsweave import __version__
from newsweave.config import Config
from newsweave.model import (Actor, Article, Claim, Copy, Coverage, Divergence, Evidence,
                             PositionGroup, Quote, Span, Story, SummarySentence, TimelineEvent)

SCHEMA = "newsweave/briefing@1"


class Raw:
    """Maps records of one run to raw offsets and raw text slices."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self.articles = articles

    def range(self, article_id: str, start: int, end: int) -> tuple[int, int]:
        return self.articles[article_id].to_raw(start, end)

    def evidence(self, ev: Evidence) -> dict[str, Any]:
        """``{"article", "start", "end", "text"}`` in raw offsets; ``text`` is ``raw[start:end]``
        (so exports and readers can quote the passage without the article's file)."""
        start, end = self.range(ev.article, ev.start, ev.end)
        return {"article": ev.article, "start": start, "end": end,
                "text": self.articles[ev.article].raw[start:end]}

    def evidences(self, items: Iterable[Evidence]) -> list[dict[str, Any]]:
        return [self.evidence(ev) for ev in items if ev.article in self.articles]

    def span(self, article_id: str, span: Span) -> dict[str, Any]:
        start, end = self.range(article_id, span.start, span.end)
        return {"text": self.articles[article_id].raw[start:end], "start": start, "end": end}


def briefing_schema() -> dict[str, Any]:
    """The JSON Schema of ``newsweave/briefing@1`` (draft 2020-12), as shipped with the package.

    >>> briefing_schema()["properties"]["schema"]["const"]
    'newsweave/briefing@1'
    """
    import json
    from importlib import resources

    text = resources.files("newsweave").joinpath("report/schema/briefing-1.schema.json")
    return json.loads(text.read_text("utf-8"))


def build_briefing(
    articles: list[Article], stories: list[Story], *, skipped: list[dict],
    warnings: list[dict], config: Config, timings: dict[str, float],
) -> dict[str, Any]:
    """Assemble the one briefing dict of a run (see the module docstring)."""
    raw = Raw({a.id: a for a in articles})
    return {
        "schema": SCHEMA,
        "articles": [article_dict(a) for a in articles],
        "skipped": skipped,
        "warnings": warnings,
        "stories": [story_dict(story, raw) for story in stories],
        "meta": {
            "version": __version__,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "config": config.model_dump(),
            "timings": {k: round(v, 3) for k, v in timings.items()},
        },
    }


def article_dict(article: Article) -> dict[str, Any]:
    meta = article.meta
    return {"id": article.id, "title": meta.title, "source": meta.source,
            "published": meta.published_iso(), "path": meta.path, "url": meta.url,
            "author": meta.author, "raw": article.raw}


def story_dict(story: Story, raw: Raw) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "articles": list(story.articles),
        "summary": [summary_sentence(s, raw) for s in story.summary],
        "quotes": [quote_dict(q, raw) for q in story.quotes if q.article in raw.articles],
        "claims": [claim_dict(c, raw) for c in story.claims],
        "divergences": [divergence_dict(d, raw) for d in story.divergences],
        "actors": [actor_dict(a, raw) for a in story.actors],
        "question": story.question,
        "timeline": [timeline_dict(e, raw) for e in story.timeline],
        "copies": [copy_dict(c) for c in story.copies],
        "aliases": list(story.aliases),
        "origin_groups": [list(g) for g in story.origin_groups or [[a] for a in story.articles]],
        "origins": [{"articles": list(g.articles), "label": g.label, "reasons": list(g.reasons)}
                    for g in story.origins or []],
        "coverage": coverage_dict(story.coverage, story),
        "positions_by_affiliation": [position_dict(p) for p in story.positions],
    }
    for key, value in story.extra.items():
        if key not in out and not key.startswith("_"):
            out[key] = value
    return out


def summary_sentence(sentence: SummarySentence, raw: Raw) -> dict[str, Any]:
    return {"text": sentence.text, "citations": raw.evidences(sentence.citations)}


def quote_dict(q: Quote, raw: Raw) -> dict[str, Any]:
    speaker: dict[str, Any] = {"name": q.speaker_name, "text": None, "start": None, "end": None,
                               "role": q.role, "affiliation": q.affiliation,
                               "type": q.speaker_type}
    if q.speaker is not None:
        speaker.update(raw.span(q.article, q.speaker))
    return {
        "article": q.article,
        "speaker": speaker,
        "cue": raw.span(q.article, q.cue) if q.cue is not None else None,
        "content": [raw.span(q.article, s) for s in q.content],
        "direct": q.direct,
        "anonymous": q.anonymous,
        "also_reported_by": list(q.also_reported_by),
        "altered": [{"article": v.article, "text": v.text, "diff": v.diff} for v in q.variants],
    }


def claim_dict(claim: Claim, raw: Raw) -> dict[str, Any]:
    return {
        "id": claim.id, "text": claim.text, "status": claim.status,
        "sources": list(claim.sources), "independent_sources": claim.independent_sources,
        "evidence": raw.evidences(claim.evidence), "speakers": list(claim.speakers),
        "disputed_by": raw.evidences(claim.disputed_by), "check": claim.check,
    }


def divergence_dict(d: Divergence, raw: Raw) -> dict[str, Any]:
    return {"about": d.about, "kind": d.kind, "over_time": d.over_time, "check": d.check,
            "sides": [{"text": s.text, "claim": s.claim, "evidence": raw.evidences(s.evidence)}
                      for s in d.sides]}


def actor_dict(actor: Actor, raw: Raw) -> dict[str, Any]:
    evidence = []
    for e in actor.stance_evidence:
        if e.article not in raw.articles:
            continue
        item = raw.evidence(Evidence(e.article, e.start, e.end))
        item.update(polarity=e.polarity, kind=e.kind)
        evidence.append(item)
    return {"name": actor.name, "aliases": list(actor.aliases), "role": actor.role,
            "affiliation": actor.affiliation, "type": actor.type, "mentions": actor.mentions,
            "stance": actor.stance, "stance_evidence": evidence}


def timeline_dict(event: TimelineEvent, raw: Raw) -> dict[str, Any]:
    out: dict[str, Any] = {"date": event.date, "text": event.text,
                           "evidence": raw.evidences(event.evidence), "sources": event.sources}
    if event.year_evidence is not None and event.year_evidence.article in raw.articles:
        out["year_evidence"] = raw.evidence(event.year_evidence)
    if event.planned:
        out["planned"] = True
    return out


def copy_dict(copy: Copy) -> dict[str, Any]:
    return {"articles": list(copy.articles), "kind": copy.kind, "similarity": copy.similarity}


def coverage_dict(coverage: Coverage | None, story: Story) -> dict[str, Any]:
    """``cells[s][c]``: what source ``sources[s]`` does with claim ``claims[c]``."""
    if coverage is None:
        return {"claims": [], "sources": list(story.articles), "cells": []}
    return {"claims": list(coverage.claims), "sources": list(coverage.sources),
            "cells": [list(row) for row in coverage.cells]}


def position_dict(group: PositionGroup) -> dict[str, Any]:
    return {"affiliation": group.affiliation, "stance": group.stance,
            "counts": dict(group.counts), "actors": list(group.actors)}
