"""Reading a briefing dict for the exports: every key checked, every error naming the key.

A briefing given to ``newsweave export`` may be hand-edited, truncated or written by another
version. The renderers (Markdown, HTML) tolerate gaps; an export is data someone else will load,
so a missing or mistyped key is an error (E305) that names the key path
(``stories[0].claims[3].evidence[1].start``) and says how to get a good briefing, never a
traceback. Keys that ``newsweave/briefing@1`` marks optional get their default; keys we do not
know are ignored, as the schema's versioning rule asks.

Sections are read when an export asks for them, so a CSV export does not fail on a malformed
actor it never writes.

>>> view = BriefingView({"schema": "newsweave/briefing@1", "articles": [], "stories": []})
>>> view.stories
[]
>>> BriefingView({"schema": "newsweave/briefing@1", "articles": [], "stories": [{}]}).stories
... # doctest: +ELLIPSIS
Traceback (most recent call last):
...
newsweave.errors.NewsweaveError: E305 briefing: stories[0].id is missing (fix: ...)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from newsweave import errors

SCHEMA = "newsweave/briefing@1"

FIX = ("export a briefing.json written by `newsweave brief` (version 1), or write it again with "
       "`newsweave brief INPUT... -o DIR`")

# YYYY-MM-DD, YYYY-MM, or --MM-DD (the year unknown), as the schema states.
_DATE = re.compile(r"^(?:(?P<year>[0-9]{4})|-)-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?$")

T = TypeVar("T")

_KIND_NAMES = {str: "a string", int: "an integer", bool: "true or false", list: "a list",
               dict: "an object"}


def shape_error(path: str, problem: str) -> errors.NewsweaveError:
    """The one error for a briefing that does not have the shape an export needs."""
    return errors.NewsweaveError(errors.BAD_BRIEFING, "briefing", f"{path} {problem}", FIX)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _is(value: Any, kind: type) -> bool:
    # bool is an int subclass: an offset of `true` is a broken briefing, not position 1.
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def need(obj: dict, key: str, path: str, kind: type[T], *, nullable: bool = False) -> T:
    """``obj[key]``, which must be present and of ``kind`` (or None when ``nullable``).

    >>> need({"a": 1}, "a", "x", int)
    1
    >>> need({"a": "1"}, "a", "x", int)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsweave.errors.NewsweaveError: E305 briefing: x.a must be an integer, not a string (fix: ...)
    """
    if key not in obj:
        raise shape_error(_join(path, key), "is missing")
    return _typed(obj[key], _join(path, key), kind, nullable)


def maybe(obj: dict, key: str, path: str, kind: type[T], default: Any = None) -> Any:
    """``obj[key]`` when present and not null, else ``default``; a wrong type is still an error."""
    if obj.get(key) is None:
        return default
    return _typed(obj[key], _join(path, key), kind, False)


def _typed(value: Any, path: str, kind: type, nullable: bool) -> Any:
    if value is None and nullable:
        return None
    if not _is(value, kind):
        found = "null" if value is None else _KIND_NAMES.get(type(value), type(value).__name__)
        want = _KIND_NAMES.get(kind, kind.__name__) + (" or null" if nullable else "")
        raise shape_error(path, f"must be {want}, not {found}")
    return value


def strings(obj: dict, key: str, path: str, *, required: bool = True) -> list[str]:
    """A list of strings (``[]`` when optional and absent)."""
    values = need(obj, key, path, list) if required else maybe(obj, key, path, list, [])
    for i, value in enumerate(values):
        _typed(value, f"{_join(path, key)}[{i}]", str, False)
    return list(values)


def objects(obj: dict, key: str, path: str, *, required: bool = True) -> list[tuple[dict, str]]:
    """The objects of a list, each with its path (``[]`` when optional and absent)."""
    values = need(obj, key, path, list) if required else maybe(obj, key, path, list, [])
    out = []
    for i, value in enumerate(values):
        item_path = f"{_join(path, key)}[{i}]"
        out.append((_typed(value, item_path, dict, False), item_path))
    return out


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Article:
    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    author: str | None
    path: str | None
    raw: str | None  # present only in a briefing made in this process (``api.brief``)


@dataclass(frozen=True)
class Passage:
    """A cited range of an article's raw text and the text it holds (``raw[start:end]``)."""

    article: str
    start: int
    end: int
    text: str | None  # None only for a briefing older than evidence texts, without raw
    path: str = field(default="", compare=False)  # where the briefing holds it, for errors


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    status: str
    sources: list[str]
    independent_sources: int
    evidence: list[Passage]
    disputed_by: list[Passage]
    speakers: list[str]
    check: str


@dataclass(frozen=True)
class Quote:
    id: str  # q1, q2, ... in the story's order
    article: str
    speaker_name: str | None
    speaker: Passage | None
    role: str | None
    affiliation: str | None
    cue: Passage | None
    content: list[Passage]
    direct: bool
    anonymous: bool
    also_reported_by: list[str]


@dataclass(frozen=True)
class TimelineEntry:
    id: str  # t1, t2, ... in the story's order
    date: str
    year: int | None
    month: int
    day: int | None
    text: str
    evidence: list[Passage]
    sources: int
    year_evidence: Passage | None
    planned: bool = False


