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

import functools
import os.path
import re

from newsweave import lexicon

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# (a two-word agency before its first word: "Rex Features" must not leave "Features" behind)
_AGENCIES = (r"(?:Reuters|REUTERS|AP|AFP|EPA|Getty(?: Images)?|GETTY|Bloomberg|PA|Xinhua|Corbis|"
             r"Rex(?: Features)?|Zuma(?: Press)?|Sipa(?: Press)?|Polaris|Alamy|Eyevine|Barcroft)")

_FURNITURE = re.compile(
    "|".join((
        # comment policies, terms, subscriptions, corrections
        r"\bcomments? (?:policy|section|are (?:closed|moderated|reviewed))\b",
        r"\bcomments? (?:are|is) not (?:pre-?screened|screened|moderated|reviewed)\b",
        r"\bcomments? (?:have been |were |are )?edited for (?:length|clarity)\b",
        # a comment system's badges ("SuperFan badge holders consistently post smart, timely
        # comments ...", "Fact Checkers contribute questions, information and facts to ...")
        r"\bbadge holders?\b", r"(?-i:\bSuperFan\b)", r"(?-i:\bFact Checkers contribute\b)",
        # a show's or a site section's promotion
        r"\bbrought to you by\b", r"\btune in\b", r"\bwatch [A-Z][\w&]* at \d",
        r"(?-i:\bRETWEET\b)",  # a sidebar's feed of tweets
        r"\bour (?:comment|community) (?:policy|guidelines|standards)\b",
        r"\bterms of (?:use|service)\b", r"\bprivacy policy\b", r"\bclick here\b",
        r"\bsign up (?:for|to)\b", r"\bsubscribe (?:to|now)\b", r"\bnewsletter\b",
        r"\ball rights reserved\b", r"\beditor'?s note\b",
        r"\bviews expressed\b.{0,60}\bdo not (?:necessarily )?(?:represent|reflect)\b",
        r"(?:\u00a9|\(c\)|\bcopyright) ?\d{4}\b", r"\bor its affiliated companies\b",
        r"\b(?:story|article|report) (?:has been|was) (?:updated|corrected)\b",
        r"\b(?:the following )?correction (?:was|has been) (?:printed|published|made)\b",
        # a correction notice: "A Page One article misstated the date of ...", "An earlier
        # version of this article misidentified ..."
        r"^\s*(?:an?|the) (?:[\w-]+ ){0,3}(?:article|story|report|headline|caption|version)\b"
        r"[^.]{0,80}? (?:misstated|misidentified|misspelled|misquoted|misattributed|"
        r"incorrectly (?:said|stated|reported|identified|gave))\b",
        # ... and a wire's correction, which repeats the error it corrects: "In a story Nov.
        # 21, The Associated Press reported that victims have until Wednesday ..."
        r"(?-i:^\s*(?:[A-Z][\w .,]{0,40}--\s*)?In (?:a|an|its) (?:story|article|report|item)"
        r"(?: published| filed)?(?: on)? [^,]{3,30}, (?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*){0,4} "
        r"(?:erroneously |incorrectly |mistakenly |wrongly )?(?:reported|said|stated|quoted))",
        # a standfirst's byline ("..., write Samer Mohajer and Fay Rajpar in Beirut."), a live
        # chat's notice ("Bill Nye was online Friday, May 28, at 1 p.m. ET to discuss ...")
        r"(?-i:,\s+writes?\s+[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2}"
        r"(?:\s+and\s+[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2})?"
        r"(?:\s+in\s+[A-Z][\w'\u2019-]+)?[.!]?\s*$)",
        r"\bwas online\b.{0,80}\bto discuss\b",
        # ... and a reader's question in it, headed by where the reader writes from
        # ("Laurel, Md.: Charles Krauthammer writes today that ...")
        r"(?-i:^\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2},\s(?:[A-Z][a-z]{1,4}\.|[A-Z]{2}|"
        r"[A-Z][a-z]+):\s)",
        # captions and credits
        r"\b(?:photo|image|picture)s? (?:by|courtesy of|credit)\b", r"\bgetty images\b",
        r"\bap photo\b", r"\bfile photo\b",
        # a link list's item: "Article | MIAMI -- BP advanced ...", "Video | Crews ..."
        r"(?:^|\s)(?:article|video|photos?|gallery|audio|graphic|interactive|slideshow)\s*\|\s",
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
        r"^\s*here (?:is|are) (?:the|a|an) (?:full |complete )?(?:transcript|text|video|"
        r"statement|timeline|list)\b",
        # a fact box's lead-in: "Following are the latest political and military
        # developments in the Libyan crisis."
        r"^\s*(?:following|below) (?:is|are) (?:the |some )?(?:latest|main|key|highlights|"
        r"facts|details|reactions|excerpts|a (?:timeline|chronology|factbox|list))\b",
        # a site's help line and print note: "userhelp@site.co.uk", "This article was
        # published on guardian.co.uk"
        r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", r"\b(?:this|the) (?:article|story) was (?:first )?"
        r"published on\b",
        # a finance page's data notes: "Market indexes are shown in real time, except ...",
        # "All times are ET", "can be held liable"
        r"\b(?:indexes|indices|quotes|prices) are (?:shown|displayed|delayed)\b",
        r"^\s*all times are\b", r"\bcan(?:not)? be held liable\b",
        # a correction's amended figure or wording: "The total for Africa should have been"
        r"^\s*the (?:total|figure|number|name|headline|caption|date)\b[^.]{0,40}? should have "
        r"(?:been|read|said)\b",
        # a data vendor's notice and a network's list of its reporters' handles
        r"\bdisclaimer\b", r"\b(?:is|are) proprietary to\b", r"\blicensed for use\b",
        # the reporting's own process: "CNN was unable to get a response from ...", "did not
        # respond to requests for comment"
        r"\b(?:was|were) unable to (?:get|obtain|reach)\b[^.]{0,60}\b(?:response|comment)\b",
        r"\bdid not (?:immediately )?(?:respond|reply) to (?:a |several |repeated )?requests? "
        r"for comment\b",
        r"\(@\w+\)",
        r"\bcontinue reading\b", r"\bread (?:more|the full story)\b", r"\bmore headlines\b",
        r"\bexplore (?:all of )?our\b", r"\bdelivered to your inbox\b",
        r"\bis an? (?:[\w-]+ )?blog (?:devoted|dedicated) to\b",
        # a posting or update line: "POSTED: December 08, 2010", "Updated 9: 01 AM EDT"
        r"\b(?:posted|updated|last updated)\s*:?\s*(?:\d|(?:on )?[A-Z][a-z]+ \d)",
        # a reader comment's header: "At 07:55 am on 16 Jun 2010, MJ wrote:"
        r"\b\d{1,2}[:.]\d{2}\s*[ap]\.?m\.? on \d{1,2} \w+ \d{4}, [^.]{1,40} wrote\s*:",
        # a list of bullets flattened into one sentence ("\u2022 A \u2022 B", "cents A cents B")
        r"(?:(?:\u2022|(?<![\w$])cents)\s+[A-Z][^\u2022]{3,200}?){2}",
        r"\bfollow (?:the|our) (?:latest|live) (?:updates|news|coverage|blog)\b",
        r"\b(?:related|recommended) (?:stories|articles)\b",
        # reader call-outs
        r"\b(?:tell us|get in touch|email us|let us know|have your say|share your "
        r"(?:story|stories|experience|experiences|views|thoughts|photos))\b",
        r"\bcomment on this (?:blog )?(?:post|story|article)\b",
        r"\bwe(?:'d| would) (?:like|love) to hear\b",
        # a blog's category tag, a site's edition picker, a broadcast's schedule note
        r"\bfiled under\s*:", r"\bdefault edition\b", r"\bYES \| NO\b",
        r"^\s*note\s*:[^.]{0,80}\bwill (?:air|be (?:broadcast|shown|aired))\b",
        # a programme's blurb: "Panorama examines ...", "Jo Lee asks if lessons ..."
        r"(?-i:^\s*(?:In [^,]{1,40}, )?(?!(?:It|This|That|He|She|They|We|You|I)\s)"
        r"(?:[A-Z][\w.'-]*\s+){1,4})(?:examines|investigates|"
        r"explores|asks (?:if|whether|why|how|what)|reports on|takes a look at|looks at|"
        r"hears from|tells the story of)\b",
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


# A news agency's name glued by the page to the next sentence: "Reuters Barack Obama today
# risked ...", "AP2010 President Obama will ..." (a caption credit and its year), or a wire's
# credit in brackets that opens the report: "(Reuters) BP's role in ...".
_AGENCY_GLUED = re.compile(
    r"^\s*(?:(?:Reuters|AP|AFP|EPA|Getty Images|Bloomberg|Xinhua)(?:\s*(?:19|20)\d\d)?\s+"
    rf"(?=[A-Z][a-z]+ [A-Z]|[A-Z]{{2,}}['\u2019]s )|\({_AGENCIES}\)\s*(?:[-\u2013\u2014]+\s*)?"
    r"(?=[A-Z\"\u201c]))")


def agency_end(sentence: str) -> int:
    """Where the sentence starts after a news agency's name glued in front of it by the page
    (0 when there is none): the agency followed straight by a name in Title Case, or the
    agency in brackets.

    >>> s = "Reuters Barack Obama today compared the spill to a war."
    >>> s[agency_end(s):]
    'Barack Obama today compared the spill to a war.'
    >>> s = "(Reuters) BP's role in the talks is being questioned."
    >>> s[agency_end(s):]
    "BP's role in the talks is being questioned."
    >>> agency_end("Reuters reported that the talks failed."), agency_end("AP Moody said.")
    (0, 0)
    >>> s = "Reuters BP's embattled boss is set to be replaced."
    >>> s[agency_end(s):]
    "BP's embattled boss is set to be replaced."
    """
    match = _AGENCY_GLUED.match(sentence)
    return match.end() if match else 0


# A handout's credit and a wire's dateline glued in front of the report: "NOAA, via AP NEW
# ORLEANS -- The tropical storm ...".
_VIA_CREDIT_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][\w.&'-]*\s+){{0,3}}[A-Z][\w.&'-]*,?\s+via\s+{_AGENCIES}\s+"
    r"(?:[A-Z][A-Z.'-]+(?:,?\s+[A-Z][A-Za-z.'-]+){0,3}\s*)?(?:--|\u2014|\u2013|-)\s*(?=[A-Z\"\u201c])")


def glued_credit_end(sentence: str) -> int:
    """Where the sentence starts after a photographer's or an agency's credit glued in front
    of it (``credit_end``, ``agency_end``; 0 when there is none).

    >>> s = "NOAA, via AP NEW ORLEANS -- The tropical storm could send skimmers back to port."
    >>> s[glued_credit_end(s):]
    'The tropical storm could send skimmers back to port.'
    """
    via = _VIA_CREDIT_DATELINE.match(sentence)
    return via.end() if via else credit_end(sentence) or agency_end(sentence)


def _headline_list(sentence: str) -> bool:
    """A link list flattened into one sentence: three or more parts split by semicolons, the
    inner ones short and without an article ("Troops fight in Mali streets; Iraq bombs target
    Kurds; horsemeat recipes"). A sentence's own list of clauses has articles or long parts."""
    parts = [p.split() for p in sentence.split("; ")]
    if len(parts) < 3:
        return False
    inner = parts[1:-1]
    return all(len(p) <= 6 and not {w.lower() for w in p} & {"the", "a", "an", "and"}
               and not any(w.endswith(",") for w in p) for p in inner)


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
    >>> is_furniture("Article | MIAMI -- BP advanced on the final lap toward a fix.")
    True
    >>> is_furniture("Following are the latest developments in the crisis."), is_furniture(
    ...     "Following the talks, the ministers agreed a plan.")
    (True, False)
    >>> is_furniture("Comments are not pre-screened before they post.")
    True
    >>> is_furniture("SuperFan badge holders consistently post smart, timely comments.")
    True
    >>> is_furniture("Some comments edited for length or clarity.")
    True
    >>> is_furniture("The latest and greatest on the site, brought to you by the team.")
    True
    >>> is_furniture("Watch AC360 at 8 & 10 p.m. ET. Anderson is reporting live from Cairo.")
    True
    >>> is_furniture("If you need help using the site: help@example.co.uk Call us.")
    True
    >>> is_furniture("Market indexes are shown in real time, except for the index.")
    True
    >>> is_furniture("The total for Africa should have been 4,651,000 barrels a day.")
    True
    >>> is_furniture("CNN was unable to get a response from the government on the report.")
    True
    >>> is_furniture("By Friday the company had paid out $2 million in claims.")
    False
    >>> is_furniture("Officials urged viewers to watch the skies at night.")
    False
    >>> is_furniture("The president said he would follow the latest advice from doctors.")
    False
    >>> is_furniture('He said: "We will see what happens..."')
    False
    >>> is_furniture("Troops fight in Mali streets; Iraq bombs target Kurds; horsemeat recipes")
    True
    """
    if _FURNITURE.search(sentence) or _headline_list(sentence):
        return True
    stripped = sentence.rstrip()
    # an ellipsis inside an open quotation is the speaker trailing off, not a cut
    return bool(_CUT_OFF.search(stripped)) and stripped.count('"') % 2 == 0 and \
        stripped.count("\u201c") == stripped.count("\u201d")


# ----------------------------------------------------------------- a flattened page's head
# A crawl that flattened a page to one paragraph glues its head to the lead: headline,
# standfirst, a photo and its caption, a byline and a timestamp come before the first sentence
# of the report, with no full stop between them ("Attorney general feared court challenge
# Weapons evidence was crucial Thursday 28 April 2005 12.48 BST Tony Blair was told ...").
# The head ends at the last of these markers that follow one another closely.
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_TIMESTAMP = (
    rf"\b(?:{_WEEKDAY},?\s+)?\d{{1,2}}\s+{_MONTH}\s+\d{{4}},?\s+\d{{1,2}}[.:]\d{{2}}"
    r"(?:\s*[ap]\.?m\.?)?(?:\s+(?:BST|GMT|CET|CEST|EST|EDT|ET|UTC|UK))?\b"
    rf"|\b(?:{_WEEKDAY},?\s+)?{_MONTH}\.?\s+\d{{1,2}},\s+\d{{4}}[;,]?\s+(?:-\s+)?\d{{1,2}}\s*[.:]\s*"
    r"\d{2}"
    r"\s*[AaPp]\.?[Mm]\.?(?:\s+(?:ET|EST|EDT|BST|GMT))?"
    rf"|\b\d{{1,2}}[:.]\d{{2}}(?:\s+(?:UK|GMT|BST|local)\s+time)?,?\s+{_WEEKDAY},?\s+\d{{1,2}}\s+"
    rf"{_MONTH}\s+\d{{4}}"
    # a page's stamp with a two-digit year and a zone: "07 February 12 00:35 GMT"
    rf"|\b\d{{1,2}}\s+{_MONTH}\s+\d{{2}}\s+\d{{1,2}}[.:]\d{{2}}\s+"
    r"(?:BST|GMT|CET|CEST|EST|EDT|ET|UTC)\b"
    # a page's stamp of its last update, and the help link after it: "14 August 2012 Last
    # updated at 10:46 GMT Help"
    rf"|\b(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\s+)?(?:Page\s+)?[Ll]ast\s+updated\s+at\s+"
    r"\d{1,2}[.:]\d{2}(?:\s+(?:BST|GMT|CET|CEST|EST|EDT|ET|UTC))?(?:\s+Help\b)?"
)
_CREDIT = (
    rf"\b(?:Photograph|Photo|Picture)s?\s*:\s*(?:[^.:]{{0,60}}?\\?/)?{_AGENCIES}"
    # (a photographer's name of one or two words: "Reuters/Eliana Aponte Mexico City lowered
    # ..." goes on with "Mexico City"; "Getty Images" with its lower-case "images" too)
    rf"(?:\\?/(?:{_AGENCIES}|[A-Z][\w'-]+(?: [A-Z][\w'-]+)?)(?: [Ii]mages)?)?"
    r"(?=\s*(?:$|[A-Z\"\u201c(\d]))"
    r"|\((?:AP|AFP|Reuters|The Associated Press)(?: Photo[^)]{0,60})?\)"
    r"|,\s+via\s+(?:AP|Reuters|AFP)\b"
    # a wire photographer's credit after the caption: "REUTERS/Suhaib Salem"
    r"|\b(?:REUTERS|AFP)\\?/[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}"
)
# a caption block's label: "Photo, top to bottom: People look at ...", "Pictured: ..."
_CAPTION_LABEL = re.compile(r"\b(?:Photos?|Pictures?|Pictured|Images?)(?:, [a-z ]{3,30})?:\s")
# (a credit ends the caption before it: the report goes on with a new sentence)
# "NEW ORLEANS -- NEW ORLEANS (AP) --", "PENSACOLA BEACH, Fla. --": a wire dateline
_WIRE_DATELINE = (r"\b[A-Z]{2,}(?:[ .,'-]+[A-Z][A-Za-z.]*){0,4}\s*(?:\([A-Za-z .]{1,25}\)\s*)?"
                  r"(?:--|\u2014|\u2013)\s")
_BYLINE_BAR = (r"\bBy [A-Z][\w.'-]+(?: (?:and )?[A-Z][\w.'-]+){0,5}\s*\|"
               # "12:48 PM | by: Jonathan Serrie The Coast Guard ...": a name of two or three
               # words after a bar, up to the word that opens the report
               r"|\|\s*[Bb]y:\s+[A-Z][\w.'-]+(?: (?!(?:The|A|An|In|On|At)\b)[A-Z][\w.'-]+){1,2}\b")
# "By Tim Lister and Emily Smith, CNN", "By the CNN Wire Staff": a byline that names its outlet
_BYLINE_OUTLET = (r"\bBy [A-Z][\w.'-]+(?: (?:and )?[A-Z][\w.'-]+){0,5}, [A-Z]{2,5}\b(?= [A-Z])"
                  r"|\bBy the [A-Z]{2,5} Wire Staff\b")
# "By Laurence Knight Business reporter, BBC News": a correspondent's byline, which comes before
# the page's standfirst
_BYLINE_CORRESPONDENT = (r"\bBy [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}\s+(?:[A-Z][a-z]+\s+){0,2}"
                         r"(?:reporter|correspondent|editor),?\s+(?:BBC News|(?!BBC News)"
                         r"[A-Z]{2,5})(?= [A-Z])")
_HEAD_MARK = re.compile("|".join((_TIMESTAMP, _CREDIT, _WIRE_DATELINE, _BYLINE_BAR,
                                  _BYLINE_OUTLET, _BYLINE_CORRESPONDENT)))
_BYLINE_CORRESPONDENT_RE = re.compile(_BYLINE_CORRESPONDENT)
# "Cairo, Egypt (CNN) --": a dateline with its wire's credit opens the report, whatever came
# before it in the paragraph (a byline, then a page's highlights run together without stops)
CREDITED_DATELINE = re.compile(
    r"\b[A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*){0,4}\s*\((?:CNN|AP|Reuters|AFP)\)\s*"
    r"(?:--|\u2014|\u2013|-)\s")  # (Reuters writes one hyphen: "UNITED NATIONS (Reuters) - ")
_CREDITED_DATELINE_WITHIN = 1200
# "... the Louisiana Coast. AP NEW ORLEANS -- A device ...": the last caption's credit, then the
# wire's dateline: the photos' captions (several sentences each) end there
_CREDIT_THEN_DATELINE = re.compile(
    r"(?<=[.!?\"\u201d] )(?:AP|Reuters|AFP|Getty Images)\s+[A-Z]{2,}(?:[ .,'-]+[A-Z][A-Za-z.]*)"
    r"{0,4}\s*(?:--|\u2014|\u2013)\s")
# "A BP worker inspects a pipeline in Alaska. BP BP is in talks to sell ...", "... BP BP's
# Twitter account was hacked": a photo caption whose credit is the name the report opens on
_CREDIT_THEN_ITS_NAME = re.compile(r"(?<=[.!?] )([A-Z][A-Za-z]{1,20}) (\1(?:['\u2019]s | (?:is|has|"
                                   r"was|said|says|will|had|would|could|may|plans|agreed)\b))")
# How many sentences of captions may come before that dateline.
_CAPTION_SENTENCES = 8
_CREDIT_RE = re.compile(_CREDIT)


def _is_credit(match: re.Match) -> bool:
    return _CREDIT_RE.fullmatch(match.group()) is not None
# a sentence ends at ". " before a capital (a caption before a credit, say)
_SENTENCE_END = re.compile(r"[.!?][\"\u201d')]?\s+(?=[\"\u201c(A-Z0-9])")
# Markers further apart than this are not one head: text between them is the report.
_HEAD_GAP = 350


# (kept for the last texts read: an article's quotes, and each actor's stance passages in it,
# ask again)
@functools.lru_cache(maxsize=256)
def lead_start(text: str) -> int:
    """Where the report begins in a first paragraph that carries the page's head: after the
    last timestamp, photo credit, wire dateline or byline that follow each other closely from
    the paragraph's start (0 when there is none).

    >>> s = ("Minister quits over fund Critics had called for it Wednesday 27 April 2005 16.50"
    ...      " BST The minister resigned on Tuesday.")
    >>> s[lead_start(s):]
    'The minister resigned on Tuesday.'
    >>> s = "Oil on a beach. (AP Photo) MIAMI -- Oil reached the coast on Friday."
    >>> s[lead_start(s):]
    'Oil reached the coast on Friday.'
    >>> s = ("Ex-PM says regime is collapsing 14 August 2012 Last updated at 10:46 GMT Help "
    ...      "The former prime minister has said the regime is collapsing.")
    >>> s[lead_start(s):]
    'The former prime minister has said the regime is collapsing.'
    >>> s = ("KARSA (Reuters) -- Rebels took the port. Air strikes rocked the city. Nothing was "
    ...      "hit. KARSA, Aug 18 (Reuters) -- Rebels took a refinery. BREL, Karsa (Reuters) -- "
    ...      "Driving the soldiers from this town came at a price.")
    >>> s[lead_start(s):lead_start(s) + 20]
    'Rebels took the port'
    >>> lead_start("The minister resigned on Tuesday. He was 64.")
    0
    """
    first = text.find("\n")
    paragraph = text if first < 0 else text[:first]
    pos = 0
    last_mark = 0
    for match in _HEAD_MARK.finditer(paragraph):
        # a head holds no report: at most a caption's sentence before a credit, a standfirst
        # and a caption before a timestamp or a dateline
        ends = len(_SENTENCE_END.findall(paragraph, pos, match.start() + 1))
        if match.start() - pos > _HEAD_GAP or ends > (1 if _is_credit(match) else 2):
            break
        pos, last_mark = match.end(), match.start()
    opened = CREDITED_DATELINE.match(paragraph)
    # (a page that opens on a wire's dateline reports from there: a later dateline is another
    # report's, as on a page of teasers, "ZAWIYAH, Libya (Reuters) -- Libyan rebels seized ...
    # GARYAN, Libya (Reuters) -- Driving ...")
    dateline = None if opened is not None and pos <= opened.end() else \
        CREDITED_DATELINE.search(paragraph, pos, _CREDITED_DATELINE_WITHIN)
    if opened is not None and pos <= opened.end():
        pos = opened.end()
    elif dateline and len(_SENTENCE_END.findall(paragraph, pos, dateline.start())) <= 4:
        pos = dateline.end()
    elif (dateline := _CREDIT_THEN_DATELINE.search(paragraph, pos, _CREDITED_DATELINE_WITHIN)) \
            and len(_SENTENCE_END.findall(paragraph, pos, dateline.start())) <= _CAPTION_SENTENCES:
        pos = dateline.end()
    # (a correspondent's byline comes before the standfirst: "By Jo Lee Political
    # correspondent, BBC News David Cameron is facing calls ... The pressure on ...")
    byline = pos > 0 and (m := _BYLINE_CORRESPONDENT_RE.match(paragraph, last_mark)) is not None \
        and m.end() == pos
    if pos == 0 and (repeated := _CREDIT_THEN_ITS_NAME.search(paragraph, 0, _HEAD_GAP)) and \
            len(_SENTENCE_END.findall(paragraph, 0, repeated.start())) <= 2:
        pos = repeated.start(2)
    while pos < len(paragraph) and paragraph[pos] in " ,;:-|":
        pos += 1
    if first < 0 and (pos == 0 or byline):
        # (after a byline, a standfirst or a caption may still run into the report)
        glued = _glued_head_end(paragraph[pos:])
        pos += glued if glued or pos else _headline_again(paragraph)
    return pos


def _headline_again(paragraph: str) -> int:
    """Where the report opens on the name its headline opened on, in the headline's first
    sentence (0 when it does not): "US President Barack Obama 'to extend oil drilling ban' BP
    hope to stem the flow ... well US President Barack Obama is set to extend ...". The name
    (two capitalised words at least) comes back after a word in lower case that does not run
    on into it, and a verb follows it.

    >>> s = "Ann Roe 'to quit' Shares rose on the news Ann Roe is to go, the firm said."
    >>> s[_headline_again(s):]
    'Ann Roe is to go, the firm said.'
    >>> _headline_again("Gulf of Mexico leak grows Oil has reached the Gulf of Mexico is ...")
    0
    """
    name = []
    for word in paragraph[:_GLUE_WINDOW].split():
        if not (word[:1].isupper() or word in _NAME_PARTICLES or _PARTICLE_LED.match(word)):
            break
        name.append(word)
    if sum(w[:1].isupper() for w in name) < 2 and not (
            len(name) == 1 and len(name[0]) >= 4 and name[0].isalpha()):
        # (one word may do: "Russia threatens UN veto ... meeting, diplomats say Russia has
        # threatened to veto ...")
        return 0
    stop = _SENTENCE_END.search(paragraph, 0, _GLUE_WINDOW)
    again = re.compile(r"(?<=[a-z] )" + r"\s+".join(map(re.escape, name)) + _VERB_AFTER)
    for match in again.finditer(paragraph, len(" ".join(name)), stop.start() if stop else
                                _GLUE_WINDOW):
        before = paragraph[:match.start()].split()[-1]
        if before.isalpha() and before.islower() and before not in RUNS_ON | BEFORE_A_NAME:
            # ("... the UN peace envoy Kofi Annan has warned": a title before the name runs on)
            return match.start()
    return 0


# Nouns written before a name ("oil giant BP", "the state news agency Xinhua", "fellow Sen.").
BEFORE_A_NAME = lexicon.PEOPLE_NOUNS | lexicon.ORG_NOUNS | frozenset(
    "giant agency network channel newspaper paper daily magazine station broadcaster fellow "
    "former late rival counterpart colleague partner son daughter wife husband brother sister "
    "mother father friend neighbour neighbor lawyer professor economist chairman ceo boss "
    "president minister secretary senator governor mayor king queen prince general admiral "
    "commander captain colonel sergeant actor actress singer star striker coach player "
    "manager owner candidate author writer editor reporter correspondent columnist "
    "photographer host anchor producer director founder titled named called dubbed "
    "nicknamed".split())
_NAME_PARTICLES = frozenset({"of", "al", "el", "bin", "ibn", "de", "da", "van", "von", "la"})
_PARTICLE_LED = re.compile(r"[a-z]{1,3}-[A-Z]")  # "al-Assad"
_VERB_AFTER = (r"(?=\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|"
               r"should|says|said|told|tells)\b)")


# A page flattened to one paragraph with no mark after its headline: "Papers assess BP oil
# spill fallout The Daily Mail is infuriated ...". The report starts at a word that opens
# sentences (an article, a preposition, a number, a plural noun of people) written right after
# a headline's last word, with no punctuation between. Only words a headline can end on count
# before it: not a preposition, an article or a verb of saying ("told The Times" runs on), not
# a word with a comma, and a capitalised word only inside a Title Case headline.
_LEAD_OPENERS = (
    r"(?:The|A|An|In|On|At|After|As|When|While|More|Some|Many|Most|Millions|Thousands|"
    r"Hundreds|Dozens|Fifty|Forty|Thirty|Twenty|Ten|Two|Three|Four|Five|Six|Seven|Eight|Nine|"
    r"Oil|President|Police|Officials|Engineers|Workers|Fighters|Rebels|Troops|Scientists|"
    r"Experts|Analysts|Residents)")
_GLUE = re.compile(r"(?<=\S) (" + _LEAD_OPENERS + r") (?=[a-zA-Z0-9])")
RUNS_ON = frozenset(
    "to by of in on at for from with said says told tells reported reports according and or "
    "but that than as is was are were be been the a an its their his her our into about over "
    "under against between across per via after before during while since until like near "
    "behind beyond within without toward towards amid among upon versus vs".split())
_GLUE_WINDOW = 300
# Openers no verb takes as its object with no article between.
_ARTICLE_OPENERS = frozenset({"The", "A", "An", "In", "On", "At", "After", "As", "When", "While"})
# Words a capital letter names a kind of: "Plan A", "Type A", "Grade A".
_NAMED_BY_LETTER = frozenset(
    "plan type grade vitamin exhibit section class group category part schedule division "
    "league series block gate building appendix team formula level route row hall wing "
    "platform terminal pier stand lot unit ward zone area sector".split())


def _glued_head_end(paragraph: str) -> int:
    """Where the report begins after a headline glued to it (0 when none is found).

    >>> s = "Papers assess BP oil spill fallout The Daily Mail is angry at the president."
    >>> s[_glued_head_end(s):]
    'The Daily Mail is angry at the president.'
    >>> s = "Massive Oil Spill Washes Ashore in the Gulf Millions of gallons have leaked."
    >>> s[_glued_head_end(s):]
    'Millions of gallons have leaked.'
    >>> _glued_head_end("The minister told The Times on Monday that he would resign.")
    0
    """
    window = paragraph[:_GLUE_WINDOW]
    stop = re.search(r"[.!?][\"\u201d\u2019']? +[A-Z0-9\"\u201c]", window)
    end = stop.start() if stop else len(window)
    caps = _CAPS_LEAD_IN.search(window, 0, end)
    if caps is not None:
        return caps.start()
    fallback = None
    for match in _GLUE.finditer(window, 0, end):
        words = window[:match.start()].split()
        if len(words) < 3:
            continue
        before = words[-1]
        title_case = len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)
        follows = window[match.end():].split()[:1]
        if before[-1:] in ",;" or before.lower().strip("'\u2019") in RUNS_ON:
            continue
        if before.endswith("ed") and before[:1].islower() and \
                match.group(1) not in _ARTICLE_OPENERS:
            continue  # "... Shaaban, right, attended President Assad's meeting": its object
        if title_case and not (follows and follows[0][:1].islower()):
            continue  # "Gulf Oil Rigs Moving": still the headline
        if before[:1].islower() or before[:1].isdigit() or title_case:
            return match.start(1)
        if fallback is None and match.group(1) in ("A", "An") and before[:1].isupper() and \
                before.lower() not in _NAMED_BY_LETTER and not before.endswith(("'s", "\u2019s")):
            # ("in Houla A UN official now says": a capitalised article inside a sentence
            # after a name is where the next sentence begins; "Plan A", "Vitamin A" are not,
            # nor a title after an owner, "Clare Short's An Honourable Deception"); only when
            # no surer glue comes later (a caption's "A relief well ..." before the lead's)
            fallback = match.start(1)
    return fallback or 0


# A newspaper's lead-in in capitals after a headline's last word: "BP oil spill report is a
# start, but wait for other probes to get answers AS IT RELEASED its report on ...".
_CAPS_LEAD_IN = re.compile(
    r"(?<=[a-z] )(?:AS|IN|ON|AT|THE|AN?|WHEN|WHILE|IT|FOR|AFTER|WITH|IF|BY|SINCE|THIS|THERE|"
    r"ONE|TWO|THREE|LAST|EVERY|NOT|FEW|MANY|MOST|NO|WHAT|HOW|FROM|ONLY|EVEN|UNTIL|ONCE)"
    r"(?: [A-Z][A-Z'\u2019-]*){2,5}(?= [a-z])")


# Words that open a report's sentence and never follow a noun without punctuation inside
# one: a capitalised one right after a caption's last word is where the report resumes.
_RESUMING = frozenset(
    "The A An In On At After As When While Some Many Most This These It He She They But "
    "However Meanwhile Earlier Later Before Since During Despite Although Around About Nearly "
    "Almost More Yesterday Today Now Nowhere Never Seldom Rarely For That There Those We".split())
# Subject pronouns, which open a sentence when written with a capital ("I" aside).
_SUBJECT_PRONOUNS = frozenset({"He", "She", "They", "We"})
FINITE_TAGS = lexicon.FINITE_TAGS  # (imported from here by the story stages)
_CLOSING_MARKS = frozenset({'"', "\u201d"})
_COUNT_WORDS = frozenset("One Two Three Four Five Six Seven Eight Nine Ten Several Dozens "
                         "Hundreds Thousands".split())
# Names that no sentence runs into a capitalised "The": a place's, a person's.
_NAMED_KINDS = frozenset({"GPE", "LOC", "FAC", "PERSON", "NORP", "ORG", "DATE"})
_NOT_A_CAPTION_END = frozenset({"VERB", "AUX", "ADP", "DET", "CCONJ", "SCONJ", "PART", "PRON"})


def glued_caption_end(doc, start: int, end: int) -> int:
    """Where the report resumes in a sentence that a caption or headline without a full stop
    runs into ("Fighters of the rebel army, who want to topple the regime The European Union
    imposed ..."), or ``start`` when it does not. Read on the parse: the word before the
    glue ends a noun phrase (not a verb, preposition or article, so "ran The Times" runs on),
    and what follows the glue is a clause of its own (it has a finite verb)."""
    if doc is None:
        return start
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) < 8:
        return start
    # (a caption that ends on its source is the last furniture before the report: a headline
    # may come before it, "Fish deaths raise questions The dead fish ..., officials say
    # Officials in the parish ...")
    credited = [tok for tok in span[3:-3] if _after_credit_line(doc, tok, span)]
    if credited:
        return credited[-1].idx
    for tok in span[3:-3]:
        prev = doc[tok.i - 1]
        if tok.text in _COUNT_WORDS and prev.is_alpha and prev.text.islower() and \
                prev.pos_ not in ("ADP", "DET", "CCONJ", "SCONJ", "PART", "PRON") and \
                doc[tok.i + 1].is_alpha and doc[tok.i + 1].text.islower() and \
                prev.idx + len(prev) == tok.idx - 1 and any(
                    t.tag_ in FINITE_TAGS for t in doc[tok.i:span.end]):
            # "... since the disaster began One of BP's top bosses is due ...": a count word
            # with a capital inside a sentence starts another
            return tok.idx
        if tok.text in _RESUMING and prev.text in _CLOSING_MARKS and tok.i >= 2 and \
                doc[tok.i - 2].is_alpha and prev.idx + len(prev) == tok.idx - 1 and \
                _clause_follows(doc, tok, span):
            # 'X\'s representative: "Those who order attacks are liable for their actions" In
            # the vote, ...': a quotation closed on a word, with no stop inside it, then a word
            # that opens sentences: a caption's quotation run into the report
            return tok.idx
        if tok.text in _SUBJECT_PRONOUNS and prev.is_alpha and prev.text.islower() and \
                prev.idx + len(prev) == tok.idx - 1 and tok.dep_ in ("nsubj", "nsubjpass") and \
                _clause_follows(doc, tok, span):
            # "... how the oil industry operates They are ex-Democratic Senator ...": a
            # capitalised subject pronoun never stands inside a sentence, whatever word ends
            # the caption before it
            return tok.idx
        if tok.text not in _RESUMING or not prev.is_alpha or \
                prev.idx + len(prev) != tok.idx - 1 or prev.lower_ in RUNS_ON:
            continue
        ends_phrase = prev.dep_ == "prt" or prev.pos_ not in _NOT_A_CAPTION_END
        if prev.text[:1].isupper():
            # "... by Israel This operation": a name, then the next word in lower case
            nxt = doc[tok.i + 1]
            # ... or a place or a person, then "The" ("in northern Syria The UN envoy ...",
            # "against President Assad The Arab League's ..."): no sentence runs a place's or a
            # person's name into "The"
            ends_phrase = ends_phrase and prev.pos_ == "PROPN" and (
                nxt.text[:1].islower() or (
                    # "... to end violence in Syria For 16 months, troops have ...": a name,
                    # then a preposition that opens a time phrase with a number
                    tok.pos_ == "ADP" and nxt.like_num) or (
                    # "... in a massacre in Houla A UN official now says": a capitalised "A"
                    # after a name ("Plan A", "Texas A & M" aside)
                    tok.text in ("A", "An") and prev.lower_ not in _NAMED_BY_LETTER
                    and nxt.is_alpha) or (
                    tok.text == "The" and prev.ent_type_ in _NAMED_KINDS and any(
                        t.tag_ in FINITE_TAGS for t in doc[span.start:tok.i])))
        elif not prev.text.islower():
            continue
        if ends_phrase and _clause_follows(doc, tok, span):
            return tok.idx
    return start


def _clause_follows(doc, tok, span) -> bool:
    """Whether the words from ``tok`` to the span's end are a clause of their own: five words
    at least, with a finite verb."""
    rest = doc[tok.i:span.end]
    return len(rest) >= 5 and any(t.tag_ in FINITE_TAGS for t in rest)


def _after_credit_line(doc, tok, span) -> bool:
    """Whether ``tok`` opens the report right after a caption or promo line that ends on its
    source, with no full stop between: "... freshwater eel, officials say Officials in the
    parish have called for ...", "... a bloody new phase, says Jim Muir The army ...". A
    sentence never runs on from ", officials say" or ", says Jim Muir" into a capitalised
    subject; the words after must be a clause of their own."""
    prev = doc[tok.i - 1]
    if not (tok.is_alpha and tok.text[:1].isupper() and prev.is_alpha
            and prev.idx + len(prev) == tok.idx - 1):
        return False
    if not (tok.text in _RESUMING or tok.lower_ in lexicon.PEOPLE_NOUNS):
        return False
    back = doc[max(span.start, tok.i - 5):tok.i]
    words = [t.lower_ for t in back]
    if prev.lower_ in {"say", "says"}:
        # ", officials say", ", US officials say": a comma, then a few words of who
        comma = next((k for k in range(len(back) - 2, -1, -1) if back[k].text == ","), None)
        tail = back[comma + 1:-1] if comma is not None else None
        if tail is None or not 1 <= len(tail) <= 3 or not all(
                t.pos_ in {"NOUN", "PROPN", "ADJ"} for t in tail):
            return False
    elif prev.pos_ == "PROPN" and "says" in words:
        # ", says Jim Muir": a comma right before "says", then only the name
        at = len(words) - 1 - words[::-1].index("says")
        if at == 0 or back[at - 1].text != "," or not all(
                t.pos_ == "PROPN" for t in back[at + 1:]):
            return False
    else:
        return False
    return _clause_follows(doc, tok, span)


_COMMENT_HEADER = re.compile(
    r"(?:\bAt\s+)?\b\d{1,2}[:.]\d{2}\s*[ap]\.?m\.? on \d{1,2} \w+ \d{4}, [^.]{1,40} "
    r"wrote\s*:"
    # a 24-hour clock and an ordinal day: "At 12:34 1st Jun 2012, ghostofsichuan wrote:"
    r"|\bAt \d{1,2}:\d{2} \d{1,2}(?:st|nd|rd|th) [A-Z][a-z]{2,8} \d{4}, \S{1,40} wrote\s*:",
    re.I)


# a comment system's stamp after each reader comment: "February 3, 2011 at 2:59 pm |"
# (or before it: "Posted by: morphy | May 27, 2010 6:00 PM | Report abuse")
_COMMENT_STAMP = re.compile(rf"\b{_MONTH} \d{{1,2}}, \d{{4}},? at \d{{1,2}}:\d{{2}} ?[ap]\.?m\.?"
                            r"\s*\||\bPosted by: [^|]{1,40}\| " + rf"{_MONTH} \d{{1,2}}, \d{{4}},? "
                            r"\d{1,2}:\d{2} ?[AaPp]\.?[Mm]\.? \| Report abuse"
                            # "Posted by breezinthru | Report as abusive"
                            r"|\bPosted by \S{1,40} \| Report as abusive\b"
                            # a blog's stamp after each comment, the second of which marks a
                            # thread: "Posted by Garry on May 1, 2005 09:36 PM."
                            rf"|(?<=\. )Posted by [^.|]{{1,40}} on {_MONTH} \d{{1,2}}, \d{{4}},? "
                            r"\d{1,2}:\d{2} ?[AaPp]\.?[Mm]\.?(?=[\s\S]{1,1500}?"
                            rf"Posted by [^.|]{{1,40}} on {_MONTH} \d)")
# the policy a site puts above its readers' comments: "We welcome comments that advance the
# story ...", "Views expressed in the comments do not represent ..."
_COMMENT_POLICY = re.compile(r"\bWe welcome comments\b|\bViews expressed in the comments\b|"
                             r"\bComments are not pre-?screened\b")


def comment_thread_start(text: str) -> int | None:
    """Where a page's thread of reader comments starts: its first comment header ("At 10:02am
    on 3 May 2009, jo wrote:") or the first stamp a comment ends on ("February 3, 2011 at
    2:59 pm |"; the comment before that stamp cannot be told from the report's end and stays).

    >>> comment_thread_start("Oil rose. I agree. May 3, 2011 at 2:59 pm | No way. May 3, 2011"
    ...                      " at 3:00 pm | Report abuse")
    19
    >>> comment_thread_start("Oil rose on May 3, 2011 at 2:59 pm, traders said.") is None
    True
    >>> comment_thread_start("Comment posted May 3, 2011 at 2:59 pm | Oil rose.") is None
    True
    >>> comment_thread_start("Oil rose. I agree. Posted by: jo | May 27, 2010 6:00 PM | "
    ...                      "Report abuse No way.")
    19
    >>> comment_thread_start("Oil rose. I agree. Posted by jo | Report as abusive No way.")
    19
    >>> comment_thread_start("Oil rose. At 12:34 1st Jun 2012, jo_1 wrote: No way.")
    10
    >>> comment_thread_start("Oil rose. We welcome comments that advance the story. Me too.")
    10
    >>> t = ("Oil rose. Posted by jo on May 1, 2005 09:36 PM. No way. Posted by al on May 1, "
    ...      "2005 10:02 PM.")
    >>> comment_thread_start(t), comment_thread_start(t[:48])
    (10, None)
    """
    # ("Comment posted January 27, 2011 at 7:59 pm |" is a page head's latest-comment widget,
    # which ``lead_start`` skips, not the thread)
    stamp = next((m for m in _COMMENT_STAMP.finditer(text)
                  if not re.search(r"\bposted\s*$", text[max(0, m.start() - 20):m.start()],
                                   re.I)), None)
    found = [m.start() for m in (_COMMENT_HEADER.search(text), stamp,
                                 _COMMENT_POLICY.search(text)) if m is not None]
    return min(found) if found else None


def norm_sentence(text: str) -> str:
    return " ".join(text.split()).lower()


def shared_page_heads(texts: list[tuple[str, str]]) -> set[str]:
    """First sentences that open two or more pages whose next sentences differ: a site's
    header or sidebar headline crawled with each page ("2 men charged in death of Chicago
    teen ..."), not one report's lead carried by its copies. ``texts`` holds each page's first
    and second sentence (or, read from the end, its last and the one before).

    >>> sorted(shared_page_heads([("Menu: storm hits.", "Oil rose."), ("Menu: storm hits.",
    ...     "Gold fell."), ("A lead.", "Oil rose."), ("A lead.", "Oil rose.")]))
    ['menu: storm hits.']
    """
    seconds: dict[str, set[str]] = {}
    for first, second in texts:
        seconds.setdefault(norm_sentence(first), set()).add(norm_sentence(second))
    return {first for first, after in seconds.items() if first and len(after) >= 2}


def repeated_page_ends(articles) -> set[str]:
    """Sentences (normalised) that open, or close, two or more of the articles with different
    sentences next to them: a site's header, or a promotion crawled at the foot of each page
    ("Hopes for a negotiated settlement remain alive, says Jim Muir."), not the report's."""
    heads, tails = [], []
    for article in articles:
        sentences = article.layer("sentences")
        if len(sentences) >= 2:
            heads.append((article.text[sentences[0].start:sentences[0].end],
                          article.text[sentences[1].start:sentences[1].end]))
            tails.append((article.text[sentences[-1].start:sentences[-1].end],
                          article.text[sentences[-2].start:sentences[-2].end]))
    return shared_page_heads(heads) | shared_page_heads(tails) | _shared_glued_tails(
        [last for last, _ in tails])


def _shared_glued_tails(lasts: list[str], least: int = 50) -> set[str]:
    """The end two pages' different last sentences share (``least`` characters at least,
    from a word's start): a promotion crawled at each page's foot, run into the page's own last
    line on one of them ("BACK {current} of {total} NEXT Hopes for a negotiated settlement
    remain alive, says Jim Muir." and the promotion alone).

    >>> sorted(_shared_glued_tails(["NEXT Hopes remain alive for a negotiated settlement, says "
    ...     "Jo Lee.", "Hopes remain alive for a negotiated settlement, says Jo Lee."]))
    ['hopes remain alive for a negotiated settlement, says jo lee.']
    """
    # (compared only within groups that end alike, so a story of hundreds of pages stays quick)
    groups: dict[str, list[str]] = {}
    for norm in sorted({norm_sentence(t) for t in lasts if len(t) >= least}):
        groups.setdefault(norm[-30:], []).append(norm)
    out: set[str] = set()
    for norms in groups.values():
        for i, a in enumerate(norms):
            for b in norms[i + 1:]:
                shared = os.path.commonprefix([a[::-1], b[::-1]])[::-1]
                if len(shared) < least:
                    continue
                # (from a word's start in both)
                whole = len(shared) in (len(a), len(b)) or \
                    a[-len(shared) - 1] == " " == b[-len(shared) - 1]
                shared = shared if whole else shared[shared.find(" ") + 1:]
                if len(shared) >= least:
                    out.add(shared)
    return out


def among_repeated(sentence: str, repeated: set[str]) -> bool:
    """Whether ``sentence`` is one of the ``repeated_page_ends`` or carries one glued to it at
    its end or start ("... international airspace Hopes for a negotiated settlement remain
    alive, says Jim Muir.": the site's promotion run into the page's last line).

    >>> among_repeated("Oil rose Hopes remain alive for a deal in the region, says Jo Lee.",
    ...                {"hopes remain alive for a deal in the region, says jo lee."})
    True
    """
    norm = norm_sentence(sentence)
    if norm in repeated:
        return True
    return any(len(r) >= 40 and (norm.endswith(" " + r) or norm.startswith(r + " "))
               for r in repeated)


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """The character ranges of ``text`` that are page furniture, not report: a flattened
    page's head (``lead_start``), each photo caption with its credit (the sentence before a
    credit), and a comment thread (from the first reader comment's header to the end).

    >>> t = "A man walks on a beach. Photograph: Jo Lee/Reuters The spill grew. It rained."
    >>> [t[a:b].strip() for a, b in furniture_ranges(t)]
    ['A man walks on a beach. Photograph: Jo Lee/Reuters']
    """
    ranges = []
    head = lead_start(text)
    if head:
        ranges.append((0, head))
    for match in re.finditer(_CREDIT, text):
        if match.end() <= head:
            continue
        ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, match.start() - 400),
                                                         max(0, match.start() - 1))]
        start = ends[-1] if ends else max(0, match.start() - 400)
        label = [m.start() for m in _CAPTION_LABEL.finditer(text, max(0, match.start() - 600),
                                                             start)]
        if label:
            # a labelled caption of several sentences: from its label ("Photo, top to
            # bottom: ... March 22, 2011. The jet crashed ..., a spokesman said. REUTERS/...")
            start = label[-1]
        ranges.append((max(start, head), match.end()))
    thread = comment_thread_start(text)
    if thread is not None:
        ranges.append((thread, len(text)))
    return ranges


