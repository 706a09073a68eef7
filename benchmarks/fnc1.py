"""Claim support on an FNC-1 folder: write the prediction format of
``../shared/eval/score_claim_support.py``.

The folder holds ``pairs.jsonl`` (``pair``, ``claim``, ``article``; a ``label`` field, if
present, is never read) and ``articles.jsonl`` (``id``, ``text``). Each body becomes
``Article.from_text(id, text)`` and goes through the per-article stage the function needs
(``spacy@1``) by the pipeline, as in any newsweave run; every pair is then assessed by
``newsweave.nlp.support.assess_pairs``, the function the briefing uses, and its label written
in FNC-1 terms (supports -> agree, disputes -> disagree, discusses -> discuss).

Example::

    python benchmarks/fnc1.py ../shared/eval/fnc1 --out /tmp/fnc1_dev.jsonl
    python3 ../shared/eval/score_claim_support.py ../shared/eval/fnc1 /tmp/fnc1_dev.jsonl

``--probabilities`` adds each label's probability and the ``confident`` flag to every line (the
scorer ignores them).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newsweave.config import Config, load_config
from newsweave.model import Article
from newsweave.nlp.support import assess_pairs, fnc_label, prepare_articles
from newsweave.pipeline import run_article_stages

STAGES = ["spacy@1"]
# Bounds on untrusted input: a folder with more would need a streaming run.
MAX_PAIRS = 2_000_000
MAX_ARTICLES = 200_000


def read_folder(folder: Path, *, with_labels: bool = False) -> tuple[list[dict], dict[str, str]]:
    """The pairs (``pair``, ``claim``, ``article``; ``label`` only when ``with_labels``) and the
    article texts by id. Lines that are not JSON objects with those fields are skipped with a
    message on stderr."""
    pairs: list[dict] = []
    for n, line in enumerate(_lines(folder / "pairs.jsonl", MAX_PAIRS), 1):
        row = _object(line, folder / "pairs.jsonl", n)
        if row is None:
            continue
        if not all(isinstance(row.get(k), str) for k in ("pair", "claim", "article")):
            print(f"skipped pairs.jsonl line {n}: needs string pair, claim and article",
                  file=sys.stderr)
            continue
        item = {k: row[k] for k in ("pair", "claim", "article")}
        if with_labels:
            item["label"] = row.get("label")
        pairs.append(item)
    texts: dict[str, str] = {}
    for n, line in enumerate(_lines(folder / "articles.jsonl", MAX_ARTICLES), 1):
        row = _object(line, folder / "articles.jsonl", n)
        if row is None:
            continue
        if not isinstance(row.get("id"), str) or not isinstance(row.get("text"), str):
            print(f"skipped articles.jsonl line {n}: needs string id and text", file=sys.stderr)
            continue
        texts[row["id"]] = row["text"]
    return pairs, texts


def _lines(path: Path, limit: int):
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                raise SystemExit(f"error: {path} has more than {limit} lines")
            if line.strip():
                yield line


def _object(line: str, path: Path, n: int) -> dict | None:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        print(f"skipped {path.name} line {n}: {exc}", file=sys.stderr)
        return None
    return row if isinstance(row, dict) else None


def analyse(texts: dict[str, str], config: Config) -> tuple[dict[str, Article], list[dict]]:
    """Articles from the bodies, through the per-article stages of the product."""
    articles = [Article.from_text(article_id, text) for article_id, text in texts.items()]
    done, skipped = run_article_stages(articles, config)
    return {a.id: a for a in done}, skipped


def benchmark_config() -> Config:
    return load_config(pipeline={"article_stages": STAGES, "story_stages": []})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="folder with pairs.jsonl and articles.jsonl")
    parser.add_argument("--out", type=Path, required=True, help="prediction JSONL to write")
    parser.add_argument("--probabilities", action="store_true",
                        help="also write the label probabilities and the confident flag")
    args = parser.parse_args(argv)
    for name in ("pairs.jsonl", "articles.jsonl"):
        if not (args.folder / name).is_file():
            print(f"error: {args.folder} has no {name}", file=sys.stderr)
            return 2
    config = benchmark_config()
    t0 = time.perf_counter()
    pairs, texts = read_folder(args.folder)
    articles, skipped = analyse(texts, config)
    prepare_articles(list(articles.values()), config=config)  # sentence vectors, once each
    t1 = time.perf_counter()
    usable = [p for p in pairs if p["article"] in articles]
    results = assess_pairs([(p["claim"], articles[p["article"]]) for p in usable], config=config)
    t2 = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for p, r in zip(usable, results):
            row = {"pair": p["pair"], "label": fnc_label(r.label)}
            if args.probabilities:
                row["probabilities"] = {fnc_label(k): round(v, 4)
                                        for k, v in r.probabilities.items()}
                row["confident"] = r.confident
            fh.write(json.dumps(row) + "\n")
    print(f"{len(usable)} pairs, {len(articles)} articles ({len(skipped)} skipped, "
          f"{len(pairs) - len(usable)} pairs without a usable article); "
          f"articles analysed and embedded in {t1 - t0:.1f} s, pairs assessed in {t2 - t1:.1f} s "
          f"({len(usable) / max(t2 - t1, 1e-9):.0f} pairs/s, claims parsed and embedded "
          f"included)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
