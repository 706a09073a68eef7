"""Each actor's position on the story's central question.

The question is given (``[claims] question``, which ``--question`` sets) or derived from the story:
the act its statements talk about most (a verb and its object that the most articles share, such
as *send* + *troops*, with the place it is directed at), phrased as a yes/no question ("Should
troops be sent to Ukraine?"). The *matter* of the question is that object and the verbs and
nominals the story uses with it (send, deploy, deployment, dispatch); of a given question, its
main verb and that verb's object with the figures written before it ("set up" + "fund", "20"),
not the nouns of its modifiers ("victims of the spill": every article of the story names them).
A question is derived only when the story supports one: the act is put as a proposal or decision
(under a modal, a verb of deliberation or a proposal noun) with a named agent in two articles or
more, it is no act of reporting ("cases were reported"), and two actors or more take a position
on it; otherwise the story has no question and no stances ("Should man be killed?" is not a
question anyone in a shooting story debates).

An actor's stance is ``favor`` or ``against`` when their passages lean that way, ``neutral`` only
when they say they take no side ("declined to comment", "remains neutral"), and ``unclear`` when
the evidence does not say (none bears on the question, or it points both ways). Precision first:
abstaining is always allowed, a position shown must be in the cited passage.

An actor's passages are the quotes the people stage attributes to them (their first three
sentences) and the clauses whose verb of saying, believing or taking a position (or the
proposal's own act) has them as subject, or its possessor ("Sunak's office said"); questions put
to them ("Does Hayward think ...") are not theirs. What they hold is the clause that verb governs;
it bears on the question when it names the matter's object (a different figure, "a $120m fund",
is another thing), or when it is RELEVANCE-similar to the question and points back at it ("the
idea", "it" after a sentence naming the matter) or has a stance cue on its main verb.

No inference model is available, so a statement's polarity toward the matter is read off the
dependency parse: from each mention of the matter up to the root of the statement, every stance
cue on the way (reject, rule out, dismiss, criticise, warn vs. support, consider, keep open, plan)
and every negator (not, no, never, nothing, without, against) flips or confirms the sign; a
matter that is the subject of a harmful consequence ("troops in Ukraine would lead to war") counts
against; a matter met as a detail of another noun ("costs not limited to the $20bn planned for
the fund") or in an open "whether" takes none. Labels of praise or blame put on the matter are
read with their negation: "the fund is not a shakedown" and "didn't think it was a slush fund"
defend it, "called it a slush fund" opposes it; a matter that is only the subject of "is" takes
its position from such a label alone.

Fills ``story.question``, each actor's ``stance`` and ``stance_evidence`` (the actors are
replaced by updated ``model.Actor`` records), and ``story.positions``.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

import numpy as np

from newsweave import lexicon
from newsweave.config import Config
from newsweave.model import Actor, Article, PositionGroup, StanceEvidence, Story
from newsweave.nlp.claims import lemma, negation_count
# Doc.text joins every token on each call (~1 ms an article); stance needs it per actor and
# per passage, so it reads the copy built once per Doc.
from newsweave.nlp.spacy_stage import doc_text
from newsweave.registry import story_stage

# Stance cues: generic verbs and nouns of taking a position, not words of any one story.
AGAINST = {"reject", "dismiss", "deny", "refute", "exclude", "oppose", "criticize", "criticise",
           "condemn", "refuse", "decline", "downplay", "warn", "caution", "object", "resist",
           "block", "veto", "ban", "halt", "stop", "prevent", "avoid", "abandon", "scrap",
           "cancel", "denounce", "disapprove", "rebuff", "slam", "blast", "doubt", "fear",
           "rejection", "criticism", "opposition", "warning", "refusal", "objection",
           "unacceptable", "dangerous", "reckless", "mistake"}
FAVOR = {"support", "back", "endorse", "welcome", "approve", "favor", "favour", "advocate",
         "propose", "urge", "consider", "allow", "want", "agree", "accept", "embrace", "defend",
         "praise", "plan", "pledge", "commit", "openness", "proposal", "backing", "option",
         "possibility", "push", "seek", "call", "intend", "prepare", "ready", "willing", "open",
         "necessary", "justify", "approval", "keep", "remain", "endorsement"}
CONSEQUENCE_VERBS = {"lead", "cause", "mean", "provoke", "trigger", "risk", "result", "bring",
                     "spark", "escalate", "threaten", "endanger", "draw"}
HARM = {"war", "conflict", "confrontation", "catastrophe", "disaster", "escalation", "clash",
        "danger", "threat", "risk", "death", "crisis", "chaos", "collapse", "harm", "damage",
        "inevitability", "retaliation"}
# "without" negates a position ("went ahead without consulting the allies")
NEGATORS = lexicon.NEGATORS | {"without"}
# Adverbs by which a speaker passes on what others are said to do or hold.
HEARSAY = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently", "rumoredly"}
SUBORDINATORS = {"if", "when", "while", "although", "though", "whether", "unless", "because",
                 "as", "since", "after", "before", "once"}
LABELS = ("favor", "against", "neutral", "unclear")
THRESHOLD = 0.25        # |score| above this is a position
# least similarity to the question of what an actor holds (the clause their verb governs) when
# it does not name the matter; 0.4 on whole sentences let in any sentence of the story's topic
RELEVANCE = 0.55
MAX_EVIDENCE = 4


# ----------------------------------------------------------------------------- the question
def _docs(story: Story, articles: dict[str, Article], config: Config) -> list[tuple[Article, object]]:
    from newsweave.nlp.parse_pack import ensure_docs

    members = [articles[aid] for aid in story.articles if aid in articles]
    # Articles analysed in worker processes come back with their parse packed (rebuilt here in
    # ~1 ms); those loaded from the store have none and are parsed again, in one batch.
    return list(zip(members, ensure_docs(members, config)))


def _act_of(token):
    """The verb or nominal an object noun is the object of ("send troops", "deployment of
    troops", "troops were sent"), or None."""
    if token.dep_ in {"dobj", "nsubjpass"} and token.head.pos_ == "VERB":
        return token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in {"NOUN", "VERB"}:
        return token.head.head
    return None


def derive_matter(docs) -> dict:
    """The act the story's articles share most: its object, its verbs, and the place it goes to.

    Returns ``{"object": lemma, "object_text": str, "acts": {lemma, ...}, "verb": lemma,
    "participle": str, "place": str | None}``; empty when nothing is shared.
    """
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    participles: dict[str, Counter] = defaultdict(Counter)
    places: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for article, doc in docs:
        for tok in doc:
            if tok.pos_ != "NOUN":
                continue
            act = _act_of(tok)
            if act is None:
                continue
            obj, verb = lemma(tok), lemma(act)
            if obj == verb or verb in lexicon.SAYING_VERBS:
                continue  # "cases were reported": news of the act, not an act debated
            pairs[(verb, obj)].add(article.id)
            surfaces[obj][tok.lower_] += 1
            for child in list(act.children) + list(tok.children):
                if child.dep_ == "prep" and child.lower_ in {"to", "into", "in", "for", "on"}:
                    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if pobj is not None and (pobj.ent_type_ in {"GPE", "LOC", "FAC"} or pobj.pos_ == "PROPN"):
                        places[(verb, obj)][f"{child.lower_} {pobj.text}"] += 1
        for tok in doc:
            if tok.tag_ == "VBN":
                participles[lemma(tok)][tok.lower_] += 1
    if not pairs:
        return {}
    by_object: Counter = Counter()
    for (verb, obj), arts in pairs.items():
        by_object[obj] += len(arts)
    obj = max(by_object, key=lambda o: (by_object[o], o))
    acts = Counter({verb: len(arts) for (verb, o), arts in pairs.items() if o == obj})
    verbs = [v for v, _ in acts.most_common() if v.isalpha()]
    verb = next((v for v in verbs if participles.get(v)), verbs[0] if verbs else "")
    place = places[(verb, obj)].most_common(1)
    return {
        "object": obj,
        "object_text": surfaces[obj].most_common(1)[0][0],
        "acts": {v for v, n in acts.items() if n >= 2} | {verb},
        "verb": verb,
        "participle": participles[verb].most_common(1)[0][0] if participles.get(verb) else "",
        "support": len(pairs[(verb, obj)]),
        "place": place[0][0] if place else None,
    }


def question_from_matter(matter: dict) -> str | None:
    """"Should troops be sent to Ukraine?" from the derived matter."""
    if not matter or not matter.get("participle") or matter.get("support", 2) < 2:
        return None  # no act that several articles share and write out: no central question
    obj = matter["object_text"]
    plural = obj.endswith("s") and not obj.endswith("ss")
    parts = ["Should", obj, "be" if plural else "be", matter["participle"]]
    if matter.get("place"):
        parts.append(matter["place"])
    return " ".join(parts) + "?"


def matter_from_question(question: str, config: Config) -> dict:
    """The matter of a question the user gave: the proposal's act and its object ("set up" +
    "fund" in "Should BP set up a $20 billion fund for the victims of the spill?"), and the
    numbers that tell this object from another of its kind ("20"). The nouns of modifiers
    ("victims", "spill") are not the matter: every article of the story names them."""
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp(config.nlp.spacy_model)(question)
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lower_ not in MODALS]
    main = next((v for v in verbs if v.dep_ == "ROOT"), verbs[0] if verbs else None)
    obj = None
    if main is not None:
        obj = next((c for c in main.children if c.dep_ in {"dobj", "nsubjpass"}
                    and c.pos_ in {"NOUN", "PROPN"}), None)
        if obj is None:  # "Should the city ban cars from the centre?" parsed oddly: first noun
            obj = next((t for t in main.subtree if t.pos_ == "NOUN"), None)
    if obj is None:
        obj = next((t for t in doc if t.pos_ == "NOUN"), None)
    acts = {lemma(main)} if main is not None else set()
    return {"object": lemma(obj) if obj is not None else "",
            "object_text": obj.text if obj is not None else "",
            "acts": acts, "verb": lemma(main) if main is not None else "", "participle": "",
            "place": None, "numbers": _numbers(obj) if obj is not None else frozenset()}


