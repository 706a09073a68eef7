"""Copies and rewrites inside a story, and the origin groups that make sources independent.

A wire story republished by twenty sites is one source, not twenty. Two articles are linked:

- as a ``duplicate`` when their MinHash signatures (5-word shingles, ``nlp.fingerprint``) estimate
  a Jaccard similarity of at least ``duplicate_jaccard``: the same text with small edits;
- as a ``rewrite`` when most sentences of the shorter article have a near-identical sentence in
  the other (sentence embeddings, cosine at least ``sentence_match``; ``rewrite_overlap`` of its
  sentences) or the two whole-article embeddings are at least ``rewrite_cosine`` apart: the same
  report reworded, cut or padded; as an ``update`` when, so linked, one has at least 1.5 times
  the sentences of the other (a wire take and its fuller version).

Linked articles form an *origin group* (links are transitive), and so do articles with the same
wire credit or outlet (``stories.origins``). Its likely origin is the earliest published member
when dates are known (else the first in story order); a pair's ``articles`` list the earlier one
first. ``independent_sources`` counts origin groups, not articles.

>>> from newsweave.model import Story
>>> story = Story("s-1", ["a", "b", "c"])
>>> story.origin_groups = [["a", "b"], ["c"]]
>>> independent_sources(["a", "b", "c"], story), independent_sources(["a", "b"], story)
(2, 1)
"""
from __future__ import annotations

from datetime import timezone

import numpy as np

from newsweave.config import Config, StoriesConfig
from newsweave.model import Article, Copy, OriginGroup, Story
from newsweave.nlp.fingerprint import MINHASH_SCHEME
from newsweave.registry import story_stage

def _options(config: Config | None) -> dict[str, float]:
    """The copies_* options of the [stories] section, without their prefix."""
    section = (config.stories if config is not None else StoriesConfig()).model_dump()
    return {k[len("copies_"):]: float(v) for k, v in section.items() if k.startswith("copies_")}


def _minhash(article: Article):
    from datasketch import MinHash

    values = article.values.get("minhash")
    if values is None:
        return None
    values = np.asarray(values, dtype=np.uint64)
    return MinHash(num_perm=len(values), seed=1, hashvalues=values, scheme=MINHASH_SCHEME)


def sentence_overlap(a: Article, b: Article, match: float = StoriesConfig().copies_sentence_match) -> float:
    """Share of the shorter article's sentences that have a sentence at cosine ``match`` or
    more in the other article (0 when sentence embeddings are missing)."""
    va, vb = a.values.get("sentence_embeddings"), b.values.get("sentence_embeddings")
    if va is None or vb is None or len(va) == 0 or len(vb) == 0:
        return 0.0
    va, vb = np.asarray(va, dtype=np.float32), np.asarray(vb, dtype=np.float32)
    if len(va) > len(vb):
        va, vb = vb, va
    best = (va @ vb.T).max(axis=1)
    return float((best >= match).mean())


# Up to this many articles every pair is compared directly (fast in numpy); above it MinHash
# LSH proposes the pairs, so large stories do not cost a quadratic number of comparisons.
LSH_FROM = 300


def _candidate_pairs(ids: list[str], articles: dict[str, Article], threshold: float):
    if len(ids) < 2:
        return []
    if len(ids) <= LSH_FROM:
        return [(ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))]
    from datasketch import MinHashLSH

    hashes = {aid: _minhash(articles[aid]) for aid in ids}
    lsh = MinHashLSH(threshold=threshold, num_perm=len(next(iter(hashes.values())).hashvalues))
    for aid, mh in hashes.items():
        lsh.insert(aid, mh)
    return [(aid, other) for aid, mh in hashes.items() for other in lsh.query(mh) if other != aid]


def find_copies(article_ids: list[str], articles: dict[str, Article],
                config: Config | None = None) -> list[Copy]:
    """Duplicate and rewrite links among the given articles (``Copy`` records, the earlier
    article first)."""
    opts = _options(config)
    ids = [a for a in dict.fromkeys(article_ids) if a in articles]
    links: dict[tuple[str, str], Copy] = {}
    signed = [aid for aid in ids if articles[aid].values.get("minhash") is not None]
    for a, b in _candidate_pairs(signed, articles, opts["duplicate_jaccard"]):
        pair = _ordered(a, b, articles, ids)
        if pair in links:
            continue
        # The MinHash estimate of Jaccard similarity: the share of equal signature values.
        jaccard = float(np.mean(np.asarray(articles[a].values["minhash"])
                                == np.asarray(articles[b].values["minhash"])))
        if jaccard >= opts["duplicate_jaccard"]:
            links[pair] = Copy(pair, "duplicate", round(jaccard, 4))
    # Rewrites: whole-article embedding, then sentence-level overlap.
    with_emb = [aid for aid in ids if articles[aid].values.get("embedding") is not None]
    if len(with_emb) > 1:
        matrix = np.stack([np.asarray(articles[a].values["embedding"], dtype=np.float32)
                           for a in with_emb])
        sims = matrix @ matrix.T
        for i in range(len(with_emb)):
            for j in range(i + 1, len(with_emb)):
                pair = _ordered(with_emb[i], with_emb[j], articles, ids)
                if pair in links or sims[i, j] < 0.6:  # far apart: no sentence check needed
                    continue
                overlap = sentence_overlap(articles[with_emb[i]], articles[with_emb[j]],
                                           opts["sentence_match"])
                if overlap >= opts["rewrite_overlap"] or sims[i, j] >= opts["rewrite_cosine"]:
                    links[pair] = _rewrite_link(pair, articles, overlap, float(sims[i, j]))
    order = {aid: i for i, aid in enumerate(ids)}
    return sorted(links.values(), key=lambda c: (order[c.articles[0]], order[c.articles[1]]))


