"""Attribution candidates from a spaCy parse: quote marks, reporting verbs and their arguments.

Every verb, every "according to", every nominal cue with a holder ("her claim that"), every
predicate adjective over a complement ("were worried about") and every "NAME:" label opening a
line (transcripts, headlines) of a parsed article becomes a *candidate*: a cue with the speaker
and content spans the dependency tree gives it, and a bag of features that ``quote_model``
scores. The rules here decide *where* the spans are; the model decides *whether* a candidate is
an attribution. Spans follow the conventions of attribution corpora (PolNeAR): content keeps
its quote marks and a leading "that", and drops the sentence's final full stop and a leading
"But"; a preposition that introduces the content ("called for", "complained about") and the
"by" of a passive belong to the cue; the one told ("told the crowd that") is not content; the
speaker is the local mention ("he", "the spokesman"), resolved to a person elsewhere.

>>> [text[s:e] for text in ['He said "we will win" today.'] for s, e in find_quoted_spans(text)]
['"we will win"']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# also this module's names
from newsweave.lexicon import (  # noqa: F401
    TELLING_VERBS as TELLING,
    OUTLET_NOUNS,
    SAYING_VERBS,
)
from newsweave.nlp.quote_subjects import (PRONOUNS, RELAY_VERBS, SUBJECT_DEPS,  # noqa: F401
                                          line_of, relay_parts, same_line, speaker_of)
from newsweave.nlp.spacy_stage import doc_text
from newsweave.nlp.speaker_kind import ORG_NOUNS, PEOPLE_NOUNS

# Opening mark -> marks that may close it. Straight marks close themselves; '' and `` are the
# two-apostrophe quotes of some wires (NYT, AP archives).
_OPEN_CLOSE = {"\u201c": "\u201d\u201c\"", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb",
               '"': '"\u201d', "``": "''", "''": "''"}
_MARK = re.compile(r"``|''|[\u201c\u201d\u201e\u00ab\u00bb\"]")
OPENING = set("\u201c\u201e\u00ab\"") | {"``", "''"}
QUOTE_CHARS = set("\u201c\u201d\u201e\u00ab\u00bb\"'`\u2018\u2019")

# Dependency labels of a verb's children that carry what was said.
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "oprd", "acl", "acomp", "attr", "dep", "csubj"}
# Prepositions whose phrase is content ("warned about ...", "called for ..."); the weak ones only
# when nothing else is ("spoke to the crowd" is not content, "objected to the plan" is).
CONTENT_PREPS = {"for", "as", "about", "against", "of", "over", "by", "including", "like",
                 "compared", "regarding", "concerning", "toward", "towards"}
WEAK_CONTENT_PREPS = {"to", "on", "with", "into", "upon"}
# Prepositional phrases that belong to the cue: "said in a statement", "told reporters on X".
CUE_PREP_HEADS = {"statement", "interview", "message", "post", "tweet", "letter", "email",
                  "speech", "release", "conference", "briefing", "remarks", "video", "op-ed",
                  "column", "broadcast", "appearance", "radio", "television", "tv", "twitter",
                  "x", "facebook", "instagram", "telegram", "truth", "podcast", "show", "call",
                  "hearing", "address", "rally", "meeting", "debate"}
COMPLEMENTIZERS = {"that", "if", "whether", "how", "what", "why", "when", "who", "where"}
_EDGE_PUNCT = " \t\n,;:.-\u2013\u2014"


@dataclass
class Candidate:
    """A possible attribution around one cue token, in cleaned-text character offsets."""

    cue: tuple[int, int]
    cue_token: int  # index in the Doc of the cue's head token
    source: tuple[int, int] | None
    source_head: int | None  # token index of the speaker's head
    content: list[tuple[int, int]]
    kind: str  # "verb" | "according" | "quote"
    features: list[str] = field(default_factory=list)
    score: float = 0.0


# ----------------------------------------------------------------------------- quote marks
def find_quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages, marks included. A quote left open at the end of a paragraph
    runs to the paragraph's end (the news convention for quotes over several paragraphs);
    single quotes and apostrophes are not treated as quote marks.

    >>> find_quoted_spans('He said \\u201cno\\u201d and \\u201cnever')
    [(8, 12), (17, 23)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        spans.extend((pos + a, pos + b) for a, b in _quoted_in_line(paragraph))
        pos += len(paragraph) + 1
    return spans


def _quoted_in_line(line: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    open_mark = ""
    for match in _MARK.finditer(line):
        mark, at = match.group(), match.start()
        if open_at is None:
            if mark in _OPEN_CLOSE and not _is_inch_mark(line, at, mark):
                open_at, open_mark = at, mark
            elif mark == "\u201d" and not line[:at].strip() and line[at + 1:at + 2].isalnum():
                # a paragraph opening with a closing mark: a typo for the opening one
                open_at, open_mark = at, "\u201c"
            continue
        if mark == '"' and open_mark == '"' and at > open_at + 1 and line[at - 1].isspace() \
                and line[at + 1:at + 2].isalnum():
            # a straight mark that hugs the word after it opens a quotation: the one open
            # before was never closed ('... it is stronger. The film does not take sides ...
            # "I am not judging them", said B.'); it takes its sentences up to
            # OPEN_QUOTE_CHARS (at least the first), not the writer's words up to here
            ends = [m.end() for m in _SENTENCE_END.finditer(line, open_at + 1, at)]
            within = [e for e in ends if e - open_at <= OPEN_QUOTE_CHARS]
            end = within[-1] if within else (ends[0] if ends else at)
            out.append((open_at, end))
            open_at = at
            continue
        if mark in _OPEN_CLOSE[open_mark] or (open_mark == "''" and mark == "''"):
            if mark == "\u201c" and open_mark == "\u201c":
                # a second opening curly mark: the first was never closed; restart here
                open_at = at
                continue
            out.append((open_at, match.end()))
            open_at = None
    if open_at is not None:
        end = len(line.rstrip())
        if end > FLATTENED_LINE and end - open_at > OPEN_QUOTE_CHARS:
            # a page flattened into one line: a mark left open would take the rest of the
            # page; it takes its sentences up to OPEN_QUOTE_CHARS (at least the first)
            ends = [m.end() for m in _SENTENCE_END.finditer(line, open_at + 1, end)]
            within = [e for e in ends if e - open_at <= OPEN_QUOTE_CHARS]
            end = (within or ends or [end])[-1 if within else 0]
        if end - open_at > 1:
            out.append((open_at, end))
    return out


# An open quotation mark runs to its paragraph's end, but on a line longer than any paragraph
# (a page flattened into one line) no further than this.
OPEN_QUOTE_CHARS = 300
FLATTENED_LINE = 2000
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019']?(?=\s+[A-Z\"\u201c])")


def _is_inch_mark(line: str, at: int, mark: str) -> bool:
    return mark == '"' and at > 0 and line[at - 1].isdigit() and (
        at + 1 >= len(line) or not line[at + 1].isalpha())


def quote_words(text: str, span: tuple[int, int]) -> int:
    return len(re.findall(r"\w+", text[span[0]:span[1]]))


# ----------------------------------------------------------------------------- spans
def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and punctuation, but keep quote marks and a closing bracket."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


def token_ranges(doc, indices) -> list[tuple[int, int]]:
    """Contiguous character ranges covering a set of token indices (gaps of whitespace join)."""
    out: list[tuple[int, int]] = []
    prev = None
    for i in sorted(set(indices)):
        tok = doc[i]
        if prev is not None and i == prev + 1 and out:
            out[-1] = (out[-1][0], tok.idx + len(tok))
        else:
            out.append((tok.idx, tok.idx + len(tok)))
        prev = i
    return out


def subtree_ids(token, exclude=()) -> set[int]:
    skip: set[int] = set()
    for t in exclude:
        skip.update(x.i for x in t.subtree)
    return {x.i for x in token.subtree if x.i not in skip}


def speaker_tokens(token) -> set[int]:
    """The speaker phrase headed by ``token``: its subtree without relative clauses."""
    drop = [c for c in token.children if c.dep_ in ("relcl", "acl") or
            (c.dep_ == "punct" and c.i > token.i and c.text == "(")]
    ids = subtree_ids(token, drop)
    # a speaker never runs over a line break (headlines and datelines sit above the text)
    doc = token.doc
    line = line_of(doc, token.idx)
    return {i for i in ids if line_of(doc, doc[i].idx) == line}


# ----------------------------------------------------------------------------- candidates
def stem(word: str) -> str:
    """A crude verb stem (the lemmatizer is not in the pipeline): said -> say, warned -> warn."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ying", "y"), ("ssed", "ss"),
                         ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: len(w) - len(suffix)] + repl
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # stopped -> stop
            elif suffix in ("ing", "ed", "es") and base + "e" in _E_STEMS:
                base += "e"  # stating -> state
            return base
    return w