def _numbers(obj) -> frozenset[str]:
    """The figures written before a noun ("$20 billion fund" -> {"20"})."""
    out = set()
    for tok in obj.subtree:
        if tok.i >= obj.i:
            break
        out.update(re.findall(r"\d+(?:\.\d+)?", tok.text))
    return frozenset(out)


# ----------------------------------------------------------------------------- polarity
def _negators(token) -> int:
    n = 0
    for child in token.children:
        low = child.lower_
        if child.dep_ == "neg" or (low in {"never", "not"} and child.dep_ == "advmod"):
            n += 1
        elif child.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "pobj"} and low in {
                "nothing", "none", "nobody"}:
            n += 1
        elif child.dep_ == "det" and low in {"no", "neither"}:
            n += 1
    return n


def _is_cue(token, cues: set[str]) -> bool:
    lem = lemma(token)
    if lem == "call" and not any(c.lower_ in {"for", "on"} or c.dep_ == "xcomp"
                                 for c in token.children):
        return False  # "called for a fund" is a demand; "called the fund a slush fund" is not
    if lem == "rule" and any(c.lower_ == "out" for c in token.children):
        return cues is AGAINST
    if lem == "keep" and cues is FAVOR:
        return any(c.lower_ == "open" for c in token.subtree)
    if lem in {"keep", "remain"}:
        return False
    return lem in cues


