"""The Spark job on an ECB+ JSONL file, against the embedded path on the same articles.

Benchmark contract (issue 14): ``benchmarks/spark_ecbplus.py FILE.jsonl --out PRED.jsonl`` runs
the Spark job in ``local[2]`` on the file and writes ``{"id", "story"}`` lines for
``../shared/eval/score_stories.py``. Articles are read as ``benchmarks/ecbplus.py`` reads them
(title, blank line, one sentence per line; ``topic`` and ``subtopic`` are never read, except by
the scorer and to label a resampled gold file).

Options:

- ``--light``: the per-article stages are ``fingerprint@1`` only (the parity configuration);
  otherwise the configured ingest stages (spaCy, embedding, fingerprint, dates, quotes, claims).
  Story stages (and the brief-time sentence vectors they read) are off unless
  ``--story-stages``: the contract measures grouping.
- ``--embedded``: also run the embedded path (``analyse_articles`` + ``group_stories``, what
  ``newsweave brief`` does before the story stages) and print both rows; its predictions go to
  ``PRED.embedded.jsonl``, and both are scored when the scorer is found (``--gold``).
- ``--resample N``: instead of the file, N articles made from it at run time: copy k of every
  article gets the id ``ID-rK`` and a publication date in its own two-month span (so copies of
  one story are different stories, as the resampled gold file says), cycling through the copies
  until N (nothing is written into the repository; the gold file goes to a temp folder).
- ``--incremental F``: after the run, put a further share F of new articles (next copies) into
  the input folder and time an incremental run (Structured Streaming, availableNow) over it.

Examples::

    python benchmarks/spark_ecbplus.py ../shared/eval/ecbplus/ecbplus_dev.jsonl --out /tmp/p.jsonl --embedded
    python benchmarks/spark_ecbplus.py ../shared/eval/ecbplus/ecbplus_dev.jsonl --out /tmp/p.jsonl \\
        --light --resample 20000 --incremental 0.05 --embedded
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

from newsweave.config import load_config
from newsweave.model import Article

HERE = Path(__file__).resolve().parent
SCORER = HERE.parents[1] / "shared" / "eval" / "score_stories.py"
LIGHT = {"pipeline": {"article_stages": ["fingerprint@1"], "story_stages": []}}


def read_ecbplus(path: str) -> list[Article]:
    spec = importlib.util.spec_from_file_location("_ecbplus", HERE / "ecbplus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.read_ecbplus(path)


def gold_rows(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        return {r["id"]: str(r["subtopic"]) for r in map(json.loads, filter(str.strip, fh))}


def resample(articles: list[Article], gold: dict[str, str], n: int, *, first_copy: int = 0
             ) -> tuple[list[Article], dict[str, str]]:
    """n articles: copies of the file's articles with new ids and dates (see the module doc)."""
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    out, labels = [], {}
    k = first_copy
    while len(out) < n:
        for i, base in enumerate(articles):
            if len(out) >= n:
                break
            article = pickle.loads(pickle.dumps(base))
            article.id = f"{base.id}-r{k}"  # "~" is not kept by the id rules
            # Two months per copy; within it, a story's reports over a few days.
            day = 60 * k + zlib.crc32(gold[base.id].encode()) % 20 + i % 3
            article.meta.published = start + timedelta(days=day)
            labels[article.id] = f"{gold[base.id]}-r{k}"
            out.append(article)
        k += 1
    return out, labels


def write_jsonl(articles: list[Article], path: Path) -> None:
    """Articles as newsweave JSON Lines (id, title, text, published), for the file readers."""
    with open(path, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"id": a.id, "title": a.meta.title, "text": a.raw,
                                 "published": a.meta.published_iso()}) + "\n")


def write_pred(story_of: dict[str, str], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for aid, sid in story_of.items():
            fh.write(json.dumps({"id": aid, "story": sid}) + "\n")


def score(gold: Path, pred: Path) -> dict | None:
    if not SCORER.exists():
        return None
    done = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout[: done.stdout.rindex("}") + 1])


