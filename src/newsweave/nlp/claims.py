"""Check-worthy statements of each article, decomposed into parts that can be compared.

A *statement* is a sentence (or a clause of it that has its own subject, such as "..., with
Russia warning that ...") that reports a fact or an attributed position. Each statement keeps its
evidence span (cleaned-text coordinates) and the parts the story stages compare across sources:

- ``numbers``: values with their unit ("$61 billion" -> 61e9 USD, "approximately 20 leaders"
  -> 20 leader, approximate);
- ``dates``: the time expressions (normalised by ``dates@1`` when it ran);
- ``entities``: persons, organisations and places, with their role (agent or other);
- ``negated`` and ``modality``: whether what is asserted has negative polarity ("will not",
  "no plans to", "never", and predicates that deny their object: "rejected the idea of ...",
  "was against sending ...", "ruled out ..."; two of them cancel: "nothing should be ruled
  out" is positive) and which modal qualifies it (may, will, should, ...);
- ``predicate``: the lemma of the main verb of what is asserted (of the reported clause when the
  statement is attributed), and ``speaker``/``cue`` when someone is reported as saying it;
- ``lemmas``: the content words, for lexical agreement;
- ``content_agent``: for attributed statements, the person who is the subject of what is
  reported ("officials clarified that he was discussing ..." -> the person "he" stands for);
- ``groups``: plural subjects (or passive agents) with the named members inside them ("attended
  by leaders from the US and Canada" -> leader {us, canada}), to tell who took part.

Statements are stored as plain dicts in ``article.values["claims"]``; their embeddings (of the
whole statement and of its core, the reported clause when attributed) in
``article.values["claim_embeddings"]`` and ``article.values["claim_core_embeddings"]``.

>>> parts = statement_parts_of("The US will not send 2,000 troops to Ukraine, Kirby said.")
>>> parts["predicate"], parts["negated"], parts["modality"], parts["numbers"][0]["value"]
('send', True, ['will'], 2000.0)
"""
from __future__ import annotations

import functools
import logging
import re
from typing import Any

import numpy as np

from newsweave import lexicon
from newsweave.config import Config
from newsweave.model import Article
from newsweave.nlp.datelines import trim_dateline
from newsweave.nlp.spacy_stage import doc_text
from newsweave.registry import article_stage

log = logging.getLogger(__name__)

STAGE_VERSION = "claims@1"
MIN_WORDS = 5
MAX_WORDS = 90

NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"}
NUMERIC = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
TIME = {"DATE", "TIME"}
MODALS = {"may": "may", "might": "may", "could": "could", "can": "can", "ca": "can",
          "will": "will", "wo": "will", "'ll": "will", "would": "would", "shall": "will",
          "should": "should", "must": "must", "ought": "should"}
# Words that negate what they attach to (the parse's `neg` relation covers "not" and "n't").
# "no one" is matched as one phrase by the claim reader
NEGATORS = lexicon.NEGATORS | {"nor", "without", "nowhere", "no one"}
# Predicates that deny or refuse what they take as object or clause: "X rejected the idea of Y"
# asserts about as much as "X said Y should not happen". Counted like a negator, so that
# polarity, not wording, is compared ("denied the proposal" agrees with "will not send").
NEGATIVE_PREDICATES = {"deny", "reject", "refuse", "oppose", "dismiss", "exclude", "refute",
                       "rebuff", "decline", "criticize", "criticise", "veto", "disavow",
                       "repudiate", "forbid", "prohibit", "ban", "renounce", "abandon"}
# Verb + particle pairs with the same force ("ruled out", "turned down").
NEGATIVE_PHRASALS = {("rule", "out"), ("turn", "down"), ("call", "off"), ("back", "away")}
APPROX = {"about", "approximately", "around", "nearly", "almost", "roughly", "some", "over",
          "more", "less", "up", "at", "least", "estimated", "reportedly", "circa", "close"}
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3,
         "m": 1e6, "bn": 1e9, "hundred": 1e2, "dozen": 12}
WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                     "eighty": 80, "ninety": 90, "a": 1, "an": 1})
CURRENCY = {"$": "USD", "us$": "USD", "dollar": "USD", "€": "EUR", "euro": "EUR", "£": "GBP",
            "pound": "GBP", "¥": "JPY", "yen": "JPY", "rouble": "RUB", "ruble": "RUB",
            "yuan": "CNY", "rupee": "INR"}
# Subjects and complements that stand for a reported position, not a fact of the world.
_SPEECH_DEPS = {"ccomp", "xcomp", "parataxis"}
_CLAUSE_DEPS = {"conj", "advcl", "pcomp", "parataxis"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


# ----------------------------------------------------------------------------- lemmas
@functools.lru_cache(maxsize=2)
def _lemmatizer(name: str):
    """spaCy's rule lemmatizer, loaded (disabled) in the main pipeline; None if absent."""
    from newsweave.nlp.spacy_stage import load_nlp

    try:
        return load_nlp(name).get_pipe("lemmatizer")
    except KeyError:
        return None


_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def lemma(token, model: str = "en_core_web_sm") -> str:
    """The lemma of a token: spaCy's when the pipeline set one, else the rule lemmatizer's, else
    a light suffix stripper.

    >>> from newsweave.nlp.spacy_stage import load_nlp
    >>> [lemma(t) for t in load_nlp()("Troops were sent.")]
    ['troop', 'be', 'send', '.']
    >>> [lemma(t) for t in load_nlp()("She hoped they hopped.")]
    ['she', 'hope', 'they', 'hop', '.']
    """
    if token.lemma_ and token.lemma_ != token.text or token.pos_ in {"PROPN", "PUNCT"}:
        return (token.lemma_ or token.text).lower()
    lower = token.lower_
    if token.pos_ == "AUX" and lower in {"is", "are", "was", "were", "'s", "’s", "am", "been",
                                          "being", "be", "'re", "'m"}:
        return "be"
    lemmatizer = _lemmatizer(model)
    if lemmatizer is not None:
        try:
            found = lemmatizer.rule_lemmatize(token)
            # "hoped" -> ["hop", "hope"]: a stem that doubles its last consonant ("hopped")
            # would have been spelt so, so the form with the "e" is the word's
            if len(found) > 1 and found[1] == found[0] + "e":
                return found[1].lower()
            if found:
                return found[0].lower()
        except Exception:  # noqa: BLE001 - a lemma is a convenience, never a failure
            pass
    for suffix, repl in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            return lower[: len(lower) - len(suffix)] + repl
    return lower


# ----------------------------------------------------------------------------- parts
def entity_key(text: str) -> str:
    """A comparable form of an entity mention.

    >>> entity_key("the U.S.’s"), entity_key("The Kremlin")
    ('us', 'kremlin')
    """
    text = re.sub(r"['\u2019]s?$", "", text.strip())
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)
    return re.sub(r"[^\w ]", "", text.lower()).strip()


def _number_value(tokens) -> float | None:
    value: float | None = None
    scale = 1.0
    for tok in tokens:
        raw = tok.text.lower().replace(",", "")
        m = re.fullmatch(r"[$€£¥]?(\d+(?:\.\d+)?)([kmb]n?|%)?", raw)
        if m:
            value = float(m.group(1))
            if m.group(2) in SCALE:
                scale *= SCALE[m.group(2)]
        elif raw in SCALE and value is not None:
            scale *= SCALE[raw]
        elif raw in SCALE and value is None and raw in {"hundred", "thousand", "dozen"}:
            value = 1.0
            scale *= SCALE[raw]
        elif raw in WORD_NUMBERS and value is None and raw not in {"a", "an"}:
            value = float(WORD_NUMBERS[raw])
    return None if value is None else value * scale


