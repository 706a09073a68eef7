"""Shared driver of the summary benchmarks: per-article stages, one Story per topic, the
product's summarize stage, a JSONL of predictions and a table of words and seconds."""
from __future__ import annotations

import hashlib
import json
import pickle
import sys
import time
from pathlib import Path

from newsweave.config import Config, load_config
from newsweave.model import Article, Story
from newsweave.pipeline import run_article_stages, run_story_stages
from newsweave.registry import get_stage


def _registered(name: str) -> bool:
    from newsweave.registry import all_stages

    return any(stage.name == name for stage in all_stages())


def _cache_key(topic: str, articles: list[Article], config: Config) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(config.pipeline.article_stages).encode())
    digest.update(json.dumps(config.nlp.model_dump(), sort_keys=True).encode())
    for article in articles:
        digest.update(article.id.encode() + b"\0" + article.raw.encode() + b"\0")
    return f"{topic}-{digest.hexdigest()[:16]}.pkl"


def prepare(topic: str, articles: list[Article], config: Config,
            cache_dir: Path | None) -> tuple[list[Article], float]:
    """Run the per-article stages, or load their output from the cache (for iterating on the
    summary only). Returns the articles and the seconds spent (0 when cached)."""
    path = cache_dir / _cache_key(topic, articles, config) if cache_dir else None
    if path is not None and path.exists():
        done, doc_bytes = pickle.loads(path.read_bytes())
        _restore_docs(done, doc_bytes, config)
        # MinHash objects do not survive a pickle round trip intact; fingerprints are cheap.
        if "fingerprint@1" in config.pipeline.article_stages:
            get_stage("fingerprint@1").func(done, config)
        return done, 0.0
    t0 = time.perf_counter()
    done, skipped = run_article_stages(articles, config)
    seconds = time.perf_counter() - t0
    for entry in skipped:
        print(f"  skipped: {entry}", file=sys.stderr)
    if path is not None:
        # A pickled Doc carries the whole vocabulary (2 MB); a DocBin keeps only the annotations.
        from spacy.tokens import DocBin

        docs = DocBin(docs=[a.cache["doc"] for a in done if "doc" in a.cache])
        caches = [a.cache for a in done]
        for article in done:
            article.cache = {}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps((done, docs.to_bytes())))
        for article, cache in zip(done, caches):
            article.cache = cache
    return done, seconds


def _restore_docs(articles: list[Article], doc_bytes: bytes, config: Config) -> None:
    from spacy.tokens import DocBin

    from newsweave.nlp.spacy_stage import load_nlp

    docs = list(DocBin().from_bytes(doc_bytes).get_docs(load_nlp(config.nlp.spacy_model).vocab))
    if len(docs) == len(articles):
        for article, doc in zip(articles, docs):
            article.cache["doc"] = doc


def run(topics: list[tuple[str, list[Article]]], *, words: int, out: Path,
        cache_dir: Path | None = None, config_path: str | None = None) -> None:
    """Summarise each topic with the product's story stages and write one JSON line per topic."""
    # The summary and what it builds on: the copies stage tells which articles are one source.
    story_stages = [name for name in ("copies@1",) if _registered(name)] + ["summarize@1"]
    config = load_config(config_path, summary={"words": words},
                         pipeline={"story_stages": story_stages})
    rows = []
    with out.open("w", encoding="utf-8") as fh:
        for topic, raw_articles in topics:
            articles, nlp_seconds = prepare(topic, raw_articles, config, cache_dir)
            by_id = {a.id: a for a in articles}
            story = Story(id=topic, articles=[a.id for a in articles])
            t0 = time.perf_counter()
            warnings = run_story_stages([story], by_id, config)
            summary_seconds = time.perf_counter() - t0
            for warning in warnings:
                print(f"  warning: {warning}", file=sys.stderr)
            text = " ".join(s.text for s in story.summary)
            sources = [
                {"text": s.text,
                 "citations": [
                     {"article": c.article, "start": c.start, "end": c.end,
                      "raw": list(by_id[c.article].to_raw(c.start, c.end))}
                     for c in s.citations]}
                for s in story.summary
            ]
            fh.write(json.dumps({"topic": topic, "summary": text, "sources": sources}) + "\n")
            rows.append((topic, len(articles), len(story.summary), len(text.split()),
                         nlp_seconds, summary_seconds))
    print(f"{'topic':<10} {'docs':>4} {'sents':>5} {'words':>5} {'nlp s':>7} {'summary s':>9}")
    for topic, docs, sents, n_words, nlp_s, sum_s in rows:
        print(f"{topic:<10} {docs:>4} {sents:>5} {n_words:>5} {nlp_s:>7.2f} {sum_s:>9.3f}")
    if rows:
        n = len(rows)
        mean = [sum(r[i] for r in rows) / n for i in range(1, 6)]
        print(f"{'mean':<10} {mean[0]:>4.1f} {mean[1]:>5.1f} {mean[2]:>5.0f} {mean[3]:>7.2f} "
              f"{mean[4]:>9.3f}")


def main(doc: str, read_topics, *, words: int) -> None:
    """The command line both summary benchmarks share: FOLDER --out PRED.jsonl [--words N]."""
    import argparse

    parser = argparse.ArgumentParser(description=doc,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--words", type=int, default=words)
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep per-article stage outputs here between runs")
    parser.add_argument("--config", default=None, help="a newsweave TOML config to apply")
    args = parser.parse_args()
    run(read_topics(args.folder), words=args.words, out=args.out, cache_dir=args.cache,
        config_path=args.config)
