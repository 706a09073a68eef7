"""The Article record: raw text as read, cleaned text for the models, and the map between them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsweave.model.span import Span


@dataclass
class ArticleMeta:
    """What is known about an article besides its text; every field may be missing."""

    title: str | None = None
    source: str | None = None  # outlet or site name
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    path: str | None = None  # where it was read from (file, file#line, file#entry)

    def published_iso(self) -> str | None:
        return self.published.isoformat() if self.published else None


@dataclass
class Article:
    """One news article.

    ``raw`` is the text exactly as read (after decoding): the HTML source for HTML, the file for
    plain text. ``text`` is the cleaned text the models see. ``offsets[i]`` is the raw index of
    ``text[i]`` and ``offsets[len(text)]`` the raw index just after the last kept character, so a
    span of ``text`` maps back to the raw passage that holds it.

    >>> a = Article.from_text("x", "Hello\\u00a0world")
    >>> a.text, a.to_raw(6, 11), a.raw[6:11]
    ('Hello world', (6, 11), 'world')
    """

    id: str
    raw: str
    text: str
    offsets: list[int]
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    layers: dict[str, list[Span]] = field(default_factory=dict)
    # Per-article values that are not spans: the embedding, the fingerprint, model versions.
    values: dict[str, Any] = field(default_factory=dict)
    # Transient objects for later stages (the spaCy Doc); never serialised.
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.text) + 1:
            raise ValueError(
                f"article {self.id}: offset map has {len(self.offsets)} entries, "
                f"expected {len(self.text) + 1}"
            )

    @classmethod
    def from_text(cls, article_id: str, raw: str, meta: ArticleMeta | None = None) -> "Article":
        """An article whose cleaned text is its raw text with the standard cleanup applied."""
        from newsweave.ingest.cleanup import clean_text

        text, offsets = clean_text(raw)
        return cls(article_id, raw, text, offsets, meta or ArticleMeta())

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned-text range to the raw range that holds the same characters."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"range [{start}, {end}) outside article {self.id}")
        if start == end:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def raw_span(self, span: Span) -> tuple[int, int]:
        return self.to_raw(span.start, span.end)

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def layer(self, name: str) -> list[Span]:
        return self.layers.get(name, [])

    @property
    def title(self) -> str:
        return self.meta.title or self.id
