"""Helpers shared by the ingest tests (a uniquely named module: other test folders have a
conftest.py of their own)."""
from __future__ import annotations

import html
import re
from pathlib import Path

from newsweave.config import load_config
from newsweave.errors import NewsweaveError
from newsweave.ingest import read_inputs
from newsweave.model import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "macron-troops"

# Enough plain English for an article to pass the length and language checks.
ENGLISH = (
    "French President Emmanuel Macron said on Monday that sending Western troops to Ukraine "
    "could not be ruled out. German Chancellor Olaf Scholz said there would be no ground troops "
    "from European countries or NATO, and the Kremlin warned that such a step would make a "
    "conflict with the alliance inevitable."
)
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def check_offsets(article: Article) -> None:
    """The offset-map invariant: one entry per character plus one, and each visible character of
    the text is the raw character it maps to, or the start of the entity that produced it."""
    assert len(article.offsets) == len(article.text) + 1, article.id
    for i, ch in enumerate(article.text):
        if ch in " \n":
            continue
        pos = article.offsets[i]
        source = article.raw[pos]
        if source == ch:
            continue
        entity = _ENTITY.match(article.raw, pos)
        assert entity and ch in html.unescape(entity.group()), (
            f"{article.id}: text[{i}]={ch!r} but raw[{pos}]={article.raw[pos:pos + 12]!r}")
    if article.text:
        assert article.offsets[-1] > article.offsets[len(article.text) - 1]


def read_all(paths, config=None, **overrides):
    """All items read from ``paths``, split into (articles, errors)."""
    config = config or load_config(**overrides)
    items = list(read_inputs([str(p) for p in paths], config))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, NewsweaveError)]
    assert len(articles) + len(problems) == len(items)
    for article in articles:
        check_offsets(article)
    return articles, problems
