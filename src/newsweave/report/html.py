"""The briefing as one self-contained HTML page (Jinja2 template, autoescape on).

Input strings reach the template only as plain ``str``: the template escapes them all. The only
``Markup`` values are the page's own CSS and script, read from files beside the template. The
script is allowed by its hash in the Content-Security-Policy, so no injected script could run even
if an escaping bug let one through; the page loads nothing from the network.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from newsweave.report.common import (
    Articles,
    Passage,
    StoryCitations,
    claim_texts,
    coverage_rows,
    dicts,
    display_date,
    group_quotes,
    items,
    one_line,
    quote_text,
    shorten,
    similarity,
    text,
)
from newsweave.report.highlight import segments

TEMPLATES = Path(__file__).parent / "templates"
STATUSES = {"corroborated", "single-source", "disputed"}
COVERAGE = {"carries": "✓ carries", "disputes": "✗ disputes", "discusses": "~ discusses",
            "omits": "– omits"}
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\"'<>`]{1,2048}", re.IGNORECASE)
_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]+")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def _assets() -> tuple[Markup, Markup, str]:
    css = (TEMPLATES / "briefing.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "briefing.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    # Our own files, not input: safe to insert verbatim.
    return Markup(css), Markup(script), csp


def content_security_policy() -> str:
    """The report page's Content-Security-Policy (its one script is allowed by hash)."""
    return _assets()[2]


def safe_url(value: Any) -> str | None:
    """``value`` if it is a plain http(s) URL that may be linked, else None.

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)"), safe_url(" http://x")
    ('https://example.org/a?b=1', None, None)
    """
    return value if isinstance(value, str) and _SAFE_URL.fullmatch(value) else None


def element_id(prefix: str, index: int, name: Any = "") -> str:
    """An HTML id that is unique by ``index`` and readable by a sanitized ``name``.

    >>> element_id("article", 3, 'a"><script>')
    'article-3-a-script'
    """
    slug = _ID_CHARS.sub("-", text(name)).strip("-")[:40]
    return f"{prefix}-{index}" + (f"-{slug}" if slug else "")


class _Page:
    """Numbers every cited passage once for the whole page; those numbers are the mark ids."""

    def __init__(self, articles: Articles):
        self.articles = articles
        self.anchors = {
            text(a.get("id")): element_id("article", i, a.get("id"))
            for i, a in enumerate(articles.ordered, 1)
        }
        self.ids: dict[Passage, int] = {}

    def link(self, number: int, passage: Passage) -> dict:
        """A citation link: to the marked passage, else to the article, else nowhere."""
        label = self.articles.label(passage.article)
        cited = self.articles.slice(passage)
        if cited is not None:
            page_id = self.ids.setdefault(passage, len(self.ids) + 1)
            return {"n": number, "cite": page_id, "href": f"#cite-{page_id}",
                    "title": f"{label}: “{shorten(cited, 160)}”"}
        anchor = self.anchors.get(passage.article)
        return {"n": number, "cite": None, "href": f"#{anchor}" if anchor else None,
                "title": f"{label} (passage not available)"}

    def marks(self, article_id: str) -> list[tuple[int, int, int]]:
        return [(n, p.start, p.end) for p, n in self.ids.items() if p.article == article_id]


