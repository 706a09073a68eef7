"""Find attributions in a PolNeAR split with newsweave's quote stage and write the prediction
format of ``../shared/eval/score_quotes.py`` (raw offsets into each ``.txt`` as read).

Each ``text/*.txt`` becomes ``Article.from_text(stem, raw)``; stages ``spacy@1`` then
``quotes@1`` run through the pipeline as in any newsweave run; the prediction lines come from
``newsweave.nlp.quotes.attribution_records`` (the same function as ``newsweave quotes``).

Example::

    python benchmarks/polnear.py ../shared/eval/polnear/data/dev --out /tmp/quotes_dev.jsonl
    python3 ../shared/eval/score_quotes.py ../shared/eval/polnear/data/dev /tmp/quotes_dev.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newsweave.config import load_config
from newsweave.model import Article
from newsweave.nlp.quotes import attribution_records
from newsweave.pipeline import run_article_stages

STAGES = ["spacy@1", "quotes@1"]


def read_split(split_dir: Path) -> list[Article]:
    articles = []
    for path in sorted((split_dir / "text").glob("*.txt")):
        with open(path, encoding="utf-8", newline="") as fh:
            raw = fh.read()
        articles.append(Article.from_text(path.stem, raw))
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("split_dir", type=Path, help="a PolNeAR split folder (text/, attributions/)")
    parser.add_argument("--out", type=Path, required=True, help="prediction JSONL to write")
    args = parser.parse_args(argv)
    if not (args.split_dir / "text").is_dir():
        print(f"error: {args.split_dir} has no text/ folder", file=sys.stderr)
        return 2
    config = load_config(pipeline={"article_stages": STAGES, "story_stages": []})
    t0 = time.perf_counter()
    articles = read_split(args.split_dir)
    timings: dict[str, float] = {}
    done, skipped = run_article_stages(articles, config, timings=timings)
    n_quotes = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for article in done:
            records = attribution_records(article)
            n_quotes += len(records)
            fh.write(json.dumps({"doc": article.id, "quotes": records}, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - t0
    for entry in skipped:
        print(f"skipped {entry['input']}: {entry['code']} {entry['reason']}", file=sys.stderr)
    print(f"| split | articles | attributions | seconds | articles/s | spacy s | quotes s |")
    print(f"|---|---|---|---|---|---|---|")
    print(f"| {args.split_dir.name} | {len(done)} | {n_quotes} | {seconds:.1f} | "
          f"{len(done) / seconds:.2f} | {timings.get('spacy@1', 0):.1f} | "
          f"{timings.get('quotes@1', 0):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