# Evaluative labels an actor puts on a proposal ("a slush fund", "a shakedown", "a good deal").
# Generic words of praise and blame, no story's words; a negated label turns round ("is not a
# shakedown" defends the proposal).
PEJORATIVE = {"shakedown", "slush", "scam", "sham", "fraud", "bribe", "ransom", "extortion",
              "blackmail", "boondoggle", "giveaway", "handout", "travesty", "farce", "disgrace",
              "outrage", "mistake", "disaster", "failure", "waste", "joke", "stunt", "ploy",
              "gimmick", "theft", "robbery", "insult", "fiasco", "grab", "hunt", "folly",
              "blunder", "dangerous", "reckless", "unacceptable", "wrong", "bad", "unfair",
              "illegal", "unconstitutional", "outrageous", "absurd", "ridiculous", "foolish",
              "irresponsible", "unjust", "excessive", "premature", "counterproductive"}
APPROVING = {"success", "victory", "breakthrough", "win", "fair", "good", "right", "reasonable",
             "appropriate", "necessary", "justified", "welcome", "important", "vital",
             "essential", "responsible", "generous", "positive", "sensible", "wise", "great",
             "legitimate", "fine", "helpful", "useful", "step"}
NAMING_VERBS = {"call", "label", "brand", "dub", "term", "describe", "consider", "deem"}
COPULAS = {"be", "seem", "become", "remain", "look", "sound", "appear"}
# What a label may be put on: the matter, a pronoun pointing back at it, or a proposal noun.
LABEL_TARGETS = {"it", "this", "that"}
# Edges by which a noun modifies another noun: a matter met there is a detail of something
# else ("the $20bn planned for the fund"), unless that noun opens the matter ("the idea of").
MODIFIER_EDGES = {"acl", "relcl", "appos", "amod", "npadvmod", "nmod"}


def _valence(token) -> int:
    """+1 for a label of praise, -1 for one of blame, 0 for none (its own word, or a compound
    or adjective on it: "slush fund", "a good idea")."""
    words = {lemma(token)} | {lemma(c) for c in token.children if c.dep_ in {"compound", "amod"}}
    if words & PEJORATIVE:
        return -1
    if words & APPROVING:
        return 1
    return 0


def _label_target(label):
    """The predicate that puts a label and what it is put on: "X is a shakedown" (attr),
    "called X a slush fund" (oprd), "amounted to a shakedown"."""
    head = label.head
    if label.dep_ == "pobj" and head.lower_ == "to" and lemma(head.head) == "amount":
        head = head.head
    elif label.dep_ == "appos" and head.dep_ == "dobj" and lemma(head.head) in NAMING_VERBS:
        return head.head, head  # "called the fund, which ..., a slush fund"
    elif label.dep_ not in {"attr", "oprd", "acomp"}:
        return None, None
    dep = {"dobj"} if label.dep_ == "oprd" else {"nsubj", "nsubjpass"}
    return head, next((c for c in head.children if c.dep_ in dep), None)


