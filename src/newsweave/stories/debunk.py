"""Reports that call a story's claim a hoax: a rumour story groups the sites that repeat a
made-up report with the ones that debunk it ("Empire News is a satirical website", "Snopes
has labelled the story false"). A briefing that opens on the repeated hoax as if it were news
misleads; it opens on the debunking report instead (``summarize``).
"""
from __future__ import annotations

import re

# Words by which a report says another report is made up: generic words of fact-checking, no
# story's words. One such word may be incidental ("a satirical cartoon"); a report that
# debunks uses several.
_DEBUNKING = re.compile(
    r"\b(?:hoax(?:es)?|satir(?:e|ical)|fake[- ]news|fake (?:story|report|article|website|site)|"
    r"debunk(?:s|ed|ing)?|fabricated|bogus|untrue|not true|made[- ]up|"
    r"conspiracy theor(?:y|ies|ists?)|labell?ed (?:the (?:story|claim|report) )?[\"“‘']?false|"
    r"(?:is|was|are|were) (?:completely |entirely |demonstrably )?false)\b",
    re.IGNORECASE)


def debunks(text: str, least: int = 2) -> bool:
    """Whether a report says, in at least ``least`` different words, that a claim it tells of
    is made up.

    >>> debunks("The bogus story comes from the fake-news website Empire News.")
    True
    >>> debunks("The council published a satirical cartoon on its website.")
    False
    """
    return len({m.group().lower() for m in _DEBUNKING.finditer(text)}) >= least


# A sentence that tells of the made-up report as a report: "World News Daily Report published
# an article claiming ...", "an article entitled '...' has shocked fans".
_TELLS_OF_CLAIM = re.compile(r"\b(?:claim(?:s|ed|ing)?|entitled|alleg(?:e|es|ed|ing)|"
                             r"rumou?r(?:s|ed)?|published (?:an|a) (?:article|story|report))\b",
                             re.IGNORECASE)


def tells_the_debunk(sentence: str) -> bool:
    """Whether a sentence of a debunking report says the claim is made up, or tells of it as
    a claim.

    >>> tells_the_debunk("The site published an article claiming a ship was heading to Florida.")
    True
    >>> tells_the_debunk("Michael Jackson was the King of Pop.")
    False
    """
    return bool(_DEBUNKING.search(sentence) or _TELLS_OF_CLAIM.search(sentence))
