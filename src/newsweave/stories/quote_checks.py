"""Which attributions a briefing shows as "who said what": checks a reader can verify.

The quote stage proposes every attribution a news parser can find, as PolNeAR annotates them:
beliefs, perceptions, a relative clause's verb ("the group, which has criticised X"), first
person in an opinion column. Read as an analyst reads a briefing, many of those are not
statements of the speaker it names, and a wrong "X said Y" is worse than none. A story's
quotes therefore keep only attributions that pass every check below; the others are withheld
(the article-level stage and ``newsweave quotes`` still return them all).

1. ``speaker``: someone a reader can identify — a resolved person or organisation name, or a
   role ("the fire chief", "a spokesman for the company", "officials"). Not an unresolved
   pronoun, a relative pronoun, a document without its author, a noun that names nobody, or
   an organisation named only by its kind ("the company" that the article's resolver could
   not name).
2. ``first person``: "I"/"we" outside quotation marks is the writer of the article, whatever a
   resolver made of it.
3. ``cue``: a verb of saying (or "according to", a "NAME: text" line, a noun such as "statement"
   with a clause); verbs of belief or expectation only for a named speaker; no verbs of knowing
   or perceiving ("did not know whether ...").
4. ``negation``: a negated cue ("did not say", "never claimed") does not report a statement;
   "declined to say" and "denied" are statements and stay.
5. ``content``: a clause (it holds a verb) or words in quotation marks, not a bare noun phrase
   ("Authorities estimate the damages" -> "the damages") nor a clause whose subject lies
   outside it ("Saif, who he said had sought reforms" -> "had sought reforms"). In the
   writer's words, the content must state something: a clause with its own subject and a
   finite verb, or a commitment's infinitive ("vowed to rebuild"); an evaluated object
   ("blasted lawmakers for ..."), a refusal ("declined to comment on ...") or a topic is what
   the statement was about, not what was said.
6. ``nested``: a cue inside another attribution's quotation marks is reported speech within
   speech ('"He said he would resign," Berg said'): the outer attribution stands for it.
7. ``label``: a "NAME: text" line speaks only for a person, or with words in quotation marks
   ("Tour de France: Evans wins stage" is a headline).
8. ``furniture``: content that carries page furniture (a caption, a credit, a reader call-out;
   see ``stories.furniture``) is not what anyone said, nor is a cue in the page's head before
   the report (a headline's "says", a caption's, a title line's).
9. ``title`` and ``headline``: a book's title in quotation marks alone is no one's words, and a
   title-cased sentence is a headline ("Rubio Responds To Question By Saying ...").
10. ``cut``: words that end where they need more (on a conjunction, before a colon they
   introduce) or skip words the parse left out between their parts.
11. ``hearsay``: a saying the writer passes on second-hand ("reportedly said", "apparently
   threatened") is not shown as said.
Refusals and agreements ("refused", "declined", "agreed") report a statement only when what
is refused is saying something: "declined to comment" passes the cue check (and then states
nothing a briefing can show, ``content``), "refused to be photographed" and "agreed to pay" are
acts (``cue``). An attribution whose content holds another attribution's
cue outside quotation marks ("According to X, ..., he noted") runs over two and is not shown.

>>> from newsweave.nlp.spacy_stage import load_nlp
>>> doc = load_nlp()("Officials said the bridge would reopen. The neighbors thought it was cool.")
>>> cue_check(doc[1:2], named=False), cue_check(doc[8:9], named=False)
(None, 'cue')
"""
from __future__ import annotations

import functools
import re
from dataclasses import replace

# also this module's names
from newsweave.lexicon import (  # noqa: F401
    SAYING_VERBS as SAYING,
    HOLDING_VERBS as HOLDING,
    SAYING_NOUNS,
    HOLDING_NOUNS,
    HOLDING_ADJECTIVES,
    FIRST_PERSON,
    ORG_NOUNS,
    PEOPLE_NOUNS,
    SECOND_HAND,
)
from newsweave.model import Quote
from newsweave.nlp.claims import lemma, stopped_short
from newsweave.nlp.spacy_stage import TITLE_ABBREVIATIONS
from newsweave.nlp.speaker_kind import kind_of
from newsweave.stories.chronology import DAY_HEADING
from newsweave.stories.furniture import (FINITE_TAGS, comment_thread_start, is_furniture,
                                         lead_start)
from newsweave.stories.glued import head_end

# A statement can be refused; a refusal or a denial is itself a statement.
NEGATION_KEEPS = {"decline", "refuse", "deny"}
OPENING, CLOSING = "\u201c\u00ab\u201e", "\u201d\u00bb"
QUOTE_MARKS = '"' + OPENING + CLOSING
# Verbs whose object is itself a position taken ("condemned the decision", "praised the
# rescuers"): a noun phrase is content for these.
EVALUATIVE_VERBS = {"criticize", "criticise", "condemn", "praise", "blame", "accuse", "decry",
                    "denounce", "deplore", "applaud", "commend", "welcome", "hail", "slam",
                    "blast", "attack", "defend", "justify", "reject", "dismiss", "dispute",
                    "deny", "question", "oppose", "support", "endorse", "back", "call",
                    "label", "brand", "term", "dub", "describe", "characterize", "characterise",
                    "lambast", "warn", "urge", "demand", "propose", "recommend", "announce",
                    "confirm", "predict", "promise", "pledge", "vow", "threaten"}
# Verbs that report a statement only when what is refused or agreed to is saying something
# ("declined to comment", "agreed to testify"), and the saying verbs that make them one.
ACTION_CUES = {"refuse", "decline", "agree"}
REFUSED_SPEECH = {"comment", "say", "speak", "talk", "discuss", "answer", "respond", "confirm",
                  "deny", "elaborate", "reveal", "disclose", "identify", "name", "specify",
                  "explain", "divulge", "address", "testify", "apologize", "apologise",
                  "retract", "condemn", "criticize", "criticise", "endorse", "speculate"}
# The writer's guess at what someone believes, not something they said.
WRITER_HEDGES = {"apparently", "seemingly", "presumably", "evidently", "supposedly",
                 "obviously", "clearly"}
# Organisations named only by their kind: "the company said" tells a reader which company only
# when the article's resolver found it ("the police", "the government", "the army" are the ones
# of the story's place, and stay).
NAMELESS_KINDS = {"company", "firm", "committee", "department", "agency", "network", "group",
                  "organization", "organisation", "institute", "board", "bank", "union",
                  "alliance", "coalition", "council", "commission", "newspaper", "team", "club",
                  "campaign", "office", "ministry", "service", "party", "station", "channel"}
# Verbs whose infinitive is the statement: "vowed to rebuild the city" commits the speaker.
COMMITTING = {"promise", "pledge", "vow", "threaten", "swear", "undertake"}
# Verbs of demanding whose content names who is to act and what ("urged X to resume talks").
DEMANDING = {"urge", "call", "demand", "press", "implore", "appeal", "warn", "encourage"}
# speaker_kind kinds that stand for someone identifiable without a resolved name
ROLE_KINDS = {"people", "organisation", "person", "name"}


# Words of the writer passing on a saying second-hand ("reportedly told", "allegedly said").
_SECOND_HAND = SECOND_HAND | {"seemingly"}
# Pronouns of quantity that speak for nobody in particular when they stand alone.
_QUANTIFIERS = frozenset({"others", "some", "many", "few", "most", "several", "all", "both",
                          "one"})