def _matter_words(matter: dict) -> set[str]:
    words = {matter.get("object")} | set(matter.get("similar", ()))
    words.discard("")
    words.discard(None)
    return words


def label_votes(span, matter: dict) -> tuple[list[int], set[int]]:
    """Signs of the evaluative labels put on the matter in a passage, and the tokens they
    account for (the label and its target, not to be read again as mentions)."""
    votes, used = [], set()
    targets = _matter_words(matter) | PROPOSAL_NOUNS
    for tok in span:
        valence = _valence(tok)
        if not valence:
            continue
        head, target = _label_target(tok)
        # "amounts to a slush fund": a label made of the matter's own noun names the matter,
        # whatever it is put on (and when the parse lost what it is put on)
        names_matter = lemma(tok) in _matter_words(matter)
        if head is None or (target is None and not names_matter):
            continue
        if not names_matter and target.lower_ not in LABEL_TARGETS and \
                lemma(target) not in targets:
            continue
        sign, t, steps = valence, head, 0
        while True:
            if _open_or_conditional(t):
                sign = 0  # "whether he thought the fund was a shakedown": a question asked
                break
            sign *= (-1) ** _negators(t)
            if t.i != head.i and _is_cue(t, AGAINST):
                sign = -sign  # "denied that it was a shakedown"
            steps += 1
            if t.dep_ not in {"ccomp", "xcomp", "conj"} or t.head.i == t.i or steps > 6 \
                    or not (span.start <= t.head.i < span.end):
                break
            t = t.head
        if sign:
            votes.append(sign)
        used.update({tok.i} | ({target.i} if target is not None else set()))
    return votes, used


def _open_or_conditional(token) -> bool:
    return (token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS
                                          for c in token.children)) or \
        any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in token.children)


def _numbers_differ(token, matter: dict) -> bool:
    """"a $120m fund" is not the "$20 billion fund" the question is about."""
    want = matter.get("numbers") or frozenset()
    if not want or lemma(token) != matter.get("object"):
        return False
    got = _numbers(token)
    return bool(got) and not (got & want)


def matter_tokens(span, matter: dict) -> list:
    words = {matter.get("object")} | set(matter.get("acts", ())) | set(matter.get("similar", ()))
    words.discard("")
    words.discard(None)
    return [t for t in span if t.pos_ in {"NOUN", "VERB"} and lemma(t) in words
            and not _valence(t)  # "a slush fund" is a label, not a mention
            and not _numbers_differ(t, matter) and _act_on_matter(t, matter)]


def _act_on_matter(token, matter: dict) -> bool:
    """An act verb counts when its object is the matter or it has none ("will send"): "a $120m
    fund would be set up" and "set a deadline" are not "set up a $20 billion fund"."""
    if token.pos_ != "VERB" or lemma(token) not in set(matter.get("acts", ())) or \
            lemma(token) in _matter_words(matter):
        return True
    objs = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    return not objs or any(lemma(o) in _matter_words(matter) and not _numbers_differ(o, matter)
                           for o in objs)


def about_matter(tokens, matter: dict) -> bool:
    """Whether a clause names the matter's thing: its object (or a noun close to it) or an act
    put as a noun ("deployment"); an act verb alone ("set", "send") names nothing."""
    things = _matter_words(matter)
    acts = set(matter.get("acts", ()))
    for t in tokens:
        if t.pos_ not in {"NOUN", "VERB"} or _numbers_differ(t, matter):
            continue
        # a label made of the matter's noun ("a slush fund") names it too
        if lemma(t) in things or (t.pos_ == "NOUN" and lemma(t) in acts):
            return True
    return False


def _opens_matter(noun, matter: dict) -> bool:
    lem = lemma(noun)
    return lem in PROPOSAL_NOUNS or lem in FAVOR or lem in AGAINST or \
        lem in set(matter.get("acts", ())) or lem in _matter_words(matter)


