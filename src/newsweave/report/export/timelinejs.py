"""The timeline as a TimelineJS sheet: the 18 columns of the TimelineJS Google Sheets template,
as CSV, one row per timeline entry (and a title slide when the briefing has one story).

TimelineJS needs a year on every event. An entry dated ``--MM-DD`` (the reports name the day
but no year, and the timeline stage found no year for it in the same article) is skipped and
counted, unless the user states the year with ``year=`` (``--year``): newsweave never guesses
one. Such an entry then shows the date as the reports wrote it ("February 26") as its Display
Date. Headline, Text and Group are HTML-escaped, since TimelineJS renders them as HTML; links go
only to http(s) URLs. With several stories each row's Group is its story; with one story a title
slide opens the timeline.

>>> from newsweave.report.export.read import BriefingView
>>> text, notes = render_timelinejs(BriefingView({"schema": "newsweave/briefing@1",
...                                               "articles": [], "stories": []}))
>>> text.splitlines()[0].split(",")[:4]
['Year', 'Month', 'Day', 'Time']
"""
from __future__ import annotations

import calendar
import datetime as dt
from html import escape
from typing import Any

from newsweave.report.common import shorten
from newsweave.report.export.common import csv_text, outlet, published_day, safe_url
from newsweave.report.export.read import BriefingView, StoryView, TimelineEntry

HEADER = ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
          "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
          "Media Thumbnail", "Type", "Group", "Background"]

HEADLINE_CHARS = 110


def _row(**values: Any) -> list[Any]:
    return [values.get(name.lower().replace(" ", "_")) for name in HEADER]


def _is_date(year: int, month: int, day: int | None) -> bool:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return False
    return True


def _citations(entry: TimelineEntry, view: BriefingView) -> list[str]:
    seen: list[str] = []
    for passage in entry.evidence:
        if passage.article not in seen:
            seen.append(passage.article)
    parts = []
    for article_id in seen:
        article = view.articles.get(article_id)
        name = escape(outlet(article, article_id))
        url = safe_url(article.url) if article else None
        label = f'<a href="{escape(url)}">{name}</a>' if url else name
        day = published_day(article)
        parts.append(f"{label}, {day}" if day else label)
    return parts


def _entry_row(entry: TimelineEntry, view: BriefingView, *, year: int, stated_year: bool,
               group: str | None) -> list[Any]:
    citations = _citations(entry, view)
    text = f"<p>{escape(entry.text)}</p>"
    if citations:
        text += f"<p>Source{'s' if len(citations) > 1 else ''}: {'; '.join(citations)}</p>"
    display = None
    if stated_year:
        # The reports give no year: show the day as they wrote it, not the year the user set.
        day = f" {entry.day}" if entry.day else ""
        display = f"{calendar.month_name[entry.month]}{day}"
    return _row(year=year, month=entry.month, day=entry.day, display_date=display,
                headline=escape(shorten(entry.text, HEADLINE_CHARS)), text=text, group=group)


def _title_row(story: StoryView) -> list[Any]:
    reports = len(story.articles)
    text = (f"<p>What happened when, from {reports} report{'s' if reports != 1 else ''}. "
            "Each event cites the reports that date it.</p>")
    return _row(headline=escape(shorten(story.title or "Timeline", HEADLINE_CHARS)), text=text,
                type="title")


def render_timelinejs(view: BriefingView, *, year: int | None = None) -> tuple[str, list[str]]:
    """The TimelineJS CSV and notes for the user (entries skipped and why).

    ``year`` places entries dated ``--MM-DD`` in that year (the user's statement); without it
    they are skipped and counted in the notes.
    """
    stories = view.stories
    rows: list[list[Any]] = []
    if len(stories) == 1:
        rows.append(_title_row(stories[0]))
    no_year = not_a_date = placed = 0
    for story in stories:
        # TimelineJS may show a group's name as HTML too.
        group = escape(shorten(story.title or story.id, 60)) if len(stories) > 1 else None
        for entry in story.timeline:
            entry_year, stated = entry.year, False
            if entry_year is None:
                if year is None:
                    no_year += 1
                    continue
                entry_year, stated = year, True
            if not _is_date(entry_year, entry.month, entry.day):
                not_a_date += 1
                continue
            placed += stated
            rows.append(_entry_row(entry, view, year=entry_year, stated_year=stated,
                                   group=group))
    notes = []
    if no_year:
        notes.append(f"skipped {no_year} timeline entr{'y' if no_year == 1 else 'ies'} whose "
                     "year is unknown (--MM-DD): TimelineJS needs a year; give --year YYYY if "
                     "you know it")
    if placed:
        notes.append(f"placed {placed} entr{'y' if placed == 1 else 'ies'} without a year in "
                     f"{year}, as --year states (their Display Date shows the day only)")
    if not_a_date:
        notes.append(f"skipped {not_a_date} timeline entr{'y' if not_a_date == 1 else 'ies'} "
                     "whose day is not a calendar date (February 29 outside a leap year)")
    return csv_text(HEADER, rows), notes
