"""What the export formats share: safe CSV cells, JSON-LD text, identifiers, citation labels."""
from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Iterable
from urllib.parse import quote

from newsweave.report.export.read import Article

# A cell that starts with one of these is read as a formula by Excel, LibreOffice and Google
# Sheets (OWASP "CSV injection"); tab and carriage return are on OWASP's list too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# http(s) only, no spaces, quotes, angle brackets or control characters (as report/html.py).
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\"'<>`\\]{1,2048}", re.IGNORECASE)


# XML Schema dateTime: Table Schema's `datetime`, Web Annotation's `created` (offset optional).
XSD_DATETIME = re.compile(
    r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?")


def neutralise(value: str) -> str:
    """A text cell a spreadsheet will show as text: a leading apostrophe before a formula start.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-5"), neutralise("Paris")
    ('\\'=HYPERLINK("http://x")', "'-5", 'Paris')
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell(value: Any) -> str:
    """One CSV cell: None is empty, booleans are ``true``/``false``, lists are JSON arrays, text
    is neutralised (see ``neutralise``).

    >>> [cell(None), cell(True), cell(3), cell(["a", "b"]), cell("@me")]
    ['', 'true', '3', '["a", "b"]', "'@me"]
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return neutralise(json.dumps(value, ensure_ascii=False))
    return neutralise(str(value))


def csv_text(header: list[str], rows: Iterable[list[Any]]) -> str:
    """RFC 4180 CSV (CRLF line ends, fields quoted when needed) with every cell made safe.

    >>> csv_text(["a", "b"], [[1, "=x"]])
    "a,b\\r\\n1,'=x\\r\\n"
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(name) for name in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return out.getvalue()


def jsonld_text(document: Any) -> str:
    """JSON text safe to paste inside ``<script type="application/ld+json">``: ``<``, ``>`` and
    ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026`` (the same JSON value), so a string
    from an article cannot close the script element.

    >>> jsonld_text({"a": "</script>"})
    '{\\n  "a": "\\\\u003c/script\\\\u003e"\\n}\\n'
    """
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def safe_url(value: str | None) -> str | None:
    """The URL when it is a plain http(s) URL, else None (``javascript:`` and the like are dropped).

    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)"), safe_url(None)
    ('https://example.org/a', None, None)
    """
    if value and _SAFE_URL.fullmatch(value.strip()):
        return value.strip()
    return None


def urn(*parts: str) -> str:
    """A ``urn:newsweave:`` identifier; each part percent-encoded so any id makes a valid IRI.

    >>> urn("article", "001 a/b")
    'urn:newsweave:article:001%20a%2Fb'
    """
    return "urn:newsweave:" + ":".join(quote(part, safe="-._~") for part in parts)


def article_iri(article: Article | None, article_id: str) -> str:
    """Where an article lives: its http(s) URL when known, else ``urn:newsweave:article:ID``."""
    url = safe_url(article.url) if article is not None else None
    return url or urn("article", article_id)


def outlet(article: Article | None, article_id: str) -> str:
    """How a citation names an article: outlet, else title, else id.

    >>> outlet(None, "a1")
    'a1'
    """
    if article is None:
        return article_id
    for value in (article.source, article.title):
        if value and value.strip():
            return " ".join(value.split())
    return article_id


def published_day(article: Article | None) -> str | None:
    """``YYYY-MM-DD`` of the article's publication when the briefing gives one."""
    if article is None or not article.published:
        return None
    match = re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", article.published)
    return match.group(0) if match else None