def polarity(span, matter: dict) -> tuple[int, bool]:
    """(sign, whether the statement bears on the matter): +1 favours it, -1 opposes it.

    >>> from newsweave.nlp.spacy_stage import load_nlp
    >>> m = {"object": "troop", "acts": {"send", "deploy"}}
    >>> [polarity(load_nlp()(s)[:], m) for s in ("We will not send troops.",
    ...     "They are considering sending troops.", "He rejected the idea of sending troops.")]
    [(-1, True), (1, True), (-1, True)]
    """
    votes, used = label_votes(span, matter)
    mentions = matter_tokens(span, matter)
    for m in mentions:
        if m.i in used:
            continue
        if m.dep_ in {"nsubj", "nsubjpass"} and lemma(m.head) in COPULAS and any(
                c.dep_ in {"attr", "acomp"} for c in m.head.children):
            continue  # "the fund is (not) X": only a label of praise or blame says a position
        sign, bearing = 1, False
        t, prev = m, None
        seen = 0
        while True:
            seen += 1
            if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS
                                          for c in t.children):
                bearing = False  # "if troops were sent ...": a condition, not a position
                break
            if t.dep_ in {"ccomp", "xcomp", "csubj", "pcomp"} and any(
                    c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in t.children):
                bearing = False  # "had not decided whether it should be built": an open question
                break
            if any(c.dep_ == "advmod" and c.lower_ in HEARSAY for c in t.children):
                bearing = False  # "countries are reportedly considering": passed on, not held
                break
            # "no change in their positions against X": the "no" scopes over the change, not
            # over what the preposition leads to
            via_prep = prev is not None and prev.dep_ == "prep" and t.pos_ in {"NOUN", "PROPN"}
            neg = 0 if via_prep else _negators(t)
            if neg:
                sign *= (-1) ** neg
                bearing = True
            if t.i != m.i and t.pos_ in {"VERB", "AUX"} and t.dep_ in {"conj", "advcl", "parataxis"} \
                    and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children) and t.i != span.root.i:
                bearing = False  # another clause with its own subject: someone else's act
                break
            copular = [c for c in t.children if c.dep_ in {"attr", "acomp", "oprd"}] \
                if t.pos_ in {"VERB", "AUX"} else []
            if _is_cue(t, AGAINST) or any(_is_cue(c, AGAINST) for c in copular):
                sign, bearing = -sign, True
            elif (_is_cue(t, FAVOR) and t.i != m.i) or any(_is_cue(c, FAVOR) for c in copular):
                bearing = True
            if t.dep_ == "prep" and t.lower_ in {"against", "without"}:
                sign, bearing = -sign, True
            if t.lower_ == "than" and any(c.lower_ == "rather" for c in t.head.children) or (
                    t.dep_ == "pobj" and t.head.lower_ == "than"):
                sign, bearing = -sign, True
            if t.dep_ in {"nsubj", "nsubjpass", "csubj"} and lemma(t.head) in CONSEQUENCE_VERBS:
                if any(lemma(x) in HARM for x in t.head.subtree if x.i > t.i):
                    sign, bearing = -sign, True
            if t.pos_ == "VERB" and t.i == m.i and any(c.dep_ == "aux" and c.lower_ in {
                    "will", "would", "should", "must", "shall", "wo"} for c in t.children):
                bearing = True  # "X will send troops"
            if t.head.i == t.i or t.head.i < span.start or t.head.i >= span.end or seen > 12:
                break
            if t.dep_ in MODIFIER_EDGES and t.head.pos_ not in {"VERB", "AUX"} \
                    and not _opens_matter(t.head, matter):
                # a detail of another thing, taken as given, not held: "costs not limited to
                # the $20bn planned for the fund"
                bearing = False
                break
            if t.dep_ == "pobj" and t.head.lower_ not in {"of", "than"} and t.head.head.pos_ in {
                    "NOUN", "PROPN", "NUM"} and not _opens_matter(t.head.head, matter):
                bearing = False
                break  # "money for the fund"
            prev, t = t, t.head
        if bearing:
            votes.append(sign)
    if votes:
        total = sum(votes)
        return (1 if total > 0 else -1 if total < 0 else votes[0]), True
    if mentions:
        # the matter is named but nothing on its way to the main verb takes a position on it:
        # a negation elsewhere in the sentence ("costs may not be limited to the $20bn planned
        # for the fund") is not about it
        return 0, False
    root = span.root
    neg = negation_count(root, predicates=False)
    for verb in [root] + [c for c in root.children if c.dep_ in {"conj", "advcl", "ccomp", "xcomp"}]:
        sign = (-1) ** negation_count(verb, predicates=False)
        if _is_cue(verb, AGAINST):
            return -sign, True
        if _is_cue(verb, FAVOR):
            return sign, True
    return (-1, True) if neg % 2 else (0, False)


# ----------------------------------------------------------------------------- statements
def _name_forms(actor: Actor) -> list[str]:
    forms = {actor.name, *actor.aliases}
    out = set()
    for f in forms:
        f = re.sub(r"^(the)\s+", "", f.strip(), flags=re.IGNORECASE)
        if f:
            out.add(f.lower())
            if actor.type == "person" and len(f.split()) > 1:
                out.add(f.split()[-1].lower())  # a surname alone
    return sorted(out, key=len, reverse=True)


def _subject_mentions(doc, forms: list[str]):
    """Clauses (verb tokens) whose subject (or its possessor, conjunct or apposition, or an
    agency phrase such as "through X's office") mentions one of the name forms."""
    text = doc_text(doc).lower()
    hits = []
    for form in forms:
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                hits.append(span)
    verbs = []
    for span in hits:
        tok = span.root
        for _ in range(8):
            if tok.dep_ in {"nsubj", "csubj"} and tok.head.pos_ in {"VERB", "AUX"}:
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
            tok = tok.head
    return verbs


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