# Raising verbs: attribution corpora give them no source ("he seems to", "it appears").
_NO_SOURCE_STEMS = {"seem", "appear"}
_E_STEMS = set(
    "state note argue declare announce believe hope propose urge describe emphasize emphasise "
    "underscore reiterate caution promise continue conclude write quote cite complete create "
    "acknowledge endorse praise release dismiss issue rule sue oppose blame decline "
    "refuse relate accuse claim lecture raise close charge voice reassure tease tweet "
    "advise argue agree dispute concede confide disclose observe insinuate suppose "
    "imagine fume rage dare estimate speculate indicate stipulate deplore articulate "
    "characterize criticize criticise recognize recognise realize realise apologize "
    "summarize emphasize stress deride decide judge guarantee confuse excuse".split())

_IRREGULAR = {
    "said": "say", "says": "say", "saying": "say", "told": "tell", "tells": "tell",
    "wrote": "write", "written": "write", "writes": "write", "writing": "write",
    "thought": "think", "spoke": "speak", "spoken": "speak", "knew": "know", "known": "know",
    "felt": "feel", "made": "make", "gave": "give", "given": "give", "took": "take",
    "taken": "take", "saw": "see", "seen": "see", "sees": "see", "meant": "mean",
    "held": "hold", "found": "find", "read": "read", "hoped": "hope", "argued": "argue",
    "noted": "note", "stated": "state", "declared": "declare", "believed": "believe",
    "announced": "announce", "warned": "warn", "insisted": "insist", "added": "add",
    "emphasized": "emphasize", "emphasised": "emphasise", "clarified": "clarify",
    "replied": "reply", "denied": "deny", "implied": "imply", "testified": "testify",
    "underscored": "underscore", "proposed": "propose", "urged": "urge", "described": "describe",
    "is": "be", "was": "be", "were": "be", "are": "be", "been": "be", "has": "have", "had": "have",
}


_DASH_MARKS = frozenset({"--", "-", "\u2014", "\u2013"})


def _subject_of_clause(noun, clause) -> bool:
    """"warned any foreign military action will turn Syria into another Afghanistan": the
    parser made the clause's subject the verb's object; a thing (not a person or a pronoun)
    right before a clause with no subject and no "that" is what the clause is about."""
    doc = noun.doc
    # (or a dash between them: "gains in oil and gold -- while stocks slipped -- stemmed
    # from investment")
    between = doc[noun.right_edge.i + 1:clause.left_edge.i]
    if noun.right_edge.i >= clause.left_edge.i or any(t.text not in _DASH_MARKS for t in between) \
            or noun.pos_ != "NOUN" or noun.ent_type_:
        return False
    edge = noun.right_edge
    if edge.dep_ == "prep" and not any(True for _ in edge.children):
        # "says its latest effort to stem the flow after a rig explosion is going to plan":
        # a preposition left without its object is where the parse broke the clause's
        # subject in two
        return True
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in clause.children)


def _content_children(verb) -> list:
    kids = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    preps = []
    for c in verb.children:
        if c.dep_ != "prep" or c.i < verb.i:
            continue
        word = c.lower_
        objects = [x for x in c.children if x.dep_ == "pobj"]
        if any(o.lower_ in CUE_PREP_HEADS or o.ent_type_ in ("DATE", "TIME") for o in objects):
            continue
        if word in CONTENT_PREPS or (word in WEAK_CONTENT_PREPS and not kids):
            preps.append(c)
    if stem(verb.lower_) in TELLING:
        # "told the panel of officers who are trying the soldiers that Cpl Roe had been ...":
        # the parser may hang the said clause on the one told, as a relative clause; it is
        # what was said, and the one told is not
        kids = [_told_clause(k) if k.dep_ == "dobj" and k.i > verb.i else k for k in kids]
        # '"...," Steele told the newspaper': whoever is told is never what was said, clause
        # or no clause (the quotation beside the verb is the content)
        kids = [k for k in kids if not (k.dep_ in ("dobj", "dative") and k.i > verb.i
                                        and _recipient(k))]
    clauses = [k for k in kids if k.dep_ == "ccomp" and k.i > verb.i]
    if clauses:
        # "told the crowd that ...", "informed The Associated Press on Monday that ...": the
        # object before the clause is who was told, not what
        kids = [k for k in kids if not (k.dep_ == "dobj" and verb.i < k.i < clauses[0].i
                                        and not _subject_of_clause(k, clauses[0]))]
    kids += _addressee(verb, kids)
    # "Witnesses said the shooter used a rifle, police Lt. Ann Roe said": the parser hangs the
    # last attribution on the first one's clause; what the witnesses said is the clause alone
    kids = [_inner_of_attribution(k) or k for k in kids]
    kids = [k for k in kids if not _trailing_attribution(k, kids)]
    # "1 dead, 2 hurt in office shooting; police say the suspect worked there": a clause
    # before a semicolon that comes before the cue's subject is not what the cue reports; nor
    # one before a colon ("... must be stopped on all sides Next step: All parties to hold
    # talks ... Damascus on Sunday called for written guarantees", a plan's box run in)
    if any(c.dep_ == "dobj" and c.lower_ in ("it", "so", "this") and c.i > verb.i
           for c in verb.children):
        # "Doris Lessing said it a year ago, the philosopher Ted Honderich said it again": what
        # he said is "it", told before; the clause before him is the writer's, not his
        kids = [k for k in kids if not (k.dep_ == "ccomp" and k.i < verb.i)]
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.i < verb.i and any(
            k.dep_ == "ccomp" and k.i > verb.i for k in kids):
        # "Briefing diplomats in a closed-door session, Mr Annan said he was alarmed": with
        # the clause it reports after it, a loose phrase before the subject is the writer's
        kids = [k for k in kids if not (k.dep_ == "dep" and k.i < subject.i)]
    if subject is not None and subject.i < verb.i:
        semis = [t.i for t in verb.doc[verb.sent.start:subject.i] if t.text in (";", ":")]
        if semis and any(k.i > verb.i for k in kids + preps):
            kids = [k for k in kids if k.i > semis[-1]]
    return kids + preps


