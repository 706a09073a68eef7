"""`newsweave quotes`: who said what in any input, as JSON Lines (the PolNeAR scorer's format,
raw offsets) or a readable table."""
from __future__ import annotations

import json
import sys

from newsweave import errors
from newsweave.cli.common import (EXIT_NO_INPUT, EXIT_OK, EXIT_USAGE, json_safe, print_skipped,
                                  say, terminal_safe)
from newsweave.config import load_config

FORMATS = ("jsonl", "text")


def quotes_command(inputs: list[str], format: str = "jsonl", output: str | None = None,
                   meta: str | None = None, quiet: bool = False) -> int:
    """Find attributions in each input and write one line per article.

    Example: ``newsweave quotes examples/macron-troops --format jsonl --output quotes.jsonl``
    writes ``{"doc": "000_b6c0ea54cc3e3fd3", "quotes": [{"source": [s, e], "cue": [s, e],
    "content": [s, e], "speaker_name": "John Kirby", ...}]}`` per article.
    """
    from newsweave.ingest import load_meta, read_inputs
    from newsweave.model import Article
    from newsweave.nlp.quotes import attribution_records
    from newsweave.api import analyse_articles

    if format not in FORMATS:
        raise errors.NewsweaveError(errors.BAD_CONFIG, "--format", f"unknown format {format!r}",
                                    f"use one of: {', '.join(FORMATS)}")
    if not inputs:
        raise errors.NewsweaveError(errors.NO_USABLE_INPUT, "quotes", "no inputs given",
                                    "name files or directories, e.g. "
                                    "`newsweave quotes examples/macron-troops`")
    config = load_config(pipeline={"article_stages": ["spacy@1", "quotes@1"], "story_stages": []})
    sidecar = load_meta(meta) if meta else None
    articles: list[Article] = []
    skipped: list[dict] = []
    for item in read_inputs(inputs, config, meta=sidecar):
        if isinstance(item, errors.NewsweaveError):
            skipped.append(item.to_dict())
        else:
            articles.append(item)
    done, failed = analyse_articles(articles, config=config)
    skipped.extend(failed)
    # When nothing could be used the reasons are the error itself, so -q does not hide them.
    print_skipped(skipped, quiet and bool(done))
    if not done:
        say("error E303 no input could be used (fix: see the reasons above)")
        return EXIT_NO_INPUT
    try:
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise errors.NewsweaveError(errors.BAD_CONFIG, str(output), f"cannot write: {exc}",
                                    "choose a writable path for --output") from None
    try:
        for article in done:
            records = attribution_records(article)
            if format == "jsonl":
                out.write(json_safe({"doc": article.id, "quotes": records}) + "\n")
            else:
                out.write(_as_text(article, records))
    finally:
        if output:
            out.close()
    if not quiet and output:
        n = sum(len(a.values.get("quotes", [])) for a in done)
        say(f"{len(done)} article(s), {n} attribution(s) -> {output}")
    return EXIT_OK if done else EXIT_USAGE


def _as_text(article, records: list[dict]) -> str:
    # Text from the inputs, made terminal-safe: this format is read on a terminal.
    lines = [f"# {terminal_safe(article.id)}"]
    for rec in records:
        spans = rec["content"] if isinstance(rec["content"][0], list) else [rec["content"]]
        content = " … ".join(article.raw[s:e] for s, e in spans)
        speaker = rec["speaker_name"] or (article.raw[slice(*rec["source"])] if rec["source"] else "?")
        flag = " (anonymous)" if rec["anonymous"] else ""
        lines.append(f"- {terminal_safe(speaker)}{flag}: {terminal_safe(content, limit=20_000)}")
    return "\n".join(lines) + "\n"