def article_lead_start(article) -> int:
    """``lead_start`` of an article's text, worked out once per text (kept in
    ``article.cache``): the summary and the timeline both read from there."""
    if article.cache.get("lead_text") is not article.text:
        article.cache["lead_start"] = lead_start(article.text)
        article.cache["lead_text"] = article.text
    return article.cache["lead_start"]


def in_furniture(article, start: int, end: int) -> bool:
    """Whether the article's text range ``[start, end)`` lies mostly in page furniture (its
    ranges are worked out once per article and kept in ``article.cache``)."""
    ranges = article.cache.get("furniture_ranges")
    if ranges is None or article.cache.get("furniture_text") is not article.text:
        ranges = furniture_ranges(article.text)
        article.cache["furniture_ranges"] = ranges
        article.cache["furniture_text"] = article.text
    length = max(1, end - start)
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in ranges)
    return covered * 2 > length


# ----------------------------------------------------------------- captions without a credit
# A photo caption tells what the picture shows in the present tense: "President Obama speaks
# from the Oval Office ...", "Oil floats around a rig ...", "X, left, listens to Y".
_CAPTION_VERBS = {
    "speaks", "listens", "stands", "sits", "walks", "waits", "waves", "arrives", "attends",
    "gestures", "floats", "surveys", "testifies", "poses", "smiles", "reacts", "watches",
    "pauses",
    "greets", "looks", "swarm", "walk", "stand", "sit", "wait", "listen", "gesture", "arrive",
    "pose", "react", "watch", "look", "float", "holds", "hold", "leaves", "leave", "delivers",
    "washes", "cross", "crosses", "gather", "gathers", "wear", "wears", "hug", "hugs", "pray",
    "prays", "mourn", "mourns", "queue", "queues", "chant", "chants", "march", "marches",
    "carry", "carries", "use", "uses", "clean", "cleans", "display", "displays", "shout",
    "shouts"}
