"""What the Markdown and HTML renderers share: reading the briefing defensively, passages, citations.

A briefing comes from our own pipeline, but the strings inside it come from the open web, and a
briefing file may be hand-edited or come from an older version. So every accessor here tolerates
missing keys and wrong types, and every offset is checked against the article's raw text before a
passage is shown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

PASSAGE_LIMIT = 200  # characters of a cited passage shown in a sources list

_SPACES = re.compile(r"\s+")


def text(value: Any) -> str:
    """A value as display text: None becomes "", anything else its str().

    >>> text(None), text(3), text("a")
    ('', '3', 'a')
    """
    return "" if value is None else str(value)


def items(container: Any, key: str) -> list:
    """``container[key]`` if it is a list, else an empty list; non-dict entries are kept as-is."""
    if not isinstance(container, dict):
        return []
    value = container.get(key)
    return value if isinstance(value, list) else []


def dicts(container: Any, key: str) -> list[dict]:
    """The dict entries of ``container[key]``; anything malformed is dropped."""
    return [entry for entry in items(container, key) if isinstance(entry, dict)]


def one_line(value: Any) -> str:
    """Text with every run of whitespace (newlines included) collapsed to one space."""
    return _SPACES.sub(" ", text(value)).strip()


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def display_date(value: Any) -> str:
    """A timeline date for a reader: ISO dates as they are; a day whose year no report states
    ("--10-23", ISO 8601's form without a year) spelt out, so it is not read as a typo.

    >>> display_date("2010-06-21"), display_date("--10-23"), display_date("--13-01")
    ('2010-06-21', '23 October (year not stated)', '--13-01')
    """
    shown = one_line(value)
    match = re.fullmatch(r"--(\d\d)-(\d\d)", shown)
    if match and 1 <= int(match.group(1)) <= 12 and 1 <= int(match.group(2)) <= 31:
        return f"{int(match.group(2))} {_MONTHS[int(match.group(1)) - 1]} (year not stated)"
    return shown


def shorten(value: Any, limit: int = PASSAGE_LIMIT) -> str:
    """One-line text cut at a word boundary near ``limit`` characters, with an ellipsis.

    >>> shorten("one two three four", 9)
    'one two…'
    """
    flat = one_line(value)
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


@dataclass(frozen=True, order=True)
class Passage:
    """A checked half-open range ``[start, end)`` of one article's raw text."""

    article: str
    start: int
    end: int


def _offset(value: Any) -> int | None:
    # bool is an int subclass; True/False as offsets is a bug upstream, not a position.
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


class Articles:
    """The briefing's articles by id, with checked access to their raw text.

    >>> arts = Articles([{"id": "a1", "title": "T", "raw": "Hello world"}])
    >>> arts.passage({"article": "a1", "start": 6, "end": 11})
    Passage(article='a1', start=6, end=11)
    >>> arts.slice(arts.passage({"article": "a1", "start": 6, "end": 11}))
    'world'
    >>> arts.passage({"article": "a1", "start": 6, "end": 99}) is None
    True
    """

    def __init__(self, articles: list[dict]):
        self.ordered: list[dict] = []
        self.by_id: dict[str, dict] = {}
        for article in articles:
            key = text(article.get("id"))
            if key in self.by_id:
                continue  # ids are unique by contract; keep the first rather than fail the report
            self.by_id[key] = article
            self.ordered.append(article)

    def raw(self, article_id: str) -> str | None:
        raw = self.by_id.get(article_id, {}).get("raw")
        return raw if isinstance(raw, str) else None

    def passage(self, evidence: Any) -> Passage | None:
        """The evidence as a Passage, or None when its article or offsets make no sense."""
        if not isinstance(evidence, dict):
            return None
        start, end = _offset(evidence.get("start")), _offset(evidence.get("end"))
        if start is None or end is None or not 0 <= start <= end:
            return None
        article_id = text(evidence.get("article"))
        raw = self.raw(article_id)
        if raw is not None and end > len(raw):
            return None
        return Passage(article_id, start, end)

    def slice(self, passage: Passage) -> str | None:
        raw = self.raw(passage.article)
        return None if raw is None else raw[passage.start : passage.end]

    def label(self, article_id: Any) -> str:
        """How an article is named to a reader: "title (outlet, day published)", or its id."""
        article = self.by_id.get(text(article_id))
        if article is None:
            return text(article_id)
        title = one_line(article.get("title")) or text(article_id)
        about = [one_line(article.get("source")), one_line(article.get("published"))[:10]]
        about = [a for a in about if a]
        return f"{title} ({', '.join(about)})" if about else title


@dataclass
class StoryCitations:
    """Numbers the passages one story cites, 1, 2, ... in order of first use; repeats reuse theirs.

    >>> cites = StoryCitations(Articles([{"id": "a", "raw": "abc"}]))
    >>> cites.cite({"article": "a", "start": 0, "end": 1}), cites.cite({"article": "a", "start": 0, "end": 1})
    (1, 1)
    """

    articles: Articles
    numbers: dict[Passage, int] = field(default_factory=dict)

    def cite(self, evidence: Any) -> int | None:
        passage = self.articles.passage(evidence)
        if passage is None:
            return None
        if passage not in self.numbers:
            self.numbers[passage] = len(self.numbers) + 1
        return self.numbers[passage]

    def sources(self) -> list[tuple[int, Passage]]:
        return sorted(((n, p) for p, n in self.numbers.items()), key=lambda pair: pair[0])


def quote_text(quote: dict, articles: Articles) -> str:
    """The words of a quote: its content parts joined, read from the raw text when not given."""
    parts = []
    for part in dicts(quote, "content"):
        words = one_line(part.get("text"))
        if not words:
            passage = articles.passage({**part, "article": quote.get("article")})
            words = one_line(articles.slice(passage)) if passage else ""
        if words:
            parts.append(words)
    joined = " … ".join(parts)
    # Renderers put their own quotation marks around direct quotes; content spans may carry
    # the article's marks, which would then show twice.
    if quote.get("direct"):
        return joined.strip(_QUOTE_MARKS).strip()
    cue = one_line((quote.get("cue") or {}).get("text") or "")
    if joined and cue and cue.split()[0].lower() in _DENYING_CUES:
        # "denied that Bush said God ordered him ...": what a speaker denied, shown without
        # the denial, reads as what the speaker said
        return f"({cue}) {joined}"
    return joined


_QUOTE_MARKS = "\"'“”‘’«»„‟"
# Verbs by which a speaker says a thing is not so: the words reported are what was denied.
_DENYING_CUES = {"deny", "denies", "denied", "denying", "dispute", "disputes", "disputed",
                 "disputing", "reject", "rejects", "rejected", "rejecting", "refute", "refutes",
                 "refuted", "refuting", "dismiss", "dismisses", "dismissed", "dismissing",
                 "rebut", "rebuts", "rebutted", "contest", "contests", "contested"}


_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "this", "that",
             "which", "who"}


