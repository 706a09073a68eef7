"""What the user names on the command line: feed URLs, and OPML lists of feeds (files or URLs).

An OPML document is recognised by its root element, whatever its name or content type; its
``outline`` elements with an ``xmlUrl`` give the feeds (only http(s) ones; the others are
reported). The stdlib parser refuses external entities and, with expat 2.4.1 or later, entity
expansion bombs; a body is parsed only after the fetcher's size cap.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from newsweave import errors

_OPML_ROOT = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<opml[\s>]",
                        re.DOTALL)


@dataclass(frozen=True)
class Source:
    """A command-line argument: an http(s) URL (a feed or an OPML document) or an OPML file."""

    given: str
    url: str | None = None
    path: Path | None = None


def parse_source(given: str) -> Source:
    """Classify an argument; raise E021 for another scheme and E011 for a missing file.

    >>> parse_source("https://example.com/rss").url
    'https://example.com/rss'
    >>> parse_source("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    newsweave.errors.NewsweaveError: E021 file:///etc/passwd: only http(s) feeds are polled (fix: give an http(s) URL, or an OPML file by its path)
    """
    scheme = urlsplit(given).scheme.lower() if "://" in given else ""
    if scheme in ("http", "https"):
        return Source(given, url=given)
    if scheme:
        raise errors.NewsweaveError(errors.URL_REFUSED, given, "only http(s) feeds are polled",
                                    "give an http(s) URL, or an OPML file by its path")
    path = Path(given)
    if not path.is_file():
        raise errors.NewsweaveError(errors.NOT_FOUND, given, "no such file, and not a URL",
                                    "give a feed URL (http:// or https://) or an OPML file")
    return Source(given, path=path)


def is_opml(body: bytes) -> bool:
    """Whether ``body`` is an OPML document (by its root element).

    >>> is_opml(b'<?xml version="1.0"?>\\n<opml version="2.0"><body/></opml>'), is_opml(b"<rss/>")
    (True, False)
    """
    return _OPML_ROOT.match(body[:4096]) is not None


def read_opml_file(source: Source, max_bytes: int) -> bytes:
    path = source.path
    assert path is not None
    if path.stat().st_size > max_bytes:
        raise errors.NewsweaveError(errors.TOO_LARGE, source.given,
                                    f"the file is larger than {max_bytes:,} bytes",
                                    "raise watch.max_feed_bytes if it is genuine")
    data = path.read_bytes()
    if not is_opml(data):
        raise errors.NewsweaveError(
            errors.BAD_FEED, source.given, "not an OPML file",
            "give feeds by URL and lists of feeds as OPML; ingest a saved feed file with "
            "`newsweave ingest FILE --db PATH`")
    return data


def opml_feeds(body: bytes, where: str, *, base: str | None = None
               ) -> tuple[list[str], list[errors.NewsweaveError]]:
    """The http(s) feed URLs an OPML document lists (in order, once each), and the outlines
    that could not be used.

    >>> opml_feeds(b'<opml><body><outline text="A" xmlUrl="https://a.example/rss"/>'
    ...            b'<outline xmlUrl="javascript:x"/></body></opml>', "list.opml")[0]
    ['https://a.example/rss']
    """
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise errors.NewsweaveError(errors.BAD_FEED, where, f"the OPML is not well-formed ({exc})",
                                    "fix the OPML file or export it again") from None
    feeds: list[str] = []
    problems: list[errors.NewsweaveError] = []
    for outline in root.iter("outline"):
        value = next((v for k, v in outline.attrib.items() if k.lower() == "xmlurl"), None)
        if not value or not value.strip():
            continue
        url = urljoin(base, value.strip()) if base else value.strip()
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            problems.append(errors.NewsweaveError(
                errors.URL_REFUSED, f"{where}: {value[:200]}", "only http(s) feeds are polled",
                "list the feed by its http(s) URL"))
            continue
        if url not in feeds:
            feeds.append(url)
    if not feeds and not problems:
        raise errors.NewsweaveError(errors.EMPTY, where, "the OPML lists no feeds (no xmlUrl)",
                                    "give an OPML file with outline elements that have xmlUrl")
    return feeds, problems
