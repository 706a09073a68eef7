"""Time expressions, normalised against the article's publication date.

Finds the dates an article mentions ("on Monday", "February 26", "last week", "yesterday",
"March 4, 2024", "in May 2010") and resolves each to an ISO value relative to when the article
was published:

- a weekday after "one", "a", "every" or "each" is no particular day and gives no date;
- a weekday in a past-tense clause is the most recent such day on or before publication, in a
  future-tense clause ("will meet on Monday") the next one on or after it (the publication's own
  weekday is the publication day unless "next" is written); the tense is that of the verb that
  governs the date (``clause_tense``, from the spaCy parse when there is one: a "will" in a
  relative clause elsewhere in the sentence does not move the date), and a weekday in a clause
  whose plan lies in the past ("was due on Monday", "had been scheduled for Friday") is left
  out, since nothing tells on which side of publication it falls;
- a day and month without a year takes the publication year, moved back a year when that would
  put it months after publication; with no publication date it stays ``--MM-DD`` (year unknown);
  but a passage has its own time (``_in_frame``): after a day written with its year months
  away from publication ("On February 14 2003 he reported ..." in a 2005 article), the
  year-less days of the next sentences take that year ("He followed up on February 28" is
  2003), and a weekday in a retrospective clause right after it ("Hours earlier, on Friday,
  ... had arrived") is that day's weekday (``year_evidence: "context"``, ``year_from``);
- a weekday inside an anticipated event ("ahead of their hearing on Thursday", "testimony to
  be delivered Thursday", ``_anticipated``) is ahead of a present telling, of unclear side
  after a past one;
- other expressions spaCy tags as DATE go to dateparser with the publication date as
  ``RELATIVE_BASE`` and ``PREFER_DATES_FROM="past"``, but only when they name a point in time
  (a month, weekday, year or a relative day word), since dateparser reads durations such as
  "two years" or decades such as "the 1990s" as dates.

Each found expression is a ``Span`` in the ``dates`` layer with ``attrs``:
``value`` (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``--MM-DD``), ``granularity``
(``day``, ``week``, ``month``, ``year``) and ``year_evidence`` (``"text"``: the year is written in
the expression; ``"published"``: taken from the publication date; ``"context"``: from the date
written at ``year_from``, the passage's frame; ``None``: unknown).

>>> from datetime import datetime
>>> normalise("on Monday", datetime(2024, 2, 28))["value"]
'2024-02-26'
>>> normalise("February 26", None)["value"]
'--02-26'
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import logging
import re
from typing import Any

# also this module's names
from newsweave.lexicon import (  # noqa: F401
    MONTH_NUMBERS as _MONTHS,
    POSSIBILITY_MODALS,
    WEEKDAY_NUMBERS as _WEEKDAYS,
)
from newsweave.config import Config
from newsweave.model import Article, Span
from newsweave.registry import article_stage

log = logging.getLogger(__name__)


_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Case-sensitive on purpose: "may" the verb and "march" the verb are lower case. Names such as
# "Theresa May" or "March Madness" are not followed by a day number, and a month alone needs a
# preposition before it or a year after it.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("md", re.compile(rf"\b{_MONTH}\.?\s+{_DAY}\b(?!\s*(?:%|per|million|billion|years?\b))"
                      rf"(?:,?\s+{_YEAR}\b)?")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+{_YEAR}\b)?")),
    ("my", re.compile(rf"\b{_MONTH}\.?,?\s+(?:of\s+)?{_YEAR}\b")),
    ("m", re.compile(rf"\b(?P<prep>in|since|until|till|by|during|from|through|last|next|this|"
                     rf"early|late|mid|mid-|earlier|end of|beginning of)\s*{_MONTH}\b(?!\s*\d|['’]s)")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("wd", re.compile(rf"\b(?:(?P<rel>last|next|this|on|early|late|by|since|until|from)\s+)?"
                      rf"{_WEEKDAY}\b(?:'s)?")),
    ("rel", re.compile(r"\b(?P<rel>yesterday|today|tomorrow|tonight|last night|this morning|"
                       r"this afternoon|this evening|last week|this week|next week|last month|"
                       r"this month|next month|last year|this year|next year|earlier this week|"
                       r"earlier this month|earlier this year|"
                       # "two weeks and two days ago": both parts count
                       r"(?:(?P<n0>\d+|one|two|three|four|five|six|seven|eight|nine|ten) "
                       r"(?P<unit0>weeks?|months?|years?),? and )?"
                       r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten) "
                       r"(?P<unit>days?|weeks?|months?|years?) ago"
                       # "a week ago today": that very day
                       r"(?P<today> today)?)\b", re.I)),
    ("y", re.compile(rf"\b(?P<prep>in|since|until|by|during|from|of|early|late|mid-?)\s+{_YEAR}\b"
                     rf"(?!s|\s*(?:-|–)\s*\d)")),
]
# Before a weekday, words that make it any such day, not one date.
_ANY_DAY_WORDS = frozenset({"one", "a", "an", "every", "each", "any", "some", "another", "most",
                            "no"})
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_FUTURE = re.compile(r"\b(?:will|'ll|shall|is to|are to|is due|are due|expected to|plans? to|"
                     r"planned|scheduled|going to|upcoming|set to)\b", re.I)
# Words that make a DATE entity a point in time worth handing to dateparser.
_BARE_WEEKDAY = re.compile(r"^\W*(?:(?:on|this|early|late)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|"
                           r"Sun)day(?:\s+(?:morning|afternoon|evening|night))?\W*$", re.I)
_ANCHOR = re.compile(rf"{_MONTH}|{_WEEKDAY}|\b(?:1[89]|20)\d\d\b(?!s)|\b(?:yesterday|today|"
                     r"tomorrow|ago|last|next|this)\b", re.I)
# Decades, durations and vague spans are not dates.
_NOT_A_POINT = re.compile(rf"^\s*{_MONTH}\.?\s*$|\b\d{{4}}s\b|\b\d0s\b|\bdecades?\b|\bcentur|\bages\b|^\s*(?:the\s+)?"
                          r"(?:past|last|next|coming)\s+(?:\w+\s+)?(?:days|weeks|months|years)\b",
                          re.I)

# A day-month without a year may be this much after publication before it is read as last year.
FUTURE_TOLERANCE_DAYS = 62


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _month_num(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:3] if name.lower()[:4] != "sept" else "sep"]


def _with_year(month: int, day: int, year: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve_year(month: int, day: int, published: dt.date, future: bool) -> dt.date | None:
    """Day and month without a year: the publication year, or the one before when that date would
    lie months after publication (or after publication at all, for a past-tense sentence far
    from it)."""
    when = _with_year(month, day, published.year)
    if when is None:  # 29 February in a non-leap publication year
        when = _with_year(month, day, published.year - 1)
        return when
    tolerance = FUTURE_TOLERANCE_DAYS * (3 if future else 1)
    if (when - published).days > tolerance:
        when = _with_year(month, day, published.year - 1) or when
    elif future and (published - when).days > 300:
        when = _with_year(month, day, published.year + 1) or when
    return when


_YEAR_PART = re.compile(r"-?\d+")


def _result(value: str | None, granularity: str, year_evidence: str | None) -> dict[str, Any] | None:
    if value is None:
        return None
    # A date reckoned from a publication date at the edge of the calendar (year 1 or 9999, as a
    # hostile feed may give) can fall outside it: such a date is no date and is left out.
    year = _YEAR_PART.match(value)
    if year and not (len(year.group()) == 4 and 1 <= int(year.group()) <= 9999):
        return None
    return {"value": value, "granularity": granularity, "year_evidence": year_evidence}


def _rule(kind: str, m: re.Match, published: dt.date | None, future: bool) -> dict | None:
    g = m.groupdict()
    if kind in ("md", "dm", "iso"):
        month = int(g["month"]) if kind == "iso" else _month_num(g["month"])
        day = int(g["day"])
        if not 1 <= day <= 31 or not 1 <= month <= 12:
            return None
        if g.get("year"):
            d = _with_year(month, day, int(g["year"]))
            return _result(d and _iso(d), "day", "text")
        if published is None:
            if _with_year(month, day, 2000) is None:  # 2000 is a leap year: accepts 29 February
                return None
            return _result(f"--{month:02d}-{day:02d}", "day", None)
        d = _resolve_year(month, day, published, future)
        return _result(d and _iso(d), "day", "published")
    if kind == "my":
        return _result(f"{int(g['year']):04d}-{_month_num(g['month']):02d}", "month", "text")
    if kind == "m":
        if published is None:
            return None
        month = _month_num(g["month"])
        prep = g["prep"].lower()
        year = published.year
        if prep == "next":
            year += month <= published.month
        elif prep == "last":
            year -= month >= published.month
        elif month > published.month + (3 if future else 2):
            year -= 1
        return _result(f"{year:04d}-{month:02d}", "month", "published")
    if kind == "y":
        return _result(g["year"], "year", "text")
    if published is None:
        return None
    if kind == "wd":
        target = _WEEKDAYS[g["weekday"].lower()]
        rel = (g.get("rel") or "").lower()
        back = (published.weekday() - target) % 7
        if rel == "next" or (future and rel != "last"):
            # "will meet on Thursday" in a Thursday report: that day; "next Thursday": a week on
            ahead = (target - published.weekday()) % 7 or (7 if rel == "next" else 0)
            d = published + dt.timedelta(days=ahead)
        elif rel == "last":
            d = published - dt.timedelta(days=back or 7)
        else:
            d = published - dt.timedelta(days=back)
        return _result(_iso(d), "day", "published")
    if kind == "rel":
        rel = g["rel"].lower()
        if g.get("unit"):
            n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
            unit = g["unit"].lower().rstrip("s")
            if g.get("unit0"):
                n0 = int(g["n0"]) if g["n0"].isdigit() else _NUMBERS[g["n0"].lower()]
                unit0 = g["unit0"].lower().rstrip("s")
                if (unit0, unit) == ("week", "day"):
                    n, unit = 7 * n0 + n, "day"
                else:
                    # "two months and three weeks ago": the coarser part, to its own precision
                    n, unit = n0, unit0
            if unit == "day" or (unit == "week" and g.get("today")):
                days = n * 7 if unit == "week" else n
                return _result(_iso(published - dt.timedelta(days=days)), "day", "published")
            if unit == "week":
                return _result(_iso(published - dt.timedelta(weeks=n)), "week", "published")
            if unit == "month":
                y, mth = divmod(published.year * 12 + published.month - 1 - n, 12)
                return _result(f"{y:04d}-{mth + 1:02d}", "month", "published")
            return _result(f"{published.year - n:04d}", "year", "published")
        offsets = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this morning": 0,
                   "this afternoon": 0, "this evening": 0, "tomorrow": 1}
        if rel in offsets:
            return _result(_iso(published + dt.timedelta(days=offsets[rel])), "day", "published")
        if rel.endswith("week"):
            shift = {"last": -7, "next": 7}.get(rel.split()[0], 0)
            monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=shift)
            return _result(_iso(monday), "week", "published")
        if rel.endswith("month"):
            shift = {"last": -1, "next": 1}.get(rel.split()[0], 0)
            y, mth = divmod(published.year * 12 + published.month - 1 + shift, 12)
            return _result(f"{y:04d}-{mth + 1:02d}", "month", "published")
        if rel.endswith("year"):
            shift = {"last": -1, "next": 1}.get(rel.split()[0], 0)
            return _result(f"{published.year + shift:04d}", "year", "published")
    return None


@functools.lru_cache(maxsize=4096)
def _date_parser(base: dt.datetime | None):
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


@functools.lru_cache(maxsize=65536)
def _dateparser(expression: str, base: dt.date | None) -> dict | None:
    """dateparser on one expression, cached per (expression, base)."""
    has_year = re.search(r"\b(?:1[89]|20)\d\d\b", expression) is not None
    if base is None and not has_year:
        return None  # dateparser would resolve against today's date
    anchor = dt.datetime(base.year, base.month, base.day) if base else dt.datetime(
        int(re.search(r"\b(?:1[89]|20)\d\d\b", expression).group()), 1, 1)
    try:
        data = _date_parser(anchor).get_date_data(expression)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd strings
        return None
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj.date(), data.period or "day"
    evidence = "text" if has_year else "published"
    if period == "year":
        return _result(f"{d.year:04d}", "year", evidence)
    if period == "month":
        return _result(f"{d.year:04d}-{d.month:02d}", "month", evidence)
    if period == "week":
        monday = d - dt.timedelta(days=d.weekday())
        return _result(_iso(monday), "week", evidence)
    return _result(_iso(d), "day", evidence)


def _as_date(published) -> dt.date | None:
    if published is None:
        return None
    return published.date() if isinstance(published, dt.datetime) else published


def normalise(expression: str, published: dt.date | dt.datetime | None, *,
              future: bool = False) -> dict[str, Any] | None:
    """Normalise one time expression against a publication date (or None when unknown).

    Returns ``{"value", "granularity", "year_evidence"}`` or None when the expression is not a
    point in time that can be placed.

    >>> normalise("yesterday", dt.date(2010, 4, 29))["value"]
    '2010-04-28'
    >>> normalise("the 1990s", dt.date(2010, 4, 29)) is None
    True
    """
    base = _as_date(published)
    found = _find_in(expression, base, lambda start: future)
    if found:
        return found[0][2]
    if _NOT_A_POINT.search(expression) or not _ANCHOR.search(expression):
        return None
    return _dateparser(expression.strip(), base)


def _word_before(text: str, start: int) -> str:
    """The run of word characters that ends right before the whitespace before ``start``
    ("" when no whitespace separates them), read backwards so that a long text is not
    scanned for each weekday."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == start:
        return ""
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return text[j:i]


