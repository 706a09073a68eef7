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

from collections import defaultdict

import numpy as np

from newsweave.config import Config
from newsweave.model import (Article, Claim, Coverage, Divergence, DivergenceSide, Evidence,
                             Story)
from newsweave.registry import story_stage
from newsweave.stories import corroboration
from newsweave.stories.copies import independent_sources  # noqa: F401 - re-exported
from newsweave.stories.divergence import describe, find_divergences, reported_on_different_days
# Re-exported: the parts and measures lived here before they moved to their own modules.
from newsweave.stories.parts import (agree, dates_conflict, group_difference,  # noqa: F401
                                     negation_flip, numbers_conflict, numbers_differ)
from newsweave.stories.statements import (Statement, _agents, _idf, _overlaps,  # noqa: F401
                                          _statements, anchor_idf, lexical_overlap,
                                          same_entity, similarity_matrix)

STRUCTURAL_BONUS = 0.1   # how much shared rare words and names lift the similarity
AGENT_BONUS = 0.15       # ... the same agent or speaker
AGENT_PENALTY = 0.1      # ... and how much different agents lower it
POLARITY_PENALTY = 0.1   # ... and opposite polarity ("will send" / "ruled out sending")


def options(config: Config) -> dict:
    """The align options: the ``[claims]`` section of the config (typed in ``config.py``)."""
    return config.claims.model_dump()



# ----------------------------------------------------------------------------- alignment
def structural_bonus(a: Statement, b: Statement, idf: dict[str, float],
                     anchor: float = 2.0) -> float:
    """How much the parts of two statements lift (or lower) their embedding similarity: the
    same agent or speaker, the same predicate, both negated, shared rare words; different
    agents that the other statement does not mention lower it."""
    return _bonus(a, b, _words(a), _words(b), _agents(a.claim), _agents(b.claim), idf, anchor)


def _words(s: Statement) -> set[str]:
    """The statement's content lemmas and entity keys, as ``lexical_overlap`` builds them."""
    return s.lemmas | {"@" + k for k in s.keys}


def _bonus(a: Statement, b: Statement, wa: set[str], wb: set[str], agents_a: set[str],
           agents_b: set[str], idf: dict[str, float], anchor: float) -> float:
    """``structural_bonus`` with each statement's word set (``_words``) and agents given, so a
    story's pair loop builds them once per statement rather than once per pair."""
    # lexical_overlap(a, b, idf), on the sets given (built the same way, so summed in the
    # same order)
    overlap = 0.0
    if wa and wb:
        inter = sum(idf.get(w, 1.0) for w in wa & wb)
        union = sum(idf.get(w, 1.0) for w in wa | wb)
        overlap = inter / union if union else 0.0
    bonus = STRUCTURAL_BONUS * min(1.0, 2 * overlap)
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
    # The pairs above the divergence similarity, in the order of a loop over i < j, found with
    # numpy rather than by visiting all n^2 / 2 pairs in Python (a large story has thousands of
    # statements); ``not sim < x`` keeps the loop's reading of a NaN.
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    near_i, near_j = np.nonzero(upper & ~(sim < opts["divergence_similarity"]))
    words = [_words(s) for s in statements]
    agents = [_agents(s.claim) for s in statements]
    for i, j in zip(near_i.tolist(), near_j.tolist()):
        a, b = statements[i], statements[j]
        combined = float(sim[i, j]) + _bonus(a, b, words[i], words[j], agents[i], agents[j],
                                             idf, anchor)
        score[i, j] = score[j, i] = combined
        if not agree(a.claim, b.claim, float(sim[i, j])):
            conflict[i, j] = conflict[j, i] = True
    # Average-link agglomeration over agreeing pairs; a conflict forbids a merge.
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    cluster_of = list(range(n))
    threshold = opts["agree_similarity"]
    agree_i, agree_j = np.nonzero(upper & (score >= threshold) & ~conflict)
    pairs = sorted(((score[i, j], i, j) for i, j in zip(agree_i.tolist(), agree_j.tolist())
                    if statements[i].article != statements[j].article), reverse=True)
    del upper
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
    # Prefer a text that reads alone (a fragment cannot be shown as a claim), then central,
    # then check-worthy, then short statements.
    return max(idx, key=lambda k: (corroboration.readable(statements[k].claim["text"],
                                                          statements[k].claim.get("speaker")),
                                   round(float(centrality[idx.index(k)]), 2),
                                   statements[k].claim.get("score", 0),
                                   -len(statements[k].claim["text"])))


@story_stage("align@1", requires=("article.claims", "article.claim_embeddings",
                                   "article.sentence_embeddings"),
             assigns=("story.claims", "story.divergences", "story.coverage"))
