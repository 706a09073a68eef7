"""Throughput of ingest plus the per-article stages, and peak memory.

    .venv/bin/python benchmarks/throughput.py ../shared/eval/polnear/data/train/text --limit 500
    .venv/bin/python benchmarks/throughput.py ../shared/eval/ecbplus/ecbplus_dev.jsonl --limit 772

Reads the first LIMIT files of the folder (sorted) through the product's readers and stages and
prints a table: articles, words, seconds per phase, articles/s and peak resident memory (this
process and, separately, the largest worker, since large batches run in worker processes).
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of articles, or one JSONL file")
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--stages", default=None,
                        help="comma-separated article stages (default: the configured ones)")
    args = parser.parse_args()

    t_start = time.perf_counter()
    from newsweave.api import analyse_articles, read_articles
    from newsweave.config import load_config

    overrides = {}
    if args.stages:
        cfg = load_config()
        overrides = {"pipeline": {"article_stages": args.stages.split(","),
                                  "story_stages": cfg.pipeline.story_stages}}
    config = load_config(**overrides)
    if args.folder.is_file():
        files = [args.folder]
    else:
        files = sorted(p for p in args.folder.rglob("*") if p.is_file())[: args.limit]
    if not files:
        sys.exit(f"no files under {args.folder}")
    t0 = time.perf_counter()
    articles, skipped = read_articles([str(f) for f in files], config=config)
    articles = articles[: args.limit]
    t_read = time.perf_counter() - t0
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    articles, failed = analyse_articles(articles, config=config, timings=timings)
    t_stages = time.perf_counter() - t0
    words = sum(len(a.text.split()) for a in articles)
    sentences = sum(len(a.layer("sentences")) for a in articles)

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    total = t_read + t_stages
    rows = [
        ("articles used / inputs skipped", f"{len(articles)} / {len(skipped) + len(failed)}"),
        ("words / sentences", f"{words} / {sentences}"),
        ("worker processes", str(config.nlp.processes if len(articles) >= config.nlp.parallel_min_articles else 1)),
        ("ingest s", f"{t_read:.1f}"),
        *[(f"stage {name} CPU-side s (summed over workers)", f"{sec:.1f}") for name, sec in timings.items()],
        ("ingest + stages wall s (model loading included)", f"{total:.1f}"),
        ("articles/s", f"{len(articles) / total:.1f}"),
        ("words/s", f"{words / total:.0f}"),
        ("peak RSS main process MB", f"{own:.0f}"),
        ("peak RSS largest worker MB", f"{child:.0f}"),
        ("wall incl. imports s", f"{time.perf_counter() - t_start:.1f}"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure':{width}} | value |\n|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        print(f"| {name:{width}} | {value} |")


if __name__ == "__main__":
    main()