@dataclass(frozen=True)
class SummarySentence:
    text: str
    citations: list[Passage]


@dataclass(frozen=True)
class StanceEvidence:
    passage: Passage
    polarity: str
    kind: str


@dataclass(frozen=True)
class Actor:
    name: str
    role: str | None
    affiliation: str | None
    stance: str | None
    stance_evidence: list[StanceEvidence]


@dataclass(frozen=True)
class DivergenceSide:
    text: str
    claim: str | None
    evidence: list[Passage]


@dataclass(frozen=True)
class Divergence:
    about: str
    kind: str
    over_time: bool
    sides: list[DivergenceSide]


@dataclass(frozen=True)
class Coverage:
    """``cells[s][c]``: what source ``sources[s]`` does with claim ``claims[c]``."""

    claims: list[str]
    sources: list[str]
    cells: list[list[str]]


# ----------------------------------------------------------------------------- the view


class BriefingView:
    """A briefing dict read defensively; sections are parsed (and checked) on first use."""

    def __init__(self, briefing: Any) -> None:
        if not isinstance(briefing, dict):
            raise shape_error("the briefing", "must be a JSON object")
        schema = briefing.get("schema")
        if schema is None:
            raise shape_error("schema", "is missing: this is not a newsweave briefing")
        if schema != SCHEMA:
            raise shape_error("schema", f"is {str(schema)[:80]!r}; this version of newsweave "
                                        f"exports {SCHEMA}")
        self.briefing = briefing
        meta = maybe(briefing, "meta", "", dict, {})
        self.version: str | None = maybe(meta, "version", "meta", str)
        self.created: str | None = maybe(meta, "created", "meta", str)

    @cached_property
    def articles(self) -> dict[str, Article]:
        out: dict[str, Article] = {}
        for item, path in objects(self.briefing, "articles", ""):
            article_id = need(item, "id", path, str)
            if article_id in out:
                raise shape_error(f"{path}.id", f"repeats the id {article_id[:80]!r}")
            out[article_id] = Article(
                id=article_id,
                **{key: maybe(item, key, path, str)
                   for key in ("title", "source", "published", "url", "author", "path", "raw")},
            )
        return out

    @cached_property
    def stories(self) -> list["StoryView"]:
        stories = []
        seen: set[str] = set()
        for item, path in objects(self.briefing, "stories", ""):
            story = StoryView(self, item, path)
            if story.id in seen:
                raise shape_error(f"{path}.id", f"repeats the story id {story.id[:80]!r}")
            seen.add(story.id)
            stories.append(story)
        return stories

    def passage(self, item: Any, path: str) -> Passage:
        """An evidence item (``{"article", "start", "end", "text"}``) checked against its article."""
        item = _typed(item, path, dict, False)
        article_id = need(item, "article", path, str)
        return self.span(item, path, article_id)

    def span(self, item: dict, path: str, article_id: str) -> Passage:
        """A ``{"start", "end", "text"}`` range of ``article_id``'s raw text, checked."""
        start, end = need(item, "start", path, int), need(item, "end", path, int)
        if not 0 <= start <= end:
            raise shape_error(path, f"has start {start} and end {end}; they must satisfy "
                                    "0 <= start <= end")
        article = self.articles.get(article_id)
        if article is None:
            raise shape_error(path, f"cites the article {article_id[:80]!r}, which is not in "
                                    "articles")
        text = maybe(item, "text", path, str)
        if article.raw is not None:
            if end > len(article.raw):
                raise shape_error(f"{path}.end", f"is {end}, past the end of the article's "
                                                 f"text ({len(article.raw)} characters)")
            cited = article.raw[start:end]
            if text is not None and text != cited:
                raise shape_error(f"{path}.text", "differs from the article's raw text at "
                                                  f"[{start}, {end})")
            text = cited
        elif text is not None and len(text) != end - start:
            raise shape_error(f"{path}.text", f"has {len(text)} characters but its offsets "
                                              f"[{start}, {end}) span {end - start}")
        return Passage(article_id, start, end, text, path)

    def passages(self, obj: dict, key: str, path: str, *, required: bool = True) -> list[Passage]:
        return [self.passage(item, item_path)
                for item, item_path in objects(obj, key, path, required=required)]