_NOT_CAPTION = {"said", "says", "say", "told", "will", "would", "was", "were", "has", "have",
                "had", "is", "are", "could", "can", "may", "might", "should", "did", "been"}
_CAPTION_MARK = re.compile(r"\((?:L-R|R-L|left|right|center|centre)\)|"
                           # (case-sensitive: "(L)", "(2nd R)" mark who stands where)
                           r"(?-i:\((?:L|\d(?:st|nd|rd|th) [LR])\))|"
                           r"\((?:top|bottom|far|second from|front|back) (?:left|right|row)\b"
                           r"[^)]{0,30}\)|, (?:left|right|"
                           r"center|centre|second (?:left|right)|foreground|background),|"
                           r"\bpictured\b|\bis seen\b|\bare seen\b|\bshown here\b", re.I)


# a full day with its year closing the sentence: "..., Friday Nov. 1, 2002.", "... on Jan. 24,
# 2011."
# (a feed may put a comma after the month too: "... southwest of Benghazi February, 27, 2011.")
_DATE_LAST = re.compile(rf"(?:,|\bon|\b[A-Z][a-z]+)\s+(?:{_WEEKDAY},?\s+)?{_MONTH}\.?,?\s+"
                        r"\d{1,2},\s+\d{4}\.?\s*$")
