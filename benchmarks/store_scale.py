"""The SQLite and the PostgreSQL store at scale: ingest articles/s (light pipeline: fingerprint
stage, store, story assignment; one transaction per batch) and story-candidate latency once N
articles are stored.

Articles: ECB+ dev resampled to N (read at run time from ../shared, never copied): copy k of an
article gets the id ``<id>~r<k>``, one extra sentence naming the copy (so its content hash is new)
and a publication date spreading the N articles over N/500 days, so the clusterer's window
(7 days) holds a realistic share of the stories.

Story-candidate latency, two figures, median of 5:
- ``restore``: a fresh process's first assignment needs the stories inside the window with
  their members' vectors: ``store.clusterer()`` from the database (the query and rebuilding).
- ``assign1``: one new article assigned against the restored state and committed
  (``add_articles`` of one article: candidate search, write of membership and story).

    python benchmarks/store_scale.py --n 20000                       # SQLite only
    python benchmarks/store_scale.py --n 20000 --pg postgresql://postgres@127.0.0.1:PORT/db
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from newsweave.config import load_config
from newsweave.model import Article, ArticleMeta
from newsweave.store import open_store
from newsweave.store.ingest import ingest_into

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus" / "ecbplus_dev.jsonl"
LIGHT = {"pipeline": {"article_stages": ["fingerprint@1"], "brief_stages": [],
                      "story_stages": []}}
START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def resampled(path: Path, n: int):
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    days = max(1.0, n / 500.0)
    for i in range(n):
        row = rows[i % len(rows)]
        k = i // len(rows)
        title = (row.get("title") or "").strip()
        raw = (title + "\n\n" + "\n".join(s.strip() for s in row["sentences"])
               + f"\n\nThis is resampled copy {k} of report {row['id']}.")
        when = START + timedelta(days=days * i / n)
        yield Article.from_text(f"{row['id']}~r{k}", raw, ArticleMeta(title=title,
                                                                     published=when))


def measure(target: str, n: int, config) -> dict:
    store = open_store(target, config=config)
    t0 = time.perf_counter()
    report = ingest_into(store, [], config=config, articles=resampled(ECBPLUS, n))
    ingest_s = time.perf_counter() - t0
    restore, assign = [], []
    extra = resampled(ECBPLUS, n + 5)
    for _ in range(n):
        next(extra)
    for article in extra:
        store._clusterer = None   # what a new process starts from
        t = time.perf_counter()
        store.clusterer()
        restore.append(time.perf_counter() - t)
        t = time.perf_counter()
        store.add_articles([article])
        assign.append(time.perf_counter() - t)
    counts = store.counts()
    active = len(store.clusterer()._stories)
    store.close()
    return {"store": type(store).__name__, "n": n, "added": report.added,
            "ingest_s": round(ingest_s, 1), "articles_per_s": round(report.added / ingest_s, 1),
            "stories": counts["stories"], "active_stories": active,
            "restore_ms": round(1000 * statistics.median(restore), 1),
            "assign1_ms": round(1000 * statistics.median(assign), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20000, help="articles to store")
    parser.add_argument("--pg", help="a PostgreSQL URL (an empty database) to measure too")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args(argv)
    if not ECBPLUS.exists():
        sys.exit(f"{ECBPLUS} is missing: put the evaluation kit beside the checkout")
    config = load_config(**LIGHT)
    targets = [] if args.no_sqlite else [str(Path(tempfile.mkdtemp()) / "scale.db")]
    targets += [args.pg] if args.pg else []
    for target in targets:
        print(json.dumps(measure(target, args.n, config)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
