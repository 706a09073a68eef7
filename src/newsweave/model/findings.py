"""Findings: what corpus stages conclude. Each carries its evidence as (article id, span)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """A passage of one article, in *cleaned-text* coordinates of that article."""

    article: str
    start: int
    end: int


@dataclass
class SummarySentence:
    text: str
    citations: list[Evidence] = field(default_factory=list)


@dataclass
class Story:
    """A group of articles about one event, with everything the corpus stages found in it.

    The summary keeps `Evidence` in cleaned-text coordinates (mapped to raw offsets when the
    briefing is assembled). The other findings are plain dicts already in briefing shape, with
    raw offsets (story stages convert with `Article.to_raw`), so the contract stays in one place.
    """

    id: str
    articles: list[str]
    title: str = ""
    summary: list[SummarySentence] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    divergences: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    question: str | None = None
    timeline: list[dict] = field(default_factory=list)
    copies: list[dict] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
