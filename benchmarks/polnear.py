"""Find attributions in a PolNeAR split with newsweave's quote stage and write the prediction
format of ``../shared/eval/score_quotes.py`` (raw offsets into each ``.txt`` as read).

Each ``text/*.txt`` becomes ``Article.from_text(stem, raw)``; stages ``spacy@1`` then
``quotes@1`` run through the pipeline as in any newsweave run; the prediction lines come from
``newsweave.nlp.quotes.attribution_records`` (the same function as ``newsweave quotes``).

Example::

    python benchmarks/polnear.py ../shared/eval/polnear/data/dev --out /tmp/quotes_dev.jsonl
    python3 ../shared/eval/score_quotes.py ../shared/eval/polnear/data/dev /tmp/quotes_dev.jsonl

``--parse-cache /tmp/polnear_dev.spacy`` keeps the spaCy parses (a DocBin) between runs, so that
work on the quote rules does not re-parse the split each time (delete the file after changing
the spaCy model or the text cleanup).
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
from newsweave.registry import get_stage

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
    parser.add_argument("--parse-cache", type=Path, default=None,
                        help="DocBin file of the spaCy parses: read if present, else written")
    parser.add_argument("--shown", action="store_true",
                        help="keep only the attributions a briefing may show "
                             "(stories.quote_checks.shown_quotes): the precision of the briefing")
    args = parser.parse_args(argv)
    if not (args.split_dir / "text").is_dir():
        print(f"error: {args.split_dir} has no text/ folder", file=sys.stderr)
        return 2
    config = load_config(pipeline={"article_stages": STAGES, "story_stages": []})
    t0 = time.perf_counter()
    articles = read_split(args.split_dir)
    timings: dict[str, float] = {}
    if args.parse_cache is None:
        done, skipped = run_article_stages(articles, config, timings=timings)
    else:
        done, skipped = _run_cached(articles, config, args.parse_cache, timings)
    n_quotes = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for article in done:
            if args.shown:
                _keep_shown(article, config)
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


def _keep_shown(article: Article, config) -> None:
    """Narrow the article's quotes to those the briefing shows, with its own checks (the people
    stage calls the same function on each member's parse)."""
    from newsweave.nlp.parse_pack import ensure_docs
    from newsweave.stories.quote_checks import shown_quotes

    ensure_docs([article], config)
    doc = article.cache["doc"]
    article.values["quotes"] = shown_quotes(article.values.get("quotes", []), doc, article.text)


def _run_cached(articles, config, cache: Path, timings: dict[str, float]):
    """The spaCy stage from a DocBin when one is there (written on the first run), then the
    quote stage as the pipeline runs it."""
    from spacy.tokens import DocBin

    from newsweave.nlp.spacy_stage import load_nlp, sentence_spans
    from newsweave.model import Span

    skipped: list[dict] = []
    if cache.exists():
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(
            load_nlp(config.nlp.spacy_model).vocab))
        if len(docs) != len(articles) or any(d.text != a.text for d, a in zip(docs, articles)):
            raise SystemExit(f"error: {cache} does not hold the parses of this split")
        for article, doc in zip(articles, docs):
            article.cache["doc"] = doc
            article.layers["sentences"] = sentence_spans(doc)
            article.layers["entities"] = [Span(e.start_char, e.end_char, e.label_) for e in doc.ents]
    else:
        spacy_config = load_config(pipeline={"article_stages": STAGES[:1], "story_stages": []})
        articles, skipped = run_article_stages(articles, spacy_config, timings=timings)
        cache.write_bytes(DocBin(docs=[a.cache["doc"] for a in articles]).to_bytes())
    t0 = time.perf_counter()
    get_stage(STAGES[1]).func(articles, config)
    timings[STAGES[1]] = time.perf_counter() - t0
    return articles, skipped


if __name__ == "__main__":
    sys.exit(main())
