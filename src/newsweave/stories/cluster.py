"""Incremental story clustering with stable ids and an order-independent result.

Two articles belong to one story when they report the same event, not merely the same kind of
event: two earthquakes share their vocabulary but not their places, dates and people. The
similarity of two articles therefore adds three parts, each a cosine:

- ``words``: TF-IDF of the title (counted twice) and body words, sublinear, stop words removed;
- ``names``: TF-IDF of the named entities (people, organisations, places, events, ... the
  surnames of people, and the years the text names), the part that tells two events of one
  kind apart;
- ``meaning``: the article embedding (MiniLM), which catches paraphrase and vocabulary the other
  two miss.

and two stories (or an article and a story) are compared by *average linkage*: the mean
similarity over all pairs of their articles. Because every part is a dot product of normalised
vectors, the average linkage of two groups is the dot product of their mean vectors, so a story
is held as sums of its members' vectors and compared in constant time.

Assignment is two-step, like a person sorting a stream of clippings:

1. ``add`` puts each new article at once into the best story whose average similarity reaches
   ``threshold`` (found among the ``candidates`` stories nearest by embedding, within
   ``window_days`` of the article's date), or starts a new story. This is fast and gives an id
   immediately, but on its own depends on arrival order.
2. ``consolidate`` (run by ``add_many`` after each batch) re-clusters, from scratch and in a
   fixed order, every group of stories that the batch touched, together with the stories its
   articles nearly joined: average-linkage agglomerative clustering stopped at ``threshold``,
   with no merge across a time gap over ``window_days``. That procedure depends only on the set
   of articles, not on their order, which makes the final grouping (nearly) order-independent.

Ids never change: a story's id is ``s-`` plus a short hash of its founding article's id. When
consolidation finds that two stories are one, the story keeping the most members keeps its id
and the other id becomes an alias (``resolve`` maps it). An article may move between stories
during consolidation; a story id stays valid as long as the story exists or as an alias after.

>>> from newsweave.model import Article, Span
>>> def art(i, text):
...     a = Article.from_text(i, text)
...     a.values["embedding"] = None
...     return a
>>> clusterer = StoryClusterer()
>>> s1 = clusterer.add(art("a", "Strong earthquake strikes Chile coast, tsunami warning issued"))
>>> s2 = clusterer.add(art("b", "Chile earthquake: tsunami warning issued after strong quake hits coast"))
>>> s1 == s2, s1.startswith("s-")
(True, True)
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

import numpy as np

from newsweave.model import Article, Story

# Defaults; each can be overridden in the [stories] section of the config.
DEFAULTS: dict[str, float | int | None] = {
    # Average similarity (0-1) an article needs with a story to join it.
    "threshold": 0.34,
    # Weights of the three parts of the similarity (normalised to sum to 1).
    "words_weight": 0.5,
    "names_weight": 0.25,
    "meaning_weight": 0.25,
    # No story spans a gap between reports longer than this (days); None: no limit.
    "window_days": 7.0,
    # Nearest stories by embedding that `add` scores exactly.
    "candidates": 10,
}

PRIOR_DOCUMENTS = 100
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT",
                           "WORK_OF_ART", "LAW"})
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_LEADING_THE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


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
    """What clustering needs of one article; cheap to rebuild from a stored article."""

    id: str
    seq: int                      # arrival number: fixes the founding member of a story
    title: str
    words: dict[str, float]       # term counts (title words counted twice)
    names: dict[str, float]       # entity keys ("person:tara reid", "person~reid", ...)
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
    """The clustering features of an article (needs its ``entities`` layer and ``embedding``
    value when available; works on text alone otherwise)."""
    title = article.meta.title or ""
    body = article.text
    if title and body.startswith(title):
        body = body[len(title):]
    words = Counter(words_of(title))
    for w in list(words):
        words[w] *= 2
    words.update(words_of(body))
    names: Counter[str] = Counter()
    for span in article.layer("entities"):
        if span.label in ENTITY_LABELS:
            names.update(entity_keys(span.label, article.span_text(span)))
        elif span.label == "DATE":
            # Years named in the text date the event even when the article is undated.
            names.update(f"year:{y}" for y in _YEAR.findall(article.span_text(span)))
    emb = article.values.get("embedding")
    if emb is not None:
        emb = np.asarray(emb, dtype=np.float32)
        if not np.any(emb):
            emb = None
    published = article.meta.published
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    return ArticleFeatures(article.id, seq, article.meta.title or _first_line(article),
                           dict(words),
                           dict(names), emb, published)


def _first_line(article: Article) -> str:
    for line in article.text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= 120 else line[:119].rsplit(" ", 1)[0] + "…"
    return article.id


def story_id_for(article_id: str, salt: int = 0) -> str:
    """The id of a story founded by ``article_id``.

    >>> story_id_for("reuters-0001")
    's-577f1d25ba'
    """
    key = article_id if not salt else f"{article_id}#{salt}"
    return "s-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


# -- vectors ----------------------------------------------------------------------------------

class _Idf:
    """Document frequencies of words and names over every article seen."""

    def __init__(self) -> None:
        self.n = 0
        self.df: Counter[str] = Counter()

    def add(self, keys: Iterable[str]) -> None:
        self.n += 1
        self.df.update(keys)

    def weight(self, key: str) -> float:
        # As if PRIOR_DOCUMENTS other articles, none with the key, had been seen: a handful of
        # articles cannot show that a word is common, only that they share it.
        return math.log((self.n + PRIOR_DOCUMENTS + 1) / (self.df.get(key, 0) + 0.5))


def _tfidf(counts: dict[str, float], idf: _Idf) -> dict[str, float]:
    vec = {k: (1.0 + math.log(c)) * idf.weight(k) for k, c in counts.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm == 0:
        return {}
    return {k: v / norm for k, v in vec.items()}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _add_into(total: dict[str, float], vec: dict[str, float], sign: float = 1.0) -> None:
    for k, v in vec.items():
        total[k] = total.get(k, 0.0) + sign * v


# -- stories ----------------------------------------------------------------------------------

@dataclass
class StoryState:
    """A story as the clusterer holds it: members and the sums of their vectors."""

    id: str
    created_seq: int
    members: list[str] = field(default_factory=list)
    words: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    meaning: np.ndarray | None = None
    n_meaning: int = 0
    first: datetime | None = None
    last: datetime | None = None
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


class StoryClusterer:
    """Assigns articles to stories as they arrive; see the module docstring for the method.

    >>> clusterer = StoryClusterer(window_days=None)
    >>> clusterer.stories()
    []
    """

    def __init__(self, **options) -> None:
        unknown = set(options) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"unknown clustering option(s): {', '.join(sorted(unknown))}")
        opts = {**DEFAULTS, **options}
        self.threshold = float(opts["threshold"])
        total = float(opts["words_weight"]) + float(opts["names_weight"]) + float(
            opts["meaning_weight"])
        self.w_words = float(opts["words_weight"]) / total
        self.w_names = float(opts["names_weight"]) / total
        self.w_meaning = float(opts["meaning_weight"]) / total
        wd = opts["window_days"]
        self.window_days = None if wd is None or float(wd) <= 0 else float(wd)
        self.n_candidates = int(opts["candidates"])
        self.idf = _Idf()
        self.features: dict[str, ArticleFeatures] = {}
        self._vectors: dict[str, tuple[dict, dict]] = {}   # article id -> (words, names)
        self.story_of_article: dict[str, str] = {}
        self._stories: dict[str, StoryState] = {}
        self.aliases: dict[str, str] = {}
        self._next_seq = 1
        self._touched: set[str] = set()
        self._near: dict[str, set[str]] = defaultdict(set)  # story -> stories nearly joined
        self._changes = Changes()
        # Embedding matrix of story mean vectors, for candidate search.
        self._dim = 0
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._row_of: dict[str, int] = {}
        self._story_at: list[str | None] = []
        self._unembedded: set[str] = set()  # stories without an embedding: always candidates

    @classmethod
    def from_config(cls, config=None) -> "StoryClusterer":
        options = dict(config.section("stories")) if config is not None else {}
        options = {k: v for k, v in options.items() if k in DEFAULTS}
        return cls(**options)

    # -- public API -------------------------------------------------------------------------

    def add(self, article: Article) -> str:
        """Assign one article (joining the best story or founding one); returns its story id.
        Call ``consolidate`` after a batch to make the grouping order-independent."""
        return self._add_one(features_of(article, seq=self._take_seq()))

    def add_many(self, articles: Iterable[Article]) -> list[str]:
        """Add a batch, then consolidate; returns the final story id of each article."""
        feats = [features_of(a, seq=self._take_seq()) for a in articles]
        self.add_features(feats)
        return [self.story_of(f.id) for f in feats]

    def add_features(self, feats: list[ArticleFeatures]) -> None:
        for f in feats:
            self._next_seq = max(self._next_seq, f.seq + 1)
            self._add_one(f)
        self.consolidate()

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
        for f, sid in members:
            state = self._stories.get(sid)
            if state is None:
                state = StoryState(sid, created.get(sid, f.seq))
                self._stories[sid] = state
            self._join(state, f)
        for state in self._stories.values():
            self._refresh(state)
        self._next_seq = max(self._next_seq, next_seq)
        self._changes = Changes()
        self._touched.clear()

    # -- assignment -------------------------------------------------------------------------

    def _take_seq(self) -> int:
        seq = self._next_seq
        self._next_seq += 1
        return seq

    def _register(self, f: ArticleFeatures) -> None:
        if f.id in self.features:
            raise ValueError(f"article {f.id} was already added to the clusterer")
        self.features[f.id] = f
        self.idf.add(list(f.words) + list(f.names))

    def _vectors_of(self, f: ArticleFeatures) -> tuple[dict, dict]:
        vec = self._vectors.get(f.id)
        if vec is None:
            vec = (_tfidf(f.words, self.idf), _tfidf(f.names, self.idf))
            self._vectors[f.id] = vec
        return vec

    def _add_one(self, f: ArticleFeatures) -> str:
        self._register(f)
        words, names = self._vectors_of(f)
        best, best_score = None, -1.0
        scored = []
        for sid in self._candidates(f):
            state = self._stories[sid]
            if not self._time_ok(state.first, state.last, f.published, f.published):
                continue
            score = self._score(words, names, f.embedding, state)
            scored.append((score, sid))
            if score > best_score or (score == best_score and best is not None
                                      and state.created_seq < self._stories[best].created_seq):
                best, best_score = sid, score
        if best is not None and best_score >= self.threshold:
            state = self._stories[best]
        else:
            state = StoryState(self._fresh_id(f.id), f.seq)
            self._stories[state.id] = state
        self._join(state, f)
        self._refresh(state)
        self._touched.add(state.id)
        # Stories it nearly joined are re-examined with it at consolidation.
        for score, sid in scored:
            if sid != state.id and score >= 0.5 * self.threshold:
                self._near[state.id].add(sid)
        self._changes.memberships[f.id] = state.id
        self._changes.stories.add(state.id)
        return state.id

    def _fresh_id(self, article_id: str, avoid: set[str] | frozenset = frozenset()) -> str:
        salt = 0
        while True:
            sid = story_id_for(article_id, salt)
            if sid not in self._stories and sid not in self.aliases and sid not in avoid:
                return sid
            salt += 1

    def _score(self, words, names, emb, state: StoryState) -> float:
        """Average similarity of an article to a story's members. A part that either side
        lacks (no entities found, no embedding) is left out and the others weigh more."""
        n = len(state.members)
        if n == 0:
            return -1.0
        total, weight = self.w_words * _dot(words, state.words) / n, self.w_words
        if names and state.names:
            total += self.w_names * _dot(names, state.names) / n
            weight += self.w_names
        if emb is not None and state.meaning is not None and state.n_meaning:
            total += self.w_meaning * float(emb @ state.meaning) / state.n_meaning
            weight += self.w_meaning
        return total / weight

    def _time_ok(self, first_a, last_a, first_b, last_b) -> bool:
        if self.window_days is None or None in (first_a, last_a, first_b, last_b):
            return True
        gap = max((first_b - last_a).total_seconds(), (first_a - last_b).total_seconds())
        return gap <= self.window_days * 86400.0

    def _join(self, state: StoryState, f: ArticleFeatures) -> None:
        words, names = self._vectors_of(f)
        state.members.append(f.id)
        _add_into(state.words, words)
        _add_into(state.names, names)
        if f.embedding is not None:
            state.meaning = f.embedding.copy() if state.meaning is None else state.meaning + f.embedding
            state.n_meaning += 1
        if f.published is not None:
            state.first = f.published if state.first is None else min(state.first, f.published)
            state.last = f.published if state.last is None else max(state.last, f.published)
        self.story_of_article[f.id] = state.id

    def _refresh(self, state: StoryState) -> None:
        """Update the story's row in the candidate matrix and its title."""
        if state.meaning is not None and state.n_meaning:
            vec = state.meaning / max(float(np.linalg.norm(state.meaning)), 1e-12)
            self._set_row(state.id, vec.astype(np.float32))
            self._unembedded.discard(state.id)
        else:
            self._unembedded.add(state.id)
        state._title = ""
        state._title_of = self._central_title

    def _central_title(self, state: StoryState) -> str:
        if len(state.members) == 1:
            return self.features[state.members[0]].title
        best, best_score = state.members[0], -math.inf
        for aid in state.members:
            f = self.features[aid]
            words, names = self._vectors_of(f)
            score = self._score(words, names, f.embedding, state)
            if score > best_score + 1e-12:
                best, best_score = aid, score
        return self.features[best].title

    # -- candidate search: story mean embeddings in a growing matrix --------------------------

    def _set_row(self, sid: str, vec: np.ndarray) -> None:
        if self._dim == 0:
            self._dim = vec.shape[0]
            self._matrix = np.zeros((64, self._dim), dtype=np.float32)
        row = self._row_of.get(sid)
        if row is None:
            row = len(self._story_at)
            if row >= self._matrix.shape[0]:
                grown = np.zeros((self._matrix.shape[0] * 2, self._dim), dtype=np.float32)
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
        of the candidate index (they stay stories): this keeps assignment cost flat in time."""
        if self.window_days is None:
            return
        dates = [s.last for s in self._stories.values() if s.last is not None]
        if not dates:
            return
        cutoff = max(dates).timestamp() - 2 * self.window_days * 86400.0
        for sid, state in self._stories.items():
            if state.last is not None and state.last.timestamp() < cutoff:
                self._drop_row(sid)
        live = [sid for sid in self._story_at if sid is not None]
        if len(live) < len(self._story_at) // 2:
            rows = [self._row_of[sid] for sid in live]
            matrix = np.zeros((max(64, 2 * len(live)), self._dim), dtype=np.float32)
            matrix[: len(live)] = self._matrix[rows]
            self._matrix = matrix
            self._story_at = list(live)
            self._row_of = {sid: i for i, sid in enumerate(live)}

    def _candidates(self, f: ArticleFeatures) -> list[str]:
        if f.embedding is None or not self._story_at:
            # No embedding: every story is a candidate (small inputs, tests).
            return list(self._stories)
        rows = len(self._story_at)
        sims = self._matrix[:rows] @ f.embedding
        k = min(self.n_candidates, rows)
        top = np.argpartition(-sims, k - 1)[:k] if k < rows else np.arange(rows)
        top = top[np.argsort(-sims[top], kind="stable")]
        out = [self._story_at[i] for i in top if self._story_at[i] is not None]
        # Stories without an embedding are always candidates.
        if self._unembedded:
            out.extend(sid for sid in self._unembedded if sid in self._stories
                       and self._stories[sid].meaning is None)
        return out

    # -- consolidation ----------------------------------------------------------------------

    def consolidate(self, *, full: bool = False) -> None:
        """Re-cluster, order-independently, the stories touched since the last call together
        with the stories their new articles nearly joined (``full=True``: every story)."""
        if full:
            groups = [set(self._stories)]
        else:
            groups = self._touched_groups()
        self._touched.clear()
        self._near.clear()
        self._expire()
        # IDF moved since the vectors were made: rebuild those of the articles re-clustered.
        for group in groups:
            members = sorted(aid for sid in group for aid in self._stories[sid].members)
            for aid in members:
                self._vectors.pop(aid, None)
            if len(members) < 2:
                for sid in group:
                    self._rebuild(self._stories[sid], self._stories[sid].members)
                continue
            clusters = self._agglomerate(members)
            self._apply(group, clusters)

    def _touched_groups(self) -> list[set[str]]:
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for sid in self._touched:
            if sid not in self._stories:
                continue
            find(sid)
            for other in self._near.get(sid, ()):
                other = self.resolve(other)
                if other in self._stories:
                    parent[find(other)] = find(sid)
        groups: dict[str, set[str]] = defaultdict(set)
        for sid in parent:
            groups[find(sid)].add(sid)
        return sorted(groups.values(), key=lambda g: min(g))

    def _agglomerate(self, members: list[str]) -> list[list[str]]:
        """Average-linkage clustering of the given articles, stopped at ``threshold``; merges
        across a time gap over ``window_days`` are not allowed. Deterministic for a given set."""
        feats = [self.features[a] for a in members]
        n = len(feats)
        sims = self._pair_matrix(feats)
        size = np.ones(n)
        first = [f.published for f in feats]
        last = [f.published for f in feats]
        active = np.ones(n, dtype=bool)
        np.fill_diagonal(sims, -np.inf)
        if self.window_days is not None:
            stamps = np.array([f.published.timestamp() if f.published else np.nan
                               for f in feats])
            gap = np.abs(stamps[:, None] - stamps[None, :])
            sims[gap > self.window_days * 86400.0] = -np.inf  # NaN (undated) compares False
        best_j = np.argmax(sims, axis=1)
        best_v = sims[np.arange(n), best_j]
        groups = [[i] for i in range(n)]
        while True:
            i = int(np.argmax(best_v))
            if not best_v[i] >= self.threshold:
                break
            j = int(best_j[i])
            # Merge j into i (Lance-Williams update for average linkage).
            merged = (size[i] * sims[i] + size[j] * sims[j]) / (size[i] + size[j])
            sims[i, :] = merged
            sims[:, i] = merged
            sims[j, :] = -np.inf
            sims[:, j] = -np.inf
            sims[i, i] = -np.inf
            size[i] += size[j]
            active[j] = False
            best_v[j] = -np.inf
            groups[i].extend(groups[j])
            groups[j] = []
            first[i] = _min_date(first[i], first[j])
            last[i] = _max_date(last[i], last[j])
            if self.window_days is not None:
                for x in np.flatnonzero(active):
                    if x != i and not self._time_ok(first[i], last[i], first[x], last[x]):
                        sims[i, x] = sims[x, i] = -np.inf
            stale = np.flatnonzero(active & ((best_j == i) | (best_j == j)))
            for x in list(stale) + [i]:
                best_j[x] = int(np.argmax(sims[x]))
                best_v[x] = sims[x, best_j[x]]
            better = active & (sims[:, i] > best_v)
            best_j[better] = i
            best_v[better] = sims[better, i]
        return [[members[k] for k in g] for g in groups if g]

    def _pair_matrix(self, feats: list[ArticleFeatures]) -> np.ndarray:
        """Pairwise article similarity: the weighted mean of the three cosines over the parts
        both articles have."""
        n = len(feats)
        vecs = [self._vectors_of(f) for f in feats]
        total = np.zeros((n, n), dtype=np.float64)
        weight = np.zeros((n, n), dtype=np.float64)
        from scipy.sparse import csr_matrix

        for part, w in ((0, self.w_words), (1, self.w_names)):
            vocab: dict[str, int] = {}
            indptr, cols, vals = [0], [], []
            for v in vecs:
                cols.extend(vocab.setdefault(k, len(vocab)) for k in v[part])
                vals.extend(v[part].values())
                indptr.append(len(cols))
            has = np.array([bool(v[part]) for v in vecs])
            if part == 0:
                has[:] = True  # an article without words still counts them as zero
            if vocab:
                sparse = csr_matrix((np.asarray(vals, dtype=np.float64), cols, indptr),
                                    shape=(n, len(vocab)))
                total += w * (sparse @ sparse.T).toarray()
            weight += w * np.outer(has, has)
        have = [i for i, f in enumerate(feats) if f.embedding is not None]
        if have:
            emb = np.stack([feats[i].embedding for i in have])
            total[np.ix_(have, have)] += self.w_meaning * (emb @ emb.T)
            weight[np.ix_(have, have)] += self.w_meaning
        return total / weight

    def _apply(self, group: set[str], clusters: list[list[str]]) -> None:
        """Give the new clusters ids: each keeps the id of the old story it holds most members
        of (older stories first); old ids left over become aliases of the cluster that took
        most of their members."""
        old = {sid: self._stories[sid] for sid in group}
        old_of = {aid: sid for sid, s in old.items() for aid in s.members}
        unchanged = {frozenset(s.members) for s in old.values()}
        if all(frozenset(c) in unchanged for c in clusters):
            for sid in group:
                self._stories[sid] = old[sid]
            for sid in group:  # vectors were rebuilt with the new IDF
                self._rebuild(old[sid], old[sid].members)
            return
        overlap = []
        for ci, c in enumerate(clusters):
            counts = Counter(old_of[a] for a in c)
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
        new_states: dict[int, StoryState] = {}
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
            new_states[ci] = state
            self._changes.stories.add(sid)
            for aid in c_sorted:
                if old_of[aid] != sid:
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
        state.members = []
        state.words, state.names = {}, {}
        state.meaning, state.n_meaning = None, 0
        state.first = state.last = None
        for aid in members:
            self._join(state, self.features[aid])
        self._refresh(state)


def _min_date(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def _max_date(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


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
    for article in articles:
        clusterer.add(article)
    clusterer.consolidate(full=True)
    stories = clusterer.stories()
    order = {a.id: i for i, a in enumerate(articles)}
    for story in stories:
        story.articles.sort(key=lambda a: order[a])
    stories.sort(key=lambda s: (-len(s.articles), order[s.articles[0]]))
    return stories