def align_stage(story: Story, articles: dict[str, Article], config: Config) -> None:
    """Align the story's statements into claims, verify what corroborates and what disputes
    them (``stories.corroboration``), find divergences and the coverage matrix."""
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
    reps = {cluster: _representative(idx, sim, statements) for cluster, idx in groups.items()}

    origin = corroboration.origin_of_articles(story)
    # a divergence's sides, like a dispute's, come from different origins
    divergences = find_divergences(statements, sim, opts, idf, origin)
    contradictions = []
    for d in divergences:
        d["over_time"] = reported_on_different_days(articles[statements[d["a"]].article],
                                                    articles[statements[d["b"]].article])
        # a count or a denial that changed between reports of different days is how the story
        # developed ("no wreckage found" on Monday, "wreckage found" on Tuesday), not a dispute
        if d["kind"] in {"negation", "number", "date"} and not d["over_time"]:
            contradictions.append(d)

    # The support model, once for every pair a check needs.
    pairs = corroboration.support_pairs(list(((reps[c], idx) for c, idx in groups.items())),
                                        statements, articles, sim)
    for d in contradictions:
        for x, y in ((d["a"], d["b"]), (d["b"], d["a"])):
            pairs.append((reps[statements[x].cluster], statements[y].article))
    support = corroboration.assess(list(dict.fromkeys(pairs)), statements, articles, config)

    verdicts = {cluster: corroboration.verify(reps[cluster], idx, statements, sim, story, support)
                for cluster, idx in groups.items()}
    for d in contradictions:
        for x, y in ((d["a"], d["b"]), (d["b"], d["a"])):
            cluster = statements[x].cluster
            rep = reps[cluster]
            # a dispute comes from another origin (not a take of the same wire story)
            if origin.get(statements[y].article) == origin.get(statements[rep].article):
                continue
            if corroboration.leans_to_dispute(support.get((rep, statements[y].article))):
                verdict = verdicts[cluster]
                if y not in verdict.disputed_by:
                    verdict.disputed_by.append(y)
                    verdict.dispute_checks.append(
                        f"{statements[y].article} (another origin): {d['check']}, and the "
                        f"claim-support model reads it as disputing rather than supporting; "
                        f"claim: \"{statements[x].claim['text']}\"; disputing passage: "
                        f"\"{statements[y].claim['text']}\"")

    records = []
    for cluster, idx in groups.items():
        verdict = verdicts[cluster]
        best_score = max(statements[k].claim.get("score", 0) for k in idx)
        if verdict.status == "single-source" and best_score < opts["min_single_source_score"]:
            continue
        # (the verdict's first supporter: the passage the claim is shown as, ``claim_wording``)
        records.append({"cluster": cluster, "rep": verdict.supporters[0], "verdict": verdict,
                        "weight": verdict.independent + 0.1 * best_score
                        + (0.5 if verdict.disputed_by else 0)})
    records.sort(key=lambda r: (-r["weight"], statements[r["rep"]].article,
                                statements[r["rep"]].claim["start"]))
    records = records[: int(opts["max_claims"])]
    claim_id: dict[int, str] = {}
    claims = []
    for n, r in enumerate(records, 1):
        cid = f"c{n}"
        claim_id[r["cluster"]] = cid
        verdict = r["verdict"]
        rep = statements[r["rep"]]
        claims.append(Claim(
            id=cid,
            text=verdict.shown or rep.claim["text"],
            status=verdict.status,
            sources=tuple(dict.fromkeys(statements[k].article for k in verdict.supporters)),
            independent_sources=verdict.independent,
            evidence=tuple(_evidence(articles[statements[k].article], statements[k].claim)
                           for k in verdict.supporters),
            speakers=tuple(sorted({statements[k].claim["speaker"] for k in verdict.supporters
                                   if statements[k].claim.get("speaker")})),
            disputed_by=tuple(_evidence(articles[statements[k].article], statements[k].claim)
                              for k in verdict.disputed_by),
            check=verdict.check(),
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
        story.divergences.append(Divergence(describe(d["kind"], a, b), d["kind"],
                                            d["over_time"], tuple(sides), check=d["check"]))

    story.coverage = coverage(story, records, claim_id, statements, articles, config,
                              limit=int(opts["coverage_claims"]))


def coverage(story: Story, records: list[dict], claim_id: dict[int, str],
             statements: list[Statement], articles: dict[str, Article], config: Config, *,
             limit: int) -> Coverage:
    """The source x claim matrix for the most important claims: ``carries`` (a passage of the
    source passed the corroboration checks), ``disputes`` (a passage of it passed the dispute
    checks), ``discusses`` (the claim-support model reads the source as addressing the claim
    without a checked passage) or ``omits``."""
    from newsweave.nlp.support import assess_grid

    important = [r for r in records if r["verdict"].status != "single-source"][:limit]
    if len(important) < limit:
        important += [r for r in records
                      if r["verdict"].status == "single-source"][: limit - len(important)]
    present = [aid for aid in story.articles if aid in articles]
    grid = assess_grid([statements[r["rep"]].claim["text"] for r in important],
                       [articles[aid] for aid in present], config=config) if important else []
    label_of = {(c, aid): result.label for c, row in enumerate(grid)
                for aid, result in zip(present, row)}
    cells = []
    for source in story.articles:
        row = []
        for c, r in enumerate(important):
            verdict = r["verdict"]
            if source in {statements[k].article for k in verdict.supporters}:
                row.append("carries")
            elif source in {statements[k].article for k in verdict.disputed_by}:
                row.append("disputes")
            elif label_of.get((c, source)) in {"supports", "discusses"}:
                row.append("discusses")
            else:
                row.append("omits")
        cells.append(tuple(row))
    return Coverage(tuple(claim_id[r["cluster"]] for r in important), tuple(story.articles),
                    tuple(cells))
