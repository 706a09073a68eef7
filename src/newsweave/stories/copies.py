"""Copies and rewrites inside a story, and the origin groups that make sources independent.

A wire story republished by twenty sites is one source, not twenty. Two articles are linked:

- as a ``duplicate`` when their MinHash signatures (5-word shingles, ``nlp.fingerprint``) estimate
  a Jaccard similarity of at least ``duplicate_jaccard``: the same text with small edits;
- as a ``rewrite`` when most sentences of the shorter article have a near-identical sentence in
  the other (sentence embeddings, cosine at least ``sentence_match``; ``rewrite_overlap`` of its
  sentences) or the two whole-article embeddings are at least ``rewrite_cosine`` apart: the same
  report reworded, cut or padded; as an ``update`` when, so linked, one has at least 1.5 times
  the sentences of the other (a wire take and its fuller version);
- as a ``shared sentence`` when they share a long sentence of the writer's own words (outside
  quotation marks) word for word or nearly, or one quotation with the same long attribution:
  two takes of one wire story, whatever their outlets (``shared_sentence``).

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

import bisect

import re
from dataclasses import dataclass
from datetime import timezone
from difflib import SequenceMatcher

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
    # Takes of one wire story: a shared sentence of the writer's own words.
    for link in shared_sentence_links(ids, articles, set(links)):
        links[link.articles] = link
    order = {aid: i for i, aid in enumerate(ids)}
    return sorted(links.values(), key=lambda c: (order[c.articles[0]], order[c.articles[1]]))


# ----------------------------------------------------------------------------- shared sentences
# Two takes of one wire story often differ too much as wholes to be duplicates or rewrites (a
# 300-word take and its 800-word update, an outlet's lead-in over the agency's text), yet they
# share sentences word for word. One such sentence of the writer's own words makes the two
# articles one origin, whatever their `source` fields say.
# A long sentence that differs from another in a word or two is a copy of it (wire copy edited).
COPY_MIN_WORDS = 12
COPY_SIMILARITY = 0.9
# A sentence of the writer's own words this long, shared word for word (or all but a word or
# two) by two articles, makes them takes of one wire story (shorter ones, "he said", are alike
# by chance).
ARTICLE_COPY_MIN_WORDS = COPY_MIN_WORDS
# ... and so does a shorter sentence most of whose words (ARTICLE_COPY_SHARE, at least
# ARTICLE_COPY_WORDS) stand in the same order in the other: a take whose lead-in was edited ("As
# soon as the record-setting shot went through the net, officials briefly stopped the game to
# allow ..." / "After the record-setting point, officials briefly stopped ...").
ARTICLE_COPY_WORDS = 15
ARTICLE_COPY_SHARE = 0.8


def same_words(a: str, b: str) -> bool:
    """The same sentence word for word (case and punctuation aside), or all but a word or two
    of a long one ("Pigeon told" / "Mr. Pigeon told", "6 p.m." / "6: 00 p.m."): a copy.

    >>> same_words("No one was hurt.", "No one was hurt!"), same_words("No one was hurt.",
    ...     "No one was injured.")
    (True, False)
    >>> same_words("Police locked down the neighbourhood and negotiated with the suspect, who "
    ...            "gave himself up just after 6 p.m., Fanning said.", "Police locked down the "
    ...            "neighborhood and negotiated with the suspect, who gave himself up just after "
    ...            "6: 00 p.m., Mr. Fanning said.")
    True
    """
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return True
    ta, tb = wa.split(), wb.split()
    if min(len(ta), len(tb)) < COPY_MIN_WORDS:
        return False  # short sentences are alike by chance: only an exact copy counts
    return SequenceMatcher(None, ta, tb, autojunk=False).ratio() >= COPY_SIMILARITY


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


_QUOTE_MARK = re.compile(r'["\u201c\u201d]')


def narrative(text: str) -> str:
    """The writer's own words of a sentence: the text outside quotation marks. An unpaired mark
    closes a quotation begun in an earlier sentence (``so I know ...," he said``) when a space,
    punctuation or the end follows it, else it opens one that runs to the end.

    >>> narrative('"We will pay," BP said, "in full."')
    'BP said,'
    >>> narrative('so I know whose ass to kick ," the president said.')
    'the president said.'
    >>> narrative('Obama said: "He would not be working for me')
    'Obama said:'
    """
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    cut: list[tuple[int, int]] = []
    if len(marks) % 2:
        first = marks[0]
        after = text[first + 1:first + 2]
        if text[first] == "\u201d" or (text[first] == '"' and not after.isalnum()):
            cut.append((0, first + 1))
            marks = marks[1:]
        else:
            cut.append((marks[-1], len(text)))
            marks = marks[:-1]
    cut += [(a, b + 1) for a, b in zip(marks[::2], marks[1::2])]
    keep, at = [], 0
    for a, b in sorted(cut):
        keep.append(text[at:a])
        at = max(at, b)
    keep.append(text[at:])
    return " ".join("".join(keep).split())


def copied(a: str, b: str, min_words: int = ARTICLE_COPY_MIN_WORDS) -> bool:
    """Whether two sentences are copies by their writer's words: ``same_words`` on the text
    outside quotation marks, which must be at least ``min_words`` long, or most words of the
    shorter in the same order in the other (ARTICLE_COPY_SHARE, at least ARTICLE_COPY_WORDS).

    >>> copied('"I am ashamed," Barton said.', '"I am ashamed," he said.')
    False
    >>> copied("Police said the storm killed 12 people in the valley on Monday night.",
    ...        "Police said the storm killed 12 people in the valley on Monday night!")
    True
    """
    na, nb = narrative(a), narrative(b)
    wa, wb = _words(na).split(), _words(nb).split()
    if min(len(wa), len(wb)) < min_words:
        return False
    if same_words(na, nb):
        return True
    blocks = SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    shared = sum(block.size for block in blocks)
    return shared >= ARTICLE_COPY_WORDS and shared >= ARTICLE_COPY_SHARE * min(len(wa), len(wb))



# A quotation with its attribution, word for word in two articles, is a copy when the
# attribution itself says enough in the writer's words (who the speaker is, where): '"...,"
# said Kostas, 32, a student who joined the protests' is one agency's sentence; '"...," Obama
# said.' is what any outlet transcribing the speech prints.
ATTRIBUTION_COPY_WORDS = 7
# Sentences are compared only when they share a run of this many words (cheap candidates).
_SHINGLE = 4


def copied_quotation(a: str, b: str) -> bool:
    """Whether two sentences are one quotation with one attribution, copied: the same words
    (``same_words``, COPY_MIN_WORDS or more) with ATTRIBUTION_COPY_WORDS or more of the
    writer's own words around the quotation.

    >>> q = '"We will rebuild the town," said Maria Lopez, 62, who lost her shop in the flood.'
    >>> copied_quotation(q, q.replace("62,", "62 ,"))
    True
    >>> copied_quotation('"We will rebuild the town and the port," Obama said.',
    ...                  '"We will rebuild the town and the port," Obama said.')
    False
    """
    if len(_words(narrative(a)).split()) < ATTRIBUTION_COPY_WORDS:
        return False
    return len(_words(a).split()) >= COPY_MIN_WORDS and same_words(a, b)


def _sentence_texts(article: Article) -> list[str]:
    spans = article.layer("sentences")
    if spans:
        return [article.text[s.start:s.end] for s in spans]
    return [t for t in re.split(r"(?<=[.!?])\s+", article.text) if t.strip()]


# Two sentences that could be copies share at least this many four-word shingles (a copy or a
# quotation given word for word shares many more); fewer is a common phrase, not a copy.
_MIN_SHARED_SHINGLES = 3


@dataclass
class _CopyIndex:
    """An article's sentences long enough to count as a copy, their shingles, and which of
    them holds each shingle."""

    texts: list[str]
    shingles: list[set[tuple[str, ...]]]
    holders: dict[tuple[str, ...], list[int]]


def _copy_index(article: Article) -> _CopyIndex:
    texts, shingles, holders = [], [], {}
    for text in _sentence_texts(article):
        own = _words(narrative(text)).split()
        full = _words(text).split()
        if len(own) >= ARTICLE_COPY_MIN_WORDS or (
                len(own) >= ATTRIBUTION_COPY_WORDS and len(full) >= COPY_MIN_WORDS):
            grams = _shingles(full)
            for sh in grams:
                holders.setdefault(sh, []).append(len(texts))
            texts.append(text)
            shingles.append(grams)
    return _CopyIndex(texts, shingles, holders)


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def _shared(left: _CopyIndex, right: _CopyIndex) -> tuple[str, str] | None:
    for i, grams in enumerate(left.shingles):
        counts: dict[int, int] = {}
        for sh in grams:
            for j in right.holders.get(sh, ()):
                counts[j] = counts.get(j, 0) + 1
        for j in sorted(j for j, n in counts.items() if n >= _MIN_SHARED_SHINGLES):
            text, other = left.texts[i], right.texts[j]
            if copied(text, other) or copied_quotation(text, other):
                return text, other
    return None


def shared_sentence(a: Article, b: Article) -> tuple[str, str] | None:
    """A sentence pair that makes two articles takes of one story (``copied`` or
    ``copied_quotation``), or None."""
    return _shared(_copy_index(a), _copy_index(b))


def shared_sentence_links(ids: list[str], articles: dict[str, Article],
                          linked: set[tuple[str, str]] | None = None) -> list[Copy]:
    """``shared sentence`` links: pairs of articles (the earlier first) that share a sentence
    of the writer's own words (see ``shared_sentence``), other than pairs already ``linked``.
    Each article's sentences are read once, and only sentence pairs that share a shingle are
    counted, from one index of the story's shingles (a story of 180 articles has 16,000 pairs,
    most of them sharing some common phrase)."""
    linked = linked or set()
    index = {aid: _copy_index(articles[aid]) for aid in ids}
    position = {aid: x for x, aid in enumerate(ids)}
    owners: dict[tuple[str, ...], list[int]] = {}  # shingle -> positions in ids, ascending
    for aid, entry in index.items():
        for sh in entry.holders:
            owners.setdefault(sh, []).append(position[aid])
    out = []
    for x, a in enumerate(ids):
        # shared[b][i][j]: the shingles sentence i of a shares with sentence j of a later b
        shared: dict[int, dict[int, dict[int, int]]] = {}
        for i, grams in enumerate(index[a].shingles):
            for sh in grams:
                holding = owners[sh]
                for y in holding[bisect.bisect_right(holding, x):]:
                    counts = shared.setdefault(y, {}).setdefault(i, {})
                    for j in index[ids[y]].holders[sh]:
                        counts[j] = counts.get(j, 0) + 1
        for y in range(x + 1, len(ids)):
            b = ids[y]
            pair = _ordered(a, b, articles, ids)
            if pair in linked or y not in shared:
                continue
            found = _first_shared(index[a], index[b], shared[y])
            if found is not None:
                ratio = SequenceMatcher(None, _words(found[0]).split(),
                                        _words(found[1]).split(), autojunk=False).ratio()
                out.append(Copy(pair, SHARED_SENTENCE, round(ratio, 4)))
    return out


def _first_shared(left: _CopyIndex, right: _CopyIndex,
                  shared: dict[int, dict[int, int]]) -> tuple[str, str] | None:
    """``_shared`` with the shingle counts of each sentence pair given."""
    for i in sorted(shared):
        counts = shared[i]
        for j in sorted(j for j, n in counts.items() if n >= _MIN_SHARED_SHINGLES):
            text, other = left.texts[i], right.texts[j]
            if copied(text, other) or copied_quotation(text, other):
                return text, other
    return None


SHARED_SENTENCE = "shared sentence"


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
            join(a, b, f"{b} shares a sentence of its own words with {a}"
                 if link.kind == SHARED_SENTENCE else f"{b} is a {link.kind} of {a}")
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
