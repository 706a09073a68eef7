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
"""
from __future__ import annotations

import numpy as np

from newsweave.model import Article

# The first sentences whose mean stands for what a page is about.
LEAD_SENTENCES = 3
# A sentence this far from the lead (cosine under it) is about something else.
FAR_FROM_LEAD = 0.2
# A page with at least this share of its sentences far from its lead is a roundup.
ROUNDUP_SHARE = 0.85
# Too short a page to tell: a few sentences may all move on from a one-line lead.
MIN_SENTENCES = 20


def is_roundup(article: Article) -> bool:
    """Whether the article is a page of unrelated items (see the module text); False when its
    sentence vectors have not been computed (nothing is judged without them)."""
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
