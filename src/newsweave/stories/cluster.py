"""Incremental story clustering with stable ids and an order-independent result.

Two articles belong to one story when they report the same event, not merely the same kind of
event: two earthquakes share their vocabulary but not their places, dates and people. The
similarity of two articles is therefore a *learned score*: the log-odds that they report one
event, a weighted sum of a few similarities, each a dot product of two per-article vectors:

- words (TF-IDF of title ×2 + body), title words, named entities, and *rare* words (words in
  fewer than one article in 50: the event's own vocabulary), each a cosine;
- the article embedding (MiniLM; a hashed bag of words when an article has none);
- per kind of detail (persons by surname, places, organisations, years, the leading year,
  the most named year, month-day dates, months, numbers): a cosine of the two sets that rewards
  agreement, and a ``both name one`` indicator whose weight is negative, so that two articles
  naming *different* places, persons, years or numbers of the same kind are pushed apart.

The weights (``WEIGHTS``) were fitted by logistic regression on article pairs of ECB+ topics
1-35 (``benchmarks/ecbplus.py --train``); leave-topics-out cross-validation of the whole
procedure is ``benchmarks/ecbplus.py --cv``. Because every part is a dot product, the mean
score between two groups of articles (average linkage) is a dot product of their *sums*: a story
is held as the sum of its members' vectors and compared with anything in constant time.

Assignment works per batch (``add_many``; ``add`` is a batch of one):

1. the batch's articles are vectorised (IDF over every article seen so far) and each finds its
   ``candidates`` nearest live stories by mean embedding (stories whose last report is more than
   two windows older than the newest article leave the index, which keeps the cost flat);
2. new articles, the candidate stories they score at least ``attach_threshold`` with, and the
   batch articles that score that high with each other form groups (bounded in size);
3. each group is re-clustered from scratch in a fixed order: average-linkage agglomeration
   stopped at ``threshold``, then every cluster of at most ``attach_size`` articles joins the
   larger cluster it scores best with if that reaches ``attach_threshold`` (lone reports of an
   event use other words than the main coverage). Stories larger than ``split_limit`` take
   part as one block (their new members separately), which bounds the work per group.

The procedure depends on the set of articles in a group, not on their order, which makes the
final grouping (nearly) order-independent; ``consolidate(full=True)`` re-clusters everything.

Ids never change: a story's id is ``s-`` plus a short hash of its founding article's id. When
a re-clustering finds that two stories are one, the story keeping the most of its members keeps
its id and the other id becomes an alias (``resolve`` maps it).

>>> from newsweave.model import Article
>>> clusterer = StoryClusterer()
>>> s1 = clusterer.add(Article.from_text("a", "Strong earthquake strikes Chile coast, tsunami warning issued"))
>>> s2 = clusterer.add(Article.from_text("b", "Chile earthquake: tsunami warning issued after strong quake hits coast"))
>>> s1 == s2, s1.startswith("s-")
(True, True)
"""
from __future__ import annotations

import hashlib
import math
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

import numpy as np
from scipy.sparse import csr_matrix

from newsweave.model import Article, Story

# Defaults; each can be overridden in the [stories] section of the config.
DEFAULTS: dict[str, float | int | None] = {
    # Mean pair score (log-odds of "same event") at which articles and stories are merged.
    "threshold": 0.5,
    # Small clusters (at most attach_size articles) join the best larger story at this score.
    "attach_threshold": -4.0,
    "attach_size": 3,
    # No story spans a gap between reports longer than this (days); None: no limit.
    "window_days": 7.0,
    # Nearest stories by embedding that each new article is scored against.
    "candidates": 20,
    # Stories larger than this take part in a re-clustering as one block.
    "split_limit": 16,
    # At most this many articles are re-clustered together (the strongest links first).
    "max_group": 500,
}