# A rewrite whose longer side has this many times the sentences of the shorter is an update
# (a take and its fuller version): linked as one origin, but not "the same text".
UPDATE_RATIO = 1.5


def _rewrite_link(pair: tuple[str, str], articles: dict[str, Article], overlap: float,
                  cosine: float) -> Copy:
    """A rewrite, or an ``update`` when one report has at least UPDATE_RATIO times the
    sentences of the other. The similarity is the Dice share of both reports' sentences that
    match (the whole-article cosine when only that linked them), so a 300-word take and its
    800-word update are linked as one origin without being called identical."""
    short, long = sorted(len(articles[a].layer("sentences")) or 1 for a in pair)
    dice = 2 * overlap * short / (short + long)
    similarity = dice if overlap > 0 else cosine
    kind = "update" if long >= UPDATE_RATIO * short else "rewrite"
    return Copy(pair, kind, round(min(similarity, 1.0), 4))


def _published_key(article: Article):
    published = article.meta.published
    if published is None:
        return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    return published


def _ordered(a: str, b: str, articles: dict[str, Article], ids: list[str]) -> tuple[str, str]:
    """The likely origin first: the earlier published, else the earlier in story order."""
    da, db = _published_key(articles[a]), _published_key(articles[b])
    if da is not None and db is not None and da != db:
        return (a, b) if da < db else (b, a)
    return (a, b) if ids.index(a) < ids.index(b) else (b, a)


def group_origins(article_ids: list[str], copies: list[Copy],
                  articles: dict[str, Article] | None = None) -> list[OriginGroup]:
    """Origin groups, each listed likely origin first with the reasons its members count once:
    the same wire credit or outlet (``stories.origins``, when the articles are given) and copy
    links (duplicates, rewrites, updates).

    >>> [g.articles for g in group_origins(["a", "b", "c"], [Copy(("a", "c"), "duplicate", 0.9)])]
    [('a', 'c'), ('b',)]
    """
    from newsweave.stories.origins import origin_of

    parent = {a: a for a in article_ids}
    reasons: dict[str, list[str]] = {a: [] for a in article_ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str, reason: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
            reasons[ra].extend(reasons.pop(rb))
        if reason not in reasons[ra]:
            reasons[ra].append(reason)

    labels: dict[str, str] = {}
    if articles is not None:
        first_of: dict[str, str] = {}
        for aid in article_ids:
            if aid not in articles:
                continue
            origin = origin_of(articles[aid])
            labels[aid] = origin.label
            if origin.key.startswith("article:"):
                continue
            if origin.key in first_of:
                join(first_of[origin.key], aid, f"{origin.label}: {origin.reason}")
            else:
                first_of[origin.key] = aid
    for link in copies:
        a, b = link.articles
        if a in parent and b in parent:
            join(a, b, f"{b} is a {link.kind} of {a}")
    groups: dict[str, list[str]] = {}
    for aid in article_ids:
        groups.setdefault(find(aid), []).append(aid)
    out = []
    for root, members in groups.items():
        if articles is not None:
            dated = [m for m in members if m in articles and _published_key(articles[m])]
            if dated:
                first = min(dated, key=lambda m: (_published_key(articles[m]),
                                                  members.index(m)))
                members = [first] + [m for m in members if m != first]
        out.append(OriginGroup(tuple(members), labels.get(members[0], members[0]),
                               tuple(reasons.get(root, ()))))
    return out


@story_stage("copies@1", requires=("article.minhash", "article.embedding"),
             assigns=("story.copies", "story.origins"))
def copies_stage(story: Story, articles: dict[str, Article], config: Config) -> None:
    """Link near-duplicates (MinHash), rewrites and updates (embeddings), and group the story's
    articles by origin: one wire story, one outlet, copies (``story.origins``)."""
    story.copies = find_copies(story.articles, articles, config)
    story.origins = group_origins(story.articles, story.copies, articles)


def origin_groups(story: Story) -> list[list[str]]:
    """The story's origin groups (each article alone when the copies stage has not run)."""
    groups = story.origin_groups
    if groups is None:
        groups = [list(g.articles) for g in group_origins(story.articles, story.copies)]
    return [list(g) for g in groups]


def independent_sources(article_ids, story: Story) -> int:
    """How many independent origins stand behind the given articles: the number of origin
    groups they fall into (an article in no group counts as its own origin)."""
    group_of = {aid: i for i, g in enumerate(origin_groups(story)) for aid in g}
    seen = set()
    for aid in article_ids:
        seen.add(group_of.get(aid, ("alone", aid)))
    return len(seen)
