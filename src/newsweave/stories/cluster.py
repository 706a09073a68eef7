"""Incremental story clustering with stable ids and an order-independent result.

Two articles belong to one story when they report the same event, not merely the same kind of
event: two earthquakes share their vocabulary but not their places, dates and people. The
similarity of two articles is therefore a *learned score*: the log-odds that they report one
event, a weighted sum of a few similarities, each a dot product of two per-article vectors:

- words (TF-IDF of title ×2 + body), title words, named entities, and *rare* words (words in
  fewer than one article in 50, or in at most 12: the event's own vocabulary), each a cosine;
- the article embedding (MiniLM; a hashed bag of words when an article has none);
- per kind of detail (persons by surname, places, organisations, years, the leading year,
  the most named year, month-day dates, months, numbers): a cosine of the two sets that rewards
  agreement, and a ``both name one`` indicator whose weight is negative (for every kind but
  persons), so that two articles naming *different* places, years or numbers of the same kind
  are pushed apart.

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
   part as one block (their new members separately) whose kept sum is reused, so the work per
   group does not grow with the size of the stories in it. No merge spans a time gap over
   ``window_days``: a story that has had no report for that long is not joined by a later one.

Each step's scores are a few matrix products over the keys present in it (renumbered, so the
cost does not grow with the vocabulary), run on one BLAS thread (``newsweave.blas``).

The procedure depends on the set of articles in a group, not on their order, which makes the
final grouping (nearly) order-independent; ``consolidate(full=True)`` re-clusters everything.

The code is in four modules: ``cluster_features.py`` (what is compared of an article),
``cluster_scoring.py`` (the weights, the vocabulary, article vectors and pair scores),
``cluster_agglomerate.py`` (re-clustering one group) and this one (the incremental clusterer:
candidates, groups, ids and aliases, the candidate index).

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

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

import numpy as np

from newsweave.blas import one_blas_thread
from newsweave.config import StoriesConfig
from newsweave.model import Article, Story
from newsweave.stories.cluster_agglomerate import Unit, agglomerate, stamp
# Re-exported: what the store, the benchmarks and the tests import from here.
from newsweave.stories.cluster_features import (  # noqa: F401
    HASHED_DIM, ArticleFeatures, entity_keys, features_of, hashed_embedding, story_id_for, words_of)
from newsweave.stories.cluster_scoring import (  # noqa: F401
    DETAIL_PARTS, SPARSE_PARTS, WEIGHTS, Vec, VectorSpace)
from newsweave.stories.furniture import is_furniture


# The options and their defaults: the [stories] section of the config (config.StoriesConfig).
DEFAULTS: dict[str, float | int | None] = StoriesConfig().clustering()


# -- stories ----------------------------------------------------------------------------------

@dataclass
class StoryState:
    """A story as the clusterer holds it: members and the sum of their vectors."""

    id: str
    created_seq: int
    members: list[str] = field(default_factory=list)
    first: datetime | None = None
    last: datetime | None = None
    sum: Vec | None = None
    key: str = ""         # smallest member id
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
        self.space = VectorSpace(weights)
        # The articles seen (the space's dict: one object, shared).
        self.features: dict[str, ArticleFeatures] = self.space.features
        self.story_of_article: dict[str, str] = {}
        self._stories: dict[str, StoryState] = {}
        self.aliases: dict[str, str] = {}
        self._next_seq = 1
        self._unchecked: list[str] = []   # added one by one since the last consolidate()
        self._changes = Changes()
        self._aliased_to: dict[str, set[str]] = defaultdict(set)   # story -> its aliases
        # Candidate index: mean embedding of each live story, in a growing matrix.
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._row_of: dict[str, int] = {}
        self._story_at: list[str | None] = []
        # Stories taken out of the index (no report for two windows): only an article dated
        # that far back (arriving late) looks them up.
        self._archive: dict[str, None] = {}
        self._newest = -math.inf

    @classmethod
    def from_config(cls, config=None) -> "StoryClusterer":
        return cls(**(config.stories.clustering() if config is not None else {}))

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

    def register(self, f: ArticleFeatures) -> None:
        """Take an article's features into the space without assigning it (``consolidate``
        assigns every registered article)."""
        self.space.register(f)
        if f.published is not None:
            self._newest = max(self._newest, f.published.timestamp())

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
            story.aliases = sorted(aliases.get(state.id, []))
            out.append(story)
        return out

    def pop_changes(self) -> Changes:
        changes, self._changes = self._changes, Changes()
        return changes

    def restore(self, members: list[tuple[ArticleFeatures, str]], *, created: dict[str, int],
                aliases: dict[str, str], next_seq: int) -> None:
        """Rebuild the state from stored stories: ``members`` are (features, story id) pairs."""
        self.aliases.update(aliases)
        for alias, target in aliases.items():
            self._aliased_to[target].add(alias)
        for f, _ in members:
            self.register(f)
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
        with one_blas_thread():
            self._consolidate(full)

    def reconcile(self, article_ids: Iterable[str], *, limit: int) -> bool:
        """Re-cluster from scratch, with the IDF of now, the stories that hold these articles
        (what a batch grouping of them would do; ``brief`` groups that way). Returns False,
        changing nothing, when those stories hold more than ``limit`` articles (the cost of one
        re-clustering grows with the square of its size)."""
        stories = {self.story_of_article[a] for a in article_ids if a in self.story_of_article}
        members = {a for sid in stories for a in self._stories[sid].members}
        if not members or len(members) > limit:
            return False
        for aid in members:
            self.space.vectors.pop(aid, None)
        with one_blas_thread():
            self._recluster([stories], set(), loose=[members], split=False)
        return True

    def _consolidate(self, full: bool) -> None:
        if full:
            self._unchecked.clear()
            self.space.vectors.clear()  # rebuilt with the IDF of everything seen
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

    # -- assignment -------------------------------------------------------------------------

    def _process(self, feats: list[ArticleFeatures], registered: bool = False) -> None:
        """Assign a batch: find candidate stories, form groups, re-cluster each group."""
        if not feats:
            return
        with one_blas_thread():  # many small products: threads cost more than they save
            self._assign(feats, registered)

    def _assign(self, feats: list[ArticleFeatures], registered: bool) -> None:
        if not registered:
            for f in feats:
                self.register(f)
        ids = [f.id for f in feats]
        for aid in ids:
            self.space.vectors.pop(aid, None)
        self._expire()
        self.space.vectorize(ids)
        vecs = [self.space.vector(a) for a in ids]
        n = len(ids)
        stamps = np.array([stamp(self.features[a].published) for a in ids])
        window = None if self.window_days is None else self.window_days * 86400.0
        keys = ["a:" + a for a in ids]
        # Batch articles with each other (a pair's score is taken from the upper triangle).
        pair = self.space.gram(vecs) + self.space.model.bias
        upper = np.triu(np.ones((n, n), dtype=bool), 1)
        pair = np.where(upper, pair, pair.T)
        np.fill_diagonal(pair, -np.inf)
        if window is not None:
            gap = np.abs(stamps[:, None] - stamps[None, :])
            pair[gap > window] = -np.inf  # NaN (undated) compares False
        # Links: every pair at ``threshold`` or more, and each article's best partner (batch
        # article or story, the larger key on a tie) at ``attach_threshold`` or more; this
        # keeps groups small.
        ii, jj = np.nonzero(upper & (pair >= self.threshold))
        links: list[tuple[float, str, str]] = list(zip(
            pair[ii, jj].tolist(), [keys[i] for i in ii], [keys[j] for j in jj]))
        by_key = sorted(range(n), key=lambda i: ids[i])
        partners = [pair[:, by_key]]   # columns in the order of their keys
        partner_keys = [keys[i] for i in by_key]
        # Batch articles with candidate stories.
        own = {self.story_of_article.get(a) for a in ids} - {None}
        cand, cand_mask = self._candidates(vecs, stamps)
        pool = sorted(set(cand) | own)
        if pool:
            states = [self._stories[s] for s in pool]
            scores = self.space.gram(vecs, [s.sum for s in states])
            sizes = np.array([len(s.members) for s in states], dtype=np.float64)
            scores = scores / sizes + self.space.model.bias
            ok = np.zeros((n, len(pool)), dtype=bool)
            col = {sid: k for k, sid in enumerate(pool)}
            ok[:, [col[sid] for sid in cand]] = cand_mask
            if window is not None:
                first = np.array([stamp(s.first) for s in states])
                last = np.array([stamp(s.last) for s in states])
                gap = np.maximum(stamps[:, None] - last[None, :], first[None, :] - stamps[:, None])
                ok &= ~(gap > window)  # NaN (undated) compares False
            scores = np.where(ok, scores, -np.inf)
            ii, jj = np.nonzero(scores >= self.threshold)
            links.extend(zip(scores[ii, jj].tolist(), [keys[i] for i in ii],
                             ["s:" + pool[j] for j in jj]))
            partners.append(scores)
            partner_keys.extend("s:" + sid for sid in pool)
        band = np.hstack(partners)
        band[(band >= self.threshold) | (band < self.attach_threshold)] = -np.inf
        top = band.max(axis=1)
        # The last column holding the row's best score: the largest key among equal scores.
        last_best = band.shape[1] - 1 - np.argmax((band == top[:, None])[:, ::-1], axis=1)
        for i in np.flatnonzero(top > -np.inf):
            links.append((float(top[i]), keys[i], partner_keys[last_best[i]]))
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

    def _candidates(self, vecs: list[Vec], stamps: np.ndarray) -> tuple[list[str], np.ndarray]:
        """The stories that are among the ``candidates`` nearest (by mean embedding) of at
        least one of the articles, and which article has which: (story ids, articles x stories
        mask). Live stories are searched for every article; stories out of the index only for
        the articles dated near them."""
        rows = len(self._story_at)
        n = len(vecs)
        live = np.array([sid is not None for sid in self._story_at], dtype=bool)
        dim = self.space.dim or HASHED_DIM
        queries = np.stack([v.dense[:dim] for v in vecs])
        if not live.any():
            sids, mask = [], np.zeros((n, 0), dtype=bool)
        else:
            if rows <= self.n_candidates:
                hit = np.broadcast_to(live, (n, rows))
            else:
                sims = queries @ self._matrix[:rows].T
                top = np.argpartition(-sims, self.n_candidates - 1, axis=1)[:, : self.n_candidates]
                hit = np.zeros((n, rows), dtype=bool)
                hit[np.arange(n)[:, None], top] = True
                hit &= live
            used = np.flatnonzero(hit.any(axis=0))
            sids, mask = [self._story_at[r] for r in used], hit[:, used]
        extra = self._archived_candidates(queries, stamps)
        if extra:
            more = np.zeros((n, len(extra)), dtype=bool)
            for k, article_rows in enumerate(extra.values()):
                more[article_rows, k] = True
            sids, mask = sids + list(extra), np.hstack([mask, more])
        return sids, mask

    def _archived_candidates(self, queries: np.ndarray, stamps: np.ndarray) -> dict[str, list]:
        """Stories out of the index that articles dated a window or more before the newest one
        could join (dated within a window of them), the ``candidates`` nearest for each such
        article: story id -> article rows."""
        if not self._archive or self.window_days is None:
            return {}
        window = self.window_days * 86400.0
        late = np.flatnonzero(stamps < self._newest - window)  # NaN (undated) compares False
        if not len(late):
            return {}
        states = [self._stories[sid] for sid in self._archive]
        first = np.array([stamp(s.first) for s in states])
        last = np.array([stamp(s.last) for s in states])
        dim = queries.shape[1]
        out: dict[str, list] = {}
        for i in late:
            near = np.flatnonzero((last >= stamps[i] - window) & (first <= stamps[i] + window))
            if len(near) > self.n_candidates:
                embs = np.stack([states[j].sum.dense[:dim] for j in near])
                sims = embs @ queries[i] / np.maximum(np.linalg.norm(embs, axis=1), 1e-12)
                near = near[np.argpartition(-sims, self.n_candidates - 1)[: self.n_candidates]]
            for j in near:
                out.setdefault(states[j].id, []).append(int(i))
        return out

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
        new_in: dict[str, list[str]] = defaultdict(list)   # story -> its members in ``new``
        for aid in new:
            sid = self.story_of_article.get(aid)
            if sid is not None:
                new_in[sid].append(aid)
        plans = []
        for gi, story_ids in enumerate(groups):
            story_ids = {s for s in story_ids if s in self._stories}
            free = set(loose[gi])
            whole: list[StoryState] = []
            blocks: list[list[str]] = []
            for sid in sorted(story_ids):
                state = self._stories[sid]
                members = state.members
                if len(members) <= self.split_limit or not split:
                    free.update(members)
                    continue
                inside = new_in.get(sid)
                if not inside:  # the whole story is one block: its sum is kept
                    whole.append(state)
                    continue
                block = [a for a in members if a not in free and a not in new]
                free.update(inside)
                if block:
                    blocks.append(block)
            loose_ids = sorted(free)
            for aid in loose_ids:
                if aid not in new and self.space.stale(aid):  # re-weighted with the IDF of now
                    self.space.vectors.pop(aid, None)
            plans.append((story_ids, whole, blocks, loose_ids))
        self.space.vectorize([a for plan in plans for a in plan[3]])
        for story_ids, whole, blocks, loose_ids in plans:
            units = ([self._story_unit(state) for state in whole]
                     + [self._unit(block) for block in blocks]
                     + [self._article_unit(aid) for aid in loose_ids])
            if units:
                self._apply(story_ids, agglomerate(
                    units, self.space, threshold=self.threshold,
                    attach_threshold=self.attach_threshold, attach_size=self.attach_size,
                    window_days=self.window_days))

    def _article_unit(self, aid: str) -> Unit:
        published = self.features[aid].published
        at = stamp(published)
        return Unit([aid], self.space.vector(aid), at, at, aid, None, published, published)

    def _story_unit(self, state: StoryState) -> Unit:
        return Unit(state.members, state.sum, stamp(state.first), stamp(state.last),
                     state.key, state.id, state.first, state.last)

    def _unit(self, articles: list[str]) -> Unit:
        dates = [d for d in (self.features[a].published for a in articles) if d is not None]
        first, last = (min(dates), max(dates)) if dates else (None, None)
        return Unit(articles, self.space.sum([self.space.vector(a) for a in articles]),
                     stamp(first), stamp(last), min(articles), None, first, last)

    def _apply(self, group: set[str], clusters: list[list[Unit]]) -> None:
        """Give the new clusters ids: each keeps the id of the old story it holds most members
        of (older stories first); old ids left over become aliases of the cluster that took
        most of their members."""
        old = {sid: self._stories[sid] for sid in group}
        story_of = self.story_of_article
        counts: list[Counter] = []   # per cluster: old story -> members of it in the cluster
        for c in clusters:
            cnt: Counter[str] = Counter()
            for u in c:
                if u.story is not None:
                    cnt[u.story] += len(u.articles)
                    continue
                for a in u.articles:
                    sid = story_of.get(a)
                    if sid in old:
                        cnt[sid] += 1
            counts.append(cnt)

        def same_as(ci: int) -> str | None:   # the old story the cluster is exactly
            cnt = counts[ci]
            if len(cnt) != 1:
                return None
            ((sid, k),) = cnt.items()
            size = sum(len(u.articles) for u in clusters[ci])
            return sid if k == size == len(old[sid].members) else None

        same = [same_as(ci) for ci in range(len(clusters))]
        if old and None not in same:
            for sid, c in zip(same, clusters):
                if len(c) > 1 or c[0].story is None:  # vectors may have been re-weighted
                    self._set_story(old[sid], c, old[sid].members)
            return
        overlap = []
        for ci, cnt in enumerate(counts):
            for sid, k in cnt.items():
                overlap.append((-k, old[sid].created_seq, ci, sid))
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
            members = self._members(c)
            sid = id_of.get(ci)
            if sid is None:
                sid = self._fresh_id(members[0], avoid=set(group))
                created = self.features[members[0]].seq
            else:
                created = old[sid].created_seq
            state = StoryState(sid, created)
            self._stories[sid] = state
            self._changes.stories.add(sid)
            for u in c:
                if u.story == sid:  # kept whole: memberships unchanged
                    continue
                for aid in u.articles:
                    if story_of.get(aid) != sid:
                        story_of[aid] = sid
                        self._changes.memberships[aid] = sid
            self._set_story(state, c, members)
        for sid in group:
            if sid in used:
                continue
            # Merged away: alias of the cluster holding most of its old members.
            n_in = Counter(story_of[a] for a in old[sid].members)
            target = min(n_in, key=lambda t: (-n_in[t], self._stories[t].created_seq))
            self.aliases[sid] = target
            self._changes.aliases[sid] = target
            self._changes.stories.discard(sid)
            self._drop_row(sid)
            for alias in self._aliased_to.pop(sid, ()):
                self.aliases[alias] = target
                self._aliased_to[target].add(alias)
            self._aliased_to[target].add(sid)

    def _members(self, units: list[Unit]) -> list[str]:
        """The articles of the units in arrival order."""
        feats = self.features
        if len(units) == 1:
            return list(units[0].articles)
        blocks = [u for u in units if len(u.articles) > 1]
        if len(blocks) == 1:  # a story and its new reports: usually appended at the end
            head = blocks[0].articles
            rest = sorted((a for u in units if u is not blocks[0] for a in u.articles),
                          key=lambda a: feats[a].seq)
            if feats[rest[0]].seq > feats[head[-1]].seq:
                return head + rest
        return sorted((a for u in units for a in u.articles), key=lambda a: feats[a].seq)

    def _set_story(self, state: StoryState, units: list[Unit], members: list[str]) -> None:
        """A story made of these units (``members``: their articles in arrival order)."""
        state.members = members
        state.sum = self.space.sum([u.vec for u in units])
        firsts = [u.first_dt for u in units if u.first_dt is not None]
        lasts = [u.last_dt for u in units if u.last_dt is not None]
        state.first = min(firsts) if firsts else None
        state.last = max(lasts) if lasts else None
        state.key = min(u.key for u in units)
        self._index(state)

    def _rebuild(self, state: StoryState, members: list[str]) -> None:
        state.members = list(members)
        state.sum = self.space.sum([self.space.vector(a) for a in members])
        dates = [self.features[a].published for a in members
                 if self.features[a].published is not None]
        state.first = min(dates) if dates else None
        state.last = max(dates) if dates else None
        state.key = min(members)
        for aid in members:
            self.story_of_article[aid] = state.id
        self._index(state)

    def _index(self, state: StoryState) -> None:
        emb = state.sum.dense[: self.space.dim or HASHED_DIM]
        norm = float(np.linalg.norm(emb))
        self._set_row(state.id, (emb / norm if norm else emb).astype(np.float32))
        state._title = ""
        state._title_of = self._central_title

    def _central_title(self, state: StoryState) -> str:
        if len(state.members) == 1:
            return self.features[state.members[0]].title
        members = sorted(state.members, key=lambda a: self.features[a].seq)
        # a title that is a photo caption or a teaser does not name the story
        titled = [a for a in members if not is_furniture(self.features[a].title)] or members
        with one_blas_thread():
            scores = self.space.gram([self.space.vector(a) for a in titled], [state.sum])[:, 0]
        return self.features[titled[int(np.argmax(scores))]].title

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
        self._archive.pop(sid, None)

    def _drop_row(self, sid: str) -> None:
        self._archive.pop(sid, None)
        row = self._row_of.pop(sid, None)
        if row is not None:
            self._matrix[row] = 0.0
            self._story_at[row] = None

    def _expire(self) -> None:
        """Take stories whose last report is over two windows older than the newest article out
        of the candidate index (they stay stories, and their members' vectors are let go):
        this keeps assignment cost and memory flat in time. A late article (dated over a window
        before the newest) still finds them (``_archived_candidates``)."""
        if self.window_days is None or self._newest == -math.inf:
            return
        cutoff = self._newest - 2 * self.window_days * 86400.0
        for sid in [s for s in self._story_at if s is not None]:
            state = self._stories.get(sid)
            if state is not None and state.last is not None and state.last.timestamp() < cutoff:
                self._drop_row(sid)
                self._archive[sid] = None
                for aid in state.members:
                    self.space.vectors.pop(aid, None)
        live = [sid for sid in self._story_at if sid is not None]
        if len(live) < len(self._story_at) // 2:
            rows = [self._row_of[sid] for sid in live]
            matrix = np.zeros((max(64, 2 * len(live)), self._matrix.shape[1]), dtype=np.float32)
            matrix[: len(live)] = self._matrix[rows]
            self._matrix = matrix
            self._story_at = list(live)
            self._row_of = {sid: i for i, sid in enumerate(live)}


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
        clusterer.register(features_of(article, seq=i + 1))
    clusterer.consolidate(full=True)
    stories = clusterer.stories()
    order = {a.id: i for i, a in enumerate(articles)}
    for story in stories:
        story.articles.sort(key=lambda a: order[a])
    stories.sort(key=lambda s: (-len(s.articles), order[s.articles[0]]))
    return stories

