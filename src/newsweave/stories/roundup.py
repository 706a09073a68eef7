"""Roundup pages: a page that strings together items of unrelated stories (a network's digest
of the day's news, a "most popular" box run into the text) is no report of the story it was
grouped with. Its quotes, days and sentences belong to those other stories, so a briefing
shows none of them (issue 12: on two held-out sets of Timeline17 days, such items were about a
sixth of the quotes, timeline entries and summary openers read, and every one was judged off
the story).

A roundup is read from the sentence vectors: almost every sentence of the page is far in
meaning from the page's own first sentences. A report stays near its lead (at most four in
five of its sentences far from it, in the Timeline17 articles measured, transcripts of a whole
programme included); a digest's lead is one item, or a headline of none, and the rest are
other items.

A page of teasers says so in words, whatever its vectors: a blog's front page or a news blog
strings its posts' openings, each closed by a "Continue reading" link (three or more of them
in 6 of the Timeline17 articles, every one such a page; one alone is a report's paywall or
its link to a longer version).
"""
from __future__ import annotations

import re

import numpy as np

from newsweave.model import Article

# The first sentences whose mean stands for what a page is about.
LEAD_SENTENCES = 3
# A sentence this far from the lead (cosine under it) is about something else.
FAR_FROM_LEAD = 0.2
# A page with at least this share of its sentences far from its lead is a roundup.
ROUNDUP_SHARE = 0.85
# A link closing one teaser of a page of them.
_TEASER_LINK = re.compile(r"\b(?:Continue reading|Read more|Read the full (?:story|article|post))\b")
# A page with this many such links is a page of teasers.
TEASER_LINKS = 3
# Too short a page to tell: a few sentences may all move on from a one-line lead.
MIN_SENTENCES = 20


def is_roundup(article: Article) -> bool:
    """Whether the article is a page of unrelated items (see the module text); False when its
    sentence vectors have not been computed (nothing is judged without them) and it is no page
    of teasers."""
    if len(_TEASER_LINK.findall(article.text, 0, 1_000_000)) >= TEASER_LINKS:
        return True
    emb = article.values.get("sentence_embeddings")
    if emb is None or len(emb) < MIN_SENTENCES:
        return False
    cached = article.cache.get("roundup")
    if cached is not None and cached[0] is emb:
        return cached[1]
    vectors = np.asarray(emb, dtype=np.float32)
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    lead = vectors[:LEAD_SENTENCES].mean(axis=0)
    lead = lead / max(float(np.linalg.norm(lead)), 1e-12)
    far = float(np.mean(vectors @ lead < FAR_FROM_LEAD))
    verdict = far >= ROUNDUP_SHARE
    article.cache["roundup"] = (emb, verdict)
    return verdict
