"""Pages that argue rather than report: a long text that attributes almost nothing to anyone
and speaks in the first person, in "should" and "must", and in questions. A news report tells
who said what; a column, an editorial, a commentators' round-up or a transcript states views at
length without a reporter's sources (issue 12: "The Conservative party is the worst answer to
what is wrong with Britain", from an editorial with no disclaimer, opened a summary as the
story's news). The summary leaves such a page out, as it does a page that says it is
commentary.

Measured on the Timeline17 pages of 20 sentences or more (2026-12-07): 251 of 1,819 attribute
with a reporting verb in fewer than one sentence in 20; 170 of those also argue (a marker in
at least one sentence in five), and a random 15 of the 170 were all columns, analyses,
transcripts or press reviews. Unsourced pages that do not argue are left in: they are often
explainers or reports written without attributions (a Wikinews report of a climate conference:
22 sentences, no reporting verb, three markers).

Widened 2026-12-07 after a held-out audit (set AN) where four of sixteen summaries opened on a
column's opinion: a page that reports a little (fewer than 12 reporting verbs per 100
sentences) but argues in two sentences of five, and a page of 40 sentences or more with
fewer than 2.5 per 100 and the writer's voice in one sentence of twelve, are columns, reviews
and essays too (the voice counted outside quotations: a MultiLing report quoting a survivors'
letter, and a race report quoting a rider's "I thought I had a fair chance", were taken for
columns by a first count that read the quotations too). On the T17 pages this marks 61
more; of a random 15, 13 were columns, analyses, transcripts, blogs or live pages, and 2 were
news pages written with few attributions (a report of a White House briefing, a page of news
briefs). No MultiLing text is marked.

Widened again 2026-12-07 after a held-out audit (set AP) where a short column ("OK, I'm
paranoid and depressed", 17 sentences) opened a summary: a page of 8 to 19 sentences that
reports little (fewer than 12 reporting verbs per 100 sentences) and speaks in the writer's
voice in three sentences of five (outside quotations) is a column too. On the T17 pages this
marks 10, every one a column, an opinion, a readers' call-out, a letters page, a blog's
banner, a transcript of remarks, a live page's header or an edition chooser.
"""
from __future__ import annotations

import math
import re
from itertools import islice

from newsweave.model import Article

# The verbs a reporter attributes with. Not the quote stage's cues, which count a writer's
# "argue", "believe" or "warn" as much as a source's "said": a column has as many of those as
# a report (an editorial: 18 cues in 81 sentences, and none of these verbs).
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according to|added|announced|reported)\b")
# The writer's voice: first person, obligation, questions.
_ARGUING = re.compile(r"\b(?:should|must|ought|needs? to|I|we|We|our|Our|my|My|us)\b|\?")
# A reviewed book's details near the top of a page ("244pp, Chatto & Windus, £15.99"): a
# review, its writer's reading of the book (all six Timeline17 pages that have them).
_BOOK_DETAILS = re.compile(r"\b\d{2,4}\s?pp\b[^.]{0,80}?[£#$\u20ac]\s?\d")
# A column quotes a few others (fewer reporting verbs than this per sentence) and argues
# throughout (at least this many markers per sentence).
MAX_REPORTING_IN_A_COLUMN = 0.12
MIN_ARGUING_IN_A_COLUMN = 0.4
# A page this long with fewer reporting verbs than this per sentence is an essay or a review.
MIN_ESSAY_SENTENCES = 40
MAX_REPORTING_IN_AN_ESSAY = 0.025
MIN_ARGUING_IN_AN_ESSAY = 0.08  # (a long race report with no source has no voice at all)
# A page this long (in sentences) is judged; a short one may be a brief with no source ...
MIN_SENTENCES = 20
# ... unless it has at least this many sentences and the writer's voice in nearly all of them
MIN_SHORT_COLUMN_SENTENCES = 8
MIN_VOICE_IN_A_SHORT_COLUMN = 0.6
# Fewer reporting verbs than this per sentence: the page tells its writer's own account ...
MAX_REPORTING_PER_SENTENCE = 0.05
# ... and at least this many markers of the writer's voice per sentence: it argues.
MIN_ARGUING_PER_SENTENCE = 0.2


def argues_unsourced(article: Article) -> bool:
    """Whether the article is long, attributes almost nothing and argues; or attributes a
    little and argues throughout (a column quoting a few others: the writer's voice in two
    sentences of five); or is very long and attributes nearly nothing at all (an essay, a
    review); or is short and speaks in the writer's voice nearly throughout; or reviews a book
    (its publication details near the top). False without a sentence layer, unless a book's
    details are there."""
    if _BOOK_DETAILS.search(article.text, 0, 1000):
        return True  # a book review: "Nature Cure 244pp, Chatto & Windus, £15.99"
    sentences = len(article.layer("sentences"))
    if sentences < MIN_SHORT_COLUMN_SENTENCES:
        return False
    if sentences < MIN_SENTENCES:
        reporting = len(_REPORTING.findall(article.text, 0, 100_000))
        return reporting < MAX_REPORTING_IN_A_COLUMN * sentences and \
            _voice(article.text) >= MIN_VOICE_IN_A_SHORT_COLUMN * sentences
    # (counted only up to the most any rule allows, as chronology and live_chat count lines)
    limit = math.ceil(MAX_REPORTING_IN_A_COLUMN * sentences)
    reporting = sum(1 for _ in islice(_REPORTING.finditer(article.text), limit))
    if reporting >= limit:
        return False
    arguing = len(_ARGUING.findall(article.text))
    if reporting < MAX_REPORTING_PER_SENTENCE * sentences and \
            arguing >= MIN_ARGUING_PER_SENTENCE * sentences:
        return True
    voice = _voice(article.text)
    if sentences >= MIN_ESSAY_SENTENCES and reporting < MAX_REPORTING_IN_AN_ESSAY * sentences:
        return voice >= MIN_ARGUING_IN_AN_ESSAY * sentences
    return voice >= MIN_ARGUING_IN_A_COLUMN * sentences


def _voice(text: str) -> int:
    """Markers of the writer's own voice, outside the quotations: a report quoting a
    survivor's letter or a rider's "I thought I had a fair chance" speaks in the first person
    only in them."""
    return len(_ARGUING.findall(_outside_quotations(text)))


def _outside_quotations(text: str) -> str:
    from newsweave.nlp.quote_rules import find_quoted_spans

    parts, at = [], 0
    for a, b in find_quoted_spans(text):
        parts.append(text[at:a])
        at = max(at, b)
    parts.append(text[at:])
    return " ".join(parts)
