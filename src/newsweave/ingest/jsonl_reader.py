"""JSON Lines (``.jsonl``, ``.ndjson``): one article per line.

Each line is an object with ``id`` (else ``<file stem>-<line number>`` is used), the article as
``text``, ``html`` (extracted like an HTML page) or ``sentences`` (a list of strings, joined with
line breaks into ``raw``), and optionally ``title``, ``url``, ``source``, ``author`` and
``published`` (an ISO date or datetime; one that does not parse is left out, the article is
kept). A line that cannot be used yields E007 for ``file#line N`` and the next lines are read.
The file is read line by line, so a bulk export may exceed ``ingest.max_file_bytes``; one line
may not.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from newsweave import errors
from newsweave.config import Config
from newsweave.ingest import decode
from newsweave.ingest.cleanup import clean_text
from newsweave.ingest.html_reader import article_from_html
from newsweave.ingest.ids import file_id, safe_id
from newsweave.ingest.metadata import http_url, parse_published
from newsweave.ingest.text_reader import headline
from newsweave.model import Article, ArticleMeta

_FIX = 'write one JSON object per line, e.g. {"id": "a1", "text": "...", "title": "..."}'


def read_file(
    path: Path, display: str, config: Config
) -> Iterator[Article | errors.NewsweaveError]:
    """Read every line of a JSONL file; bad lines become errors, good ones articles.

    The file is streamed, so it may be larger than ``ingest.max_file_bytes`` (bulk exports
    are); each line may not (E004 for that line)."""
    decode.check_file(path, display, max_bytes=None)
    limit = config.ingest.max_file_bytes
    stem = file_id(path)
    with path.open("rb") as handle:
        decode.check_not_binary(handle.read(decode.SNIFF_BYTES), display)
        handle.seek(0)
        number = 0
        while line_bytes := handle.readline(limit + 1):
            number += 1
            where = f"{display}#line {number}"
            if len(line_bytes) > limit and not line_bytes.endswith(b"\n"):
                _skip_line(handle)
                yield errors.NewsweaveError(
                    errors.TOO_LARGE, where,
                    f"the line has more than {limit:,} bytes (ingest.max_file_bytes)",
                    "split the article, or raise ingest.max_file_bytes in the config")
                continue
            if not line_bytes.strip():
                continue
            try:
                yield _article(line_bytes, config, where=where, fallback_id=f"{stem}-{number}")
            except errors.NewsweaveError as exc:
                yield exc


def _skip_line(handle) -> None:
    while (chunk := handle.readline(1 << 20)) and not chunk.endswith(b"\n"):
        pass


def _article(line_bytes: bytes, config: Config, *, where: str, fallback_id: str) -> Article:
    try:
        line = line_bytes.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise errors.NewsweaveError(
            errors.BAD_ENCODING, where, f"not valid UTF-8 (byte {exc.start} of the line)",
            "re-save the file as UTF-8") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _bad(where, f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise _bad(where, "the JSON is nested too deeply") from None
    if not isinstance(record, dict):
        raise _bad(where, f"the line is a JSON {type(record).__name__}, not an object")
    article_id = record.get("id")
    usable = isinstance(article_id, (str, int)) and not isinstance(article_id, bool)
    if usable and str(article_id).strip():
        article_id = safe_id(str(article_id).strip(), fallback=fallback_id)
    else:
        article_id = fallback_id
    url = http_url(record.get("url"))
    if isinstance(record.get("text"), str):
        raw = record["text"]
        article = _plain_article(article_id, raw, config)
    elif isinstance(record.get("html"), str):
        article = article_from_html(record["html"], config, article_id=article_id, display=where,
                                    url=url)
    elif _is_sentences(record.get("sentences")):
        article = _plain_article(article_id, "\n".join(record["sentences"]), config)
    elif _string(record.get("title")) and not record.get("text") and not record.get("sentences"):
        # A headline-only item (feeds and wire digests carry them): the title is all the text
        # there is, so it is the article, and offsets index it.
        article = _plain_article(article_id, record["title"], config)
    else:
        raise _bad(where, "the object has no text: give a string field text or html, "
                          "or sentences as a list of strings")
    meta = article.meta
    meta.path = where
    meta.title = _string(record.get("title")) or meta.title
    meta.source = _string(record.get("source")) or meta.source
    meta.author = _string(record.get("author")) or meta.author
    meta.url = url or meta.url
    meta.published = parse_published(record.get("published")) or meta.published
    return article


def _plain_article(article_id: str, raw: str, config: Config) -> Article:
    text, offsets = clean_text(raw, drop_boilerplate=config.ingest.drop_boilerplate,
                               max_chars=config.ingest.max_article_chars)
    return Article(article_id, raw, text, offsets, ArticleMeta(title=headline(text)))


def _is_sentences(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(s, str) for s in value)


def _string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _bad(where: str, reason: str) -> errors.NewsweaveError:
    return errors.NewsweaveError(errors.BAD_JSONL, where, reason, _FIX)