_TIME_PREPOSITIONS = frozenset({"on", "since", "until", "till", "by", "from", "before", "after",
                                "around", "through", "to"})
_CAPITALISED_AFTER = re.compile(r"\s*([A-Z][a-z]+)")


# Nouns after a date that make it a movement's or a group's name ("the March 14 alliance").
_GROUP_AFTER = re.compile(r"\s+(?:alliance|coalition|movement|bloc|camp|group|youth|forces?|"
                          r"brigades?|party|revolution)\b", re.IGNORECASE)
_CALLED_BEFORE = re.compile(r"\b(?:known as|called|named|dubbed)\s+$")


def _names_a_thing(text: str, start: int, end: int) -> bool:
    """Whether a date is part of a name: after "the", not after a preposition of time, and
    followed by a capitalised noun ("the 25th of January Youth", "The 6th of October Bridge";
    not "on the 25th of January Egyptians rose").

    >>> t = "a group called the 25th of January Youth"
    >>> _names_a_thing(t, t.index("25th"), t.index(" Youth"))
    True
    >>> t = "on the 25th of January Egyptians rose"
    >>> _names_a_thing(t, t.index("25th"), t.index(" Egyptians"))
    False
    """
    if _GROUP_AFTER.match(text, end) or _CALLED_BEFORE.search(text, max(0, start - 16), start):
        # "the March 14 alliance", "The alliance known as March 14": a movement's name
        return True
    if _word_before(text, start).lower() != "the":
        return False
    at = text.rfind("the", max(0, start - 5), start)
    at = text.rfind("The", max(0, start - 5), start) if at < 0 else at
    if at > 0 and _word_before(text, at).lower() in _TIME_PREPOSITIONS:
        return False
    after = _CAPITALISED_AFTER.match(text, end)
    return after is not None and re.fullmatch(
        rf"{_MONTH}|{_WEEKDAY}", after.group(1)) is None