def run_embedded(articles: list[Article], config) -> tuple[dict[str, str], float]:
    from newsweave.api import analyse_articles, group_stories

    t0 = time.perf_counter()
    analysed, _ = analyse_articles(articles, config=config)
    stories = group_stories(analysed, config)
    return {a: s.id for s in stories for a in s.articles}, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--out", required=True, help="predictions of the Spark job (JSONL)")
    ap.add_argument("--gold", help="gold file for scoring (default: FILE, or the resampled one)")
    ap.add_argument("--light", action="store_true")
    ap.add_argument("--story-stages", action="store_true")
    ap.add_argument("--embedded", action="store_true")
    ap.add_argument("--resample", type=int, default=0)
    ap.add_argument("--incremental", type=float, default=0.0)
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--work", help="folder for the tables (default: a temp folder)")
    args = ap.parse_args(argv)

    from newsweave.spark.job import run_job
    from newsweave.spark.session import local_session
    from newsweave.spark.stream import run_incremental

    # Without story stages, the brief-time article stages (sentence vectors for the story
    # stages) are off too: the embedded row runs neither.
    off = {"story_stages": [], "brief_stages": []}
    overrides = {"pipeline": {**LIGHT["pipeline"], **off}} if args.light else {"pipeline": off}
    if args.story_stages:
        overrides = {"pipeline": {k: v for k, v in overrides["pipeline"].items()
                                  if k not in off}}
    config = load_config(**overrides)
    work = Path(args.work or tempfile.mkdtemp(prefix="spark-ecbplus-"))
    articles = read_ecbplus(args.file)
    gold_path = Path(args.gold or args.file)
    if args.resample:
        labels_base = gold_rows(args.file)
        articles, labels = resample(articles, labels_base, args.resample)
        gold_path = work / "gold-resampled.jsonl"
        with open(gold_path, "w", encoding="utf-8") as fh:
            for aid, label in labels.items():
                fh.write(json.dumps({"id": aid, "subtopic": label}) + "\n")

    spark = local_session(cores=args.cores)
    spark.range(1).count()  # start the JVM before the clock
    rows = []
    t0 = time.perf_counter()
    if args.incremental:
        inbox = work / "inbox"
        inbox.mkdir(parents=True, exist_ok=True)
        write_jsonl(articles, inbox / "part-0000.jsonl")
        result = run_incremental(spark, source=inbox, out=work / "tables", config=config,
                                 briefings=False)
    else:
        result = run_job(spark, articles=articles, out=work / "tables", config=config,
                         briefings=False)
    spark_s = time.perf_counter() - t0
    story_of = result.story_of()
    write_pred(story_of, Path(args.out))
    rows.append(("spark local[%d]" % args.cores, len(story_of), spark_s,
                 score(gold_path, Path(args.out)), result.timings))
    _report(rows[-1])

    if args.incremental:
        more = max(1, round(args.incremental * len(articles)))
        extra, extra_labels = resample(read_ecbplus(args.file), gold_rows(args.file), more,
                                       first_copy=10_000)
        with open(gold_path, "a", encoding="utf-8") as fh:
            for aid, label in extra_labels.items():
                fh.write(json.dumps({"id": aid, "subtopic": label}) + "\n")
        write_jsonl(extra, work / "inbox" / "part-0001.jsonl")
        t0 = time.perf_counter()
        inc = run_incremental(spark, source=work / "inbox", out=work / "tables", config=config,
                              briefings=False)
        inc_s = time.perf_counter() - t0
        rows.append((f"incremental +{inc.articles}", inc.articles, inc_s, None, inc.timings))
        _report(rows[-1])
        articles = articles + extra

    if args.embedded:
        story_of_e, emb_s = run_embedded(articles, config)
        pred_e = Path(args.out).with_suffix(".embedded.jsonl")
        write_pred(story_of_e, pred_e)
        rows.append(("embedded", len(story_of_e), emb_s, score(gold_path, pred_e), {}))
        _report(rows[-1])
        if not args.incremental:
            same = _partition(story_of) == _partition(story_of_e)
            print(f"same stories as the embedded path: {same}")

    print(f"{'run':24} {'articles':>8} {'wall s':>8} {'art/s':>8} {'B3 F1':>6}")
    for name, n, seconds, scores, _ in rows:
        f1 = f"{scores['b3_f1']:.3f}" if scores else "-"
        print(f"{name:24} {n:8d} {seconds:8.1f} {n / seconds:8.1f} {f1:>6}")
    for name, _, _, _, timings in rows:
        if timings:
            print(name, json.dumps({k: round(v, 1) for k, v in timings.items()}))
    spark.stop()
    return 0


def _report(row) -> None:
    """One measured row as soon as it is measured (a long run shows its first figures)."""
    name, n, seconds, scores, timings = row
    f1 = f" B3 F1 {scores['b3_f1']:.3f}" if scores else ""
    print(f"# {name}: {n} articles in {seconds:.1f} s{f1}", flush=True)


def _partition(story_of: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid, sid in story_of.items():
        groups.setdefault(sid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


if __name__ == "__main__":
    sys.exit(main())
