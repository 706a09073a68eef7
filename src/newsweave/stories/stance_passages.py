"""Which passages are an actor's own statements: quotes of the actor, and clauses where
the actor is the subject of a verb of saying or taking a position (split from
``stories.stance``).
"""
from __future__ import annotations

import re
from collections import Counter

from newsweave import lexicon
from newsweave.model import Actor, Story
from newsweave.nlp.claims import lemma
from newsweave.nlp.quote_rules import find_quoted_spans
from newsweave.nlp.spacy_stage import doc_text
from newsweave.stories.stance_polarity import (AGAINST, FAVOR, LABEL_TARGETS, PROPOSAL_NOUNS,
                                               STANCE_VERBS, about_matter)


# ----------------------------------------------------------------------------- statements
def _name_forms(actor: Actor, shared: frozenset[str] = frozenset()) -> list[str]:
    """The lower-case forms that name the actor: name, aliases and, for a person, the surname
    alone -- unless another person of the story has that surname (``shared``) and the people
    stage did not give the bare surname to this one as an alias ("Felt" is Mark Felt's, not
    his daughter Joan Felt's)."""
    forms = {actor.name, *actor.aliases}
    out = set()
    for f in forms:
        f = re.sub(r"^(the)\s+", "", f.strip(), flags=re.IGNORECASE)
        if f:
            out.add(f.lower())
            surname = f.split()[-1].lower()
            if actor.type == "person" and len(f.split()) > 1 and surname not in shared:
                out.add(surname)  # a surname alone
    return sorted(out, key=len, reverse=True)


def shared_surnames(actors) -> frozenset[str]:
    """Surnames that more than one person actor of the story has."""
    seen = Counter(a.name.split()[-1].lower() for a in actors
                   if a.type == "person" and len(a.name.split()) > 1)
    return frozenset(name for name, n in seen.items() if n > 1)



# Words that make a body's official a former one, who no longer speaks for it.
_NO_LONGER = {"former", "retired", "ex", "onetime", "erstwhile"}


def _subject_mentions(doc, forms: list[str]):
    """Clauses (verb tokens) whose subject (or its possessor, conjunct or apposition, or an
    agency phrase such as "through X's office") mentions one of the name forms."""
    text = doc_text(doc).lower()
    hits = []
    for form in forms:
        if form not in text:
            continue  # (most forms are in few of a large story's articles: skip the regex)
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                hits.append(span)
    verbs = []
    quoted = _quoted(doc) if hits else []
    for span in hits:
        if _inside_other_name(span, forms):
            continue
        inside = next(((a, b) for a, b in quoted if a <= span.start_char and span.end_char <= b),
                      None)
        tok = span.root
        for _ in range(8):
            if tok.dep_ in {"nsubj", "csubj"} and tok.head.pos_ in {"VERB", "AUX"}:
                # a name inside someone's quotation cannot be the subject of a verb outside
                # it ('"I hold in the highest esteem Sen. John McCain," Trump said': the parse
                # gave "said" two subjects)
                if inside is None or inside[0] <= tok.head.idx < inside[1]:
                    verbs.append(tok.head)
                break
            if tok.dep_ == "prep" and tok.lower_ in {"through", "via"} and tok.head.pos_ == "VERB":
                verbs.append(tok.head)
                break
            if tok.dep_ not in {"poss", "compound", "conj", "appos", "pobj", "prep", "nmod",
                                "amod", "cc"} or tok.head.i == tok.i:
                break
            if tok.dep_ == "appos" and not _next_to(tok.head, tok):
                break  # an apposition the parse hung far from its head, across a clause
            if tok.dep_ in {"compound", "amod", "nmod"} and any(
                    c.lower_ in _NO_LONGER for c in tok.head.children):
                break  # "a retired U.S. diplomat" speaks for himself, not for the U.S.
            if _sent_by_another(tok):
                break  # "China's UN ambassador" speaks for China, not for the UN
            if tok.dep_ == "prep" and tok.lower_ in _TOPIC_PREPOSITIONS:
                break  # "the commission on the BP oil spill" is not BP
            if tok.dep_ == "poss" and lemma(tok.head) in _OTHER_PARTIES:
                break  # "one of BP's partners refused": the partner, not BP
            tok = tok.head
    return verbs