# Sparse parts: weight of each part's cosine. Dense parts: embedding cosine and the "both
# name one" indicators of the detail kinds. Fitted with `benchmarks/ecbplus.py --train` on
# all pairs of ECB+ topics 1-35 (see the module docstring); the bias is the intercept.
WEIGHTS: dict[str, float] = {
    "w": 3.297, "t": 1.64, "n": 2.02, "r": 12.009, "embedding": 9.78,
    "per": 5.19, "gpe": 2.494, "org": 0.135, "year": 0.781, "md": 1.036, "month": 1.987,
    "num": 2.299, "py": 0.359, "ly": 2.6,
    "has:per": -0.274, "has:gpe": -0.698, "has:org": -0.536, "has:year": -0.281,
    "has:md": -0.011, "has:month": -1.007, "has:num": -1.029, "has:py": -0.281,
    "has:ly": -0.351,
    "bias": -8.822,
}
TEXT_PARTS = ("w", "t", "n", "r")
DETAIL_PARTS = ("per", "gpe", "org", "year", "md", "month", "num", "py", "ly")
SPARSE_PARTS = TEXT_PARTS + DETAIL_PARTS
BINARY_PARTS = frozenset(DETAIL_PARTS)
_BINARY_PART = np.array([p in BINARY_PARTS for p in SPARSE_PARTS])

PRIOR_DOCUMENTS = 100
# A word is "rare" when at most this share of the articles seen (or 3 articles) use it.
RARE_SHARE = 0.02
RARE_MIN_DF = 3
HASHED_DIM = 384
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT",
                           "WORK_OF_ART", "LAW"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
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
        title = _first_line(article, cut=False)
        body = body[body.find(title) + len(title):] if title in body else body
    terms: Counter[str] = Counter()
    title_words = words_of(title)
    body_words = words_of(body)
    for w in title_words:
        terms["w|" + w] += 2
        terms["t|" + w] += 1
    for w in body_words:
        terms["w|" + w] += 1
    for w in set(title_words) | set(body_words):
        terms["r|" + w] = 1  # kept only while rare (see RARE_IDF)
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
    return ArticleFeatures(article.id, seq, article.meta.title or _first_line(article),
                           dict(terms), emb, published)


def _first_line(article: Article, cut: bool = True) -> str:
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


# -- vectors ----------------------------------------------------------------------------------

class _Vocabulary:
    """Key ids, the part of each key, and document frequencies, in growing numpy arrays."""

    def __init__(self) -> None:
        self.id_of: dict[str, int] = {}
        self.part = np.zeros(1024, dtype=np.int16)
        self.df = np.zeros(1024, dtype=np.float64)
        self.n = 0
        self.part_index = {p: i for i, p in enumerate(SPARSE_PARTS)}

    def ids(self, keys: Iterable[str]) -> np.ndarray:
        out = []
        for key in keys:
            i = self.id_of.get(key)
            if i is None:
                i = len(self.id_of)
                self.id_of[key] = i
                if i >= len(self.df):
                    self.df = np.concatenate([self.df, np.zeros_like(self.df)])
                    self.part = np.concatenate([self.part, np.zeros_like(self.part)])
                self.part[i] = self.part_index[key.split("|", 1)[0]]
            out.append(i)
        return np.asarray(out, dtype=np.int64)

    def idf(self, ids: np.ndarray) -> np.ndarray:
        # As if PRIOR_DOCUMENTS other articles, none with the key, had been seen: a handful of
        # articles cannot show that a word is common, only that they share it.
        return np.log((self.n + PRIOR_DOCUMENTS + 1) / (self.df[ids] + 0.5))


class _Model:
    """The pair score as vectors: score(a, b) = x(a)·x(b) + d(a)ᵀ G d(b) + bias, with x the
    sparse parts scaled by the square roots of their weights, d the embedding (scaled) and the
    "has" indicators, G a diagonal of ones and the indicator weights."""

    def __init__(self, weights: dict[str, float]) -> None:
        w = {**WEIGHTS, **weights}
        self.bias = float(w["bias"])
        self.part_scale = np.array([math.sqrt(max(0.0, w[p])) for p in SPARSE_PARTS])
        self.emb_scale = math.sqrt(max(0.0, w["embedding"]))
        self.has_weight = np.array([w["has:" + p] for p in DETAIL_PARTS])
        self.detail_index = np.array([SPARSE_PARTS.index(p) for p in DETAIL_PARTS])


@dataclass
class _Vec:
    idx: np.ndarray      # sorted key ids
    val: np.ndarray      # values (float64)
    dense: np.ndarray    # [scaled embedding, has indicators] (float32)
    seen: int = 0        # articles seen when the IDF weights were taken


# -- stories ----------------------------------------------------------------------------------

@dataclass
class StoryState:
    """A story as the clusterer holds it: members and the sum of their vectors."""

    id: str
    created_seq: int
    members: list[str] = field(default_factory=list)
    first: datetime | None = None
    last: datetime | None = None
    sum: _Vec | None = None
    _title: str = ""
    _title_of: object = None  # computes the title when first asked (it costs a pass)

    def date_range(self) -> tuple[datetime | None, datetime | None]:
        return self.first, self.last

    def title(self) -> str:
        if not self._title and self._title_of is not None:
            self._title = self._title_of(self)
        return self._title


