"""Roundup pages (stories/roundup.py): a page of unrelated items lends a story nothing."""
from __future__ import annotations

import numpy as np

from newsweave.config import load_config
from newsweave.model import Article, Story
from newsweave.pipeline import run_article_stages, run_story_stages
from newsweave.stories.roundup import MIN_SENTENCES, is_roundup


def _vectors(n: int, near_lead: int, seed: int = 0) -> np.ndarray:
    """``n`` unit vectors: three lead ones alike, ``near_lead`` more close to them, the rest
    scattered (another item each)."""
    rng = np.random.default_rng(seed)
    lead = rng.normal(size=64)
    out = []
    for i in range(n):
        v = lead + 0.3 * rng.normal(size=64) if i < 3 + near_lead else rng.normal(size=64)
        out.append(v / np.linalg.norm(v))
    return np.asarray(out, dtype=np.float32)


def _article(vectors) -> Article:
    article = Article.from_text("a", "Text.")
    if vectors is not None:
        article.values["sentence_embeddings"] = vectors
    return article


def test_a_page_far_from_its_lead_is_a_roundup_and_a_report_is_not():
    assert is_roundup(_article(_vectors(40, near_lead=0)))
    assert not is_roundup(_article(_vectors(40, near_lead=20)))
    # too short to tell, or not embedded: nothing is judged
    assert not is_roundup(_article(_vectors(MIN_SENTENCES - 1, near_lead=0)))
    assert not is_roundup(_article(None))


def test_a_page_of_teasers_is_a_roundup_whatever_its_vectors():
    teaser = "Mayor Ann Roe opened the bridge on Monday. Continue reading ... "
    article = Article.from_text("a", teaser * 3)
    article.values["sentence_embeddings"] = _vectors(40, near_lead=37)
    assert is_roundup(article)
    # one such link is a report's paywall or its link to a longer version
    article = Article.from_text("b", teaser + "Ferries ran late.")
    article.values["sentence_embeddings"] = _vectors(40, near_lead=37)
    assert not is_roundup(article)


def test_a_roundup_pages_quotes_are_not_the_storys():
    config = load_config(pipeline={"article_stages": ["spacy@1", "quotes@1"],
                                   "story_stages": ["people@1"]})
    text = " ".join(f"Item {i} happened in town {i}." for i in range(30)) + \
        " Mayor Ann Roe said the bridge would reopen on Monday."
    articles, _ = run_article_stages([Article.from_text("a", text)], config)
    (article,) = articles
    story = Story("s", ["a"])
    n = len(article.layer("sentences"))
    for near, shown in ((n, True), (0, False)):
        article.values["sentence_embeddings"] = _vectors(n, near_lead=min(near, n - 3))
        article.cache.pop("roundup", None)
        assert not run_story_stages([story], {"a": article}, config)
        assert bool(story.quotes) is shown


def test_a_quote_of_another_story_on_a_shared_page_is_not_the_storys():
    # a digest page: the story's item, then another story's item naming nothing the story's
    # other report names, far from the story's topic
    config = load_config(pipeline={"article_stages": ["spacy@1", "quotes@1"],
                                   "story_stages": ["people@1"]})
    texts = {"a": "Protesters marched in Cairo on Monday. Mayor Ann Roe said Cairo was calm.",
             "c": "Shops in Cairo closed on Monday. Banks in Cairo stayed shut.",
             "b": "Crowds filled Cairo on Monday. Ivo Lund, a shop owner, said the crowds were "
                  "peaceful. The storm closed Oslo airport. Pilot Tom Hale said the runway "
                  "was covered in ice."}
    articles, _ = run_article_stages([Article.from_text(k, t) for k, t in texts.items()], config)
    by_id = {a.id: a for a in articles}
    topic, other = np.eye(8, dtype=np.float32)[0], np.eye(8, dtype=np.float32)[1]
    for article in articles:
        article.values["sentence_embeddings"] = np.stack([
            other if ("storm" in article.span_text(s) or "runway" in article.span_text(s))
            else topic for s in article.layer("sentences")])
    story = Story("s", ["a", "b", "c"])
    assert not run_story_stages([story], by_id, config)
    speakers = {q.speaker_name for q in story.quotes}
    assert "Tom Hale" not in speakers and {"Ann Roe", "Ivo Lund"} <= speakers