def withheld_reason(q: Quote, doc, text: str, direct_spans: list[tuple[int, int]]) -> str | None:
    """The first check ``q`` fails (see the module text), or None when a briefing may show it.

    ``doc`` is the article's parse (cleaned text), ``text`` its cleaned text and
    ``direct_spans`` the (start, end) of the article's quotations in marks."""
    named = bool(q.speaker_name)
    speaker = _span(doc, q.speaker)
    if q.speaker is not None and q.speaker.start > 0 and text[q.speaker.start - 1] == "-":
        return "speaker"  # "anti-American": half of a hyphenated word speaks for no one
    if speaker is not None and speaker.root.lower_ in FIRST_PERSON and \
            not _inside(q.speaker.start, direct_spans):
        return "first person"
    if not named and not q.role:
        if speaker is None or kind_of(speaker) not in ROLE_KINDS:
            return "speaker"
    if not named and speaker is not None and len(speaker) == 1 and \
            speaker.root.lower_ in _QUANTIFIERS:
        return "speaker"  # "others say ...": the writer's framing, no one a reader can find
    if named and ("/" in q.speaker_name or "\\" in q.speaker_name):
        return "speaker"  # "Jo Lee/Reuters PORTVILLE": a photo credit run into a dateline
    if q.speaker is not None and _PICTURED.search(text, q.speaker.start,
                                                   min(len(text), q.speaker.end + 24)):
        return "caption"  # "Ahmet Davutoglu (right) said he hoped ...": a photo's caption
    if speaker is not None and len(speaker) == 1 and speaker.root.pos_ == "ADJ":
        return "caption"  # "Courageous: Major X made a remarkable rise": a caption's label
    if any(_PICTURED_HERE.search(text, part.start, part.end) for part in q.content):
        return "caption"  # "... She's pictured here in an F-16": the words of a caption
    if speaker is not None and _OWN_REPORTERS.match(speaker.text):
        # "Reuters reporters near both towns said rockets had been fired": the outlet's own
        # eyewitness account, not a source's words
        return "outlet"
    if named and _VERSUS.search(q.speaker_name):
        return "speaker"  # "Hitchens v Galloway": a debate's billing, not one speaker
    if named and q.speaker_name in NAMELESS_KINDS:
        # "The company said ..." left unresolved: which company is the reader's guess
        return "speaker"
    if q.kind in ("verb", "noun", "adj"):
        cue = _span(doc, q.cue)
        if cue is None:
            return "cue"
        reason = cue_check(cue, named=named, kind=q.kind)
        if reason:
            return reason
        if any(c.dep_ == "advmod" and c.lower_ in _SECOND_HAND for c in cue.root.children):
            # "when Bush apparently threatened to use military action", "Trump reportedly
            # told aides": the writer passes on what others say was said, not a statement
            # the report heard
            return "hearsay"
        if q.kind == "verb" and not q.direct and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in cue.root.children):
            # "perhaps, as the author Bob Woodward says, with Cheney at the helm": the writer
            # leaning on someone's words in passing; what they said is not told
            return "aside"
    if q.kind == "label" and not q.direct and q.speaker_type != "person":
        # "Tour de France: Evans wins stage" is a headline, not someone speaking
        return "label"
    if any(is_furniture(text[part.start:part.end]) for part in q.content):
        return "furniture"
    if len(q.content) == 1 and _title_part(q.content[0], text, most=_LONG_TITLE):
        # 'as recalled by X in Peter Burrows's book "Backfire: Carly Fiorina's High-Stakes
        # Battle for the Soul of Hewlett-Packard."': the book's name, not X's words
        return "title"
    if _title_cased(doc, q):
        # "Marco Rubio Responds To Question About Minimum Wage By Saying We Need Fewer
        # Philosophers.": a headline (in a list of teasers), not a report of words
        return "headline"
    if q.content and _open_bracket(text[q.content[-1].start:q.content[-1].end]):
        # "... Chris Dodd (D-Conn": the sentence splitter stopped at an abbreviation's point
        return "cut"
    if q.content and not q.direct and _runs_past_colon(doc, q.content[-1], text):
        # "became cracked, especially in such sporting events as:" and a list: the words go on
        # past the colon, where the parse did not follow them
        return "cut"
    if q.content and _TEASER_CUT.match(text, q.content[-1].end) and \
            text[q.content[-1].end - 1:q.content[-1].end].isalnum():
        # "... will be the largest in history -- becaus ...": a related-stories teaser cut
        # mid-word, not the whole statement
        return "cut"
    if q.content and _ends_cut(doc, q.content[-1]):
        # "Western diplomats say this means that", "... (Interior Secretary Ken Salazar) and":
        # the parse cut the words where they go on
        return "cut"
    if not q.direct and _skips_words(q, text):
        # "calling for 2010 as target year for the so called ..." given as "target year ...
        # the so called ...": the parse left out words the statement needs
        return "cut"
    if q.cue is not None and _inside(q.cue.start, direct_spans):
        return "nested"
    if not q.direct and not _content_ok(q, doc, text, _span(doc, q.cue)):
        return "content"
    if not q.direct and _detached_from_relative_cue(q, doc, text):
        # "The bill did something Republicans wanted: It allowed veterans to ...": the cue
        # describes a noun of the writer's sentence, and the words are not what it governs
        return "content"
    if q.direct and _subjectless(doc, q.content, text, quoted=True):
        # 'Nothing the president said "will assuage people's fears," the senator said': the
        # quoted words open on their verb and leave their subject to the writer, whose
        # "Nothing" reverses them
        return "content"
    if not q.direct and q.kind in ("verb", "noun", "adj") and \
            not _states_something(q, doc, text, _span(doc, q.cue)):
        return "content"
    if not q.direct and _asks_or_names_a_topic(q, doc, text):
        return "question"
    return None


# The outlet's own people as the speaker: "Reuters reporters", "a Reuters witness", "our
# correspondent".
_OWN_REPORTERS = re.compile(
    r"(?:an? |the )?(?:Reuters|AP|AFP|BBC|CNN|Guardian|our|Our)(?:'s)?\s+(?:own\s+)?"
    r"(?:reporters?|correspondents?|journalists?|witness(?:es)?|photographers?|cameraman|"
    r"crew|team)\b")
# Verbs of starting or going on with an act: "could begin calling", "may start saying".
_STARTING = {"begin", "start", "continue", "go", "keep"}
# An ellipsis right after the words: a teaser cut short by the page ("... becaus ...").
_TEASER_CUT = re.compile(r"\s?(?:\.\.\.|\u2026)")
# Words saying a picture shows someone: the words are a caption's.
_PICTURED_HERE = re.compile(r"\b(?:is|are|was|were|'s|’s) pictured\b|\bpictured (?:here|above|"
                            r"below|left|right|with|at|in|on)\b", re.IGNORECASE)
# Where a person stands in a picture, right after their name: the words are its caption.
_PICTURED = re.compile(r"\((?:far |second |2nd )?(?:right|left|centre|center|pictured|top|"
                       r"bottom|above|below|front|back|[LR])\)", re.IGNORECASE)


def _open_bracket(words: str) -> bool:
    """Whether the words stop inside a bracket they opened after their start, on no quotation
    mark ("... and Chris Dodd (D-Conn", "... her private email server (the existence of
    which"); a bracket around the whole, '("I don't want fisticuffs,"', is an aside's."""
    words = words.strip()
    return words.count("(") > words.count(")") and not words.startswith("(") and \
        words[-1:] not in QUOTE_MARKS + "'"


def _runs_past_colon(doc, part, text: str) -> bool:
    """Whether the words stop at a colon that they need what follows for: a list set out
    below it, or a last word that cannot end a statement ("such events as:", "include:").
    ("He noted he is the only other candidate to win a state:" ends on its own.)"""
    after = text[part.end:part.end + 40]
    if after.lstrip(" \t")[:1] != ":":
        return False
    if after.lstrip(" \t")[1:].lstrip(" \t")[:1] in ("\n", "*", "-", "\u2022"):
        return True
    span = _span(doc, part)
    last = next((t for t in reversed(span) if t.is_alpha), None) if span is not None else None
    return last is not None and (last.pos_ in ("ADP", "SCONJ", "CCONJ", "DET", "AUX") or
                                 lemma(last) in ("include", "follow"))


def _ends_cut(doc, part) -> bool:
    """Whether the words end on one that needs more after it: a conjunction, an article or
    determiner, a complementiser ("this means that"; not the pronoun of "I will not say
    that", nor a preposition, which may end them: "a plan he could believe in")."""
    span = _span(doc, part)
    last = next((t for t in reversed(span) if t.is_alpha), None) if span is not None else None
    return last is not None and (last.pos_ in ("CCONJ", "DET", "SCONJ") or last.dep_ == "mark") \
        and last.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "attr")


# Words that open an indirect question or a topic ("questioning whether the company will pay",
# "told the show how their research can be applied"): what was talked about, not what was said.
_QUESTION_WORDS = {"whether", "how", "what", "why", "who", "where"}


def _asks_or_names_a_topic(q: Quote, doc, text: str) -> bool:
    """Content in the writer's words that is a question or a topic: its first part opens on
    "whether", "how", "what" ... heading the part's clause ("what happened was a tragedy" has
    "what happened" as the subject of a statement, and stays)."""
    if doc is None or not q.content or any(_marked(text, p) for p in q.content):
        return False
    first = min(q.content, key=lambda p: p.start)
    span = doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None or not len(span) or span[0].lower_ not in _QUESTION_WORDS:
        return False
    head = span[0].head
    return head.i == span.root.i or (span[0].dep_ == "mark" and head.head.i == head.i) or (
        # "how prepared it was": the word it asks about, then the clause's verb
        span[0].dep_ == "advmod" and head.head.i == span.root.i and head.i < span.root.i)