def group_quotes(quotes: list[dict]) -> list[dict]:
    """Quotes grouped by speaker name (case-insensitive), in order of first appearance; then
    speakers the text describes but does not name ("French officials"), then the quotes with no
    speaker at all under "Unattributed".

    >>> q = [{"speaker": {"name": "Ann Lee"}}, {"speaker": {"text": "two officials"}},
    ...      {"speaker": {"name": "ann lee", "role": "mayor"}}, {"speaker": {"text": "he"}}]
    >>> [(g["name"], g["role"], g["named"], len(g["quotes"])) for g in group_quotes(q)]
    [('Ann Lee', 'mayor', True, 2), ('two officials', '', False, 1), ('Unattributed', '', False, 1)]
    >>> group_quotes([{"speaker": {"text": "5:21 PM Health officials", "role": "Health officials"}}]
    ...              )[0]["name"]
    'Health officials'
    """
    groups: dict[str, dict] = {}
    for quote in quotes:
        speaker = quote.get("speaker") if isinstance(quote.get("speaker"), dict) else {}
        name = one_line(speaker.get("name"))
        named = bool(name)
        if not name:
            # (the description as the quote stage cleaned it, "Federal health officials", before
            # the mention as written, "5:21 PM Federal health officials")
            text = one_line(speaker.get("role") or speaker.get("text"))
            # a description stands in for a name; a bare pronoun says nothing
            if text and text.casefold() not in _PRONOUNS:
                name = text
        name = name or "Unattributed"
        group = groups.setdefault(
            name.casefold(), {"name": name, "role": "", "affiliation": "", "named": named,
                              "quotes": []}
        )
        # The first article may not name the role; take it from whichever quote does.
        for key in ("role", "affiliation"):
            if not group[key] and named:
                group[key] = one_line(speaker.get(key))
        group["quotes"].append(quote)
    ordered = list(groups.values())
    return sorted(ordered, key=lambda g: (not g["named"], g["name"] == "Unattributed"))


def claim_texts(story: dict) -> dict[str, str]:
    """Claim id → claim text, for the coverage matrix rows."""
    return {text(c.get("id")): one_line(c.get("text")) for c in dicts(story, "claims")}


def similarity(value: Any) -> str:
    """A similarity score for display: two decimals, or the value as given when not a number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:.2f}"
    return one_line(value)


def coverage_rows(coverage: Any) -> list[tuple[str, list[str]]]:
    """The coverage matrix as one row per claim: ``(claim id, [cell per source])``.

    The briefing keeps ``cells[s][c]`` (what source ``s`` does with claim ``c``); both renderers
    show claims as rows, so both read the matrix through this one function.

    >>> coverage_rows({"claims": ["c1", "c2"], "sources": ["a", "b"],
    ...                "cells": [["carries", "omits"], ["disputes", "carries"]]})
    [('c1', ['carries', 'disputes']), ('c2', ['omits', 'carries'])]
    """
    claim_ids, sources = items(coverage, "claims"), items(coverage, "sources")
    cells = items(coverage, "cells")
    rows = []
    for c, claim_id in enumerate(claim_ids):
        row = []
        for s in range(len(sources)):
            source_row = cells[s] if s < len(cells) and isinstance(cells[s], list) else []
            row.append(text(source_row[c]) if c < len(source_row) else "")
        rows.append((text(claim_id), row))
    return rows