# words before which a participle describes a noun ("of detained activist X"), not a past verb
_BEFORE_ADJECTIVE = {"of", "the", "a", "an", "by", "with", "for", "in", "on", "to", "his", "her",
                     "their", "its"}


_AFTER_PRESENT_VERB = {"a", "an", "the", "to", "at", "with", "in", "on", "his", "her", "their",
                       "its", "up", "out", "during"}


def _present_verb(words: list[str]) -> bool:
    """A present-tense verb of the third person after a subject ("Fans make", "X makes",
    "Protesters, holding ..., demonstrate"): a lower-case word after a capitalised word or a
    comma-closed aside, among the first words."""
    lower = [w.lower() for w in words]
    return any((w.endswith("s") and not w.endswith("ss") and words[i - 1][:1].isupper() and
                i + 1 < len(lower) and lower[i + 1] in _AFTER_PRESENT_VERB)
               or w in _CAPTION_VERBS for i, w in enumerate(lower[1:10], 1)) or \
        bool(set(lower[1:16]) & {"demonstrate", "protest", "rally", "march", "gather", "pray",
                                 "celebrate", "shout", "chant", "hold", "wave", "make",
                                 "prepare", "patrol", "inspect", "guard"})


# (a gallery's captions run together, each after the last one's credit: "... AP July 12: The
# new cap is lowered over the wellhead")
_DATED_CAPTION = re.compile(rf"^\s*(?:{_AGENCIES}\s+)?(?:{_WEEKDAY}|{_MONTH}\.? \d{{1,2}}"
                            rf"(?:, \d{{4}})?)\s*:\s*[A-Z]")
