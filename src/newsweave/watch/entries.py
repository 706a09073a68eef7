"""Feed entries into Articles, through the readers `newsweave ingest` uses.

An entry that carries its text (``content``) becomes an article exactly as the feed reader makes
one from a feed file. An entry with only a summary points at its page: the page is fetched
(robots.txt permitting) and read by the HTML reader (trafilatura), the entry's title, date and
the feed's title filling what the page lacks. When the page cannot be had for good (robots.txt,
a refused address, an HTTP 404, a page with no article) the summary is used if it passes the
same checks as any article; a page that did not answer is tried again at a later poll.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any, Callable

import feedparser

from newsweave import errors
from newsweave.config import Config
from newsweave.ingest import decode
from newsweave.ingest.checks import check_article
# The feed reader's entry → Article step: a feed file and a polled feed give the same article.
from newsweave.ingest.feed_reader import article_from_entry
from newsweave.ingest.html_reader import article_from_html
from newsweave.ingest.html_text import plain_text
from newsweave.ingest.ids import slug_id
from newsweave.ingest.metadata import http_url
from newsweave.model import Article

_CHARSET = re.compile(r"charset=[\"']?([\w.:-]{1,40})", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One feed entry and what identifies it."""

    feed: str
    number: int
    guid: str | None
    link: str | None          # an http(s) URL or None
    has_content: bool
    data: Any                 # feedparser's entry dict

    @property
    def where(self) -> str:
        return f"{self.feed}#entry {self.number}"

    @property
    def article_id(self) -> str:
        ident = self.guid or self.link
        return slug_id(ident) if ident else f"entry-{self.number}"


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[Entry]


def parse_feed(body: bytes, url: str, *, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed body fetched from ``url``; raise E008 when it is not a feed.

    A feed with recoverable errors (feedparser's ``bozo``) is used when entries came out of it.

    >>> feed = parse_feed(b'<rss version="2.0"><channel><title>T</title><item><guid>urn:a:1</guid>'
    ...                   b'<link>/a/1</link><description>Short.</description></item>'
    ...                   b'</channel></rss>', "https://news.example/rss")
    >>> feed.title, feed.entries[0].guid, feed.entries[0].link, feed.entries[0].has_content
    ('T', 'urn:a:1', 'https://news.example/a/1', False)
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        # A stream, never a string: feedparser would fetch a string that looks like a URL.
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - a parser failure is a bad feed, not a crash
        raise errors.NewsweaveError(errors.BAD_FEED, url,
                                    f"the feed could not be parsed ({type(exc).__name__})",
                                    "check that the URL serves an RSS or Atom feed") from None
    raw_entries = parsed.get("entries") or []
    if not raw_entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        raise errors.NewsweaveError(
            errors.BAD_FEED, url,
            "not an RSS or Atom feed" + (f" ({str(problem)[:200]})" if problem else ""),
            "check that the URL serves a well-formed RSS or Atom feed")
    entries = []
    for number, data in enumerate(raw_entries, 1):
        guid = data.get("id")
        guid = guid.strip()[:2000] if isinstance(guid, str) and guid.strip() else None
        link = http_url(data.get("link"))
        contents = [c for c in data.get("content") or []
                    if isinstance(c.get("value"), str) and c["value"].strip()]
        entries.append(Entry(url, number, guid, link, bool(contents), data))
    title = plain_text(parsed.get("feed", {}).get("title") or "") or None
    return ParsedFeed(title, entries)


# Fetch a page: (url) -> (final url, body bytes, content type). Raises FetchError.
PageGetter = Callable[[str], tuple[str, bytes, str | None]]


def entry_to_article(entry: Entry, config: Config, *, source: str | None,
                     get_page: PageGetter) -> tuple[Article | errors.NewsweaveError, str | None]:
    """The article of ``entry`` (or why there is none), and a note on how it was made.

    Raises :class:`~newsweave.watch.net.FetchError` with ``transient`` set when the page did
    not answer and a later poll may do better.
    """
    from newsweave.watch.net import FetchError

    if entry.has_content or not entry.link:
        return _checked(_from_entry(entry, config, source), config), None
    try:
        final_url, body, content_type = get_page(entry.link)
    except FetchError as exc:
        if exc.transient:
            raise
        return _summary_instead(entry, config, source, exc)
    try:
        match = _CHARSET.search(content_type or "")
        html = decode.decode_markup(body, entry.link, charset=match.group(1) if match else None)
        article = article_from_html(html, config, article_id=entry.article_id,
                                    display=entry.link, url=final_url)
    except errors.NewsweaveError as exc:
        return _summary_instead(entry, config, source, exc)
    meta = article.meta
    meta.title = meta.title or plain_text(entry.data.get("title") or "") or None
    meta.source = meta.source or source
    meta.url = http_url(entry.link) or meta.url
    if meta.published is None:
        meta.published = _from_entry_meta(entry, config, source).published
    return _checked(article, config), "page"


def _from_entry(entry: Entry, config: Config, source: str | None
                ) -> Article | errors.NewsweaveError:
    try:
        return article_from_entry(entry.data, config, where=entry.where,
                                  fallback_id=entry.article_id, source=source)
    except errors.NewsweaveError as exc:
        return exc


def _from_entry_meta(entry: Entry, config: Config, source: str | None):
    made = _from_entry(entry, config, source)
    return made.meta if isinstance(made, Article) else Article.from_text("x", "x").meta


def _summary_instead(entry: Entry, config: Config, source: str | None,
                     page_error: errors.NewsweaveError
                     ) -> tuple[Article | errors.NewsweaveError, str | None]:
    made = _checked(_from_entry(entry, config, source), config)
    if isinstance(made, Article):
        return made, f"summary (page: {page_error.code} {page_error.reason})"
    # Neither the page nor the summary: report the page's reason, which the user can act on.
    return errors.NewsweaveError(page_error.code, entry.where,
                                 f"{page_error.reason}; the entry's summary is too little to "
                                 f"use instead ({made.code})", page_error.fix), None


def _checked(made: Article | errors.NewsweaveError, config: Config
             ) -> Article | errors.NewsweaveError:
    if isinstance(made, errors.NewsweaveError):
        return made
    return check_article(made, config) or made
