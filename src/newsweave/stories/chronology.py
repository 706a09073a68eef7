"""Chronology pages: "Here is a timeline of the civil war ...: February 15/16, 2011 - The
arrest of ... sparks a riot in Benghazi. February 24 - Militias take Misrata ...". Each line
tells another day's event in the present tense by convention, so a line read without its day
(as a summary sentence is) states an old event as the day's news (issue 12: a February arrest
opened the summary of an October story). The timeline reads such lines with their days
(``timeline.chronology_line``); the summary leaves the page out.
"""
from __future__ import annotations

import re
from itertools import islice

from newsweave.stories.furniture import _MONTH as _MONTH_NAME

_MONTH = _MONTH_NAME + r"\.?"
# A day heading a line: a day (or two, "15/16"), an optional year, then a dash or a colon
# and a capitalised word: "September 11 - ", "Feb 15/16, 2011 - ".
_DAY = (rf"(?:{_MONTH}\s+\d{{1,2}}(?:\s*[\\/-]+\s*\d{{1,2}})?|\d{{1,2}}(?:\s*[\\/-]+\s*\d{{1,2}})?\s+"
        rf"{_MONTH})(?:,?\s+\d{{4}})?\s*[-\u2013\u2014:]\s+(?=[A-Z])")
DAY_HEADING = re.compile(_DAY)
# ... at the text's start, after a sentence's end or a colon, or after a line break
_LINE_HEAD = re.compile(r"(?:^|(?<=[.!?:]\s)|(?<=\n))" + _DAY)
# So many lines headed by a day make a chronology.
CHRONOLOGY_LINES = 4


def is_chronology(text: str) -> bool:
    """Whether the text is a chronology: at least ``CHRONOLOGY_LINES`` lines headed by a day.

    >>> is_chronology("Here is a timeline: Feb 15, 2011 - Riots start. Feb 24 - Rebels take "
    ...               "Misrata. March 19 - Strikes begin. April 30 - A strike kills three.")
    True
    >>> is_chronology("On Feb 15 riots started. Rebels took Misrata - a port - on Feb 24.")
    False
    """
    # (counted only up to the threshold: a long page is not scanned to its end)
    return sum(1 for _ in islice(_LINE_HEAD.finditer(text), CHRONOLOGY_LINES)) >= \
        CHRONOLOGY_LINES