def shown_quotes(quotes: list[Quote], doc, text: str) -> list[Quote]:
    """The attributions of one article a briefing may show: those that pass every check, and
    of several that give one quotation to different speakers ("'Who would ...?' 9.33 pm:
    Barton asks ... Gibbs tweeted '...'"), only the one whose cue is nearest to it."""
    marked = direct_quotations(text)
    # readers' comments under the report are nobody's quoted words, and the page's head (a
    # headline, a standfirst, captions, run before the report) is the page's, not a report of
    # what was said
    thread = comment_thread_start(text)
    head = max(_report_start(doc, text), _title_line_end(text))
    trimmed = (trim_content(q, doc, text) for q in quotes
               if (thread is None or q.start < thread)
               and (q.cue.start if q.cue is not None else q.start) >= head
               # (a speaker in the head, given the lead's cue by a parse of the two run
               # together: "... Activists said ... on Thursday Mr Annan's spokesman told")
               and (q.speaker is None or q.speaker.start >= head or q.speaker.start >= (
                   q.cue.start if q.cue is not None else q.start)))
    # (nor are words of the head given to a speaker after it: a headline's quotation run into
    # "14.34 BST Aisha Gadafy ... said")
    trimmed = (_after_head(q, head) for q in trimmed if q is not None)
    kept = [q for q in trimmed if q is not None and withheld_reason(q, doc, text, marked) is None]
    owner: dict[tuple[int, int], tuple[int, str | None]] = {}
    for q in kept:
        for part in _quoted_parts(q, text):
            distance = _cue_distance(q, part)
            if part not in owner or distance < owner[part][0]:
                owner[part] = (distance, q.speaker_name)
    kept = [q for q in kept if all(owner[p][1] == q.speaker_name or
                                   owner[p][0] == _cue_distance(q, p)
                                   for p in _quoted_parts(q, text))]
    # "According to X, the tremor was the largest, he noted": two attributions whose contents
    # hold each other's cue (outside quotation marks) both run over the other; when they give
    # the words to one speaker, the shorter telling stays. "According to X" never holds another
    # cue ("According to her website, '...' she said years later"), and an attribution holding
    # another shown one of the same speaker only repeats it ("Payton said Bush's knee does not
    # need surgery, he said"). Otherwise one cue inside another's content is reported speech
    # within speech ("she said officials claimed ...").
    def size(q: Quote) -> int:
        return sum(p.end - p.start for p in q.content)

    def runs_over(q: Quote, other: Quote) -> bool:
        c = other.cue
        return c is not None and c != q.cue and not _inside(c.start, marked) and any(
            p.start <= c.start and c.end <= p.end for p in q.content)

    return [q for q in kept if not any(
        runs_over(q, o) and (runs_over(o, q) or q.kind == "according" or (
            o.speaker_name is not None and o.speaker_name == q.speaker_name and o in kept))
        and not (
            o.speaker_name == q.speaker_name and (size(q), q.start) < (size(o), o.start))
        for o in quotes if o is not q)]


def _report_start(doc, text: str) -> int:
    """Where the report begins: after the page's head (``lead_start``), and within the
    sentence it opens on, after a headline and a caption run into the lead with no full stop
    ("Turkey calls meeting on warplane downed by Syria Syria said it engaged the aircraft ...
    Turkey has called a meeting ..."; ``glued.head_end``)."""
    head = lead_start(text)
    if doc is None or doc.text != text:
        return head
    first = next((t for t in doc if t.idx >= head and not t.is_space), None)
    if first is None:
        return head
    return max(head, head_end(doc, max(head, first.sent.start_char), first.sent.end_char))


def _skips_words(q: Quote, text: str) -> bool:
    """Whether the content leaves out words between two of its parts in the writer's words
    where neither the cue nor the speaker stands ("The bridge, he said, will reopen" leaves
    out only the telling)."""
    parts = sorted(q.content, key=lambda p: p.start)
    told = [s for s in (q.cue, q.speaker) if s is not None]
    for before, after in zip(parts, parts[1:]):
        gap = text[before.end:after.start]
        if not re.sub(r"\b(?:and|or|but|that)\b", "", gap).strip(_EDGE + ".") or "\n" in gap or any(
                before.end <= s.start < after.start or before.end < s.end <= after.start
                for s in told):
            continue
        if not all(_quoted(text, p) for p in (before, after)):
            return True
    return False


def _title_cased(doc, q: Quote) -> bool:
    """Whether the cue's sentence is written in title case, as headlines are: nearly every
    word of four letters or more outside quotation marks opens on a capital."""
    cue = _span(doc, q.cue) if q.cue is not None else None
    if cue is None:
        return False
    words = [t.text for t in cue.sent if t.is_alpha and len(t.text) >= 4]
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.9 * len(words)


def _title_line_end(text: str) -> int:
    """The end of the text's first line when it is a title (a line of a few words on its own
    with no closing punctuation, 'Talks soon to end in Bali; UN "concerned by the pace"'): the
    report tells what its head sums up. 0 when the first line is no title."""
    end = text.find("\n")
    line = text[:end].strip() if end > 0 else ""
    if not 2 <= len(line.split()) <= _TITLE_WORDS:
        return 0
    return 0 if line.rstrip(QUOTE_MARKS + "'\u2019 ")[-1:] in ".!?,;:" else end


# More words than a headline takes: a first line this long is a paragraph of the report.
_TITLE_WORDS = 25
# The most words a book's or a film's title in quotation marks runs to, subtitle and all.
_LONG_TITLE = 16


def _after_head(q: Quote, head: int) -> Quote | None:
    """``q`` without the content parts that end before the report begins; None when none is
    left."""
    parts = tuple(p for p in q.content if p.end > head)
    if not parts:
        return None
    return q if parts == q.content else replace(q, content=parts)


def _marked(text: str, part) -> bool:
    """Whether the part holds a quotation mark."""
    return any(m in text[part.start:part.end] for m in QUOTE_MARKS)


def _quoted_parts(q: Quote, text: str) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in q.content if _marked(text, p)]


def _cue_distance(q: Quote, part: tuple[int, int]) -> int:
    if q.cue is None:
        return 1 << 30
    return max(0, part[0] - q.cue.end, q.cue.start - part[1])


def _asked_about(verb) -> bool:
    """Whether ``verb`` is inside the question an "Asked if/whether ..." clause puts."""
    tok = verb
    for _ in range(4):
        head = tok.head
        if head is tok:
            return False
        if lemma(head) == "ask" and tok.dep_ in ("advcl", "ccomp") and any(
                c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in tok.children):
            return True
        tok = head
    return False


def _passive(verb) -> bool:
    """Whether a participle is passive, itself or as the conjunct of a passive verb ("was
    arrested, beaten and accused")."""
    for _ in range(4):
        if any(c.dep_ == "auxpass" for c in verb.children):
            return True
        if verb.dep_ != "conj" or verb.head.tag_ != "VBN":
            return False
        verb = verb.head
    return False


# Holding verbs that wish rather than judge ("expects prices to rise" is a view held)
_WISHING = frozenset({"want", "wish", "intend", "plan", "hope"})


def _to_infinitive(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _still_to_come(verb) -> bool:
    """Whether an infinitive saying is a plan or a purpose, not a report: "plans are in place for
    the government to warn ...", "the government's plan to announce ..."."""
    if not _to_infinitive(verb):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):
        return True
    return verb.dep_ == "acl" and lemma(verb.head) in NOT_YET_SAID_NOUNS


# Particles that make "call" an act: "call in the army", "call off the vote", "call up".
_CALLING_ON_SOMEONE = {"in", "off", "up", "out", "back", "away"}
# Verbs of saying that also mean removing someone from office.
_REMOVING = {"dismiss", "sack", "fire"}


# Verbs whose infinitive is still to come: a saying under them has not happened.
NOT_YET_SAID = {"expect", "plan", "intend", "schedule", "set", "due", "hope", "want",
                "prepare", "aim"}
# Verbs by which one party asks another to say something: what follows was not said (yet).
URGING = {"urge", "ask", "press", "pressure", "push", "encourage", "persuade", "invite",
          "call", "tell", "beg", "implore", "request", "advise"}
# Nouns whose infinitive is still to come: "a plan to announce", "an attempt to persuade".
NOT_YET_SAID_NOUNS = {"plan", "proposal", "intention", "bid", "attempt", "effort", "scheme",
                      "move", "chance", "opportunity", "need", "way"}