# Nouns of another party someone stands in a relation to ("BP's partners", "its critics").
_OTHER_PARTIES = {"partner", "rival", "critic", "opponent", "competitor", "enemy", "ally",
                  "victim", "customer", "neighbour", "neighbor", "adversary", "foe",
                  "detractor", "shareholder", "investor", "creditor", "supplier", "contractor"}
# Prepositions that lead to what a body deals with, not to whom it belongs.
_TOPIC_PREPOSITIONS = {"on", "about", "into", "over", "against", "regarding", "concerning",
                       "after", "toward", "towards", "behind"}


# Titles of someone sent to a body by another: the body is where they speak, not whom for.
_REPRESENTATIVES = {"ambassador", "envoy", "representative", "delegate", "delegation", "emissary",
                    "mission"}


def _sent_by_another(tok) -> bool:
    """Whether a body's name is the venue of a representative's title that names who sent
    them: "Chinese deputy UN ambassador Wang Min", "the US envoy to the UN"."""
    head = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "to" else tok.head
    if tok.dep_ not in {"compound", "pobj"} or head.lower_ not in _REPRESENTATIVES:
        return False
    return any(c.i != tok.i and (c.dep_ == "poss" and c.ent_type_ or c.ent_type_ in {
        "NORP", "GPE"} and c.dep_ in {"amod", "compound", "nmod"}) for c in head.children)


def _told_by_another(verb, forms: list[str]) -> bool:
    """Whether what the actor is said to do is another's account: "according to a report"
    (not the actor's own), or "reportedly", "allegedly" on the verb. The actor's position is
    what they said or did, not what others say they do.

    >>> from newsweave.nlp.spacy_stage import load_nlp
    >>> doc = load_nlp()("IBM is preparing to cut jobs, according to a report.")
    >>> plain = load_nlp()("IBM plans cuts.")
    >>> _told_by_another(doc[2], ["IBM"]), _told_by_another(plain[1], ["IBM"])
    (True, False)
    """
    if any(c.lower_ in lexicon.SECOND_HAND for c in verb.children):
        return True
    for tok in verb.sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and \
                tok.doc[tok.i + 1].lower_ == "to":
            told = tok.doc[tok.i + 1:tok.doc[tok.i + 1].right_edge.i + 1].text
            if not any(form in told for form in forms):
                return True
    return False


def _inside_other_name(span, forms: list[str]) -> bool:
    """Whether a name form found in the text is part of a longer person's name that is not
    the actor's ("Gray" in "his sister, Mahnefah Gray, told NY1" is not Kimani Gray)."""
    doc = span.doc
    start, end = span.start, span.end
    if doc[start].ent_type_ != "PERSON":
        return False
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if (start, end) == (span.start, span.end):
        return False
    whole = re.sub(r"['\u2019]s$", "", doc[start:end].text.lower()).strip()
    return whole not in forms


def position_verb(verb, acts: set[str] = frozenset()) -> bool:
    """Whether a verb an actor is the subject of can state their position: a verb of saying,
    believing, taking a position or deciding, or the proposal's own act ("BP will set up the
    fund"); not any verb ("Hayward began his remarks", "the rig exploded")."""
    lem = lemma(verb)
    if lem == "be":
        return any(c.dep_ in {"acomp", "attr"} and (lemma(c) in FAVOR or lemma(c) in AGAINST
                                                    or lemma(c) in lexicon.HOLDING_ADJECTIVES)
                   for c in verb.children)
    return lem in STANCE_VERBS or lem in acts


# A quote longer than this many sentences is read in its first ones only: a content that runs on
# (a live blog's entries glued to a quote) is no longer the speaker's.
MAX_QUOTE_SENTENCES = 3



def _first_sentences_end(doc, start: int, end: int) -> int:
    if doc is None:
        return end
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    sents = list(span.sents)
    if len(sents) <= MAX_QUOTE_SENTENCES:
        return end
    last = sents[MAX_QUOTE_SENTENCES - 1]
    return min(end, doc[last.end - 1].idx + len(doc[last.end - 1].text))



