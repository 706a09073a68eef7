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
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path

from newsweave.config import load_config
from newsweave.model import Article, ArticleMeta
from newsweave.pipeline import run_article_stages
from newsweave.stories.cluster import StoryClusterer, group_into_stories

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


def cluster(articles: list[Article], config, *, mode: str, seed: int | None,
            batch: int) -> dict[str, str]:
    order = list(articles)
    if seed is not None:
        random.Random(seed).shuffle(order)
    if mode == "batch":
        return {aid: story.id for story in group_into_stories(order, config)
                for aid in story.articles}
    clusterer = StoryClusterer.from_config(config)
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
    args = parser.parse_args(argv)

    config = load_config(args.config)
    articles = prepared_articles(args.file, config, args.cache)
    if args.seeds:
        lo, _, hi = args.seeds.partition("-")
        seeds: list[int | None] = list(range(int(lo), int(hi or lo) + 1))
    else:
        seeds = [args.shuffle]
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