def _named_day(text: str, start: int) -> bool:
    """Whether the weekday at ``start`` is part of a day's name: a capitalised word right
    before it, not a month, a weekday or a preposition, and a preposition of time before that
    ("on Easter Monday", "until Good Friday"; not "On Monday", "Obama said Monday").

    >>> t = "On Easter Monday, the tanker broke up."
    >>> _named_day(t, t.index("Monday")), _named_day("Obama said Monday it failed.", 11)
    (True, False)
    """
    word = _word_before(text, start)
    if not word[:1].isupper() or word.lower() in _TIME_PREPOSITIONS | {"last", "next", "this"}:
        return False
    if re.fullmatch(rf"{_MONTH}|{_WEEKDAY}", word):
        return False
    # a name's last word ("Obama Monday", "the Guardian Monday") is no feast: a feast's name
    # follows a preposition of time ("on Easter Monday", "until Good Friday")
    at = start
    while at > 0 and text[at - 1].isspace():
        at -= 1
    prior = _word_before(text, at - len(word))
    # ("by Obama Monday", "from Cairo Monday": a name and then the day)
    return prior.lower() in {"on", "until", "till", "since", "before", "after"}


def _any_such_day(text: str, start: int) -> bool:
    """Whether the weekday at ``start`` follows "one", "a", "every" ...: any such day."""
    return _word_before(text, start).lower() in _ANY_DAY_WORDS