def _numbers(span, ents) -> list[dict]:
    out = []
    seen: set[int] = set()
    groups = []
    for ent in ents:
        if ent.label_ in NUMERIC and span.start <= ent.start and ent.end <= span.end:
            groups.append((ent, ent.label_))
            seen.update(range(ent.start, ent.end))
    for tok in span:
        if tok.i in seen or tok.ent_type_ in TIME or not tok.like_num:
            continue
        if tok.lower_ in {"one", "a", "an"} and tok.dep_ != "nummod":
            continue
        groups.append((span.doc[tok.i : tok.i + 1], "CARDINAL"))
    for group, label in groups:
        tokens = [t for t in group if t.text not in {"$", "€", "£"} or True]
        value = _number_value(tokens)
        if value is None:
            continue
        text = group.text
        unit = None
        names_one = False
        low = text.lower()
        if label == "MONEY":
            for mark, code in CURRENCY.items():
                if mark in low:
                    unit = code
                    break
            unit = unit or "money"
        elif label == "PERCENT" or "%" in text or "percent" in low or "per cent" in low:
            unit = "%"
        else:
            head = group.root.head if group.root.dep_ in {"nummod", "quantmod", "compound"} else None
            if head is not None and head.pos_ in {"NOUN", "PROPN"}:
                unit = lemma(head)
                # "stage 13", "Flight 370": a number after its noun names one, it counts nothing
                names_one = head.i < group.start
            elif group.end < len(span.doc) and span.doc[group.end].pos_ == "NOUN":
                unit = lemma(span.doc[group.end])
        before = span.doc[max(group.start - 2, 0) : group.start]
        words = [t.lower_ for t in list(before) + list(group)]
        approx = any(w in APPROX for w in words)
        number = {"text": text, "start": group.start_char, "end": group.end_char,
                  "value": value, "unit": unit, "approx": approx, "bound": _bound(words)}
        verb = _governing_verb(group.root)
        if verb is not None:
            number["verb"] = lemma(verb)
        if names_one:
            number["label"] = True
        out.append(number)
    return out


def _governing_verb(token):
    """The verb a number's phrase belongs to ("blocked two shots" -> blocked), walking up the
    parse from the number; None when none is within reach."""
    for _ in range(8):
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.head is token):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _bound(words: list[str]) -> str | None:
    """"min" for "at least 2", "more than 20", "over 100"; "max" for "at most", "up to",
    "fewer than", "under"; None for a plain or approximate value."""
    joined = " ".join(words)
    if re.search(r"\b(at least|more than|over|upwards of|no fewer than|no less than|in excess of)\b", joined):
        return "min"
    if re.search(r"\b(at most|up to|fewer than|less than|under|no more than|as many as)\b", joined):
        return "max"
    return None


