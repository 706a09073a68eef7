"""RSS and Atom feeds (``.rss``, ``.atom``, and ``.xml`` when it is a feed): one article per entry.

An entry's ``raw`` is its content (or, failing that, its summary) as the HTML string feedparser
returns; its text is the visible text of that HTML, so offsets index the entry's HTML. Titles,
authors and the feed title are markup in feeds (``<img onerror=...>`` passes through feedparser)
and are reduced to plain text; only http(s) links are kept as the article URL.

feedparser looks for an e-mail address in an author string with a regular expression that is
quadratic in its length (a 500,000-character ``<author>`` held a core for many minutes); the
author is cut to ``MAX_AUTHOR_CHARS`` before that search (see :func:`_bounded_author_search`),
more than the metadata cap keeps anyway. A numeric character reference to a lone surrogate
(``&#xD800;``) makes feedparser fail on the whole feed; such references are rewritten to
``&#xFFFD;`` before parsing (an entry's ``raw`` is what feedparser returns, not the file, so no
offset moves), with a note on each entry.
"""
from __future__ import annotations

import functools
import io
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import feedparser

from newsweave import errors
from newsweave.config import Config
from newsweave.ingest import decode
from newsweave.ingest.cleanup import clean_mapped, clean_text
from newsweave.ingest.html_text import plain_text, visible_text
from newsweave.ingest.ids import file_id, slug_id
from newsweave.ingest.metadata import add_note, http_url
from newsweave.model import Article, ArticleMeta

_AUTHOR_WITH_EMAIL = re.compile(r"\S+@\S+\s*\((?P<name>[^)]+)\)")
MAX_AUTHOR_CHARS = 1000
# &#55296; &#xD800; ... &#57343; &#xDFFF;, with leading zeros: references to UTF-16 surrogates.
_SURROGATE_REF = re.compile(
    rb"&#(?:0*(?:5[5-7]\d{3})|[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2});")


def _bounded_author_search(sync):
    """Wrap feedparser's ``_sync_author_detail`` so that it never sees a huge author string."""

    @functools.wraps(sync)
    def bounded(self, key="author"):
        context = self._get_context()
        value = context.get(key)
        if isinstance(value, str) and len(value) > MAX_AUTHOR_CHARS:
            context[key] = value[:MAX_AUTHOR_CHARS]
        return sync(self, key)

    bounded.newsweave_bounded = True
    return bounded


_MIXIN = getattr(getattr(feedparser, "mixin", None), "_FeedParserMixin", None)
if _MIXIN is not None and hasattr(_MIXIN, "_sync_author_detail") and not getattr(
        _MIXIN._sync_author_detail, "newsweave_bounded", False):
    _MIXIN._sync_author_detail = _bounded_author_search(_MIXIN._sync_author_detail)


def read_file(
    path: Path, display: str, config: Config
) -> Iterator[Article | errors.NewsweaveError]:
    """Read every entry of a feed file."""
    data = decode.read_bytes(path, display, config)
    decode.decode_markup(data, display)  # the same encoding check as every other file
    data, surrogates = _SURROGATE_REF.subn(b"&#xFFFD;", data)
    try:
        # A stream, never a string: feedparser would fetch a string that looks like a URL.
        feed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        raise errors.NewsweaveError(errors.BAD_FEED, display,
                                    f"the feed could not be parsed ({type(exc).__name__})",
                                    "check that the file is an RSS or Atom feed") from None
    entries = feed.get("entries") or []
    if not entries:
        if feed.get("version") and not feed.get("bozo"):
            raise errors.NewsweaveError(errors.EMPTY, display, "the feed has no entries",
                                        "give a feed with at least one entry")
        problem = feed.get("bozo_exception")
        reason = "not an RSS or Atom feed" + (f" ({problem})" if problem else "")
        raise errors.NewsweaveError(
            errors.BAD_FEED, display, reason,
            "give a well-formed RSS or Atom feed (or an HTML page as .html)")
    source = plain_text(feed.get("feed", {}).get("title") or "") or None
    stem = file_id(path)
    for number, entry in enumerate(entries, 1):
        where = f"{display}#entry {number}"
        try:
            article = article_from_entry(entry, config, where=where,
                                         fallback_id=f"{stem}-{number}", source=source)
            if surrogates:
                add_note(article, f"the feed held {surrogates} reference(s) to lone surrogates "
                                  "(&#xD800; ...), read as U+FFFD")
            yield article
        except errors.NewsweaveError as exc:
            yield exc


def article_from_entry(entry: Any, config: Config, *, where: str, fallback_id: str,
                       source: str | None) -> Article:
    """The article of one feedparser entry: its content (HTML preferred), else its summary, as
    text with offsets into it; the id from the entry's id or link (``fallback_id`` without
    either), the title, link, author and date from the entry, ``source`` (the feed's title) as
    the source and ``where`` (``FEED#entry N``) as the path. The one place that turns an entry
    into an article: a feed file (``read_file``) and a polled feed (``newsweave.watch``) give
    the same article. Raises ``NewsweaveError`` E012 (``NO_TEXT``) for an entry with neither
    content nor summary; the article is not sanitised or checked yet (``newsweave.ingest``
    does both).
    """
    raw, kind = _content(entry)
    if not raw.strip():
        raise errors.NewsweaveError(errors.NO_TEXT, where, "the entry has no content or summary",
                                    "give a feed whose entries carry their text")
    options = {"drop_boilerplate": config.ingest.drop_boilerplate,
               "max_chars": config.ingest.max_article_chars}
    if kind == "text/plain":
        text, offsets = clean_text(raw, **options)
    else:
        mapped = visible_text(raw)
        text, offsets = clean_mapped(mapped.text, mapped.starts, mapped.ends, **options)
    ident = entry.get("id") or entry.get("link") or ""
    article_id = slug_id(ident) if isinstance(ident, str) and ident.strip() else fallback_id
    author = plain_text(entry.get("author") or "")
    named = _AUTHOR_WITH_EMAIL.fullmatch(author)
    meta = ArticleMeta(
        title=plain_text(entry.get("title") or "") or None,
        source=source,
        url=http_url(entry.get("link")),
        author=(named.group("name").strip() if named else author) or None,
        published=_published(entry),
        path=where,
    )
    return Article(article_id, raw, text, offsets, meta)


def _content(entry: Any) -> tuple[str, str]:
    """The entry's fullest text and its type: content (HTML preferred), else the summary."""
    contents = [c for c in entry.get("content") or [] if isinstance(c.get("value"), str)]
    contents.sort(key=lambda c: ("html" not in (c.get("type") or ""), -len(c["value"])))
    if contents and contents[0]["value"].strip():
        return contents[0]["value"], contents[0].get("type") or "text/html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type") or "text/html"


def _published(entry: Any) -> datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            try:
                return datetime(*value[:6], tzinfo=timezone.utc)
            except (TypeError, ValueError):
                continue
    return None