_VERSUS = re.compile(r"\s(?:v|vs|versus)\.?\s", re.IGNORECASE)
_REMEMBERING = {"recall", "remember", "recollect", "imagine", "picture"}


def cue_check(cue, *, named: bool, kind: str = "verb") -> str | None:
    """"cue" or "negation" when the cue does not report a statement, else None. ``kind`` is
    the quote stage's: "verb", "noun" ("his claim that ...") or "adj" ("is confident that")."""
    if kind in ("noun", "adj"):
        words = {lemma(t) for t in cue} | {t.lower_ for t in cue}
        if words & (SAYING_NOUNS if kind == "noun" else set()):
            return None
        if named and words & (HOLDING_NOUNS if kind == "noun" else HOLDING_ADJECTIVES):
            return None
        return "cue"
    verb = cue.root
    base = lemma(verb)
    if base not in SAYING and not (named and base in HOLDING):
        # "according to", "called for": the head word of a multi-word cue
        if not {lemma(t) for t in cue} & SAYING:
            return "cue"
    if base == "add" and any(c.dep_ in ("prep", "dative") and c.lower_ == "to"
                             for c in verb.children):
        # "added a fugitive to their list", "added to the pressure": putting in, not saying
        return "cue"
    if base in HOLDING and base not in SAYING and any(
            c.dep_ == "advmod" and c.lower_ in WRITER_HEDGES for c in verb.children):
        # "Wylie, who apparently thinks he is Dante Hall": the writer's guess at a belief
        return "cue"
    if any(c.dep_ == "aux" and c.lower_ in ("may", "might") for c in verb.children):
        # "Jindal may claim he energized Washington": the writer's guess at a saying
        return "cue"
    if verb.dep_ == "xcomp" and lemma(verb.head) in _STARTING and any(
            c.dep_ == "aux" and c.lower_ in ("may", "might", "can", "could")
            for c in verb.head.children):
        # "Bush can then ... begin calling us the 'Big Lump of Evil'": the writer imagining
        # what someone could come to say
        return "cue"
    if base in _REMEMBERING and any(c.dep_ == "aux" and c.lower_ in ("could", "can")
                                    for c in verb.children):
        # "She could recall visiting him in the mountains": the writer telling her memory
        return "cue"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and any(c.dep_ == "aux" and c.i < subjects[0].i < verb.i for c in verb.children) \
            and verb.sent.text.rstrip().endswith("?"):
        # "Did he ever ask BP how prepared it was?": the writer asking, not a report of speech
        return "cue"
    if _asked_about(verb):
        # "Asked if he thought Assad might use chemical weapons, Fares said ...": the thought
        # is the question put to him, not his words
        return "cue"
    if verb.dep_ in ("xcomp", "ccomp") and lemma(verb.head) in NOT_YET_SAID | URGING and (
            verb.dep_ == "xcomp" or _to_infinitive(verb)):
        # "is expected to announce that ...", "plans to announce", "expects the commission to
        # question", "urged Mubarak to announce": words not said yet
        return "cue"
    if base not in ("quote", "cite") and verb.tag_ == "VBN" and _passive(verb):
        # "a reporter was arrested, beaten and accused of being a spy": the subject is the one
        # accused, not the one speaking
        return "cue"
    if base not in ("quote", "cite") and verb.tag_ == "VBN" and verb.dep_ == "acl" and any(
            c.dep_ == "agent" for c in verb.children):
        # "its reform plan, rejected by Damascus on the grounds that it would infringe on
        # sovereignty": the writer describing the plan, with the reason given, not words said
        return "cue"
    if _still_to_come(verb):
        return "cue"
    if any(c.dep_ == "prep" and c.lower_ == "by" and c.i == c.sent.start and any(
            g.dep_ == "pcomp" and g.tag_ == "VBG" and lemma(g) not in SAYING
            for g in c.children) for c in verb.children):
        # "By standing up for Damascus, the Kremlin is telling the world that ...": the
        # writer's reading of what an act conveys, not words said (a sentence that opens on
        # the act; "attacked her by reminding voters that ..." and '"By locking in China," Mr.
        # Obama said' report words)
        return "cue"
    if _result_clause(verb):
        # "He spoke in such a low voice that even prosecutors had trouble hearing": what came
        # of the speaking, not what was said
        return "cue"
    if base in HOLDING and base not in SAYING and any(
            c.dep_ == "xcomp" and _to_infinitive(c) for c in verb.children):
        # "BP plans to try to capture the oil", "the state wants to make new land": an aim,
        # an act to come, not a statement
        return "cue"
    if base in _WISHING and any(c.dep_ == "ccomp" and _to_infinitive(c)
                                for c in verb.children):
        # "the administration would want independent auditors to publish a report": a wish
        # for what others do, not a statement
        return "cue"
    if base in HOLDING and base not in SAYING and any(
            c.dep_ == "xcomp" and c.tag_ == "VBG" for c in verb.children):
        # "BP is still considering using a smaller dome": an option weighed, not a view held
        return "cue"
    if base == "call" and any(c.dep_ in ("prt", "prep") and c.lower_ in _CALLING_ON_SOMEONE
                              for c in verb.children):
        return "cue"  # "called in the army", "called off the talks": an act, not a saying
    if base in _REMOVING and any(c.dep_ == "dobj" and (
            lemma(c) in ORG_NOUNS or c.ent_type_ in ("PERSON", "ORG", "NORP")
            or lemma(c) in PEOPLE_NOUNS) for c in verb.children):
        return "cue"  # "dismissed his government": removed it from office, said nothing
    if base in ("quote", "cite") and (verb.tag_ == "VBN" or any(
            c.dep_ == "auxpass" for c in verb.children)) and any(
            t.lower_ == "by" for t in cue):
        # "X was quoted by the Chronicle saying ...": the paper relays X, who speaks ("saying")
        return "cue"
    if base == "charge" and any(c.dep_ in ("dobj", "dative") and (
            c.ent_type_ == "MONEY" or c.lower_ in ("fee", "fees", "price", "rent", "tax")
            or any(g.ent_type_ == "MONEY" for g in c.subtree)) for c in verb.children):
        return "cue"  # "charged a $100,000 initiation fee": a price, not an accusation
    if base not in NEGATION_KEEPS and _negated(verb):
        return "negation"
    if base in ACTION_CUES:
        # "refused to be photographed", "agreed to pay": an act, not a statement; "declined
        # to comment" is a statement (of refusal); "she refused." alone says nothing
        done = [t for t in verb.children if t.dep_ == "xcomp"]
        if not done or lemma(done[0]) not in REFUSED_SPEECH:
            return "cue"
    return None


