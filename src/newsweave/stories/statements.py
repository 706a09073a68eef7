"""Statements of a story, side by side: each article's check-worthy statements (``claims@1``)
with their vectors, and the measures that compare two of them (embedding similarity, shared
rare words, shared entities and agents).

>>> same_entity("us", "united states"), same_entity("iran", "iraq")
(True, False)
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from newsweave.model import Article, Story
from newsweave.nlp.claims import entity_key

# An entity named in at most about one statement in seven of the story (or in two, in a small
# story) anchors two statements to one occasion; the story's main actors and places do not.
ANCHOR_SHARE = 1 / 7


@dataclass
class Statement:
    article: str
    index: int
    claim: dict
    full: np.ndarray
    core: np.ndarray
    cluster: int = -1
    lemmas: frozenset = field(default_factory=frozenset)
    keys: frozenset = field(default_factory=frozenset)
    # The whole sentence a clause statement was cut from (a divergence's two sides must not be
    # two parts of one sentence), and the outlet that published it (for descriptions).
    sentence: str = ""
    outlet: str = ""


def _entity_keys(claim: dict, labels=("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")) -> set[str]:
    return {e["key"] for e in claim.get("entities", ()) if e["label"] in labels and e["key"]}


def _statements(story: Story, articles: dict[str, Article]) -> list[Statement]:
    out = []
    for aid in story.articles:
        article = articles.get(aid)
        if article is None:
            continue
        claims = article.values.get("claims") or []
        full = article.values.get("claim_embeddings")
        core = article.values.get("claim_core_embeddings")
        if full is None or len(full) != len(claims):
            full = _fallback_vectors(article, claims)
        if core is None or len(core) != len(claims):
            core = full
        sentences = article.layer("sentences")
        for i, claim in enumerate(claims):
            index = claim.get("sentence")
            sentence = (article.text[sentences[index].start:sentences[index].end]
                        if isinstance(index, int) and 0 <= index < len(sentences)
                        else claim.get("text", ""))
            out.append(Statement(aid, i, claim, full[i], core[i],
                                 lemmas=frozenset(claim.get("lemmas", ())),
                                 keys=frozenset(_entity_keys(claim)),
                                 sentence=sentence, outlet=article.meta.source or ""))
    return out


def _fallback_vectors(article: Article, claims: list[dict]) -> np.ndarray:
    """Sentence embeddings of each statement's sentence when the claim vectors are missing."""
    sentences = article.values.get("sentence_embeddings")
    if sentences is None or not len(sentences):
        return np.zeros((len(claims), 1), dtype=np.float32)
    return np.stack([sentences[c["sentence"]] for c in claims]) if claims else np.zeros(
        (0, sentences.shape[1]), dtype=np.float32)


def similarity_matrix(statements: list[Statement]) -> np.ndarray:
    """Cosine similarity of statements: the better of whole-statement and core (the reported
    clause) similarity, so that "Miller said the US will not send troops" meets "Kirby: US troops
    would not be deployed" through what was said, not who said it."""
    if not statements:
        return np.zeros((0, 0))
    full = np.stack([s.full for s in statements]).astype(np.float32)
    core = np.stack([s.core for s in statements]).astype(np.float32)
    return np.maximum(full @ full.T, core @ core.T)


def _idf(statements: list[Statement]) -> dict[str, float]:
    df: Counter = Counter()
    for s in statements:
        df.update(s.lemmas | {"@" + k for k in s.keys})
    n = max(len(statements), 1)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def anchor_idf(statement_count: int) -> float:
    """The idf (as in `_idf`) of an entity named in ``ANCHOR_SHARE`` of a story's statements,
    or in two of them in a small story: rarer entities anchor statements to one occasion."""
    n = max(statement_count, 1)
    return math.log((n + 1) / (max(2.0, n * ANCHOR_SHARE) + 0.5))


def lexical_overlap(a: Statement, b: Statement, idf: dict[str, float]) -> float:
    """idf-weighted Jaccard of content lemmas and entity keys."""
    wa = a.lemmas | {"@" + k for k in a.keys}
    wb = b.lemmas | {"@" + k for k in b.keys}
    if not wa or not wb:
        return 0.0
    inter = sum(idf.get(w, 1.0) for w in wa & wb)
    union = sum(idf.get(w, 1.0) for w in wa | wb)
    return inter / union if union else 0.0


def same_entity(a: str, b: str) -> bool:
    """Two entity keys that name the same thing: equal, an acronym ("us" / "united states"),
    or a shared stem ("ukraine" / "ukrainian", "italy" / "italian", "kirby" / "john kirby").

    >>> same_entity("us", "united states"), same_entity("italy", "italian"), same_entity("iran", "iraq")
    (True, True, False)
    """
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    if len(wa) == 1 and len(wb) > 1 and a == "".join(w[0] for w in wb):
        return True
    if len(wb) == 1 and len(wa) > 1 and b == "".join(w[0] for w in wa):
        return True
    if wa and wb and (wa[-1] == wb[-1] and len(wa[-1]) > 3):
        return True  # "john kirby" / "kirby", "the german chancellor olaf scholz" / "olaf scholz"
    if len(wa) == 1 and len(wb) == 1:
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        return n >= 4 and n >= 0.75 * min(len(a), len(b))
    return False


def _agents(claim: dict) -> set[str]:
    keys = {e["key"] for e in claim.get("entities", ()) if e["role"] in {"agent", "speaker"}}
    if claim.get("speaker"):
        keys.add(entity_key(claim["speaker"]))
    return {k for k in keys if k}


def _overlaps(xs: set[str], ys: set[str]) -> bool:
    return any(same_entity(x, y) for x in xs for y in ys)
