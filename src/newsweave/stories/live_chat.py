"""Live question-and-answer pages: "Bill Nye was online Friday, May 28, at 1 p.m. ET to
discuss the Gulf oil spill ... Chantilly, Va.: Why is the oil still gushing out? ...". The page
is readers' questions, each headed by where the reader writes from, and a guest's answers run
into them with no mark of whose words are whose, so no sentence of it can stand in a summary as
the story's news (issue 12: a chat's notice and its readers' lines opened summaries). The
summary leaves such a page out, as it does a chronology.
"""
from __future__ import annotations

import re
from itertools import islice

# The chat's notice: "... was online Friday, May 28, at 1 p.m. ET to discuss ..."
_NOTICE = re.compile(r"\bwas online\b.{0,80}?\bto discuss\b|\bLive Q ?& ?A\b", re.IGNORECASE)
# A reader's line, headed by where they write from: "Chantilly, Va.: ", "Laurel, MD: ",
# at the text's start or after a sentence's end.
_LOCATED = re.compile(r"(?:^|(?<=[.!?)\"\u201d]\s))[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2},\s"
                      r"(?:[A-Z][a-z]{1,4}\.|[A-Z]{2}):\s")
# So many readers' lines make a chat without its notice.
CHAT_LINES = 3


def is_live_chat(text: str) -> bool:
    """Whether the text is a live chat: its notice, or ``CHAT_LINES`` readers' located lines.

    >>> is_live_chat("Ann Lee was online Monday to discuss the spill. Laurel, Md.: Why?")
    True
    >>> is_live_chat("WASHINGTON, D.C.: The storm hit. Officials said on Monday it was over.")
    False
    """
    if _NOTICE.search(text, 0, 4000):
        return True
    return sum(1 for _ in islice(_LOCATED.finditer(text), CHAT_LINES)) >= CHAT_LINES