def _result_clause(verb) -> bool:
    """Whether the verb's "that"-clause is a result of a "so" or "such" in the verb's own
    phrase ("spoke so quietly that few heard", "in such a low voice that ...")."""
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "advcl") and any(
        g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return False
    that = next(g for g in clause.children if g.dep_ == "mark" and g.lower_ == "that")
    between = verb.doc[verb.i + 1:that.i]
    # (not "said so many times that ...": how often, not how)
    return any(t.lower_ == "such" or (t.lower_ == "so" and t.i + 1 < that.i and t.nbor().pos_ in (
        "ADJ", "ADV") and t.nbor().lower_ not in ("many", "much", "often", "far"))
        for t in between)


def direct_quotations(text: str) -> list[tuple[int, int]]:
    """Spans of text between paired quotation marks (straight or curly), marks included; a
    paragraph break (a blank line) ends an unclosed one.

    >>> direct_quotations('He said: "We will stop.\\nThen go." Then: \u201cno\u201d.')
    [(9, 33), (40, 44)]
    """
    return list(_direct_quotations(text))


@functools.lru_cache(maxsize=64)
def _direct_quotations(text: str) -> tuple[tuple[int, int], ...]:
    # Kept for the last texts read: each quotation part of an article's quotes asks again
    # (``_writer_words``), and this reads the whole text a character at a time.
    spans: list[tuple[int, int]] = []
    start = None
    for i, ch in enumerate(text):
        if ch == "\n" and text.startswith("\n", i + 1):
            start = None  # a paragraph break (a quotation may run over a line break)
        elif ch in OPENING:
            start = i if start is None else start
        elif ch in CLOSING or ch == '"':
            if start is not None:
                spans.append((start, i + 1))
                start = None
            elif ch == '"':
                start = i
    return tuple(spans)


def _negated(verb) -> bool:
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return True
    if any(c.lower_ == "nor" and c.i < verb.i for c in verb.children) and any(
            c.dep_ == "aux" and c.i < verb.i for c in verb.children):
        # "Nor, he said, did he say anything that ...": he did not say it (an inversion; in
        # '"... Nor would President Reagan," Cross wrote' the parser hangs "Nor" on the cue)
        return True
    if stopped_short(verb):
        return True
    # "did not want to say": the negation sits on the verb governing the cue
    head = verb.head
    return verb.dep_ == "xcomp" and head is not verb and \
        lemma(head) not in NEGATION_KEEPS and \
        any(c.dep_ == "neg" or c.lower_ == "never" for c in head.children)


_TIMESTAMP = re.compile(r"\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?)?\W*", re.IGNORECASE)
_LONE_WORDS = {"that", "which", "who", "it", "this", "these", "those", "what", "how",
               # the writer's connective cut off by the cue: "But, he noted, '...'"
               "but", "yet", "and", "still", "however", "but,", "yet,", "however,"}
# The writer's connective opening a sentence of reported speech ("Yet Trump is also ...").
_LEADING_CONNECTIVE = re.compile(r"(?:(?:But|Yet|And),?|(?:Still|However|Nevertheless|"
                                 r"Meanwhile),)\s+")
# A relative clause hanging from a noun of the sentence ("the Chiefs, who had 352 yards") is
# the writer's description, not the speaker's words.
_RELATIVE_OPENING = re.compile(r"^(?:who|whom|whose|which)\b", re.IGNORECASE)
# "warning that could lead to a regional war": "that" the subject of a modal or a verb is a
# pointer to something said before the cue, not the complementizer of what was said.
_POINTER_OPENING = re.compile(r"^that\s+(?:could|would|will|might|may|can|should|must|is|was|"
                              r"has|had|means|meant)\b", re.IGNORECASE)
# The writer speaking for himself ("I'm not sure that that's true") outside quotation marks.
_WRITER_OPENING = re.compile(r"^I(?:\s|'m\b|\u2019m\b|'d\b|\u2019d\b|'ve\b|\u2019ve\b)")


def _junk_part(part: str) -> bool:
    """A part of the content that is not anyone's words: a live blog's timestamp ("9.55 pm"),
    a lone relative pronoun or complementizer, how the words were told ("by telephone"), or text that opens on a closing quotation mark
    (the end of someone else's quotation: '" said pensioner ...'). A straight mark before a
    word opens a quotation ('"That," he added, "promises ..."'), so it closes one only when a
    space follows it."""
    stripped = part.strip()
    return bool(_TIMESTAMP.fullmatch(stripped)) or stripped.lower() in _LONE_WORDS or \
        bool(_MANNER_ONLY.fullmatch(stripped)) or \
        bool(_RELATIVE_OPENING.match(stripped)) or bool(_POINTER_OPENING.match(stripped)) or \
        stripped[:1] in (")", "]", "}", ",", ";", ":") or \
        re.match(r'^(?:"\s|\u201d)', stripped) is not None


# Words before a quoted title: "on CNN's "State of the Union"", "the show called "Hardball"".
_BEFORE_A_TITLE = re.compile(r"(?:['\u2019]s|\bon|\bshow|\bprogram|\bprogramme|\bcalled|"
                             r"\btitled|\bentitled|\bdubbed|\bbook|\bfilm|\bseries)\s*$",
                             re.IGNORECASE)
# 'she told the "The News Junkie" show': the title of what she spoke on.
_AFTER_A_TITLE = re.compile(r"\s*(?:show|program|programme|podcast|series|broadcast|segment)\b",
                            re.IGNORECASE)
_SMALL_WORDS = {"a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "at", "with"}


def _title_part(part, text: str, most: int = 6) -> bool:
    """A quoted title of a show, book or film among a quote's parts ('He was speaking on CNN's
    "State of the Union."'): a name in quotation marks, not anyone's words."""
    inner = text[part.start:part.end].strip().strip("\"\u201c\u201d .,")
    words = inner.split()
    if not 0 < len(words) <= most or not any(m in text[part.start:part.start + 2]
                                          for m in QUOTE_MARKS):
        return False
    titled = all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words)
    return titled and (_BEFORE_A_TITLE.search(text[max(0, part.start - 20):part.start]) is not None
                       or _AFTER_A_TITLE.match(text, part.end) is not None)


def trim_content(q: Quote, doc, text: str) -> Quote | None:
    """``q`` without the parts of its content that are not anyone's words (``_junk_part``) or
    are the one told ("told / a news conference"), and without the writer's words around them
    (``_writer_words``); None when no part is left."""
    parts = tuple(p for p in q.content if not _junk_part(text[p.start:p.end]) and
                  not (len(q.content) > 1 and (_recipient_part(q, p, doc, text)
                                               or _topic_part(q, p, doc, text)
                                               or _title_part(p, text)
                                               or _participle_part(q, p, doc, text)
                                               or _narration_after_cue(q, p, doc, text)
                                               or _WRITER_OPENING.match(
                                                   text[p.start:p.end].strip()))))
    if doc is not None:
        parts = tuple(cut for p in parts for cut in _writer_words(q, p, doc, text))
        parts = _in_the_cue_s_sentence(q, parts, doc, text)
    parts = tuple(p for p in (_before_speaker(q, p, text) for p in parts) if p is not None)
    if not parts:
        return None
    return q if parts == q.content else replace(q, content=parts)


def _in_the_cue_s_sentence(q: Quote, parts: tuple, doc, text: str) -> tuple:
    """Without the unquoted parts in another sentence than the cue's that name the speaker:
    the writer introducing them ("We should follow the advice of Sir Paul Lever. Only in this
    way, argues Lever, can ..."), however the parse joined them. (Unquoted words in the first
    person next to the cue's sentence are often the speaker's, their quotation marks lost:
    "He mentioned that ... The president has been unequivocal. We won't have troops there.")"""
    cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand") \
        if q.cue is not None else None
    surname = (q.speaker_name or "").split()[-1:]
    if cue is None or len(parts) < 2 or not surname or len(surname[0]) < 3:
        return parts
    sent = cue.sent
    naming = re.compile(rf"\b{re.escape(surname[0])}\b")
    kept = tuple(p for p in parts if _quoted(text, p)
                 or (p.start < sent.end_char and sent.start_char < p.end)
                 or not naming.search(text, p.start, p.end))
    return kept or parts


def _participle_part(q: Quote, part, doc, text: str) -> bool:
    """Whether an unquoted part after the cue of a quotation is a bare participle phrase
    ('"...," he told Reuters as he rushed out with a rifle slung over each of his shoulders'):
    the parse hung a description on the cue, no words anyone said. (Not in a report of
    words: "the group said, compared with $2,700 for those in the middle" goes on with them.)"""
    if doc is None or q.cue is None or part.start < q.cue.end or \
            _marked(text, part) or not any(_marked(text, p) for p in q.content):
        return False
    span = doc.char_span(part.start, part.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    return root.tag_ in ("VBN", "VBD") and span[0].i == root.i and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "mark") for c in root.children)


def _quoted(text: str, part) -> bool:
    """Whether the part holds a quotation mark, typewriter marks (''...'') included."""
    words = text[part.start:part.end]
    return _marked(text, part) or "''" in words or "``" in words


def _narration_after_cue(q: Quote, part, doc, text: str) -> bool:
    """Whether an unquoted part after the cue of a quotation is the writer going on with a
    clause of its own joined by "and" or "but" ("''Follow us,'' Ms. Gil said, and the boys,
    intrigued, trailed behind"): what happened next, not more of her words. (After the
    speaker's words in the writer's own, "X said, and ..." often goes on with them.)"""
    before = [p for p in q.content if p.end <= (q.cue.start if q.cue is not None else -1)]
    if doc is None or q.cue is None or part.start < q.cue.end or _quoted(text, part) or \
            not before or not all(_quoted(text, p) for p in before):
        return False
    if not re.match(r"(?:and|but)\s", text[part.start:part.end].lstrip(_EDGE)):
        return False
    span = doc.char_span(part.start, part.end, alignment_mode="expand")
    # a subject and a finite verb of its own, however the parse joined them ("the boys,
    # intrigued, trailed behind" may come out as a noun with a participle)
    return span is not None and len(span) > 2 and span[1].pos_ in (
        "DET", "NOUN", "PROPN", "PRON", "NUM") and any(t.tag_ in FINITE_TAGS for t in span)


def _before_speaker(q: Quote, part, text: str):
    """``part`` ended before the speaker's mention when it runs into it ("... the Camp David
    accords, White House Press Secretary Robert Gibbs" said Friday): a speaker is not his own
    words. None when nothing is left."""
    if q.speaker is None or not part.start < q.speaker.start < part.end:
        return part
    end = q.speaker.start
    while end > part.start and text[end - 1] in " ,;:\u2013\u2014-":
        end -= 1
    if end - part.start < 3:
        return None
    return replace(part, end=end)