def _inverted(verb) -> bool:
    """"Does Hayward think ...": an auxiliary before the subject asks a question."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subj is not None and any(c.dep_ in {"aux", "auxpass"} and c.i < subj.i
                                    for c in verb.children)



def _next_to(head, appos) -> bool:
    """Whether an apposition follows its head's own phrase ("the minister, Anna Berg,"), not a
    clause in between ("BP had agreed to set up a fund ..., Kenneth Feinberg")."""
    own = {t.i for t in head.subtree} - {t.i for t in appos.subtree}
    return all(k in own or appos.doc[k].is_punct for k in range(head.i + 1, appos.left_edge.i))



def _other_speaker_between(doc, quote, forms: list[str]) -> bool:
    """A quote given to the actor through a pronoun ("She also said ...") when someone else is
    the subject of a verb of saying between the actor's last mention and the quote ("a
    student, Veatriki, said ..."): the pronoun is the nearer speaker's."""
    speaker = quote.speaker
    if speaker is None:
        return False
    text = doc_text(doc)
    if text[speaker.start:speaker.end].strip().lower() not in lexicon.PERSON_PRONOUNS | {
            "they", "we"}:
        return False
    before = text[:min(speaker.start, quote.start)].lower()
    last = max((before.rfind(f) for f in forms), default=-1)
    if last < 0:
        return False
    span = doc.char_span(last, min(speaker.start, quote.start), alignment_mode="expand")
    if span is None:
        return False
    for tok in span:
        if tok.dep_ == "nsubj" and tok.pos_ in {"NOUN", "PROPN"} and \
                lemma(tok.head) in lexicon.SAYING_VERBS and tok.sent.start > span.start and \
                not any(f in tok.sent.text.lower() for f in forms):
            return True
    return False


# A quote's content that opens on the one told ("him to suspend payments"): the demand of
# whoever urged them, cut at the wrong place, not the told person's words.
_TOLD_TO = re.compile(r"\s*[\"\u201c]?(?:him|her|them)\s+(?:\w+\s+)?to\s", re.IGNORECASE)


def _quoted(doc) -> list[tuple[int, int]]:
    """The doc's quotations, found once for all the story's actors."""
    spans = doc.user_data.get("newsweave_quoted")
    if spans is None:
        spans = doc.user_data["newsweave_quoted"] = find_quoted_spans(doc_text(doc))
    return spans


# Auxiliaries that make an actor's act a possibility or another's advice, not what it holds.
_MAY_OR_OUGHT = {"can", "could", "may", "might", "should", "ought", "must"}


# Verbs whose clause is what the subject wishes another would do, not what the other did.
_WISHING = {"hope", "wish", "want", "expect", "urge", "pray", "demand", "insist", "ask"}
# Verbs whose clause is how a film, a book or an ad shows someone ("The movie shows Bob wanting
# to stay behind"), which the one shown may deny.
_DEPICTING = {"show", "depict", "portray", "dramatize", "dramatise", "picture", "film",
              "caricature", "imagine"}


def _wished_by_another(verb) -> bool:
    """Whether a verb is inside a clause that another subject hopes, wants or urges ("he said
    he hoped Moscow would agree to his proposal"), or that a film or a book depicts ("The
    movie shows Bob wanting to stay behind")."""
    tok = verb
    while tok.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and tok.head.i != tok.i:
        # (only a clause the verb governs is depicted: "he showed up and said" is his own)
        depicted = tok.dep_ in {"ccomp", "xcomp"} and lemma(tok.head) in _DEPICTING
        tok = tok.head
        if lemma(tok) in _WISHING or depicted:
            return True
    return False