# Verbs of urging whose infinitive says what someone else is to do ("urged X to act").
_URGING_STEMS = {"urge", "call", "ask", "press", "encourage", "encourag", "implore", "implor",
                 "appeal", "beg"}


def _addressee(verb, kids) -> list:
    """Whom an urging is addressed to, before its infinitive: "called on [the governments] to
    provide an explanation", "urged [supporters] to monitor polls". What they are urged to do
    is said of them: without them the content does not say who is to act."""
    if stem(verb.lower_) not in _URGING_STEMS:
        return []
    infinitive = next((k for k in kids if k.dep_ == "xcomp" and k.i > verb.i and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in k.children)), None)
    if infinitive is None:
        return []
    out = []
    for c in verb.children:
        if not verb.i < c.i < infinitive.i or c in kids:
            continue
        if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i == verb.i + 1:
            out += [o for o in c.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN",
                                                                               "PRON")]
    return out


def _addressee_taken_in(verb) -> set[int]:
    """The one told that the parser took into what was told as a name before its subject:
    "told Reuters clashes had broken out" parsed with "Reuters clashes" as one noun."""
    if stem(verb.lower_) != "tell" or any(c.dep_ in ("dative", "iobj") for c in verb.children):
        return set()
    doc = verb.doc
    first = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if first is None or first.pos_ != "PROPN" or first.dep_ != "compound":
        return set()
    out = {first.i}
    nxt = first.i + 1
    while nxt < len(doc) and doc[nxt].pos_ == "PROPN" and doc[nxt].dep_ == "compound" and \
            doc[nxt].ent_iob_ == "I":
        out.add(nxt)
        nxt += 1
    head = doc[nxt] if nxt < len(doc) else None
    # (the subject the name was put before is a common noun: "clashes", "the army"; or the
    # parser made that noun the object, with the rest of the clause hung on the verb)
    if head is None or head.pos_ != "NOUN" or not head.is_lower:
        return set()
    if head.dep_ == "dobj" and head.head.i == verb.i:
        rest = next((c for c in verb.children if c.dep_ == "ccomp"
                     and c.left_edge.i == head.right_edge.i + 1), None)
        if rest is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in rest.children):
            return set()
    elif head.dep_ not in ("nsubj", "nsubjpass") or any(
            c.dep_ == "dobj" for c in verb.children):
        return set()
    return out


def _saying_clause(clause) -> bool:
    """A complement clause headed by a verb of saying ("..., Lt. Ann Roe said")."""
    return clause.dep_ == "ccomp" and clause.pos_ == "VERB" \
        and stem(clause.lower_) in SAYING_VERBS


def _trailing_attribution(clause, kids) -> bool:
    """Whether a complement is an attribution of its own after the said clause, which the
    parser hung beside it ("said the gunman fled, Lt. Ann Roe said": the second "said")."""
    return _saying_clause(clause) \
        and not any(c.dep_ in CONTENT_DEPS and c.dep_ != "nsubj" for c in clause.children) \
        and any(c.dep_ == "nsubj" and c.i < clause.i for c in clause.children) \
        and any(k.i < clause.i and k.dep_ == "ccomp" and k is not clause for k in kids)


def _inner_of_attribution(clause):
    """The clause a trailing attribution reports, when the parse made "..., NAME said" a
    complement holding it ("used a rifle, Lt. Ann Roe said": used); else None."""
    if not _saying_clause(clause):
        return None
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    inner = [c for c in clause.children if c.dep_ == "ccomp" and c.i < clause.i]
    if subject is None or not inner or not inner[0].i < subject.i < clause.i:
        return None
    return inner[0]




def _told_clause(obj):
    """The clause a telling verb's object carries as a relative clause that opens on "that"
    and then its own subject ("the panel ... that Cpl Roe had been described as a hero"), or
    the object itself. A relative clause whose "that" is its subject ("the soldiers that
    fought") or whose object it is with the subject after ("the soldiers that he trained") is
    told apart only by what follows: a clause that is whole without "that" is what was said."""
    for rel in (t for t in obj.subtree if t.dep_ == "relcl" and t.i > obj.i):
        first = rel.left_edge
        if first.lower_ != "that" or first.i + 1 >= len(obj.doc):
            continue
        subject = next((c for c in rel.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.i != first.i), None)
        objects = [c for c in rel.children if c.i != first.i and c.dep_ in (
            "dobj", "attr", "prep", "xcomp", "ccomp", "acomp")]
        if subject is not None and subject.left_edge.i == first.i + 1 and first.dep_ in (
                "dobj", "nsubj", "nsubjpass", "mark") and (subject.dep_ == "nsubjpass" or objects):
            return rel
    return obj


def _recipient(tok) -> bool:
    """A noun phrase that names someone who can be told something."""
    return tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") \
        or tok.lower_ in PEOPLE_NOUNS or tok.lower_ in ORG_NOUNS or tok.lower_ in OUTLET_NOUNS




def candidates(doc, quoted: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """Every verb and every "according to" of the Doc, with the spans the parse gives it."""
    text = doc_text(doc)
    if quoted is None:
        quoted = find_quoted_spans(text)
    in_quote = _char_flags(len(text), quoted)
    out: list[Candidate] = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cand = _according(doc, tok)
        elif _names_oneself(tok):
            continue  # "a man who called himself Ali": a name given, not words said
        elif tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ in ("ROOT", "ccomp", "conj")
                                       and any(c.dep_ in ("ccomp",) for c in tok.children)):
            cand = _verb(doc, tok, in_quote)
        elif tok.pos_ == "NOUN":
            cand = _noun(doc, tok, in_quote)
        elif tok.pos_ == "ADJ" and tok.dep_ == "acomp":
            cand = _adjective(doc, tok, in_quote)
        else:
            continue
        if cand is None:
            continue
        outer = [q for q in quoted if not q[0] <= tok.idx < q[1]]
        cand.content = [r for r in (_snap(text, trim(text, a, b), outer) for a, b in cand.content)
                        if r[1] > r[0]]
        cand.content = _merge_ranges(cand.content)
        if not cand.content and not (cand.source and _speech_like(tok)):
            continue
        cand.features = features(doc, text, tok, cand, in_quote, quoted)
        out.append(cand)
    for cand in _speaker_labels(doc, text):
        cand.content = [_snap(text, cand.content[0], quoted)]
        cand.features = features(doc, text, doc[cand.cue_token], cand, in_quote, quoted)
        out.append(cand)
    _nesting_features(doc, out)
    return out


# Participles of labelling ("branded", "dubbed"): on a noun they describe it, they report no one.
_LABELLED = {"branded", "dubbed", "labelled", "labeled", "called", "described", "termed",
             "nicknamed", "named", "hailed", "denounced", "condemned"}


def _said_of(verb) -> bool:
    """"Al-Baghdadi, believed to be in his early 40s, has ...", "a gunman thought to have fled":
    a participle with an infinitive, on a noun, says what is held of the noun; the noun is not
    a speaker and no one is named as one (with "by police" the agent would be). The parser
    often makes the participle set off by commas the sentence's root with the noun its
    subject, so a verb with no auxiliary between a comma after its subject and a comma after
    its infinitive is read the same way."""
    if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("aux", "auxpass", "agent", "ccomp", "dobj")
                                             for c in verb.children):
        return False
    infinitive = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and any(
        g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
    if infinitive is None:
        return False
    if verb.dep_ == "acl":
        return True
    doc = verb.doc
    after = infinitive.right_edge.i + 1
    return verb.i > 0 and doc[verb.i - 1].text == "," and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children) and \
        after < len(doc) and doc[after].text == ","