def _find_in(text: str, published: dt.date | None, is_future,
             left_out: list[tuple[int, int]] | None = None,
             kinds: dict[int, str] | None = None) -> list[tuple[int, int, dict]]:
    """Rule matches over a text, longest first, without overlaps; ``left_out`` collects the
    weekdays left out for their unclear tense (no other reading may date them), ``kinds`` the
    rule that found each hit (by the hit's start)."""
    hits: list[tuple[int, int, dict]] = []
    taken: list[tuple[int, int]] = []
    matches = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            matches.append((m.start(), -(m.end() - m.start()), kind, m))
    matches.sort(key=lambda t: (t[1], t[0]))  # longest first
    for start, neg_len, kind, m in matches:
        end = start - neg_len
        if any(start < b and a < end for a, b in taken):
            continue
        if kind == "y" and re.match(r"\d{4}s", text[m.end("year") - 4: m.end("year") + 1]):
            continue
        if _names_a_thing(text, start, end):
            taken.append((start, end))
            if left_out is not None:
                left_out.append((start, end))  # (nor may spaCy's entity date it)
            continue  # "a group called the 25th of January Youth": a name, not a day
        if kind == "wd" and not m.group("rel") and _named_day(text, start):
            taken.append((start, end))
            if left_out is not None:
                left_out.append((start, end))
            continue  # "Easter Monday", "Good Friday", "Super Tuesday": a feast, not this week's
        if kind == "wd" and not m.group("rel") and _any_such_day(text, start):
            taken.append((start, end))
            if left_out is not None:
                left_out.append((start, end))
            continue  # "one Saturday afternoon", "every Friday": no particular day
        future = is_future(start)
        if future is None:
            if kind == "wd" and not (m.group("rel") or "").lower() in ("last", "next"):
                taken.append((start, end))
                if left_out is not None:
                    left_out.append((start, end))
                continue  # "was due on Monday": before or after publication, nothing tells
            future = True
        try:
            value = _rule(kind, m, published, future)
        except (OverflowError, ValueError):
            value = None  # reckoned past year 1 or 9999 from an extreme publication date
        if value is None:
            continue
        # Keep the span tight on the date itself ("on Monday" -> "Monday").
        s, e = start, end
        if kind == "wd" and m.group("rel") and m.group("rel").lower() in ("on", "by", "since",
                                                                          "until", "from"):
            s = m.start("weekday")
        if kind in ("m", "y") and m.group("prep").lower() in ("in", "since", "until", "till",
                                                              "by", "during", "from", "through",
                                                              "of"):
            s = m.start("month") if kind == "m" else m.start("year")
        taken.append((start, end))
        hits.append((s, e, value))
        if kinds is not None:
            kinds[s] = kind
    hits.sort(key=lambda h: h[0])
    return hits


# A day or month written without its year takes the year of a day or month written with one
# this many sentences before it (or of one that took its year so in turn: a chronology's "On
# February 14 2003 ... on February 28 ... On March 12" stays in 2003), not the publication's.
FRAME_SENTENCES = 6
# A written day is another time's frame only this far from publication (closer, the
# publication's own reckoning gives the same year).
FRAME_MIN_DAYS = 31
# A bare weekday within FRAME_SENTENCES of a written day this far from publication belongs to
# that other time, in a week no one names: it is no date.
FAR_FRAME_DAYS = 366
# A weekday in a retrospective clause ("Hours earlier, on Friday, thousands had arrived") hangs
# from a written day at most this many sentences before it.
RETRO_SENTENCES = 1
_BEFORE_WORDS = re.compile(r"\b(?:earlier|previously|the previous|the (?:day|night) before)\b"
                           r"[^.;]{0,30}$", re.I)
# Words that bring a passage back to the time of writing.
_PRESENT = re.compile(r"\b(?:now|currently|at present|these days)\b(?!-)", re.I)
_SINCE = re.compile(r"\bsince\s+(?:the\s+(?:start|beginning|outbreak|end)\s+of\s+"
                    r"(?:[\w-]+\s+){0,3}in\s+)?(?:(?:early|late|mid)-?\s*)?$", re.I)
# "December 17 last year": the year the day is in, said right after it
_YEAR_AFTER = re.compile(r",?\s+(?P<rel>last|this|next)\s+year\b", re.I)
_SAME_DAY = re.compile(r"\b(?:earlier|later)\s+(?:on\s+|in\s+the\s+day\s+on\s+)?$", re.I)
_AFTER_WORDS = re.compile(r"\b(?:later|afterwards?|the following|the next|next day)\b"
                          r"[^.;]{0,30}$", re.I)