class _Story:
    """Builds the template's view of one story, numbering its citations in reading order."""

    def __init__(self, page: _Page, story: dict):
        self.page, self.story, self.articles = page, story, page.articles
        self.numbers = StoryCitations(page.articles)

    def cites(self, evidence: Any) -> list[dict]:
        links, seen = [], set()
        for ev in evidence if isinstance(evidence, list) else []:
            number = self.numbers.cite(ev)
            if number is not None and number not in seen:
                seen.add(number)
                links.append(self.page.link(number, self.articles.passage(ev)))
        return links

    def label(self, article_id: Any) -> dict:
        key = text(article_id)
        anchor = self.page.anchors.get(key)
        return {"text": self.articles.label(key), "href": f"#{anchor}" if anchor else None}

    def summary(self) -> list[dict]:
        return [{"text": one_line(s.get("text")), "cites": self.cites(items(s, "citations"))}
                for s in dicts(self.story, "summary")]

    def people(self) -> list[dict]:
        people = []
        for person in group_quotes(dicts(self.story, "quotes")):
            quotes = []
            for quote in person["quotes"]:
                parts = [{**p, "article": quote.get("article")} for p in dicts(quote, "content")]
                quotes.append({
                    "text": quote_text(quote, self.articles),
                    "direct": bool(quote.get("direct")),
                    "cites": self.cites(parts),
                    "source": self.label(quote.get("article")),
                    "also": [self.label(a) for a in items(quote, "also_reported_by")],
                })
            people.append({**person, "quotes": quotes})
        return people

    def claims(self) -> list[dict]:
        claims = []
        for claim in dicts(self.story, "claims"):
            status = text(claim.get("status"))
            count = claim.get("independent_sources")
            claims.append({
                "text": one_line(claim.get("text")),
                "status": status or "unrated",
                "status_class": status if status in STATUSES else "unknown",
                "independent": count if isinstance(count, int) and not isinstance(count, bool) else None,
                "sources": [self.label(s) for s in items(claim, "sources")],
                "cites": self.cites(claim.get("evidence")),
            })
        return claims

    def divergences(self) -> list[dict]:
        return [{
            "about": one_line(d.get("about")),
            "over_time": d.get("over_time") is True,
            "sides": [{"text": one_line(s.get("text")), "cites": self.cites(s.get("evidence"))}
                      for s in dicts(d, "sides")],
        } for d in dicts(self.story, "divergences")]

    def positions(self) -> list[dict]:
        positions = []
        for actor in dicts(self.story, "actors"):
            evidence = [{"text": shorten(ev.get("text"), 160), "cites": self.cites([ev])}
                        for ev in dicts(actor, "stance_evidence")]
            positions.append({
                "name": one_line(actor.get("name")),
                "aliases": [one_line(a) for a in items(actor, "aliases") if one_line(a)],
                "role": one_line(actor.get("role")),
                "affiliation": one_line(actor.get("affiliation")),
                "stance": one_line(actor.get("stance")),
                "evidence": evidence,
            })
        return positions

    def timeline(self) -> list[dict]:
        return [{"date": display_date(e.get("date")), "text": one_line(e.get("text")),
                 "planned": e.get("planned") is True,
                 "cites": self.cites(e.get("evidence"))} for e in dicts(self.story, "timeline")]

    def copies(self) -> list[dict]:
        return [{"pair": [self.label(a) for a in items(c, "articles")],
                 "kind": one_line(c.get("kind")) or "copy",
                 "similarity": similarity(c.get("similarity"))} for c in dicts(self.story, "copies")]

    def coverage(self) -> dict | None:
        coverage = self.story.get("coverage")
        claim_ids, sources = items(coverage, "claims"), items(coverage, "sources")
        if not claim_ids or not sources:
            return None
        texts = claim_texts(self.story)
        table = []
        for claim_id, row in coverage_rows(coverage):
            cells = [{"text": COVERAGE.get(value, value or "?"),
                      "class": value if value in COVERAGE else "unknown"} for value in row]
            table.append({"claim": shorten(texts.get(claim_id) or claim_id, 140), "cells": cells})
        return {"sources": [self.label(s) for s in sources], "rows": table}

    def sources(self) -> list[dict]:
        listed = []
        for number, passage in self.numbers.sources():
            cited = self.articles.slice(passage)
            link = self.page.link(number, passage)
            listed.append({**link, "article": self.label(passage.article),
                           "passage": shorten(cited) if cited is not None else None})
        return listed

    def view(self, index: int) -> dict:
        # Built in reading order so the citation numbers rise down the page.
        view = {
            "anchor": element_id("story", index),
            "title": one_line(self.story.get("title")) or f"Story {index}",
            "members": [self.label(a) for a in items(self.story, "articles")],
            "summary": self.summary(),
            "claims": self.claims(),
            "divergences": self.divergences(),
            "question": one_line(self.story.get("question")),
            "positions": self.positions(),
            "people": self.people(),
            "timeline": self.timeline(),
        }
        view["chart"] = timeline_chart(view["timeline"])
        view.update(copies=self.copies(), coverage=self.coverage())
        view["sources"] = self.sources()
        return view