def _modal_of(verb) -> list[str]:
    found = []
    chain = [verb]
    if verb.dep_ in {"xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        chain.append(verb.head)
    for v in chain:
        for child in v.children:
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in MODALS:
                found.append(MODALS[child.lower_])
            if child.lower_ == "going" and child.dep_ in {"aux"}:
                found.append("will")
        if v.lower_ == "going" and any(c.lower_ == "to" for c in v.children):
            found.append("will")
    return sorted(set(found))


def stopped_short(verb) -> bool:
    """Whether a verb is what was held back: "stopped short of saying ...", "without calling
    for ...", "instead of backing ...". What follows is exactly what was not said or done."""
    if verb.dep_ != "pcomp":
        return False
    prep = verb.head
    if prep.lower_ == "without":
        return True
    # the parser hangs "of" on "short" or on the verb that "short" modifies
    return prep.lower_ == "of" and (prep.head.lower_ in ("short", "instead") or any(
        c.lower_ == "short" for c in prep.head.children))


def negation_count(verb, *, predicates: bool = True) -> int:
    """How many negators bear on a predicate: `not`/`never` on it or on a verb governing it
    ("did not plan to send"), `no`/`nothing` on its subject or object ("no plans to ...",
    "nothing should be ..."), and with ``predicates`` the predicates that deny their object
    ("rejected", "ruled out"; callers that weigh such cues themselves pass False)."""
    count = 0
    chain = [verb]
    head = verb
    while head.dep_ in {"xcomp", "acl"} and head.head.i != head.i:
        head = head.head
        chain.append(head)
        if len(chain) > 3:
            break
    for v in chain:
        count += negative_predicate(v) if predicates else 0
        if v is not verb and lemma(v) in {"be", "have"} and any(
                c.lower_ == "yet" and c.dep_ == "advmod" for c in v.children):
            count += 1  # "The Taliban is yet to comment": has not commented
        for child in v.children:
            low = child.lower_
            if child.dep_ == "neg" or (low in {"never", "not", "n't"} and child.dep_ == "advmod"):
                count += 1
            elif child.dep_ in _SUBJECTS | {"dobj", "attr", "oprd"}:
                if low in {"nothing", "none", "nobody", "noone"}:
                    count += 1
                elif any(g.lower_ in {"no", "neither"} and g.dep_ == "det"
                         for g in child.children):
                    count += 1
            elif child.dep_ == "prep" and low == "without":
                count += 1
    return count


def negative_predicate(verb) -> int:
    """1 when the predicate itself denies its object or clause ("reject", "rule out", "be
    against"), else 0."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return 0
    word = lemma(verb)
    if word in NEGATIVE_PREDICATES:
        return 1
    if any(c.dep_ == "prt" and (word, c.lower_) in NEGATIVE_PHRASALS for c in verb.children):
        return 1
    if word in {"be", "stand", "remain", "come", "speak", "vote", "argue", "campaign"} and any(
            c.dep_ == "prep" and c.lower_ == "against" for c in verb.children):
        return 1
    return 0


def _content_head(sent):
    """(head of what is asserted, speaker token, cue token) of a sentence or clause."""
    root = sent.root
    for child in root.children:
        if child.dep_ in {"ccomp", "parataxis"} and child.pos_ in {"VERB", "AUX"} and any(
                c.dep_ in _SUBJECTS for c in child.children):
            subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None:
                return child, subj, root
    rep = root.head
    if root.dep_ == "ccomp" and not sent.start <= rep.i < sent.end:
        # a reported clause cut out of its sentence ("A declined to comment but reiterated that
        # Y" gives "Y"): the speaker is the reporting verb's subject, or, when that verb is
        # coordinated without one, the subject it shares with the verb it is coordinated with
        subj = next((c for c in rep.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None and rep.dep_ == "conj":
            subj = next((c for c in rep.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return root, subj, rep
    # "According to X, ..."
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and sent.doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in sent.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return root, obj, tok
    return root, None, None


def asserted_head(head) -> tuple[Any, int]:
    """Follow "X said that Y", "made clear that Y", "it is clear: Y" down to Y's verb, counting
    the negators met on the way, so that what is asserted is compared, not how it was said."""
    neg = negation_count(head)
    for _ in range(3):
        nxt = None
        for child in head.children:
            if child.dep_ == "ccomp" and child.pos_ in {"VERB", "AUX"}:
                cands = [child]
            elif child.dep_ in {"acomp", "oprd", "attr", "ccomp"}:  # "made clear that ..."
                cands = [g for g in child.children if g.dep_ in {"ccomp", "csubj"}]
            else:
                cands = []
            for cand in cands:
                if cand.pos_ in {"VERB", "AUX"} and any(g.dep_ in _SUBJECTS for g in cand.children):
                    nxt = cand
                    break
            if nxt is not None:
                break
        if nxt is None and (lemma(head) == "be" or lemma(head) == "have" and any(
                c.lower_ == "yet" for c in head.children)) and not any(
                c.dep_ in {"acomp", "attr"} for c in head.children):
            # "the plan is to never send troops": what is asserted is the infinitive
            nxt = next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if nxt is None:
            break
        head = nxt
        neg += negation_count(head)
    if head.lower_ == "going":  # "is not going to send": the predicate is "send"
        xcomp = next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if xcomp is not None:
            head = xcomp
    return head, neg


def _subtree_text(token) -> str:
    left, right = token.left_edge.i, token.right_edge.i + 1
    return token.doc[left:right].text


def statement_parts(span, *, dates: list | None = None, model: str = "en_core_web_sm",
                    doc_ents: list | None = None) -> dict:
    """The comparable parts of one statement (a spaCy Span). ``doc_ents``: the Doc's entities
    when the caller has them (``Span.ents`` walks every entity of the Doc on each call)."""
    head, speaker, cue = _content_head(span)
    doc = span.doc
    ents = ([e for e in doc_ents if span.start <= e.start and e.end <= span.end]
            if doc_ents is not None else list(span.ents))
    agent_tokens: set[int] = set()
    for child in head.children:
        if child.dep_ in {"nsubj", "nsubjpass", "agent"}:
            agent_tokens.update(range(child.left_edge.i, child.right_edge.i + 1))
    entities = []
    for ent in ents:
        if ent.label_ not in NAMED:
            continue
        role = "agent" if ent.start in agent_tokens else "other"
        if speaker is not None and speaker.left_edge.i <= ent.start <= speaker.right_edge.i:
            role = "speaker"
        entities.append({"text": ent.text, "label": ent.label_, "key": entity_key(ent.text),
                         "role": role, "start": ent.start_char, "end": ent.end_char})
    date_parts = []
    for ent in ents:
        if ent.label_ in TIME:
            value = None
            for d in dates or ():
                if d.start < ent.end_char and ent.start_char < d.end:
                    value = d.attrs.get("value")
            date_parts.append({"text": ent.text, "value": value,
                               "start": ent.start_char, "end": ent.end_char})
    lemmas = sorted({lemma(t, model) for t in span
                     if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "NUM"} and not t.is_stop
                     and t.is_alpha or t.like_num})
    content = None
    if speaker is not None and head.i != span.root.i:
        content = (doc[head.left_edge.i].idx,
                   doc[head.right_edge.i].idx + len(doc[head.right_edge.i].text))
    head, neg = asserted_head(head)
    if cue is not None:
        neg += negative_predicate(cue)  # "the spokesman denied that troops would be sent"
    return {
        "predicate": lemma(head, model) if head.pos_ in {"VERB", "AUX", "NOUN", "ADJ"} else None,
        "negated": neg % 2 == 1,
        "modality": _modal_of(head),
        "numbers": _numbers(span, ents),
        "dates": date_parts,
        "entities": entities,
        "speaker": _subtree_text(speaker) if speaker is not None else None,
        "cue": lemma(cue, model) if cue is not None else None,
        "content": content,
        "lemmas": lemmas,
        "groups": _groups(span, ents),
        "content_agent": _content_agent(head, speaker, ents) if speaker is not None else None,
    }


_PERSONAL = {"he", "she", "him", "her"}


def _content_agent(head, speaker, ents) -> str | None:
    """The person who is the subject of what is reported ("officials clarified that *he* was
    discussing ..." -> the person "he" stands for), as an entity key. "he"/"she" is the speaker
    when the speaker is one named person ("Kirby said he ..."), else the last person named
    before it in the sentence; None when the subject is no person."""
    subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None:
        return None
    people = [e for e in ents if e.label_ == "PERSON"]
    inside = [e for e in people if e.start <= subj.i < e.end]
    if inside:
        return entity_key(inside[0].text)
    if subj.lower_ not in _PERSONAL:
        return None
    said_by = [e for e in people if speaker.left_edge.i <= e.start <= speaker.right_edge.i]
    if said_by:
        return entity_key(said_by[0].text)
    if speaker.tag_ in {"NNS", "NNPS"} or speaker.lower_ in {"they", "we"}:
        before = [e for e in people if e.end <= subj.i]
        return entity_key(before[-1].text) if before else None
    return None


def _phrase_tokens(noun) -> set[int]:
    """Token indices of a noun phrase without the clauses hanging from it ("leaders from the
    US, Canada and European nations, aimed at ..." stops before "aimed")."""
    keep: set[int] = set()
    stack = [noun]
    while stack:
        tok = stack.pop()
        keep.add(tok.i)
        stack.extend(c for c in tok.children
                     if c.dep_ not in {"acl", "relcl", "advcl", "appos", "punct", "cc"}
                     or (c.dep_ == "cc" and tok.i != noun.i))
    return keep


def _groups(span, ents) -> list[dict]:
    """Plural noun phrases and the named members inside them: "approximately 20 European
    leaders" -> leader {european}; "leaders from the US, Canada and European nations" -> leader
    {us, canada, european}. Two reports naming different members of one group tell who took
    part differently."""
    out = []
    for tok in span:
        if tok.pos_ != "NOUN" or tok.tag_ not in {"NNS", "NNPS"}:
            continue
        inside = _phrase_tokens(tok)
        members = sorted({entity_key(e.text) for e in ents
                          if e.label_ in {"PERSON", "ORG", "GPE", "NORP"} and e.start in inside})
        # only the group that acts: the subject, or the agent of a passive ("a meeting
        # attended by leaders from ..."); "troops from NATO countries" as an object is not
        # a list of participants
        acts = tok.dep_ in {"nsubj", "nsubjpass"} or (
            tok.dep_ == "pobj" and tok.head.dep_ == "agent")
        if members and acts:
            out.append({"head": lemma(tok), "members": [m for m in members if m]})
    return out


def statement_parts_of(text: str) -> dict:
    """Parse one text with the default spaCy model and return its statement parts (for tests
    and exploration)."""
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp()(text)
    return statement_parts(doc[:])


# ----------------------------------------------------------------------------- statements
def _units(sent) -> list:
    """The sentence, and the clauses in it that have their own subject and are not the content
    of its attribution ("A said X, but B said Y" gives the sentence, and "B said Y")."""
    units = [sent]
    root = sent.root
    for tok in sent:
        if tok.i == root.i or tok.pos_ not in {"VERB", "AUX"} or tok.dep_ not in _CLAUSE_DEPS:
            continue
        if tok.dep_ == "parataxis" and tok.head.i == root.i:
            continue  # "..., Macron added": the attribution, not a new statement
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children):
            continue  # "as Biden has maintained ...": a circumstance, not a statement
        if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON" or
                   c.dep_ in {"nsubj", "nsubjpass"} and tok.dep_ == "conj" for c in tok.children):
            continue
        left, right = tok.left_edge.i, tok.right_edge.i + 1
        sub = sent.doc[left:right]
        words = sum(1 for t in sub if t.is_alpha)
        if words >= MIN_WORDS and words < sum(1 for t in sent if t.is_alpha) - 3:
            units.append(sub)
    units.extend(_shared_subject_reports(sent))
    return units


def _shared_subject_reports(sent) -> list:
    """What a coordinated reporting verb without its own subject reports ("The minister declined
    to comment, but reiterated that the budget would be balanced" gives "the budget would be
    balanced", said by the minister): a statement of its own that the sentence as a whole does
    not state, since the sentence's main verb is the first act."""
    root = sent.root
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON" for c in root.children):
        return []
    out = []
    for conj in root.children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB" or any(
                c.dep_ in _SUBJECTS for c in conj.children):
            continue
        for comp in conj.children:
            # a pronoun subject ("said it would ...") would not say who, read alone
            if comp.dep_ != "ccomp" or comp.pos_ not in {"VERB", "AUX"} or not any(
                    c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"
                    for c in comp.children):
                continue
            left = comp.left_edge.i
            while left < comp.i and sent.doc[left].dep_ == "mark":
                left += 1  # "that the budget ...": the clause reads alone without "that"
            sub = sent.doc[left:comp.right_edge.i + 1]
            if sum(1 for t in sub if t.is_alpha) >= MIN_WORDS:
                out.append(sub)
    return out


