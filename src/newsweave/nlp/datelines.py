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
>>> trim_dateline("On Monday, Ann Roe - Karsa's mayor - resigned.", 0, 45)
(0, 45)
"""
from __future__ import annotations

import re

# A dateline before the first sentence of a report: "LONDON (AP) _ ",
# "WASHINGTON, Oct. 3 (Reuters) -", "Meadow Lake, Saskatchewan – ". Up to six capitalised
# words, an optional agency in brackets, then a dash-like separator before the sentence.
# (not a sentence's own opening words: "On Monday, Kenneth R. Feinberg -- Washington's expert
# ... -- takes over" is a subject with a dash-set aside)
DATELINE = re.compile(
    r"(?!(?:On|In|At|By|For|After|Before|When|While|As|Since|Until|During|From|With|The|An?|"
    r"But|And|If|Last|This|That|It|He|She|They|We|Yesterday|Today)\b)"
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
        if match and pattern is DATELINE and _paired_dash(text, match, end):
            continue  # "Kenneth R. Feinberg -- Washington's expert ... -- takes over"
        if match and match.end() < end and (text[match.end()].isupper()
                                            or text[match.end()] in "\"“‘'`("):
            start = match.end()
    return start, end


def _paired_dash(text: str, match: re.Match, end: int) -> bool:
    """Whether the dash a dateline match ends on opens a pair ("X -- an aside -- goes on") in
    the same sentence: an aside set off inside a sentence, not a dateline.

    >>> text = "Kenneth R. Feinberg -- Washington's expert -- takes over today."
    >>> trim_dateline(text, 0, len(text))
    (0, 63)
    """
    line = text[match.start():match.end()]
    if "(" in line or any(len(w) > 1 and w.isupper() for w in re.findall(r"[A-Za-z]+", line)):
        return False  # a wire's capitals or its agency: "NEW ORLEANS -- ... -- the Guard said"
    dash = line.rstrip()[-2:].strip()
    if not dash:
        return False
    sentence_end = text.find(". ", match.end(), end)
    rest = text[match.end():sentence_end if sentence_end >= 0 else end]
    return f" {dash} " in rest or f" {dash}" in rest.rstrip()[-3:]
