"""What happened when: a story's events placed by the date they happened, in order.

An event is a sentence that names a day ("On February 26, leaders gathered in Paris"); its date
is the date in the sentence as ``dates@1`` resolved it, never the date the article was published.
A day without a known year stays ``--MM-DD`` unless the same article writes a full date with a
year elsewhere; then that year is used and the passage that gave it is shown as
``year_evidence``.

Selection (date-wise, as news-tls DATEWISE): dates are ranked by how many sentences refer to
them; for each chosen date the sentences referring to it are ranked by centrality (cosine to
their mean embedding) and picked greedily, skipping near-repeats. ``build_timeline`` takes the
number of dates ``l`` and sentences per date ``k`` explicitly (the T17 benchmark uses it); the
story stage reads them from ``[timeline]`` of the config, keeping only dates with enough support.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsweave import errors
from newsweave.config import Config
from newsweave.model import Article, Span, Story
from newsweave.registry import story_stage

DEFAULTS: dict[str, Any] = {
    "max_dates": 20,
    "min_references": 1,
    "sentences_per_date": 1,
    "min_sentence_words": 8,
    "max_sentence_words": 40,
    "redundancy_threshold": 0.8,
    "infer_year": True,
}

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")


@dataclass
class Reference:
    """One sentence that names one day."""

    article: str
    sentence: int  # index in the article's sentence layer
    span: Span  # the sentence, cleaned-text coordinates
    date: str  # "YYYY-MM-DD" or "--MM-DD"
    date_span: Span
    year_evidence: dict | None = None  # {"article", "start", "end"} (cleaned) when inferred
    extra: dict = field(default_factory=dict)


def _infer_year(article: Article, span: Span, value: str) -> tuple[str, dict | None]:
    """Give "--MM-DD" the year of the nearest full date with a written year in the same article."""
    m = _NO_YEAR.match(value)
    best = None
    for other in article.layer("dates"):
        if other.attrs.get("year_evidence") != "text":
            continue
        if other.attrs.get("granularity") not in ("day", "month"):
            continue
        distance = abs(other.start - span.start)
        if best is None or distance < best[0]:
            best = (distance, other)
    if best is None:
        return value, None
    year = int(best[1].attrs["value"][:4])
    try:
        dt.date(year, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return value, None
    evidence = {"article": article.id, "start": best[1].start, "end": best[1].end}
    return f"{year:04d}-{m.group(1)}-{m.group(2)}", evidence


def collect_references(article_ids: list[str], articles: dict[str, Article], *,
                       infer_year: bool = True, start: str | None = None,
                       end: str | None = None) -> list[Reference]:
    """Every (sentence, day) pair of the articles: sentences naming a day, one entry per day named.

    ``start``/``end`` (ISO dates, inclusive) drop days outside a window; days without a year are
    kept whatever the window.
    """
    refs: list[Reference] = []
    for article_id in article_ids:
        article = articles[article_id]
        sentences = article.layer("sentences")
        starts = [s.start for s in sentences]
        for span in article.layer("dates"):
            attrs = span.attrs
            if attrs.get("granularity") != "day":
                continue
            value = attrs.get("value") or ""
            evidence = None
            if _NO_YEAR.match(value) and infer_year:
                value, evidence = _infer_year(article, span, value)
            if _FULL.match(value) and ((start and value < start) or (end and value > end)):
                continue
            if not (_FULL.match(value) or _NO_YEAR.match(value)):
                continue
            i = bisect.bisect_right(starts, span.start) - 1
            if i < 0 or sentences[i].end < span.end:
                continue
            refs.append(Reference(article_id, i, sentences[i], value, span, evidence))
    # One sentence names one day once.
    seen = set()
    unique = []
    for ref in refs:
        key = (ref.article, ref.sentence, ref.date)
        if key not in seen:
            seen.add(key)
            unique.append(ref)
    return unique


def date_sort_key(value: str, default_year: int = 0) -> tuple[int, int, int]:
    m = _FULL.match(value)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _NO_YEAR.match(value)
    return default_year, int(m.group(1)), int(m.group(2))


def rank_dates(refs: list[Reference], *, published: dict[str, int] | None = None,
               published_weight: float = 0.0) -> list[tuple[str, float]]:
    """Dates by support: the number of distinct articles that refer to them (how many reports
    point at that day), with the number of referring sentences breaking ties; ``published``
    (articles per publication day) adds ``published_weight`` each.

    Counting articles rather than sentences keeps one long report that repeats a date from
    outranking a day that many reports name (Timeline17 dev: AR-1 0.102 -> 0.108, AR-2 0.036 ->
    0.042, date F1 0.582 -> 0.609)."""
    sentences: dict[str, int] = defaultdict(int)
    sources: dict[str, set] = defaultdict(set)
    for ref in refs:
        sentences[ref.date] += 1
        sources[ref.date].add(ref.article)
    published = published or {}
    scored = [(d, len(sources[d]) + 0.01 * sentences[d] + published_weight * published.get(d, 0))
              for d in sentences]
    scored.sort(key=lambda t: (-t[1], t[0]))
    return scored


def select_sentences(refs: list[Reference], articles: dict[str, Article], k: int, *,
                     min_words: int = 8, max_words: int = 40,
                     redundancy: float = 0.8, topic: np.ndarray | None = None,
                     topic_weight: float = 0.0) -> list[Reference]:
    """The k most central sentences among those referring to one date, near-repeats skipped;
    ``topic`` (a unit vector for the whole story) adds ``topic_weight`` times its cosine."""
    texts: dict[str, Reference] = {}
    for ref in refs:
        text = articles[ref.article].span_text(ref.span)
        texts.setdefault(" ".join(text.split()).lower(), ref)
    cands = list(texts.values())
    usable = [r for r in cands
              if min_words <= len(articles[r.article].span_text(r.span).split()) <= max_words]
    cands = usable or cands
    vectors = []
    for ref in cands:
        emb = articles[ref.article].values.get("sentence_embeddings")
        vectors.append(None if emb is None else np.asarray(emb[ref.sentence], dtype=np.float32))
    if any(v is None for v in vectors):
        return cands[:k]  # no embeddings: first mentions in story order
    matrix = np.stack(vectors)
    centroid = matrix.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    score = matrix @ centroid
    if topic is not None and topic_weight:
        score = score + topic_weight * (matrix @ topic)
    chosen: list[int] = []
    for i in np.argsort(-score, kind="stable"):
        if len(chosen) >= k:
            break
        if any(float(matrix[i] @ matrix[j]) > redundancy for j in chosen):
            continue
        chosen.append(int(i))
    return [cands[i] for i in chosen]


def build_timeline(article_ids: list[str], articles: dict[str, Article], *,
                   l: int | None = None, k: int = 1, min_references: int = 1,
                   start: str | None = None, end: str | None = None,
                   infer_year: bool = True, min_words: int = 8, max_words: int = 40,
                   redundancy: float = 0.8, published_weight: float = 0.0,
                   topic_weight: float = 0.0) -> list[dict]:
    """Pick up to ``l`` dates (all with ``min_references`` or more when ``l`` is None) and ``k``
    sentences for each; entries in date order, in cleaned-text coordinates.

    Each entry: ``{"date", "sentences": [{"article", "start", "end", "text"}], "references",
    "sources", "year_evidence"}``.
    """
    refs = collect_references(article_ids, articles, infer_year=infer_year, start=start, end=end)
    by_date: dict[str, list[Reference]] = defaultdict(list)
    for ref in refs:
        by_date[ref.date].append(ref)
    published: dict[str, int] = defaultdict(int)
    for article_id in article_ids:
        when = articles[article_id].meta.published
        if when is not None:
            published[when.date().isoformat() if isinstance(when, dt.datetime)
                      else when.isoformat()] += 1
    ranked = [(d, s) for d, s in rank_dates(refs, published=published,
                                            published_weight=published_weight)
              if len(by_date[d]) >= min_references]
    if l is not None:
        ranked = ranked[:l]
    topic = None
    if topic_weight and refs:
        vectors = [articles[r.article].values.get("sentence_embeddings") for r in refs]
        if all(v is not None for v in vectors):
            topic = np.mean([v[r.sentence] for v, r in zip(vectors, refs)], axis=0)
            topic = topic / max(float(np.linalg.norm(topic)), 1e-12)
    entries = []
    for date, _ in ranked:
        picked = select_sentences(by_date[date], articles, k, min_words=min_words,
                                  max_words=max_words, redundancy=redundancy, topic=topic,
                                  topic_weight=topic_weight)
        year_evidence = next((r.year_evidence for r in picked if r.year_evidence), None)
        entries.append({
            "date": date,
            "sentences": [{"article": r.article, "start": r.span.start, "end": r.span.end,
                           "text": articles[r.article].span_text(r.span)} for r in picked],
            "references": len(by_date[date]),
            "sources": len({r.article for r in by_date[date]}),
            "year_evidence": year_evidence,
        })
    years = [date_sort_key(e["date"])[0] for e in entries if _FULL.match(e["date"])]
    default_year = max(set(years), key=years.count) if years else 0
    entries.sort(key=lambda e: date_sort_key(e["date"], default_year))
    return entries


def timeline_options(config: Config) -> dict[str, Any]:
    """The ``[timeline]`` section over the defaults; an unknown key is an error, not ignored."""
    section = config.section("timeline")
    unknown = sorted(set(section) - set(DEFAULTS))
    if unknown:
        raise errors.NewsweaveError(errors.BAD_CONFIG, "[timeline]",
                                    f"unknown key(s): {', '.join(unknown)}",
                                    f"use only: {', '.join(DEFAULTS)}")
    return {**DEFAULTS, **section}


@story_stage("timeline@1", requires=("dates", "sentences", "sentence_embeddings"),
             assigns=("timeline",))
def timeline_stage(story: Story, articles: dict[str, Article], config: Config) -> None:
    """Order the story's dated events; every entry cites its sentences in raw offsets.

    >>> from newsweave.config import load_config
    >>> from newsweave.nlp.dates import find_dates
    >>> a = Article.from_text("a", "On March 5, he spoke. On February 26, leaders met in Paris.")
    >>> a.layers["sentences"] = [Span(0, 21), Span(22, 59)]
    >>> a.layers["dates"] = find_dates(a.text, None)
    >>> s = Story("s1", ["a"])
    >>> timeline_stage(s, {"a": a}, load_config())
    >>> [(e["date"], e["text"]) for e in s.timeline]
    [('--02-26', 'On February 26, leaders met in Paris.'), ('--03-05', 'On March 5, he spoke.')]
    """
    options = timeline_options(config)
    entries = build_timeline(
        story.articles, articles, l=options["max_dates"], k=options["sentences_per_date"],
        min_references=options["min_references"], infer_year=options["infer_year"],
        min_words=options["min_sentence_words"], max_words=options["max_sentence_words"],
        redundancy=options["redundancy_threshold"],
    )
    timeline = []
    for entry in entries:
        evidence = []
        for s in entry["sentences"]:
            raw_start, raw_end = articles[s["article"]].to_raw(s["start"], s["end"])
            evidence.append({"article": s["article"], "start": raw_start, "end": raw_end})
        item: dict[str, Any] = {
            "date": entry["date"],
            "text": " ".join(s["text"] for s in entry["sentences"]),
            "evidence": evidence,
            "sources": entry["sources"],
        }
        if entry["year_evidence"]:
            ye = entry["year_evidence"]
            article = articles[ye["article"]]
            raw_start, raw_end = article.to_raw(ye["start"], ye["end"])
            item["year_evidence"] = {"article": ye["article"], "start": raw_start, "end": raw_end,
                                     "text": article.raw[raw_start:raw_end]}
        timeline.append(item)
    story.timeline = timeline