def checkworthiness(span, parts: dict) -> float:
    """A rough score for whether a statement is worth checking: a finite predicate, and named
    entities, numbers, dates or an attribution to check it against."""
    words = [t for t in span if t.is_alpha]
    if len(words) < MIN_WORDS or len(words) > MAX_WORDS:
        return 0.0
    text = span.text.strip()
    if text.endswith("?"):
        return 0.0
    if text.endswith((":", ",")):
        return 0.0  # "X, director of Y, commented:": it leads in to what follows, states nothing
    if not any(t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "ccomp", "conj", "advcl", "pcomp"}
               for t in span):
        return 0.0
    if not any(t.tag_ in lexicon.FINITE_TAGS for t in span):
        return 0.0  # "Rehana being killed by ISIS": a caption's phrase, no statement made
    score = 0.3
    score += 0.2 * min(len(parts["entities"]), 3)
    score += 0.3 * min(len(parts["numbers"]), 2) + 0.2 * min(len(parts["dates"]), 2)
    score += 0.3 if parts["speaker"] else 0.0
    score += 0.1 if parts["negated"] else 0.0
    return round(score, 3)


def article_statements(article: Article, *, model: str = "en_core_web_sm") -> list[dict]:
    """The check-worthy statements of one parsed article (``article.cache["doc"]``)."""
    doc = article.cache["doc"]
    dates = article.layer("dates")
    quotes = article.values.get("quotes") or []
    out: list[dict] = []
    doc_ents = list(doc.ents)
    for index, sent_span in enumerate(article.layer("sentences")):
        sent = doc.char_span(sent_span.start, sent_span.end, alignment_mode="expand")
        if sent is None or len(sent) == 0:
            continue
        for unit_no, unit in enumerate(_units(sent)):
            parts = statement_parts(unit, dates=dates, model=model, doc_ents=doc_ents)
            _attach_quote(parts, unit, quotes)
            score = checkworthiness(unit, parts)
            if score <= 0:
                continue
            start = sent_span.start if unit_no == 0 else unit.start_char
            if unit_no == 0:
                # "CONCORD, N.H. - Sen. Bernie Sanders scored ...": the wire's dateline is where
                # the report was filed, not part of what it states
                start, _ = trim_dateline(article.text, start, sent_span.end)
            end = sent_span.end if unit_no == 0 else unit.end_char
            out.append({
                "id": f"{article.id}#{len(out)}",
                "article": article.id,
                "start": start, "end": end,
                "sentence": index,
                "kind": "sentence" if unit_no == 0 else "clause",
                "text": article.text[start:end],
                "score": score,
                **parts,
            })
    return out