def _labelled_aside(doc, verb) -> bool:
    """"Gaddafi, once branded a 'mad dog' by Washington, has ruled ...", parsed with "branded"
    an active verb: a comma between the noun and the participle, and "by" after it."""
    before = doc[max(verb.sent.start, verb.i - 3):verb.i]
    after = doc[verb.i + 1:min(verb.sent.end, verb.i + 9)]
    return any(t.text == "," for t in before) and any(t.lower_ == "by" for t in after)


_REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "ourselves",
               "yourself"}


def _names_oneself(tok) -> bool:
    """"called himself Ali", "calls herself a patriot": a verb of naming with the speaker's
    own self as its object."""
    return tok.pos_ == "VERB" and tok.lower_ in {"call", "calls", "called", "calling", "name",
                                                 "named", "names", "naming"} and any(
        c.dep_ in ("dobj", "nsubj") and c.lower_ in _REFLEXIVES for c in tok.children)


def _nesting_features(doc, cands: list[Candidate]) -> None:
    """A cue inside what another cue reports ("she said he had warned that ..."): the kind
    and the word of the nearest outer cue (outside quotes), with this cue's word."""
    spans = [(c.content[0][0], c.content[-1][1], c) for c in cands if c.content]
    for cand in cands:
        at = doc[cand.cue_token].idx
        # the outer cue's own speaker going on ("said ... and called ...") is not nested
        outer = [o for a, b, o in spans if o is not cand and a <= at < b and o.kind in
                 ("verb", "according", "label") and "inquote=False" in o.features
                 and (cand.source_head is None or o.source_head != cand.source_head)]
        if not outer:
            cand.features.append("nested=none")
            continue
        o = min(outer, key=lambda o: o.content[-1][1] - o.content[0][0])
        os_ = next((f[2:] for f in o.features if f.startswith("s=")), "x")
        cand.features.append(f"nested={o.kind}")
        cand.features.append(f"nested_s={os_}")
        own = next((f[2:] for f in cand.features if f.startswith("s=")), "x")
        cand.features.append(f"s+nested_s={own}|{os_}")


# "Name: what they said" at the start of a line: transcripts ("SMITH: Well, ...") and
# headlines ("Poll: Clinton ahead in Ohio", "Warren: 'You should resign'").
_LABEL_WORD = r"[A-Z][\w.'\u2019&-]*"
_LABEL = re.compile(rf"^[ \t]*({_LABEL_WORD}(?:[ \t]+(?:{_LABEL_WORD}|of|the|and|for|de|van|von))"
                    r"{0,5})[ \t]*:[ \t]+(?=\S)", re.M)
# What may stand between a name and a label's colon inside a line ("Doug Suttles of BP:").
_LABEL_TAIL = re.compile(r"(?:(?: of| from| at| in|,) [^.:;\"\u201c\u201d\n]{1,40})?[ \t]*:[ \t]*")
# A press review's label for a paper's own voice: "Editorial in Jordan's Al-Dustur:".
OUTLET_LABEL = re.compile(r"(?:^|(?<=[.!?\"\u201d]\s))(?:Editorial|Commentary|Comment|Column|"
                          r"Op-ed|Leader) (?:in|by) (?P<outlet>[A-Z][^:.;\"\u201c\u201d\n]{1,60}?)"
                          r"[ \t]*:[ \t]*$")


def label_before(text: str, start: int, end: int, at: int | None = None) -> bool:
    """Whether the name at ``start:end`` is a label over quoted words (at ``at``, else right
    after the colon): it starts its sentence and nothing but an affiliation and a colon
    follows it ('... the spill. Doug Suttles of BP: "We've had periods of pumping"', a video's
    caption run into the text). No verb: the name says the words, and a pronoun after them
    may be anyone's."""
    if at is None:
        m = _LABEL_TAIL.match(text, end, end + 48)
        if m is None or not text.startswith(("\"", "\u201c", "``", "''"), m.end()):
            return False
    elif at - end > 48 or _LABEL_TAIL.fullmatch(text, end, at) is None:
        return False
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\"\u201d\n"


# Labels that introduce no one: notes, links, captions, bylines, form fields.
NOT_SPEAKER_LABELS = {
    # a live page's markers ("NEW: Saudi Arabia's stock market drops")
    "new", "developing", "just in", "alert", "flash", "now", "earlier", "meanwhile",
    "note", "editor's note", "editor\u2019s note", "update", "updated", "related", "read more",
    "read", "watch", "see", "see also", "breaking", "exclusive", "photo", "photos", "video",
    "source", "sources", "contributing", "byline", "twitter", "facebook", "follow", "name",
    "age", "city", "job", "pay", "date", "time", "location", "where", "when", "tickets",
    "correction", "clarification", "email", "e-mail", "disclaimer", "advertisement", "paid notice",
    "warning", "fact", "facts", "tip", "tips", "bottom line", "the bottom line", "why",
    "what", "how", "who", "the latest", "latest", "live", "listen", "subscribe", "credit",
    "caption", "image", "images", "more", "also", "plus", "bonus", "p.s", "ps", "re", "subject",
    "to", "from", "cc", "title", "topic", "question", "answer", "q", "a",
}


# A transcript flattened into one line ("... What do you think? MOUSTAFA MOKHEMAR, EGYPTIAN
# AMERICAN: I think he should leave. LEMON: So ..."): a speaker's label in capitals, with an
# optional description in capitals (up to three parts: "ROBERT WATSON, PROFESSOR, UNIVERSITY OF
# EAST ANGLIA:"), right after the end of the last turn.
_CAPS_WORD = r"[A-Z][A-Z'\u2019.-]+"
_CAPS_LABEL = re.compile(rf"(?<=[.?!\"\u201d)\]] )({_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}})"
                         rf"(?:, (?:{_CAPS_WORD}|&)(?: (?:{_CAPS_WORD}|&)){{0,7}}){{0,3}}"
                         r"(?: \((?:voice-over|voice over|on camera|ph|through translator)\))?"
                         r":[ \t]+(?=\S)")


def _speaker_labels(doc, text: str) -> list[Candidate]:
    """Candidates for "NAME: ..." lines: the name speaks, the rest of the line is said, up to
    the next speaker's label on a flattened transcript."""
    out = []
    starts = {t.idx: t for t in doc}
    matches = sorted([*_LABEL.finditer(text), *_CAPS_LABEL.finditer(text)],
                     key=lambda m: m.start())
    label_starts = [m.start(1) for m in matches]
    for n, m in enumerate(matches):
        name = m.group(1)
        if name.lower().rstrip(".") in NOT_SPEAKER_LABELS or len(name) < 2:
            continue
        colon = text.index(":", m.end(1))
        tok = starts.get(colon)
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if tok is None or span is None:
            continue
        end = text.find("\n", colon)
        end = len(text) if end < 0 else end
        end = min([end] + [a for a in label_starts[n + 1:] if a > colon])
        content = trim(text, colon + 1, end)
        if content[1] - content[0] < 2:
            continue
        out.append(Candidate((colon, colon + 1), tok.i, (m.start(1), m.end(1)), span.root.i,
                             [content], "label"))
    return out


