"""Claims across sources, divergences and stances: scored on the example corpus, shown on others.

Usage:
  python benchmarks/claims_example.py                      # score examples/macron-troops
  python benchmarks/claims_example.py --verbose            # ... and print what was found
  python benchmarks/claims_example.py --multiling M002 [--multiling-dir ../shared/eval/multiling2011]
  python benchmarks/claims_example.py --ecbplus 12_ecb [--ecbplus-file ../shared/eval/ecbplus/ecbplus_dev.jsonl]

Scoring against ``../shared/corpus/macron-troops/expected.json`` (nothing here or in the stages is
written for that corpus):

- a corroborated claim is found when some claim of the briefing has evidence in at least
  ``min_sources`` of the listed articles, at least ``min_sources`` independent sources, and one of
  its evidence passages is similar to the expected text (MiniLM cosine >= 0.5);
- a divergence is surfaced when one divergence has one side whose evidence contains the first
  expected text and another side whose evidence contains the second;
- a stance is right when the actor of that name (or alias) has the expected stance.

Other stories (MultiLing topics, ECB+ subtopics) have no expected claims: the script prints the
question, the claims, divergences and stances for a reader to judge, and the time per story.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))

ARTICLE_STAGES = ["spacy@1", "embed@1", "fingerprint@1", "dates@1", "quotes@1", "claims@1"]
STORY_STAGES = ["copies@1", "people@1", "align@1", "stance@1"]


def pipeline_config(question: str | None = None):
    from newsweave.config import load_config
    from newsweave.registry import all_stages

    names = {s.name for s in all_stages()}
    claims = {"question": question} if question else {}
    return load_config(pipeline={
        "article_stages": [s for s in ARTICLE_STAGES if s in names],
        "story_stages": [s for s in STORY_STAGES if s in names]}, claims=claims)


def run_articles(articles, config) -> tuple[dict, float]:
    from newsweave.api import analyse_articles, brief_articles
    from newsweave.model import Story

    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    done, skipped = analyse_articles(articles, config=config, timings=timings)
    story = Story(id="s-1", articles=[a.id for a in done], title=done[0].title if done else "")
    briefing = brief_articles(done, config=config, skipped=skipped, timings=timings,
                              stories=[story])
    return briefing, time.perf_counter() - t0


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def _evidence_texts(briefing: dict, evidence: list[dict]) -> list[str]:
    raw = {a["id"]: a["raw"] for a in briefing["articles"]}
    return [raw[e["article"]][e["start"]:e["end"]] for e in evidence]


def score_example(briefing: dict, expected: dict, *, verbose: bool) -> dict:
    from newsweave.nlp.embed import get_embedder

    embed = get_embedder()
    story = briefing["stories"][0]
    # corroborated claims
    found_claims = 0
    for item in expected["corroborated"]:
        target = embed.encode([item["claim"]])[0]
        best = None
        for claim in story["claims"]:
            covered = set(claim["sources"]) & set(item["articles"])
            texts = [claim["text"]] + _evidence_texts(briefing, claim["evidence"])
            sims = [float(v @ target) for v in embed.encode(texts)]
            # the claim's own text, or most of its evidence, must say what is expected
            evidence_sims = sorted(sims[1:]) or [0.0]
            sim = max(sims[0], evidence_sims[len(evidence_sims) // 2])
            ok = (len(covered) >= item["min_sources"]
                  and claim["independent_sources"] >= item["min_sources"] and sim >= 0.5)
            key = (ok, len(covered), sim)
            if best is None or key > best[0]:
                best = (key, claim)
        hit = best is not None and best[0][0]
        found_claims += hit
        if verbose:
            claim = best[1] if best else {}
            print(f"  [{'x' if hit else ' '}] {item['claim']}\n      best: {claim.get('id')} "
                  f"({claim.get('status')}, {claim.get('independent_sources')} src, "
                  f"covers {best[0][1] if best else 0}, sim {best[0][2]:.2f}) {claim.get('text', '')[:110]}")
    # divergences
    found_div = 0
    for item in expected["divergences"]:
        want = [_norm(s) for s in item["sides"]]
        hit = False
        for div in story["divergences"]:
            sides = [_norm(" ".join(_evidence_texts(briefing, side["evidence"]) + [side["text"]]))
                     for side in div["sides"]]
            for i, si in enumerate(sides):
                for j, sj in enumerate(sides):
                    if i != j and want[0] in si and want[1] in sj:
                        hit = True
        found_div += hit
        if verbose:
            print(f"  [{'x' if hit else ' '}] divergence: {item['about']}")
    # stances
    right = 0
    actors = story.get("actors", [])
    for name, stance in expected["stances"]["actors"].items():
        actor = next((a for a in actors if _norm(a["name"]) == _norm(name)
                      or _norm(name) in {_norm(x) for x in a.get("aliases", [])}), None)
        got = actor.get("stance") if actor else None
        right += got == stance
        if verbose:
            ev = (actor or {}).get("stance_evidence") or []
            first = ev[0]["text"][:90] if ev else ""
            print(f"  [{'x' if got == stance else ' '}] {name}: expected {stance}, got {got}  {first}")
    return {"corroborated": (found_claims, len(expected["corroborated"])),
            "divergences": (found_div, len(expected["divergences"])),
            "stances": (right, len(expected["stances"]["actors"]))}


def show(briefing: dict, *, claims: int = 12, divergences: int = 8) -> None:
    story = briefing["stories"][0]
    print(f"question: {story.get('question')}")
    counts: dict[str, int] = {}
    for claim in story["claims"]:
        counts[claim["status"]] = counts.get(claim["status"], 0) + 1
    print(f"claims: {len(story['claims'])} {counts}")
    for claim in story["claims"][:claims]:
        print(f"  {claim['id']} [{claim['status']}, {claim['independent_sources']} src] "
              f"{claim['text'][:150]}")
    print(f"divergences: {len(story['divergences'])}")
    for div in story["divergences"][:divergences]:
        print(f"  - {div['about']}")
        for side in div["sides"]:
            print(f"      {side['evidence'][0]['article']}: {side['text'][:140]}")
    print("stances:")
    for actor in story.get("actors", []):
        if actor.get("stance") in (None, "unclear"):
            continue
        ev = actor.get("stance_evidence") or []
        print(f"  {actor['name']} ({actor.get('affiliation')}): {actor['stance']}  "
              f"<- {ev[0]['text'][:110] if ev else ''}")
    by_aff = story.get("positions_by_affiliation") or []
    if by_aff:
        print("by affiliation: " + "; ".join(f"{p['affiliation']}={p['stance']}" for p in by_aff))
    timings = briefing["meta"]["timings"]
    print("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()))


def multiling_articles(folder: Path, topic: str):
    from multiling import read_topics

    return dict(read_topics(folder))[topic]


def ecbplus_articles(path: Path, subtopic: str):
    from newsweave.model import Article, ArticleMeta

    out = []
    for line in path.read_text("utf-8").splitlines():
        doc = json.loads(line)
        if doc["subtopic"] != subtopic:
            continue
        raw = doc["title"].strip() + "\n\n" + " ".join(doc["sentences"])
        out.append(Article.from_text(doc["id"], raw, ArticleMeta(title=doc["title"].strip())))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--question", default=None)
    parser.add_argument("--multiling", default=None, help="a MultiLing topic such as M002")
    parser.add_argument("--multiling-dir", type=Path, default=SHARED / "eval" / "multiling2011")
    parser.add_argument("--ecbplus", default=None, help="an ECB+ subtopic such as 12_ecb")
    parser.add_argument("--ecbplus-file", type=Path,
                        default=SHARED / "eval" / "ecbplus" / "ecbplus_dev.jsonl")
    args = parser.parse_args()
    config = pipeline_config(args.question)
    if args.multiling or args.ecbplus:
        articles = (multiling_articles(args.multiling_dir, args.multiling) if args.multiling
                    else ecbplus_articles(args.ecbplus_file, args.ecbplus))
        briefing, seconds = run_articles(articles, config)
        print(f"{args.multiling or args.ecbplus}: {len(articles)} articles, {seconds:.1f}s")
        show(briefing)
        return
    from newsweave.api import read_articles

    articles, _ = read_articles([ROOT / "examples" / "macron-troops"], config=config)
    briefing, seconds = run_articles(articles, config)
    expected = json.loads((SHARED / "corpus" / "macron-troops" / "expected.json").read_text("utf-8"))
    if args.verbose:
        show(briefing, claims=30, divergences=12)
    result = score_example(briefing, expected, verbose=args.verbose)
    timings = briefing["meta"]["timings"]
    story_time = sum(timings.get(s, 0.0) for s in STORY_STAGES)
    print(f"{'measure':<26}{'found':>8}{'of':>6}{'target':>8}")
    targets = {"corroborated": 4, "divergences": 2, "stances": 10}
    for key, (got, total) in result.items():
        print(f"{key:<26}{got:>8}{total:>6}{targets[key]:>8}")
    print(f"time per story: {seconds:.1f}s end to end (first run loads models); "
          f"story stages {story_time:.2f}s; claims@1 {timings.get('claims@1', 0):.2f}s, "
          f"align@1 {timings.get('align@1', 0):.2f}s, stance@1 {timings.get('stance@1', 0):.2f}s")


if __name__ == "__main__":
    main()