def _attach_quote(parts: dict, unit, quotes) -> None:
    """Prefer the quotes stage's resolved speaker when one of its attributions covers the unit."""
    best, best_score = None, 0.0
    unit_len = max(1, unit.end_char - unit.start_char)
    for q in quotes:
        content = getattr(q, "content", ())
        if not content:
            continue
        overlap = sum(max(0, min(s.end, unit.end_char) - max(s.start, unit.start_char))
                      for s in content)
        size = sum(s.end - s.start for s in content)
        score = overlap / max(1, unit_len + size - overlap)  # Jaccard: the tightest fit wins
        if overlap >= 0.3 * min(unit_len, size) and score > best_score:
            best, best_score = q, score
    if best is None:
        return
    name = getattr(best, "speaker_name", None)
    if name:
        parts["speaker"] = name
    cue = getattr(best, "cue", None)
    if cue is not None and not parts["cue"]:
        parts["cue"] = doc_text(unit.doc)[cue.start:cue.end].lower()
    content = getattr(best, "content", ())
    if content and parts["content"] is None:
        parts["content"] = (min(s.start for s in content), max(s.end for s in content))


@article_stage(STAGE_VERSION, requires=("article.doc", "article.sentences"),
               assigns=("article.claims",))
def claims_stage(articles: list[Article], config: Config) -> None:
    """Find each article's check-worthy statements and their comparable parts. Their vectors
    are computed here when sentence embeddings are eager, else when a story needs them
    (`embed_claims`)."""
    model = config.nlp.spacy_model
    for article in articles:
        article.values["claims"] = article_statements(article, model=model)
        article.values.setdefault("model_versions", {})["claims"] = STAGE_VERSION
    if config.nlp.sentence_embeddings == "eager":
        embed_claims(articles, config)


