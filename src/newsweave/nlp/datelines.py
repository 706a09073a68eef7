"""Datelines and dates that open a paragraph ahead of its first sentence.

Wires print where and when before the report's first words ("LONDON (AP) _ ", "WASHINGTON,
Oct. 3 (Reuters) -", "Saturday, January 8, 2005"); a summary, a timeline entry or a claim that
starts with them shows the page's furniture as if it were the sentence. The patterns live here,
below the stages that cut them, so the claims stage and the story stages cut the same thing.

>>> text = "CONCORD, N.H. - Sen. Bernie Sanders scored a win."
>>> text[trim_dateline(text, 0, len(text))[0]:]
'Sen. Bernie Sanders scored a win.'
>>> trim_dateline("He said - Yes.", 0, 14)
(0, 14)
"""
from __future__ import annotations

import re

# A dateline before the first sentence of a report: "LONDON (AP) _ ",
# "WASHINGTON, Oct. 3 (Reuters) -", "Meadow Lake, Saskatchewan – ". Up to six capitalised
# words, an optional agency in brackets, then a dash-like separator before the sentence.
DATELINE = re.compile(
    r"(?:[A-Z][\w.'’&-]*(?:[ ,]+(?:[A-Z][\w.'’&-]*|\d{1,2}\.?)){0,5}\s*"
    r"(?:\([A-Za-z.&\- ]{1,30}\))?\s*(?:_|--|—|–|-)\s+)(?=[A-Z\"“‘'`(\d])"
)
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A date on its own ("Saturday, January 8, 2005") or glued before the first sentence.
DATE_PREFIX = re.compile(
    rf"(?:{WEEKDAY},?\s*)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*\d{{4}}|"
    rf"\d{{1,2}}\s+{MONTH},?\s*\d{{4}}|\d{{4}}[-/]\d{{1,2}}[-/]\d{{1,2}})\s*[,:.\-–—]?\s*"
)


def trim_dateline(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start`` past a date or a dateline that opens a paragraph (where wires put them);
    keep the range as is otherwise."""
    if start > 0 and text[start - 1] != "\n":
        return start, end
    for pattern in (DATE_PREFIX, DATELINE):
        match = pattern.match(text, start, end)
        if match and match.end() < end and (text[match.end()].isupper()
                                            or text[match.end()] in "\"“‘'`("):
            start = match.end()
    return start, end
