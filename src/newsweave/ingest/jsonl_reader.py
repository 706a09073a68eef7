"""JSON Lines (``.jsonl``, ``.ndjson``): one article per line.

Each line is an object with ``id`` (else ``<file stem>-<line number>`` is used), the article as
``text``, ``html`` (extracted like an HTML page) or ``sentences`` (a list of strings, joined with
line breaks into ``raw``), and optionally ``title``, ``url``, ``source``, ``author`` and
``published`` (an ISO date or datetime; one that does not parse is left out with a note, the
article is kept). A line that cannot be used yields E007 for ``file#line N`` (a number too long
for Python's int, JSON nested too deeply) and the next lines are read; a file with no line that
holds anything is E001. A string escape that is a lone surrogate (``"\\udc00"``, which no UTF-8
file can hold) is replaced by U+FFFD when the line is read, with a note, so that one such line
cannot stop the briefing or the store from being written. The file is read line by line, so a
bulk export may exceed ``ingest.max_file_bytes``; one line may not.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterator

from newsweave import errors
from newsweave.config import Config
from newsweave.ingest import decode
from newsweave.ingest.cleanup import clean_text
from newsweave.ingest.html_reader import article_from_html
from newsweave.ingest.ids import file_id, safe_id
from newsweave.ingest.metadata import add_note, http_url, parse_published, repair_text
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
        blank = True
        while line_bytes := handle.readline(limit + 1):
            number += 1
            where = f"{display}#line {number}"
            if len(line_bytes) > limit and not line_bytes.endswith(b"\n"):
                blank = False
                _skip_line(handle)
                yield errors.NewsweaveError(
                    errors.TOO_LARGE, where,
                    f"the line has more than {limit:,} bytes (ingest.max_file_bytes)",
                    "split the article, or raise ingest.max_file_bytes in the config")
                continue
            if not line_bytes.strip():
                continue
            blank = False
            try:
                yield _article(line_bytes, config, where=where, fallback_id=f"{stem}-{number}")
            except errors.NewsweaveError as exc:
                yield exc
    if blank:
        raise errors.NewsweaveError(errors.EMPTY, display,
                                    "the file holds only blank lines" if number else
                                    "the file is empty", "give one JSON object per line")


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
    except ValueError as exc:  # Python refuses integers of more than 4,300 digits
        if "digits" in str(exc):
            raise _bad(where, "a number has more digits than can be read (at most "
                              f"{sys.get_int_max_str_digits():,})") from None
        raise _bad(where, f"a value cannot be read ({str(exc)[:120]})") from None
    if not isinstance(record, dict):
        raise _bad(where, f"the line is a JSON {type(record).__name__}, not an object")
    repaired = _repair_fields(record)
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
    published = record.get("published")
    meta.published = parse_published(published) or meta.published
    if published not in (None, "") and parse_published(published) is None:
        add_note(article, f"published {str(published)[:60]!r} is not an ISO date; left out")
    if repaired:
        add_note(article, f"replaced {repaired} lone surrogate escape(s) (\\ud800-\\udfff) "
                          "with U+FFFD")
    return article


_USED_FIELDS = ("id", "text", "html", "title", "url", "source", "author", "published")


def _repair_fields(record: dict[str, Any]) -> int:
    """Replace lone surrogates in the fields that are read, in place; return how many."""
    count = 0
    for name in _USED_FIELDS:
        value = record.get(name)
        if isinstance(value, str):
            record[name], n = repair_text(value)
            count += n
    sentences = record.get("sentences")
    if isinstance(sentences, list):
        for i, value in enumerate(sentences):
            if isinstance(value, str):
                sentences[i], n = repair_text(value)
                count += n
    return count


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