# A picture told in the present passive ("is lowered", "are seen"): what a dated caption shows.
_PRESENT_PASSIVE = re.compile(r"\b(?:is|are) (?:being )?[a-z]+(?:ed|en|wn)\b")


# A video's credit line: "Michelle Fleury reports from New York."
_REPORTS_FROM = re.compile(r"\s*(?:The BBC's |BBC )?[A-Z][\w'-]+(?: [A-Z][\w'-]+){1,2} "
                           r"reports (?:from|on)\b[^.!?]{0,60}[.!?]?\s*$")


def is_caption(sentence: str) -> bool:
    """Whether a sentence reads as a photo caption: a position marker ("(L-R)", ", left,"),
    or a present-tense verb of what a picture shows among the first words with no verb of
    report or past tense anywhere.

    >>> is_caption("President Obama speaks from the Oval Office on the oil spill.")
    True
    >>> is_caption("Oil floats around a rig at the site of the spill in the Gulf May 31.")
    True
    >>> is_caption("Wednesday: The president and his deputy meet with BP executives.")
    True
    >>> is_caption("Wednesday: The president met BP executives.")
    False
    >>> is_caption("AP July 12: The new cap is lowered over the broken wellhead in the Gulf.")
    True
    >>> is_caption("July 12: The well was capped."), is_caption("May 3: A boom is placed.")
    (False, True)
    >>> is_caption("The president speaks often, aides said.")
    False
    >>> is_caption("A surge in oil and gas causes an explosion on the rig.")
    False
    >>> is_caption("A protester carries a poster of Khaled Said in Tahrir Square.")
    True
    >>> is_caption("Protesters march to the palace."), is_caption("On March 5, he spoke.")
    (True, False)
    >>> is_caption("Rebels prepare for attacks at a checkpoint near Karsa February, 27, 2011.")
    True
    >>> is_caption("Jo Lee reports from New York."), is_caption("Ann Roe (top left) waits.")
    (True, True)
    >>> is_caption("Ann Roe (L) spoke after a meeting with Tom Hale (2nd R) in Dover.")
    True
    >>> is_caption("His son, Tom Hale, pauses during an interview in Dover March 10, 2011.")
    True
    """
    if _CAPTION_MARK.search(sentence) or _REPORTS_FROM.match(sentence):
        return True
    dated = _DATED_CAPTION.match(sentence)
    words = re.findall(r"[A-Za-z'’-]+", sentence)
    lower = [w.lower() for w in words]
    # (the month "May" is no modal)
    # (a capitalised word inside the sentence is a name: "a poster of Khaled Said")
    # (a closing day with its year lets "of detained activist X" be a description, not a
    # verb in the past)
    dated_last = _DATE_LAST.search(sentence) is not None
    if dated and _PRESENT_PASSIVE.search(sentence) and not \
            {w.lower() for w in words if w != "May"} & (_NOT_CAPTION - {"is", "are"}):
        return True
    if {w.lower() for i, w in enumerate(words) if w != "May" and (i == 0 or w[:1].islower())} \
            & _NOT_CAPTION or \
            any(w.endswith("ed") and w[:1].islower() and not (
                dated_last and i > 0 and words[i - 1].lower() in _BEFORE_ADJECTIVE)
                for i, w in enumerate(words[:12])):
        return False
    if dated and set(lower) & (_CAPTION_VERBS | {"meet", "meets", "visits", "tours", "talks"}):
        return True  # "Wednesday: X and Y meet with ...": a dated picture, not past news
    if dated_last and _present_verb(words):
        # "Fans make an appearance in Key West, Fla., Friday Nov. 1, 2002.": a picture's day
        # told in the present, the way a caption (never a report) tells it
        return True
    for i, word in enumerate(lower[1:12], 1):
        if word in _CAPTION_VERBS and words[i] != "March":  # (the month is no verb)
            # a subject before it: a name, or a noun ("Oil", "Workers")
            return words[i - 1][:1].isupper() or i >= 2
    return False


