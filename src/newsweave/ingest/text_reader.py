"""Plain text and Markdown files (``.txt``, ``.text``, ``.md``, ``.markdown``): one article each.

``raw`` is the file decoded as UTF-8; the cleaned text keeps every line of it (a title line
included) except page furniture, and Markdown loses its syntax but not its words. The title is a
leading ``#`` heading, a front-matter ``title:``, or the first line when it reads as a headline.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from newsweave.config import Config
from newsweave.ingest import decode
from newsweave.ingest.cleanup import clean_mapped, clean_text
from newsweave.ingest.ids import file_id
from newsweave.ingest.markdown import strip_markdown
from newsweave.ingest.metadata import http_url, parse_published
from newsweave.model import Article, ArticleMeta

MARKDOWN_EXTENSIONS = (".md", ".markdown")
MAX_HEADLINE_WORDS = 20
# A first line ending in a period is a headline only when it is one short sentence.
MAX_HEADLINE_WORDS_WITH_PERIOD = 10
_SENTENCE_INSIDE = re.compile(r"[.!?][\"”’)]?\s+[A-Z\"“‘]")


def read_file(path: Path, display: str, config: Config) -> Iterator[Article]:
    """Read one text or Markdown file as one article."""
    raw = decode.decode_utf8(decode.read_bytes(path, display, config), display)
    meta = ArticleMeta(path=display)
    if path.suffix.lower() in MARKDOWN_EXTENSIONS:
        doc = strip_markdown(raw)
        text, offsets = clean_mapped(doc.mapped.text, doc.mapped.starts, doc.mapped.ends,
                                     drop_boilerplate=config.ingest.drop_boilerplate,
                                     max_chars=config.ingest.max_article_chars)
        meta.title = doc.front.get("title") or doc.heading or headline(text)
        meta.published = parse_published(doc.front.get("published") or doc.front.get("date"))
        meta.author = doc.front.get("author")
        meta.source = doc.front.get("source")
        meta.url = http_url(doc.front.get("url"))
    else:
        text, offsets = clean_text(raw, drop_boilerplate=config.ingest.drop_boilerplate,
                                   max_chars=config.ingest.max_article_chars)
        meta.title = headline(text)
    yield Article(file_id(path), raw, text, offsets, meta)


def headline(text: str) -> str | None:
    """The first line of ``text`` when it reads as a headline, else None.

    A headline is short (at most 20 words), starts with a capital, a digit or a quote, does not
    end with ``:``, ``;`` or ``,``, and is followed by more text. One ending in a period must be
    a single sentence of at most 10 words.

    >>> headline("European allies taken aback by Macron's comments\\n\\nFollowing a conference ...")
    "European allies taken aback by Macron's comments"
    >>> headline("American authorities refute Macron's statement.\\nFrench President ...")
    "American authorities refute Macron's statement."
    >>> headline("The US has firmly denied the proposal. Macron faced backlash.\\nMore.") is None
    True
    >>> headline("Read the statement below:\\nWe have no plans.") is None
    True
    """
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    words = first.split()
    if not words or not rest.strip() or len(words) > MAX_HEADLINE_WORDS:
        return None
    if first[-1] in ":;,-–—":
        return None
    if not (first[0].isupper() or first[0].isdigit() or first[0] in "\"“‘'"):
        return None
    if first.endswith("."):
        if first.endswith("..") or len(words) > MAX_HEADLINE_WORDS_WITH_PERIOD:
            return None
        if _SENTENCE_INSIDE.search(first[:-1]):
            return None
    return first