class StoryView:
    """One story of the briefing; each section is read and checked when first asked for."""

    def __init__(self, view: BriefingView, story: dict, path: str) -> None:
        self.view, self.raw, self.path = view, story, path
        self.id: str = need(story, "id", path, str)
        self.title: str = maybe(story, "title", path, str, "")
        self.question: str | None = maybe(story, "question", path, str)
        self.articles: list[str] = strings(story, "articles", path)

    @cached_property
    def claims(self) -> list[Claim]:
        out = []
        for item, path in objects(self.raw, "claims", self.path):
            out.append(Claim(
                id=need(item, "id", path, str),
                text=need(item, "text", path, str),
                status=need(item, "status", path, str),
                sources=strings(item, "sources", path),
                independent_sources=need(item, "independent_sources", path, int),
                evidence=self.view.passages(item, "evidence", path),
                disputed_by=self.view.passages(item, "disputed_by", path, required=False),
                speakers=strings(item, "speakers", path, required=False),
                check=maybe(item, "check", path, str, ""),
            ))
        return out

    @cached_property
    def quotes(self) -> list[Quote]:
        out = []
        for n, (item, path) in enumerate(objects(self.raw, "quotes", self.path), start=1):
            article_id = need(item, "article", path, str)
            speaker = need(item, "speaker", path, dict)
            speaker_path = f"{path}.speaker"
            speaker_span = None
            if speaker.get("start") is not None or speaker.get("end") is not None:
                speaker_span = self.view.span(speaker, speaker_path, article_id)
            cue = need(item, "cue", path, dict, nullable=True)
            content = [self.view.span(part, part_path, article_id)
                       for part, part_path in objects(item, "content", path)]
            if not content:
                raise shape_error(f"{path}.content", "is empty; a quote has at least one part")
            out.append(Quote(
                id=f"q{n}", article=article_id,
                speaker_name=need(speaker, "name", speaker_path, str, nullable=True),
                speaker=speaker_span,
                role=maybe(speaker, "role", speaker_path, str),
                affiliation=maybe(speaker, "affiliation", speaker_path, str),
                cue=self.view.span(cue, f"{path}.cue", article_id) if cue is not None else None,
                content=content,
                direct=need(item, "direct", path, bool),
                anonymous=need(item, "anonymous", path, bool),
                also_reported_by=strings(item, "also_reported_by", path, required=False),
            ))
        return out

    @cached_property
    def timeline(self) -> list[TimelineEntry]:
        out = []
        for n, (item, path) in enumerate(objects(self.raw, "timeline", self.path), start=1):
            date = need(item, "date", path, str)
            match = _DATE.match(date)
            if match is None:
                raise shape_error(f"{path}.date", f"is {date[:40]!r}; it must be YYYY-MM-DD, "
                                                  "YYYY-MM or --MM-DD")
            year_evidence = item.get("year_evidence")
            out.append(TimelineEntry(
                id=f"t{n}", date=date,
                year=int(match["year"]) if match["year"] else None,
                month=int(match["month"]),
                day=int(match["day"]) if match["day"] else None,
                text=need(item, "text", path, str),
                evidence=self.view.passages(item, "evidence", path),
                sources=need(item, "sources", path, int),
                year_evidence=(self.view.passage(year_evidence, f"{path}.year_evidence")
                               if year_evidence is not None else None),
                planned=item.get("planned") is True,
            ))
        return out

    @cached_property
    def summary(self) -> list[SummarySentence]:
        return [SummarySentence(need(item, "text", path, str),
                                self.view.passages(item, "citations", path))
                for item, path in objects(self.raw, "summary", self.path)]

    @cached_property
    def actors(self) -> list[Actor]:
        out = []
        for item, path in objects(self.raw, "actors", self.path):
            evidence = []
            for ev, ev_path in objects(item, "stance_evidence", path, required=False):
                evidence.append(StanceEvidence(self.view.passage(ev, ev_path),
                                               maybe(ev, "polarity", ev_path, str, ""),
                                               maybe(ev, "kind", ev_path, str, "")))
            out.append(Actor(name=need(item, "name", path, str),
                             role=maybe(item, "role", path, str),
                             affiliation=maybe(item, "affiliation", path, str),
                             stance=maybe(item, "stance", path, str),
                             stance_evidence=evidence))
        return out

    @cached_property
    def divergences(self) -> list[Divergence]:
        out = []
        for item, path in objects(self.raw, "divergences", self.path):
            sides = [DivergenceSide(need(side, "text", side_path, str),
                                    maybe(side, "claim", side_path, str),
                                    self.view.passages(side, "evidence", side_path))
                     for side, side_path in objects(item, "sides", path)]
            out.append(Divergence(need(item, "about", path, str), need(item, "kind", path, str),
                                  need(item, "over_time", path, bool), sides))
        return out

    @cached_property
    def coverage(self) -> Coverage:
        """The coverage matrix; absent in older briefings (then empty), checked when present."""
        item = maybe(self.raw, "coverage", self.path, dict)
        if item is None:
            return Coverage([], [], [])
        path = f"{self.path}.coverage"
        claims, sources = strings(item, "claims", path), strings(item, "sources", path)
        rows = need(item, "cells", path, list)
        if rows and len(rows) != len(sources):
            raise shape_error(f"{path}.cells", f"has {len(rows)} rows for {len(sources)} "
                                               "sources; cells[s][c] is source s, claim c")
        cells = []
        for s, row in enumerate(rows):
            row = _typed(row, f"{path}.cells[{s}]", list, False)
            if len(row) != len(claims):
                raise shape_error(f"{path}.cells[{s}]", f"has {len(row)} cells for "
                                                        f"{len(claims)} claims")
            cells.append([_typed(cell, f"{path}.cells[{s}][{c}]", str, False)
                          for c, cell in enumerate(row)])
        return Coverage(claims, sources, cells)
