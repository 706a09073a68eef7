"""A multi-document, cited summary of a story within a word budget.

The method is concept coverage (Gillick & Favre's ICSI summariser, solved greedily): the concepts
of a story are its content bigrams and its main actors (the named people, organisations and
places most articles mention). Each concept gets a vote from every independent source that
mentions it (copies of one report, as found by the copies stage, count once), a heavier vote
(``lead_weight``) when the source says it in its lead, and a concept of one source only is
discounted: the weight estimates how many human summaries would contain the concept, so a fact
that several reports carry, or that a report leads with, is worth more than a detail one report
adds further down. Sentences are picked one at a time for the weight of the concepts they add per
word, scaled up by how many independent sources carry a close paraphrase of the sentence (or,
once the claims stage has run, by the independent sources of the claims it states), until the
budget is spent. Concepts already covered are worth nothing the second time, which removes
redundancy; a paraphrase check on sentence embeddings catches repeats in other words. A story
with one source has no cross-source signal, so there the lead sentences are preferred.

Sentences stay intact apart from a leading dateline ("LONDON (AP) _") or a date line glued to the
first sentence; headlines, bylines, date lines, questions, quote fragments and sentences that
open on a pronoun whose referent is not in the summary are not candidates. The summary is read
in time order (publication date, then position in the article). Each sentence cites its own
passage and, for every other article that carries a close paraphrase, that passage too.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from newsweave import lexicon
from newsweave.config import Config
from newsweave.model import Article, Evidence, Span, Story, SummarySentence
from newsweave.nlp.claims import lemma
from newsweave.nlp.datelines import DATE_PREFIX, trim_dateline
from newsweave.nlp.quote_rules import find_quoted_spans
from newsweave.registry import story_stage
from newsweave.stories.chronology import is_chronology
from newsweave.stories.debunk import debunks, tells_the_debunk
from newsweave.stories.live_chat import is_live_chat
from newsweave.stories.report_kind import argues_unsourced
from newsweave.stories.furniture import (FINITE_TAGS, among_repeated, article_lead_start,
                                         bare_subject, first_person, glued_caption_end,
                                         glued_credit_end, has_timestamp, in_furniture,
                                         is_caption, is_commentary, is_fragment, is_furniture,
                                         points_back, repeated_page_ends)
from newsweave.stories.glued import head_end, looks_glued, side_by_side_start
from newsweave.stories.reference import pointing_word, sentence_needs
from newsweave.stories.roundup import is_roundup

_BYLINE = re.compile(r"^(?:by|written by|reported by|from)\s+[A-Z][\w.'’-]+"
                     r"(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*[,|/]\s*.{0,60})?$", re.IGNORECASE)
# Openers that point back to something the reader of the summary may not have seen.
_DANGLING = re.compile(
    r"^(?:he|she|it|they|his|her|its|their|them|him|this|these|those|that|such|both|"
    r"i|we|you|my|our|your|"
    r"according to (?:him|her|them|it|this|these|those|the (?:spokesman|spokeswoman|official))|"
    r"in response|in reply|in turn|in return|at the same time|by contrast|on the other hand|"
    r"but|and|also|however|meanwhile|moreover|furthermore|still|yet|so|then|instead|"
    r"nevertheless|besides|likewise|similarly|in addition|in contrast|as a result|"
    r"another|the other|others|other|the latter|the former|the two|the same|the rest|one of them|"
    r"the next day|a day (?:earlier|later)|the day (?:before|after)|the previous day|"
    r"earlier|later|afterwards|previously|since then|by then|until then|after that|before that|"
    r"as such|rather|even so|in that case|obviously|of course|indeed|after all|thus(?! far)|"
    r"therefore|again|nonetheless|anyway|in fact|what's more|the move|the decision|if|unless|"
    r"here|there(?=,)|for now|except|not that|"
    r"the (?:second|third|fourth|next|final|last|other) (?:thing|point|reason|issue|problem|"
    r"question|factor))\b(?:[ ,]|['’](?:s|re|ll|d|ve)\b)",
    re.IGNORECASE,
)
# A quotation attributed only to a pronoun ('"...," he said.'): the speaker is in an earlier
# sentence, so the quote reads only after it.
_PRONOUN_SPEAKER = re.compile(r"[\"”’'],?\s+(?:he|she|they)\s+(?:said|says|added|told|"
                              r"explained|continued|stated|noted|wrote|asked)\b", re.IGNORECASE)
_END = ".!\"”’'»)"
# A title before a name ("Pvt.", "Gen.") cannot end a sentence: the splitter cut the sentence.
_TITLE_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Gov|Sen|Rep|Rev|Pvt|Spc|Sgt|Cpl|Lt|Col|"
                        r"Const|Cst|Supt|Insp|Det|Atty|Hon|Fr|Msgr|Pres|Sr|Jr|"
                        r"Capt|Maj|Adm|Cmdr|Gens|Sens|Reps|St|No|Nos|Vol|Fig|Jan|Feb|Aug|Sept|Oct|"
                        r"Nov|Dec)\.$")
_TOKEN = re.compile(r"[a-z0-9]+")
# Entity labels that name actors and places a summary should cover; dates and numbers are
# covered by the bigrams already and are too generic as concepts on their own.
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "LAW"}


def _stop_words() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:  # pragma: no cover - spaCy is a dependency
        return frozenset()
    return frozenset(w.lower() for w in STOP_WORDS)


_STOP = _stop_words()


def _norm(token: str) -> str:
    """A light plural fold so that "bomber" and "bombers" are one concept."""
    if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


@dataclass
class Candidate:
    article: Article
    index: int  # position of the sentence in the article
    start: int  # cleaned-text range of the sentence as it will read (dateline trimmed)
    end: int
    text: str
    words: int
    concepts: set = field(default_factory=set)
    support: int = 1  # articles carrying the sentence or a close paraphrase of it
    dangling: bool = False
    # the head noun of a bare definite subject ("The plant will ..."): the sentence is chosen
    # only after an earlier one (in the summary's time order) that names it
    needs: str | None = None
    prior: float = 1.0  # lead bonus, used when the story has one article
    lead: bool = False  # the report's first sentence, written to be read first
    # a demonstrative or "such" on a noun anywhere ("to carry out that transition", "Such
    # involvement"): fine after the sentence it points to, never the summary's first
    pointing: bool = False
    # names someone or something (a person, a body, a place): an opener that names nothing
    # ("Unsurprisingly, the Internet is to blame", a column's aside) tells the reader no news
    named: bool = True
    # its subject names someone ("Marwan Muasher said", "Libyan rebels entered"): a sentence
    # from further down a report opens the summary only then; "People on nearby tables find
    # themselves eavesdropping", "A major, 39, was a nurse" are a feature's colour, not news
    subject_named: bool = False
    # ends before the report begins: the page's head (a caption, a standfirst), never the
    # summary's first sentence ("Dead fish lie in oil from the BP oil spill.")
    head: bool = False
    # tells of a time well before the report ("On 20 April, the rig exploded", "In 1969, ..."):
    # the background several reports repeat, not the news to open on
    past: bool = False
    # in the last fifth of a report of five sentences or more: news puts what matters first,
    # and a report's close ("BP has yet to be drawn about what will happen ...") is no opening
    closing: bool = False
    # the writer weighs the news rather than telling it ("X's decision is a measure of the
    # seriousness of the situation but it also sends a signal that ..."): an analysis's
    # reading, never the summary's first sentence
    judging: bool = False


def _is_headline(article: Article, span: Span, first_line_end: int) -> bool:
    """The article's first line when it is a title (no closing punctuation or equal to the
    meta title), or any sentence that is the meta title or a part of it ("X irks officials,
    reports Bloomberg." of the title "X irks officials, reports Bloomberg. Y reacts")."""
    if is_title_text(article, span):
        return True
    sentence = article.span_text(span).strip()
    return span.end <= first_line_end and not sentence.endswith(tuple(".!\"”"))


def is_title_text(article: Article, span: Span) -> bool:
    """Whether a sentence is the article's meta title or a part of it, its deck printed on a
    line of its own included (a headline that ends on a full stop and runs to eight words or
    more is the lead itself, as some feeds title a report)."""
    sentence = " ".join(article.span_text(span).split())
    title = " ".join((article.meta.title or "").split())
    if sentence == title and sentence.endswith(".") and len(sentence.split()) >= 8 \
            and not sentence.endswith("..."):
        return False  # headlines carry no full stop: a title that has one is the lead itself
    # (a title's deck printed as a line of its own may end on a full stop the title lacks:
    # "Auction of gun ... quashed again; 2nd website refuses to let Zimmerman sell pistol")
    bare = sentence.rstrip(".;:")
    return bool(title) and (sentence == title or (len(sentence.split()) >= 4 and bare in title)
                            or (len(title.split()) >= 4 and sentence.startswith(title)))


def opens_on_reference(text: str) -> bool:
    """Whether a sentence opens on a word that points back to an earlier one (a pronoun, "In
    response", "According to him"), so that it reads well only after that sentence.

    >>> opens_on_reference("According to him, the plan was dropped."), opens_on_reference(
    ...     "According to the minister, the plan was dropped.")
    (True, False)
    >>> opens_on_reference("Others did the same: the bay relies on imports."), opens_on_reference(
    ...     "Otherwise healthy patients recovered.")
    (True, False)
    >>> opens_on_reference("That's protected the share price."), opens_on_reference(
    ...     "Thatcher's plan was dropped.")
    (True, False)
    >>> opens_on_reference("Except that there was no coffee."), opens_on_reference(
    ...     "Exceptional rains fell.")
    (True, False)
    """
    return bool(_DANGLING.match(text) or _PRONOUN_SPEAKER.search(text))


def _usable(text: str, config: Config) -> bool:
    words = text.split()
    if not config.summary.min_sentence_words <= len(words) <= config.summary.max_sentence_words:
        return False
    if text.rstrip().endswith("?") or text[-1:] not in _END or text[-1:] == ":":
        return False
    first = text.lstrip("\"“‘'`(")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False  # a fragment that starts mid-sentence
    if _BYLINE.match(text) or DATE_PREFIX.fullmatch(text) or is_furniture(text):
        return False
    # A quotation cut by the sentence splitter: the sentence opens or closes a quote it does
    # not also close or open, so it does not read on its own.
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return False
    if text.startswith("(") and text.endswith(")"):
        return False  # an aside or a photo caption in brackets
    if _unattributed_quotation(text):
        return False  # '"It's official: I'm hosting!"' - whose words? (said in another sentence)
    if text.count("(") != text.count(")"):
        return False  # an aside cut by the sentence splitter
    if sum(c.isupper() for c in text) > 0.5 * sum(c.isalpha() for c in text):
        return False  # shouting headline or table line
    if _STUTTER.search(text):
        return False  # "the terrorist group terrorist group": words doubled by a broken page
    return True


# A run of two to four words said twice in a row, the mark of a page put together badly.
_STUTTER = re.compile(r"\b([A-Za-z]+\s+[A-Za-z]+(?:\s+[A-Za-z]+){0,2})\s+\1\b", re.IGNORECASE)


_SAYS = re.compile(r"\b(?:said|says|say|told|tells|added|adds|asked|wrote|writes|tweeted)\b")


def _unattributed_quotation(text: str) -> bool:
    """A sentence that is one quotation from end to end, with no one said to say it.

    >>> _unattributed_quotation('"It is official: I am hosting! "'), _unattributed_quotation(
    ...     '"It is official," she said.')
    (True, False)
    >>> _unattributed_quotation("'We ask for privacy at this time.'")
    True
    """
    body = text.strip()
    while body[-1:] in ".!?":
        body = body[:-1].rstrip()
    if len(body) < 2 or body[0] not in "\"\u201c'\u2018" or body[-1] not in "\"\u201d'\u2019":
        return False
    doubles = sum(body.count(m) for m in "\"\u201c\u201d")
    if body[0] in "\"\u201c":
        return doubles == 2
    return doubles == 0 and not _SAYS.search(body)


def _is_clause(doc, start: int, end: int, cut: bool = False) -> bool:
    """True when the passage has a finite verb: a sentence, not a photo caption, a list item or
    a heading. (A subject is not required: the parser often attaches a sentence's subject to a
    title line above it.) Without a parse every passage passes. A passage cut from a longer
    sentence (a page's head or a caption before it) is read on a parse of its own: the head's
    words bend the sentence's parse ("... GMT Help Syrian forces have kept up an attack" reads
    "Help" as the verb and "have kept up" as a clause of "forces")."""
    if doc is None:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    if cut:
        from newsweave.nlp.spacy_stage import load_nlp

        span = load_nlp()(doc.text[span.start_char:span.end_char])[:]
    # (a finite verb only inside a relative clause is a caption's: "A dead bird in the quarry,
    # which is still full of oil.")
    inner = {t.i for t in span if t.dep_ in ("relcl", "acl")
             for t in t.subtree}
    return any(t.tag_ in FINITE_TAGS and t.i not in inner for t in span)


# A wire's dateline right before a passage: "ZAWIYAH, Libya (Reuters) - ".
_WIRE_LEAD = re.compile(r"\((?:Reuters|AP|AFP|CNN)\)\s*(?:--|-|\u2014|\u2013)\s*$")
_LABEL_COLON = re.compile(r"^([^:.!?\"\u201c]{3,60}): (?=[a-z])")


def _label_glued(doc, start: int, text: str) -> bool:
    """A heading glued in front by a colon, the sentence going on in lower case: "Gulf of
    Mexico oil leak: the old cap was not stopping the oil" (a caption's or a live page's
    label; no verb before the colon, unlike "He said: the plan ..."). Without a parse, no."""
    match = _LABEL_COLON.match(text)
    if doc is None or match is None:
        return False
    head = doc.char_span(start, start + match.end(1), alignment_mode="expand")
    return head is not None and not any(t.pos_ in ("VERB", "AUX") for t in head)


def _continues(text: str, span: Span, following: Span) -> bool:
    """True when the next sentence of the same paragraph starts in lower case: the splitter cut
    one sentence in two (after "U.N." or "a.m.", say), so neither half reads on its own."""
    between = text[span.end:following.start]
    first = text[following.start:following.start + 1]
    return "\n" not in between and first.islower()


def _candidates(story: Story, articles: dict[str, Article], config: Config) -> list[Candidate]:
    out = []
    # (a site's header or a promotion crawled with every page: ``repeated_page_ends``)
    heads = repeated_page_ends([articles[a] for a in story.articles if a in articles])
    for article_id in story.articles:
        article = articles.get(article_id)
        if article is None or is_roundup(article) or is_commentary(article.text) or \
                is_chronology(article.text) or is_live_chat(article.text) or \
                argues_unsourced(article):
            # (a roundup page's sentences tell its other stories: ``roundup``; an opinion
            # piece's are its writer's views, which a summary would state as fact, whether it
            # says it is one or only argues and attributes almost nothing: ``report_kind``; a
            # chronology's lines, read without their days, tell old events as news; a live
            # chat's are readers' questions and a guest's answers run together)
            continue
        doc = article.cache.get("doc")
        if doc is not None and doc.text != article.text:
            doc = None
        first_line_end = article.text.find("\n")
        first_line_end = len(article.text) if first_line_end < 0 else first_line_end
        sentences = article.layer("sentences")
        quoted = find_quoted_spans(article.text)
        lead = article_lead_start(article)
        # (a report opening on a mood or on its own reporter tells its news next)
        first_of_report = next((i for i, span in enumerate(sentences) if span.end > lead + 1
                                and not _is_headline(article, span, first_line_end)
                                # (nor a date on a line of its own under the title)
                                and not DATE_PREFIX.fullmatch(article.span_text(span).strip())
                                and not _AROUND_THE_NEWS.match(article.text, max(
                                    span.start, lead), span.end)), None)
        if first_of_report is not None and article.span_text(
                sentences[first_of_report]).rstrip().rstrip("\"\u201d'\u2019").endswith("?"):
            # a feature asking its question first ("What happens when ...?") tells its news
            # next
            first_of_report += 1
        hooked = False
        for i, span in enumerate(sentences):
            if _is_headline(article, span, first_line_end) or (
                    heads and among_repeated(article.text[span.start:span.end], heads)):
                continue
            # a sentence that runs from a flattened page's head into the lead reads from
            # where the report begins
            start, end = (lead, span.end) if span.start < lead < span.end - 1 else \
                trim_dateline(article.text, span.start, span.end)
            # a caption or headline glued to the sentence with no full stop
            start = glued_caption_end(doc, start, end)
            if i == first_of_report:
                # a headline, then a caption, run into the lead ("... Marubeni BP faces paying
                # out billions ... BP has said it will sell ...")
                start = head_end(doc, start, end)
            start = side_by_side_start(doc, start, end)  # "... allies Russia has said ..."
            start += glued_credit_end(article.text[start:end])  # "(Reuters) BP's role ..."
            text = article.text[start:end]
            if not _usable(text, config) or not (
                    _is_clause(doc, start, end, cut=start != span.start)
                    or _WIRE_LEAD.search(article.text, max(0, start - 16), start)):
                # (a wire's lead is a report whatever the parser makes of it: "Rebels ...
                # fought forces loyal to X Wednesday" read as "fought forces", a noun)
                continue
            if in_furniture(article, start, end) or is_caption(text) or first_person(text) \
                    or has_timestamp(text) or is_fragment(text) \
                    or _label_glued(doc, start, text) or looks_glued(doc, start, end):
                continue  # a page's head, a caption, a comment, a columnist's aside, a cut
            if any(qs <= start and end <= qe and (qs < start - 2 or qe > end + 2)
                   for qs, qe in quoted):
                continue  # a sentence inside a longer quotation: someone's words, not the news
            if _TITLE_END.search(text) or (i + 1 < len(sentences)
                                            and _continues(article.text, span, sentences[i + 1])):
                continue  # cut short by the sentence splitter
            need = sentence_needs(doc, start, end)
            dangling = opens_on_reference(text) or points_back(text) or need.previous
            if i == first_of_report and dangling and not hooked and _HOOK.match(text):
                # a feature's hook ("It may be the oddest tale to emerge from the aftermath
                # of Hurricane Katrina."): the next sentence tells its news (one opening on
                # a person, "She still keeps his coat by the door", goes on with its colour)
                hooked = True
                first_of_report += 1
            out.append(Candidate(article, i, start, end, text, len(text.split()),
                                 dangling=dangling,
                                 needs=bare_subject(text) or need.name,
                                 lead=i == first_of_report,
                                 subject_named=_subject_named(doc, start, end),
                                 # (nor does a quotation: a summary opens on news, not on
                                 # someone's words, '"There was not a culture of safety on
                                 # that rig," co-chair Bill Reilly said')
                                 pointing=_points_at_noun(doc, start, end)
                                 or text.lstrip()[:1] in _OPENING_MARKS,
                                 head=0 < lead and end <= lead,
                                 past=_tells_the_past(article, start, end)
                                 or _AROUND_THE_NEWS.match(text) is not None,
                                 closing=len(sentences) >= 5
                                 and i >= CLOSING_SHARE * len(sentences),
                                 judging=_JUDGING.search(_QUOTED.sub(" ", text)) is not None
                                 # (an exclamation is the writer's voice, never news)
                                 or text.rstrip().endswith("!")))
    return out


# A hook that points ahead: "It may be the oddest tale ...", "This is a story of ...".
_HOOK = re.compile(r"\s*(?:It|This)\s+(?:is|was|may|might|could|must|has|had|seems|sounds)\b")
_OPENING_MARKS = frozenset("\"\u201c\u2018'`")
# The writer weighing what happened: "is a measure of", "is a sign of", "sends a signal".
_JUDGING = re.compile(
    r"\b(?:is|was|are|were|be|been)\s+(?:(?:also|surely|perhaps|clearly)\s+)?(?:a|an|the)\s+"
    r"(?:\w+\s+)?(?:measure|sign|reminder|test|reflection|indication|testament|illustration|"
    r"symbol)\s+of\b|\bsends?\s+(?:a|an|the)\s+(?:\w+\s+)?signal\b|\bspeaks?\s+volumes\b",
    re.I)
_QUOTED = re.compile(r"[\"\u201c][^\"\u201d]*[\"\u201d]")
# Sentences about the news rather than telling it, never its opening: a mood ("There are
# fears the conflict will spread to neighbouring countries", when the next sentence tells of
# the shelling), or the outlet's own reporter ("The BBC's Ian Pannell, who is in Aleppo, has
# seen fierce battles").
_AROUND_THE_NEWS = re.compile(
    r"\s*(?:There (?:are|were|is|was|have been|has been) (?:growing |mounting |increasing |"
    r"widespread |renewed |also )?(?:fears|concerns?|worries|hopes|questions|doubts|"
    r"speculation|suggestions)\b|(?:The )?(?:BBC|CNN|Reuters|AP|AFP|Guardian|Observer)'s "
    r"(?:own )?[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}(?: correspondent)?"
    r"(?:,| has| is| was| says| said| reports))")


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NAMING_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_WHO_NOUNS = lexicon.PEOPLE_NOUNS | lexicon.ORG_NOUNS


def _subject_named(doc, start: int, end: int) -> bool:
    """Whether the main clause's subject is a name ("Marwan Muasher", "BP") or a body or
    people a name qualifies ("Libyan rebels", "the UN refugee agency"). Without a parse
    there is no telling, and the sentence is not held back."""
    if doc is None:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    subject = next((c for c in span.root.children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        return False
    if subject.ent_type_ in _NAMING_LABELS:
        return True
    return lemma(subject) in _WHO_NOUNS and any(
        t.ent_type_ in _NAMING_LABELS for t in subject.subtree if t.i < subject.i)


def _points_at_noun(doc, start: int, end: int) -> bool:
    """Whether a word outside quotation marks points at a noun told before: "that transition",
    "these repairs", "Such involvement" (not a time: "this year")."""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and pointing_word(span) is not None


def _bigrams(text: str) -> set:
    tokens = [_norm(t) for t in _TOKEN.findall(text.lower())]
    return {(a, b) for a, b in zip(tokens, tokens[1:]) if not (a in _STOP and b in _STOP)}


def _actors(article: Article, cand: Candidate) -> set:
    out = set()
    for ent in article.layer("entities"):
        if ent.label in _ACTOR_LABELS and cand.start <= ent.start and ent.end <= cand.end:
            name = " ".join(_TOKEN.findall(article.text[ent.start:ent.end].lower()))
            name = re.sub(r"^the ", "", name)
            if name:
                out.add(("@", name))
    return out


# A concept that one source alone carries loses this much of a later mention's vote: what no
# other report confirms is less likely to matter (one later mention weighs 1 - 0.4 = 0.6, one
# lead mention lead_weight - 0.4).
_SINGLE_SOURCE_PENALTY = 0.4
# In a story of one source, the weight of a concept that one sentence alone mentions (one that
# two sentences mention weighs 2).
_SINGLE_SENTENCE_WEIGHT = 0.1


def _concept_weights(cands: list[Candidate], origin: dict[str, str], main_actors: int,
                     lead_weight: float) -> dict:
    """Weight of each concept: a vote from every independent source (articles, with copies of
    one report counted once) that mentions it, worth ``lead_weight`` when the source states the
    concept in its lead (its first candidate sentence) and 1 when it states it later; a concept
    of one source only loses ``_SINGLE_SOURCE_PENALTY``. This is a linear estimate of how many
    human summaries contain the concept: both the number of reports that carry a fact and where
    they put it predict that (as in supervised bigram weighting: Li, Qian & Liu 2013; Hong &
    Nenkova 2014). On MultiLing 2011 a bigram of one report's lead is as likely to be in a
    reference as one that three reports carry further down. For a one-source story the weight is the number of sentences that mention the concept
    (``_SINGLE_SENTENCE_WEIGHT`` for one sentence; the lead is preferred there by a prior). Of the
    named actors only the story's main ones count, the ``main_actors`` with the heaviest vote
    among those two or more sources name: every minor name would otherwise pull in sentences
    that list names."""
    n_sources = len({origin.get(c.article.id, c.article.id) for c in cands})
    # concept -> holder (the source, or the sentence in a one-source story) -> first rank
    holders: dict = defaultdict(dict)
    rank: dict[str, int] = defaultdict(int)
    for k, cand in enumerate(cands):
        position = rank[cand.article.id]
        rank[cand.article.id] += 1
        holder = origin.get(cand.article.id, cand.article.id) if n_sources > 1 else k
        for concept in cand.concepts:
            seen = holders[concept]
            seen[holder] = min(seen.get(holder, position), position)

    def vote(held: dict) -> float:
        if n_sources <= 1:
            return float(len(held)) if len(held) > 1 else _SINGLE_SENTENCE_WEIGHT
        leads = sum(1 for position in held.values() if position == 0)
        value = lead_weight * leads + (len(held) - leads)
        return value - _SINGLE_SOURCE_PENALTY if len(held) == 1 else value

    weights = {c: vote(h) for c, h in holders.items() if c[0] != "@" or len(h) >= 2}
    actors = sorted((c for c in weights if c[0] == "@"), key=lambda c: (-weights[c], c[1]))
    for concept in actors[main_actors:]:
        del weights[concept]
    return {c: w for c, w in weights.items() if w > 0}


def _similarities(cands: list[Candidate]) -> np.ndarray | None:
    vectors = []
    for cand in cands:
        matrix = cand.article.values.get("sentence_embeddings")
        if matrix is None or len(matrix) <= cand.index:
            return None
        vectors.append(np.asarray(matrix[cand.index], dtype=np.float32))
    if not vectors:
        return None
    stacked = np.stack(vectors)
    return stacked @ stacked.T


def _lexical_similarities(cands: list[Candidate]) -> np.ndarray:
    """Cosine over content-word sets, used when sentence embeddings are missing."""
    sets = [{_norm(t) for t in _TOKEN.findall(c.text.lower())} - _STOP for c in cands]
    n = len(cands)
    sims = np.eye(n, dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            if sets[i] and sets[j]:
                shared = len(sets[i] & sets[j])
                sims[i, j] = sims[j, i] = shared / math.sqrt(len(sets[i]) * len(sets[j]))
    return sims


def _claim_support(story: Story, cands: list[Candidate]) -> dict[int, int]:
    """Independent sources per candidate from the claims stage: a sentence stating a claim is
    supported by as many independent sources as the claim has (evidence and candidates are
    both in cleaned-text offsets)."""
    support: dict[int, int] = {}
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, cand in enumerate(cands):
        by_article[cand.article.id].append(k)
    for claim in story.claims:
        for evidence in claim.evidence:
            for k in by_article.get(evidence.article, []):
                if cands[k].start < evidence.end and evidence.start < cands[k].end:
                    support[k] = max(support.get(k, 1), claim.independent_sources)
    return support


def _origins(story: Story) -> dict[str, str]:
    """The origin of each article: copies and rewrites of one report share the origin of the
    first (copy links of the copies stage); without them every article is its own origin.

    Only copy links count here, not the outlet or wire credit that corroboration groups by:
    a story told by one outlet in ten reports (all of MultiLing's topics are Wikinews) would
    give every concept one vote, and the weights would say nothing (ROUGE-2 22.6 -> 16.9).
    Nor do "shared sentence" links: two reports that share one sentence wrote the rest of
    their words themselves, and their other concepts are two votes (Wikinews reports reuse a
    background sentence: counting them as one voice took ROUGE-2 from 22.39 to 21.51)."""
    from newsweave.stories.copies import SHARED_SENTENCE, group_origins

    origin = {aid: aid for aid in story.articles}
    whole = [c for c in story.copies or () if c.kind != SHARED_SENTENCE]
    for group in group_origins(list(story.articles), whole):
        for aid in group.articles:
            origin[aid] = group.articles[0]
    return origin


def _supporters(k: int, cands: list[Candidate], sims: np.ndarray,
                threshold: float) -> dict[str, int]:
    """For each other article, its candidate closest to candidate ``k`` if close enough."""
    best: dict[str, int] = {}
    own = cands[k].article.id
    for j in np.flatnonzero(sims[k] >= threshold):
        other = cands[j].article.id
        if other == own:
            continue
        if other not in best or sims[k, j] > sims[k, best[other]]:
            best[other] = int(j)
    return best


def _named_before(k: int, chosen: list[int], cands: list[Candidate], when) -> bool:
    """Whether a chosen sentence read before candidate ``k`` names the noun ``k``'s bare
    subject refers to ("plant" for "The plant will remain closed")."""
    return _names_noun(cands[k], [cands[j] for j in chosen if when(j) < when(k)])


def _names_noun(cand: Candidate, read: list[Candidate]) -> bool:
    """Whether one of the sentences ``read`` names the noun ``cand``'s bare subject refers
    to."""
    noun = _norm(cand.needs or "")
    return any(noun in {_norm(t) for t in _TOKEN.findall(other.text.lower())} for other in read)


def _select(cands: list[Candidate], weights: dict, sims: np.ndarray, config: Config,
            when=None) -> list[int]:
    """Greedy concept coverage per word, scaled by support, within the budget. A sentence that
    points back is chosen only after the one it needs: the sentence before it in its article
    (a pronoun, a connective), or one read before it that names its bare subject (``when``
    gives the reading order)."""
    budget = config.summary.words
    redundancy = config.summary.redundancy_threshold
    boost = config.summary.support_weight
    covered: set = set()
    chosen: list[int] = []
    chosen_keys: set = set()
    used = 0
    alive = [k for k, c in enumerate(cands) if c.words <= budget]
    while alive:
        best, best_score = -1, 0.0
        for k in alive:
            cand = cands[k]
            if cand.dangling and (cand.article.id, cand.index - 1) not in chosen_keys:
                continue
            if cand.needs and when is not None and not _named_before(k, chosen, cands, when):
                continue
            gain = sum(weights.get(c, 0.0) for c in cand.concepts - covered)
            if gain <= 0:
                continue
            score = gain / cand.words * (1.0 + boost * math.log(cand.support)) * cand.prior
            if score > best_score:
                best, best_score = k, score
        if best < 0:
            break
        chosen.append(best)
        chosen_keys.add((cands[best].article.id, cands[best].index))
        covered |= cands[best].concepts
        used += cands[best].words
        alive = [k for k in alive if k != best and used + cands[k].words <= budget
                 and float(sims[best, k]) <= redundancy]
    return chosen


def _reads_alone(cand: Candidate) -> bool:
    """Whether the sentence may open the summary: it reads alone, names someone, is the
    report's and not its page head's, tells the news, not background, and is a report's lead
    or has a name for its subject."""
    return _stands_alone(cand) and cand.named and not cand.past and not cand.closing \
        and not cand.judging and (cand.lead or cand.subject_named)


def _plain_lead(cand: Candidate) -> bool:
    """A report's lead that reads alone though it tells background or names no one: the
    opening its writer chose, when no sentence passes ``_reads_alone``."""
    return cand.lead and _stands_alone(cand)


def _stands_alone(cand: Candidate) -> bool:
    """Whether the sentence needs nothing before it and is the report's, not its head's."""
    return not cand.dangling and not cand.needs and not cand.pointing and not cand.head


# A report's sentences from this share of its length on are its close, not its news.
CLOSING_SHARE = 0.8
# A time more than this many days before the report is background, not its news.
BACKGROUND_DAYS = 7


# "since" opening the phrase a date ends: no punctuation between them
_SINCE = re.compile(r"\bsince\b[^,;:.!?\"\u201c\u201d]*$", re.I)


def _tells_the_past(article: Article, start: int, end: int) -> bool:
    """Whether the sentence at ``start``-``end`` names a day, month or year that ended more than
    BACKGROUND_DAYS before the article's publication."""
    published = article.meta.published
    if not isinstance(published, datetime):
        return False
    cutoff = published.date() - timedelta(days=BACKGROUND_DAYS)
    for span in article.layer("dates"):
        if not (start <= span.start < end) or _SINCE.search(article.text, start, span.start):
            # ("jumped to their highest since the civil war broke out six months ago": the
            # time a measure is taken from, not when the news happened)
            continue
        value = str(span.attrs.get("value") or "")
        try:
            if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                # ("last week" is the Monday of that week; the week ends six days later)
                last = date.fromisoformat(value) + timedelta(
                    days=6 if span.attrs.get("granularity") == "week" else 0)
            elif re.fullmatch(r"\d{4}-\d\d", value):
                year, month = int(value[:4]), int(value[5:])
                last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            elif re.fullmatch(r"\d{4}", value):
                last = date(int(value), 12, 31)
            else:
                continue
        except ValueError:
            continue
        if last < cutoff:
            return True
    return False


def _with_an_opener(chosen: list[int], cands: list[Candidate], config: Config,
                    when) -> list[int]:
    """The chosen sentences, with one that reads alone when none of them does: a report's lead
    that does (the earliest), else the earliest sentence that does, in place of the last
    chosen ones the budget cannot keep beside it. A summary that can only open on "Such
    involvement ..." or "The actor said ..." opens on nothing the reader can place; when no
    sentence of the story reads alone, the choice stands."""
    if not chosen or any(_reads_alone(cands[k]) for k in chosen):
        return chosen
    alone = sorted((k for k, c in enumerate(cands) if _reads_alone(c)
                    and c.words <= config.summary.words),
                   key=lambda k: (not cands[k].lead, -cands[k].support, when(k)))
    if not alone:
        if any(_plain_lead(cands[k]) for k in chosen):
            return chosen
        alone = sorted((k for k, c in enumerate(cands) if _plain_lead(c)
                        and c.words <= config.summary.words),
                       key=lambda k: (-cands[k].support, when(k)))
    if not alone:
        return chosen
    opener = alone[0]
    kept = list(chosen)
    while kept and sum(cands[k].words for k in kept) + cands[opener].words > config.summary.words:
        kept.pop()
    return [opener] + kept


def _shared_concepts(cands: list[Candidate], origin: dict[str, str]) -> list[int]:
    """For each candidate, how many of its concepts (word pairs, main actors) another
    independent source also states: what the story's other reports tell too."""
    holders: dict = defaultdict(set)
    for cand in cands:
        for concept in cand.concepts:
            holders[concept].add(origin.get(cand.article.id, cand.article.id))
    return [sum(1 for c in cand.concepts
                if holders[c] - {origin.get(cand.article.id, cand.article.id)})
            for cand in cands]


def _lead_first(chosen: list[int], cands: list[Candidate], sims: np.ndarray,
                shared: list[int], config: Config, when) -> list[int] | None:
    """The summary in reading order, opening on the report's lead that reads alone and tells
    most of what the story's reports tell (carried by most sources, then sharing most of its
    concepts with other sources, then the earliest), chosen or not: a sentence from further
    down a report ("Saudi Arabia alone has more than 3 million bpd to spare", a feature's
    anecdote in paragraph 21) backs the news rather than telling it, and a report's lead is
    written to be read first. The chosen sentences the budget cannot keep beside it go (the
    last chosen first), and so do those that repeat it or lean on one that went. None when no
    lead reads alone."""
    budget = config.summary.words
    leads = [k for k, c in enumerate(cands) if c.lead and _reads_alone(c) and c.words <= budget]
    if not leads:
        return None
    opener = min(leads, key=lambda k: (-cands[k].support, -shared[k], when(k)))
    kept = [k for k in chosen if k != opener
            and float(sims[opener, k]) <= config.summary.redundancy_threshold]
    while kept and sum(cands[k].words for k in kept) + cands[opener].words > budget:
        kept.pop()
    order = [opener] + sorted(kept, key=when)
    read: list[int] = []
    for k in order:
        cand = cands[k]
        keys = {(cands[j].article.id, cands[j].index) for j in read}
        if cand.dangling and k != opener and (cand.article.id, cand.index - 1) not in keys:
            continue
        if cand.needs and k != opener and not _names_noun(cand, [cands[j] for j in read]):
            continue
        read.append(k)
    return read


# A sentence this deep in its report (0 is the first) opens a summary only when it is a lead
# or another origin carries it: in six held-out audits every opener from the ninth sentence on
# was a feature's colour, an essay's aside or background (7 of 7 judged partly or wrong).
OPENING_DEPTH = 8


def _opening_alone(ordered: list[int], cands: list[Candidate]) -> list[int]:
    """The summary's sentences when the first reads alone, else none: when no sentence the
    story gives does ("Biblical in its rage, the storm has left millions ...": which storm?),
    a summary opening on one sends the reader after what it leans on. Nor does a summary open
    on the writer's exclamation, or on a sentence from deep in one report that no other tells
    ("Wells had no doubt about where the end of the world should take place.", from the middle
    of an essay)."""
    if not ordered:
        return ordered
    first = cands[ordered[0]]
    if not _stands_alone(first) or first.judging:
        return []
    return ordered if first.lead or first.index < OPENING_DEPTH or first.support >= 2 else []


def _reading_order(chosen: list[int], cands: list[Candidate], when) -> list[int]:
    """The chosen sentences in reading order, opening on the first report's lead that another
    origin carries too (``support``) and that reads alone: a feature's anecdote ("Expert
    sniffer Steve Wilson lifted the cover off a bowl") published first is no opening for the
    story's news. Then on a lead that reads alone, then on a sentence others carry that reads
    alone, then on any that does; when every chosen sentence needs another, the reading order
    stands."""
    ordered = sorted(chosen, key=when)

    def alone(k: int) -> bool:
        return _reads_alone(cands[k])

    # a report's lead is written to be read first ("the blowout preventer", "the letter" in a
    # later sentence were introduced before it), so a lead opens when one is chosen; a
    # sentence that needs another never opens when one that does not is chosen
    opener = next((k for k in ordered if cands[k].support >= 2 and alone(k) and cands[k].lead),
                  None)
    # (a lead that reads alone before a sentence from further down that other reports
    # carry: "Israel has the capability to attack Iranian targets", from the middle of an
    # analysis, backs the news rather than telling it)
    for rule in (lambda k: alone(k) and cands[k].lead,
                 lambda k: cands[k].support >= 2 and alone(k), alone,
                 lambda k: _plain_lead(cands[k])):
        if opener is None:
            opener = next((k for k in ordered if rule(k)), None)
    if opener is None:
        return ordered
    return [opener] + [k for k in ordered if k != opener]


def _debunk_first(ordered: list[int], cands: list[Candidate]) -> list[int]:
    """The summary opening on a report that debunks the story's claim when some of its
    reports do and others do not: the others repeat the hoax ("Vladimir Kershov, publicist of
    Bruno Mars, has been fired today after he revealed a shocking secret", told by the satire
    site itself). The debunking report's first sentence that reads alone opens; when it has
    none, the summary is left out rather than open on the hoax."""
    if not ordered:
        return ordered
    reports = {c.article.id: c.article for c in cands}
    debunking = {aid for aid, article in reports.items() if debunks(article.text)}
    if not debunking or cands[ordered[0]].article.id in debunking or not any(
            c.article.id not in debunking for c in cands):
        return ordered
    # (a sentence that says the claim is made up, or tells of it as a claim, first: the
    # debunking report may open on the hoax's own words, or on a reader's question)
    usable = [k for k, c in enumerate(cands) if c.article.id in debunking
              and _stands_alone(c) and not c.judging]
    opener = min(usable, key=lambda k: (not tells_the_debunk(cands[k].text), cands[k].index),
                 default=None)
    if opener is None:
        return []
    return [opener] + [k for k in ordered if k != opener]


@story_stage("summarize@1", requires=("article.doc", "article.sentences",
                                      "article.sentence_embeddings"),
             assigns=("story.summary",))
def summarize_stage(story: Story, articles: dict[str, Article], config: Config) -> None:
    """Fill ``story.summary`` with cited sentences within ``config.summary.words`` words.

    >>> from newsweave.config import load_config
    >>> story = Story("s", [])
    >>> summarize_stage(story, {}, load_config())
    >>> story.summary
    []
    """
    cands = _candidates(story, articles, config)
    if not cands:
        story.summary = []
        return
    if len(cands) > config.summary.max_candidates:
        # A very large story: keep the leads of every article first (news puts what matters
        # first), so that time and memory stay bounded (the similarity matrix is n x n).
        keep = sorted(range(len(cands)), key=lambda k: (cands[k].index, k))
        cands = [cands[k] for k in sorted(keep[: config.summary.max_candidates])]
    sims = _similarities(cands)
    if sims is None:
        sims = _lexical_similarities(cands)
    for cand in cands:
        named = _actors(cand.article, cand)
        cand.named = bool(named)
        cand.concepts = _bigrams(cand.text) | named
    origin = _origins(story)
    weights = _concept_weights(cands, origin, config.summary.main_actors,
                               config.summary.lead_weight)
    threshold = config.summary.support_similarity
    claims = _claim_support(story, cands)
    for k, cand in enumerate(cands):
        cited = [cand.article.id, *_supporters(k, cands, sims, threshold)]
        cand.support = claims.get(k) or len({origin.get(a, a) for a in cited})
    if len({origin.get(c.article.id, c.article.id) for c in cands}) == 1:
        # One report (or copies of one) gives no cross-source signal; news puts what matters
        # first.
        for rank, cand in enumerate(sorted(cands, key=lambda c: c.index)):
            cand.prior = 1.0 + 1.0 / (1.0 + rank)
    order = {aid: n for n, aid in enumerate(story.articles)}

    def when(k: int):
        article = cands[k].article
        published = article.meta.published
        stamp = published.replace(tzinfo=None) if isinstance(published, datetime) else datetime.max
        # Within one time (or none: undated reports), leads first: news puts what matters first.
        return (stamp, cands[k].index, order.get(article.id, 0))

    chosen = _select(cands, weights, sims, config, when)
    ordered = _lead_first(chosen, cands, sims, _shared_concepts(cands, origin), config, when)
    if ordered is None:
        ordered = _reading_order(_with_an_opener(chosen, cands, config, when), cands, when)

    ordered = _debunk_first(ordered, cands)

    summary = []
    for k in _opening_alone(ordered, cands):
        cand = cands[k]
        citations = [Evidence(cand.article.id, cand.start, cand.end)]
        supporters = _supporters(k, cands, sims, threshold)
        for j in sorted(supporters.values(), key=lambda j: -float(sims[k, j])):
            citations.append(Evidence(cands[j].article.id, cands[j].start, cands[j].end))
        summary.append(SummarySentence(cand.text, tuple(citations)))
    story.summary = summary