def _nearest_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The day and month in the year (of the anchor's, the one before or after) nearest it."""
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
               if (d := _with_year(month, day, y)) is not None]
    return min(options, key=lambda d: abs((d - anchor).days), default=None)


def _beside_day(text: str, hits: list[tuple[int, int, dict]], kinds: dict[int, str]
                ) -> list[tuple[int, int, dict]]:
    """A weekday written right beside a day of the month ("on Saturday, February 27, 2010",
    "Friday 4 June") names that day when the weekdays agree, whatever the publication day."""
    out = list(hits)
    for n, (s, e, value) in enumerate(hits):
        if kinds.get(s) != "wd" or not text[s:e].lower()[:3] in {w[:3] for w in _WEEKDAYS}:
            continue
        for m in (n - 1, n + 1):
            if not 0 <= m < len(hits) or kinds.get(hits[m][0]) not in ("md", "dm", "iso"):
                continue
            gap = text[e:hits[m][0]] if m > n else text[hits[m][1]:s]
            other = hits[m][2]
            if gap.strip(" ,") or not _FULL_DAY.match(other.get("value", "")):
                continue
            day = dt.date.fromisoformat(other["value"])
            if day.weekday() == _WEEKDAYS[text[s:e].lower().rstrip("'s")]:
                out[n] = (s, e, dict(other))
                break
    return out


_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _in_frame(text: str, hits: list[tuple[int, int, dict]], kinds: dict[int, str],
              published: dt.date | None, sentence_index, retrospective
              ) -> list[tuple[int, int, dict]]:
    """Dates read in their passage's own time: the passage's frame is the last day or month
    written with its year (months away from publication: "On February 14 2003 he delivered a
    report" in a 2005 article); a day or month without a year that follows within
    ``FRAME_SENTENCES`` (or anywhere after a frame in the first sentence, a document's own
    date) takes the frame's year, the nearest to it ("25 November" under "March 7 2003" is
    2002), and is the frame in turn; a weekday in a retrospective clause right after a frame
    ("Hours earlier, on Friday, thousands had arrived" after "Saturday, February 27, 2010")
    is that frame's weekday, before it or, after "later" or "the following", after it.
    Anything reckoned from publication ("yesterday", "on Monday") brings the passage back to
    the present and ends the frame. Such values carry ``year_evidence: "context"`` and the
    written date's offsets as ``year_from``."""
    if published is None:
        return hits
    hits = _beside_day(text, hits, kinds)
    frame: tuple[dt.date, int, tuple[int, int]] | None = None
    document = None  # a frame written in the first sentence: the document's own date
    out = []
    for s, e, value in hits:
        kind = kinds.get(s)
        i = sentence_index(s)
        evidence, granularity = value.get("year_evidence"), value.get("granularity")
        if evidence == "text" and granularity in ("day", "month"):
            v = value["value"]
            when = dt.date.fromisoformat(v if granularity == "day" else v + "-15")
            far = abs((when - published).days) > FRAME_MIN_DAYS
            if _SINCE.search(text, max(0, s - 80), s):
                # "who had run the agency since July 2009. Eleven workers were killed ... on
                # 20 April": a time that runs up to the present frames no passage
                far = False
            frame = (when, i, (s, e)) if far else None
            if i == 0 and granularity == "day":
                document = frame
        elif evidence == "published" and kind in ("md", "dm") and \
                (year_after := _YEAR_AFTER.match(text, e)) is not None:
            shift = {"last": -1, "this": 0, "next": 1}[year_after["rel"].lower()]
            when = _with_year(int(value["value"][5:7]), int(value["value"][8:10]),
                              published.year + shift)
            if when is None:
                continue
            value = dict(value, value=_iso(when))
            frame = document = None  # reckoned from publication: the present again
        elif evidence == "published" and kind in ("md", "dm", "m", "wd"):
            if frame is None or i - frame[1] > FRAME_SENTENCES or (
                    frame is not document and _PRESENT.search(text, frame[2][1], s)):
                # out of the passage, or back in the present ("The violence started in
                # January 2011. It's now believed ... A ceasefire started on 12 April" in a
                # report of June 2012): the document's own date, if any
                frame = document
            fresh = frame is not None and (i - frame[1] <= FRAME_SENTENCES or frame[1] == 0)
            v = value["value"]
            if fresh and frame[1] == 0 and i > FRAME_SENTENCES and _FULL_DAY.match(v) and \
                    -FRAME_MIN_DAYS <= (dt.date.fromisoformat(v) - published).days <= 0:
                # far past the first sentence, a day of the last month as reckoned from
                # publication is news ("Clinton told a forum on June 29" in an article of
                # July 2 whose first sentence, a caption, recalls a test of April 1953)
                fresh = False
            if kind == "wd":
                bare = text[s:e].lower()[:3] in {w[:3] for w in _WEEKDAYS}  # not "last Friday"
                step = retrospective(s, e) if bare and frame is not None and i - frame[1] <= \
                    RETRO_SENTENCES and (published - frame[0]).days > 7 else None
                if step is None and bare and frame is not None and \
                        i - frame[1] <= FRAME_SENTENCES and \
                        abs((published - frame[0]).days) > FAR_FRAME_DAYS:
                    # "18 March 1967 ... On Easter Monday, the tanker broke up": a weekday in
                    # a passage about another year is in no week the report can name
                    continue
                if step is None:
                    frame = document = None  # reckoned from publication: the present again
                else:
                    target = dt.date.fromisoformat(v).weekday()
                    shift = ((target - frame[0].weekday()) % 7 if step == "after"
                             else -((frame[0].weekday() - target) % 7))
                    when = frame[0] + dt.timedelta(days=shift)
                    value = dict(value, value=_iso(when), year_evidence="context",
                                 year_from=list(frame[2]))
                    frame = (when, i, frame[2])
            elif fresh:
                month = int(v[5:7])
                when = (_nearest_year(month, int(v[8:10]), frame[0]) if kind != "m"
                        else _nearest_year(month, 15, frame[0]))
                if when is not None:
                    if str(when.year) != v[:4]:
                        iso = _iso(when) if kind != "m" else f"{when.year:04d}-{month:02d}"
                        value = dict(value, value=iso, year_evidence="context",
                                     year_from=list(frame[2]))
                    frame = (when, i, frame[2])
            elif kind != "m":
                frame = document = None
        elif evidence == "published":
            frame = document = None  # "yesterday", "last week": reckoned from publication
        out.append((s, e, value))
    return out


