"""Timeline17 benchmark: one timeline per gold timeline of a T17 folder, in the prediction format of
``score_timelines.py``.

Usage::

    .venv/bin/python benchmarks/t17.py ../shared/eval/t17 --out /tmp/t17.jsonl
    python3 ../shared/eval/score_timelines.py ../shared/eval/t17 /tmp/t17.jsonl

Task setting (news-tls): for each gold timeline, l = its number of dates, k = its mean number of
sentences per date, and only the articles published inside its date span are read. The gold
timeline file is read for l, k and the span only.

The articles go through the product's own code: ``Article.from_text`` with the publication date,
the per-article stages ``spacy@1``, ``embed@1`` and ``dates@1`` through
``newsweave.api.analyse_articles`` (worker processes for large topics), then ``newsweave.stories.timeline.build_timeline``
with ``l`` and ``k`` given. The spaCy and embedding outputs are slow to compute (hundreds of
articles per topic), so they are cached per timeline under ``--cache`` (default
``/tmp/newsweave-t17-cache``); ``dates@1`` and the selection always run fresh. ``--no-cache`` runs
everything from scratch.

Timeline17 has no licence: it is read here for evaluation only and nothing of it is written
anywhere but the prediction file and the cache given on the command line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import pickle
import re
import sys
import time
from pathlib import Path

import numpy as np

from newsweave.config import load_config
from newsweave.model import Article, ArticleMeta, Span
from newsweave.api import analyse_articles
from newsweave.nlp.embed import ensure_sentence_embeddings
from newsweave.nlp.parse_pack import PACK_KEY, ensure_docs, pack
from newsweave.registry import get_stage
from newsweave.stories.timeline import build_timeline

CACHE_VERSION = "2"  # 2: the packed spaCy parse is kept too

# T17 texts are Penn-Treebank tokenised; the models read ordinary text better.
_PTB = [
    (re.compile(r"-LRB-"), "("), (re.compile(r"-RRB-"), ")"),
    (re.compile(r"-LSB-"), "["), (re.compile(r"-RSB-"), "]"),
    (re.compile(r"-LCB-"), "{"), (re.compile(r"-RCB-"), "}"),
    (re.compile(r"``\s*"), '"'), (re.compile(r"\s*''"), '"'),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.I), r"\1"),
    (re.compile(r" ([,.;:!?%])(?=\s|$)"), r"\1"),
    (re.compile(r"\( "), "("), (re.compile(r" \)"), ")"),
    (re.compile(r"\$ (?=\d)"), "$"),
]


def detokenize(text: str) -> str:
    """Undo the commonest Treebank token splits (``don 't`` -> ``don't``, ``-LRB-`` -> ``(``)."""
    text = " ".join(text.split())
    for pattern, repl in _PTB:
        text = pattern.sub(repl, text)
    return text


_SENT_END = re.compile(r"(?<=\s[.!?])(?:\s+(?:''|'|\"|\)|-RRB-|-RCB-))*\s+(?=\S)")


def task_setting(items: list[dict]) -> dict:
    """l, k and the date span of a gold timeline, exactly as ``score_timelines.py --list``."""
    dates = sorted({dt.date.fromisoformat(i["date"][:10]) for i in items})
    n_sents = sum(len([s for s in _SENT_END.split(" " + str(i.get("text", "")).strip() + " ")
                       if s.strip()]) for i in items)
    return {"l": len(dates), "k": max(1, round(n_sents / max(len(dates), 1))),
            "start": dates[0], "end": dates[-1]}


def gold_timelines(root: Path):
    for topic in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(topic.glob("*.timeline.json")):
            stem = path.name[: -len(".timeline.json")].removesuffix(".txt")
            yield topic, f"{topic.name}/{stem}", path


def load_articles(topic: Path, start: dt.date, end: dt.date) -> list[Article]:
    rows = json.loads((topic / "articles.json").read_text("utf-8"))
    articles = []
    for row in rows:
        published = dt.date.fromisoformat(row["dct"][:10])
        if not start <= published <= end:
            continue
        text = detokenize(row["text"])
        if not text.strip():
            continue
        meta = ArticleMeta(published=dt.datetime(published.year, published.month, published.day),
                           source=topic.name, language="en")
        articles.append(Article.from_text(f"{topic.name}:{row['uid']}", text, meta))
    return articles


def _cache_path(cache: Path, tid: str, articles: list[Article]) -> Path:
    key = hashlib.sha1(CACHE_VERSION.encode())
    for a in articles:
        key.update(a.id.encode() + b"\0" + str(len(a.text)).encode())
    return cache / f"{tid.replace('/', '__')}-{key.hexdigest()[:12]}.pkl"


def process(articles: list[Article], cache: Path | None, tid: str = "t", *,
            parse: bool = True) -> list[Article]:
    """Run spacy@1, embed@1 and dates@1 on the articles (the first two from the cache if there).

    With ``parse`` the articles keep their spaCy Doc, as in a brief: ``dates@1`` reads the tense
    of the clause governing a date from it and ``build_timeline`` which clause a date belongs
    to. Without it (as before cache version 2) both fall back to their parse-free rules."""
    config = load_config(pipeline={"article_stages": ["spacy@1", "embed@1", "dates@1"],
                                   "story_stages": []})
    path = _cache_path(cache, tid, articles) if cache else None
    if path is not None and path.exists():
        stored = pickle.loads(path.read_bytes())
        articles = [a for a in articles if a.id in stored]  # the rest failed a stage before
        for article in articles:
            sents, ents, vectors, packed = stored[article.id]
            article.layers["sentences"] = [Span(s, e, "SENT") for s, e in sents]
            article.layers["entities"] = [Span(s, e, lab) for s, e, lab in ents]
            article.values["sentence_embeddings"] = vectors.astype(np.float32)
            if parse and packed is not None:
                article.cache[PACK_KEY] = packed
        if parse:
            ensure_docs(articles, config)
        # The dates stage reads the entity layer when there is no Doc.
        get_stage("dates@1").func(articles, config)
        return articles
    articles, skipped = analyse_articles(articles, config=config)
    ensure_sentence_embeddings(articles, config)
    save_cache(path, articles)
    if skipped:
        print(f"  {len(skipped)} articles skipped: {skipped[0]}", file=sys.stderr)
    if parse:
        ensure_docs(articles, config)
    else:
        for a in articles:
            a.cache.pop("doc", None)
            a.cache.pop(PACK_KEY, None)
    get_stage("dates@1").func(articles, config)  # in this process, with or without the parse
    return articles


def save_cache(path: Path | None, articles: list[Article]) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    stored = {}
    for a in articles:
        packed = a.cache.get(PACK_KEY)
        if packed is None and a.cache.get("doc") is not None:
            packed = pack(a.cache["doc"])
        stored[a.id] = ([(s.start, s.end) for s in a.layer("sentences")],
                        [(s.start, s.end, s.label) for s in a.layer("entities")],
                        a.values["sentence_embeddings"].astype(np.float16), packed)
    path.write_bytes(pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="example: benchmarks/t17.py ../shared/eval/t17 --out t17.jsonl")
    ap.add_argument("dir", type=Path, help="a Timeline17 folder (topic folders with articles.json)")
    ap.add_argument("--out", type=Path, required=True, help="prediction JSONL to write")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/newsweave-t17-cache"))
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--only", nargs="*", help="timeline ids (or topic folders) to run")
    ap.add_argument("--published-weight", type=float, default=1.0,
                    help="weight of each report of a day (published on it or the day after) "
                         "in ranking dates")
    ap.add_argument("--report-days", type=int, default=2,
                    help="reports of a day: published on it or up to N-1 days after (0: none)")
    ap.add_argument("--lead-sentences", type=int, default=5,
                    help="lead sentences of a report that are candidates for its day")
    ap.add_argument("--no-parse", action="store_true",
                    help="drop the spaCy parse before dates@1 and the timeline (as before)")
    args = ap.parse_args(argv)

    cache = None if args.no_cache else args.cache
    rows = []
    lines = []
    for topic, tid, path in gold_timelines(args.dir):
        if args.only and tid not in args.only and topic.name not in args.only:
            continue
        setting = task_setting(json.loads(path.read_text("utf-8")))
        t0 = time.perf_counter()
        articles = load_articles(topic, setting["start"], setting["end"])
        articles = process(articles, cache, tid, parse=not args.no_parse)
        t1 = time.perf_counter()
        by_id = {a.id: a for a in articles}
        timeline = build_timeline(
            list(by_id), by_id, l=setting["l"], k=setting["k"],
            start=setting["start"].isoformat(), end=setting["end"].isoformat(),
            published_weight=args.published_weight, report_days=args.report_days,
            lead_sentences=args.lead_sentences,
        )
        t2 = time.perf_counter()
        lines.append(json.dumps({
            "topic": tid,
            "timeline": [{"date": e["date"], "text": [s["text"] for s in e["sentences"]],
                          "sources": [s["article"] for s in e["sentences"]]} for e in timeline],
        }))
        rows.append((tid, setting["l"], setting["k"], len(articles), t1 - t0, t2 - t1))
        print(f"{tid:40} l={setting['l']:4} k={setting['k']} articles={len(articles):4} "
              f"stages {t1 - t0:7.1f}s  timeline {t2 - t1:6.2f}s", file=sys.stderr, flush=True)
    args.out.write_text("\n".join(lines) + "\n", "utf-8")

    print(f"\n{'timeline':40} {'l':>4} {'k':>2} {'articles':>8} {'stages s':>9} {'timeline s':>10}")
    for tid, l, k, n, ts, tt in rows:
        print(f"{tid:40} {l:4} {k:2} {n:8} {ts:9.1f} {tt:10.2f}")
    total = sum(r[4] + r[5] for r in rows)
    print(f"{'total':40} {'':4} {'':2} {sum(r[3] for r in rows):8} {'':9} {total:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