def timeline_chart(events: list[dict], *, width: int = 600) -> dict | None:
    """Dot positions for an inline-SVG timeline (None if fewer than 2 days can be placed).

    Events with full dates are drawn when there are at least two such days; otherwise events
    dated by month and day only ("--MM-DD", year unknown) are drawn on a month-day axis.

    >>> chart = timeline_chart([{"date": "2024-01-01", "text": "a"}, {"date": "2024-01-11", "text": "b"}])
    >>> [d["x"] for d in chart["dots"]], chart["first"], chart["last"]
    ([30.0, 570.0], '2024-01-01', '2024-01-11')
    >>> timeline_chart([{"date": "--02-26", "text": "a"}, {"date": "--03-14", "text": "b"}])["last"]
    '03-14 (year unknown)'
    """
    full, yearless = [], []
    for event in events:
        value = event.get("date") if isinstance(event, dict) else None
        if not isinstance(value, str):
            continue
        try:
            full.append((date.fromisoformat(value), event))
        except ValueError:
            if len(value) == 7 and value.startswith("--"):
                try:  # 2000 is a leap year, so --02-29 has a place too
                    yearless.append((date.fromisoformat("2000" + value[1:]), event))
                except ValueError:
                    continue
    use_full = len({d for d, _ in full}) >= 2
    dated = full if use_full else yearless
    days = sorted({d for d, _ in dated})
    if len(days) < 2:
        return None

    def label(day: date) -> str:
        return day.isoformat() if use_full else f"{day:%m-%d} (year unknown)"

    pad, span = 30, (days[-1] - days[0]).days
    stacked: dict[date, int] = {}
    dots = []
    for day, event in sorted(dated, key=lambda pair: pair[0]):
        level = min(stacked.get(day, 0), 3)
        stacked[day] = stacked.get(day, 0) + 1
        x = pad + (day - days[0]).days / span * (width - 2 * pad)
        dots.append({"x": round(x, 1), "y": 50 - 12 * level, "title": f"{event['date']}: {event.get('text', '')}"})
    return {"width": width, "height": 84, "left": pad, "right": width - pad, "dots": dots,
            "first": label(days[0]), "last": label(days[-1])}


def _article_view(page: _Page, article: dict, pages: dict[str, str]) -> dict:
    key = text(article.get("id"))
    raw = page.articles.raw(key)
    return {
        "page": pages.get(key),
        "anchor": page.anchors[key],
        "id": key,
        "title": one_line(article.get("title")) or key,
        "source": one_line(article.get("source")),
        "published": one_line(article.get("published")),
        "path": one_line(article.get("path")),
        "url": safe_url(article.get("url")) or safe_url(article.get("path")),
        "size": len(raw) if raw is not None else None,
        "segments": segments(raw, page.marks(key)) if raw is not None else None,
    }


def _problems(entries: list[dict]) -> list[dict]:
    return [{"code": one_line(e.get("code")) or "?", "input": one_line(e.get("input")),
             "reason": one_line(e.get("reason"))} for e in entries]


def _meta(meta: Any) -> dict:
    meta = meta if isinstance(meta, dict) else {}

    def pairs(value: Any) -> list[tuple[str, str]]:
        if not isinstance(value, dict):
            return []
        return [(text(k), v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str))
                for k, v in value.items()]

    config = meta.get("config")
    return {
        "version": one_line(meta.get("version")),
        "created": one_line(meta.get("created")),
        "models": pairs(meta.get("models")),
        "timings": pairs(meta.get("timings")),
        "config": json.dumps(config, ensure_ascii=False, indent=2, default=str) if config else "",
    }


def render_html(briefing: dict, *, home: str | None = None, notice: str | None = None,
                article_pages: dict[str, str] | None = None) -> str:
    """The briefing as one self-contained HTML page.

    The web server (`newsweave serve`) passes ``home`` (a link back to the story list),
    ``notice`` (a line shown under the title) and ``article_pages`` (article id → its page).

    >>> page = render_html({"articles": [{"id": "a", "title": "<b>T</b>", "raw": "It rained."}],
    ...     "stories": [{"title": "Rain", "articles": ["a"], "summary": [{"text": "It rained.",
    ...     "citations": [{"article": "a", "start": 0, "end": 10}]}]}], "skipped": []})
    >>> '<mark id="cite-1" data-cites="1" data-start="0" data-end="10">It rained.</mark>' in page
    True
    >>> "<b>T</b>" in page
    False
    """
    articles = Articles(dicts(briefing, "articles"))
    page = _Page(articles)
    stories = [_Story(page, s).view(i) for i, s in enumerate(dicts(briefing, "stories"), 1)]
    css, script, csp = _assets()
    first = stories[0]["title"] if stories else ""
    return _environment().get_template("briefing.html.j2").render(
        page_title="News briefing" + (f": {first}" if first else ""),
        stories=stories,
        articles=[_article_view(page, a, article_pages or {}) for a in articles.ordered],
        skipped=_problems(dicts(briefing, "skipped")),
        warnings=_problems(dicts(briefing, "warnings")),
        meta=_meta(briefing.get("meta")),
        home=home,
        notice=notice,
        css=css,
        script=script,
        csp=csp,
    )