def attributed_text(claim: dict) -> str | None:
    """"Speaker: text" for a statement whose speaker is named only outside it (a sentence
    inside a multi-sentence quote), so that its vector says who holds the position, as the
    vector of "Scholz said there will be no troops" does; None when the text names them.

    >>> attributed_text({"speaker": "Olaf Scholz", "text": "There will be no troops."})
    'Olaf Scholz: There will be no troops.'
    >>> attributed_text({"speaker": "Olaf Scholz", "text": "Scholz said no."}) is None
    True
    """
    speaker = claim.get("speaker")
    if not speaker:
        return None
    words = [w for w in re.findall(r"\w+", speaker) if w[:1].isupper() and len(w) > 2]
    if not words or any(re.search(r"\b" + re.escape(w) + r"\b", claim["text"]) for w in words):
        return None
    return f"{speaker}: {claim['text']}"


@article_stage("claim-vectors@1", requires=("article.claims", "article.sentence_embeddings"),
               assigns=("article.claim_embeddings",))
def claim_vectors_stage(articles: list[Article], config: Config) -> None:
    """Embed each statement (and its reported core) for aligning claims across articles (a
    brief-time stage)."""
    embed_claims(articles, config)


def embed_claims(articles: list[Article], config: Config) -> None:
    """Set `claim_embeddings` and `claim_core_embeddings` for articles whose claims lack them:
    a whole-sentence claim reuses its sentence's vector; clauses and cores are encoded."""
    from newsweave.nlp.embed import ensure_sentence_embeddings

    articles = [a for a in articles if "claims" in a.values and (
        a.values.get("claim_embeddings") is None
        or len(a.values["claim_embeddings"]) != len(a.values["claims"]))]
    if not articles:
        return
    ensure_sentence_embeddings(articles, config)
    texts: list[str] = []
    wanted: list[tuple[int, int, str]] = []  # (article no, claim no, "full" | "core")
    for a_no, article in enumerate(articles):
        claims = article.values["claims"]
        sentence_vectors = article.values.get("sentence_embeddings")
        full = np.zeros((len(claims), _dim(sentence_vectors)), dtype=np.float32)
        article.values["claim_embeddings"] = full
        article.values["claim_core_embeddings"] = full.copy()
        for c_no, claim in enumerate(claims):
            attributed = attributed_text(claim)
            if attributed is not None:
                texts.append(attributed)
                wanted.append((a_no, c_no, "full"))
            elif claim["kind"] == "sentence" and sentence_vectors is not None and len(
                    sentence_vectors):
                full[c_no] = sentence_vectors[claim["sentence"]]
            else:
                texts.append(claim["text"])
                wanted.append((a_no, c_no, "full"))
            if claim["content"] is not None:
                s, e = claim["content"]
                texts.append(article.text[s:e])
                wanted.append((a_no, c_no, "core"))
    vectors = _encode(texts, config) if texts else None
    for k, (a_no, c_no, which) in enumerate(wanted):
        values = articles[a_no].values
        key = "claim_embeddings" if which == "full" else "claim_core_embeddings"
        if values[key].shape[1] != vectors.shape[1]:
            values[key] = np.zeros((values[key].shape[0], vectors.shape[1]), dtype=np.float32)
        values[key][c_no] = vectors[k]
    for article in articles:
        full, core = article.values["claim_embeddings"], article.values["claim_core_embeddings"]
        if core.shape != full.shape:
            core = np.zeros_like(full)
        missing = ~core.any(axis=1)
        core[missing] = full[missing]
        article.values["claim_core_embeddings"] = core


def _dim(vectors) -> int:
    from newsweave.nlp.embed import DIM

    return int(vectors.shape[1]) if vectors is not None and getattr(vectors, "ndim", 0) == 2 else DIM


def _encode(texts: list[str], config: Config) -> np.ndarray:
    from newsweave.nlp.embed import embedder_for

    return embedder_for(config).encode(texts)


def claim_vector(article: Article, index: int, which: str = "full") -> Any:
    key = "claim_embeddings" if which == "full" else "claim_core_embeddings"
    return article.values[key][index]
