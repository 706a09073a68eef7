"""Test helper: a story's findings in briefing shape, through the one builder."""
from __future__ import annotations

from newsweave.model import Article, Story
from newsweave.report.build import Raw, story_dict


def briefed(story: Story, articles: dict[str, Article] | list[Article]) -> dict:
    """The briefing dict of ``story`` (raw offsets, texts), as `report/build.py` makes it."""
    if isinstance(articles, list):
        articles = {a.id: a for a in articles}
    return story_dict(story, Raw(articles))


def view(story: Story, articles: dict[str, Article] | list[Article]):
    """The briefed story with attribute access (``view.claims``, ``view.coverage``)."""
    from types import SimpleNamespace

    return SimpleNamespace(**briefed(story, articles))
