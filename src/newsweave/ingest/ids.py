"""Article ids: readable, safe as file names, and unique within a run.

An article read from a file takes the file's name without its extension (``.warc.gz`` loses
both). Articles from multi-article files take an id from their record (a JSONL ``id``, a feed
entry's id or link, a WARC record's target URI). Every id is made safe to use as a file name:
characters other than letters, digits, ``.``, ``_`` and ``-`` become ``-``. When a second article
comes with an id already used in the run, it is renamed ``<id>-2`` (then ``-3``, ...) rather than
dropped, so the run keeps both and the ids stay stable for the first one.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

MAX_ID_CHARS = 120
_UNSAFE = re.compile(r"[^\w.-]+")
# Extensions stripped as a pair, longest first, before the last suffix is stripped.
_DOUBLE_EXTENSIONS = (".warc.gz",)


def safe_id(value: str, *, fallback: str = "article") -> str:
    """Make ``value`` safe as a file name and as a URL path segment.

    >>> safe_id("AP 2024/03 #17"), safe_id("../etc/passwd"), safe_id("")
    ('AP-2024-03-17', 'etc-passwd', 'article')
    """
    cleaned = _UNSAFE.sub("-", value).strip(".-_")
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:MAX_ID_CHARS].rstrip(".-_")
    return cleaned or fallback


def file_id(path: str | Path) -> str:
    """The id of an article read from a whole file: its name without the extension.

    >>> file_id("corpus/000_b6c0.txt"), file_id("crawl/cc-2024.warc.gz")
    ('000_b6c0', 'cc-2024')
    """
    name = Path(path).name
    for double in _DOUBLE_EXTENSIONS:
        if name.lower().endswith(double):
            return safe_id(name[: -len(double)])
    return safe_id(Path(name).stem)


def url_id(url: str) -> str:
    """An id from a URL: host and path, made safe.

    >>> url_id("https://www.example.com/world/2024/03/macron-troops.html?ref=rss")
    'example.com-world-2024-03-macron-troops'
    """
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if host.startswith("www."):
        host = host[4:]
    path = re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", parts.path, flags=re.IGNORECASE)
    return safe_id(f"{host}-{path}" if path.strip("/") else host or url)


def slug_id(value: str) -> str:
    """A short id from an entry id or link: the last meaningful path segment of a URL, or the
    whole value made safe.

    >>> slug_id("https://news.example/world/macron-troops/"), slug_id("https://news.example/p/17")
    ('macron-troops', 'p-17')
    >>> slug_id("tag:news.example,2024:post-17")
    'tag-news.example-2024-post-17'
    """
    parts = urlsplit(value.strip())
    if parts.scheme in ("http", "https") and parts.path.strip("/"):
        segments = [s for s in parts.path.split("/") if s]
        last = re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", segments[-1], flags=re.IGNORECASE)
        if (len(last) <= 3 or last.isdigit() or last.lower() == "index") and len(segments) > 1:
            last = f"{segments[-2]}-{last}"
        return safe_id(last)
    if parts.scheme in ("http", "https"):
        return url_id(value)
    return safe_id(value)


class UniqueIds:
    """Hands out ids unique within one run: a repeated id gets ``-2``, ``-3``, ...

    >>> ids = UniqueIds()
    >>> ids.claim("a"), ids.claim("a"), ids.claim("a-2"), ids.claim("a")
    ('a', 'a-2', 'a-2-2', 'a-3')
    """

    def __init__(self) -> None:
        self._used: set[str] = set()

    def claim(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self._used:
            n += 1
            candidate = f"{wanted}-{n}"
        self._used.add(candidate)
        return candidate
