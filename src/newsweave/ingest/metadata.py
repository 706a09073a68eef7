"""Article metadata from outside the text: dates, URLs, and the ``--meta`` sidecar file.

The sidecar gives what the files do not carry (plain text has no outlet, URL or date). It is a CSV
file with a header row, or a JSON file; each row or entry has a key and any of the fields
``source``, ``url``, ``published``, ``title``, ``author``. The key is a file name
(``000_b6c0.txt``), a file stem (``000_b6c0``) or an article id; in CSV it is the column named
``id``, ``file`` or ``key``; in JSON it is either the object key
(``{"000_b6c0": {"source": "AP"}}``) or such a field of each entry of a list.
Values given in the sidecar override what a reader found in the file. A sidecar that cannot be
used is a usage error (E013) raised before any input is read, not a skipped input.

Every article leaves the readers through :func:`sanitise_article`, the one place where what a
reader found is made safe to keep and to write: lone surrogates (``"\\udc00"`` in JSON,
undecodable file names) become U+FFFD, titles are cut to ``MAX_TITLE_CHARS`` and other fields to
``MAX_FIELD_CHARS`` (a 500,000-character title is repeated wherever the article is named), and a
``published`` that cannot be represented is dropped. Each change is recorded as a note in
``article.values["ingest_notes"]``, so nothing is changed silently.
"""
from __future__ import annotations

import csv
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsweave import errors
from newsweave.model import Article

META_FIELDS = ("source", "url", "published", "title", "author")
KEY_FIELDS = ("id", "file", "key")
MAX_META_BYTES = 50_000_000
# Longest title and other text field kept; longer ones are cut with an ellipsis and a note.
MAX_TITLE_CHARS = 300
MAX_FIELD_CHARS = 200
# A URL is never cut (a cut URL is a wrong link): a longer one is dropped with a note.
MAX_URL_CHARS = 2048
NOTES_KEY = "ingest_notes"
_SURROGATE = re.compile("[\ud800-\udfff]")
# A publication instant this close to datetime's limits overflows when a later stage converts it
# to UTC, to local time or adds a few days to it (any UTC offset is less than a day).
_DATE_MARGIN = timedelta(days=2)


def repair_text(value: str) -> tuple[str, int]:
    """``value`` with each lone surrogate replaced by U+FFFD, and how many there were.

    A surrogate cannot be encoded as UTF-8, so one left in an article makes writing the briefing
    or the store fail for the whole batch; one character for one keeps every offset valid.

    >>> repair_text("ok \\udc00 here")
    ('ok \\ufffd here', 1)
    """
    if value.isascii():
        return value, 0
    return _SURROGATE.subn("\ufffd", value)


def cap_text(value: str, limit: int) -> str:
    """``value`` cut to at most ``limit`` characters, ending with an ellipsis when cut.

    >>> cap_text("Macron rules nothing out", 12)
    'Macron rule…'
    """
    if len(value) <= limit:
        return value
    return value[: limit - 1] + "…"


def add_note(article: Article, note: str) -> None:
    """Record what a reader changed in ``article`` (kept in ``values["ingest_notes"]``)."""
    notes = article.values.setdefault(NOTES_KEY, [])
    if note not in notes:
        notes.append(note)


def sanitise_article(article: Article) -> Article:
    """Make what a reader found safe to keep: no lone surrogate in the id, raw text, text or
    metadata, metadata within its length caps, a representable ``published``. Each change is a
    note; the offsets stay valid (a surrogate is replaced by one character).

    >>> from newsweave.model import ArticleMeta
    >>> a = Article("a", "x\\udc00y", "x\\udc00y", [0, 1, 2, 3], ArticleMeta(title="T" * 400))
    >>> a = sanitise_article(a)
    >>> a.raw == "x\\ufffdy", len(a.meta.title), a.values["ingest_notes"][0]
    (True, 300, 'replaced 1 unencodable character(s) (lone UTF-16 surrogates) with U+FFFD')
    """
    article.raw, in_raw = repair_text(article.raw)
    article.text, in_text = repair_text(article.text)  # mostly the same characters as in raw
    article.id, in_id = repair_text(article.id)
    repaired = max(in_raw, in_text) + in_id
    if repaired:
        add_note(article, f"replaced {repaired} unencodable character(s) (lone UTF-16 "
                          "surrogates) with U+FFFD")
    sanitise_meta(article)
    return article