# Gerunds after "without" that describe how the speaker spoke ("said ..., without saying
# who would pay"): the writer's comment on the statement, not part of it.
_UNSAID_OBJECTS = {"detail", "details", "evidence", "proof", "reason", "reasons", "specifics",
                   "explanation", "timetable", "timeline", "figure", "figures", "name", "names"}


# A dash, then the writer's reading of what was said ("-- testament to ...", "-- a sign that")
# or what went on meanwhile ("-- even as Hillary Clinton closed in on the delegates").
_DASH_ASIDE = re.compile(r"\s+(?:--|\u2014|\u2013)\s+(?:(?:a |an |the )?(?:testament|sign|"
                         r"reminder|indication|reflection|measure|symptom|illustration|"
                         r"evidence|proof)|even as|even though|even while)\b")
# A comma, then the writer's reading of what the statement meant or did ("..., reflecting the
# party's attempts to unify", "..., conceding the race to Clinton", "..., prompting boos").
_GLOSS_PARTICIPLE = re.compile(r",\s+(?:reflecting|underscoring|underlining|highlighting|"
                               r"signall?ing|conceding|illustrating|capping|fu?ell?ing|"
                               r"deepening|sparking|prompting|effectively)\b")
# "..., which BP denies": the writer's note that another party rejects what was said.
_OTHERS_DENIAL = re.compile(
    r",\s+(?:which|something|a claim|an allegation|a charge)\s+(?:that\s+)?(?:the\s+)?"
    r"(?:[A-Z][\w.&'-]*\s+){1,4}(?:(?:has|have|had)\s+)?(?:strongly\s+|repeatedly\s+)?"
    r"(?:denies|denied|deny|disputes|disputed|dispute|rejects|rejected|reject|contests|"
    r"contested)\b"
    # "..., though activists dispute that": another party's reply the writer sets beside it
    r"|,\s+(?:though|although)\s+(?:[\w'-]+\s+){1,3}(?:dispute|disputes|disputed|deny|denies|"
    r"denied|reject|rejects|rejected|contest|contests|contested)\b")


def _writer_words(q: Quote, part, doc, text: str) -> list:
    """``part`` cut to the speaker's words: without a trailing noun phrase after a quotation
    that ends on a comma ('"I'm proud of it," his first interview on the subject'), without a
    trailing "without saying/explaining/giving details ..." and, for a cue after the content,
    without the writer's sentence about the speaker around a quotation ('As the hearings open,
    Obama named her, the "leading spokesperson on health," Obama said' gives only the quoted
    words)."""
    quotations = [(s, e) for s, e in direct_quotations(text) if part.start <= s and e <= part.end]
    start, end = part.start, part.end
    head_end = lead_start(text)
    if start < head_end < end - 1 and not quotations:
        # "Fish deaths raise questions The dead fish found ... include eel, officials say": a
        # page's headline run into the words is the page's, not the speaker's
        start = head_end
    heading = DAY_HEADING.match(text, start, end)
    if heading is not None and not quotations:
        start = heading.end()  # "September 11 - Libya ..., Jibril says": a chronology's day
    gloss = _unsaid_gloss(doc, start, end, quotations)
    if gloss is not None:
        end = gloss
    if not quotations:
        end = _before_next_telling(q, doc, start, end)
        denial = _OTHERS_DENIAL.search(text, start, end)
        if denial is not None:
            end = denial.start()  # "..., which BP denies": the writer's note of a reply
        if not _quoted(text, replace(part, start=start, end=end)):
            # (not inside words in typewriter quotation marks, ''...'')
            end = _another_party_also(doc, start, end)
            described = _name_described(doc, start, end)
            if described is not None:
                end = described  # "..., which was devastated by the quake": the writer's
        gloss = _GLOSS_PARTICIPLE.search(text, start, end)
        if gloss is not None and q.cue is not None and q.cue.end <= start and \
                not _quoted(text, replace(part, start=start, end=gloss.start())):
            end = gloss.start()  # "..., conceding the race to Clinton": the writer's reading
        aside = _DASH_ASIDE.search(text, start, end)
        if aside is not None and q.cue is not None and q.cue.end <= start:
            # '... had been killed in "friendly fire" incidents -- testament to the
            # often-chaotic conduct of the forces': the writer's comment after a dash
            end = aside.start()
    if quotations:
        last_end = max((e for s, e in quotations if e <= end), default=None)
        first = min(s for s, e in quotations)
        if last_end is not None and last_end < end and (
                _writer_tail(doc, text, last_end, end) or (
                    q.cue is not None and q.cue.end <= first
                    and not text[start:first].strip(_EDGE)
                    and _narration_after_quotation(doc, text, last_end, end))):
            end = last_end
        framed = q.cue is not None and q.cue.start >= part.end and first > start and \
            not text[last_end or end:end].strip(_EDGE) and \
            _names_speaker(q, text[start:first])
        if framed and last_end is not None:
            return [replace(part, start=s, end=e) for s, e in quotations if e <= end]
    end = len(text[:end].rstrip(_EDGE)) if end != part.end else end
    if not quotations or quotations[0][0] > start:
        start = _past_lead_in(doc, text, start, end)
    if end <= start:
        return []
    return [part] if (start, end) == (part.start, part.end) else [
        replace(part, start=start, end=end)]


def _another_party_also(doc, start: int, end: int) -> int:
    """Where unquoted words end when "and" joins on what another named party "also" did
    ("its proposal is merely an attempt to start the talks, and U.N. climate chief Yvo de Boer
    has also sought to downplay any differences"): the writer adding a second source."""
    span = doc.char_span(start, end, alignment_mode="contract") if doc is not None else None
    if span is None:
        return end
    for verb in span:
        if verb.dep_ != "conj" or not span.start <= verb.head.i < verb.i or not any(
                c.dep_ == "advmod" and c.lower_ in ("also", "meanwhile") for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.pos_ != "PROPN" or subject.i < span.start:
            continue
        cut = _with_joining_words(doc, subject.left_edge, span.start)
        if cut.i > span.start:
            return cut.idx
    return end


def _name_described(doc, start: int, end: int) -> int | None:
    """Where unquoted words end when they close on a ", which ..." clause or an ", a/an ..."
    description of a name in them ("struck near Port-au-Prince, which was devastated by the
    initial quake", "gaps in the Kyoto Protocol, an international agreement to limit
    emissions"): the writer telling the reader what the place or body is, not what the speaker
    said."""
    span = doc.char_span(start, end, alignment_mode="contract") if doc is not None else None
    if span is None:
        return None
    last = max((t.i for t in span if not (t.is_punct or t.is_space)), default=None)
    for tok in span:
        if tok.dep_ == "appos" and tok.left_edge.lower_ in ("a", "an"):
            # "... the Kyoto Protocol, an international agreement to limit emissions"
            first, named, clause = tok.left_edge, tok.head, tok
        elif tok.lower_ == "which" and tok.head.dep_ == "relcl":
            first, named, clause = tok, tok.head.head, tok.head
        else:
            continue
        if first.i - 1 <= span.start or doc[first.i - 1].text != "," or named.i >= first.i or \
                named.pos_ != "PROPN" or named.ent_type_ == "PERSON":
            continue
        if last is not None and clause.right_edge.i >= last:
            return doc[first.i - 1].idx
    return None


def _before_next_telling(q: Quote, doc, start: int, end: int) -> int:
    """Where the writer's words of ``q`` end when another telling with its own subject is
    joined on by "and" or "but" ("Residents reported gunfire in Tripoli and one activist said
    warplanes had bombed the city", "Roe said the bridge would reopen and officials said the
    road would stay shut"): before the second telling, which is someone else's. A telling
    inside the content without a conjunction ("said officials claimed ...") is reported speech
    within speech, and stays."""
    span = doc.char_span(start, end, alignment_mode="contract") if doc is not None else None
    if span is None:
        return end
    cue_start = q.cue.start if q.cue is not None else -1
    for verb in span:
        if lemma(verb) not in SAYING or verb.idx == cue_start or verb.pos_ != "VERB":
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                        and span.start <= c.i < span.end), None)
        if subject is None:
            continue
        stop = next((doc[k] for k in range(subject.i - 1, max(span.start, subject.left_edge.i - 1)
                                           - 1, -1)
                     if doc[k].text.endswith(".") and doc[k + 1].text[:1].isupper()
                     and doc[k].pos_ in ("NOUN", "NUM", "PUNCT")
                     and doc[k].text not in TITLE_ABBREVIATIONS), None)
        if stop is not None and stop.idx > start:
            # "... totalling almost $147m. BP said two systems ...": a new sentence the
            # splitter missed (after "m."), with a telling of its own
            return min(end, stop.idx + len(stop.text))
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _COMPARING
                                        for c in verb.children):
            # "... contributed to the disaster, just as critics allege that ...": the writer's
            # comparison with what others say, not the speaker's words
            cut = verb.left_edge
        elif verb.dep_ == "conj":
            cut = subject.left_edge  # "... would reopen and officials said ..."
        else:
            # "gunfire ... and one activist said": the second teller joined to the object
            other = next((c for c in subject.children if c.dep_ == "conj"), None)
            if other is None:
                continue
            cut = other.left_edge
        cut = _with_joining_words(doc, cut, span.start)
        if cut.lower_ in ("and", "but", ";", ",") or doc[cut.i].dep_ == "cc" or \
                verb.dep_ == "advcl":
            return min(end, cut.idx) if cut.idx > start else end
    return end