# Words that put the event they govern ahead: "plans to meet", "is due", "is set to vote",
# "is scheduled for Monday", "is going to", "is to meet".
_PLANNING = {"plan", "plans", "planned", "planning", "schedule", "scheduled", "due", "expect",
             "expected", "set", "intend", "intends", "intended", "prepare", "prepares",
             "preparing", "aim", "aims", "go", "going", "be",
             # a promise or an agreement to do a thing: "agreed to meet on Saturday"
             "agree", "agreed", "agrees", "promise", "promised", "promises", "pledge", "pledged",
             "pledges", "vow", "vowed", "vows"}
# Verbs by which one party has another do a thing: the thing comes after the order ("have
# ordered the secretaries to visit the site on Friday", "urged Congress to vote on Monday").
# (written forms: the parse carries no lemmas)
_DIRECTING = {f"{stem}{end}" for stem in (
    "order", "instruct", "direct", "ask", "urg", "invit", "summon", "call", "press",
    "encourag", "request", "requir", "authoriz", "authoris", "allow", "permit")
    for end in ("", "e", "s", "es", "ed", "d", "ing")} | {"tell", "tells", "told", "telling"}
# Verbs of an act's beginning or course, between a plan and the act ("scheduled to start
# shutting"); the plan is read above them.
_ASPECTUAL = {"start", "begin", "continue", "try", "attempt", "resume", "finish", "starting",
              "beginning", "continuing", "trying", "attempting", "resuming"}
_PLANNED = {"scheduled", "planned", "set", "expected", "due", "slated"}  # "is scheduled for"
_WILL = {"will", "'ll", "ll", "shall", "wo"}
# Verbs of getting ready for a day ("readied themselves for Sunday"), in their written forms.
_PREPARING = {"ready", "readied", "readies", "readying", "prepare", "prepared", "prepares",
              "preparing", "brace", "braced", "braces", "bracing", "gear", "geared", "gears",
              "gearing"}


