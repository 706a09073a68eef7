"""Which sentence opens a summary when a report's lead cannot (spaCy backed; sentences written
here): one from further down opens only when its subject names someone."""
from __future__ import annotations

import pytest

from newsweave.config import load_config
from newsweave.model import Article, Story
from newsweave.stories.summarize import summarize_stage

pytest.importorskip("spacy")


def _summary(text: str) -> list[str]:
    from newsweave.pipeline import run_article_stages

    config = load_config()
    articles, skipped = run_article_stages([Article.from_text("a", text)], config)
    assert not skipped
    story = Story("s", ["a"])
    summarize_stage(story, {"a": articles[0]}, config)
    return [s.text for s in story.summary]


def test_a_feature_s_colour_does_not_open_the_summary():
    summary = _summary(
        "She still keeps his old coat by the door of the house. "
        "A major in the Portville police, 39, was a nurse in the army for three years. "
        "People at nearby tables in the Portville cafe listen in as they stir their coffee. "
        "Mayor Ann Roe said on Monday that the Portville harbour would reopen in May. "
        "He kept the coat.")
    assert summary[0].startswith("Mayor Ann Roe said")