def _with_joining_words(doc, cut, start: int):
    """``cut`` moved back over the conjunctions and punctuation that join its clause on (", and
    officials said ..."), no further than token ``start``."""
    while cut.i > start and doc[cut.i - 1].dep_ in ("cc", "punct"):
        cut = doc[cut.i - 1]
    return cut


# Marks of a clause that sets what others say beside the words ("just as critics allege").
_COMPARING = {"as", "while", "whereas"}

_EDGE = " \t\n,;:-\u2013\u2014"
# A day that opens reported speech belongs to the cue ("acknowledged Monday everyone is
# frustrated"): when it was said, not what.
_LEADING_DAY = re.compile(r"(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|"
                          r"today)"
                          r"(?:\s+(?:morning|afternoon|evening|night))?\s+(?:that\s+)?", re.I)
# How a statement reached the writer, opening reported speech ("told Reuters by telephone he
# could hear gunshots", "said in a statement that ..."): the telling's, not the speaker's words.
_MANNER = (r"(?:by (?:tele)?phone|over the (?:tele)?phone|in an? (?:telephone |phone |"
           r"television |radio |e-?mail )?(?:interview|statement|e-?mail|letter|speech|briefing)"
           r"(?: (?:with|to|on) [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})?|"
           r"via (?:e-?mail|text message)|on (?:Twitter|Facebook|television|TV|radio))")
_LEADING_MANNER = re.compile(_MANNER + r"\s*,?\s+(?:that\s+)?", re.I)
# ... or left alone after the one told ('"...," a resident told Reuters by telephone')
_MANNER_ONLY = re.compile(_MANNER + r"[\s.,;]*", re.I)
# a lead-in this long at most, with no verb, before "that" is the one told ('tell CBS' "Face
# the Nation" that ...'), not the speaker's words
LEAD_IN_TOKENS = 8


def _opens_clause(that) -> bool:
    """A "that" the parser took for a pronoun, right before a clause's subject ("told editors
    that Jordan was offering ...": "that" made the object of "offering")."""
    doc = that.doc
    if that.i + 1 >= len(doc):
        return False
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.left_edge.i == that.i + 1
               and t.head.pos_ in ("VERB", "AUX") and that.i not in {s.i for s in t.subtree}
               for t in doc[that.i + 1:min(len(doc), that.i + 8)])


def _past_lead_in(doc, text: str, start: int, end: int) -> int:
    """Where the speaker's words start in a part of reported speech: after a day that opens it,
    or after a short verbless lead-in and "that"."""
    for lead in (_LEADING_DAY, _LEADING_MANNER, _LEADING_CONNECTIVE):
        m = lead.match(text, start, end)
        if m and m.end() < end and text[m.end()].isalnum() and (
                lead is not _LEADING_CONNECTIVE or start == 0 or text[start - 1] in "\n"
                or text[:start].rstrip()[-1:] in ".!?\"\u201d"):
            # (a connective only where it opens the sentence: "Yet Trump is also a 'change
            # agent,' Cole said": the writer's link to the sentence before)
            return m.end()
    if doc is None:
        return start
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start
    that = next((t for t in span[:LEAD_IN_TOKENS + 1] if t.lower_ == "that"
                 and (t.dep_ == "mark" or _opens_clause(t))), None)
    if that is None or any(t.pos_ in ("VERB", "AUX") for t in span[:that.i - span.start]):
        return start
    return that.idx + len(that.text) + 1 if that.i + 1 < span.end else start


def _names_speaker(q: Quote, frame: str) -> bool:
    """Whether the words before a quotation name its speaker ("Obama named her, the '...,'
    Obama said"): then they tell about the speaker in the writer's voice, where a lead-in
    that does not ("The answers are 'not enough,' says Lee") is the speaker's paraphrase."""
    if not q.speaker_name:
        return False
    surname = q.speaker_name.split()[-1]
    return len(surname) > 2 and re.search(rf"\b{re.escape(surname)}\b", frame) is not None


def _writer_tail(doc, text: str, quote_end: int, end: int) -> bool:
    """The words after a quotation that ends on a comma, up to ``end``: a noun phrase with no
    verb (the writer's apposition: '"...," his first public interview on the subject')."""
    inside = text[max(0, quote_end - 3):quote_end]
    if "," not in inside and not text[quote_end:end].lstrip().startswith(","):
        return False
    span = doc.char_span(quote_end, end, alignment_mode="contract")
    if span is None or not any(t.is_alpha for t in span):
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in span)