def sanitise_meta(article: Article) -> None:
    """The metadata part of :func:`sanitise_article` (also run after the ``--meta`` sidecar)."""
    meta = article.meta
    repaired = 0
    for name, limit in (("title", MAX_TITLE_CHARS), ("source", MAX_FIELD_CHARS),
                        ("author", MAX_FIELD_CHARS), ("language", MAX_FIELD_CHARS),
                        ("path", None), ("url", None)):
        value = getattr(meta, name)
        if not isinstance(value, str):
            continue
        value, n = repair_text(value)
        repaired += n
        if limit is not None and len(value) > limit:
            add_note(article, f"the {name} had {len(value):,} characters; cut to {limit}")
            value = cap_text(value, limit)
        setattr(meta, name, value)
    if repaired:
        add_note(article, f"replaced {repaired} unencodable character(s) in the metadata with "
                          "U+FFFD")
    if isinstance(meta.url, str) and (len(meta.url) > MAX_URL_CHARS or "\ufffd" in meta.url):
        add_note(article, f"the url ({len(meta.url):,} characters) was dropped: longer than "
                          f"{MAX_URL_CHARS} characters or not encodable")
        meta.url = None
    if meta.published is not None:
        published = representable(meta.published)
        if published is None:
            add_note(article, f"the publication date {meta.published.isoformat()} was dropped: "
                              "it cannot be represented in UTC")
        meta.published = published


def representable(value: datetime) -> datetime | None:
    """``value`` when later stages can convert it to UTC, to a timestamp and shift it by a day
    or two without overflowing; else None. Its own UTC offset is kept: the local day is the day
    that "on Monday" and "yesterday" in the article count from.

    >>> from datetime import timedelta
    >>> plus14 = timezone(timedelta(hours=14))
    >>> representable(datetime(1, 1, 1, tzinfo=plus14)) is None
    True
    >>> representable(datetime(2024, 2, 27, 23, 30, tzinfo=plus14)).isoformat()
    '2024-02-27T23:30:00+14:00'
    """
    try:
        wall = value.replace(tzinfo=None)
        offset = value.utcoffset() or timedelta(0)
        utc = wall - offset
        for moment in (wall, utc):
            if not (datetime.min + _DATE_MARGIN <= moment <= datetime.max - _DATE_MARGIN):
                return None
        value.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None
    return value


def parse_published(value: Any) -> datetime | None:
    """A publication date from an ISO 8601 date or datetime string; None when it is not one.

    >>> parse_published("2024-02-27"), parse_published("2024-02-27T10:00:00Z").tzinfo
    (datetime.datetime(2024, 2, 27, 0, 0), datetime.timezone.utc)
    >>> parse_published("last Tuesday") is None
    True
    """
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def http_url(value: Any) -> str | None:
    """``value`` when it is an http(s) URL with a host, else None (no ``javascript:`` links).

    >>> http_url("https://example.com/a"), http_url("javascript:alert(1)"), http_url("/a")
    ('https://example.com/a', None, None)
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value
    return None


def load_meta(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a metadata sidecar (CSV or JSON) into ``{key: {field: value}}``.

    ``published`` becomes a datetime; a value that is not an ISO date, a URL that is not http(s),
    an unknown field or a row without a key raises E013 naming the row.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ...     _ = f.write("file,source,published\\n000_b6c0.txt,Kyiv Post,2024-02-27\\n")
    >>> load_meta(f.name)
    {'000_b6c0.txt': {'source': 'Kyiv Post', 'published': datetime.datetime(2024, 2, 27, 0, 0)}}
    >>> os.unlink(f.name)
    """
    where = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_META_BYTES:
            raise _bad(where, f"the file has {size:,} bytes, more than {MAX_META_BYTES:,}")
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise _bad(where, "file not found", "check the path given to --meta") from None
    except UnicodeDecodeError as exc:
        raise _bad(where, f"not valid UTF-8 (byte offset {exc.start})",
                   "re-save the file as UTF-8") from None
    except OSError as exc:
        raise _bad(where, f"cannot read it: {exc.strerror}") from None
    if Path(path).suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        rows = _json_rows(text, where)
    else:
        rows = _csv_rows(text, where)
    table: dict[str, dict[str, Any]] = {}
    for label, key, fields in rows:
        table[key] = _checked_fields(fields, f"{where}#{label}")
    return table


