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
# A page this long (in sentences) is judged; a short one may be a brief with no source.
MIN_SENTENCES = 20
# Fewer reporting verbs than this per sentence: the page tells its writer's own account ...
MAX_REPORTING_PER_SENTENCE = 0.05
# ... and at least this many markers of the writer's voice per sentence: it argues.
MIN_ARGUING_PER_SENTENCE = 0.2


def argues_unsourced(article: Article) -> bool:
    """Whether the article is long, attributes almost nothing and argues (False without a
    sentence layer)."""
    sentences = len(article.layer("sentences"))
    if sentences < MIN_SENTENCES:
        return False
    # (counted only up to the limit, as chronology and live_chat count their lines)
    limit = math.ceil(MAX_REPORTING_PER_SENTENCE * sentences)
    if sum(1 for _ in islice(_REPORTING.finditer(article.text), limit)) >= limit:
        return False
    return len(_ARGUING.findall(article.text)) >= MIN_ARGUING_PER_SENTENCE * sentences