def actor_statements(actor: Actor, story: Story, docs, article_by_id,
                     acts: set[str] = frozenset()) -> list[dict]:
    """The passages that show what an actor holds: their quotes, and the clauses whose verb of
    saying or of taking a position (``position_verb``) has them as subject. Each is
    ``{"article", "start", "end", "kind"}`` in cleaned-text offsets; a clause also has
    ``verb`` (the token index of the actor's verb: what it governs is what they hold)."""
    names = {actor.name, *actor.aliases}
    docs_of = {article.id: doc for article, doc in docs}
    found: dict[tuple[str, int, int], dict] = {}
    for q in story.quotes:
        if q.speaker_name not in names:
            continue
        article = article_by_id.get(q.article)
        if article is None:
            continue
        for part in q.content:
            s, e = part.start, min(part.end, _first_sentences_end(docs_of.get(q.article),
                                                                   part.start, part.end))
            if e > s:
                found[(article.id, s, e)] = {"article": article.id, "start": s, "end": e,
                                             "kind": "quote"}
    forms = _name_forms(actor)
    for article, doc in docs:
        for found_verb in _subject_mentions(doc, forms):
            if _inverted(found_verb):
                continue
            # the verb, or a verb coordinated with it that shares its subject ("X, poised to
            # join NATO, downplayed the idea")
            shared = [c for c in found_verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                      and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)]
            verb = next((v for v in [found_verb, *shared] if position_verb(v, acts)), None)
            if verb is None:
                continue
            sent = verb.sent
            # the verb's clause, or the sentence when the verb is its root
            left = min(verb.left_edge.i, sent.start) if verb.dep_ == "ROOT" else verb.left_edge.i
            right = max(verb.right_edge.i + 1, sent.end) if verb.dep_ == "ROOT" else verb.right_edge.i + 1
            s, e = doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)
            if any(k[0] == article.id and k[1] <= s and e <= k[2] for k in found):
                continue
            found[(article.id, s, e)] = {"article": article.id, "start": s, "end": e,
                                         "kind": "statement", "verb": verb.i}
    return list(found.values())


PROPOSAL_NOUNS = {"idea", "plan", "proposal", "suggestion", "option", "move", "prospect",
                  "possibility", "initiative", "notion", "scenario"}


def refers_back(span, matter: dict | None = None) -> bool:
    """Whether a passage points back at the matter under discussion instead of naming it: "the
    idea", "the proposal", or a bare "it"/"this" as the subject of its main clause, when the
    sentence before names the matter (given ``matter``; "I think it's inappropriate" after a
    sentence about something else is not about the question)."""
    for tok in span:
        if lemma(tok) in PROPOSAL_NOUNS and any(c.lower_ in {"the", "this", "that", "such"}
                                                 for c in tok.children):
            return True
    root = span.root
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"it", "this", "that"}
               for c in root.children):
        return False
    if matter is None:
        return True
    sent = span[0].sent
    if sent.start == 0:
        return False
    before = span.doc[sent.start - 1].sent
    return about_matter(before, matter) or about_matter(span.doc[sent.start:span.start], matter)


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
            if all(o.lower_ in LABEL_TARGETS or lemma(o) in PROPOSAL_NOUNS for o in objs):
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
    return [t for t in span if t.i not in subject and t.i != verb_i]


def held_text(doc, passage: dict) -> str:
    span = doc.char_span(passage["start"], passage["end"], alignment_mode="expand")
    if span is None:
        return doc_text(doc)[passage["start"]:passage["end"]]
    return " ".join(t.text for t in governed(span, passage))


def _embed(texts: list[str], config: Config) -> np.ndarray:
    from newsweave.nlp.embed import embedder_for

    return embedder_for(config).encode(texts)