def actor_statements(actor: Actor, story: Story, docs, article_by_id,
                     acts: set[str] = frozenset()) -> list[dict]:
    """The passages that show what an actor holds: their quotes, and the clauses whose verb of
    saying or of taking a position (``position_verb``) has them as subject. Each is
    ``{"article", "start", "end", "kind"}`` in cleaned-text offsets; a clause also has
    ``verb`` (the token index of the actor's verb: what it governs is what they hold)."""
    names = {actor.name, *actor.aliases}
    docs_of = {article.id: doc for article, doc in docs}
    found: dict[tuple[str, int, int], dict] = {}
    forms = _name_forms(actor, shared_surnames(story.actors))
    for q in story.quotes:
        if q.speaker_name not in names:
            continue
        article = article_by_id.get(q.article)
        if article is None:
            continue
        if q.article in docs_of and _other_speaker_between(docs_of[q.article], q, forms):
            continue
        for part in q.content:
            s, e = part.start, min(part.end, _first_sentences_end(docs_of.get(q.article),
                                                                   part.start, part.end))
            if e > s and _TOLD_TO.match(doc_text(docs_of[q.article])[s:e] if q.article in
                                        docs_of else ""):
                continue  # "[urged] him to suspend payments": a demand made of someone
            if e > s:
                found[(article.id, s, e)] = {"article": article.id, "start": s, "end": e,
                                             "kind": "quote"}
    for article, doc in docs:
        for found_verb in _subject_mentions(doc, forms):
            if _inverted(found_verb):
                continue
            if any(a < found_verb.idx < b for a, b in _quoted(doc)):
                # '"The United States can urge him to go," said a protester': another's words
                # about the actor (the actor's own words come in as quotes, above)
                continue
            if any(c.dep_ == "aux" and c.lower_ in _MAY_OR_OUGHT for c in found_verb.children):
                continue  # "X can urge him to go", "X should act": a possibility or advice
            if _wished_by_another(found_verb):
                continue  # "he hoped Moscow would agree": the speaker's hope, not Moscow's act
            # the verb, or a verb coordinated with it that shares its subject ("X, poised to
            # join NATO, downplayed the idea")
            shared = [c for c in found_verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                      and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)]
            verb = next((v for v in [found_verb, *shared] if position_verb(v, acts)), None)
            if verb is None:
                continue
            if _told_by_another(verb, forms):
                continue  # "IBM is preparing to cut ..., according to a report": the report's
            sent = verb.sent
            # the verb's clause, or the sentence when the verb is its root
            left = min(verb.left_edge.i, sent.start) if verb.dep_ == "ROOT" else verb.left_edge.i
            right = max(verb.right_edge.i + 1, sent.end) if verb.dep_ == "ROOT" else verb.right_edge.i + 1
            subject = next((c for c in found_verb.children if c.dep_ in {"nsubj", "nsubjpass"}),
                           None)
            stops = [t.i for t in doc[left:subject.i]
                     if t.text in (";", ":")] if subject is not None else []
            if stops:
                # "... must be stopped on all sides Next step: All parties to hold talks ...
                # Damascus on Sunday called for guarantees": a plan's box run in before a colon
                # is not what the actor holds
                left = stops[-1] + 1
            s, e = doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)
            if any(k[0] == article.id and k[1] <= s and e <= k[2] for k in found):
                continue
            found[(article.id, s, e)] = {"article": article.id, "start": s, "end": e,
                                         "kind": "statement", "verb": verb.i}
    return list(found.values())



# Verbs whose subject is an actor, never a proposal or an event.
_ACTORS_VERBS = lexicon.SAYING_VERBS | lexicon.HOLDING_VERBS | {"seek", "try", "aim", "decide", "agree", "ask",
                                               "need", "vote", "pay"}


def refers_back(span, matter: dict | None = None) -> bool:
    """Whether a passage points back at the matter under discussion instead of naming it: "the
    idea", "the proposal", or a bare "it"/"this" as the subject of its main clause. Given
    ``matter``, "it" needs the sentence before to name the matter ("I think it's inappropriate"
    after a sentence about something else is not about the question), and "the plan" must not
    be the same noun the text just used for something else ("these plans ... approved the
    plan": the drilling plans, not the proposal); a question that proposes nothing
    (``matter["factual"]``: "Was X the source?") has no plan or idea to point back at."""
    # (a noun with its determiner: "it plans to cut", whose "that" is the clause's mark, points
    # at nothing)
    nouns = [tok for tok in span if lemma(tok) in PROPOSAL_NOUNS and tok.pos_ == "NOUN"
             and _bare_pointer(tok, matter)
             and any(c.dep_ in {"det", "predet", "amod"} and c.lower_ in {"the", "this", "that", "such"}
                     for c in tok.children)]
    if matter is not None and matter.get("factual"):
        nouns = []  # a question of fact proposes nothing: "the plan" is some other plan
    root = span.root
    # (a subject that says, wants or plans is someone: "Greenpeace said it wanted the company to
    # adopt greener policies" has the group for "it", not the matter)
    pronoun = any(c.lower_ in {"it", "this", "that"} and (c.dep_ == "nsubjpass" or (
        c.dep_ == "nsubj" and lemma(root) not in _ACTORS_VERBS)) for c in root.children)
    if not nouns and not pronoun:
        return False
    if matter is None:
        return True
    sent = span[0].sent
    if sent.start == 0:
        return bool(nouns)
    before = span.doc[sent.start - 1].sent
    if about_matter(before, matter) or about_matter(span.doc[sent.start:span.start], matter):
        return True
    if not nouns:
        return False
    context = span.doc[max(0, _sentence_back(span.doc, sent.start, POINTER_CONTEXT)):span.start]
    used = {lemma(t) for t in context}
    # "rejected ... that prospect" after a sentence about something else points back at that
    # something: the matter must be named within the sentences read back
    return any(lemma(n) not in used for n in nouns) and about_matter(context, matter)