# ----------------------------------------------------------------- does a sentence read alone
# A connective or a contrast inside the first clause: "Zoellick, by contrast, asked ...".
_INNER_CONNECTIVE = re.compile(
    r"^[^,.;:]{1,60}, (?:by contrast|in contrast|however|meanwhile|for (?:his|her|its|their) "
    r"part|in turn|too|though|instead|likewise|similarly|in response|on the other hand|"
    r"as well|in addition|also|then|therefore|thus|nonetheless|nevertheless),"
    # ("On 25 May however, BP revealed ...": the comma before it left out)
    r"|^[^,.;:]{1,40} (?:however|nonetheless|nevertheless),"
    # ("Dr Chan was confident, however.": a contrast closing the sentence)
    r"|.*, (?:however|though|instead|nonetheless|nevertheless|too|as well)[.!]?[\"\u201d']?$"
    # ("Asked if that officer is him, ...": the question points back at what was just told)
    # ("Asked if he ..., Rogozin said" names its "he" after: it stays)
    r"|^Asked (?:if|whether|about|what|how|why) (?:that|this|these|those)\b", re.I)
# An ordinal or "the latter" as the subject: "The second, by Tony Hall, ...".
_ORDINAL_SUBJECT = re.compile(
    r"^(?:the )?(?:first|second|third|fourth|fifth|latter|former|last|other|others|rest|"
    r"remainder)(?:,| of (?:them|these|those|the two|the three|whom)\b| (?:is|was|were|are|"
    r"has|had|have|will|would|said|says)\b)", re.I)
