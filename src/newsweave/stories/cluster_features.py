"""The features story clustering compares: per article, namespaced term counts (words, title
words, rare words, entities, years, dates, numbers) and the embedding (see ``cluster.py`` for
how they are scored). Cheap to rebuild from a stored article, so the store keeps articles, not
features.
"""
from __future__ import annotations

import hashlib
import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from newsweave import lexicon
from newsweave.model import Article
from newsweave.stories.furniture import display_title

# Size of the hashed bag-of-words that stands in for a missing embedding.
HASHED_DIM = 384
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT",
                           "WORK_OF_ART", "LAW"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
MONTHS = lexicon.MONTH_NAMES
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER = re.compile(r"\d[\d,.]*")
_DAY = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_LEADING_THE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")
_TRIVIAL_NUMBERS = frozenset({"1", "2", "3", "4", "5", "10"})


def _stop_words() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
        return frozenset(STOP_WORDS)
    except ImportError:  # pragma: no cover - spaCy is a dependency; keep a tiny fallback
        return frozenset("a an and are as at be by for from has have he in is it its of on or "
                         "said says she that the their they this to was were will with".split())


STOP_WORDS = _stop_words()


# -- per-article features -------------------------------------------------------------------

@dataclass
class ArticleFeatures:
    """What clustering needs of one article; cheap to rebuild from a stored article.

    ``terms`` maps namespaced keys (``"w|quake"``, ``"per|name:reid"``, ``"year|2008"``, ...)
    to counts; ``embedding`` is None when the article has none."""

    id: str
    seq: int                      # arrival number: fixes the founding member of a story
    title: str
    terms: dict[str, float]
    embedding: np.ndarray | None
    published: datetime | None


def words_of(text: str) -> list[str]:
    """Lower-cased content words (stop words and one-letter tokens dropped).

    >>> words_of("The U.S. Army's 3rd division left Kabul.")
    ['u.s', "army's", '3rd', 'division', 'left', 'kabul']
    """
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOP_WORDS]


def entity_keys(label: str, text: str) -> list[str]:
    """Keys under which an entity mention is matched across articles: its normalised text, and
    for people also the surname alone (reports name a person in full once, then by surname).

    >>> entity_keys("PERSON", "Tara Reid's")
    ['person:tara reid', 'name:reid']
    >>> entity_keys("GPE", "the United States")
    ['gpe:united states']
    """
    norm = " ".join(text.lower().split())
    norm = _POSSESSIVE.sub("", _LEADING_THE.sub("", norm)).strip(" .,;:-\"'“”")
    if not norm or len(norm) < 2:
        return []
    group = "gpe" if label in ("GPE", "LOC", "FAC") else label.lower()
    keys = [f"{group}:{norm}"]
    if label == "PERSON":
        parts = norm.split()
        keys.append(f"name:{parts[-1]}")
    return keys


def features_of(article: Article, *, seq: int = 0) -> ArticleFeatures:
    """The clustering features of an article (uses its ``entities`` layer and ``embedding``
    value when available; works on text alone otherwise).

    >>> f = features_of(Article.from_text("a", "Quake hits Chile\\n\\nThe quake hit Chile in 2010."))
    >>> f.terms["w|quake"], f.terms["t|chile"], f.terms["year|2010"]
    (3, 1, 1)
    """
    title = article.meta.title or ""
    body = article.text
    if title and body.startswith(title):
        body = body[len(title):]
    elif not title:
        title = first_line(article, cut=False)
        body = body[body.find(title) + len(title):] if title in body else body
    terms: Counter[str] = Counter()
    title_words = words_of(title)
    body_words = words_of(body)
    for w in title_words:
        terms["w|" + w] += 2
        terms["t|" + w] += 1
    for w in body_words:
        terms["w|" + w] += 1
    for w in dict.fromkeys(title_words + body_words):  # (a fixed order, unlike a set's)
        terms["r|" + w] = 1  # kept only while rare (see RARE_SHARE)
    years: Counter[str] = Counter()
    lead_year = None
    if "entities" in article.layers:
        for span in article.layer("entities"):
            text = article.span_text(span)
            if span.label in ENTITY_LABELS:
                keys = entity_keys(span.label, text)
                terms.update("n|" + k for k in keys)
                if span.label == "PERSON":
                    terms.update("per|" + k for k in keys if k.startswith("name:"))
                elif span.label in ("GPE", "LOC", "FAC"):
                    terms.update("gpe|" + k for k in keys)
                elif span.label == "ORG":
                    terms.update("org|" + k for k in keys)
            elif span.label == "DATE":
                found = _YEAR.findall(text)
                years.update(found)
                terms.update("n|year:" + y for y in found)
                if found and lead_year is None and span.start < 400:
                    lead_year = found[0]
                low = text.lower()
                for month in MONTHS:
                    if month in low:
                        terms["month|" + month] += 1
                        terms.update(f"md|{month} {d}" for d in _DAY.findall(low)
                                     if 0 < int(d) < 32)
            elif span.label in NUMBER_LABELS:
                for x in _NUMBER.findall(text):
                    x = x.rstrip(".,").replace(",", "")
                    if x and x not in _TRIVIAL_NUMBERS:
                        terms["num|" + x] += 1
    else:  # no entity layer: years from the text
        for m in _YEAR.finditer(article.text):
            years[m.group(1)] += 1
            if lead_year is None and m.start() < 400:
                lead_year = m.group(1)
    for y, c in years.items():
        terms["year|" + y] += c
    if years:
        terms["py|" + max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]] = 1
    if lead_year is not None:
        terms["ly|" + lead_year] = 1
    emb = article.values.get("embedding")
    if emb is not None:
        emb = np.asarray(emb, dtype=np.float32)
        if emb.ndim != 1 or not np.any(emb):
            emb = None
    published = article.meta.published
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    # the title shown for a story: a headline or a lead sentence that reads alone, never a
    # caption, a byline or a timestamp (stories.furniture.display_title)
    return ArticleFeatures(article.id, seq, display_title(article.meta.title, article.text),
                           dict(terms), emb, published)


def first_line(article: Article, cut: bool = True) -> str:
    for line in article.text.splitlines():
        if line.strip():
            line = line.strip()
            if not cut or len(line) <= 120:
                return line
            return line[:119].rsplit(" ", 1)[0] + "…"
    return article.id if cut else ""


def story_id_for(article_id: str, salt: int = 0) -> str:
    """The id of a story founded by ``article_id``.

    >>> story_id_for("reuters-0001")
    's-577f1d25ba'
    """
    key = article_id if not salt else f"{article_id}#{salt}"
    return "s-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def hashed_embedding(terms: dict[str, float], dim: int = HASHED_DIM) -> np.ndarray:
    """A stand-in embedding for articles without one: a hashed bag of their words."""
    vec = np.zeros(dim, dtype=np.float32)
    for key, count in terms.items():
        if key.startswith("w|"):
            vec[zlib.crc32(key.encode("utf-8")) % dim] += 1.0 + math.log(count)
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec
