"""HTML pages (``.html``, ``.htm``, ``.xhtml``): trafilatura finds the article, and its text is
located back in the HTML source so that every offset indexes the raw page.

trafilatura returns the main text as plain lines, without positions. Each line is found again
in the page's visible text (:mod:`newsweave.ingest.html_text`), first exactly with whitespace
ignored, searching forward from the previous line, then approximately with difflib around an
exact anchor. The article's text is made of the *page's own characters* for the lines found; a
line that cannot be located is dropped rather than given invented offsets.
"""
from __future__ import annotations

import bisect
import difflib
import re
from array import array
from pathlib import Path
from typing import Iterator

import trafilatura

from newsweave import errors
from newsweave.config import Config
from newsweave.ingest import decode
from newsweave.ingest.cleanup import clean_mapped
from newsweave.ingest.html_text import visible_text
from newsweave.ingest.ids import file_id
from newsweave.ingest.mapped import MappedText
from newsweave.ingest.metadata import http_url, parse_published
from newsweave.model import Article, ArticleMeta

# Characters ignored when a line of extracted text is matched against the page.
_IGNORED = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_KEPT_RUN = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
# Approximate matching: share of a line's characters that must be found, and the longest line
# tried (difflib is quadratic).
MIN_FUZZY_SHARE = 0.8
MAX_FUZZY_CHARS = 20_000
_PROBE = 24
# Metadata values longer than this are cut in the copy given to trafilatura: its author
# normalisation is quadratic in the value (a 50,000-character author took over 10 s), and no
# name, date or site name is that long. Only metadata is cut, so the article text is unchanged.
MAX_METADATA_VALUE = 1_000
_LONG_METADATA = re.compile(
    r"""((?:\bcontent\s*=\s*|"(?:author|name|creator|publisher)"\s*:\s*)(["']))"""
    r"""([^"'<>]{%d})[^"'<>]*(?=\2)""" % MAX_METADATA_VALUE, re.IGNORECASE)


def read_file(path: Path, display: str, config: Config) -> Iterator[Article]:
    """Read one HTML file as one article."""
    raw = decode.decode_markup(decode.read_bytes(path, display, config), display)
    yield article_from_html(raw, config, article_id=file_id(path), display=display)


def article_from_html(
    raw: str, config: Config, *, article_id: str, display: str, url: str | None = None
) -> Article:
    """Extract the article of an HTML page; offsets index ``raw``.

    Raises E006 when the page has no text at all and E012 when it has text but no article.

    >>> from newsweave.config import load_config
    >>> page = ("<html><body><nav>Home | World</nav><article><h1>Troops</h1><p>Macron said on "
    ...         "Monday that sending troops to Ukraine could not be &ldquo;ruled out&rdquo;, "
    ...         "a remark that drew swift denials.</p></article></body></html>")
    >>> a = article_from_html(page, load_config(), article_id="p", display="p.html")
    >>> a.text.splitlines()[-1][:20], page[a.offsets[0]:a.offsets[0] + 6]
    ('Macron said on Monda', 'Troops')
    """
    visible = visible_text(raw)
    if not any(ch.isalnum() for ch in visible.text):
        raise errors.NewsweaveError(errors.BAD_HTML, display,
                                    "the HTML has no readable text (malformed or empty page)",
                                    "check that the file is a complete HTML page")
    try:
        document = trafilatura.bare_extraction(
            _for_extractor(raw), url=url, with_metadata=True, include_comments=False
        )
    except Exception as exc:  # noqa: BLE001 - any parser failure is a bad page, not a crash
        raise errors.NewsweaveError(errors.BAD_HTML, display,
                                    f"the HTML could not be parsed ({type(exc).__name__})",
                                    "check that the file is an HTML page") from None
    extracted = getattr(document, "text", None) if document is not None else None
    if not extracted or not extracted.strip():
        raise errors.NewsweaveError(errors.NO_TEXT, display,
                                    "no article text was found in the page",
                                    "give the article's own page rather than an index or a "
                                    "page of links")
    selected = align(extracted, visible)
    text, offsets = clean_mapped(selected.text, selected.starts, selected.ends,
                                 drop_boilerplate=config.ingest.drop_boilerplate,
                                 max_chars=config.ingest.max_article_chars)
    meta = ArticleMeta(
        title=_clean(document.title),
        source=_clean(document.sitename) or _clean(document.hostname),
        url=http_url(document.url) or http_url(url),
        author=_clean(document.author),
        published=parse_published(document.date),
        path=display,
    )
    return Article(article_id, raw, text, offsets, meta)


