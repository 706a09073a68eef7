"""Whether a sentence of a story's article is about the story at all.

A network's page may carry several stories (a digest, a video index, a programme's transcript
with a weather segment), and a story's timeline or its "who said what" should not tell the
others: "On February 8, the family vehicle was found in San Ysidro", or a meteorologist's words,
in a story about protests in Egypt. A sentence is off topic when both hold: it is far from the
story's topic (cosine to ``story_centroid`` below ``OFF_TOPIC_SIMILARITY``), and it names no one
and nothing that another article of the story names. Without vectors or entities nothing is
off topic.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

import numpy as np

from newsweave.model import Article
from newsweave.nlp.claims import entity_key
from newsweave.stories.roundup import is_roundup

OFF_TOPIC_SIMILARITY = 0.3
TOPIC_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "LAW"}

# (article, sentence index, start, end) -> off topic?
OffTopic = Callable[[Article, int, int, int], bool]


def story_centroid(article_ids: list[str], articles: dict[str, Article]):
    """The story's topic as one unit vector: the mean, over its articles, of each article's
    mean sentence vector (each article counts once, however long)."""
    means = []
    for aid in article_ids:
        emb = articles[aid].values.get("sentence_embeddings") if aid in articles else None
        if emb is None or not len(emb):
            continue
        m = np.asarray(emb, dtype=np.float32).mean(axis=0)
        means.append(m / max(float(np.linalg.norm(m)), 1e-12))
    if not means:
        return None
    c = np.mean(means, axis=0)
    return c / max(float(np.linalg.norm(c)), 1e-12)


def off_topic(article_ids: list[str], articles: dict[str, Article]) -> OffTopic:
    """The test for the story of ``article_ids`` (see the module text); every sentence of a
    roundup page (``roundup``) is another story's."""
    centroid = story_centroid(article_ids, articles) if len(article_ids) > 1 else None
    named: dict[str, set[str]] = {}
    # (the outlets themselves name nothing of a story: "CNN.com 'Godfather' dies at 63" on a
    # CNN page shares only "CNN" with the other CNN reports)
    outlets = {entity_key(a.meta.source) for a in articles.values() if a.meta.source}
    for aid in article_ids:
        article = articles.get(aid)
        if article is None or "entities" not in article.layers:
            continue
        named[aid] = {key for e in article.layer("entities") if e.label in TOPIC_LABELS
                      for key in [entity_key(article.span_text(e))]
                      if not any(key.startswith(o) for o in outlets)}
    articles_naming = Counter(key for keys in named.values() for key in keys)

    def test(article: Article, sentence: int, start: int, end: int) -> bool:
        if is_roundup(article):
            return True
        emb = article.values.get("sentence_embeddings")
        if centroid is None or emb is None or article.id not in named or \
                not 0 <= sentence < len(emb):
            return False
        if float(np.asarray(emb[sentence], dtype=np.float32) @ centroid) >= \
                OFF_TOPIC_SIMILARITY:
            return False
        own = {entity_key(article.span_text(e)) for e in article.layer("entities")
               if e.label in TOPIC_LABELS and start <= e.start < end}
        # (named by another article: by more articles than this one, if this one names it)
        return not any(articles_naming[k] > (k in named[article.id]) for k in own)

    return test
