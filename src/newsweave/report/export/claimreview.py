"""Claims as schema.org ``ClaimReview`` JSON-LD, one per claim, with the articles that carry it.

Opt-in, and without a verdict. newsweave counts who reports a claim and how independently; it
does not rate claims true or false. So a review here fills what the briefing can stand behind:

- ``claimReviewed``: the claim's text;
- ``itemReviewed``: a ``Claim`` whose ``appearance`` lists the articles that carry it (``url``
  when the briefing has one, headline, outlet as ``publisher``, publication date) and whose
  ``firstAppearance`` is the earliest of them, given only when every one of them has a
  publication date (otherwise "first" would be a guess);
- ``author``: the tool, as a ``SoftwareApplication`` with its version; ``datePublished``: the day
  the briefing was made;
- ``reviewBody``: how many reports and independent sources carry it and how many dispute it,
  with the sentence that no rating is given.

``reviewRating`` is left out on purpose: any rating would be a verdict the tool did not reach.
``url`` (the page of the fact check) is left out because newsweave publishes no page. Google's
fact-check results require both, so these reviews are a starting point for a fact-checker, who
adds the rating, the page and their organisation as author before publishing.

>>> from newsweave.report.export.read import BriefingView
>>> doc = claimreview_document(BriefingView({"schema": "newsweave/briefing@1", "articles": [],
...                                          "stories": []}))
>>> doc["@context"], doc["@graph"]
('https://schema.org', [])
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from newsweave.report.export.common import safe_url, urn
from newsweave.report.export.read import Article, BriefingView, Claim, StoryView

CONTEXT = "https://schema.org"

NO_RATING = ("newsweave reports who carries a claim and does not rate claims true or false; "
             "this review has no rating.")

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _appearance(article_id: str, article: Article | None) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Article", "identifier": article_id}
    if article is None:
        return node
    url = safe_url(article.url)
    if url:
        node["url"] = url
    if article.title:
        node["headline"] = " ".join(article.title.split())
    if article.source:
        node["publisher"] = {"@type": "Organization", "name": " ".join(article.source.split())}
    if _instant(article.published) is not None:
        node["datePublished"] = article.published
    return node


def _carriers(claim: Claim) -> list[str]:
    ids = list(claim.sources)
    for passage in claim.evidence:
        if passage.article not in ids:
            ids.append(passage.article)
    return ids


def _first(carriers: list[str], view: BriefingView) -> str | None:
    """The earliest carrier, when every carrier has a publication date of one kind."""
    moments = [(_instant(view.articles[a].published) if a in view.articles else None, a)
               for a in carriers]
    if not moments or any(m is None for m, _ in moments):
        return None
    if len({m.tzinfo is None for m, _ in moments}) > 1:
        return None  # naive and aware dates cannot be ordered honestly
    return min(moments, key=lambda pair: pair[0])[1]


def _disputing(claim: Claim, story: StoryView) -> set[str]:
    """Articles that dispute the claim: cited as disputing it, or so marked in the coverage."""
    out = {p.article for p in claim.disputed_by}
    coverage = story.coverage
    if claim.id in coverage.claims and coverage.cells:
        c = coverage.claims.index(claim.id)
        out |= {source for source, row in zip(coverage.sources, coverage.cells)
                if row[c] == "disputes"}
    return out


def _body(claim: Claim, story: StoryView) -> str:
    carriers = len(_carriers(claim))
    disputing = len(_disputing(claim, story))
    text = (f"Carried by {carriers} of the story's {len(story.articles)} report"
            f"{'s' if len(story.articles) != 1 else ''} ({claim.independent_sources} independent "
            f"source{'s' if claim.independent_sources != 1 else ''})")
    if disputing:
        text += f"; disputed by {disputing}"
    text += ". "
    if claim.check:
        text += " ".join(claim.check.split()).rstrip(".") + ". "
    return text + NO_RATING


def claim_review(claim: Claim, story: StoryView, view: BriefingView) -> dict[str, Any]:
    """One ``ClaimReview`` node (without ``@context``; the document carries it)."""
    carriers = _carriers(claim)
    first = _first(carriers, view)
    item: dict[str, Any] = {"@type": "Claim", "@id": urn("claim", story.id, claim.id),
                            "identifier": claim.id}
    appearances = [_appearance(a, view.articles.get(a)) for a in carriers if a != first]
    if appearances:
        item["appearance"] = appearances
    if first is not None:
        item["firstAppearance"] = _appearance(first, view.articles.get(first))
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": urn("claimreview", story.id, claim.id),
        "claimReviewed": " ".join(claim.text.split()),
        "itemReviewed": item,
        "author": {"@type": "SoftwareApplication", "name": "newsweave"},
        "reviewBody": _body(claim, story),
    }
    if view.version:
        review["author"]["softwareVersion"] = view.version
    if view.created and _DAY.match(view.created):
        review["datePublished"] = view.created[:10]
    return review


def claimreview_document(view: BriefingView) -> dict[str, Any]:
    """The JSON-LD document: ``{"@context": "https://schema.org", "@graph": [ClaimReview...]}``,
    one review per claim of every story."""
    graph = [claim_review(claim, story, view) for story in view.stories for claim in story.claims]
    return {"@context": CONTEXT, "@graph": graph}
