"""Every citation of the briefing as a W3C Web Annotation, in one ``AnnotationCollection``.

One annotation per cited passage: summary sentences, claim evidence (carrying and disputing),
quotes (each quoted part), timeline entries (the sentences that date them, and the passage that
gives a year), actors' stance evidence and the sides of divergences. Each targets the article
(its http(s) URL when the briefing has one, else ``urn:newsweave:article:ID``) with two
selectors that name the same passage: a ``TextPositionSelector`` (``start``/``end``, raw-text
offsets in Unicode code points, end exclusive, as the W3C model counts) and a
``TextQuoteSelector`` whose ``exact`` is the cited raw text. ``prefix``/``suffix`` are left out:
briefing.json does not carry the article's text around the passage. The body is a
``TextualBody`` saying what the passage supports, plus a tag naming the kind of finding.

>>> from newsweave.report.export.read import BriefingView
>>> doc = annotations_document(BriefingView({"schema": "newsweave/briefing@1", "articles": [],
...                                          "stories": []}))
>>> doc["type"], doc["total"]
('AnnotationCollection', 0)
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Iterator

from newsweave.report.common import shorten
from newsweave.report.export.common import XSD_DATETIME, article_iri, urn
from newsweave.report.export.read import BriefingView, Passage, StoryView, shape_error

CONTEXT = "http://www.w3.org/ns/anno.jsonld"

QUOTE_CHARS = 160  # how much of a finding's text an annotation's body repeats


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _citations(story: StoryView) -> Iterator[tuple[Passage, str, str]]:
    """(passage, what it supports, tag) for every citation of one story."""
    title = shorten(story.title, QUOTE_CHARS) or story.id
    for n, sentence in enumerate(story.summary, start=1):
        for p in sentence.citations:
            yield p, (f"Cited by summary sentence {n} of the story “{title}”: "
                      f"{shorten(sentence.text, QUOTE_CHARS)}"), "summary"
    for claim in story.claims:
        what = f"claim {claim.id} ({claim.status}, " \
               f"{_plural(claim.independent_sources, 'independent source')})"
        for p in claim.evidence:
            yield p, f"Carries {what}: {shorten(claim.text, QUOTE_CHARS)}", "claim-carries"
        for p in claim.disputed_by:
            yield p, f"Disputes {what}: {shorten(claim.text, QUOTE_CHARS)}", "claim-disputes"
    for quote in story.quotes:
        speaker = quote.speaker_name or (quote.speaker.text if quote.speaker else None)
        who = " ".join(speaker.split()) if speaker else "a speaker the article does not name"
        extra = ", ".join(" ".join(v.split()) for v in (quote.role, quote.affiliation) if v)
        kind = "Direct quote" if quote.direct else "Reported speech"
        for i, p in enumerate(quote.content, start=1):
            part = f" (part {i} of {len(quote.content)})" if len(quote.content) > 1 else ""
            yield p, f"{kind}{part} attributed to {who}{f' ({extra})' if extra else ''}", "quote"
    for entry in story.timeline:
        for p in entry.evidence:
            yield p, (f"Dates timeline entry {entry.id} ({entry.date}): "
                      f"{shorten(entry.text, QUOTE_CHARS)}"), "timeline"
        if entry.year_evidence is not None:
            yield entry.year_evidence, (f"Gives the year of timeline entry {entry.id} "
                                        f"({entry.date})"), "timeline-year"
    question = f" on “{shorten(story.question, QUOTE_CHARS)}”" if story.question else ""
    for actor in story.actors:
        for ev in actor.stance_evidence:
            yield ev.passage, (f"Stance evidence{f' ({ev.kind})' if ev.kind else ''}: "
                               f"{' '.join(actor.name.split())} — {ev.polarity or 'unclear'}"
                               f"{question}"), "stance"
    for divergence in story.divergences:
        for side in divergence.sides:
            for p in side.evidence:
                yield p, (f"One side of a divergence ({divergence.kind}) about "
                          f"{shorten(divergence.about, QUOTE_CHARS)}: "
                          f"{shorten(side.text, QUOTE_CHARS)}"), "divergence"


def _target(passage: Passage, view: BriefingView) -> dict[str, Any]:
    if passage.text is None:
        raise shape_error(f"{passage.path}.text", "is missing: this briefing predates evidence "
                                                  "texts, and an annotation must quote the "
                                                  "passage")
    return {
        "type": "SpecificResource",
        "source": article_iri(view.articles.get(passage.article), passage.article),
        "selector": [
            {"type": "TextPositionSelector", "start": passage.start, "end": passage.end},
            {"type": "TextQuoteSelector", "exact": passage.text},
        ],
    }


def annotations_document(view: BriefingView) -> dict[str, Any]:
    """The ``AnnotationCollection`` (JSON-LD, ``@context`` ``http://www.w3.org/ns/anno.jsonld``)
    with one page holding every annotation; empty citations (start == end) are left out."""
    generator = {"type": "Software",
                 "name": f"newsweave {view.version}" if view.version else "newsweave"}
    items = []
    for story in view.stories:
        for n, (passage, says, tag) in enumerate(_citations(story), start=1):
            if passage.start == passage.end:
                continue
            annotation: dict[str, Any] = {
                "id": urn("annotation", story.id, str(n)),
                "type": "Annotation",
                "motivation": "describing",
                "body": [
                    {"type": "TextualBody", "purpose": "describing", "format": "text/plain",
                     "value": says},
                    {"type": "TextualBody", "purpose": "tagging", "value": tag},
                ],
                "target": _target(passage, view),
                "generator": generator,
            }
            if view.created and XSD_DATETIME.fullmatch(view.created):
                annotation["created"] = view.created
            items.append(annotation)
    # The same briefing always gives the same collection id.
    digest = hashlib.sha256(json.dumps([view.created, [s.id for s in view.stories], items],
                                       sort_keys=True).encode("utf-8")).hexdigest()[:16]
    collection = urn("annotations", digest)
    titles = shorten("; ".join(s.title for s in view.stories if s.title), 200)
    return {
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": f"newsweave citations: {titles}" if titles else "newsweave citations",
        "total": len(items),
        "first": {"id": f"{collection}:page:1", "type": "AnnotationPage", "startIndex": 0,
                  "items": items},
    }
