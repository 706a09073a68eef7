"""Claims across sources: which statements several independent sources carry, which rest on one
report, where reports tell the same matter differently, and what each source leaves out.

Statements of different articles (``claims@1``) are aligned into one claim when they say the same
thing: their embeddings are close (of the whole statement, or of the reported clause when both
are attributed) and their parts agree. Parts that disagree keep paraphrases apart: a negation
flip ("will send" / "will not send"), numbers of one unit that differ, or different dates. Such
near pairs, and pairs about the same matter whose participants or framing differ, become
*divergences*, each side with its evidence.

Filled on the story (records of ``model.findings``, offsets in cleaned text):

- ``story.claims``: ``Claim`` records with status ``corroborated`` (two or more independent
  sources), ``single-source`` or ``disputed`` (a source says otherwise);
- ``story.divergences``: ``Divergence`` records with two sides; ``over_time`` when the two sides
  come from reports of different days (then a changed number or denial is a development, and no
  claim is marked disputed for it);
- ``story.coverage``: the ``Coverage`` matrix, ``cells[s][c]`` saying whether source ``s``
  ``carries``, ``disputes`` or ``omits`` claim ``c``.

Options (``[claims]`` of the config, typed in ``config.py``): ``agree_similarity``,
``divergence_similarity``, ``max_claims``, ``coverage_claims``, ``max_divergences``.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from newsweave.config import Config
from newsweave.model import (Article, Claim, Coverage, Divergence, DivergenceSide, Evidence,
                             Story)
from newsweave.nlp.claims import entity_key
from newsweave.registry import story_stage
from newsweave.stories.copies import independent_sources
from newsweave.stories.timeline import published_day

STRUCTURAL_BONUS = 0.1   # how much shared rare words and names lift the similarity
AGENT_BONUS = 0.15       # ... the same agent or speaker
AGENT_PENALTY = 0.1      # ... and how much different agents lower it
POLARITY_PENALTY = 0.1   # ... and opposite polarity ("will send" / "ruled out sending")
NEGATION_SIMILARITY = 0.8
# Predicates too general to say two statements are about the same act.
LIGHT_PREDICATES = {None, "be", "have", "do", "make", "get", "say", "take", "go"}  # opposite negation at this similarity is a contradiction
# An entity named in at most about one statement in seven of the story (or in two, in a small
# story) anchors two statements to one occasion; the story's main actors and places do not.
ANCHOR_SHARE = 1 / 7
# Two accounts of what one person meant must be closer than two statements of one matter.
THIRD_PARTY_SIMILARITY = 0.55
REL_NUMBER_TOLERANCE = 0.01  # exact numbers must match to 1 % (25 % when either is approximate)

_KIND_ABOUT = {
    "negation": "whether it is so",
    "number": "how many / how much",
    "date": "when",
    "participants": "who took part",
    "framing": "what was meant or how it was framed",
}


def options(config: Config) -> dict:
    """The align options: the ``[claims]`` section of the config (typed in ``config.py``)."""
    return config.claims.model_dump()


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


# ----------------------------------------------------------------------------- parts
def numbers_conflict(a: dict, b: dict) -> list[tuple[dict, dict]]:
    """Pairs of numbers, one from each statement, with the same unit and different values.

    >>> n = lambda v, u, approx=False: {"value": v, "unit": u, "approx": approx, "text": str(v)}
    >>> len(numbers_conflict({"numbers": [n(20, "leader")]}, {"numbers": [n(35, "leader")]}))
    1
    >>> numbers_conflict({"numbers": [n(20, "leader", True)]}, {"numbers": [n(22, "leader")]})
    []
    """
    out = []
    for na in a.get("numbers", ()):
        for nb in b.get("numbers", ()):
            if not na.get("unit") or na.get("unit") != nb.get("unit"):
                continue
            va, vb = float(na["value"]), float(nb["value"])
            if not _bounds_clash(na, va, nb, vb):
                continue
            tolerance = 0.25 if na.get("approx") or nb.get("approx") else REL_NUMBER_TOLERANCE
            if abs(va - vb) > tolerance * max(abs(va), abs(vb), 1e-9):
                # the same unit may hold other equal numbers: then this pair is not the point
                if not any(float(x["value"]) == vb for x in a["numbers"] if x.get("unit") == nb["unit"]):
                    out.append((na, nb))
    return out


def _bounds_clash(na: dict, va: float, nb: dict, vb: float) -> bool:
    """Whether two values can contradict given their bounds: "at least 2 bodies" is consistent
    with "16 bodies", "up to 300 people" with "250 people"."""
    for n, v, other in ((na, va, vb), (nb, vb, va)):
        if n.get("bound") == "min" and other >= v:
            return False
        if n.get("bound") == "max" and other <= v:
            return False
    return True


def dates_conflict(a: dict, b: dict) -> list[tuple[dict, dict]]:
    """Pairs of normalised dates of the same precision that differ."""
    out = []
    for da in a.get("dates", ()):
        for db in b.get("dates", ()):
            va, vb = da.get("value"), db.get("value")
            if va and vb and _precision(va) == _precision(vb) and va != vb:
                out.append((da, db))
    return out


def _precision(value: str) -> str:
    """The shape of a normalised date: "YYYY-MM-DD", "--MM-DD", "YYYY-MM", "YYYY"."""
    return re.sub(r"\d", "9", value)


def negation_flip(a: dict, b: dict, similarity: float = 0.0) -> bool:
    """One statement denies what the other asserts: opposite negation, and the same predicate
    or nearly the same words ("has no plans to deploy troops" / "is considering deploying
    troops")."""
    if bool(a.get("negated")) == bool(b.get("negated")):
        return False
    same = a.get("predicate") not in LIGHT_PREDICATES and a.get("predicate") == b.get("predicate")
    return same or similarity >= NEGATION_SIMILARITY


def _entity_keys(claim: dict, labels=("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")) -> set[str]:
    return {e["key"] for e in claim.get("entities", ()) if e["label"] in labels and e["key"]}


def agree(a: dict, b: dict, similarity: float = 0.0) -> bool:
    """Whether the parts of two similar statements are compatible (nothing in them disagrees:
    polarity, numbers of one unit, the members of one acting group)."""
    return not (negation_flip(a, b, similarity) or numbers_conflict(a, b)
                or group_difference(a, b))


# ----------------------------------------------------------------------------- alignment
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
        for i, claim in enumerate(claims):
            out.append(Statement(aid, i, claim, full[i], core[i],
                                 lemmas=frozenset(claim.get("lemmas", ())),
                                 keys=frozenset(_entity_keys(claim))))
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


def structural_bonus(a: Statement, b: Statement, idf: dict[str, float],
                     anchor: float = 2.0) -> float:
    """How much the parts of two statements lift (or lower) their embedding similarity: the
    same agent or speaker, the same predicate, both negated, shared rare words; different
    agents that the other statement does not mention lower it."""
    bonus = STRUCTURAL_BONUS * min(1.0, 2 * lexical_overlap(a, b, idf))
    agents_a, agents_b = _agents(a.claim), _agents(b.claim)
    if agents_a and agents_b:
        shared = [x for x in agents_a if any(same_entity(x, y) for y in agents_b)]
        if shared:
            # the story's central actor is the agent of half its statements: sharing it says
            # little; a rarely named agent says much (full bonus at `anchor_idf`)
            rarity = max(idf.get("@" + x, anchor) for x in shared) / max(anchor, 1e-6)
            bonus += AGENT_BONUS * min(1.0, rarity)
        elif not _overlaps(agents_a, set(b.keys)) and not _overlaps(agents_b, set(a.keys)):
            bonus -= AGENT_PENALTY
    if a.claim.get("negated") and b.claim.get("negated"):
        bonus += 0.05
    elif bool(a.claim.get("negated")) != bool(b.claim.get("negated")):
        bonus -= POLARITY_PENALTY  # one asserts what the other denies: not the same claim
    if a.claim.get("predicate") and a.claim.get("predicate") == b.claim.get("predicate"):
        bonus += 0.03
    return bonus


def align_statements(statements: list[Statement], opts: dict) -> tuple[np.ndarray, np.ndarray]:
    """Group statements into claims (sets ``Statement.cluster``); return the similarity and the
    combined agreement score matrices."""
    n = len(statements)
    sim = similarity_matrix(statements)
    idf = _idf(statements)
    anchor = anchor_idf(n)
    score = np.full((n, n), -1.0, dtype=np.float32)
    conflict = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            if sim[i, j] < opts["divergence_similarity"]:
                continue
            a, b = statements[i], statements[j]
            combined = float(sim[i, j]) + structural_bonus(a, b, idf, anchor)
            score[i, j] = score[j, i] = combined
            if not agree(a.claim, b.claim, float(sim[i, j])):
                conflict[i, j] = conflict[j, i] = True
    # Average-link agglomeration over agreeing pairs; a conflict forbids a merge.
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    cluster_of = list(range(n))
    threshold = opts["agree_similarity"]
    pairs = sorted(((score[i, j], i, j) for i in range(n) for j in range(i + 1, n)
                    if score[i, j] >= threshold and not conflict[i, j]
                    and statements[i].article != statements[j].article), reverse=True)
    for _, i, j in pairs:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        a_idx, b_idx = members[ci], members[cj]
        block = score[np.ix_(a_idx, b_idx)]
        if conflict[np.ix_(a_idx, b_idx)].any():
            continue
        # statements of one article do not vouch for each other
        if {statements[k].article for k in a_idx} == {statements[k].article for k in b_idx}:
            continue
        if float(np.clip(block, 0, None).mean()) < threshold - 0.04 or block.min() < opts[
                "divergence_similarity"] + 0.05:
            continue
        members[ci].extend(b_idx)
        for k in b_idx:
            cluster_of[k] = ci
        del members[cj]
    for k, s in enumerate(statements):
        s.cluster = cluster_of[k]
    return sim, score


# ----------------------------------------------------------------------------- divergences
def group_difference(a: dict, b: dict) -> tuple[str, list[str], list[str]] | None:
    """The same group told with different members ("20 European leaders" / "leaders from the
    US, Canada and European nations"): (group, members only in a, members only in b)."""
    for ga in a.get("groups", ()):
        for gb in b.get("groups", ()):
            if ga["head"] != gb["head"]:
                continue
            only_a = [m for m in ga["members"] if not any(same_entity(m, x) for x in gb["members"])]
            only_b = [m for m in gb["members"] if not any(same_entity(m, x) for x in ga["members"])]
            # one name against one other is more often two namings of one group ("Royal Navy
            # personnel" / "British personnel") than two accounts of who took part
            if (only_a or only_b) and max(len(ga["members"]), len(gb["members"])) >= 2:
                return ga["head"], only_a, only_b
    return None


def _anchored(a: Statement, b: Statement, idf: dict[str, float], anchor: float) -> bool:
    """Whether two statements share a specific named thing (a place, an event, a person that
    few statements of the story mention), so that they are about one occasion."""
    return any(idf.get("@" + k, 0.0) >= anchor for k in a.keys & b.keys)


def _third_party(a: Statement, b: Statement) -> bool:
    """Two voices report what one person did or meant ("officials clarified that he was
    discussing demining" / "Kuleba clarified that Macron was referring to training"): the
    subject of both reported clauses is that person, who is neither speaker."""
    agent_a, agent_b = a.claim.get("content_agent"), b.claim.get("content_agent")
    if not (agent_a and agent_b and same_entity(agent_a, agent_b)):
        return False
    speakers = {entity_key(c["speaker"]) for c in (a.claim, b.claim) if c.get("speaker")}
    return not any(same_entity(agent_a, sp) for sp in speakers)


def compare(a: Statement, b: Statement, sim: float, idf: dict[str, float] | None = None,
            anchor: float = 2.0) -> list[tuple[str, float]]:
    """The ways two statements about one matter differ, each with a strength. Only parts that
    can be compared count: polarity, numbers of one unit, dates, the members of one acting
    group at one named occasion, or two voices on what one person did or meant."""
    idf = idf or {}
    found: list[tuple[str, float]] = []
    if negation_flip(a.claim, b.claim, sim):
        found.append(("negation", 1.0))
    if numbers_conflict(a.claim, b.claim):
        found.append(("number", 1.0))
    if sim >= 0.65 and dates_conflict(a.claim, b.claim):
        found.append(("date", 0.8))
    if found:
        return found
    if group_difference(a.claim, b.claim) and _anchored(a, b, idf, anchor):
        return [("participants", 0.8)]
    if sim >= THIRD_PARTY_SIMILARITY and _third_party(a, b):
        return [("framing", 0.6)]
    return []


def find_divergences(statements: list[Statement], sim: np.ndarray, opts: dict,
                     idf: dict[str, float]) -> list[dict]:
    """Pairs of statements of different articles and claims, about the same matter, whose parts
    differ; the strongest pair per pair of claims, strongest first."""
    best: dict[tuple[int, int], tuple[float, str, int, int]] = {}
    n = len(statements)
    anchor = anchor_idf(n)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = statements[i], statements[j]
            if a.article == b.article or a.cluster == b.cluster:
                continue
            s = float(sim[i, j])
            if s < opts["divergence_similarity"]:
                continue
            lex = lexical_overlap(a, b, idf)
            for kind, weight in compare(a, b, s, idf, anchor):
                strength = weight * (s + 0.5 * lex)
                key = tuple(sorted((a.cluster, b.cluster)))
                if key not in best or best[key][0] < strength:
                    best[key] = (strength, kind, i, j)
    ranked = sorted(best.values(), reverse=True)
    return [{"strength": st, "kind": kind, "a": i, "b": j} for st, kind, i, j in ranked]


def reported_on_different_days(a: Article, b: Article) -> bool:
    """Whether both articles carry a publication date and the dates are different days."""
    pa, pb = published_day(a), published_day(b)
    return bool(pa and pb and pa != pb)


def _about(kind: str, a: Statement, b: Statement, idf: dict[str, float]) -> str:
    shared = sorted(a.lemmas & b.lemmas, key=lambda w: (-idf.get(w, 0.0), w))[:3]
    subject = ", ".join(shared)
    return f"{_KIND_ABOUT[kind]}: {subject}" if subject else _KIND_ABOUT[kind]


# ----------------------------------------------------------------------------- the stage
def _evidence(article: Article, claim: dict) -> Evidence:
    return Evidence(article.id, claim["start"], claim["end"])


def _independent(article_ids: list[str], story: Story) -> int:
    try:
        return int(independent_sources(list(dict.fromkeys(article_ids)), story))
    except Exception:  # noqa: BLE001 - copies not computed for this story: count articles
        return len(set(article_ids))


def _representative(idx: list[int], sim: np.ndarray, statements: list[Statement]) -> int:
    if len(idx) == 1:
        return idx[0]
    block = sim[np.ix_(idx, idx)]
    centrality = block.sum(axis=1)
    # Prefer central, then check-worthy, then short statements.
    return max(idx, key=lambda k: (round(float(centrality[idx.index(k)]), 2),
                                   statements[k].claim.get("score", 0),
                                   -len(statements[k].claim["text"])))


@story_stage("align@1", requires=("article.claims", "article.claim_embeddings",
                                   "article.sentence_embeddings"),
             assigns=("story.claims", "story.divergences", "story.coverage"))
def align_stage(story: Story, articles: dict[str, Article], config: Config) -> None:
    """Align the story's statements into claims; find divergences and the coverage matrix."""
    opts = options(config)
    statements = _statements(story, articles)
    if not statements:
        story.claims, story.divergences = [], []
        story.coverage = Coverage((), tuple(story.articles), ())
        return
    sim, _ = align_statements(statements, opts)
    idf = _idf(statements)
    groups: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(statements):
        groups[s.cluster].append(k)
    divergences = find_divergences(statements, sim, opts, idf)
    disputed: dict[int, set[int]] = defaultdict(set)  # cluster -> clusters that contradict it
    for d in divergences:
        d["over_time"] = reported_on_different_days(articles[statements[d["a"]].article],
                                                    articles[statements[d["b"]].article])
        # a count or a denial that changed between reports of different days is how the story
        # developed ("no wreckage found" on Monday, "wreckage found" on Tuesday), not a dispute
        if d["kind"] in {"negation", "number", "date"} and not d["over_time"]:
            ca, cb = statements[d["a"]].cluster, statements[d["b"]].cluster
            disputed[ca].add(cb)
            disputed[cb].add(ca)

    records = []
    for cluster, idx in groups.items():
        sources = list(dict.fromkeys(statements[k].article for k in idx))
        independent = _independent(sources, story)
        rep = _representative(idx, sim, statements)
        best_score = max(statements[k].claim.get("score", 0) for k in idx)
        if independent < 2 and best_score < opts["min_single_source_score"] and cluster not in disputed:
            continue
        status = ("disputed" if cluster in disputed else
                  "corroborated" if independent >= 2 else "single-source")
        records.append({"cluster": cluster, "rep": rep, "idx": idx, "sources": sources,
                        "independent": independent, "status": status,
                        "weight": independent + 0.1 * best_score + (0.5 if cluster in disputed else 0)})
    records.sort(key=lambda r: (-r["weight"], statements[r["rep"]].article,
                                statements[r["rep"]].claim["start"]))
    records = records[: int(opts["max_claims"])]
    claim_id: dict[int, str] = {}
    claims = []
    for n, r in enumerate(records, 1):
        cid = f"c{n}"
        claim_id[r["cluster"]] = cid
        rep = statements[r["rep"]]
        ordered = [r["rep"]] + [k for k in r["idx"] if k != r["rep"]]
        claims.append(Claim(
            id=cid,
            text=rep.claim["text"],
            status=r["status"],
            sources=tuple(r["sources"]),
            independent_sources=r["independent"],
            evidence=tuple(_evidence(articles[statements[k].article], statements[k].claim)
                           for k in ordered),
            speakers=tuple(sorted({statements[k].claim["speaker"] for k in r["idx"]
                                   if statements[k].claim.get("speaker")})),
        ))
    story.claims = claims

    story.divergences = []
    for d in divergences[: int(opts["max_divergences"])]:
        a, b = statements[d["a"]], statements[d["b"]]
        sides = []
        for s in (a, b):
            others = [k for k in groups[s.cluster] if statements[k] is not s]
            evidence = [_evidence(articles[s.article], s.claim)] + [
                _evidence(articles[statements[k].article], statements[k].claim) for k in others]
            sides.append(DivergenceSide(s.claim["text"], claim_id.get(s.cluster),
                                        tuple(evidence)))
        story.divergences.append(Divergence(_about(d["kind"], a, b, idf), d["kind"],
                                            d["over_time"], tuple(sides)))

    story.coverage = coverage(story, records, claim_id, statements, disputed,
                                       limit=int(opts["coverage_claims"]))


def coverage(story: Story, records: list[dict], claim_id: dict[int, str],
             statements: list[Statement], disputed: dict[int, set[int]], *,
             limit: int) -> Coverage:
    """The source x claim matrix for the most important claims: ``carries``, ``disputes`` (the
    source carries a statement that contradicts the claim) or ``omits``."""
    important = [r for r in records if r["status"] != "single-source"][:limit]
    if len(important) < limit:
        important += [r for r in records if r["status"] == "single-source"][: limit - len(important)]
    carried: dict[int, set[str]] = {r["cluster"]: set(r["sources"]) for r in records}
    by_cluster: dict[int, set[str]] = defaultdict(set)
    for s in statements:
        by_cluster[s.cluster].add(s.article)
    cells = []
    for source in story.articles:
        row = []
        for r in important:
            if source in carried[r["cluster"]]:
                row.append("carries")
            elif any(source in by_cluster[other] for other in disputed.get(r["cluster"], ())):
                row.append("disputes")
            else:
                row.append("omits")
        cells.append(tuple(row))
    return Coverage(tuple(claim_id[r["cluster"]] for r in important), tuple(story.articles),
                    tuple(cells))