@dataclass
class Changes:
    """What changed since the last ``pop_changes``: for a store to persist."""

    memberships: dict[str, str] = field(default_factory=dict)   # article id -> story id
    stories: set[str] = field(default_factory=set)              # created or changed
    aliases: dict[str, str] = field(default_factory=dict)       # old id -> story id


@dataclass
class _Unit:
    """What a re-clustering moves as one piece: one article, or a block of a large story."""

    articles: list[str]
    vec: _Vec
    first: float
    last: float
    key: str             # smallest article id: a fixed order that does not depend on arrival


class StoryClusterer:
    """Assigns articles to stories as they arrive; see the module docstring for the method.

    >>> clusterer = StoryClusterer(window_days=None)
    >>> clusterer.stories()
    []
    """

    def __init__(self, *, weights: dict[str, float] | None = None, **options) -> None:
        unknown = set(options) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"unknown clustering option(s): {', '.join(sorted(unknown))}")
        opts = {**DEFAULTS, **options}
        self.threshold = float(opts["threshold"])
        self.attach_threshold = float(opts["attach_threshold"])
        self.attach_size = int(opts["attach_size"])
        wd = opts["window_days"]
        self.window_days = None if wd is None or float(wd) <= 0 else float(wd)
        self.n_candidates = int(opts["candidates"])
        self.split_limit = int(opts["split_limit"])
        self.max_group = int(opts["max_group"])
        self.model = _Model(weights or {})
        self.vocab = _Vocabulary()
        self.features: dict[str, ArticleFeatures] = {}
        self._ids: dict[str, tuple[np.ndarray, np.ndarray]] = {}   # article -> (key ids, counts)
        self._vectors: dict[str, _Vec] = {}
        self.story_of_article: dict[str, str] = {}
        self._stories: dict[str, StoryState] = {}
        self.aliases: dict[str, str] = {}
        self._next_seq = 1
        self._unchecked: list[str] = []   # added one by one since the last consolidate()
        self._changes = Changes()
        self._dim = 0
        # Candidate index: mean embedding of each live story, in a growing matrix.
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._row_of: dict[str, int] = {}
        self._story_at: list[str | None] = []
        self._newest = -math.inf

    @classmethod
    def from_config(cls, config=None) -> "StoryClusterer":
        options = dict(config.section("stories")) if config is not None else {}
        options = {k: v for k, v in options.items() if k in DEFAULTS}
        return cls(**options)

    # -- public API -------------------------------------------------------------------------

    def add(self, article: Article) -> str:
        """Assign one article (joining the best story or founding one); returns its story id.
        Call ``consolidate`` after adding one by one to re-check them together."""
        f = features_of(article, seq=self._take_seq())
        self._process([f])
        self._unchecked.append(f.id)
        return self.story_of(f.id)

    def add_many(self, articles: Iterable[Article]) -> list[str]:
        """Add a batch (re-clustered together with the stories it touches); returns the story
        id of each article."""
        feats = [features_of(a, seq=self._take_seq()) for a in articles]
        self.add_features(feats)
        return [self.story_of(f.id) for f in feats]

    def add_features(self, feats: list[ArticleFeatures]) -> None:
        for f in feats:
            self._next_seq = max(self._next_seq, f.seq + 1)
        self._process(feats)

    def story_of(self, article_id: str) -> str:
        return self.story_of_article[article_id]

    def resolve(self, story_id: str) -> str:
        """The current id of a story, following aliases left by merges."""
        seen = set()
        while story_id in self.aliases and story_id not in seen:
            seen.add(story_id)
            story_id = self.aliases[story_id]
        return story_id

    def story_state(self, story_id: str) -> StoryState | None:
        return self._stories.get(self.resolve(story_id))

    def stories(self) -> list[Story]:
        """The current stories, in order of foundation, as ``Story`` records (members in arrival
        order, title of the most central member, aliases in ``extra``)."""
        aliases: dict[str, list[str]] = defaultdict(list)
        for alias in self.aliases:
            aliases[self.resolve(alias)].append(alias)
        out = []
        for state in sorted(self._stories.values(), key=lambda s: s.created_seq):
            story = Story(state.id, articles=list(state.members), title=state.title())
            story.extra["aliases"] = sorted(aliases.get(state.id, []))
            out.append(story)
        return out

    def pop_changes(self) -> Changes:
        changes, self._changes = self._changes, Changes()
        return changes

    def restore(self, members: list[tuple[ArticleFeatures, str]], *, created: dict[str, int],
                aliases: dict[str, str], next_seq: int) -> None:
        """Rebuild the state from stored stories: ``members`` are (features, story id) pairs."""
        self.aliases.update(aliases)
        for f, _ in members:
            self._register(f)
        by_story: dict[str, list[str]] = defaultdict(list)
        for f, sid in members:
            by_story[sid].append(f.id)
        for sid, ids in by_story.items():
            ids.sort(key=lambda a: self.features[a].seq)
            state = StoryState(sid, created.get(sid, self.features[ids[0]].seq))
            self._stories[sid] = state
            self._rebuild(state, ids)
        self._next_seq = max(self._next_seq, next_seq)
        self._changes = Changes()

    def consolidate(self, *, full: bool = False) -> None:
        """Re-cluster the articles added one by one since the last call together with the
        stories near them (``full=True``: every story, from scratch)."""
        if full:
            self._unchecked.clear()
            self._vectors.clear()  # rebuilt with the IDF of everything seen
            self._recluster([set(self._stories)], set(), loose=[set(self.features)], split=False)
            return
        ids, self._unchecked = self._unchecked, []
        ids = [a for a in ids if a in self.features]
        if ids:
            self._process([self.features[a] for a in ids], registered=True)

    # -- vectors ----------------------------------------------------------------------------

    def _take_seq(self) -> int:
        seq = self._next_seq
        self._next_seq += 1
        return seq

    def _register(self, f: ArticleFeatures) -> None:
        if f.id in self.features:
            raise ValueError(f"article {f.id} was already added to the clusterer")
        if f.embedding is not None:
            if self._dim == 0:
                self._dim = int(f.embedding.shape[0])
            elif f.embedding.shape[0] != self._dim:
                f.embedding = None
        self.features[f.id] = f
        keys = list(f.terms)
        ids = self.vocab.ids(keys)
        counts = np.fromiter((f.terms[k] for k in keys), dtype=np.float64, count=len(keys))
        order = np.argsort(ids)
        ids, counts = ids[order], counts[order]
        self._ids[f.id] = (ids, counts)
        self.vocab.df[ids] += 1.0
        self.vocab.n += 1
        if f.published is not None:
            self._newest = max(self._newest, f.published.timestamp())

    def _stale(self, aid: str) -> bool:
        """Whether an article's vector was weighted with an IDF from far fewer articles than
        now (refreshing only then costs O(log n) refreshes per article over a stream)."""
        vec = self._vectors.get(aid)
        return vec is not None and self.vocab.n > 1.25 * vec.seen + 10

    def _vector(self, aid: str) -> _Vec:
        vec = self._vectors.get(aid)
        if vec is not None:
            return vec
        ids, counts = self._ids[aid]
        vocab, model = self.vocab, self.model
        part = vocab.part[ids].astype(np.int64)
        idf = vocab.idf(ids)
        binary = _BINARY_PART[part]
        tf = np.where(binary, 1.0, 1.0 + np.log(np.maximum(counts, 1.0)))
        val = tf * idf
        rare_part = SPARSE_PARTS.index("r")
        rare_df = max(RARE_MIN_DF, RARE_SHARE * vocab.n)
        val[(part == rare_part) & (vocab.df[ids] > rare_df)] = 0.0
        norms = np.sqrt(np.bincount(part, weights=val * val, minlength=len(SPARSE_PARTS)))
        has = norms > 0
        val = val / np.where(norms[part] > 0, norms[part], 1.0) * model.part_scale[part]
        keep = val != 0
        f = self.features[aid]
        emb = f.embedding
        if emb is None:
            emb = hashed_embedding(f.terms, self._dim or HASHED_DIM)
        dense = np.concatenate([model.emb_scale * emb.astype(np.float32),
                                has[model.detail_index].astype(np.float32)])
        vec = _Vec(ids[keep], val[keep], dense, vocab.n)
        self._vectors[aid] = vec
        return vec

    def _sum(self, vecs: list[_Vec]) -> _Vec:
        if len(vecs) == 1:
            v = vecs[0]
            return _Vec(v.idx, v.val, v.dense.copy())
        idx = np.concatenate([v.idx for v in vecs])
        val = np.concatenate([v.val for v in vecs])
        uniq, inv = np.unique(idx, return_inverse=True)
        return _Vec(uniq, np.bincount(inv, weights=val, minlength=len(uniq)),
                    np.sum([v.dense for v in vecs], axis=0))

    def _dense_gram(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Dense part of the score between rows of ``a`` and rows of ``b``."""
        k = len(self.model.has_weight)
        out = a[:, :-k] @ b[:, :-k].T
        out += (a[:, -k:] * self.model.has_weight) @ b[:, -k:].T
        return out

    def _gram(self, left: list[_Vec], right: list[_Vec]) -> np.ndarray:
        """Summed pair scores (without the bias) between two lists of (summed) vectors."""
        def sparse(vecs):
            indptr = np.zeros(len(vecs) + 1, dtype=np.int64)
            indptr[1:] = np.cumsum([len(v.idx) for v in vecs])
            return csr_matrix((np.concatenate([v.val for v in vecs]),
                               np.concatenate([v.idx for v in vecs]), indptr),
                              shape=(len(vecs), len(self.vocab.id_of)))
        out = (sparse(left) @ sparse(right).T).toarray()
        out += self._dense_gram(np.stack([v.dense for v in left]),
                                np.stack([v.dense for v in right]))
        return out

    # -- assignment -------------------------------------------------------------------------

    def _process(self, feats: list[ArticleFeatures], registered: bool = False) -> None:
        """Assign a batch: find candidate stories, form groups, re-cluster each group."""
        if not feats:
            return
        if not registered:
            for f in feats:
                self._register(f)
        ids = [f.id for f in feats]
        for aid in ids:
            self._vectors.pop(aid, None)
        self._expire()
        vecs = [self._vector(a) for a in ids]
        n = len(ids)
        stamps = np.array([_stamp(self.features[a].published) for a in ids])
        # Batch articles with each other.
        pair = self._gram(vecs, vecs) + self.model.bias
        np.fill_diagonal(pair, -np.inf)
        if self.window_days is not None:
            gap = np.abs(stamps[:, None] - stamps[None, :])
            pair[gap > self.window_days * 86400.0] = -np.inf  # NaN (undated) compares False
        # Links: every pair at ``threshold`` or more, and each article's best partner (batch
        # article or story) at ``attach_threshold`` or more; this keeps groups small.
        links: list[tuple[float, str, str]] = []
        best: dict[str, tuple[float, str]] = {}

        def offer(score: float, a: str, b: str) -> None:
            if score >= self.threshold:
                links.append((score, a, b))
            elif score >= self.attach_threshold:
                for x, y in ((a, b), (b, a)):
                    if x.startswith("a:") and (score, y) > best.get(x, (-math.inf, "")):
                        best[x] = (score, y)

        ii, jj = np.nonzero(np.triu(pair >= self.attach_threshold, 1))
        for i, j in zip(ii, jj):
            offer(float(pair[i, j]), "a:" + ids[i], "a:" + ids[j])
        # Batch articles with candidate stories.
        own = {self.story_of_article.get(a) for a in ids} - {None}
        cand = self._candidates([self.features[a] for a in ids])
        pool = sorted({sid for c in cand for sid in c} | own)
        if pool:
            states = [self._stories[s] for s in pool]
            scores = self._gram(vecs, [s.sum for s in states])
            sizes = np.array([len(s.members) for s in states], dtype=np.float64)
            scores = scores / sizes + self.model.bias
            col = {sid: k for k, sid in enumerate(pool)}
            for i, aid in enumerate(ids):
                for sid in cand[i]:
                    s = scores[i, col[sid]]
                    state = self._stories[sid]
                    if s >= self.attach_threshold and self._time_ok(
                            state.first, state.last, self.features[aid].published,
                            self.features[aid].published):
                        offer(float(s), "a:" + aid, "s:" + sid)
        links.extend((score, a, b) for a, (score, b) in best.items())
        for aid in ids:  # an article already in a story is re-examined with it
            sid = self.story_of_article.get(aid)
            if sid is not None:
                links.append((math.inf, "a:" + aid, "s:" + sid))
        groups = self._groups(ids, links)
        self._recluster_groups(groups, set(ids))

    def _groups(self, ids: list[str], links: list[tuple[float, str, str]]) -> list[tuple[set, set]]:
        """Union-find over articles and stories, strongest links first, no group over
        ``max_group`` articles. Returns (story ids, article ids) per group."""
        parent: dict[str, str] = {}
        size: dict[str, int] = {}

        def weight(node: str) -> int:
            return len(self._stories[node[2:]].members) if node.startswith("s:") else 1

        def find(x: str) -> str:
            if x not in parent:
                parent[x], size[x] = x, weight(x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for aid in ids:
            find("a:" + aid)
        for score, a, b in sorted(links, key=lambda t: (-t[0], t[1], t[2])):
            ra, rb = find(a), find(b)
            if ra == rb:
                continue
            if size[ra] + size[rb] > self.max_group and score != math.inf:
                continue
            if ra > rb:
                ra, rb = rb, ra
            parent[rb] = ra
            size[ra] += size[rb]
        groups: dict[str, tuple[set, set]] = {}
        for node in parent:
            g = groups.setdefault(find(node), (set(), set()))
            (g[0] if node.startswith("s:") else g[1]).add(node[2:])
        return [groups[k] for k in sorted(groups)]

    def _candidates(self, feats: list[ArticleFeatures]) -> list[list[str]]:
        live = [sid for sid in self._story_at if sid is not None]
        if not live:
            return [[] for _ in feats]
        rows = len(self._story_at)
        if rows <= self.n_candidates:
            return [[sid for sid in self._story_at if sid is not None] for _ in feats]
        queries = np.stack([self._query(f) for f in feats])
        sims = queries @ self._matrix[:rows].T
        k = self.n_candidates
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        return [[self._story_at[j] for j in sorted(row) if self._story_at[j] is not None]
                for row in top]

    def _query(self, f: ArticleFeatures) -> np.ndarray:
        return self._vector(f.id).dense[: self._dim or HASHED_DIM].astype(np.float32)

    def _time_ok(self, first_a, last_a, first_b, last_b) -> bool:
        if self.window_days is None or None in (first_a, last_a, first_b, last_b):
            return True
        gap = max((first_b - last_a).total_seconds(), (first_a - last_b).total_seconds())
        return gap <= self.window_days * 86400.0

    def _fresh_id(self, article_id: str, avoid: set[str] | frozenset = frozenset()) -> str:
        salt = 0
        while True:
            sid = story_id_for(article_id, salt)
            if sid not in self._stories and sid not in self.aliases and sid not in avoid:
                return sid
            salt += 1

    # -- re-clustering ----------------------------------------------------------------------

    def _recluster_groups(self, groups: list[tuple[set, set]], new: set[str]) -> None:
        todo = []
        for story_ids, article_ids in groups:
            story_ids = set(story_ids) | {self.story_of_article[a] for a in article_ids
                                          if a in self.story_of_article}
            todo.append((story_ids, article_ids))
        self._recluster([s for s, _ in todo], new, loose=[a for _, a in todo])

    def _recluster(self, groups: list[set[str]], new: set[str],
                   loose: list[set[str]], split: bool = True) -> None:
        for gi, story_ids in enumerate(groups):
            story_ids = {s for s in story_ids if s in self._stories}
            free = set(loose[gi])
            units: list[_Unit] = []
            for sid in sorted(story_ids):
                state = self._stories[sid]
                members = state.members
                if len(members) <= self.split_limit or not split:
                    free.update(members)
                    continue
                block = [a for a in members if a not in free and a not in new]
                free.update(a for a in members if a in new)
                if block:
                    units.append(self._unit(block))
            for aid in sorted(free):
                if aid not in new and self._stale(aid):  # re-weighted with the IDF of now
                    self._vectors.pop(aid, None)
                units.append(self._unit([aid]))
            if not units:
                continue
            clusters = self._agglomerate(units)
            self._apply(story_ids, clusters)

    def _unit(self, articles: list[str]) -> _Unit:
        stamps = [_stamp(self.features[a].published) for a in articles]
        dated = [s for s in stamps if not math.isnan(s)]
        return _Unit(articles, self._sum([self._vector(a) for a in articles]),
                     min(dated) if dated else math.nan, max(dated) if dated else math.nan,
                     min(articles))

    def _agglomerate(self, units: list[_Unit]) -> list[list[str]]:
        """Average-linkage clustering of the units stopped at ``threshold``, then small clusters
        join the best larger one at ``attach_threshold``; no merge across a time gap over
        ``window_days``. Deterministic for a given set of units."""
        units = sorted(units, key=lambda u: u.key)
        n = len(units)
        size = np.array([len(u.articles) for u in units], dtype=np.float64)
        groups = [list(u.articles) for u in units]
        if n == 1:
            return groups
        sims = self._gram([u.vec for u in units], [u.vec for u in units])
        sims = sims / np.outer(size, size) + self.model.bias
        first = np.array([u.first for u in units])
        last = np.array([u.last for u in units])
        np.fill_diagonal(sims, -np.inf)
        window = None if self.window_days is None else self.window_days * 86400.0

        def forbid_far(i: int) -> None:
            if window is None or math.isnan(first[i]):
                return
            gap = np.maximum(first - last[i], first[i] - last)
            far = gap > window  # NaN (undated) compares False
            sims[i, far] = -np.inf
            sims[far, i] = -np.inf

        if window is not None:
            for i in range(n):
                forbid_far(i)
        active = np.ones(n, dtype=bool)

        def merge(i: int, j: int) -> None:
            merged = (size[i] * sims[i] + size[j] * sims[j]) / (size[i] + size[j])
            sims[i, :] = merged
            sims[:, i] = merged
            sims[j, :] = -np.inf
            sims[:, j] = -np.inf
            sims[i, i] = -np.inf
            size[i] += size[j]
            active[j] = False
            groups[i].extend(groups[j])
            groups[j] = []
            first[i] = np.fmin(first[i], first[j])
            last[i] = np.fmax(last[i], last[j])
            forbid_far(i)

        best_j = np.argmax(sims, axis=1)
        best_v = sims[np.arange(n), best_j]
        while True:
            i = int(np.argmax(best_v))
            if not best_v[i] >= self.threshold:
                break
            j = int(best_j[i])
            merge(i, j)
            best_v[j] = -np.inf
            stale = np.flatnonzero(active & ((best_j == i) | (best_j == j)))
            for x in list(stale) + [i]:
                best_j[x] = int(np.argmax(sims[x]))
                best_v[x] = sims[x, best_j[x]]
            better = active & (sims[:, i] > best_v)
            best_j[better] = i
            best_v[better] = sims[better, i]
        # Small clusters join the larger cluster they score best with.
        big = active & (size > self.attach_size)
        if big.any():
            small = [i for i in np.flatnonzero(active & ~big)]
            small.sort(key=lambda i: (size[i], min(groups[i])))
            for i in small:
                row = np.where(big, sims[i], -np.inf)
                j = int(np.argmax(row))
                if row[j] >= self.attach_threshold:
                    merge(j, i)
        return [g for g in groups if g]

    def _apply(self, group: set[str], clusters: list[list[str]]) -> None:
        """Give the new clusters ids: each keeps the id of the old story it holds most members
        of (older stories first); old ids left over become aliases of the cluster that took
        most of their members."""
        old = {sid: self._stories[sid] for sid in group}
        old_of = {aid: sid for sid, s in old.items() for aid in s.members}
        unchanged = {frozenset(s.members) for s in old.values()}
        if old and all(frozenset(c) in unchanged for c in clusters):
            for sid in group:  # vectors may have been rebuilt with the new IDF
                self._rebuild(old[sid], old[sid].members)
            return
        overlap = []
        for ci, c in enumerate(clusters):
            counts = Counter(old_of[a] for a in c if a in old_of)
            for sid, cnt in counts.items():
                overlap.append((-cnt, old[sid].created_seq, ci, sid))
        overlap.sort()
        id_of: dict[int, str] = {}
        used: set[str] = set()
        for _, _, ci, sid in overlap:
            if ci not in id_of and sid not in used:
                id_of[ci] = sid
                used.add(sid)
        for sid in group:
            del self._stories[sid]
        for ci, c in enumerate(clusters):
            c_sorted = sorted(c, key=lambda a: self.features[a].seq)
            sid = id_of.get(ci)
            if sid is None:
                sid = self._fresh_id(c_sorted[0], avoid=set(group))
                created = self.features[c_sorted[0]].seq
            else:
                created = old[sid].created_seq
            state = StoryState(sid, created)
            self._stories[sid] = state
            self._rebuild(state, c_sorted)
            self._changes.stories.add(sid)
            for aid in c_sorted:
                if old_of.get(aid) != sid:
                    self._changes.memberships[aid] = sid
        for sid in group:
            if sid in used:
                continue
            # Merged away: alias of the cluster holding most of its old members.
            counts = Counter(self.story_of_article[a] for a in old[sid].members)
            target = min(counts, key=lambda t: (-counts[t], self._stories[t].created_seq))
            self.aliases[sid] = target
            self._changes.aliases[sid] = target
            self._changes.stories.discard(sid)
            self._drop_row(sid)
        for alias, target in list(self.aliases.items()):
            if target in self.aliases:
                self.aliases[alias] = self.resolve(target)

    def _rebuild(self, state: StoryState, members: list[str]) -> None:
        state.members = list(members)
        state.sum = self._sum([self._vector(a) for a in members])
        dates = [self.features[a].published for a in members
                 if self.features[a].published is not None]
        state.first = min(dates) if dates else None
        state.last = max(dates) if dates else None
        for aid in members:
            self.story_of_article[aid] = state.id
        emb = state.sum.dense[: self._dim or HASHED_DIM]
        norm = float(np.linalg.norm(emb))
        self._set_row(state.id, (emb / norm if norm else emb).astype(np.float32))
        state._title = ""
        state._title_of = self._central_title

    def _central_title(self, state: StoryState) -> str:
        if len(state.members) == 1:
            return self.features[state.members[0]].title
        members = sorted(state.members, key=lambda a: self.features[a].seq)
        scores = self._gram([self._vector(a) for a in members], [state.sum])[:, 0]
        return self.features[members[int(np.argmax(scores))]].title

    # -- candidate index ----------------------------------------------------------------------

    def _set_row(self, sid: str, vec: np.ndarray) -> None:
        if self._matrix.shape[1] != vec.shape[0]:
            self._matrix = np.zeros((64, vec.shape[0]), dtype=np.float32)
            self._row_of, self._story_at = {}, []
        row = self._row_of.get(sid)
        if row is None:
            row = len(self._story_at)
            if row >= self._matrix.shape[0]:
                grown = np.zeros((self._matrix.shape[0] * 2, vec.shape[0]), dtype=np.float32)
                grown[: self._matrix.shape[0]] = self._matrix
                self._matrix = grown
            self._row_of[sid] = row
            self._story_at.append(sid)
        self._matrix[row] = vec

    def _drop_row(self, sid: str) -> None:
        row = self._row_of.pop(sid, None)
        if row is not None:
            self._matrix[row] = 0.0
            self._story_at[row] = None

    def _expire(self) -> None:
        """Take stories whose last report is over two windows older than the newest article out
        of the candidate index (they stay stories, and their members' vectors are let go):
        this keeps assignment cost and memory flat in time."""
        if self.window_days is None or self._newest == -math.inf:
            return
        cutoff = self._newest - 2 * self.window_days * 86400.0
        for sid in [s for s in self._story_at if s is not None]:
            state = self._stories.get(sid)
            if state is not None and state.last is not None and state.last.timestamp() < cutoff:
                self._drop_row(sid)
                for aid in state.members:
                    self._vectors.pop(aid, None)
        live = [sid for sid in self._story_at if sid is not None]
        if len(live) < len(self._story_at) // 2:
            rows = [self._row_of[sid] for sid in live]
            matrix = np.zeros((max(64, 2 * len(live)), self._matrix.shape[1]), dtype=np.float32)
            matrix[: len(live)] = self._matrix[rows]
            self._matrix = matrix
            self._story_at = list(live)
            self._row_of = {sid: i for i, sid in enumerate(live)}


def _stamp(published: datetime | None) -> float:
    return published.timestamp() if published is not None else math.nan


def group_into_stories(articles: list[Article], config=None) -> list[Story]:
    """Group a batch of articles into stories (one clustering pass over the whole batch, so the
    grouping does not depend on the order of ``articles``). Each story's title is the title of
    its most central article; stories come largest first.

    >>> from newsweave.model import Article
    >>> arts = [Article.from_text("a", "Volcano erupts in Iceland, flights grounded in Europe"),
    ...         Article.from_text("b", "Iceland volcano eruption grounds flights across Europe"),
    ...         Article.from_text("c", "Central bank raises interest rates by half a point")]
    >>> [s.articles for s in group_into_stories(arts)]
    [['a', 'b'], ['c']]
    """
    clusterer = StoryClusterer.from_config(config)
    for i, article in enumerate(articles):
        clusterer._register(features_of(article, seq=i + 1))
    clusterer.consolidate(full=True)
    stories = clusterer.stories()
    order = {a.id: i for i, a in enumerate(articles)}
    for story in stories:
        story.articles.sort(key=lambda a: order[a])
    stories.sort(key=lambda s: (-len(s.articles), order[s.articles[0]]))
    return stories