def _governor(token):
    """The verb (or predicate adjective such as "due") a date token hangs from: the first verb
    above it in the dependency tree, or the sentence root."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") or (node.pos_ == "ADJ" and node.dep_ == "acomp"):
            break
    return node


def _past(token) -> bool:
    return token.tag_ == "VBD" or ("Past" in token.morph.get("Tense") and token.tag_ != "VBN")


# Phrases whose object is an event still ahead when written: "ahead of their hearing on
# Thursday", "on the eve of Obama's meeting ... on Wednesday".
_AHEAD_OF = (("ahead", "of"), ("eve", "of"), ("advance", "of"), ("prior", "to"),
             ("run", "-", "up", "to"), ("preparation", "for"))
# How far back (tokens) a date may follow such a phrase and still belong to its noun phrase.
AHEAD_TOKENS = 16


def _told_in_past(verb) -> bool:
    """Whether a verb (with its auxiliaries) is told in the past: "made", "had said"."""
    return _past(verb) or any(_past(a) for a in verb.children if a.dep_ in ("aux", "auxpass"))


def _anticipated(doc, span) -> str | None:
    """The tense of a date that belongs to an anticipated event rather than to its verb:
    inside the noun phrase after "ahead of", "on the eve of", "in advance of" ("ahead of their
    showdown hearing with the BP chief on Thursday": no verb between the phrase and the date),
    or to a noun's infinitive ("testimony to be delivered to a House panel Thursday") or
    planning participle ("a hearing scheduled for Thursday"). Such an event lies ahead of the
    telling: ``"future"`` when the telling is present, ``"past-plan"`` when it is past (the day
    may lie either side of publication); a noun's passive infinitive is ahead whatever the
    telling (a done event would be "delivered Thursday"). None otherwise."""
    verb = _governor(span.root)
    auxes = {c.lower_: c for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VBN" and "to" in auxes and "be" in auxes:
        to = auxes["to"]
        if to.i > 0 and doc[to.i - 1].pos_ in ("NOUN", "PROPN") and to.i == verb.i - 2:
            return "future"  # "testimony to be delivered Thursday"
    told = verb
    if verb.tag_ == "VBN" and verb.lower_ in _PLANNED and not auxes and verb.i > 0 and (
            verb.dep_ in ("acl", "amod") or doc[verb.i - 1].pos_ in ("NOUN", "PROPN")):
        told = _governor(verb)  # "a hearing scheduled for Thursday": told by the clause's verb
        return "past-plan" if _told_in_past(told) else "future"
    if span.root.head.lower_ == "for" and span.root.head.head.lower_ in _PREPARING:
        # "readied themselves for Sunday", "braced for Friday": the day prepared for is ahead
        told = span.root.head.head
        return "past-plan" if _told_in_past(told) else "future"
    first = span.start
    try:
        sent_start = span.sent.start
    except ValueError:  # a parse without sentence boundaries
        sent_start = 0
    words = []
    for i in range(first - 1, max(sent_start, first - AHEAD_TOKENS) - 1, -1):
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX") or tok.text in (",", ";", ":", "(", ")"):
            break
        words.insert(0, tok.lower_)
        if any(tuple(words[:len(p)]) == p for p in _AHEAD_OF):
            return "past-plan" if _told_in_past(told) else "future"
    return None


_SUBJECT_OR_AUX = ("nsubj", "nsubjpass", "aux", "auxpass", "mark", "expl")


def imperative(verb) -> bool:
    """A bare verb with no subject or auxiliary heading its clause, or coordinated with such a
    verb ("Go back to your work on Sunday, work like never before"); not a verb that shares a
    first one's subject or "will" ("The torch will travel ... and end in China")."""
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return all(v.tag_ == "VB" and not any(c.dep_ in _SUBJECT_OR_AUX for c in v.children)
               for v in (verb, first)) and first.dep_ in ("ROOT", "ccomp")


def clause_tense(doc, start: int, end: int) -> str:
    """The tense of the clause that a date expression (characters ``start:end`` of ``doc``)
    belongs to: ``"future"`` ("will meet on Monday", "is to meet on Monday", "plans to tell ...
    on Thursday", "is due on Monday", "is scheduled for Monday", a headline's "to meet on
    Monday"), ``"past-plan"`` (a plan told in the past: "was due on Monday", "was scheduled to
    meet on Friday": the day may lie either side of the telling) or ``"other"`` (past, perfect,
    present). Only the verb governing the date, its auxiliaries and the verb whose infinitive it
    is are read, so a "will" elsewhere ("BP, which will pay, said on Wednesday") changes
    nothing."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "other"
    anticipated = _anticipated(doc, span)
    if anticipated is not None:
        return anticipated
    verb = _governor(span.root)
    if verb.pos_ == "ADJ":  # "is due on Monday"
        carrier, plan = verb, verb.lower_ in _PLANNED
    elif verb.dep_ == "xcomp":  # "plans to tell", "is to meet", "was due to make"
        carrier = verb.head
        if carrier.dep_ == "xcomp" and carrier.lower_ in _ASPECTUAL:
            # "had been scheduled to start shutting off valves Tuesday": the plan is the word
            # above the act's beginning
            verb, carrier = carrier, carrier.head
        plan = carrier.lower_ in _PLANNING or carrier.lemma_.lower() in _PLANNING or (
            carrier.lower_ in _DIRECTING and any(c.dep_ == "aux" and c.lower_ == "to"
                                                 for c in verb.children))
    else:
        carrier = verb
        plan = (verb.tag_ == "VBN" and verb.lower_ in _PLANNED
                and any(c.dep_ == "auxpass" for c in verb.children)) or any(
            c.dep_ == "acomp" and c.lower_ in _PLANNED for c in verb.children)  # "was [due] on"
    # the words carrying the tense: the verb, the planning word and, for an adjective such as
    # "due", its copula
    words = {verb.i: verb, carrier.i: carrier}
    if carrier.pos_ == "ADJ" and carrier.head.i != carrier.i:
        words[carrier.head.i] = carrier.head
    auxes = [c for node in words.values() for c in node.children
             if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _WILL for a in auxes):
        return "future"
    if any(a.lower_ in POSSIBILITY_MODALS for a in auxes) and not any(a.lower_ in ("have", "'ve")
                                                        for a in auxes):
        # "might, as soon as Tuesday night, start to reach the current": a possibility ahead
        # of its telling; told in the past ("warned over the weekend that ..."), the day may
        # lie either side of publication
        told = carrier.head if carrier.dep_ in ("ccomp", "advcl") else carrier
        return "past-plan" if _told_in_past(told) else "future"
    headline = verb.dep_ == "ROOT" or (verb.dep_ == "acl" and verb.head.dep_ == "ROOT"
                                       and verb.head.pos_ in ("PROPN", "NOUN"))
    if headline and verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        return "future"  # a headline: "Obama to meet BP chiefs on Wednesday"
    if imperative(verb):
        return "future"  # an imperative: "Go back to your work on Sunday"
    if not plan:
        return "other"
    tensed = [a for a in auxes if a.lemma_ in ("be", "have")] + list(words.values())
    return "past-plan" if any(_past(t) for t in tensed if t.i != verb.i or plan) else "future"


# A print edition's note on a web page ("A version appeared on p6 of the Main section section
# of the Guardian on 02.03 BST on Saturday 29 May 2010").
_PRINT_NOTE = re.compile(
    r"appeared (?:on p\.? ?\d+ of the [\w ]{1,40}? section )?(?:of|in) the [A-Z][\w ]{0,30}? on "
    r"(?:\d\d?[.:]\d\d ?(?:BST|GMT|[ap]m)? on )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day "
    r"(?P<day>\d{1,2}) (?P<month>January|February|March|April|May|June|July|August|September|"
    r"October|November|December) (?P<year>\d{4})")
_DAY_BEFORE = re.compile(r"(?i)yesterday|last night")


def _print_edition_day(text: str) -> dt.date | None:
    """The day a print edition's note on the page gives, if any."""
    m = None
    for m in _PRINT_NOTE.finditer(text):
        pass
    if m is None:
        return None
    return _with_year(_month_num(m["month"]), int(m["day"]), int(m["year"]))


def find_dates(text: str, published: dt.date | dt.datetime | None, *,
               entities: list[Span] | None = None,
               sentences: list[Span] | None = None, doc=None) -> list[Span]:
    """All time expressions of a text as ``DATE`` spans with normalised values.

    ``entities`` are spaCy's (only ``DATE`` ones are read). The tense that decides whether a
    bare weekday lies before or after publication is that of the clause governing it when
    ``doc`` (the spaCy parse of ``text``) is given (``clause_tense``), else any future marker in
    the expression's sentence (``sentences``).

    >>> [s.attrs["value"] for s in find_dates("On February 26, leaders met.", None)]
    ['--02-26']
    """
    base = _as_date(published)
    starts = [s.start for s in sentences] if sentences else []

    def sentence_of(pos: int) -> tuple[int, int]:
        if not sentences:
            return max(0, pos - 200), min(len(text), pos + 200)
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        return sentences[i].start, sentences[i].end

    if doc is not None and (not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) != len(text)):
        doc = None  # not this text's parse (compared cheaply: Doc.text rebuilds the text)

    def is_future(pos: int) -> bool | None:
        if doc is not None:
            end = pos + 1
            while end < len(text) and text[end].isalnum():
                end += 1
            tense = clause_tense(doc, pos, end)
            return None if tense == "past-plan" else tense == "future"
        a, b = sentence_of(pos)
        return _FUTURE.search(text, a, b) is not None

    def sentence_index(pos: int) -> int:
        if not sentences:
            return text.count(".", 0, pos)  # a rough count of sentences without the layer
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def retrospective(start: int, end: int) -> str | None:
        """ "before" or "after" when the weekday's clause looks back from another time: a
        pluperfect ("had arrived"), "earlier" or "later" just before the weekday."""
        a, _ = sentence_of(start)
        head = text[a:start]
        if _SAME_DAY.search(head):
            return None  # "Earlier on Monday, the minister said": earlier that day, not before
        if _AFTER_WORDS.search(head):
            return "after"
        if _BEFORE_WORDS.search(head):
            return "before"
        if doc is not None:
            span = doc.char_span(start, end, alignment_mode="expand")
            verb = _governor(span.root) if span is not None and len(span) else None
            if verb is not None and verb.tag_ == "VBN" and any(
                    c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children):
                return "before"
        return None

    spans: list[Span] = []
    left_out: list[tuple[int, int]] = []
    kinds: dict[int, str] = {}
    hits = _find_in(text, base, is_future, left_out, kinds)
    printed = _print_edition_day(text) if base is not None else None
    if printed is not None and (printed - base).days == 1:
        # a report put online on the feed's day and printed the next: its "yesterday" may
        # be the print's (the feed's day: "Tony Hayward yesterday scaled up his assessment")
        # or the web copy's (the day before); nothing tells which, so neither is dated
        back = [(s, e) for s, e, _ in hits if kinds.get(s) == "rel"
                and _DAY_BEFORE.fullmatch(text, s, e)]
        left_out.extend(back)
        hits = [h for h in hits if (h[0], h[1]) not in back]
    framed = _in_frame(text, hits, kinds, base, sentence_index, retrospective)
    kept = {h[0] for h in framed}
    # a weekday the passage's frame leaves undated is no one's to date (spaCy's entity would
    # give it the week before publication)
    left_out.extend((s, e) for s, e, _ in hits if s not in kept)
    hits = framed
    for s, e, value in hits:
        spans.append(Span(s, e, "DATE", dict(value)))
    for ent in entities or ():
        if ent.label != "DATE":
            continue
        if any(ent.start < sp.end and sp.start < ent.end for sp in spans) or any(
                ent.start < b and a < ent.end for a, b in left_out):
            continue
        expression = text[ent.start:ent.end]
        if _NOT_A_POINT.search(expression) or not _ANCHOR.search(expression):
            continue
        if _BARE_WEEKDAY.match(expression):
            # the rules read a weekday with its clause's tense; one they did not date has none
            # to tell (dateparser would take the week before publication for a Monday report)
            continue
        value = _dateparser(" ".join(expression.split()), base)
        if value is not None:
            spans.append(Span(ent.start, ent.end, "DATE", dict(value, source="dateparser")))
    spans.sort(key=lambda sp: sp.start)
    return spans


@article_stage("dates@1", requires=("article.doc", "article.sentences"),
               assigns=("article.dates",))
def dates_stage(articles: list[Article], config: Config) -> None:
    """Find time expressions and resolve them against each article's publication date."""
    for article in articles:
        entities = article.layers.get("entities")
        if entities is None and "doc" in article.cache:
            entities = [Span(e.start_char, e.end_char, e.label_) for e in article.cache["doc"].ents]
        article.layers["dates"] = find_dates(article.text, article.meta.published,
                                             entities=entities,
                                             sentences=article.layer("sentences"),
                                             doc=article.cache.get("doc"))