# Sentences before a pointing noun ("the plan") read for an earlier use of the same noun.
POINTER_CONTEXT = 3


def _sentence_back(doc, start: int, n: int) -> int:
    """The first token of the sentence ``n`` sentences before the one starting at ``start``."""
    for _ in range(n):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def _bare_pointer(noun, matter: dict | None) -> bool:
    """Whether a proposal noun points back ("the idea") rather than names its own content:
    "the possibility of a tsunami" is about a tsunami, unless that content is the matter."""
    # "the worst case scenario" names its own content too
    content = [t for c in noun.children if (c.dep_ in {"prep", "acl", "relcl"} and c.lower_
               not in {"by", "from"}) or (c.dep_ == "compound" and c.pos_ == "NOUN")
               for t in c.subtree]
    if not content:
        return True
    return matter is not None and about_matter(content, matter)


# Cues that take a position on something unnamed only as the main verb ("ruled it out",
# "downplayed"); wishes and plans ("wants to know", "plans") need their object named.
_ROOT_CUES = (AGAINST | {"support", "back", "endorse", "welcome", "approve", "favor", "favour",
                         "advocate", "defend", "praise", "embrace"}) - {"fear", "doubt"}



def _cue_on_root(span) -> bool:
    """A cue on the main verb whose object, if any, points back ("ruled it out", "dismissed the
    idea", "downplayed"); "blasted Barton for his comments" is about Barton."""
    root = span.root
    for verb in [root] + [c for c in root.children if c.dep_ in {"conj", "ccomp", "xcomp"}]:
        if lemma(verb) in _ROOT_CUES or (lemma(verb) == "rule" and any(
                c.lower_ == "out" for c in verb.children)):
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            if all(o.lower_ in LABEL_TARGETS or (lemma(o) in PROPOSAL_NOUNS and
                                                 _bare_pointer(o, None)) for o in objs):
                return True
    return False



def governed(span, passage: dict) -> list:
    """What the actor holds in a passage: a quote's whole content, or the part of a clause their
    verb governs (its subtree without its subject: "Obama announced [that BP had agreed to set
    up a fund]")."""
    verb_i = passage.get("verb")
    if verb_i is None:
        return list(span)
    doc = span.doc
    verb = doc[verb_i]
    subject = {t.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}
               for t in c.subtree}
    return [t for t in own_clause(span, passage) if t.i not in subject and t.i != verb_i]


def own_clause(span, passage: dict):
    """The passage without a clause joined to the actor's with a subject of its own, which is
    someone else's ("Annan has called for unity [...] Syria has responded to criticism that it
    refused to allow ...", a live page's items run together): cut where that clause begins."""
    verb_i = passage.get("verb")
    if verb_i is None:
        return span
    verb = span.doc[verb_i]
    starts = [c.left_edge.i for c in verb.children if c.dep_ == "conj" and c.i > verb_i and any(
        g.dep_ in {"nsubj", "nsubjpass", "csubj"} for g in c.children)]
    cut = min(starts, default=span.end)
    while cut > verb_i + 1 and (span.doc[cut - 1].is_punct or span.doc[cut - 1].dep_ == "cc"):
        cut -= 1
    return span.doc[span.start:cut] if span.start < cut < span.end else span



def held_text(doc, passage: dict) -> str:
    span = doc.char_span(passage["start"], passage["end"], alignment_mode="expand")
    if span is None:
        return doc_text(doc)[passage["start"]:passage["end"]]
    return " ".join(t.text for t in governed(span, passage))
