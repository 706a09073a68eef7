"""Page furniture that reads as a sentence: captions and credits, teasers, reader call-outs,
subscription and comment notes, bylines and author bios.

``ingest.cleanup`` drops whole lines of furniture. Text that arrives without line breaks (a
crawl that flattened the page, a data set stored as one paragraph) keeps them inside its
sentences, so the findings that quote a sentence on its own (summary sentences, timeline
entries, quotes, story titles) check it here: a sentence that carries furniture is never
shown as news. The patterns name the kind of furniture, so that a sentence that merely uses a
word such as "photo" or "follow" stays.
"""
from __future__ import annotations

import re

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_AGENCIES = r"(?:Reuters|AP|AFP|EPA|Getty(?: Images)?|Bloomberg|PA|Xinhua|Corbis|Rex)"

_FURNITURE = re.compile(
    "|".join((
        # comment policies, terms, subscriptions, corrections
        r"\bcomments? (?:policy|section|are (?:closed|moderated|reviewed))\b",
        r"\bour (?:comment|community) (?:policy|guidelines|standards)\b",
        r"\bterms of (?:use|service)\b", r"\bprivacy policy\b", r"\bclick here\b",
        r"\bsign up (?:for|to)\b", r"\bsubscribe (?:to|now)\b", r"\bnewsletter\b",
        r"\ball rights reserved\b", r"\beditor'?s note\b",
        r"\b(?:story|article|report) (?:has been|was) (?:updated|corrected)\b",
        # captions and credits
        r"\b(?:photo|image|picture)s? (?:by|courtesy of|credit)\b", r"\bgetty images\b",
        r"\bap photo\b", r"\bfile photo\b",
        r"\b(?:Photograph|Photo|Picture|Image|Illustration|Video|Graphic)s?\s*:",
        rf"\w\\?/{_AGENCIES}\b",  # "Name/Reuters" (or "Name\/AP"): a photographer's credit
        rf"^\s*{_MONTH}\.? \d{{1,2}}(?:, \d{{4}})?\s*:",  # "May 28: ..." a dated caption
        # the agency caption's "in Washington, Thursday, June 17, 2010,"
        rf", (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, {_MONTH}\.? \d{{1,2}}, \d{{4}}\b",
        r"\b(?:this )?content has been removed\b", r"\bcopyright has expired\b",
        # a print edition's note: "A version appeared on p30 of the Main section"
        r"\bappeared (?:on|in) (?:p|page )\d+ of\b",
        r"(?-i:^\s*By [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3} (?:[A-Z]|and |in |for ))",  # byline
        # teasers and navigation
        r"\bcontinue reading\b", r"\bread (?:more|the full story)\b", r"\bmore headlines\b",
        r"\bfollow (?:the|our) (?:latest|live) (?:updates|news|coverage|blog)\b",
        r"\b(?:related|recommended) (?:stories|articles)\b",
        # reader call-outs
        r"\b(?:tell us|get in touch|email us|let us know|have your say|share your "
        r"(?:story|stories|experience|experiences|views|thoughts|photos))\b",
        r"\bcomment on this (?:blog )?(?:post|story|article)\b",
        r"\bwe(?:'d| would) (?:like|love) to hear\b",
        # bylines and bios
        r"\bcontributed (?:to this (?:report|story|article)|reporting)\b",
        r"\b(?:is|was) an? (?:[\w-]+ ){0,3}(?:correspondent|columnist|reporter|contributor|"
        r"editor|writer|anchor) (?:for|at|with) (?:the |this )?[A-Z]",
    )),
    re.IGNORECASE | re.MULTILINE,
)
# A photographer's credit glued in front of a sentence by a page flattened to one paragraph:
# "Gerald Herbert/AP BP has smashed forecasts ...".
_LEADING_CREDIT = re.compile(
    rf"^\s*(?:(?:Photograph|Photo|Picture)s?\s*:\s*)?(?:[A-Z][\w.'-]*\s+){{0,3}}[A-Z][\w.'-]*"
    rf"\\?/{_AGENCIES}\b[\s:,.-]*(?=[A-Z\"\u201c])")
# A teaser cut off by the page: the sentence ends in an ellipsis outside any quotation.
_CUT_OFF = re.compile(r"(?:\.\.\.|\u2026)\s*$")


def credit_end(sentence: str) -> int:
    """Where the sentence starts after a photographer's credit glued in front of it (0 when
    there is none).

    >>> s = "Gerald Herbert/AP BP has smashed City forecasts with a jump in profits."
    >>> s[credit_end(s):]
    'BP has smashed City forecasts with a jump in profits.'
    >>> credit_end("BP has smashed City forecasts.")
    0
    """
    match = _LEADING_CREDIT.match(sentence)
    return match.end() if match else 0


def is_furniture(sentence: str) -> bool:
    """Whether ``sentence`` carries page furniture rather than only news.

    >>> is_furniture("Oil washes ashore near Venice, Louisiana. Photograph: Jane Doe/Reuters")
    True
    >>> is_furniture("May 28: workers clean a beach in Grand Isle.")
    True
    >>> is_furniture("If you have been to Mexico recently, tell us about it.")
    True
    >>> is_furniture("Rep. Ann Lee listens on Capitol Hill in Washington, Thursday, June 17, 2010.")
    True
    >>> is_furniture("By Jane Doe Presenter, World News With its chief under fire, the firm fell.")
    True
    >>> is_furniture("By Friday the company had paid out $2 million in claims.")
    False
    >>> is_furniture("The president said he would follow the latest advice from doctors.")
    False
    >>> is_furniture('He said: "We will see what happens..."')
    False
    """
    if _FURNITURE.search(sentence):
        return True
    stripped = sentence.rstrip()
    # an ellipsis inside an open quotation is the speaker trailing off, not a cut
    return bool(_CUT_OFF.search(stripped)) and stripped.count('"') % 2 == 0 and \
        stripped.count("\u201c") == stripped.count("\u201d")
