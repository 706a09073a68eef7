"""Ingest throughput into the SQLite store, end to end, and the database size per 1,000 articles.

Runs ``newsweave.cli.store_cmd.ingest_command`` (read, clean, per-article stages, store, story
assignment, one transaction per batch) on real articles read at run time from the evaluation
kit (never copied): by default the first ``--limit`` PolNeAR train texts, one ``.txt`` file per
article. Then ingests the same inputs again (everything must be known: idempotence) and
reports the size of the database file after a WAL checkpoint.

``--light`` runs only the fingerprint stage (no spaCy, no embedding model): what the store and
the clustering cost on their own.

    python benchmarks/ingest_store.py --limit 500
    python benchmarks/ingest_store.py --limit 500 --light
    python benchmarks/ingest_store.py --input ../shared/eval/polnear/data/dev/text --limit 84
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from newsweave.cli.store_cmd import ingest_command
from newsweave.config import load_config

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "data" / "train" / "text"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", default=str(POLNEAR), help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=500, help="articles to ingest")
    parser.add_argument("--batch", type=int, default=64, help="articles per transaction")
    parser.add_argument("--light", action="store_true", help="fingerprint stage only")
    parser.add_argument("--db", default=None, help="database path (default: a temporary file)")
    args = parser.parse_args(argv)

    files = sorted(str(p) for p in Path(args.input).glob("*.txt"))[: args.limit]
    if not files:
        sys.exit(f"no .txt files in {args.input}")
    overrides = {"pipeline": {"article_stages": ["fingerprint@1"]}} if args.light else {}
    config = load_config(**overrides)
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="nw-ingest-")
        db = str(Path(tmp.name) / "news.db")
    else:
        db = args.db
    chars = sum(len(Path(f).read_text("utf-8", errors="replace")) for f in files)

    t0 = time.perf_counter()
    code = ingest_command(files, db, quiet=True, config=config, batch_size=args.batch)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    code2 = ingest_command(files, db, quiet=True, config=config, batch_size=args.batch)
    again = time.perf_counter() - t0

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    conn.close()
    size = os.path.getsize(db) + (os.path.getsize(db + "-wal") if os.path.exists(db + "-wal")
                                  else 0)
    stages = ",".join(config.pipeline.article_stages)
    print(f"input {args.input}: {len(files)} files, {chars / len(files):,.0f} characters on "
          f"average; stages {stages}; batch {args.batch}; exit codes {code}, {code2}")
    print("| articles | stories | seconds | articles/s | re-ingest seconds (0 added) | "
          "DB MB | MB per 1,000 articles |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {articles} | {stories} | {first:.1f} | {articles / first:.1f} | {again:.1f} | "
          f"{size / 1e6:.1f} | {size / 1e6 / max(articles, 1) * 1000:.1f} |")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