def judge(actor_passages: list[dict], question_vec: np.ndarray | None, matter: dict, docs_by_id,
          config: Config, relevance_of: dict[str, float] | None = None) -> tuple[str, list[dict]]:
    """Label an actor's stance from their passages; return the label and the evidence (the
    passages that bear on the question, strongest first), in cleaned offsets."""
    if not actor_passages:
        return "unclear", []
    texts = [doc_text(docs_by_id[p["article"]])[p["start"]:p["end"]] for p in actor_passages]
    held_texts = [held_text(docs_by_id[p["article"]], p) for p in actor_passages]
    # similarity to the question of what the actor holds (the clause their verb governs), not of
    # the whole sentence
    sims = [relevance_of.get(t, 0.0) for t in held_texts] if relevance_of is not None else (
        (_embed(held_texts, config) @ question_vec) if question_vec is not None
        else np.zeros(len(texts)))
    score, evidence, relevant = 0.0, [], 0
    neutral: list[dict] = []
    for p, text, sim in zip(actor_passages, texts, sims):
        doc = docs_by_id[p["article"]]
        span = doc.char_span(p["start"], p["end"], alignment_mode="expand")
        if span is None or not len(span):
            continue
        if p["kind"] == "statement" and text.rstrip().rstrip('"\u201d ').endswith("?"):
            continue  # "Does Hayward think BP was shaken down ...?": a question about them
        held = governed(span, p)
        has_matter = about_matter(held, matter)
        if not has_matter and sim < RELEVANCE and not refers_back(span, matter):
            continue
        if not has_matter and not refers_back(span, matter) and not _cue_on_root(span):
            # close in meaning but neither naming the matter nor pointing back at it: a bare
            # negation ("couldn't have cut corners") or a wish ("wants to know if") is about
            # something else
            continue
        relevant += 1
        sign, bearing = polarity(span, matter)
        if not bearing or sign == 0:
            if NEUTRAL_CUES.search(text):
                neutral.append({**p, "polarity": "neutral", "weight": 0.5, "text": text})
            continue
        weight = (1.0 if has_matter else 0.5) * (1.2 if p["kind"] == "quote" else 1.0)
        score += sign * weight
        evidence.append({**p, "polarity": "favor" if sign > 0 else "against",
                         "weight": weight, "text": text})
    if not relevant:
        return "unclear", []
    evidence.sort(key=lambda e: -e["weight"])
    if not evidence:
        return ("neutral", neutral[:MAX_EVIDENCE]) if neutral else ("unclear", [])
    n = len(evidence)
    if score / n > THRESHOLD:
        label = "favor"
    elif score / n < -THRESHOLD:
        label = "against"
    else:
        # positions both ways that cancel out: the evidence does not say; show it, judge none
        label = "unclear"
    return label, evidence[:MAX_EVIDENCE]


def _affiliation_key(actor: Actor) -> str | None:
    aff = actor.affiliation or (actor.name if actor.type == "organisation" else None)
    if not aff:
        return None
    return re.sub(r"^(the)\s+", "", aff.strip(), flags=re.IGNORECASE)


def roll_up(actors: list[Actor]) -> list[PositionGroup]:
    """Stances grouped by affiliation (country or organisation); the group's stance is the
    majority of its members' positions (``mixed`` on a tie between favor and against)."""
    groups: dict[str, list[Actor]] = defaultdict(list)
    for actor in actors:
        key = _affiliation_key(actor)
        if key and actor.stance in {"favor", "against", "neutral"}:
            groups[key].append(actor)
    out = []
    for key, members in groups.items():
        counts = Counter(a.stance for a in members)
        if counts["favor"] and counts["favor"] == counts["against"]:
            stance = "mixed"
        elif counts["favor"] or counts["against"]:
            stance = "favor" if counts["favor"] > counts["against"] else "against"
        else:
            stance = "neutral"
        out.append(PositionGroup(affiliation=key, stance=stance, counts=dict(counts),
                                 actors=tuple(a.name for a in members)))
    out.sort(key=lambda g: (-len(g.actors), g.affiliation))
    return out


def _similar_nouns(docs, obj: str, config: Config) -> set[str]:
    """Nouns of the story close in meaning to the matter's object (troops ~ soldiers, forces)."""
    if not obj:
        return set()
    nouns = Counter(lemma(t) for _, doc in docs for t in doc if t.pos_ == "NOUN" and t.is_alpha)
    candidates = [w for w, n in nouns.most_common(150) if w != obj and n >= 2]
    if not candidates:
        return set()
    vectors = _embed([obj] + candidates, config)
    sims = vectors[1:] @ vectors[0]
    return {w for w, s in zip(candidates, sims) if s >= 0.6}


# A matter becomes the story's question only when at least this many actors take a position
# on it, and it is put as a proposal, plan or decision in at least this many articles.
MIN_POSITIONS = 2
MIN_PROPOSAL_ARTICLES = 2
# Words that make an act a proposal or decision under discussion rather than an event that
# happened ("calls for sending troops", "the plan to close the plant", "will not send").
DELIBERATION = {"consider", "propose", "plan", "call", "urge", "demand", "seek", "push",
                "suggest", "rule", "reject", "support", "oppose", "approve", "back", "vote",
                "decide", "refuse", "agree", "pledge", "promise", "intend", "ban", "block",
                "weigh", "debate"}
MODALS = {"will", "would", "should", "could", "may", "might", "must", "shall", "wo", "ca"}
STANCE_VERBS = (lexicon.SAYING_VERBS | lexicon.HOLDING_VERBS | FAVOR | AGAINST | DELIBERATION
                | {"fire", "hit", "insist", "stand", "oppose", "voice", "express", "renew"})