def _narration_after_quotation(doc, text: str, quote_end: int, end: int) -> bool:
    """The writer's words after a quotation its cue introduced, when they tell what the
    speaker did next ('she wrote: "..." and also posted a photo of her pre-surgery'), no more
    words. (Only after a part that opens on the quotation: in '... Obama shows "great charm"
    and exhibits a fondness for ...' the words go on.)

    >>> from newsweave.nlp.spacy_stage import load_nlp
    >>> t = 'She wrote: "Be different." and also posted a photo of her dog.'
    >>> _narration_after_quotation(load_nlp()(t), t, 26, len(t) - 1)
    True
    """
    tail = text[quote_end:end].strip(_EDGE)
    span = doc.char_span(quote_end, end, alignment_mode="contract")
    if not tail or span is None or not any(t.is_alpha for t in span):
        return False
    if re.fullmatch(r"(?:and|but)(?:\s+(?:also|then|later|\w+ly))?", tail):
        return True  # what followed was cut off already ("... and also")
    joined = re.match(r"(?:and|but)\s+(?:(?:also|then|later|\w+ly)\s+)?(\w+)", tail)
    if joined is None:
        return False
    at = text.find(joined.group(1), quote_end, end)
    verb = next((t for t in span if t.idx == at), None)
    return verb is not None and verb.tag_ in ("VBD", "VBZ", "VBP") and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _unsaid_gloss(doc, start: int, end: int, quotations) -> int | None:
    """Where a trailing "without saying/explaining/making clear/giving details ..." starts
    (outside quotation marks), or None."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    for tok in span[1:]:
        if tok.lower_ != "without" or _inside(tok.idx, quotations) or \
                tok.i + 1 >= len(doc) or doc[tok.i + 1].tag_ != "VBG":
            continue
        gerund = doc[tok.i + 1]
        base = lemma(gerund)
        objects = {c.lower_ for c in gerund.children if c.dep_ in ("dobj", "attr")}
        spoken = base in SAYING or base in REFUSED_SPEECH or (
            base == "make" and any(c.lower_ == "clear" for c in gerund.children)) or (
            base in ("give", "provide", "offer", "cite", "present") and
            bool(objects & _UNSAID_OBJECTS))
        if spoken:
            return tok.idx
    return None


def _recipient_part(q: Quote, part, doc, text: str) -> bool:
    """A part right after the cue that is a noun phrase without a verb and not in quotation
    marks: the one told, not what was said."""
    if q.cue is None or not 0 <= part.start - q.cue.end <= 3 or _marked(text, part):
        return False
    span = doc.char_span(part.start, part.end, alignment_mode="expand")
    return span is not None and not any(t.pos_ in ("VERB", "AUX") for t in span)


def _topic_part(q: Quote, part, doc, text: str) -> bool:
    """A prepositional phrase right after the cue, beside quoted words ('"We saw a leak," Mr
    Benton said of the problem he had found'): what the words were about, in the writer's
    words."""
    if q.cue is None or not 0 <= part.start - q.cue.end <= 3 or doc is None or \
            _marked(text, part) or not any(_marked(text, p) for p in q.content):
        return False
    span = doc.char_span(part.start, part.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].pos_ == "ADP" and \
        span[0].lower_ != "that"


def _content_ok(q: Quote, doc, text: str, cue=None) -> bool:
    """Words in quotation marks, or a clause: the content's own head is a verb ("that the
    bridge would reopen", "to strip him of his post"). A noun phrase is content only for a
    verb that evaluates its object ("decried the administration for pressuring BP"), not for
    one that merely has an object ("apologized for his comment", "requested anonymity")."""
    evaluative = cue is not None and lemma(cue.root) in EVALUATIVE_VERBS
    if cue is not None and not evaluative and lemma(cue.root) != "accord" and \
            any(t.pos_ == "ADP" and t.i > cue.root.i for t in cue):
        # "insisted on remaining anonymous", "spoke of his years in office": the topic of
        # what was said, not what was said (quoted words still are)
        return any(_speech_in_marks(text, p.start, p.end, cue, doc) for p in q.content)
    if _subjectless(doc, q.content, text):
        return False
    for part in q.content:
        if _speech_in_marks(text, part.start, part.end, cue, doc):
            return True
        span = doc.char_span(part.start, part.end, alignment_mode="expand")
        if span is None or len(span) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        if evaluative or span.root.pos_ in ("VERB", "AUX"):
            return True
        if any(t.dep_ == "ccomp" and t.pos_ in ("VERB", "AUX") and cue is not None
               and t.head.i == cue.root.i for t in span):
            # "says its latest effort ... after a rig explosion is going to plan": the cue's
            # clause, with the subject the parse gave the cue as its object
            return True
    return False


# Verbs that put a word on something: what they quote, however short, is the speaker's word.
_LABELLING = {"describe", "call", "brand", "label", "term", "dub", "characterize",
              "characterise", "denounce", "condemn", "decry", "deplore", "slam", "blast",
              "lambast", "praise", "hail", "criticize", "criticise", "welcome", "reject",
              "dismiss", "accuse", "attack"}


def _has_clause(doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span is not None and any(
        t.tag_ in FINITE_TAGS or (t.tag_ == "VBN" and t.dep_ in ("relcl", "acl")) for t in span)


# A quotation this short (in words) inside the writer's phrase is a term held at a distance
# ('announced the formation of an "interim government"'), not the speaker's statement.
_TERM_WORDS = 3


def _speech_in_marks(text: str, start: int, end: int, cue=None, doc=None) -> bool:
    """Whether quotation marks in ``text[start:end]`` hold the speaker's words: a quotation
    longer than a term, or one that makes most of the part; any quotation in a clause ('the
    deals were handed out "like candy"') or for a verb that puts a label on something
    ('described the raid as "barbaric"': the label is the speaker's word)."""
    quotations = [(s, e) for s, e in direct_quotations(text) if s < end and e > start]
    if not quotations or (cue is not None and lemma(cue.root) in _LABELLING) or \
            _has_clause(doc, start, end):
        return any(m in text[start:end] for m in QUOTE_MARKS)  # (a mark left open)
    inside = sum(min(e, end) - max(s, start) for s, e in quotations)
    return inside >= 0.6 * (end - start) or any(
        len(text[max(s, start):min(e, end)].split()) > _TERM_WORDS for s, e in quotations)


def _states_something(q: Quote, doc, text: str, cue) -> bool:
    """Content in the writer's words says what the speaker stated only as a clause with its own
    subject and a finite verb ("that the bridge would reopen"), or as the infinitive of a
    commitment ("vowed to rebuild the city"). An object ("blasted lawmakers for criticizing
    him", "welcomed the pledge"), a refusal ("declined to comment on the projections") or a topic
    ("warned against causing a landslide") names what the statement was about, and a reader
    given it as the speaker's words is misled; words in quotation marks always state."""
    if doc is None or any(_speech_in_marks(text, p.start, p.end, cue, doc) for p in q.content):
        return True
    if cue is not None and lemma(cue.root) in ACTION_CUES and any(
            c.dep_ == "xcomp" and _to_infinitive(c) for c in cue.root.children):
        # "declined to say whether BP would lobby": the question refused, not an answer
        return False
    for part in q.content:
        span = doc.char_span(part.start, part.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            verb = tok.head
            if tok.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass") and \
                    span.start <= verb.i < span.end and (verb.tag_ in FINITE_TAGS or any(
                        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS
                        for c in verb.children)) and not _describes_a_noun(verb, span):
                return True
        if cue is not None and lemma(cue.root) in COMMITTING and \
                span.root.pos_ == "VERB" and _to_infinitive(span.root):
            return True
        if cue is not None and lemma(cue.root) in DEMANDING and any(
                t.head.i == cue.root.i and t.dep_ == "xcomp" and _to_infinitive(t) for t in span) \
                and any(t.dep_ == "dobj" and t.head.i == cue.root.i or t.dep_ == "pobj" and
                        t.head.head.i == cue.root.i for t in span):
            return True  # a demand made of someone: "urged North Korea to resume talks"
    return False


def _describes_a_noun(verb, span) -> bool:
    """Whether a clause only describes a noun of the content ("condemned a resolution [which
    criticised the council]", "defended the decision [to let BP use dispersants]"): the object
    condemned or defended, not what was said."""
    tok = verb
    while span.start <= tok.i < span.end and tok.head.i != tok.i:
        # (not "suggestions [that she would resign]": a content; nor a clause the parser hung
        # on the one told, outside the content: "told leaders [that few people understood]")
        if tok.dep_ == "relcl" and span.start <= tok.head.i < span.end:
            return True
        if tok.dep_ == "relcl" and _thing_told(tok.head) and \
                tok.left_edge.lower_ in ("that", "which"):
            # "have told a story [that Washington disagrees with]": what the story is, not what
            # it says (a clause hung on the one told, "told leaders that ...", still is)
            return True
        if tok.dep_ == "acl" and span.start <= tok.head.i < span.end and not any(
                c.dep_ == "mark" for c in tok.children):
            return True  # "decried the company's failure [to say how much oil has spilled]"
        tok = tok.head
    return False


def _thing_told(noun) -> bool:
    """Whether ``noun`` is a story a saying verb tells ("told a story", "spun a tale"; not the
    ones told, "told a meeting of leaders that ...", nor a statement, "made the claim")."""
    return noun.dep_ == "dobj" and lemma(noun) in _STORIES and lemma(noun.head) in SAYING


# What is told as a story: a clause on it says what the story is, not what it tells.
_STORIES = frozenset({"story", "tale", "anecdote", "joke", "narrative", "yarn", "parable"})


def _detached_from_relative_cue(q: Quote, doc, text: str) -> bool:
    """Whether the cue is a relative clause on a noun ("something Republicans wanted") and
    the unquoted words lie outside what it governs: the writer's own sentence, not words
    the relative clause's subject said."""
    cue = _span(doc, q.cue)
    if cue is None or not len(cue) or cue.root.dep_ != "relcl" or any(
            _marked(text, part) for part in q.content):
        return False
    governed = {t.i for t in cue.root.subtree}
    spans = [doc.char_span(p.start, p.end, alignment_mode="contract") for p in q.content]
    words = [t for s in spans if s is not None for t in s if not t.is_punct]
    return bool(words) and not any(t.i in governed for t in words)


def _subjectless(doc, parts, text: str, quoted: bool = False) -> bool:
    """Content in the writer's words that opens on its finite verb, with its subject outside
    every part ("Saif, who he said had sought reforms" gives "had sought reforms"): it does
    not say who did what. ("Climate change, he said, is ..." has its subject in a part.) A
    quotation inside counts only when the words open on it: 'what X said was an effort to
    "help the economy"' still leaves out what the effort was. With ``quoted``, quoted words
    that open on their verb count too."""
    if not quoted and any(text[p.start:p.end].lstrip()[:1] in QUOTE_MARKS for p in parts):
        return False
    spans = [doc.char_span(p.start, p.end, alignment_mode="expand") for p in parts]
    spans = [s for s in spans if s is not None and len(s)]
    if not spans:
        return False
    first = min(spans, key=lambda s: s.start)
    words = [t for t in first if not t.is_punct]
    if quoted and words and not words[0].text[:1].islower():
        return False  # a sentence of the speaker's own: "Don't screw this up!", "Thank you"
    return bool(words) and words[0].tag_ in FINITE_TAGS and not any(
        t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for s in spans for t in s)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in spans)


def _span(doc, span):
    if span is None or doc is None:
        return None
    return doc.char_span(span.start, span.end, alignment_mode="expand")
