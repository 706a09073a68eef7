"""Assignment cost of story clustering alone, at growing stream sizes.

Articles are resampled from ECB+ (per-article stage output cached by ``benchmarks/ecbplus.py
--cache DIR``): each synthetic story takes one real article as its base and gets its own
person, place and key words (so that stories do not all collapse into one another), its members
keep a random 70% of the base article's terms and get embedding noise, and the stream runs at
``--per-day`` articles a day, 8 reports per story on average over 3 days, in batches of 1,000
(as ``newsweave ingest`` would bring them). Stories on one base article are similar enough to
merge, and at 100,000 articles each base carries ~16 synthetic stories a few days apart, which
chain across the clustering window into long stories (up to ``max_group``): a harder stream than
news, where a story that stops getting reports ages out of the candidate index.
The time measured is ``StoryClusterer.add_features`` (assignment and consolidation) only;
``CPU s`` is the process CPU time over the same span (all threads: less sensitive than wall time
to other work on the machine), ``peak RSS`` the process's peak so far (the synthetic stream
included).

    python benchmarks/cluster_scale.py --cache /tmp/ecb --sizes 10000,100000
"""
from __future__ import annotations

import argparse
import pickle
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from newsweave.stories.cluster import ArticleFeatures, StoryClusterer, features_of


def synthetic_stream(bases: list[ArticleFeatures], n: int, *, per_day: int, seed: int = 0):
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    days = max(1, n // per_day)
    n_stories = max(1, n // 8)
    stories = []
    for k in range(n_stories):
        base = rng.choice(bases)
        own = {f"per|name:surname{k}": 2.0, f"n|person:synthetic person {k}": 2.0,
               f"n|name:surname{k}": 2.0, f"gpe|gpe:place {k % 997}": 1.0,
               f"n|gpe:place {k % 997}": 1.0, f"w|kw{k}a": 2.0, f"w|kw{k}b": 1.0,
               f"t|kw{k}a": 1.0, f"r|kw{k}a": 1.0, f"r|kw{k}b": 1.0}
        day0 = start + timedelta(days=rng.uniform(0, days))
        shift = nrng.normal(0, 0.5, base.embedding.shape).astype(np.float32)
        stories.append((base, own, day0, shift))
    out = []
    for i in range(n):
        base, own, day0, shift = stories[rng.randrange(n_stories)]
        terms = {t: c for t, c in base.terms.items() if rng.random() > 0.3}
        terms.update(own)
        emb = base.embedding + 0.3 * shift + nrng.normal(0, 0.02, base.embedding.shape).astype(
            np.float32)
        emb /= np.linalg.norm(emb)
        published = day0 + timedelta(hours=rng.uniform(0, 72))
        out.append(ArticleFeatures(f"x{i}", i + 1, base.title, terms, emb, published))
    out.sort(key=lambda f: f.published)
    for i, f in enumerate(out):
        f.seq = i + 1
    return out


def peak_rss_mb() -> str:
    try:
        import resource
    except ImportError:  # not on Unix
        return "-"
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return f"{kb / 1024 / (1024 if sys.platform == 'darwin' else 1):,.0f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", required=True, help="folder with the ECB+ stage cache")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--per-day", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args(argv)
    files = sorted(Path(args.cache).glob("ecbplus-*.pkl"))
    if not files:
        sys.exit(f"no ECB+ cache in {args.cache}: run benchmarks/ecbplus.py --cache first")
    with open(files[0], "rb") as fh:
        bases = [features_of(a) for a in pickle.load(fh)]
    print("| articles | stories | seconds | articles/s | last 10% articles/s | CPU s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for n in (int(x) for x in args.sizes.split(",")):
        stream = synthetic_stream(bases, n, per_day=args.per_day)
        clusterer = StoryClusterer()
        t0, c0 = time.perf_counter(), time.process_time()
        tail_start = None
        for i in range(0, n, args.batch):
            if tail_start is None and (i >= 0.9 * n or i + args.batch >= n):
                tail_start, tail_i = time.perf_counter(), i
            clusterer.add_features(stream[i : i + args.batch])
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        tail = (n - tail_i) / (time.perf_counter() - tail_start)
        print(f"| {n:,} | {len(clusterer.stories()):,} | {elapsed:.1f} | {n / elapsed:,.0f} | "
              f"{tail:,.0f} | {cpu:.1f} | {peak_rss_mb()} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
