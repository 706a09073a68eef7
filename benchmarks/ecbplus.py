"""Cluster the articles of an ECB+ JSONL file into stories with newsweave's clustering code.

Uses only each line's ``title`` and ``sentences`` (never ``topic`` or ``subtopic``): the
article text is the title, a blank line, then one sentence per line. The per-article stages
(spaCy, embedding, fingerprint) run as in ``newsweave ingest``; ``--cache DIR`` keeps their
output between runs.

Two modes, both with the same clustering code:

- ``stream`` (default): articles arrive in batches of ``--batch`` (in file order, or shuffled
  with ``--shuffle SEED``); each batch goes through ``StoryClusterer.add_many`` as
  ``newsweave ingest`` does, so consolidation is local to what each batch touched.
- ``batch``: ``group_into_stories`` over the whole file (what ``newsweave brief`` does).

Examples::

    python benchmarks/ecbplus.py ../shared/eval/ecbplus/ecbplus_dev.jsonl --out pred.jsonl
    python benchmarks/ecbplus.py FILE.jsonl --out pred.jsonl --shuffle 3 --cache /tmp/ecb
    python benchmarks/ecbplus.py FILE.jsonl --seeds 0-4 --gold FILE.jsonl   # spread table

Training and honest evaluation of the pair score (these two read ``topic`` and ``subtopic``,
which clustering never does):

- ``--train``: fit the weights of ``newsweave.stories.cluster.WEIGHTS`` by logistic regression
  on every article pair of the file (label: same ``subtopic``) and print them;
- ``--cv K``: leave-topics-out cross-validation: topics are dealt into K folds; for each fold the
  weights are fitted on the other folds' topics only, then the held-out topics' articles are
  clustered alone (stream mode, every seed of ``--seeds``) and scored. Prints per-fold and
  pooled BCubed.
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import json
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from newsweave.config import load_config
from newsweave.model import Article, ArticleMeta
from newsweave.pipeline import run_article_stages
from newsweave.stories.cluster import (DETAIL_PARTS, SPARSE_PARTS, StoryClusterer,
                                       features_of, group_into_stories)

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_stories.py"


def read_ecbplus(path: str) -> list[Article]:
    """Articles from an ECB+ JSONL file, text only."""
    articles = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            title = row["title"].strip()
            raw = title + "\n\n" + "\n".join(s.strip() for s in row["sentences"])
            articles.append(Article.from_text(row["id"], raw, ArticleMeta(title=title)))
    return articles


def prepared_articles(path: str, config, cache: str | None) -> list[Article]:
    """The articles with the per-article stages run (read from ``cache`` when present)."""
    cache_file = None
    if cache:
        digest = hashlib.sha1(Path(path).read_bytes()).hexdigest()[:12]
        stages = "-".join(config.pipeline.article_stages)
        cache_file = Path(cache) / f"ecbplus-{digest}-{stages}.pkl"
        if cache_file.exists():
            with open(cache_file, "rb") as fh:
                return pickle.load(fh)
    articles = read_ecbplus(path)
    t0 = time.perf_counter()
    articles, skipped = run_article_stages(articles, config)
    print(f"per-article stages: {len(articles)} articles in {time.perf_counter() - t0:.1f} s"
          f" ({len(skipped)} skipped)", file=sys.stderr)
    for article in articles:
        article.cache.clear()
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with open(cache_file, "wb") as fh:
            pickle.dump(articles, fh)
    return articles


def pair_features(articles: list[Article]) -> tuple[np.ndarray, list[str]]:
    """(n, n, k) array of the pair score's parts for every pair of articles (IDF over all of
    them, as a clusterer that has seen them all), with the part names."""
    unit = {p: 1.0 for p in SPARSE_PARTS}
    unit.update({"embedding": 1.0, "bias": 0.0}, **{"has:" + p: 1.0 for p in DETAIL_PARTS})
    clusterer = StoryClusterer(weights=unit)
    for i, article in enumerate(articles):
        clusterer.register(features_of(article, seq=i + 1))
    vecs = [clusterer.space.vector(a.id) for a in articles]
    n, dim = len(vecs), clusterer.space.dim
    names, mats = [], []
    for pi, part in enumerate(SPARSE_PARTS):
        rows = np.zeros((n, len(clusterer.space.vocab.id_of)), dtype=np.float32)
        for i, v in enumerate(vecs):
            m = clusterer.space.vocab.part[v.idx] == pi
            rows[i, v.idx[m]] = v.val[m]
        mats.append(rows @ rows.T)
        names.append(part)
    dense = np.stack([v.dense for v in vecs]).astype(np.float32)
    mats.append(dense[:, :dim] @ dense[:, :dim].T)
    names.append("embedding")
    for k, part in enumerate(DETAIL_PARTS):
        has = dense[:, dim + k]
        mats.append(np.outer(has, has))
        names.append("has:" + part)
    return np.stack(mats, axis=-1), names


def fit_weights(x: np.ndarray, names: list[str], labels: np.ndarray, subset: np.ndarray,
                l2: float = 1.0) -> dict[str, float]:
    """Logistic regression (Newton, L2) on the pairs inside ``subset``; parts whose weight must
    not be negative (cosines) are dropped and the fit redone while one is."""
    pairs = np.triu(np.outer(subset, subset), 1)
    xs = x[pairs].astype(np.float64)
    y = (labels[:, None] == labels[None, :])[pairs].astype(np.float64)
    active = list(range(len(names)))
    while True:
        a = np.hstack([xs[:, active], np.ones((len(xs), 1))])
        w = np.zeros(a.shape[1])
        reg = l2 * np.r_[np.ones(len(active)), 0.0]
        for _ in range(25):
            p = 1.0 / (1.0 + np.exp(-(a @ w)))
            grad = a.T @ (p - y) + reg * w
            hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(reg)
            step = np.linalg.solve(hess, grad)
            w -= step
            if np.abs(step).max() < 1e-6:
                break
        bad = [k for k, wk in zip(active, w) if wk < 0 and not names[k].startswith("has:")]
        if not bad:
            break
        active = [k for k in active if k not in bad]
    out = {name: 0.0 for name in names}
    out.update({names[k]: round(float(wk), 3) for k, wk in zip(active, w)})
    out["bias"] = round(float(w[-1]), 3)
    return out


def bcubed(labels: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    ids = list(labels)
    pred = np.array([labels[i] for i in ids])
    true = np.array([gold[i] for i in ids])
    same_p, same_g = pred[:, None] == pred[None, :], true[:, None] == true[None, :]
    inter = (same_p & same_g).sum(1)
    p, r = float((inter / same_p.sum(1)).mean()), float((inter / same_g.sum(1)).mean())
    return p, r, 2 * p * r / (p + r)


def cross_validate(articles: list[Article], path: str, config, *, folds: int,
                   seeds: list, batch: int, out: str) -> None:
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    topic = {r["id"]: r["topic"] for r in rows}
    event = {r["id"]: r["subtopic"] for r in rows}
    x, names = pair_features(articles)
    ids = np.array([a.id for a in articles])
    labels = np.array([event[i] for i in ids])
    topics = sorted(set(topic.values()))
    print(f"leave-topics-out CV: {folds} folds over {len(topics)} topics, seeds {seeds}")
    print("| fold | topics | docs | B3-P | B3-R | B3-F1 (mean over seeds) | F1 spread |")
    print("|---|---|---|---|---|---|---|")
    pooled: dict = {s: {} for s in seeds}
    per_fold = []
    for k in range(folds):
        held = set(topics[k::folds])
        test = np.array([topic[i] in held for i in ids])
        weights = fit_weights(x, names, labels, ~test)
        held_articles = [a for a, t in zip(articles, test) if t]
        scores = []
        for seed in seeds:
            got = cluster(held_articles, config, mode="stream", seed=seed, batch=batch,
                          weights=weights)
            scores.append(bcubed(got, event))
            pooled[seed].update({aid: f"{k}:{sid}" for aid, sid in got.items()})
        f1s = [s[2] for s in scores]
        per_fold.append(statistics.mean(f1s))
        print(f"| {k} | {' '.join(map(str, sorted(held)))} | {int(test.sum())} | "
              f"{statistics.mean(s[0] for s in scores):.3f} | "
              f"{statistics.mean(s[1] for s in scores):.3f} | {statistics.mean(f1s):.3f} | "
              f"{min(f1s):.3f}-{max(f1s):.3f} |", flush=True)
    pooled_scores = [bcubed(pooled[s], event) for s in seeds]
    print(f"mean of folds B3-F1 {statistics.mean(per_fold):.3f}; pooled over folds: "
          f"B3-P {statistics.mean(s[0] for s in pooled_scores):.3f} "
          f"B3-R {statistics.mean(s[1] for s in pooled_scores):.3f} "
          f"B3-F1 {statistics.mean(s[2] for s in pooled_scores):.3f} "
          f"(min {min(s[2] for s in pooled_scores):.3f}, max {max(s[2] for s in pooled_scores):.3f})")
    with open(out, "w", encoding="utf-8") as fh:
        for article in articles:
            fh.write(json.dumps({"id": article.id, "story": pooled[seeds[-1]][article.id]}) + "\n")


def cluster(articles: list[Article], config, *, mode: str, seed: int | None,
            batch: int, weights: dict | None = None) -> dict[str, str]:
    order = list(articles)
    if seed is not None:
        random.Random(seed).shuffle(order)
    if mode == "batch":
        return {aid: story.id for story in group_into_stories(order, config)
                for aid in story.articles}
    clusterer = StoryClusterer.from_config(config)
    if weights is not None:
        clusterer = StoryClusterer(weights=weights, **config.stories.clustering())
    for i in range(0, len(order), batch):
        clusterer.add_many(order[i : i + batch])
    return {a.id: clusterer.story_of(a.id) for a in articles}


def score(gold: str, pred: str) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), gold, pred], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out[: out.rindex("}") + 1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="ECB+ JSONL (id, title, sentences)")
    parser.add_argument("--out", help="write {id, story} lines here (last seed's run)")
    parser.add_argument("--shuffle", type=int, default=None, metavar="SEED",
                        help="shuffle the input order with this seed")
    parser.add_argument("--seeds", default=None,
                        help="run several shuffles, e.g. 0-4, and print the spread (needs --gold)")
    parser.add_argument("--gold", default=None, help="score against this gold file")
    parser.add_argument("--mode", choices=("stream", "batch"), default="stream")
    parser.add_argument("--batch", type=int, default=50, help="articles per ingest batch")
    parser.add_argument("--config", default=None, help="newsweave config TOML")
    parser.add_argument("--cache", default=None, help="folder caching per-article stage output")
    parser.add_argument("--train", action="store_true",
                        help="fit the pair-score weights on the file's gold events and print them")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="leave-topics-out cross-validation with K folds")
    args = parser.parse_args(argv)

    config = load_config(args.config)
    articles = prepared_articles(args.file, config, args.cache)
    if args.seeds:
        lo, _, hi = args.seeds.partition("-")
        seeds: list[int | None] = list(range(int(lo), int(hi or lo) + 1))
    else:
        seeds = [args.shuffle]
    if args.train:
        event = {json.loads(line)["id"]: json.loads(line)["subtopic"]
                 for line in open(args.file, encoding="utf-8") if line.strip()}
        x, names = pair_features(articles)
        labels = np.array([event[a.id] for a in articles])
        print(json.dumps(fit_weights(x, names, labels, np.ones(len(articles), bool))))
        return 0
    if args.cv:
        cross_validate(articles, args.file, config, folds=args.cv, seeds=seeds,
                       batch=args.batch, out=args.out or "/tmp/newsweave-ecbplus-cv.jsonl")
        return 0
    rows = []
    out = args.out or "/tmp/newsweave-ecbplus-pred.jsonl"
    for seed in seeds:
        t0 = time.perf_counter()
        labels = cluster(articles, config, mode=args.mode, seed=seed, batch=args.batch)
        elapsed = time.perf_counter() - t0
        with open(out, "w", encoding="utf-8") as fh:
            for article in articles:
                fh.write(json.dumps({"id": article.id, "story": labels[article.id]}) + "\n")
        row = {"seed": seed, "seconds": elapsed, "stories": len(set(labels.values()))}
        if args.gold:
            row.update(score(args.gold, out))
        rows.append(row)

    keys = ["b3_p", "b3_r", "b3_f1", "pw_f1", "ari", "ami"]
    print(f"mode={args.mode} batch={args.batch} articles={len(articles)}")
    header = "| seed | " + " | ".join(keys) + " | #pred | seconds |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for r in rows:
        vals = " | ".join(f"{r[k]:.3f}" if k in r else "-" for k in keys)
        print(f"| {r['seed']} | {vals} | {r['stories']} | {r['seconds']:.2f} |")
    if len(rows) > 1 and args.gold:
        import statistics

        for k in keys:
            xs = [r[k] for r in rows]
            print(f"{k}: mean {statistics.mean(xs):.3f}  min {min(xs):.3f}  max {max(xs):.3f}"
                  f"  sd {statistics.pstdev(xs):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
