"""Origins: wire credits, outlets and copies decide what counts once (invented texts)."""
from __future__ import annotations

import pytest

from newsweave.model import Article, ArticleMeta, Copy, Story
from newsweave.stories.copies import group_origins, independent_sources
from newsweave.stories.origins import origin_of, outlet_of, wire_of

BODY = " Officials said on Monday that the talks would resume next week in the capital."


@pytest.mark.parametrize("text, meta, wire", [
    ("KYIV, Ukraine (AP) \u2014" + BODY, {}, "Associated Press"),
    ("LONDON, May 3 (Reuters) -" + BODY, {}, "Reuters"),
    ("PARIS (AFP) \u2013" + BODY, {}, "AFP"),
    ("By Jane Doe, Associated Press\n\n" + BODY, {}, "Associated Press"),
    ("Headline here\nBy JOHN ROE | Reuters\n" + BODY, {}, "Reuters"),
    (BODY + "\n(Reporting by Ann Smith; Editing by Tom Lee)", {}, "Reuters"),
    (BODY + "\nCopyright 2024 The Associated Press. All rights reserved.", {}, "Associated Press"),
    (BODY, {"author": "Staff and agencies, AFP"}, "AFP"),
    (BODY, {"source": "Reuters"}, "Reuters"),
    # negatives: an agency named in the story, an abbreviation without a dateline dash
    ("The minister told Reuters that" + BODY, {}, None),
    ("The AP style guide (AP) was updated." + BODY, {}, None),
    ("A report by the Associated Press said" + BODY, {}, None),
    (BODY, {"source": "BBC News"}, None),
])
def test_wire_credits(text, meta, wire):
    article = Article.from_text("a", text, ArticleMeta(**meta))
    found = wire_of(article)
    assert (found[0] if found else None) == wire


@pytest.mark.parametrize("meta, outlet", [
    ({"source": "The Guardian"}, "guardian"),
    ({"url": "https://www.bbc.co.uk/news/world-1"}, "bbc.co.uk"),
    ({"url": "https://amp.cnn.com/2024/story"}, "cnn.com"),
    ({"url": "not a url"}, None),
    ({}, None),
])
def test_outlets(meta, outlet):
    assert outlet_of(Article.from_text("a", BODY, ArticleMeta(**meta))) == outlet


def _story(*items: tuple[str, str, dict]) -> tuple[Story, dict[str, Article]]:
    articles = {aid: Article.from_text(aid, text, ArticleMeta(**meta)) for aid, text, meta in items}
    return Story("s", list(articles)), articles


def test_takes_of_one_wire_story_and_bulletins_of_one_outlet_count_once():
    story, articles = _story(
        ("ap1", "WASHINGTON (AP) \u2014 The Senate passed the bill on Tuesday.", {"source": "AP"}),
        ("ap2", "WASHINGTON (AP) \u2014 The Senate passed the bill on Tuesday after a long "
                "debate, sending it to the president.", {"source": "Yahoo News"}),
        ("bbc1", "The US Senate has passed the bill.", {"source": "BBC"}),
        ("bbc2", "US senators voted for the bill late on Tuesday.", {"source": "BBC"}),
        ("own", "Senators passed the measure after midnight.", {"source": "The Hill"}),
        ("anon", "A bill passed the Senate.", {}),
    )
    groups = group_origins(story.articles, [], articles)
    by_first = {g.articles[0]: g for g in groups}
    assert set(by_first["ap1"].articles) == {"ap1", "ap2"}
    assert "Associated Press" in by_first["ap1"].reasons[0]
    assert set(by_first["bbc1"].articles) == {"bbc1", "bbc2"}
    story.origins = groups
    assert independent_sources(story.articles, story) == 4  # AP, BBC, The Hill, anon


def test_copy_links_join_origins_and_say_why():
    story, articles = _story(("a", "Rain fell.", {"source": "One"}),
                             ("b", "Rain fell!", {"source": "Two"}))
    groups = group_origins(story.articles, [Copy(("a", "b"), "duplicate", 0.97)], articles)
    assert len(groups) == 1 and groups[0].reasons == ("b is a duplicate of a",)


def test_origin_of_unknown_article_is_itself():
    origin = origin_of(Article.from_text("x", BODY))
    assert origin.key == "article:x"