# Explicit neutrality: an actor who says they take no side is "neutral"; mixed or weak evidence
# is "unclear", never "neutral".
NEUTRAL_CUES = re.compile(r"\b(declin\w+ to comment|no comment|remain\w* neutral|neutral on|"
                          r"(?:did|does|do|would) not take (?:a|any) (?:position|side|stance)|"
                          r"undecided|has not decided|have not decided|not yet decided|"
                          r"takes? no position|took no position)\b", re.IGNORECASE)


def _agent(verb):
    """Who proposes or decides: the subject of the verb or of the verb it completes ("Paris
    refused to rule out sending"), when it names someone (a name or an entity), else None."""
    t = verb
    for _ in range(4):
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj if (subj.pos_ == "PROPN" or subj.ent_type_) else None
        agent = next((c for c in t.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((g for g in agent.children if g.dep_ == "pobj"), None)
        if t.dep_ not in {"xcomp", "conj", "advcl"} or t.head.i == t.i:
            return None
        t = t.head
    return None


def _proposal_context(token) -> bool:
    """Whether an act is put as a proposal or decision by someone named: under a modal ("Paris
    will send", "should"), a verb of deciding or demanding ("calls for", "plans to", "voted
    to", "considering sending"), or a proposal noun ("X's plan to send"), with an explicit
    agent. "Cases will be reported" has no one deciding."""
    for tok in [token, *list(token.ancestors)[:4]]:
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children) or \
                lemma(tok) in DELIBERATION:
            return _agent(tok) is not None
        if lemma(tok) in PROPOSAL_NOUNS:
            return any(c.dep_ == "poss" and (c.pos_ == "PROPN" or c.ent_type_)
                       for c in tok.children) or _agent(tok.head) is not None
    return False


def proposal_articles(docs, matter: dict) -> int:
    """In how many articles the matter's act is put as a proposal or decision."""
    found = set()
    acts, obj = set(matter.get("acts", ())), matter.get("object")
    for article, doc in docs:
        for tok in doc:
            if tok.pos_ == "NOUN" and lemma(tok) == obj:
                act = _act_of(tok)
                if act is not None and lemma(act) in acts and _proposal_context(act):
                    found.add(article.id)
                    break
    return len(found)


@story_stage("stance@1", requires=("article.doc", "story.actors", "story.quotes"),
             assigns=("story.actors", "story.question", "story.positions"))
def stance_stage(story: Story, articles: dict[str, Article], config: Config) -> None:
    """Set the story's central question and each actor's stance on it, with evidence.

    A question given in the config is always used. Otherwise one is derived only when the story
    supports one: a proposal or decision (put as such in MIN_PROPOSAL_ARTICLES articles) on which
    MIN_POSITIONS actors take a position. Without a question no stance is judged (each actor's
    stance stays None and there is no positions table)."""
    docs = _docs(story, articles, config)
    given = config.claims.question
    if given:
        matter = matter_from_question(given, config)
        question = given
    else:
        matter = derive_matter(docs)
        question = question_from_matter(matter)
        if question is not None and proposal_articles(docs, matter) < MIN_PROPOSAL_ARTICLES:
            question = None
    if question is None:
        story.question = None
        story.actors = [replace(a, stance=None, stance_evidence=()) for a in story.actors]
        story.positions = []
        return
    if matter:
        matter["similar"] = _similar_nouns(docs, matter.get("object", ""), config)
    question_vec = _embed([question], config)[0]
    docs_by_id = {article.id: doc for article, doc in docs}
    by_id = {article.id: article for article, _ in docs}
    acts = set(matter.get("acts", ())) if matter else set()
    passages_of = [actor_statements(actor, story, docs, by_id, acts) for actor in story.actors]
    texts = sorted({held_text(docs_by_id[p["article"]], p)
                    for passages in passages_of for p in passages})
    relevance_of: dict[str, float] = {}
    if texts:
        relevance_of = dict(zip(texts, (_embed(texts, config) @ question_vec).tolist()))
    judged = []
    for actor, passages in zip(story.actors, passages_of):
        label, evidence = judge(passages, question_vec, matter, docs_by_id, config, relevance_of)
        judged.append(replace(actor, stance=label, stance_evidence=tuple(
            StanceEvidence(e["article"], e["start"], e["end"], e["polarity"], e["kind"])
            for e in evidence)))
    positions = sum(1 for a in judged if a.stance in {"favor", "against", "neutral"})
    if not given and positions < MIN_POSITIONS:
        # a derived question that fewer than two actors take a position on is not the story's
        # central question: show none rather than a table of "unclear"
        story.question = None
        story.actors = [replace(a, stance=None, stance_evidence=()) for a in story.actors]
        story.positions = []
        return
    story.question = question
    story.actors = judged
    story.positions = roll_up(story.actors)