def apply_meta(article: Article, table: dict[str, dict[str, Any]], *, names: list[str]) -> None:
    """Apply the sidecar entries that match the article: first those keyed by one of ``names``
    (the file name and stem), then the one keyed by the article's id, which wins."""
    keys = [n for n in names if n in table]
    if article.id in table and article.id not in keys:
        keys.append(article.id)
    for key in keys:
        for name, value in table[key].items():
            setattr(article.meta, name, value)


def _json_rows(text: str, where: str):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(where, f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if isinstance(data, dict):
        for key, fields in data.items():
            if not isinstance(fields, dict):
                raise _bad(f"{where}#{key}", "the entry is not an object of fields")
            yield f"key {key}", key, fields
    elif isinstance(data, list):
        for n, entry in enumerate(data, 1):
            if not isinstance(entry, dict):
                raise _bad(f"{where}#entry {n}", "the entry is not an object")
            yield f"entry {n}", _row_key(entry, f"{where}#entry {n}"), entry
    else:
        raise _bad(where, "the JSON is neither an object nor a list")


def _csv_rows(text: str, where: str):
    try:
        reader = csv.DictReader(text.splitlines())
        header = reader.fieldnames or []
        if not any(k in header for k in KEY_FIELDS):
            raise _bad(where, f"the header row has no key column ({', '.join(KEY_FIELDS)})",
                       "add a header row such as: file,source,url,published,title,author")
        for n, row in enumerate(reader, 2):
            if None in row:
                raise _bad(f"{where}#line {n}", "the row has more cells than the header")
            cells = {k: v for k, v in row.items() if v not in (None, "")}
            yield f"line {n}", _row_key(cells, f"{where}#line {n}"), cells
    except csv.Error as exc:
        raise _bad(where, f"not valid CSV: {exc}") from None


def _row_key(fields: dict[str, Any], where: str) -> str:
    for name in KEY_FIELDS:
        value = fields.get(name)
        if isinstance(value, (str, int)) and str(value).strip():
            return str(value).strip()
    raise _bad(where, f"the entry has no key ({', '.join(KEY_FIELDS)})")


def _checked_fields(fields: dict[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name in KEY_FIELDS:
            continue
        if name not in META_FIELDS:
            raise _bad(where, f"unknown field {name!r}",
                       f"use only {', '.join(KEY_FIELDS + META_FIELDS)}")
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise _bad(where, f"field {name!r} is not a string")
        value = value.strip()
        if name == "published":
            parsed = parse_published(value)
            if parsed is None:
                raise _bad(where, f"published {value!r} is not an ISO date",
                           "write dates as 2024-02-27 or 2024-02-27T10:00:00+00:00")
            out[name] = parsed
        elif name == "url":
            if http_url(value) is None:
                raise _bad(where, f"url {value!r} is not an http(s) URL")
            out[name] = value
        else:
            out[name] = value
    return out


def _bad(where: str, reason: str, fix: str = "") -> errors.NewsweaveError:
    return errors.NewsweaveError(
        errors.BAD_META, where, reason,
        fix or "give a CSV file with a header row (file,source,url,published,title,author) or a "
        "JSON object keyed by file name or article id",
    )

