"""The passages of one article that a briefing cites, and what cites each of them.

Read from the briefing dict (raw offsets), so the article page highlights exactly what the
story page cites.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from newsweave.report.common import dicts, items, one_line, shorten


@dataclass(frozen=True)
class CitedPassage:
    """``raw[start:end]`` of an article, and the findings that cite it (e.g. ``summary``,
    ``claim c2: …``)."""

    start: int
    end: int
    text: str
    by: tuple[str, ...]


def _evidence(story: dict) -> Iterator[tuple[dict, str]]:
    for n, sentence in enumerate(dicts(story, "summary"), 1):
        for ev in dicts(sentence, "citations"):
            yield ev, _label(f"summary sentence {n}", sentence.get("text"))
    for claim in dicts(story, "claims"):
        label = _label(f"claim {one_line(claim.get('id'))}", claim.get("text"))
        for ev in dicts(claim, "evidence"):
            yield ev, label
        for ev in dicts(claim, "disputed_by"):
            yield ev, label + " (disputed by)"
    for quote in dicts(story, "quotes"):
        speaker = quote.get("speaker") if isinstance(quote.get("speaker"), dict) else {}
        who = one_line(speaker.get("name") or speaker.get("text")) or "unattributed"
        for part in dicts(quote, "content"):
            yield {**part, "article": quote.get("article")}, f"quote of {who}"
    for divergence in dicts(story, "divergences"):
        label = _label("divergence", divergence.get("about"))
        for side in dicts(divergence, "sides"):
            for ev in dicts(side, "evidence"):
                yield ev, label
    for actor in dicts(story, "actors"):
        for ev in dicts(actor, "stance_evidence"):
            yield ev, f"stance of {one_line(actor.get('name'))}"
    for event in dicts(story, "timeline"):
        label = _label(f"timeline {one_line(event.get('date'))}", event.get("text"))
        for ev in dicts(event, "evidence"):
            yield ev, label


def _label(kind: str, value: object) -> str:
    # A text cut by the briefing already ends in an ellipsis; do not add a second one.
    return f"{kind}: {shorten(value, 80)}".replace("……", "…")


def cited_passages(briefing: dict[str, Any], article_id: str, raw: str) -> list[CitedPassage]:
    """Every passage of ``article_id`` cited anywhere in ``briefing``, in text order; offsets
    that do not fit ``raw`` are dropped (a briefing is read defensively).

    >>> b = {"stories": [{"articles": ["a"], "summary": [{"text": "It rained.", "citations": [
    ...     {"article": "a", "start": 0, "end": 10}]}]}]}
    >>> cited_passages(b, "a", "It rained. Then it stopped.")
    [CitedPassage(start=0, end=10, text='It rained.', by=('summary sentence 1: It rained.',))]
    """
    found: dict[tuple[int, int], list[str]] = {}
    for story in dicts(briefing, "stories"):
        if article_id not in [str(a) for a in items(story, "articles")]:
            continue
        for ev, label in _evidence(story):
            start, end = ev.get("start"), ev.get("end")
            if str(ev.get("article")) != article_id:
                continue
            if not (isinstance(start, int) and isinstance(end, int)
                    and not isinstance(start, bool) and not isinstance(end, bool)
                    and 0 <= start < end <= len(raw)):
                continue
            labels = found.setdefault((start, end), [])
            if label not in labels:
                labels.append(label)
    return [CitedPassage(s, e, raw[s:e], tuple(by)) for (s, e), by in sorted(found.items())]