# A bare count as the subject, its noun left in the sentence before: "Some 1,200 got on
# chartered flights today" (not "Some 1,200 Americans got ...").
_BARE_COUNT = re.compile(
    r"^(?:some|about|around|nearly|almost|more than|over|at least|another|only|just)? ?"
    r"[\d][\d,.]* (?:more |others? |of them |of those )?(?:were|was|are|is|have|had|has|got|"
    r"died|remain|remained|will|would|said|say|says|left|fled|returned)\b", re.I)


def bare_count(sentence: str) -> bool:
    """Whether the sentence's subject is a count whose noun is in the sentence before."""
    return _BARE_COUNT.match(sentence.strip()) is not None


# An event named only by a definite noun, as if told before: "shouted for joy at the news".
_ANAPHORIC_EVENT = re.compile(
    r"\b(?:at|by|on|over|after|following|about) the (?:news|announcement|decision|move|remarks?|"
    r"incident|development|ruling|verdict|possibility|idea|matter|allegations?|accusations?)"
    r"(?! (?:of|that|to|by|on|in|from|about|for)\b)"
    # "In the altered version of the photo, ...": a picture shown before
    r"|\b(?:of|in) the (?:photo|photograph|picture|image|video|footage|clip)\b"
    r"(?! (?:of|that|which|from|taken|released|posted|shot)\b)"
    # "Some are funny, like ...": a quantity of things named before
    r"|^(?:Some|Others|Many|Most|Several|A few)(?: of them)? (?:are|were|have|had|will|would|can|"
    r"could|also|even)\b"
    # "The diplomatic development comes as ...", "The move follows ...": news told before
    r"|^(?:The|This|That|These|Those|Such) (?:[a-z-]+ ){0,2}(?:development|move|decision|"
    r"announcement|news|step|steps|incident|ruling|visit|meeting|attack|statement|remarks|"
    r"comments|deal|agreement|report|call|appeal|offer|warning|claim|claims|arrest|"
    r"resignation|talks|trip|change|changes) (?:comes?|came|follows?|followed)\b"
    # "Ronald Reagan attended four of them": a part of things named before
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|all|both|each|either|neither|"
    r"none|some|many|most|several|few|half|any|part|much) of (?:them|those|these)\b", re.I)
# A document named only as "the report", as if introduced before, as the source: "..., the
# report concludes.", "According to the study, ...".
_ANAPHORIC_SOURCE = re.compile(
    r"(?:, (?:the|this) (?:report|study|statement|document|letter|survey|review|audit|memo|"
    r"inquiry|analysis|paper) (?:said|says|concludes|concluded|found|finds|adds|added|states|"
    r"stated|notes|noted)[.!]?[\"\u201d']?\s*$)|^According to (?:the|this) (?:report|study|"
    r"statement|document|letter|survey|review|audit|memo|inquiry|analysis|paper),", re.I)
# A columnist's own voice outside quotation marks, or an aside to the reader.
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself)\b|\b(?:we|our|us)\b|^(?:We|Our)\b|"
                           r"^Let(?:'s|’s| us)\b|"
                           # the reader addressed: a feature's "you will receive different
                           # answers", a transcript's "you see a real stark difference"
                           r"\b(?:you|your|yours|yourself)\b|^(?:You|Your)\b")
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")
# A bare definite or quantified subject, a lone noun or one with common words before it, that
# takes its referent from before: "The plant will remain closed", "All workers were treated",
# "The new drill site is half a mile away", "The most essential facts are emerging" (not "The
# Airbus A330", "The US government", "The shooting of a boy", which say more of what they
# mean: a name or what follows the noun).
_VERB_WORDS = (r"(?:will|would|was|were|is|are|has|have|had|can|could|may|might|must|should|"
               r"did|does|do|remains?|remained|began|begins|said|says)")
_BARE_SUBJECT = re.compile(
    r"^(?:The|All|Both|All the|All of the) (?:(?:most|more|least) )?(?:(?!" + _VERB_WORDS +
    r"\b)[a-z][\w-]* ){0,2}(?!" + _VERB_WORDS + r"\b)([a-z][\w-]*?)(?:'s)?"
    r"(?=,? " + _VERB_WORDS + r"\b| [-\u2013\u2014:] )")


# "this symbol of defiance", "these symptoms": a demonstrative before a noun that is no time
_DEMONSTRATIVE = re.compile(
    r"\b(?:this|these|those) (?!(?:year|week|month|morning|afternoon|evening|weekend|time|"
    r"summer|winter|spring|autumn|fall|season|century|decade|day|is|was|are|were|will|would|"
    r"has|have|had)\b)[a-z]{3,}")
# "that" as a determiner after a preposition ("In that interview, ...", "since that time") or
# a quotation opening on "That's" ('"That's what scares me," said ...'): told before
_THAT_BEFORE = re.compile(r"\b(?:in|at|on|from|during|by|after|since|of|before|for|with) that "
                          r"(?!is\b|was\b|are\b|were\b|has\b|had\b|will\b|would\b)[a-z]{3,}",
                          re.I)
_QUOTED_THAT = re.compile(r"^[\"\u201c'\u2018](?:That|This)(?:'s|\u2019s| is| was)\b")
# a pronoun as the subject after an opening phrase: "As a seafarer in Waterworld, he fought"
_LATE_PRONOUN = re.compile(r"^[A-Z][^.;:\"\u201c]{1,100}?, (?:he|she|it|they|his|her|its|their)\b|"
                           r"^[A-Z][a-z]+ly,? (?:it|he|she|they)\b")
# a quotation with no attribution: '"I have no livelihood left."'
_WHOLE_QUOTE = re.compile(r"^[\"\u201c][^\"\u201c\u201d]+[.!?]\s*[\"\u201d]$")


def points_back(sentence: str) -> bool:
    """Whether the sentence needs the sentence before it to be read: a contrast or a
    connective in its first clause, an ordinal subject ("The second,"), or an event named
    only as "the news" or "the decision".

    >>> points_back("Zoellick, by contrast, asked to see Falluja.")
    True
    >>> points_back("The second, by Tony Hall, looked at media handling.")
    True
    >>> points_back("Iranian media said the sailors 'shouted for joy' at the news.")
    True
    >>> points_back("Two attempts were made to destroy this symbol of defiance last year.")
    True
    >>> points_back("As an unnamed, be-gilled seafarer, he fought for a greater cause.")
    True
    >>> points_back("Clearly it's the system that's at fault.")
    True
    >>> points_back('"I have no livelihood left."')
    True
    >>> points_back("Some 1,200 got on chartered flights today.")
    True
    >>> points_back("Some 1,200 Americans got on chartered flights today.")
    False
    >>> points_back("The first person to receive the award was a private this week.")
    False
    >>> points_back("The diplomatic development comes as the fighting intensifies.")
    True
    >>> points_back("Ronald Reagan attended four of them in his eight years in office.")
    True
    >>> points_back("Officials welcomed the news of the rescue.")
    False
    >>> points_back('"There is oil here," he said when asked about the possibility.')
    True
    >>> points_back("The failure was a result of inefficiency, the report concludes.")
    True
    >>> points_back("A Senate report says the failure was a result of inefficiency.")
    False
    >>> points_back("In that interview, the president compared the spill to 9/11.")
    True
    >>> points_back("\u201cThat is what scares me now,\u201d replied Michael Burgess.")
    True
    >>> points_back("He said in an interview that officials had known.")
    False
    >>> points_back("On 25 May however, the firm revealed its inquiry.")
    True
    >>> points_back("The health chief was confident, however."), points_back(
    ...     "However hard the talks were, the envoys agreed a deal.")
    (True, False)
    >>> points_back("Asked if that officer is him, the commandant said yes.")
    True
    >>> points_back("Asked about the spill, the commandant said it was over.")
    False
    """
    unquoted = _QUOTED.sub(" ", sentence)
    return bool(_INNER_CONNECTIVE.match(sentence) or _ORDINAL_SUBJECT.match(sentence)
                or bare_count(sentence)
                or _ANAPHORIC_EVENT.search(sentence) or _DEMONSTRATIVE.search(unquoted)
                or _ANAPHORIC_SOURCE.search(sentence.strip())
                or _THAT_BEFORE.search(unquoted) or _QUOTED_THAT.match(sentence.strip())
                or _LATE_PRONOUN.match(sentence) or _WHOLE_QUOTE.match(sentence.strip()))