def _for_extractor(raw: str) -> str:
    """``raw`` with overlong metadata values cut (see ``MAX_METADATA_VALUE``).

    >>> page = '<meta name="author" content="' + "]" * 5000 + '">'
    >>> len(_for_extractor(page)) < 1100
    True
    """
    return _LONG_METADATA.sub(r"\1\3", raw)


def align(extracted: str, visible: MappedText) -> MappedText:
    """The lines of ``extracted`` as found in ``visible``, one paragraph each, with the map of
    ``visible``. Lines that cannot be found are left out.

    >>> from newsweave.ingest.html_text import visible_text
    >>> v = visible_text("<p>One  line</p><div>Menu</div><p>Two&nbsp;lines here</p>")
    >>> align("One line\\nTwo lines here\\nNot on the page", v).text
    'One  line\\n\\nTwo\\xa0lines here'
    """
    squeezed, where = _squeeze(visible.text)
    found_ranges: list[tuple[int, int]] = []
    cursor = 0
    for line in extracted.splitlines():
        key = _IGNORED.sub("", _undecorate(line))
        if not key:
            continue
        found = _locate(squeezed, key, cursor)
        if found is None:
            continue
        found_ranges.append((where[found[0]], where[found[1] - 1] + 1))
        cursor = max(cursor, found[1])
    # Each passage once, in page order: a line found only where an earlier line already is
    # (text the extractor saw and the page does not show, such as an unclosed <noscript>) is
    # dropped rather than cited at the wrong passage, and a line the extractor moved (a lead, a
    # caption) keeps its place in the page. The offsets then never go backwards.
    kept: list[tuple[int, int]] = []
    for begin, end in found_ranges:
        at = bisect.bisect_left(kept, (begin, end))
        if (at and kept[at - 1][1] > begin) or (at < len(kept) and kept[at][0] < end):
            continue
        kept.insert(at, (begin, end))
    out = MappedText()
    for begin, end in kept:
        if len(out):
            out.add("\n\n", out.ends[-1], synthetic=True)
        out.extend(visible, begin, end)
    return out


def _undecorate(line: str) -> str:
    """A line of trafilatura's text without the decoration it adds: list bullets and the pipes
    between table cells.

    >>> _undecorate("- First point"), _undecorate("| France | 2 | ")
    ('First point', 'France   2')
    """
    line = line.strip()
    if line.startswith("- "):
        return line[2:]
    if line.startswith("|") and line.endswith("|"):
        return line.replace("|", " ").strip()
    return line


def _squeeze(text: str) -> tuple[str, array]:
    """``text`` without ignored characters, and the index in ``text`` of each kept character."""
    pieces: list[str] = []
    where = array("q")
    for match in _KEPT_RUN.finditer(text):
        pieces.append(match.group())
        where.extend(range(match.start(), match.end()))
    return "".join(pieces), where


def _locate(squeezed: str, key: str, cursor: int) -> tuple[int, int] | None:
    pos = squeezed.find(key, cursor)
    if pos < 0:
        pos = squeezed.find(key)  # extractors sometimes move a block (a lead, a caption)
    if pos >= 0:
        return pos, pos + len(key)
    if len(key) > MAX_FUZZY_CHARS or len(key) < _PROBE:
        return None
    return _locate_fuzzy(squeezed, key, cursor)


def _locate_fuzzy(squeezed: str, key: str, cursor: int) -> tuple[int, int] | None:
    """Where most of ``key`` is, when the extractor changed a few characters of it."""
    size = len(key)
    center = None
    for offset in (0, size // 2, size - _PROBE):
        probe = key[offset : offset + _PROBE]
        pos = squeezed.find(probe, cursor)
        if pos < 0:
            pos = squeezed.find(probe)
        if pos >= 0:
            center = pos - offset
            break
    if center is None:
        return None
    lo = max(0, center - size // 2 - 50)
    hi = min(len(squeezed), center + size + size // 2 + 50)
    matcher = difflib.SequenceMatcher(None, squeezed[lo:hi], key, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks or sum(b.size for b in blocks) < MIN_FUZZY_SHARE * size:
        return None
    begin, end = lo + blocks[0].a, lo + blocks[-1].a + blocks[-1].size
    if end - begin > 1.5 * size + 20:
        return None
    return begin, end


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None