def _according(doc, tok) -> Candidate | None:
    to = doc[tok.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    source = None
    source_head = None
    if objects:
        holder = objects[0]
        if holder.lower_ in CUE_PREP_HEADS:
            # "according to a speech the governor gave in May": the one who gave it
            holder = next((s for c in holder.children if c.dep_ == "relcl"
                           for s in c.children if s.dep_ == "nsubj" and (
                               s.pos_ in ("PROPN", "NOUN") or s.lower_ in PRONOUNS)), holder)
        ids = speaker_tokens(holder)
        source = (doc[min(ids)].idx, doc[max(ids)].idx + len(doc[max(ids)]))
        source_head = holder.i
    head = tok.head
    sent = tok.sent
    phrase = subtree_ids(tok) | {tok.i, to.i}
    for o in objects:
        phrase |= subtree_ids(o)
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    before = [t for t in words if t.i < min(phrase) and not (t.i == sent.start and t.dep_ == "cc")]
    after = [t for t in words if t.i > max(phrase)]
    if before and not after:
        # "..., according to the report.": the sentence before it
        ids = {t.i for t in sent if t.i < min(phrase)}
    elif after and not before:
        # "According to the report, ...": the rest of the sentence
        ids = {t.i for t in sent if t.i > max(phrase)} - _role_after_name(doc, objects, phrase)
    elif head is tok or head.i == tok.i:
        ids = {t.i for t in sent} - subtree_ids(tok) - {tok.i, to.i}
    else:
        ids = subtree_ids(head, [tok])
        if not ids - {head.i}:
            ids = {t.i for t in sent} - subtree_ids(tok)
    ids = {i for i in ids if sent.start <= i < sent.end} - phrase
    if ids and doc[min(ids)].dep_ == "cc" and min(ids) == sent.start:
        ids.discard(min(ids))  # "But ..., according to X": the conjunction is the writer's
    while ids and min(ids) < min(phrase) and (doc[min(ids)].is_punct or (
            doc[min(ids)].lower_ in ("where", "which", "whom") and min(ids) > sent.start
            and next((t for t in reversed(doc[sent.start:min(ids)]) if not t.is_punct),
                     doc[min(ids)]).pos_ in ("NOUN", "PROPN"))):
        # "in Syria where, according to X, 89 people were killed": the writer's relative word
        ids.discard(min(ids))
    ids = _on_line(doc, ids, tok)
    spans = [_span_of(r) for r in (token_ranges(doc, {i for i in ids if i < min(phrase)}),
                                   token_ranges(doc, {i for i in ids if i > max(phrase)})) if r]
    if len(spans) == 2 and _starts_another_clause(doc, ids, max(phrase)):
        # "Two died, according to police, and dozens were hurt": police vouch for the first
        spans = spans[:1]
    # the cue itself is never part of what was said: the words on either side are two spans
    return Candidate((tok.idx, to.idx + len(to)), tok.i, source, source_head, spans,
                     "according")


# People nouns that name no role ("the man, 32, was arrested" is the one it is about).
_ANYONE = frozenset({"man", "woman", "men", "women", "person", "people", "one", "someone",
                     "everyone", "anyone", "nobody", "others", "many", "some", "son",
                     "daughter", "father", "mother", "wife", "husband", "family"})


def _role_after_name(doc, objects, phrase: set[int]) -> set[int]:
    """The role set between commas after the name of an opening "according to" ("According to
    Elizabeth Byrs, the UN spokeswoman, 132 people have been rescued"): who the source is,
    which the parser may take for the subject of what follows. Empty when there is none."""
    if not objects or objects[0].pos_ != "PROPN":
        return set()
    i = max(phrase) + 1
    if i >= len(doc) or doc[i].text != ",":
        return set()
    j = i + 1
    while j < len(doc) and doc[j].text != "," and not doc[j].is_sent_end:
        j += 1
    words = doc[i + 1:j]
    if j >= len(doc) or doc[j].text != "," or not 1 <= len(words) <= 8 or \
            any(t.pos_ in ("VERB", "AUX") for t in words) or \
            not any(t.lower_ in PEOPLE_NOUNS - _ANYONE for t in words) or \
            not any(t.pos_ in ("VERB", "AUX") for t in doc[j + 1:doc[j].sent.end]):
        return set()
    return set(range(i, j + 1))


def _starts_another_clause(doc, ids, after: int) -> bool:
    """Whether the words after an inner "according to X" begin a clause of their own (a
    coordinated clause or a relative clause), which the source is not said to vouch for."""
    rest = sorted(i for i in ids if i > after and not doc[i].is_punct)
    if not rest:
        return False
    first = doc[rest[0]]
    return first.dep_ in ("cc", "mark") or first.lower_ in ("who", "which", "while", "whereas")


def _what_one_calls(verb) -> bool:
    """"to be what she called a 'Laura Ashley'": a name someone gives a thing, not words said
    about anything."""
    return verb.lower_ in _LABELLED | {"call", "calls", "calling", "term", "terms", "dub",
                                        "dubs"} and any(
        c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children) and any(
        c.dep_ == "oprd" for c in verb.children)


def _reported_from(verb) -> bool:
    """"He had reported from Haiti and Libya": where a journalist worked, with nothing said
    (a quotation that follows is someone else's)."""
    return stem(verb.lower_) == stem("report") and any(
        c.dep_ == "prep" and c.lower_ == "from" for c in verb.children) and not any(
        c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children)


def _connective_said(doc, verb) -> bool:
    """"That said, the prime minister ...", "That being said, ...": a linking phrase opening
    the sentence, not someone saying something."""
    if verb.lower_ != "said" or verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
        return False
    before = list(doc[verb.sent.start:verb.i])
    return bool(before) and before[0].lower_ in ("that", "this") and all(
        t.lower_ in ("that", "this", "being", "having") for t in before)


def _seeing(verb) -> bool:
    """"The BBC has seen more evidence of ...", "reporters saw soldiers fire": seeing a thing
    is no view held; "sees the deal as a mistake" or "sees that ..." is one."""
    return stem(verb.lower_) == "see" and not any(
        c.dep_ in ("ccomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as")
        for c in verb.children)


def _verb(doc, verb, in_quote: bytearray | None = None) -> Candidate | None:
    if relay_parts(verb) is not None:
        return None  # "quoted X as saying ...": the saying is the cue, X its speaker
    if verb.lower_ in _LABELLED and (
            (verb.dep_ == "acl" and verb.tag_ == "VBN") or _labelled_aside(doc, verb)):
        # "Gaddafi, once branded a 'mad dog' by Washington, ...": the noun is the one
        # labelled, not a speaker; the writer recalls the label in passing
        return None
    if _connective_said(doc, verb) or _reported_from(verb) or _what_one_calls(verb) or \
            _seeing(verb) or _gap_relative(verb) or _my_guess(verb) or _said_of(verb):
        return None
    subject = speaker_of(verb, in_quote)
    if stem(verb.lower_) in _NO_SOURCE_STEMS:
        # "it seems that", "he appears to be", "the senator appeared to suggest": the writer's
        # impression, no one is said to speak (PolNeAR leaves these without a source)
        subject = None
    source = source_head = None
    if subject is not None and not same_line(doc, subject, verb):
        on_line = [t for t in subject.subtree if same_line(doc, t, verb)]
        subject = doc[on_line[0].i: on_line[-1].i + 1].root if on_line else None
    if subject is not None:
        ids = speaker_tokens(subject)
        if subject.i < verb.i and verb.i not in ids:
            # a speaker before its verb ends there (a noun the parser made the root also
            # holds the sentence's full stop)
            ids = {i for i in ids if i < verb.i} or {subject.i}
        if verb.i in ids:  # relative clause head: the noun only
            ids = {i for i in ids if i < verb.i and doc[i].dep_ != "relcl"}
            ids = {i for i in ids if not doc[i].is_punct} or {subject.i}
        source = trim(doc_text(doc), doc[min(ids)].idx,
                      doc[max(ids)].idx + len(doc[max(ids)]))
        source_head = subject.i
        if source[1] <= source[0]:
            source = source_head = None
    kids = _content_children(verb)
    if source_head is not None and source_head > verb.i:
        # '"...," said Ann Lee, half joking': the name is no part of what was said
        kids = [k for k in kids if source_head not in {t.i for t in k.subtree}]
        # "the Post quoted him saying (that ...)": what is said is what "saying" governs
        kids = [g for k in kids for g in (
            _content_children(k) if k.dep_ == "xcomp" and k.lower_ == "saying"
            and verb.lower_ in RELAY_VERBS else [k])]
    cue_end = verb
    topic = _passive_topic(verb, in_quote) if source_head is not None else None
    if topic is not None:
        # "The plan was endorsed by the mayor", "she is seen by party leaders as credible":
        # the agent speaks, what it is said about is the subject (with what follows the verb)
        agent = next(c for c in verb.children if c.dep_ == "agent")
        ids = {t.i for t in topic.subtree} - {verb.i}
        for k in kids:
            ids |= {t.i for t in k.subtree}
        ids -= {t.i for t in agent.subtree}
        if agent.i == verb.i + 1:
            cue_end = agent
        content = token_ranges(doc, _on_line(doc, ids, verb))
    elif kids:
        ids: set[int] = set()
        for k in kids:
            ids |= {t.i for t in k.subtree}
        if all(k.dep_ == "prep" for k in kids):
            # "called for a delay", "complained about the mic": the preposition belongs to
            # the cue, what it governs is the content
            cue_end = max(kids, key=lambda k: k.i) if len(kids) == 1 else cue_end
            ids -= {k.i for k in kids}
        ids -= _addressee_taken_in(verb)
        if _closing_cue(verb, kids):
            # "The mayor had asked for a delay, but the council refused, the aide added":
            # the parser makes the cue a conjunct of the first clause and gives it the last
            # one; what the aide said is the whole sentence before it
            sent = verb.sent
            ids = {i for i in range(sent.start, verb.i)} - (
                set(speaker_tokens(subject)) if subject is not None else set())
        content = token_ranges(doc, _on_line(doc, _after_quote_colon(doc, ids, verb), verb))
    elif verb.dep_ in ("parataxis", "ccomp", "advcl", "conj") and verb.head.i != verb.i \
            and (verb.i > verb.head.i or verb.dep_ == "parataxis"):
        # "The plan is dead, he said" and "Too often, he said, the debate is ...": the said
        # thing is the clause the verb hangs on
        sent = verb.sent
        ids = subtree_ids(verb.head, [verb])
        ids = {i for i in ids if sent.start <= i < sent.end
               and (i < verb.i or (verb.dep_ == "parataxis" and verb.i < verb.head.i))}
        if subject is not None:
            ids -= set(speaker_tokens(subject))
        window = _cue_window(verb, subject)
        if window is not None and verb.dep_ == "parataxis":
            # "Though the vote was close, he said, the result stands": the parser may hang
            # part of what was said on the cue; all of the sentence around the cue is said
            lo, hi = window
            ids = {t.i for t in sent if not lo <= t.i <= hi}
        content = token_ranges(doc, _on_line(doc, _after_quote_colon(doc, ids, verb), verb))
    else:
        content = []  # a cue without a complement ("he said."): quotes may attach to it
    colon = _colon_after(doc, verb)
    if colon is not None and not any(b > colon.idx for a, b in content):
        content = [_after_colon(doc, colon)]  # "he said:" and the next paragraph
    return Candidate((verb.idx, cue_end.idx + len(cue_end)), verb.i, source, source_head,
                     content, "verb")


# Nouns a relative clause follows for when or how, not for what was said: "the day he said
# he would quit" reports a whole clause.
_ADVERBIAL_NOUNS = frozenset(
    "time times day days week weeks month months year years moment night morning hours way "
    "reason".split())
_RELATIVE_SUBJECTS = frozenset({"who", "which", "that", "whose"})
_RELATIVE_WORDS = _RELATIVE_SUBJECTS | {"whom", "where", "when", "why", "how"}


# What a writer says of their own guess: "I'm sure ...", "I suspect ...".
_GUESSING = frozenset("sure certain think guess believe suspect bet imagine expect hope doubt "
                      "assume reckon".split())


def _my_guess(verb) -> bool:
    """Whether the cue is the writer's guess at what others think or say: "I'm sure the
    British and French still think they are ...", "I suspect the minister said so". The
    people named are not reported to speak; the writer supposes they do."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i == verb.i or (
            head.lower_ not in _GUESSING and stem(head.lower_) not in _GUESSING):
        return False
    holder = head if head.pos_ in ("VERB", "AUX") else head.head
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("i", "we")
               for c in holder.children)


def _gap_relative(verb) -> bool:
    """Whether the cue heads a relative clause whose noun is what the reported words leave
    out: 'the "extremists and terrorists" Damascus declares it is fighting', "the weapons the
    minister said were hidden". What such a cue reports ("it is fighting", "were hidden") is
    no statement; the speaker said something about the noun, which is the writer's. A cue
    whose subject is the relative pronoun ("Ann Lee, who said the plan would fail") reports a
    whole clause."""
    if verb.dep_ != "relcl" or verb.head.i > verb.i or verb.head.lower_ in _ADVERBIAL_NOUNS:
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > verb.i:
        return False
    if not any(c.dep_ == "ccomp" for c in verb.children) or any(
            t.lower_ in _RELATIVE_WORDS for c in verb.children if c.dep_ != "ccomp"
            for t in c.subtree):
        # ("Macron's suggestion, which Peskov deemed a 'very important new element'", "an
        # interview in which he said he was sceptical", "Richmond, where experts say judges
        # are eager": the relative word is the cue's own object or adverbial; what was said
        # is whole)
        return False
    return not any(t.lower_ in _RELATIVE_SUBJECTS for t in subject.subtree)


def _after_quote_colon(doc, ids: set[int], verb) -> set[int]:
    """'The senator scolded him: "...," she said': a cue after a quote reports the quote, not
    the clause that introduced it with a colon."""
    colons = [i for i in ids if doc[i].text == ":" and i < verb.i and i + 1 < len(doc)
              and doc[i + 1].text[:1] in "\u201c\"`'"]
    if not colons:
        return ids
    return {i for i in ids if i > max(colons)}


_WINDOW_DEPS = {"advmod", "npadvmod", "prep", "dative", "aux", "auxpass", "neg", "agent", "prt"}


def _cue_window(verb, subject):
    """The token range of a parenthetical cue clause ("he said", "the minister said in an
    interview on Monday"), set off by commas or the sentence's edges; None when the clause
    is not so set off."""
    ids = {verb.i}
    if subject is not None:
        ids |= {t.i for t in subject.subtree}
    for c in verb.children:
        if c.dep_ in _WINDOW_DEPS:
            ids |= {t.i for t in c.subtree}
    lo, hi = min(ids), max(ids)
    doc, sent = verb.doc, verb.sent
    if any(i not in ids and doc[i].dep_ != "punct" for i in range(lo, hi + 1)):
        return None
    left_ok = lo == sent.start or doc[lo - 1].is_punct
    right_ok = hi + 1 >= sent.end or doc[hi + 1].is_punct
    return (lo, hi) if left_ok and right_ok else None


ADJ_CONTENT_PREPS = {"of", "about", "with", "on", "over", "that", "to", "for", "toward",
                     "towards", "against", "at", "by", "in"}


def _adjective(doc, adj, in_quote) -> Candidate | None:
    """An attitude in a predicate adjective: "Republicans were not concerned about the shift",
    "she is critical of the plan", "they are afraid that ...": the subject holds it."""
    head = adj.head
    if head is adj or head.pos_ not in ("AUX", "VERB"):
        return None
    kids = [c for c in adj.children if c.i > adj.i and (
        c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ in ADJ_CONTENT_PREPS))]
    if not kids:
        return None
    kid = kids[0]
    ids = {t.i for t in kid.subtree}
    cue_end = adj
    if kid.dep_ == "prep":
        ids.discard(kid.i)
        cue_end = kid
    if not ids:
        return None
    subject = speaker_of(head, in_quote)
    source = source_head = None
    if subject is not None and same_line(doc, subject, adj):
        sub = speaker_tokens(subject)
        source = trim(doc_text(doc), doc[min(sub)].idx, doc[max(sub)].idx + len(doc[max(sub)]))
        source_head = subject.i
        if source[1] <= source[0]:
            source = source_head = None
    start = head if head.i < adj.i else adj
    if head.i < adj.i:
        # "could not be sure that": the modal and the negation belong to the cue; "be sure"
        # alone says the opposite of what was said
        before = [c for c in head.children if c.dep_ in ("aux", "neg") and c.i < head.i
                  and c.i >= head.i - 3]
        start = min(before, key=lambda t: t.i) if before else start
    return Candidate((start.idx, cue_end.idx + len(cue_end)), adj.i, source, source_head,
                     token_ranges(doc, _on_line(doc, ids, adj)), "adj")


def _passive_topic(verb, in_quote):
    """The subject of a passive with an agent ("X was endorsed by Y"), or None."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and
                (in_quote is None or in_quote[c.idx] == in_quote[verb.idx])]
    if not subjects or subjects[0].lower_ in ("who", "which", "that"):
        return None
    return subjects[0]


NOUN_CONTENT_PREPS = {"about", "on", "for", "against", "to", "of", "that", "over", "with"}


def _noun(doc, noun, in_quote) -> Candidate | None:
    """A nominal cue with its holder and its content: "Trump's claim that ...", "her support
    for the bill", "a statement by the ministry saying ..."."""
    holder = None
    for c in noun.children:
        if c.dep_ == "poss" and (c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.lower_ in
                                 ("his", "her", "their", "its", "our", "my")):
            holder = c
    if holder is None:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > noun.i:
                objects = [x for x in c.children if x.dep_ == "pobj" and x.ent_type_ in
                           ("PERSON", "ORG", "NORP", "GPE")]
                if objects:
                    holder = objects[0]
    if holder is None:
        return None
    ids: set[int] = set()
    for c in noun.children:
        if c.i < noun.i or c is holder or holder in c.subtree:
            continue
        if c.dep_ in ("acl", "ccomp", "relcl") and c.dep_ != "relcl" or (
                c.dep_ == "prep" and c.lower_ in NOUN_CONTENT_PREPS):
            ids |= {t.i for t in c.subtree}
    if not ids:
        return None
    cue_end = noun
    preps = [c for c in noun.children if c.i > noun.i and c.dep_ == "prep" and c.i in ids]
    if len(preps) == 1 and preps[0].i == min(ids):
        cue_end = preps[0]  # "her support for": the preposition is part of the cue
        ids.discard(preps[0].i)
        if not ids:
            return None
    source = (holder.idx, holder.idx + len(holder)) if holder.dep_ == "poss" else None
    if source is None:
        sub = speaker_tokens(holder)
        source = (doc[min(sub)].idx, doc[max(sub)].idx + len(doc[max(sub)]))
    return Candidate((noun.idx, cue_end.idx + len(cue_end)), noun.i, source, holder.i,
                     token_ranges(doc, ids), "noun")


def _closing_cue(verb, kids) -> bool:
    """A cue that closes its sentence after everything it reports ("..., the source added.")
    but that the parser made a conjunct of the sentence's first verb."""
    if verb.dep_ != "conj" or verb.head.i > verb.i or not kids or \
            any(k.i > verb.i for k in kids):
        return False
    rest = [t for t in verb.doc[verb.i + 1: verb.sent.end] if not (t.is_punct or t.is_space)]
    return not rest and verb.head.i >= verb.sent.start


def _colon_after(doc, verb):
    """The colon closing the cue's clause: "said:", "reports:", "made the following comment:"."""
    for i in range(verb.i + 1, min(len(doc), verb.i + 6)):
        tok = doc[i]
        if tok.text == ":":
            return tok
        if tok.is_punct or "\n" in tok.text or tok.pos_ == "VERB":
            return None
    return None


def _after_colon(doc, colon) -> tuple[int, int]:
    """What follows "he added:": the quotation that opens there, else the rest of the paragraph
    or the next one. A text with its paragraphs run together (a live blog flattened by a feed)
    must not hand a whole page to one colon, so on the colon's own line a quotation ends what
    was said, and without one the sentence after the colon does."""
    text = doc_text(doc)
    start = colon.idx + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    if text[start:end].strip():
        opened = start + lead
        for a, b in find_quoted_spans(text[opened:end]):
            if a == 0:
                return opened, opened + b
            break
        after = doc[colon.i + 1] if colon.i + 1 < len(doc) else None
        if after is not None and after.sent.end_char < end:
            return start, after.sent.end_char
    if not text[start:end].strip():
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
    return start, end




def _on_line(doc, ids, anchor) -> set[int]:
    """The tokens on the anchor's line: a clause never runs over a paragraph break, even when
    the parser joins two paragraphs into one sentence."""
    line = line_of(doc, anchor.idx)
    return {i for i in ids if line_of(doc, doc[i].idx) == line}




def _speech_like(tok) -> bool:
    """A verb that may stand alone as a cue next to a quote ("he said.", "she continued:")."""
    return tok.pos_ == "VERB" and tok.dep_ in ("ROOT", "parataxis", "conj", "ccomp", "advcl",
                                                "relcl")


def _span_of(ranges):
    return (ranges[0][0], ranges[-1][1])


def _snap(text: str, rng: tuple[int, int], quoted) -> tuple[int, int]:
    """Grow a content range to whole quoted passages it overlaps substantially (a parse
    often stops at the first sentence of a quote that runs on)."""
    start, end = rng
    for a, b in quoted:
        if b <= start or a >= end:
            continue
        overlap = min(b, end) - max(a, start)
        if overlap >= 0.3 * (b - a) or (a <= start + 1 and b > start):
            start, end = min(start, a), max(end, b)
    # a closing mark right after the content belongs with it
    while end < len(text) and text[end] in "\u201d\"" and end - start > 1:
        end += 1
        break
    return start, end


def _merge_ranges(ranges):
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _char_flags(n: int, spans) -> bytearray:
    flags = bytearray(n + 1)
    for a, b in spans:
        flags[a:b] = b"\x01" * (b - a)
    return flags


# ----------------------------------------------------------------------------- features
def _bucket(n: int) -> str:
    for limit in (2, 4, 8, 16, 32):
        if n <= limit:
            return str(limit)
    return "more"


def subject_kind(doc, head: int | None) -> str:
    if head is None:
        return "none"
    tok = doc[head]
    if tok.lower_ in PRONOUNS:
        return "pron"
    if tok.ent_type_:
        return "ent_" + tok.ent_type_
    return tok.pos_.lower()


def _shape(tok) -> str:
    """A neighbour token as a feature: punctuation as itself, short words lower-cased, else W."""
    text = tok.text
    if len(text) == 1 and not text.isalnum():
        return text
    if text.isalpha() and len(text) < 4:
        return text.lower()
    return "NUM" if tok.like_num else "W" if text.isalpha() else "X"


def features(doc, text: str, tok, cand: Candidate, in_quote: bytearray, quoted) -> list[str]:
    """String features of a candidate for the cue classifier."""
    # only plain words become feature names (no markup or numbers from the training texts)
    w = tok.lower_ if re.fullmatch(r"[a-z][a-z'\u2019-]{0,29}", tok.lower_) else "OTHER"
    s = (stem(w) if cand.kind == "verb" else "according_to" if cand.kind == "according"
         else "label" if cand.kind == "label" else "a:" + w if cand.kind == "adj" else "n:" + w)
    subj = subject_kind(doc, cand.source_head)
    content_text = " ".join(text[a:b] for a, b in cand.content)
    first = content_text.split(" ", 1)[0].lower().strip("\u201c\"'") if content_text else ""
    c_quoted = bool(cand.content) and (any(ch in content_text[:2] for ch in "\u201c\"") or any(
        a <= cand.content[0][0] < b for a, b in quoted))
    child_deps = sorted({c.dep_ for c in tok.children})
    feats = [
        "bias", f"w={w}", f"s={s}", f"tag={tok.tag_}", f"dep={tok.dep_}", f"subj={subj}",
        f"s+subj={s}|{subj}", f"s+dep={s}|{tok.dep_}", f"first={first if first in COMPLEMENTIZERS else 'x'}",
        f"s+first={s}|{first if first in COMPLEMENTIZERS else 'x'}",
        f"cquote={c_quoted}", f"s+cquote={s}|{c_quoted}", f"inquote={bool(in_quote[tok.idx])}",
        f"clen={_bucket(len(content_text.split())) if cand.content else 'none'}", f"kind={cand.kind}",
        f"nseg={min(len(cand.content), 3)}", f"headpos={tok.head.pos_}",
        f"s+tag={s}|{tok.tag_}",
    ]
    if cand.source_head is not None:
        head = doc[cand.source_head]
        plain = head.pos_ in ("PRON", "NOUN") and re.fullmatch(r"[a-z]{1,30}", head.lower_)
        feats.append(f"subjw={head.lower_ if plain else head.ent_type_ or head.pos_}")
    if cand.content:
        first_tok = doc.char_span(cand.content[0][0], cand.content[0][1], alignment_mode="expand")
        if first_tok is not None and len(first_tok):
            root = first_tok.root
            feats.append(f"croot={root.pos_}|{root.dep_}")
            feats.append(f"s+croot={s}|{root.pos_}")
    feats.append(f"s+clen={s}|{_bucket(len(content_text.split())) if cand.content else 'none'}")
    feats += [f"cd={d}" for d in child_deps]
    feats += [f"s+cd={s}|{d}" for d in child_deps if d in ("ccomp", "dobj", "xcomp", "prep", "dative")]
    for c in tok.children:
        if c.dep_ == "prep" and c.i > tok.i:
            feats.append(f"prep={c.lower_}")
            feats.append(f"s+prep={s}|{c.lower_}")
        if c.dep_ in ("neg",):
            feats.append("neg")
        if c.dep_ in ("auxpass", "nsubjpass"):
            feats.append("passive")
        if c.dep_ == "dative" or (c.dep_ == "dobj" and c.i == tok.i + 1 and c.pos_ in ("NOUN", "PROPN", "PRON")):
            feats.append(f"obj={c.lower_ if c.lower_ in ('reporters', 'him', 'her', 'them', 'me', 'us') else c.pos_}")
    nxt = _shape(doc[tok.i + 1]) if tok.i + 1 < len(doc) else "END"
    prv = _shape(doc[tok.i - 1]) if tok.i > 0 else "START"
    feats.append(f"next={nxt}")
    feats.append(f"prev={prv}")
    feats.append(f"s+next={s}|{nxt if len(nxt) <= 1 else 'W'}")
    if cand.source is not None and cand.source[0] > tok.idx:
        feats.append("inverted")
    if tok.is_title and tok.i > 0 and not tok.is_sent_start and doc[tok.i - 1].is_alpha:
        feats.append("titlecase")
    if cand.content and cand.content[0][0] < tok.idx:
        feats.append("content_before")
    if cand.kind == "label":
        feats += _label_features(doc, text, cand)
    feats += _context_features(doc, text, tok, cand, s)
    return feats


_MODALS = {"to", "will", "would", "could", "should", "may", "might", "must", "can", "wo", "ca"}
_FIRST_PERSON_WORDS = {"i", "we", "my", "our", "me", "us"}


def _plain(word: str) -> str | None:
    return word if re.fullmatch(r"[a-z][a-z'\u2019-]{0,29}", word) else None


def _context_features(doc, text: str, tok, cand: Candidate, s: str) -> list[str]:
    """The words around the cue that tell speech from action: the object ("make the case",
    "raise questions"), a modal or infinitive ("to attack", "would say"), the verb the cue
    hangs on ("declined to comment", "plans to"), and a content in the first person or
    naming a person."""
    feats = []
    for c in tok.children:
        if c.dep_ == "dobj" and c.pos_ == "NOUN" and _plain(c.lower_):
            feats.append(f"s+objw={s}|{stem(c.lower_)}")
        if c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS:
            feats.append(f"aux={c.lower_}")
    head = tok.head
    if head is not tok and tok.dep_ in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "acl",
                                        "relcl") and head.pos_ in ("VERB", "AUX", "NOUN"):
        hw = _plain(head.lower_)
        hs = stem(hw) if hw and head.pos_ != "NOUN" else ("n:" + hw if hw else "OTHER")
        feats.append(f"hs={tok.dep_}|{hs}")
    if cand.content:
        a, b = cand.content[0][0], cand.content[-1][1]
        words = re.findall(r"[A-Za-z']+", text[a:b].lower())
        if any(w in _FIRST_PERSON_WORDS for w in words):
            feats.append("c_first_person")
        ents = {t.ent_type_ for t in doc.char_span(a, b, alignment_mode="expand") or []
                if t.ent_type_}
        feats.append(f"c_has_person={'PERSON' in ents}")
    return feats


def _label_features(doc, text: str, cand: Candidate) -> list[str]:
    """How a "NAME:" label looks: an entity, upper case (transcripts), the first line
    (headlines), its length."""
    a, b = cand.source
    name = text[a:b]
    ents = {t.ent_type_ or "none" for t in doc[cand.source_head].sent if a <= t.idx < b}
    words = len(name.split())
    upper = name.isupper() and sum(ch.isalpha() for ch in name) > 1
    first_line = not text[:a].strip()
    return [f"label_ent={'|'.join(sorted(ents))}", f"label_upper={upper}",
            f"label_first_line={first_line}", f"label_words={min(words, 4)}",
            f"label_upper+first={upper}|{first_line}"]