# An opinion page's disclaimer or byline: "The opinions expressed in this commentary are solely
# those of Jo Lee", "By Jo Lee, Special to CNN".
_COMMENTARY = re.compile(
    r"\b(?:opinions|views) expressed (?:in this (?:commentary|column|article|piece|op-ed|"
    r"blog post|essay) )?are (?:solely |entirely )?(?:those of|the author's|the writer's|"
    r"(?:his|her|their) own)\b|^\s*By [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}, Special to [A-Z]",
    re.IGNORECASE | re.MULTILINE)


def is_commentary(text: str) -> bool:
    """Whether the page is an opinion piece by its own disclaimer or byline: its sentences are
    the writer's views, not news to state as fact.

    >>> is_commentary("Graft kills. The opinions expressed in this commentary are solely "
    ...               "those of Jo Lee.")
    True
    >>> is_commentary("The minister said the views expressed were wrong.")
    False
    """
    return _COMMENTARY.search(text) is not None


def has_timestamp(sentence: str) -> bool:
    """Whether a sentence carries a posting time ("Friday, June 4, 2010; 1:00 PM", "Wednesday
    27 April 2005 16.50 BST"): a page's head or a chat transcript glued to it.

    >>> has_timestamp("Friday, June 4, 2010; 1:00 PM Jo Lee: Hi, this is Jo Lee.")
    True
    >>> has_timestamp("07 February 12 00:35 GMT As Lavrov heads to Syria, Jo Lee assesses it.")
    True
    >>> has_timestamp("The rig exploded at 9.45pm on 20 April.")
    False
    """
    return bool(re.search(_TIMESTAMP, sentence))


# A crosshead glued before a sentence: "TONY HAYWARD AND THE PR DRIVE One lightning rod ...".
_CROSSHEAD = re.compile(r"^[A-Z][A-Z'\u2019&,-]*(?: [A-Z][A-Z'\u2019&,-]*){2,} [A-Z][a-z]")
# An attribution cut from its quotation: "Coast Guard Adm. Thad Allen said."
_ATTRIBUTION_ONLY = re.compile(r"^(?:[A-Z][\w.'\u2019-]*,? ){1,7}(?:said|says|added|told "
                               r"reporters|explained|noted)\.$")


def is_fragment(sentence: str) -> bool:
    """A crosshead glued to the sentence, or an attribution whose quotation was cut off.

    >>> is_fragment("TONY HAYWARD AND THE PR DRIVE One lightning rod has been the chief.")
    True
    >>> is_fragment("Coast Guard Adm. Thad Allen said."), is_fragment("NATO said it would act.")
    (True, False)
    """
    return bool(_CROSSHEAD.match(sentence) or _ATTRIBUTION_ONLY.match(sentence))


def first_person(sentence: str) -> bool:
    """Whether the sentence speaks in a writer's own voice outside quotation marks ("At a
    dinner, I heard ...", "Let's see, ...", or to the reader: "you will find"): a column's
    aside, not a report.

    >>> first_person("At a recent dinner, I heard a dean remark on it.")
    True
    >>> first_person('"We will make BP pay," Obama said.')
    False
    >>> first_person("The US and Iran met."), first_person("We'll call it a day.")
    (False, True)
    >>> first_person("Across Syria, you will receive different answers to the question.")
    True
    """
    return bool(_FIRST_PERSON.search(_QUOTED.sub(" ", sentence)))


def bare_subject(sentence: str) -> str | None:
    """The head noun of a bare definite or quantified subject ("The plant will ..." ->
    "plant"), which a reader can resolve only from an earlier sentence; None otherwise.

    >>> bare_subject("The plant will remain closed indefinitely, Kraft said.")
    'plant'
    >>> bare_subject("All workers were treated and released.")
    'workers'
    >>> bare_subject("The cause - three cables that were damaged Friday.")
    'cause'
    >>> bare_subject("The new drill site is about half a mile from the well.")
    'site'
    >>> bare_subject("The Airbus A330 was last heard at 22:30."), bare_subject(
    ...     "The shooting of a boy by police unleashed a wave of unrest.")
    (None, None)
    """
    match = _BARE_SUBJECT.match(sentence)
    return match.group(1) if match else None


def stands_alone(sentence: str) -> bool:
    """Whether a sentence can open a summary or name a story: not furniture or a caption, not
    in a writer's own voice, and not pointing back to an earlier sentence (a pronoun or a
    connective first, a contrast, an ordinal subject, a bare definite subject).

    >>> stands_alone("A gunman shot two workers at a Kraft plant in Philadelphia.")
    True
    >>> stands_alone("The plant will remain closed indefinitely, Kraft said.")
    False
    """
    from newsweave.stories.summarize import opens_on_reference

    return not (is_furniture(sentence) or is_caption(sentence) or first_person(sentence)
                or has_timestamp(sentence) or is_fragment(sentence)
                or points_back(sentence) or bare_subject(sentence)
                or opens_on_reference(sentence))


# ----------------------------------------------------------------- a story's title
_TITLE_MAX = 120
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|Sen|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr|"
                           r"Prof|Rev|Adm|No|Inc|Corp|Co|Ltd|Fla|Ala|La|Calif|Tex|Mass|Jan|Feb|"
                           r"Aug|Sept|Oct|Nov|Dec)|\b[A-Z])\.$")
# a caption's credit left before the next sentence: "(YouTube) Lawmakers are ..."
_CREDIT_FIRST = re.compile(r"^\([A-Z][\w .]{0,25}\)\s*")


def readable_headline(line: str, min_words: int = 3) -> bool:
    """Whether a line can name a story: three words or more, mostly words (not a date, a
    timestamp or a table line), and no furniture.

    >>> readable_headline("Kraft Shooting: Yvonne Hiller Charged With Two Counts Of Murder")
    True
    >>> readable_headline("9 / 10 / 2010 @ 1: 19PM"), readable_headline("By Jane Doe")
    (False, False)
    >>> readable_headline("Marlow bridge closed after cracks found")
    True
    """
    words = re.findall(r"[A-Za-z][A-Za-z'’-]+", line)
    if len(words) < min_words or sum(len(w) for w in words) < 0.6 * len(line.replace(" ", "")):
        return False
    return not (is_furniture(line) or re.match(r"(?i)^\s*(?:by|written by)\s+[A-Z]", line)
                or re.fullmatch(rf"(?i)[\W\d]*(?:{_WEEKDAY}|{_MONTH})\b[\w\s,.:;/@-]*", line))


def _shorten(text: str) -> str:
    if len(text) <= _TITLE_MAX:
        return text
    return text[: _TITLE_MAX - 1].rsplit(" ", 1)[0] + "\u2026"


_CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b-\x1f\x7f]")


def display_title(title: str | None, text: str) -> str:
    """A story title from an article: its title when that is a readable headline, else its
    first short line that is one, else the first sentence of the report (after a flattened
    page's head) that reads alone; never a caption, a byline or a timestamp. Falls back to
    the text's first line, cut short.

    >>> display_title("9 / 10 / 2010 @ 1: 19PM", "9 / 10 / 2010 @ 1: 19PM\\n\\n"
    ...               "Woman Kills Two In Plant Shooting\\nA woman ...")
    'Woman Kills Two In Plant Shooting'
    >>> display_title(None, "Minister quits Critics had called for it Wednesday 27 April 2005"
    ...               " 16.50 BST The minister of health resigned on Tuesday after a row.")
    'The minister of health resigned on Tuesday after a row.'
    """
    # a title from the metadata is the publisher's headline: two words will do ("Ferry
    # sinks"); control characters and terminal escapes in it are no part of it
    title = _CONTROL.sub("", title or "").strip()
    if title and readable_headline(title, min_words=2):
        return _shorten(title)
    lines = [line.strip() for line in text[:3000].splitlines() if line.strip()]
    for line in lines[:4]:
        if len(line.split()) <= 20 and readable_headline(line):
            return _shorten(line)
    head = lead_start(text)
    body = text[head:head + 3000]
    begin = 0
    # (not after a title or a state: "Rep. Joseph Cao", "Orange Beach, Ala. on")
    ends = [m.end() for m in _SENTENCE_END.finditer(body)
            if not _ABBREVIATION.search(body, 0, m.start() + 1)] + [len(body)]
    for end in ends[:12]:
        sentence = _CREDIT_FIRST.sub("", body[begin:end].strip())
        begin = end
        words = len(sentence.split())
        if 6 <= words <= 45 and sentence[-1:] in ".!\"\u201d'" and stands_alone(sentence):
            return _shorten(sentence)
    first = lines[0] if lines else (title or "")
    return _shorten(first)
