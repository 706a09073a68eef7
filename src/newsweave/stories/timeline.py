"""What happened when: a story's events placed by the date they happened, in order.

An event is a sentence that names a day ("On February 26, leaders gathered in Paris"); its date
is the date in the sentence as ``dates@1`` resolved it, not the date the article was published:
only days that sentences name enter the timeline (a chosen day may then also show the lead of a
report published on it, see below). A day without a year stays ``--MM-DD`` unless its own
sentence or the article's dateline writes a full date with a year (``_infer_year``); then that
year is used and the passage that gave it is shown as ``year_evidence``. A date written next
to a clock time ("Friday 21 January 2005 08.43 GMT", "January 27, 2011 at 7:59 pm") is the
page's own timestamp (a dateline, a reader comment's posting time), not a day the text
reports on: it names nothing, and the sentence it is glued to is read from after the stamp.

Selection (date-wise, after news-tls DATEWISE, Ghalandari & Ifrim 2020):

- dates are ranked by support: every article that names a day counts once, by how long after
  the day it was published (``retrospect_weight``: 1 on the day, 2 two days later, about 3 a
  week later, 5 a month later), plus one for every article published on the day or the day
  after (the reports of the day). A day still named weeks later is a turning point; a day named
  only by that day's own reports was merely busy, which otherwise lets long stories fill their
  timeline with recent days.
- for each chosen date the candidates are the sentences naming it as the day of their main
  event (``event_day``) and, with publication dates known, the lead sentences (first
  ``lead_sentences``) of the reports published on the day that name no date at all and tell a
  past event (``tells_event``): a report's lead states the day's event without repeating its
  date. A lead is never entered under the day before its publication (a lead may as well tell
  that day's news), and a sentence is shown under one date only. They are ranked by closeness to
  their centroid (the mean sentence embedding, each weighted as its article in the date ranking,
  so the retrospective summaries of an event shape it most) and picked greedily, skipping
  near-repeats.

``build_timeline`` takes the number of dates ``l`` and sentences per date ``k`` explicitly (the
T17 benchmark uses it); the story stage reads them from ``[timeline]`` of the config, keeping only
dates that enough sentences name.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from newsweave.config import Config
from newsweave.model import Article, Evidence, Span, Story, TimelineEvent
from newsweave.nlp.claims import lemma
from newsweave.nlp.dates import clause_tense
from newsweave.registry import story_stage
from newsweave.lexicon import DOCUMENT_NOUNS
from newsweave.stories.reference import sentence_needs
from newsweave.stories.furniture import (article_lead_start, glued_caption_end,
                                         glued_credit_end, in_furniture, first_person,
                                         is_caption, is_commentary, is_furniture)
from newsweave.stories.glued import side_by_side_start
from newsweave.nlp.datelines import trim_dateline
from newsweave.stories.summarize import is_title_text
from newsweave.stories.quote_checks import SAYING
from newsweave.stories.topic import off_topic
from newsweave.stories.timeline_checks import STATES as _STATES
from newsweave.stories.timeline_checks import (SUBORDINATORS, dated_event, log_entries_start,
                                               reads_alone, relative_day, subordinate,
                                               teaser_page)

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")

# A clock time: "18:12", "7:59 pm", "08.43 GMT" (a dotted time only with am/pm or a zone, since
# "11.5" is a number), with its zone if written.
_ZONE = r"(?:GMT|BST|UTC|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|IST)\b"
_AMPM = r"[AaPp]\.?[Mm]\b\.?"
_CLOCK = (rf"\d{{1,2}}(?::\d\d(?::\d\d)?(?:\s*{_AMPM})?|\.\d\d\s*(?:{_AMPM}|{_ZONE}))"
          rf"(?:\s*{_ZONE})?")
_STAMP_AFTER = re.compile(rf"\s*(?:[,|–-]\s*)?{_CLOCK}")
_STAMP_AT = re.compile(rf",?\s*at\s+{_CLOCK}")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_STAMP_BEFORE = re.compile(rf"{_CLOCK},?\s*(?:{_WEEKDAY},?\s*)?$")
# "at" between the date and the clock makes a stamp only outside a sentence: "on April 20 at
# 9:45 p.m." reports an event's hour.
_IN_PROSE = re.compile(r"\b(?:on|by|at|since|until|till|before|after|from|of|between|and|to|"
                       r"through|during|for|in)\s+(?:(?:the\s+)?(?:morning|afternoon|evening|"
                       r"night)\s+of\s+)?$", re.I)
_SEPARATORS = " \t\n,|–-:"
# A day that is one end of a run of days ("June 13 and 14", "13-14 June"): the sentence's event
# spans several days and is shown under none.
_DAY_RANGE_AFTER = re.compile(r"\s*(?:and|or|to|through|-|–)\s*[0-3]?\d(?:st|nd|rd|th)?\b"
                              r"(?!\s*(?:%|[.,]\d|per\b|million|billion|years?\b))")
_DAY_RANGE_BEFORE = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?\s*(?:and|or|to|-|–)\s*$")
# A dateline glued to the lead by the page ("Tuesday, January 18, 2005Through a telethon, ...",
# "Saturday, March 26, 2005 Up to four times ..."): a full date opening a line, its year
# followed straight by the lead's first word. It is the page's date, not an event's.
_LINE_START = re.compile(rf"(?:^|\n)[ \t]*(?:{_WEEKDAY},?\s+)?$")
_DATELINE_TAIL = re.compile(r",?\s*(?:1[89]|20)\d\d\s*(?=[A-Z\"\u201c][a-z]?)")
# A page's posting line: "POSTED: December 08, 2010", "Last updated on 4 June 2010".
_POSTED = re.compile(r"(?:^|\n)[ \t]*(?:posted|updated|published|last (?:updated|modified)|"
                     r"first published)(?:\s+on)?\s*[:\-\u2013]?\s*"
                     rf"(?:{_WEEKDAY},?\s+)?$", re.I)


@dataclass
class Reference:
    """One sentence that names one day (or, with ``named`` false, a lead sentence of a report
    published on the day or the day after that names no date)."""

    article: str
    sentence: int  # index in the article's sentence layer
    span: Span  # the sentence, cleaned-text coordinates (from after a timestamp glued to it)
    date: str  # "YYYY-MM-DD" or "--MM-DD"
    date_span: Span | None
    year_evidence: dict | None = None  # {"article", "start", "end"} (cleaned) when inferred
    lag: int | None = None  # days from the date to the article's publication, when both known
    named: bool = True
    extra: dict = field(default_factory=dict)


def retrospect_weight(lag: int | None) -> float:
    """What one article's reference to a day counts: log2(2 + days from the day to the article's
    publication), so 1 on the day itself (or for a day still ahead, or when unknown), 2 two days
    later, about 3 a week later and 5 a month later.

    >>> [round(retrospect_weight(g), 2) for g in (None, -3, 0, 2, 7, 30)]
    [1.0, 1.0, 1.0, 2.0, 3.17, 5.0]
    """
    return math.log2(2 + max(lag or 0, 0))


def published_day(article: Article) -> dt.date | None:
    when = article.meta.published
    if when is None:
        return None
    return when.date() if isinstance(when, dt.datetime) else when


def timestamps(article: Article) -> dict[int, int]:
    """The article's dates that are timestamps of the page: ``{start of the date: end of the
    stamp}`` (after the clock time and zone when they follow the date).

    A date is a timestamp when a clock time follows it ("April 30, 2010 12:27 PM", "January 27,
    2011 at 7:59 pm", the latter not after a preposition: "on April 20 at 9:45 pm" is an event's
    hour) or precedes it ("07:41 GMT, Wednesday, 9 June 2010"); a date written right beside a
    timestamp is part of it ("Tuesday 4 January 2005 08.43 GMT" is two date expressions).
    """
    text = article.text
    dates = sorted(article.layer("dates"), key=lambda s: s.start)
    stamps: dict[int, int] = {}
    for span in dates:
        m = _STAMP_AFTER.match(text, span.end)
        if not m and not _IN_PROSE.search(text, max(0, span.start - 30), span.start):
            m = _STAMP_AT.match(text, span.end)
        if not m and _LINE_START.search(text[max(0, span.start - 40):span.start]):
            tail = text[span.start:span.end] if span.attrs.get("year_evidence") == "text" \
                else ""
            m = _DATELINE_TAIL.match(text, span.end - (4 if tail[-4:].isdigit() else 0))
        if m:
            stamps[span.start] = m.end()
        elif _STAMP_BEFORE.search(text, max(0, span.start - 40), span.start) or \
                _POSTED.search(text[max(0, span.start - 40):span.start]):
            stamps[span.start] = span.end
    for _ in range(2):  # "Tuesday" + "4 January 2005" + clock, either side
        for a, b in zip(dates, dates[1:]):
            if not text[a.end:b.start].strip(" ,"):
                if b.start in stamps and a.start not in stamps:
                    stamps[a.start] = stamps[b.start]
                elif a.start in stamps and b.start not in stamps:
                    stamps[b.start] = max(stamps[a.start], b.end)
    return stamps


def _trimmed(article: Article, sentence: Span, stamps: dict[int, int]) -> Span:
    """The sentence from after the last timestamp in it (a headline or byline glued to the lead
    by the page layout comes before the stamp), unless nothing would be left."""
    cut = max((end for start, end in stamps.items() if sentence.start <= start < sentence.end
               and end < sentence.end), default=None)
    lead = article_lead_start(article)
    if sentence.start < lead < sentence.end - 1:
        # "Article | MIAMI -- BP advanced ...": the page's head and the dateline before the lead
        cut = max(cut or 0, lead)
    dateline_end, _ = trim_dateline(article.text, sentence.start, sentence.end)
    if dateline_end > sentence.start and (cut is None or cut < dateline_end):
        # "PHILADELPHIA, July 25 (UPI) -- The DNC ...": a wire's dateline opening a paragraph
        # below the page's head, where ``article_lead_start`` does not look
        cut = dateline_end
    bullet = _BULLET.match(article.text, sentence.start, sentence.end)
    if bullet is not None and (cut is None or cut < bullet.end()):
        cut = bullet.end()  # "* Ta Meng deliberately elbowed ...": a list's mark, not words
    label = _SECTION_LABEL.match(article.text, sentence.start, sentence.end)
    if label is not None and (cut is None or cut < label.end()):
        cut = label.end()  # "Origins: On 7 January ...": a fact-check page's heading
    if cut is None:
        return sentence
    text = article.text
    while cut < sentence.end and text[cut] in _SEPARATORS:
        cut += 1
    if not text[cut:sentence.end].strip():
        return sentence
    return Span(cut, sentence.end, sentence.label)


# A page section's heading run into its first sentence ("Origins: On 7 January 2015, ...",
# "Update: ..."): the names of sections, not of speakers.
_SECTION_LABEL = re.compile(r"\s*(?:Origins?|Claim|Example|Update|Updated|Background|Context|"
                            r"Correction|Editor's note|Related|Read more|Watch)\s*:\s+(?=\S)",
                            re.IGNORECASE)
# A list item's mark before its words ("* ", "\u2022 ", "- ").
_BULLET = re.compile(r"\s*(?:[*\u2022\u25aa\u25cf]|-(?=\s))\s+")
# A day given up for another: "instead of Sunday", "rather than on Monday".
_INSTEAD_OF = re.compile(r"\b(?:instead of|rather than)\s+(?:on\s+|at\s+|by\s+)?$", re.I)

# A dateline's day may lie this far from a day without a year for its year to be lent.
DATELINE_DAYS = 62


def _infer_year(article: Article, span: Span, value: str,
                sentence: Span | None = None) -> tuple[str, dict | None]:
    """Give "--MM-DD" (a day without a year, in an article without a publication date) a year
    written nearby: that of a full date in the same sentence ("on Dec. 2 ... by Dec. 11, 2008"),
    else that of a dateline (a full day with its year in the article's first sentence) when the
    day falls within ``DATELINE_DAYS`` of it, in its year or the one before ("December 28" under
    a "January 3, 2009" dateline is 2008). A year written anywhere else in the article belongs
    to another matter as often as not (a birth year, "her 1950s career"): no year is then given.
    """
    m = _NO_YEAR.match(value)
    month, day = int(m.group(1)), int(m.group(2))
    full = [o for o in article.layer("dates") if o.attrs.get("year_evidence") == "text"
            and o.attrs.get("granularity") in ("day", "month")]
    chosen, year = None, None
    if sentence is not None:
        inside = [o for o in full if sentence.start <= o.start < sentence.end]
        if inside:
            chosen = min(inside, key=lambda o: abs(o.start - span.start))
            year = int(chosen.attrs["value"][:4])
    if chosen is None:
        sentences = article.layer("sentences")
        first = sentences[0] if sentences else None
        for other in full:
            if first is None or not first.start <= other.start < first.end:
                continue
            if other.attrs.get("granularity") != "day" or other.start == span.start:
                continue
            anchor = dt.date.fromisoformat(other.attrs["value"])
            for y in (anchor.year, anchor.year - 1, anchor.year + 1):
                try:
                    when = dt.date(y, month, day)
                except ValueError:
                    continue
                if abs((when - anchor).days) <= DATELINE_DAYS:
                    chosen, year = other, y
                    break
            if chosen is not None:
                break
    if chosen is None:
        return value, None
    try:
        dt.date(year, month, day)
    except ValueError:
        return value, None
    evidence = {"article": article.id, "start": chosen.start, "end": chosen.end}
    return f"{year:04d}-{m.group(1)}-{m.group(2)}", evidence


def parse_of(article: Article):
    """The article's spaCy Doc when it parses the article's text, else None. Compared by length
    and last token, since ``Doc.text`` rebuilds the whole text on every call (20 s of a
    300-article timeline)."""
    doc = article.cache.get("doc")
    if doc is None or not len(doc):
        return None
    last = doc[-1]
    return doc if last.idx + len(last.text_with_ws) == len(article.text) else None


def collect_references(article_ids: list[str], articles: dict[str, Article], *,
                       infer_year: bool = True, start: str | None = None,
                       end: str | None = None) -> list[Reference]:
    """Every (sentence, day) pair of the articles: sentences naming a day, one entry per day named;
    timestamps name nothing.

    ``start``/``end`` (ISO dates, inclusive) drop days outside a window; days without a year are
    kept whatever the window.
    """
    refs: list[Reference] = []
    for article_id in article_ids:
        article = articles[article_id]
        sentences = article.layer("sentences")
        starts = [s.start for s in sentences]
        stamps = timestamps(article)
        published = published_day(article)
        doc = parse_of(article)
        teasers = teaser_page(article.text)
        log_start = log_entries_start(article.text)
        days_in = _days_per_sentence(article, starts, stamps)
        stale = stamped_later(article, stamps, published)
        head_end = article_lead_start(article)
        told: dict[int, set] = {}  # per sentence, the days its main line of events names
        for span in article.layer("dates"):
            attrs = span.attrs
            if attrs.get("granularity") != "day" or span.start in stamps:
                continue
            i = bisect.bisect_right(starts, span.start) - 1
            if i < 0 or sentences[i].end < span.end:
                continue
            if span.start < head_end < sentences[i].end:
                # "June 23: Crews clean up oil at Pensacola Beach. AP JUNEAU, Alaska -- BP is
                # suspending construction ...": a caption's day in the page's head dates no
                # sentence of the report it runs into
                continue
            value = attrs.get("value") or ""
            if log_start is not None and span.start >= log_start and \
                    relative_day(article.text[span.start:span.end]):
                continue  # a log entry's weekday: the entry's own day, which the page lost
            if _INSTEAD_OF.search(article.text, max(0, span.start - 20), span.start):
                continue  # "next week, instead of Sunday as hoped": the day given up
            if stale and attrs.get("year_evidence") != "text":
                continue  # reckoned from a publication date the page's own stamp contradicts
            evidence = None
            if attrs.get("year_evidence") == "context" and attrs.get("year_from"):
                # the year (or weekday) read from the passage's frame: show the written date
                start_, end_ = attrs["year_from"]
                evidence = {"article": article_id, "start": start_, "end": end_}
            if _NO_YEAR.match(value) and infer_year:
                value, evidence = _infer_year(article, span, value, sentences[i])
            if _FULL.match(value) and ((start and value < start) or (end and value > end)):
                continue
            if not (_FULL.match(value) or _NO_YEAR.match(value)):
                continue
            if doc is not None and not event_day(doc, sentences[i], span, days_in.get(i, 1)):
                continue
            lag = None
            if published is not None and _FULL.match(value):
                lag = (published - dt.date.fromisoformat(value)).days
            shown = _trimmed(article, sentences[i], stamps)
            ref = Reference(article_id, i, shown, value, span, evidence, lag)
            # counted for its day's rank either way; shown only when it reads as an event
            reason = "teaser-page" if teasers else (
                (dated_event(doc, span.start, span.end,
                             sentence=(sentences[i].start, sentences[i].end),
                             ahead=lag is not None and lag < 0)
                 if doc is not None and not chronology_line(doc, sentences[i], span) else None)
                or reads_alone(doc, shown.start, shown.end, article.span_text(shown)))
            if reason == "needs-previous":
                # "On March 5, he urged allies": shown only right after the entry that tells
                # the sentence before it, where the reader has just met the "he"
                ref.extra["needs_previous"] = True
            elif reason:
                ref.extra["not_shown"] = reason
            if _DAY_RANGE_AFTER.match(article.text, span.end) or _DAY_RANGE_BEFORE.search(
                    article.text, max(0, span.start - 12), span.start):
                ref.extra["several_days"] = True  # "on both June 13 and 14": not one day's
            if doc is not None and days_in.get(i, 1) > 1:
                if i not in told:
                    told[i] = main_line_days(doc, sentences[i], [
                        d for d in article.layer("dates") if d.start not in stamps
                        and d.attrs.get("granularity") == "day"
                        and sentences[i].start <= d.start < sentences[i].end])
                if len(told[i]) > 1:
                    # "closed on Friday ..., but fell ... on Tuesday": two days' events
                    ref.extra["several_days"] = True
            refs.append(ref)
    if infer_year:
        lend_years(refs)
        if any(_NO_YEAR.match(ref.date) for ref in refs):  # (the parse is read only then)
            lend_nearby_years(refs, written_days(article_ids, articles))
    # One sentence names one day once; a sentence left naming several days (its main event on
    # "Monday and Tuesday", or a parse that could not tell) still counts for each day's rank but
    # is shown under none: a sentence is shown under one date only.
    seen = set()
    unique = []
    days: dict[tuple[str, int], set] = defaultdict(set)
    for ref in refs:
        key = (ref.article, ref.sentence, ref.date)
        days[key[:2]].add(ref.date)
        if key not in seen:
            seen.add(key)
            unique.append(ref)
    for ref in unique:
        if len(days[(ref.article, ref.sentence)]) > 1:
            ref.extra["several_days"] = True
    return unique


def lend_years(refs: list[Reference]) -> None:
    """Give a day without a year ("--12-02") the year another report of the story writes for
    the same day, when the story's reports date that day in one year only ("December 2" and
    "Dec. 2, 2008" in two reports of one story are one day). The year's evidence is the other
    report's: where it wrote the year, else its date.

    >>> a = Reference("a", 0, Span(0, 9), "2008-12-02", Span(0, 9), {"article": "a",
    ...               "start": 3, "end": 9})
    >>> b = Reference("b", 0, Span(0, 9), "--12-02", Span(0, 9))
    >>> c = Reference("c", 0, Span(0, 9), "--12-03", Span(0, 9))
    >>> lend_years([a, b, c]); b.date, b.year_evidence["article"], c.date
    ('2008-12-02', 'a', '--12-03')
    >>> b.date = "--12-02"; lend_years([a, b, Reference("d", 0, Span(0, 9), "2009-12-02", None)])
    >>> b.date
    '--12-02'
    """
    years: dict[str, dict[str, Reference]] = defaultdict(dict)
    for ref in refs:
        m = _FULL.match(ref.date)
        if m:
            years[f"--{m.group(2)}-{m.group(3)}"].setdefault(m.group(1), ref)
    for ref in refs:
        lenders = years.get(ref.date) if _NO_YEAR.match(ref.date) else None
        if not lenders or len(lenders) != 1:
            continue
        (year, lender), = lenders.items()
        where = lender.year_evidence or (
            {"article": lender.article, "start": lender.date_span.start,
             "end": lender.date_span.end} if lender.date_span is not None else None)
        if where is None:
            continue
        ref.date, ref.year_evidence = f"{year}{ref.date[1:]}", dict(where)


# A page stamped this many days after its publication date is not of that day.
STALE_STAMP_DAYS = 2


def stamped_later(article: Article, stamps: dict[int, int], published: dt.date | None) -> bool:
    """Whether the page's first timestamp written with its year ("updated : Sun Jul 29 2012
    08:01") is more than ``STALE_STAMP_DAYS`` after the publication date it came with: a topic
    page or live blog re-dated by its feed, whose "on Tuesday" belongs to some other week. A
    stamp in the page's last tenth is a sidebar's (a feed of tweets crawled with the page) and
    says nothing of the page."""
    if published is None or not stamps:
        return False
    edge = 0.9 * len(article.text)
    for span in sorted(article.layer("dates"), key=lambda s: s.start):
        value = span.attrs.get("value") or ""
        if span.start >= edge:
            break
        if span.start in stamps and span.attrs.get("year_evidence") == "text" and _FULL.match(value):
            return (dt.date.fromisoformat(value) - published).days > STALE_STAMP_DAYS
    return False


# A page stamped before this hour of its publication day went to press overnight: its undated
# news is the day before's ("Monday 22 August 2005 00.03 BST ... officials are concerned").
SMALL_HOURS = 6
_CLOCK_TIME = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*([ap])?\.?m?\.?", re.IGNORECASE)


def stamped_small_hours(article: Article, stamps: dict[int, int],
                        published: dt.date | None) -> bool:
    """Whether the page's first timestamp is of its publication day before ``SMALL_HOURS``
    (a morning paper's page, posted just after midnight): what it tells without a date
    happened the day before, or earlier."""
    if published is None or not stamps:
        return False
    for span in sorted(article.layer("dates"), key=lambda s: s.start):
        if span.start not in stamps:
            continue
        value = span.attrs.get("value") or ""
        if not _FULL.match(value) or dt.date.fromisoformat(value) != published:
            return False
        clock = _CLOCK_TIME.search(article.text, span.start, stamps[span.start])
        if clock is None:
            return False
        hour = int(clock.group(1)) % 12 if clock.group(3) else int(clock.group(1))
        if (clock.group(3) or "").lower() == "p":
            hour += 12
        return hour < SMALL_HOURS
    return False


# A day without a year takes the year of a day the story writes in full within this many days.
NEARBY_DAYS = 31


def written_days(article_ids: list[str],
                 articles: dict[str, Article]) -> list[tuple[dt.date | None, dict]]:
    """Every day the articles write with its year ("Friday, June 7, 2013"), with where, and a
    marker ``(None, {"year": Y})`` per year the articles write at all (a month or a bare year
    included), for the story's latest year; not a day a plan is set for (the parse tells), whose
    year is the plan's, not the story's ("the sequel opens November 20, 2009" beside "the first
    film opened on November 21st")."""
    out: list = []
    for article_id in article_ids:
        doc = parse_of(articles[article_id])
        for span in articles[article_id].layer("dates"):
            value = span.attrs.get("value") or ""
            if span.attrs.get("year_evidence") != "text" or not re.match(r"\d{4}", value):
                continue
            if doc is not None and clause_tense(doc, span.start, span.end) != "other":
                continue  # "New Moon is scheduled to open November 20, 2009": a plan's year
            if span.attrs.get("granularity") == "day" and _FULL.match(value):
                out.append((dt.date.fromisoformat(value),
                            {"article": article_id, "start": span.start, "end": span.end}))
            else:
                out.append((None, {"year": int(value[:4])}))
    return out


def lend_nearby_years(refs: list[Reference],
                      written: list[tuple[dt.date | None, dict]]) -> None:
    """Give a day still without a year the year of the days the story writes in full within
    ``NEARBY_DAYS`` of it, when those days agree on one year: undated reports of one event
    ("died on 6th June" beside "Friday, June 7, 2013") are about the same weeks. Only days of
    the latest year the story writes (or the year before it) lend: a birthday ("born January
    3, 1925") near the day of an obituary's death is another time. The year's evidence is the
    nearest such day.

    >>> b = Reference("b", 0, Span(0, 9), "--06-06", Span(0, 9))
    >>> w = [(dt.date(2013, 6, 7), {"article": "a", "start": 0, "end": 20}),
    ...      (dt.date(1921, 8, 8), {"article": "a", "start": 40, "end": 54})]
    >>> lend_nearby_years([b], w); b.date, b.year_evidence["start"]
    ('2013-06-06', 0)
    >>> c = Reference("c", 0, Span(0, 9), "--06-06", Span(0, 9))
    >>> lend_nearby_years([c], w + [(dt.date(2012, 6, 20), {"article": "d", "start": 0, "end": 9})])
    >>> c.date
    '--06-06'
    >>> d = Reference("d", 0, Span(0, 9), "--12-28", Span(0, 9))
    >>> lend_nearby_years([d], [(dt.date(1925, 1, 3), {}), (dt.date(2008, 6, 1), {})]); d.date
    '--12-28'
    """
    if not written:
        return
    latest = max(when.year if when is not None else where["year"] for when, where in written)
    written = [(when, where) for when, where in written
               if when is not None and when.year >= latest - 1]
    for ref in refs:
        m = _NO_YEAR.match(ref.date)
        if not m:
            continue
        month, day = int(m.group(1)), int(m.group(2))
        near: dict[int, tuple[int, dict]] = {}
        for when, where in written:
            for year in (when.year - 1, when.year, when.year + 1):
                try:
                    gap = abs((dt.date(year, month, day) - when).days)
                except ValueError:  # 29 February
                    continue
                if gap <= NEARBY_DAYS and gap < near.get(year, (NEARBY_DAYS + 1, None))[0]:
                    near[year] = (gap, where)
        if len(near) == 1:
            (year, (_, where)), = near.items()
            ref.date, ref.year_evidence = f"{year:04d}{ref.date[1:]}", dict(where)


def report_leads(article_ids: list[str], articles: dict[str, Article], *, days: int = 2,
                 lead: int = 5) -> dict[str, list[Reference]]:
    """Per day, the lead sentences (the first ``lead``) of the articles published on it or up to
    ``days - 1`` days after that name no date at all, as unnamed references of that day (``lag``:
    days from the day to publication). They count the day's reports in the ranking; only those
    published on the day that tell an event (``lead_candidates``) may stand for it."""
    out: dict[str, list[Reference]] = defaultdict(list)
    if days <= 0 or lead <= 0:
        return out
    for article_id in article_ids:
        article = articles[article_id]
        published = published_day(article)
        if published is None:
            continue
        sentences = article.layer("sentences")[:lead]
        if not sentences:
            continue
        stamps = timestamps(article)
        if stamped_later(article, stamps, published):
            continue  # the page is not of the day its metadata gives
        overnight = stamped_small_hours(article, stamps, published)
        starts = [s.start for s in sentences]
        dated = set()
        for span in article.layer("dates"):
            i = bisect.bisect_right(starts, span.start) - 1
            if i >= 0 and span.start < sentences[i].end and span.start not in stamps:
                dated.add(i)
        doc = parse_of(article)
        teasers = teaser_page(article.text)
        # a column (its lead told by the writer's "I": "At a recent dinner, I heard ...")
        # tells the writer's musings, not the day's news: none of its leads stands for the day
        column = is_commentary(article.text) or (doc is not None and any(
            _writer_tells(doc, _trimmed(article, s, stamps)) for s in sentences))
        head_end = article_lead_start(article)
        for i, sentence in enumerate(sentences):
            if i in dated or sentence.end <= head_end:
                continue  # (a caption or a standfirst of the page's head is no lead)
            span = _trimmed(article, sentence, stamps)
            # after a lead sentence that names a time, the next ones go on in it ("a mission
            # ... in late April. His panel found evidence ... Aircraft, tanks were used"): they
            # tell that time's events, not the day of publication's
            framed = any(j in dated and sentences[j].end > head_end for j in range(i))
            # a lead that tells what a report found ("A lack of preparedness hindered the
            # response, according to two draft reports"), and the ones after it, which go on
            # with its findings ("Two companies spent only modest amounts"), tell of no day
            framed = framed or (doc is not None and any(
                sentences[j].end > head_end and
                _tells_findings(doc, _trimmed(article, sentences[j], stamps))
                for j in range(i + 1)))
            # after the lead, a bare definite subject ("The commission was appointed by the
            # president") is the background of something the lead named, not more news
            background = doc is not None and any(sentences[j].end > head_end for j in range(i)) \
                and (sentence_needs(doc, span.start, span.end).name or "").islower()
            event = (doc is not None and not teasers and not column and not overnight
                     and not framed and not background
                     and not _ERA.search(_QUOTED_WORDS.sub(" ", article.span_text(span)))
                     and tells_event(doc, span)
                     and reads_alone(doc, span.start, span.end, article.span_text(span),
                                     lead=True) is None)
            for lag in range(days):
                try:
                    day = (published - dt.timedelta(days=lag)).isoformat()
                except OverflowError:
                    break  # before 1 January of year 1: no day of a timeline
                out[day].append(Reference(article_id, i, span, day, None, lag=lag, named=False,
                                          extra={"event": event}))
    return out


# A time longer than a day that a lead sentence is set in ("were brutally suppressed under
# Gaddafi", "During the last phase of the Troubles, the IRA targeted ...", "At the end of the
# Iraq war, vast sums were made available"): its events are of that era, not of the day the
# report was published (issue 12: two of three such leads in a held-out audit were history).
_ERA = re.compile(
    r"\b(?:[Uu]nder (?:the )?(?:rule of |regime of |late )?[A-Z][\w'-]+|(?i:for (?:decades|years|"
    r"centuries|generations)\b|during the (?:last|past|early|late|final|first) |at the (?:end|"
    r"start|beginning|height) of the (?:[\w-]+ ){0,2}(?:war|conflict|occupation|uprising|"
    r"revolution|invasion|century)\b|since the (?:[\w-]+ ){0,2}(?:war|revolution|invasion|"
    r"uprising|occupation)\b))")
_QUOTED_WORDS = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")


def _tells_findings(doc, sentence: Span) -> bool:
    """Whether the sentence attributes its words to a document: "according to" one, or one
    as the subject of a saying verb ("One of the reports ... said that ...")."""
    sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    for tok in sent if sent is not None else ():
        if tok.lower_ not in _FINDING_NOUNS:
            continue
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and \
                doc[head.i - 1].lower_ == "according":
            return True
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "nsubj":
            tok, head = head.head, head.head.head  # "One of the reports ... said"
        if tok.dep_ in ("nsubj", "nsubjpass") and lemma(head) in SAYING:
            return True
    return False


# Documents whose findings a report passes on: what they found is of no one day.
_FINDING_NOUNS = {"report", "reports", "study", "studies", "survey", "surveys", "research",
                  "analysis", "review", "audit", "investigation", "inquiry", "findings", "paper"}


def lead_candidates(leads: list[Reference]) -> list[Reference]:
    """The report leads that may stand for their day: published on it (a lead sentence without
    a date of its own tells that day's news or an older one, never the day before's for sure),
    telling an event (``tells_event``, which needs the parse: without it none)."""
    return [r for r in leads if r.lag == 0 and r.extra.get("event")]


def _past_event(verb) -> bool:
    """A verb in the simple past, active or passive ("fired", "were killed"); not the present
    perfect ("has been identified", "have raised": done by the time of writing, which says
    nothing of the day: three of four such leads in the second audit told an earlier day's
    news), pluperfect, future, modal or present."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return False
    if verb.pos_ != "VERB" or lemma(verb) in _STATES:
        return False
    if verb.tag_ == "VBD":
        return not auxes or all(a.lemma_ == "do" for a in auxes)  # "did not" is a non-event
    if verb.tag_ != "VBN" or any(a.lemma_ == "have" for a in auxes):
        return False
    return any(a.dep_ == "auxpass" and a.tag_ == "VBD" for a in auxes)  # "was killed"


def _writer_tells(doc, sentence: Span) -> bool:
    """Whether the sentence's main verb has the writer's "I" as its subject."""
    sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    return sent is not None and len(sent) > 0 and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "i" for c in sent.root.children)


def tells_event(doc, sentence: Span) -> bool:
    """Whether an undated sentence tells an event that a report of the day can date to its
    publication: a statement (no question) whose main verb is in the simple past and is no
    state ("Rescuers pulled a girl from the rubble"); a saying verb's report counts when what
    is said is such an event too ("Officials said 20 people were killed"). Headlines in the
    present ("Cancellara wins prologue"), futures, states and plans are not entered."""
    sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if sent is None or not len(sent) or sent.text.rstrip(" \"'”’").endswith("?"):
        return False
    root = sent.root
    first = next((c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.i < root.i
                  and any(t.text == ":" for t in doc[c.i:root.i])), None)
    if first is not None and lemma(first) not in SAYING:
        # "X is eerily similar to Y: in both cases, the preventer failed": the parser made
        # the elaboration after the colon the root; the sentence tells what its first clause does
        root = first
    if any(t.lower_ in ("not", "n't", "never") and t.head.i == root.i for t in sent):
        return False
    if _writer_tells(doc, sentence):
        return False  # "At a recent dinner, I heard ...": the writer's anecdote, not the news
    if lemma(root) in SAYING:
        said = [c for c in root.children if c.dep_ == "ccomp"]
        if not said or root.tag_ != "VBD":
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass") and lemma(c) in DOCUMENT_NOUNS
               for c in root.children):
            # "The administration blocked the scientists, a draft report said": a document's
            # finding of something done at some earlier time, not the day's event
            return False
        root = said[0]
        if any(c.dep_ == "neg" or c.lower_ in ("not", "n't", "never") for c in root.children):
            return False  # "said the leak was not fixed at the time": a non-event
    return _past_event(root) and not _anchored_elsewhere(root)


_OTHER_TIME_PREPS = {"before", "since", "until", "till"}
_OTHER_TIME_ADVERBS = {"ago", "previously", "formerly", "once", "recently", "lately"}
# "over the weekend", "in recent weeks", "during the past month": a span of days that the report
# does not name, so not (only) its publication day
_OTHER_TIME_SPANS = {"weekend", "week", "weeks", "month", "months", "year", "years", "days"}


def _anchored_elsewhere(verb) -> bool:
    """Whether the verb's own words place it at another time than the report's day ("problems
    began before Mubarak", "was hijacked two months ago", "had once ruled", "was found over
    the weekend")."""
    if any(t.lower_ == "ago" for t in verb.subtree):
        # "began more than a month ago, when a rig ... exploded" (the parse may hang the "ago"
        # on a verb below the one read): a time counted back from the telling
        return True
    return any((c.dep_ == "prep" and c.lower_ in _OTHER_TIME_PREPS)
               or (c.dep_ in ("advmod", "npadvmod") and c.lower_ in _OTHER_TIME_ADVERBS)
               or any(g.lower_ == "ago" for g in c.children if c.dep_ == "npadvmod")
               or (c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lower_ in _OTHER_TIME_SPANS
                                            for g in c.children))
               or (c.dep_ in ("prep", "npadvmod") and _day_of_another_event(c))
               for c in verb.children)


# "On the same day", "the next day", "that day": a day told by reference to another event.
_RELATIVE_DAY = {"same", "next", "following", "previous", "preceding", "that"}


def _day_of_another_event(node) -> bool:
    day = node if node.lower_ in ("day", "morning", "evening", "night") else next(
        (g for g in node.children if g.dep_ == "pobj"), None)
    return day is not None and day.lower_ in ("day", "morning", "evening", "night") and any(
        g.lower_ in _RELATIVE_DAY for g in day.children if g.dep_ in ("amod", "det"))


def date_sort_key(value: str, default_year: int = 0) -> tuple[int, int, int]:
    m = _FULL.match(value)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = _NO_YEAR.match(value)
    return default_year, int(m.group(1)), int(m.group(2))


def rank_dates(refs: list[Reference], *, published: dict[str, int] | None = None,
               published_weight: float = 1.0) -> list[tuple[str, float]]:
    """The days the references name, by support: every article naming a day counts once, with
    the ``retrospect_weight`` of its latest-published reference to it, plus ``published_weight``
    for every report of the day (``published``: articles published on the day or the day after);
    the number of naming sentences breaks ties.

    Counting articles rather than sentences keeps one long report that repeats a date from
    outranking a day that many reports name (Timeline17 dev: AR-1 0.102 -> 0.108); weighting
    them by how long after the day they were published favours the turning points that later
    reports refer back to over the busy days of the news cycle (with the report counts and
    the timestamps skipped, date F1 0.609 -> 0.641)."""
    sentences: dict[str, int] = defaultdict(int)
    weights: dict[str, dict[str, float]] = defaultdict(dict)
    for ref in refs:
        if not ref.named:
            continue
        sentences[ref.date] += 1
        w = retrospect_weight(ref.lag)
        if w > weights[ref.date].get(ref.article, 0.0):
            weights[ref.date][ref.article] = w
    published = published or {}
    scored = [(d, sum(weights[d].values()) + 0.01 * sentences[d]
               + published_weight * published.get(d, 0)) for d in sentences]
    scored.sort(key=lambda t: (-t[1], t[0]))
    return scored


def _days_per_sentence(article: Article, starts: list[int], stamps: dict[int, int]) -> dict:
    """How many distinct days each sentence names (timestamps left out)."""
    days: dict[int, set] = defaultdict(set)
    for span in article.layer("dates"):
        if span.attrs.get("granularity") == "day" and span.start not in stamps:
            i = bisect.bisect_right(starts, span.start) - 1
            if i >= 0:
                days[i].add(span.attrs.get("value"))
    return {i: len(v) for i, v in days.items()}


# Prepositions that put a day before or around the event, not on it.
_NOT_ON = {"since", "until", "till", "before", "after", "by", "from", "through", "between"}
# Dependencies that open another clause: a day inside one dates that clause's event.
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis", "appos"}
# What follows a day heading a line of a chronology ("Feb. 24 - Militias take Misrata").
_HEADING = {"-", "–", "—", ":"}
# Nouns a day may hang from and still date the event: "on the morning of April 20".
_TIME_NOUNS = {"morning", "afternoon", "evening", "night", "day", "hours", "weekend", "dawn"}


def _main_verbs(root) -> set[int]:
    """Token positions of a sentence's main event: the root, what a saying root reports (its
    ccomp: "Police said the suspect was fired on Dec. 11"), the infinitives they take ("plans to
    tell Congress on Thursday") and the verbs coordinated with them."""
    main = {root.i}
    todo = [root]
    if lemma(root) in SAYING:
        # (not a clause that a subordinator opens, which a parse may also hang as ccomp: in
        # "before the rig exploded on April 20, 70 percent said ..." the day dates the rig)
        todo += [c for c in root.children if c.dep_ == "ccomp" and not subordinate(c)]
        main |= {c.i for c in todo}
    doc = root.doc
    while todo:
        node = todo.pop()
        for child in node.children:
            if child.dep_ in ("conj", "xcomp") and child.pos_ in ("VERB", "AUX") \
                    and child.i not in main and not (child.dep_ == "conj" and any(
                        t.dep_ == "mark" and t.lower_ in SUBORDINATORS
                        for t in doc[min(node.i, child.i) + 1:max(node.i, child.i)])):
                # (a verb after "since ..." that a parse joins to the main one is the
                # subordinate clause's: "the break is the first since the rig ... exploded
                # April 20")
                main.add(child.i)
                todo.append(child)
    return main



def main_line_days(doc, sentence: Span, dates: list[Span]) -> set[str]:
    """The days (values) among ``dates`` that date an event of the sentence's line of verbs:
    the day reaches the sentence's root through verbs and prepositions only, not through a
    noun ("its biggest gain since March 3"), a relative clause or an apposition. A day that a
    saying root takes directly is the day of the telling, not of an event, and is left out.
    Two such days mean the sentence tells two days' events ("saw its shares plunge on
    Tuesday, but recovered on Wednesday"), which no single day can show."""
    sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if sent is None or not len(sent):
        return set()
    root = sent.root
    out = set()
    for date in dates:
        tok = doc.char_span(date.start, date.end, alignment_mode="expand")
        if tok is None or not len(tok):
            continue
        node = tok.root
        if node.head.i == root.i or (node.dep_ == "pobj" and node.head.head.i == root.i):
            if lemma(root) in SAYING:
                continue  # "..., the firm said on Nov. 27": the telling
        ok = True
        while node.i != root.i:
            if node.head.i == node.i or node.dep_ in ("relcl", "acl", "appos"):
                ok = False
                break
            outside = not tok.start <= node.i < tok.end
            if outside and node.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ") \
                    and node.lower_ not in _TIME_NOUNS:
                ok = False
                break
            node = node.head
        if ok:
            out.add(date.attrs.get("value"))
    return out


def chronology_line(doc, sentence: Span, date: Span) -> bool:
    """Whether the day heads the sentence as a line of a chronology ("April 30 - A NATO strike
    kills ...", "Feb. 24: Militias take Misrata"), told in the present by convention."""
    sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    tok = doc.char_span(date.start, date.end, alignment_mode="expand")
    if sent is None or tok is None or not len(sent):
        return False
    return tok.start == sent.start and tok.end < sent.end and doc[tok.end].text in _HEADING


def event_day(doc, sentence: Span, date: Span, days_named: int) -> bool:
    """Whether the sentence tells an event on the day it names (checks a reader can follow):
    the sentence has a verb that is not a form of "be" (no entry for "Its next update is due
    Jan. 13"), and the day dates its main event: it hangs from the main verb (directly, as
    "Monday" in "BP said Monday", or through a preposition: "sank on November 19"), not from a
    noun ("since the April 20 explosion", "the Sept. 11, 2001 attacks", "its deployment on
    November 2"), from another clause ("people who returned from Mexico two days ago") or after
    "since", "until", "before" or "after"; or it heads the sentence as a line of a chronology
    ("April 30 - A NATO strike kills ..."). When it names several days, a saying main verb dates
    the telling, not the event ("..., the firm said on Nov. 27"). Without a parse every
    sentence passes."""
    sent = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    tok = doc.char_span(date.start, date.end, alignment_mode="expand")
    if sent is None or tok is None or not len(sent):
        return True
    if not any(t.pos_ == "VERB" for t in sent):
        return False
    # spaCy makes a new Token object on every access: compare positions, not identity
    root = sent.root
    if chronology_line(doc, sentence, date):
        return True  # a chronology's line: "April 30 - A missile attack kills ..."
    if root.pos_ not in ("VERB", "AUX"):
        return False  # a heading: "A summary of events on Sunday, June 13, Day 54 of ..."
    subjects = [c.i for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1 and any(t.lower_ in SUBORDINATORS for t in doc[min(subjects):tok.start]):
        # "A team of scientists, trying to find out how much oil has flowed since the rig
        # exploded on 20 April, found ...": a parse that gives its root two subjects has run
        # two clauses together, and a day after a subordinator between them may be the
        # subordinate clause's
        return False
    if days_named > 1 and lemma(root) in SAYING and _attached_to(tok.root, {root.i},
                                                                 inside=(tok.start, tok.end)):
        return False  # "..., the firm said on Nov. 27": the day of the telling, not the event
    return _attached_to(tok.root, _main_verbs(root), inside=(tok.start, tok.end),
                        sentence=(sent.start, sent.end))


def _attached_to(node, main: set[int], inside: tuple[int, int] = (0, 0),
                 sentence: tuple[int, int] | None = None) -> bool:
    """Whether a date's head token reaches one of the ``main`` verbs through prepositions (not
    of the ``_NOT_ON`` kind), adverbs ("two days ago") and time nouns only. A parse that hangs
    the date outside the sentence is trusted only for a date opening it ("On February 26,
    leaders gathered": a fronted time adverbial dates the main clause)."""
    while node.i not in main:
        if sentence and not sentence[0] <= node.head.i < sentence[1]:
            return node.i == sentence[0] and node.lower_ not in _NOT_ON
        if node.head.i == node.i:
            return False  # another root: a fragment glued to the sentence
        if node.dep_ in _CLAUSE_DEPS or (node.dep_ == "prep" and node.lower_ in _NOT_ON):
            return False
        outside = not inside[0] <= node.i < inside[1]
        if outside and node.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "VERB", "AUX") \
                and node.lower_ not in _TIME_NOUNS:
            return False  # a noun's day ("the April 20 explosion") or another verb's
        node = node.head
    return True


# A live blog's entry time opening a sentence: "10.12 pm: Welch, a Democrat, says ...".
_ENTRY_TIME = re.compile(rf"^\s*{_CLOCK}\s*[:|–-]\s*(?=\S)")


def _without_credit(ref: Reference, articles: dict[str, Article]) -> Reference:
    """The sentence without a photographer's credit or a live blog's entry time before it."""
    article = articles[ref.article]
    text = article.span_text(ref.span)
    stamp = _ENTRY_TIME.match(text)
    cut = stamp.end() if stamp else glued_credit_end(text)
    if not cut:
        # a heading or caption run into the sentence with no full stop ("Nations facing unrest
        # The streets erupted in protest Friday."): the entry starts where the report resumes,
        # unless the date is in the part cut off
        doc = parse_of(article)
        resumes = glued_caption_end(doc, ref.span.start, ref.span.end)
        resumes = side_by_side_start(doc, resumes, ref.span.end)
        if resumes > ref.span.start and (ref.date_span is None
                                         or ref.date_span.start >= resumes):
            cut = resumes - ref.span.start
    if not cut:
        return ref
    return replace(ref, span=Span(ref.span.start + cut, ref.span.end))


def select_sentences(refs: list[Reference], articles: dict[str, Article], k: int, *,
                     min_words: int = 8, max_words: int = 40,
                     redundancy: float = 0.8) -> list[Reference]:
    """The k most central of one date's candidate sentences, near-repeats skipped: cosine to the
    centroid of their embeddings, each weighted by its ``retrospect_weight``."""
    texts: dict[str, Reference] = {}
    for ref in refs:
        text = articles[ref.article].span_text(ref.span)
        texts.setdefault(" ".join(text.split()).lower(), ref)
    # page furniture (a caption, a print-edition note) is never an event, whatever its date; a
    # credit glued in front of a sentence is cut off it
    # (nor is a writer's or an anchor's own voice: "Tomorrow, we will wake up to a new Egypt",
    # "Nic, we've heard so many reports of violence")
    cands = [c for c in (_without_credit(r, articles) for r in texts.values())
             if not is_furniture(articles[c.article].span_text(c.span))
             and not is_caption(articles[c.article].span_text(c.span))
             and not first_person(articles[c.article].span_text(c.span))
             and not in_furniture(articles[c.article], c.span.start, c.span.end)
             # (the page's title tells the news in headline words: its lead tells it whole)
             and not is_title_text(articles[c.article], c.span)]
    usable = [r for r in cands
              if min_words <= len(articles[r.article].span_text(r.span).split()) <= max_words]
    # a sentence that names the day may stand outside the length bounds when none is inside
    # them; an undated lead may not: an overlong one is mostly a headline glued to the text
    cands = usable or [r for r in cands if r.named]
    if not cands:
        return []
    vectors = []
    for ref in cands:
        emb = articles[ref.article].values.get("sentence_embeddings")
        vectors.append(None if emb is None else np.asarray(emb[ref.sentence], dtype=np.float32))
    if any(v is None for v in vectors):
        return [r for r in cands if r.named][:k]  # no embeddings: first mentions in story order
    matrix = np.stack(vectors)
    weights = np.array([retrospect_weight(r.lag) for r in cands], dtype=np.float32)
    centroid = (matrix * weights[:, None]).sum(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    score = matrix @ centroid
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
                   redundancy: float = 0.8, published_weight: float = 1.0,
                   report_days: int = 2, lead_sentences: int = 5) -> list[dict]:
    """Pick up to ``l`` dates (all with ``min_references`` or more naming sentences when ``l`` is
    None) and ``k`` sentences for each; entries in date order, in cleaned-text coordinates.

    ``report_days`` (0: none) says which reports count for a day (those published on it or up
    to ``report_days - 1`` days after) and ``lead_sentences`` which of their sentences may stand
    for it: the first ``lead_sentences`` of the reports published on the day itself, when they
    name no date and tell a past event (``lead_candidates``).

    Each entry: ``{"date", "sentences": [{"article", "start", "end", "text", "named"}],
    "references", "sources", "year_evidence", "planned"}``; ``named`` is false for a report's
    lead sentence; ``planned`` when every shown sentence comes from a report published before
    the day (a plan or a schedule as of that report, not an event).
    """
    refs = collect_references(article_ids, articles, infer_year=infer_year, start=start, end=end)
    by_date: dict[str, list[Reference]] = defaultdict(list)
    for ref in refs:
        by_date[ref.date].append(ref)
    leads = report_leads(article_ids, articles, days=report_days, lead=lead_sentences)
    reports = {d: len({r.article for r in rs}) for d, rs in leads.items()}
    ranked = [(d, s) for d, s in rank_dates(refs, published=reports,
                                            published_weight=published_weight)
              if len(by_date[d]) >= min_references]
    off_topic = _off_topic(article_ids, articles)
    entries = []
    for date, _ in ranked:
        if l is not None and len(entries) >= l:
            break
        candidates = [r for r in by_date[date]
                      if not r.extra.get("several_days") and not r.extra.get("not_shown")]
        candidates = candidates + lead_candidates(leads.get(date, []))
        # a page that gathers several stories (a network's roundup) lends none of the others'
        # days to this story's timeline
        candidates = [r for r in candidates if not off_topic(r)]
        # a sentence that needs the one before it stands for its day only when none other can
        candidates = [r for r in candidates if not r.extra.get("needs_previous")] or candidates
        picked = select_sentences(candidates, articles, k,
                                  min_words=min_words, max_words=max_words,
                                  redundancy=redundancy)
        if not picked:
            continue  # its sentences are all shown under another day: the next date instead
        year_evidence = next((r.year_evidence for r in picked if r.year_evidence), None)
        entries.append({
            "date": date,
            "sentences": [{"article": r.article, "start": r.span.start, "end": r.span.end,
                           "text": articles[r.article].span_text(r.span), "named": r.named,
                           "sentence": r.sentence,
                           "needs_previous": bool(r.extra.get("needs_previous"))}
                          for r in picked],
            "references": len(by_date[date]),
            "sources": len({r.article for r in by_date[date]}),
            "year_evidence": year_evidence,
            # the day lies after every report that names it, or every sentence tells it in
            # the future ("Today ... the former president will be tried"): told as ahead
            "planned": all(_told_ahead(r, articles) for r in picked),
        })
    years = [date_sort_key(e["date"])[0] for e in entries if _FULL.match(e["date"])]
    default_year = max(set(years), key=years.count) if years else 0
    entries.sort(key=lambda e: date_sort_key(e["date"], default_year))
    return _with_antecedents(entries)


def _off_topic(article_ids: list[str], articles: dict[str, Article]):
    """A test of references: whether one's sentence is about another story than the story's
    (``topic.off_topic``)."""
    test = off_topic(article_ids, articles)
    return lambda ref: test(articles[ref.article], ref.sentence, ref.span.start, ref.span.end)


def _told_ahead(ref: Reference, articles: dict[str, Article]) -> bool:
    """Whether the sentence tells its day as still to come: published before it, or the
    clause the day is in is in the future tense."""
    if ref.lag is not None and ref.lag < 0:
        return True
    if ref.date_span is None or ref.lag is None:
        return False
    doc = parse_of(articles[ref.article])
    return doc is not None and clause_tense(doc, ref.date_span.start, ref.date_span.end) == \
        "future"


def _with_antecedents(entries: list[dict]) -> list[dict]:
    """The entries without the sentences that need the one before them (a pronoun subject:
    "On March 5, he urged allies"), unless the entry just before shows that sentence, so the
    reader has met the "he" there ("On March 4, Macron said ..."). An entry left with no
    sentence is dropped."""
    out: list[dict] = []
    for entry in entries:
        before = {(s["article"], s["sentence"]) for s in out[-1]["sentences"]} if out else set()
        kept = [s for s in entry["sentences"] if not s["needs_previous"]
                or (s["article"], s["sentence"] - 1) in before]
        if kept:
            out.append(dict(entry, sentences=kept))
    return out


def timeline_options(config: Config) -> dict[str, Any]:
    """The ``[timeline]`` section of the config (typed and validated in ``config.py``)."""
    return config.timeline.model_dump()


@story_stage("timeline@1", requires=("article.doc", "article.dates", "article.sentences",
                                      "article.sentence_embeddings"),
             assigns=("story.timeline",))
def timeline_stage(story: Story, articles: dict[str, Article], config: Config) -> None:
    """Order the story's dated events; every entry cites its sentences in raw offsets.

    >>> from newsweave.config import load_config
    >>> from newsweave.nlp.dates import find_dates
    >>> a = Article.from_text("a", "On March 5, he spoke. On February 26, leaders met in Paris.")
    >>> a.layers["sentences"] = [Span(0, 21), Span(22, 59)]
    >>> a.layers["dates"] = find_dates(a.text, None)
    >>> s = Story("s1", ["a"])
    >>> timeline_stage(s, {"a": a}, load_config())
    >>> [(e.date, e.text) for e in s.timeline]
    [('--02-26', 'On February 26, leaders met in Paris.'), ('--03-05', 'On March 5, he spoke.')]
    """
    options = timeline_options(config)
    entries = build_timeline(
        story.articles, articles, l=options["max_dates"], k=options["sentences_per_date"],
        min_references=options["min_references"], infer_year=options["infer_year"],
        min_words=options["min_sentence_words"], max_words=options["max_sentence_words"],
        redundancy=options["redundancy_threshold"], report_days=options["report_days"],
        lead_sentences=options["lead_sentences"],
    )
    timeline = []
    for entry in entries:
        year = entry["year_evidence"]
        timeline.append(TimelineEvent(
            date=entry["date"],
            text=" ".join(s["text"] for s in entry["sentences"]),
            evidence=tuple(Evidence(s["article"], s["start"], s["end"])
                           for s in entry["sentences"]),
            sources=entry["sources"],
            year_evidence=Evidence(year["article"], year["start"], year["end"]) if year else None,
            planned=entry["planned"],
        ))
    story.timeline = timeline
