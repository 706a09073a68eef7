"""Copies and rewrites: duplicates by MinHash, rewrites by sentence overlap, origin groups."""
from __future__ import annotations

import zlib
from datetime import datetime, timezone

import numpy as np

from newsweave.model import Article, ArticleMeta, Span, Story
from newsweave.nlp.fingerprint import minhash_values
from newsweave.stories.copies import (copies_stage, find_copies, independent_sources,
                                      origin_groups)


def _vec(text: str) -> np.ndarray:
    vec = np.zeros(128, dtype=np.float32)
    for word in text.lower().replace(".", " ").replace(",", " ").split():
        vec[zlib.crc32(word.encode()) % 128] += 1.0
    return vec / max(float(np.linalg.norm(vec)), 1e-9)


def _article(article_id: str, sentences: list[str], day: int | None = None) -> Article:
    text = "\n".join(sentences)
    published = datetime(2024, 2, day, tzinfo=timezone.utc) if day else None
    article = Article.from_text(article_id, text, ArticleMeta(published=published))
    spans, pos = [], 0
    for sentence in sentences:
        start = article.text.index(sentence, pos)
        spans.append(Span(start, start + len(sentence), "SENT"))
        pos = start + len(sentence)
    article.layers["sentences"] = spans
    article.values["sentence_embeddings"] = np.stack([_vec(s) for s in sentences])
    article.values["embedding"] = _vec(text)
    article.values["minhash"] = minhash_values(article.text)
    return article


WIRE = ["The central bank raised its main interest rate by half a point on Thursday.",
        "It was the third increase this year, taken to slow inflation running near seven percent.",
        "The governor said further moves would depend on wage growth in the spring.",
        "Markets had expected a smaller step, and the currency rose after the decision."]
REWRITE = ["On Thursday the central bank raised its main interest rate by half a point.",
           "It was the third increase this year, taken to slow inflation running near seven percent.",
           "The governor said further moves would depend on wage growth in the spring.",
           "Analysts at two large banks called the move bold."]
OWN = ["Shop owners in the old town said customers were already spending less on food.",
       "A baker said flour had doubled in price since last winter, and he feared the loans.",
       "Several families told reporters they had delayed buying a car or moving house."]


def test_duplicate_rewrite_and_independent_report():
    articles = {
        "wire": _article("wire", WIRE, day=3),
        "copy": _article("copy", WIRE + ["Reporting by the wire desk."], day=4),
        "rewrite": _article("rewrite", REWRITE, day=5),
        "own": _article("own", OWN, day=4),
    }
    story = Story("s-1", ["copy", "rewrite", "own", "wire"])
    copies_stage(story, articles, None)
    kinds = {tuple(c.articles): c.kind for c in story.copies}
    assert kinds[("wire", "copy")] == "duplicate"  # the earlier article is the likely origin
    assert kinds.get(("wire", "rewrite")) == "rewrite" or kinds.get(("copy", "rewrite")) == "rewrite"
    assert all("own" not in c.articles for c in story.copies)
    assert all(0 < c.similarity <= 1 for c in story.copies)
    groups = origin_groups(story)
    assert groups == story.origin_groups
    assert sorted(map(sorted, groups)) == [["copy", "rewrite", "wire"], ["own"]]
    assert [g for g in groups if "wire" in g][0][0] == "wire"  # origin listed first
    assert independent_sources(["wire", "copy", "rewrite"], story) == 1
    assert independent_sources(["wire", "copy", "rewrite", "own"], story) == 2


def test_without_dates_story_order_decides_the_origin():
    articles = {"a": _article("a", WIRE), "b": _article("b", WIRE + ["Extra line here now."])}
    assert find_copies(["b", "a"], articles)[0].articles == ("b", "a")


def test_unrelated_articles_are_all_independent():
    articles = {"x": _article("x", WIRE), "y": _article("y", OWN)}
    story = Story("s-2", ["x", "y"])
    copies_stage(story, articles, None)
    assert story.copies == []
    assert independent_sources(["x", "y"], story) == 2


def test_independent_sources_before_the_stage_counts_articles():
    story = Story("s-3", ["a", "b", "c"])
    assert independent_sources(["a", "b", "c"], story) == 3


def test_takes_sharing_a_sentence_of_their_own_words_are_one_origin():
    from newsweave.stories.copies import copied, shared_sentence_links

    wire = ("Several hundred protesters set up burning barricades and attacked police with "
            "rocks and flares in the centre of the city.")
    quote = ('"We want to create the social conditions that will generate more uprisings," '
             'said a protester.')
    long_quote = ('"We want more people out in the streets," said Nikos, 32, a student who '
                  'joined the marches on the first night.')
    arts = {
        "a": Article.from_text("a", "Riots spread on Monday. " + wire),
        "b": Article.from_text("b", "A quiet night followed. " + wire.replace("centre",
                                                                               "center")),
        "c": Article.from_text("c", "Police were out. " + quote),
        "d": Article.from_text("d", "Shops closed. " + quote.replace("a protester",
                                                                     "the protester")),
        "e": Article.from_text("e", "The mood was tense. " + long_quote),
        "f": Article.from_text("f", "Marches went on. " + long_quote),
    }
    links = {link.articles for link in shared_sentence_links(list(arts), arts)}
    assert ("a", "b") in links and ("e", "f") in links
    # a short attribution ("said a protester") is what any outlet prints: no copy
    assert ("c", "d") not in links
    # a take whose lead-in was edited shares most of its words in order
    assert copied("After the record point, officials briefly stopped the game to allow the coach "
                  "and the athletics director to present him with the game ball.",
                  "As soon as the record shot went through the net, officials briefly stopped "
                  "the game to allow the coach and the athletic director to present him with "
                  "the game ball.")
    assert not copied("Obama met Monday with his Cabinet and Allen for a briefing on the oil "
                      "spill, which began April 20 with an explosion.",
                      "Yesterday, Obama met with Admiral Thad Allen and the president's cabinet "
                      "for a briefing on the oil spill, which began with the rig explosion.")
