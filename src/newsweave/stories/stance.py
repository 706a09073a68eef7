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

import functools
import re
from collections import Counter, defaultdict
from dataclasses import replace

import numpy as np

from newsweave import lexicon
from newsweave.config import Config
from newsweave.model import Actor, Article, PositionGroup, StanceEvidence, Story
from newsweave.nlp.claims import lemma
# Doc.text joins every token on each call (~1 ms an article); stance needs it per actor and
# per passage, so it reads the copy built once per Doc.
from newsweave.nlp.spacy_stage import doc_text
from newsweave.registry import story_stage
from newsweave.stories.furniture import lead_start
# split out; re-exported here for the stage and its tests
from newsweave.stories.stance_passages import (  # noqa: F401
    _name_forms, _subject_mentions, position_verb, MAX_QUOTE_SENTENCES, _first_sentences_end,
    _inverted, _next_to, actor_statements, refers_back, _ROOT_CUES, _cue_on_root, governed,
    own_clause,
    held_text)
from newsweave.stories.stance_actors import stance_holders
from newsweave.stories.stance_gate import SIDE_VERBS, gate
from newsweave.stories.stance_polarity import (  # noqa: F401
    AGAINST, FAVOR, CONSEQUENCE_VERBS, HARM, NEGATORS, HEARSAY, SUBORDINATORS, PROPOSAL_NOUNS,
    _negators, _is_cue, PEJORATIVE, APPROVING, NAMING_VERBS, COPULAS, LABEL_TARGETS,
    MODIFIER_EDGES, _valence, _label_target, _matter_words, label_votes, _open_or_conditional,
    _numbers, _numbers_differ, matter_tokens, _act_on_matter, about_matter, _opens_matter,
    polarity, DELIBERATION, STANCE_VERBS, predicate_put, STOPPING, NEGATIVE_IMPLICATIVES,
    CONTINUING, STAYING, RESIGNING, LIGHT_ACTS, ANY_KIND)

LABELS = ("favor", "against", "neutral", "unclear")
THRESHOLD = 0.25        # |score| above this is a position
# least similarity to the question of what an actor holds (the clause their verb governs) when
# it does not name the matter; 0.4 on whole sentences let in any sentence of the story's topic
RELEVANCE = 0.55
# a label the question asks about put on "it" ("it was legal to go to war in Iraq") counts at
# this similarity when the clause names one of the question's nouns
PRONOUN_RELEVANCE = 0.45
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


# Ways of giving up an office: a question asking one asks them all ("step" and "stand" with
# "down", ``stance_polarity.matter_tokens``).

# Verbs that judge an act done ("Were they justified in ...?"), put on the act like "legal".
EVALUATIVE_VERBS = {"justify", "warrant"}


_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# How much of a party's name a story's word must begin with: "Ital" for "Italy" and "Italian",
# "Brit" for "Britain" and "British", "Iraq" for "Iraqi".
_STEM = 4


def _names_the_parties(question: str, docs, config: Config) -> bool:
    """Whether the story names every party the question names (the people, bodies and places
    its named-entity tags mark), by their name or a word formed from it ("Italian")."""
    parties = _question_parties(question, config.nlp.spacy_model)
    if not parties:
        return True
    words = {w for _, doc in docs for w in re.findall(r"[a-z]+", doc_text(doc).lower())}
    for name in parties:
        stem = name[:_STEM] if len(name) > _STEM else name
        if not any(w.startswith(stem) if len(name) > _STEM else w == stem for w in words):
            return False
    return True


@functools.lru_cache(maxsize=64)
def _question_parties(question: str, model: str) -> tuple[str, ...]:
    """The last word of each party the question names, lower-cased (parsed once per question,
    not once per story)."""
    from newsweave.nlp.spacy_stage import load_nlp

    out = []
    for ent in load_nlp(model)(question).ents:
        name = re.findall(r"[a-z]+", ent.root.text.lower())
        if ent.label_ in _PARTY_LABELS and name:
            out.append(name[-1])
    return tuple(out)


def matter_from_question(question: str, config: Config) -> dict:
    """The matter of a question the user gave: the proposal's act and its object ("set up" +
    "fund" in "Should BP set up a $20 billion fund for the victims of the spill?"), and the
    numbers that tell this object from another of its kind ("20"). The nouns of modifiers
    ("victims", "spill") are not the matter: every article of the story names them."""
    from newsweave.nlp.spacy_stage import load_nlp

    nlp = load_nlp(config.nlp.spacy_model)
    doc = _declarative(nlp, question)
    # (not the infinitive of a judging adjective: "Is seafood safe to eat?" asks whether the
    # seafood is safe, the predicate read below, not about eating it)
    judged = _judged_infinitive(doc)
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lower_ not in MODALS and t.i != judged]
    main = next((v for v in verbs if v.dep_ == "ROOT"), verbs[0] if verbs else None)
    inverted = False
    if main is not None and lemma(main) in NEGATIVE_IMPLICATIVES:
        # "Did the authorities fail to give a warning?": the matter is the warning given,
        # read with its sign turned round
        comp = next((c for c in main.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if comp is not None:
            main, inverted = comp, True
    permission = False
    if main is not None and lemma(main) in _PERMITTING:
        # "Should oil companies be allowed to make political contributions?": what is
        # allowed is the matter, the contributions made; the permission is how it is asked
        allowed = next((c for c in main.children if c.dep_ == "xcomp" and c.pos_ == "VERB"),
                       None)
        if allowed is not None:
            main, permission = allowed, True
    obj = None
    stopped = None
    if main is not None and lemma(main) in STOPPING:
        # "Should people stop using Internet Explorer?": the use is what would stop, and its
        # object the thing
        stopped = next((c for c in main.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                        and any(g.dep_ == "dobj" for g in c.children)), None)
    if main is not None:
        holder = stopped if stopped is not None else main
        # "give a timely tsunami warning" is parsed with "warning" a verb: a noun's tag counts;
        # a passive's subject is a thing whatever its tag ("Should travel be restricted?")
        obj = next((c for c in holder.children if (c.dep_ in {"dobj", "nsubjpass"} and (
            c.pos_ in {"NOUN", "PROPN"} or c.tag_ in {"NN", "NNS", "VBG"}))
            or (c.dep_ == "nsubjpass" and c.pos_ == "VERB")), None)
        if obj is None:  # "Should the city ban cars from the centre?" parsed oddly: first noun
            # (not a named subject's title: "BP chief executive Tony Hayward" is who would
            # step down, not what)
            subjects = [c for c in main.children if c.dep_ == "nsubj"]
            subject = {t.i for c in subjects for t in c.subtree if t.i < main.i} if any(
                c.pos_ == "PROPN" for c in subjects) else set()
            # (not a noun in "as chief executive" or "over the spill": the capacity or the
            # reason of the act, not its object; not a compound's modifier, "air" of "air
            # strikes")
            aside = {t.i for c in main.children if c.dep_ == "prep" and c.lower_ in _ASIDE
                     for t in c.subtree}
            obj = next((t for t in main.subtree if t.pos_ == "NOUN" and t.i not in subject
                        and t.i not in aside and t.dep_ != "compound"), None)
    doer: set[str] = set()
    agent = next((c for c in main.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"
                  and _agent_noun(c)), None) if main is not None else None
    if obj is not None and agent is not None and obj.i in {t.i for t in agent.subtree}:
        # "Should British soldiers serve in Iraq?": people asked to act are its doers, not
        # its thing; "a beacon for other soldiers" says nothing of their serving, only the act
        # put on them does ("soldiers must refuse to serve")
        obj, doer = None, {lemma(t) for t in agent.subtree if t.pos_ == "NOUN"}
    if obj is None and main is not None and not any(
            c.dep_ in {"dobj", "nsubjpass", "xcomp", "ccomp"} or (
                c.dep_ == "prep" and c.lower_ not in _ASIDE) for c in main.children):
        # "Should Hosni Mubarak step down?": an act with no object is asked of its doer; a
        # report names the matter when it puts the act on them ("Mubarak must step down")
        # ("BP chief executive Tony Hayward" may be parsed as two subjects; the named one is
        # the doer, not the company in his title)
        subjects = [c for c in main.children if c.dep_ == "nsubj" and c.pos_ in {"PROPN", "NOUN"}]
        if any(c.pos_ == "PROPN" for c in subjects):
            subjects = [c for c in subjects if c.pos_ == "PROPN"]
        doer = {lemma(t) for c in subjects for t in c.subtree if t.pos_ in {"PROPN", "NOUN"}}
    if obj is None and not doer:
        obj = next((t for t in doc if t.pos_ == "NOUN"), None)
    # the named party the act is asked of ("Should BP pay the cost?": BP): the same act done
    # by another party ("the federal government will pay the cost of the Guard") is no answer
    party: set[str] = set()
    if main is not None and not doer:
        named = [c for c in main.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
        party = {lemma(t) for c in named for t in c.subtree if t.pos_ in {"PROPN", "NOUN"}}
    predicate = ""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if main is None and root is not None and lemma(root) == "be":
        # "Was the invasion legal under international law?": the invasion is the matter, and
        # "legal" (or "illegal") put on it answers the question
        pred = next((c for c in root.children if c.dep_ in {"acomp", "attr"}
                     and c.pos_ == "ADJ"), None)
        if pred is None and judged is not None:
            pred = doc[judged - 2]  # ("safe" hung on "bay" in "from the bay safe to eat")
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
        if pred is not None and subj is not None:
            predicate, obj = pred.lower_, subj
    if main is not None and lemma(main) in EVALUATIVE_VERBS and any(
            c.dep_ == "auxpass" for c in main.children):
        # "Were the officers justified in shooting him?": the shooting is the matter, and
        # "justified" (or "unjustified") put on it answers; what the officers did is no side
        act = next((g for c in main.children if c.dep_ == "prep" and c.lower_ == "in"
                    for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"), None)
        if act is not None:
            predicate, obj, main = main.lower_, act, None
    acts = {lemma(main)} if main is not None else set()
    if doer and lemma(main) in RESIGNING:
        # "step down", "resign", "quit": one act; staying on, its opposite, is asked with it
        # ("X should stay until September" is against, ``stance_polarity``)
        acts = set(RESIGNING) | STAYING
    agents = _agents(main) if main is not None else set()
    stop_acts: set[str] = set()
    also: set[str] = set()
    if obj is not None and _act_noun_verb(obj):
        # "dividend payments": the payment is an act, the dividend the thing it is done to
        also = {lemma(c) for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
    if main is not None and lemma(main) in STOPPING:
        # "Should BP suspend its dividend payments?": what is said of the payments going on
        # (paid, maintained, halted) answers it, with the sign turned round
        stop_acts, inverted = {lemma(main)} | STOPPING, not inverted
        acts = set(CONTINUING) | ({_act_noun_verb(obj)} if obj is not None and
                                  _act_noun_verb(obj) else set()) | (
            {lemma(stopped)} if stopped is not None else set())
    light = main is not None and lemma(main) in LIGHT_ACTS and any(
        (c.dep_ == "prt" and c.lower_ != "up") or (c.dep_ == "prep" and c.lower_ in _DESTINATIONS)
        for c in main.children)
    # (a question's capitals may make them names: "the swine flu outbreak")
    qualifying = [c for c in obj.children if c.dep_ == "compound" and c.pos_ in _NOUNS
                  and c.i < obj.i] if obj is not None else []
    return {"object": "" if obj is None else obj.lower_ if obj.pos_ == "VERB" else lemma(obj),
            "object_text": obj.text if obj is not None else "",
            # the object with the nouns that say which of its kind it is ("aid agencies"):
            # nouns of the story close to the bare head ("bureau" ~ "agency") are other things
            "object_phrase": " ".join([c.text for c in qualifying] + [obj.text])
            if obj is not None else "",
            "qualifiers": {lemma(c).lower() for c in qualifying},
            # adjectives that say which of its kind ("binding targets", "military action")
            "kinds": {c.lower_ for c in obj.children if c.dep_ == "amod"
                      and c.pos_ in ("ADJ", "VERB") and c.lower_ not in ANY_KIND}
            if obj is not None else set(),
            "acts": acts, "verb": lemma(main) if main is not None else "", "participle": "",
            "place": None, "numbers": _numbers(obj) if obj is not None else frozenset(),
            "inverted": inverted, "stop_acts": stop_acts, "also": also, "agents": agents,
            "doer": doer, "party": party,
            # a light verb whose meaning is in its particle or where it puts the thing ("take
            # over the response", "put money into a fund"; "set up a levy" and "get the death
            # penalty" still mean the thing), and the words that carry it there ("escrow")
            "light": light,
            # (only a light verb's destination carries its meaning: "use dispersants on the
            # oil spill" is about dispersants, and "oil" names nothing of it)
            "light_words": _light_words(main) if light else set(),
            "predicate": predicate,
            # a thing the question writes with a capital but reads as a noun ("host the
            # Oscars"): reports tag it as a name (``stance_polarity._names_thing``); a person
            # or a company the question is about is tagged a name here too and is left out
            "object_name": obj.lower_ if obj is not None and obj.pos_ == "NOUN"
            and obj.text[:1].isupper() else "",
            # the question's object is a name ("Should Orozco be sentenced ...?"): the person is
            # in every passage, so a report's word tagged a noun by mistake names no matter
            "object_is_name": obj is not None and obj.pos_ == "PROPN",
            # the audience an act is done to ("mislead the public"): every report of informing
            # or warning names it, so only the act itself names the matter
            "object_is_audience": obj is not None and lemma(obj) in _AUDIENCE and bool(acts),
            # asked whether the act should be allowed: a report of doing it or not ("our policy
            # is not to make contributions") is no side on allowing it; only words of allowing
            # or banning are
            "permission": permission,
            "nouns": {lemma(t) for t in doc if t.pos_ in {"NOUN", "PROPN"}} - {predicate},
            "when": _when_words(doc)}


# Words of a time that say no particular one ("this year", "next week"): a report need not
# repeat them to answer the question.
_ANY_TIME = {"day", "week", "month", "year", "this", "next", "last", "the", "a", "early", "late",
             "end", "'s", "’s"}
# Words that end a day's name ("Valentine's Day", "Christmas Eve"), which the parser may take
# for a person.
_DAY_NAMES = {"day", "eve", "christmas", "easter", "thanksgiving"}


def _when_words(doc) -> set[str]:
    """The words of the time a question asks about ("released on Valentine's Day" ->
    {"valentine"}, "by August" -> {"august"}): a passage that names no such time does not
    answer whether the act happens then (``stance_polarity.polarity``).

    >>> from newsweave.nlp.spacy_stage import load_nlp
    >>> sorted(_when_words(load_nlp()("Will the watch be released on Valentine's Day?")))
    ['valentine']
    >>> _when_words(load_nlp()("Will Greece leave the euro this year?"))
    set()
    """
    # (only a time the act is put in, "released on Valentine's Day", "keep bombing during
    # Ramadan"; not a length, "a six-month moratorium", nor a kind, "a Christmas greeting")
    words: set[str] = set()
    for prep in (t for t in doc if t.dep_ == "prep" and t.lower_ in {
            "on", "in", "by", "before", "until", "till", "during"}
            and t.head.pos_ in {"VERB", "AUX"}):
        phrase = [t for t in prep.subtree if t.i > prep.i]
        if any(t.ent_type_ == "DATE" or (t.lower_ in _DAY_NAMES and t.text[:1].isupper())
               for t in phrase):
            words |= {t.lower_ for t in phrase if not t.is_punct}
    return words - _ANY_TIME


_DESTINATIONS = {"into", "onto", "in", "on", "to"}
_PERMITTING = {"allow", "permit", "let", "authorize", "authorise", "entitle"}
_AUDIENCE = {"public", "people", "population", "voter", "citizen", "resident", "consumer",
             "customer", "investor", "taxpayer", "viewer", "reader", "audience"}

# Nouns of people or bodies that act ("soldiers", "schools"), beside the lexicon's: the subject of
# a question's act without an object is then who would do it, not the thing it is about (the
# subject of "Should the air strikes continue?" is the thing).
_ACTING_NOUNS = {"soldier", "troop", "force", "sailor", "marine", "pilot", "reservist", "pupil",
                 "child", "family", "country", "nation", "patient", "nurse"}


def _agent_noun(token) -> bool:
    word = lemma(token)
    return (word in _ACTING_NOUNS or word in lexicon.ORG_NOUNS or token.lower_ in
            lexicon.PEOPLE_NOUNS or word in lexicon.PEOPLE_NOUNS or word.endswith(("ist", "ian")))


# Prepositions of an act's capacity or reason ("step down as chief executive", "resign over
# the spill"): what they lead to is not the act's object.
_ASIDE = {"as", "over", "after", "because", "amid", "from"}


_BODIES = {"government", "authority", "council", "regime", "people", "public", "administration"}


def _light_words(main) -> set[str]:
    """The modifiers of the place a light verb puts its thing ("escrow" in "put money into an
    escrow fund"), or that place's noun when it has none: a report naming them speaks of the
    act even without its verb ("BP will set aside $20 billion for an escrow fund")."""
    out: set[str] = set()
    for prep in (c for c in main.children if c.dep_ == "prep" and c.lower_ in _DESTINATIONS):
        for noun in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"):
            if prep.lower_ in {"to", "on"} and (noun.tag_ == "NNS" or lemma(noun) in _BODIES):
                # "released to the rebels", "sanctions on the government": the ones the act
                # goes to, not where it puts its thing (a report naming them may say anything)
                continue
            mods = {lemma(m) for m in noun.children if m.dep_ in {"compound", "amod"}
                    and m.pos_ in {"NOUN", "ADJ"}}
            out |= mods or {lemma(noun)}
    return out


def _agents(main) -> set[str]:
    """The nouns a question about a cause asks after: the passive agent ("cut by ships'
    anchors": anchor) or the subject of a verb of causing ("did faulty sensors cause the
    crash": sensor). Evidence must name them: the crash or the cut alone says nothing of it."""
    out = set()
    for c in main.children:
        if c.dep_ == "agent":
            out |= {lemma(g) for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"}
        elif c.dep_ == "nsubj" and c.pos_ == "NOUN" and lemma(main) in CONSEQUENCE_VERBS:
            out.add(lemma(c))
    return out


def _judged_infinitive(doc) -> int | None:
    """The index of the infinitive after a judging adjective in "Is X safe to eat?" ("eat"),
    however the parser hung the adjective; None when the question is not so worded. The
    infinitive has no object of its own: its object is the subject the adjective judges ("Is it
    right to send troops?", "Is Britain ready to send troops?" ask about sending)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    # (a thing judged, named by a common noun: "Were Bush and Blair wrong to go to war?" asks
    # about what the people did)
    if root is None or lemma(root) != "be" or not any(
            c.dep_ == "nsubj" and c.pos_ == "NOUN" for c in root.children):
        return None
    return next((t.i for t in doc if t.tag_ == "VB" and t.i >= 2 and doc[t.i - 1].lower_ == "to"
                 and doc[t.i - 2].pos_ == "ADJ" and doc[t.i - 2].tag_ == "JJ"
                 and doc[t.i - 2].is_lower
                 and not any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in t.children)), None)


def _declarative(nlp, question: str):
    """The question parsed as the statement it asks about: "Were the cables cut by anchors?"
    -> "the cables were cut by anchors." (the parser reads questions' inverted order poorly,
    "cut" as a modifier of "cables"); "Did X fail" -> "X fail". Its first noun phrase is taken
    as the subject; without one, the question as it is."""
    doc = nlp(question)
    first = doc[0] if len(doc) else None
    if first is None or first.pos_ != "AUX" or first.dep_ == "ROOT" and first.lemma_ != "be":
        return doc
    # (the chunker may fold the auxiliary in: "Should the army hand power" as one chunk)
    chunk = next((c if c.start == 1 else c[1:] for c in doc.noun_chunks if c.start == 1 or (
        c.start == 0 and len(c) > 1 and c[0].pos_ == "AUX")), None) or _words_of_a_noun(doc)
    if chunk is None:
        return doc
    end = chunk.end  # "the officer who shot the teenager": a relative clause is the subject's
    for rel in (c for c in chunk.root.children if c.dep_ == "relcl" and c.i >= end):
        end = max(end, rel.right_edge.i + 1)
    of = next((c for c in chunk.root.children if c.dep_ == "prep" and c.lower_ == "of"
               and c.i == end), None)
    pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if pobj is not None:
        end = pobj.i + 1  # "the blockade of the port": the noun it governs, not what follows
    aux = "" if first.lemma_ == "do" else first.lower_ + " "
    statement = nlp(f"{doc[1:end].text} {aux}{doc[end:].text.rstrip(' ?')}.")
    # "Should the military hand power to ...?": the chunker may take the verb as a noun of the
    # subject ("the military hand power"); then the subject ends earlier, where the statement
    # gets a verb
    if any(t.pos_ == "VERB" for t in statement):
        return statement
    # (the verb the chunker took is a noun modifying the chunk's head: "hand" of "hand power")
    verb = next((t for t in chunk if t.dep_ == "compound" and t.head.i == chunk.root.i
                 and t.i == chunk.root.i - 1 and t.i > chunk.start + 1), None)
    if verb is None:
        return statement
    retry = nlp(f"{doc[1:verb.i].text} {aux}{doc[verb.i:].text.rstrip(' ?')}.")
    moved = verb.i - 1 + len(aux.split())  # where the verb is in the retry
    return retry if moved < len(retry) and retry[moved].pos_ == "VERB" else statement


_PREMODIFIERS = {"DET", "ADJ", "NUM", "PROPN"}


def _words_of_a_noun(doc):
    """The subject of a question whose parse has no noun chunk there ("Should frozen Libyan
    assets be released ...?" parsed with "frozen" its root): the words from the second up to
    the end of the first run of nouns, modifiers before it, when a verb or auxiliary follows."""
    i = 1
    while i < len(doc) and (doc[i].pos_ in _PREMODIFIERS or
                            doc[i].tag_ in {"VBN", "VBG"} or doc[i].text == "-"):
        if doc[i].pos_ == "PROPN" and i + 1 < len(doc) and doc[i + 1].pos_ in {"AUX", "VERB"}:
            break
        i += 1
    end = i
    while end < len(doc) and doc[end].pos_ in {"NOUN", "PROPN"}:
        end += 1
    if end == i or end >= len(doc) or doc[end].pos_ not in {"AUX", "VERB", "ADV", "PART"}:
        return None
    return doc[1:end]


def _act_noun_verb(noun) -> str:
    """The verb a noun of action is made from ("payment" -> "pay", "deployment" -> "deploy"),
    or ""."""
    lem = lemma(noun)
    return lem[:-4] if lem.endswith("ment") and len(lem) > 6 else ""


def _embed(texts: list[str], config: Config) -> np.ndarray:
    from newsweave.nlp.embed import embedder_for

    return embedder_for(config).encode(texts)


_CONDITIONAL = re.compile(r"\b(?:if|unless|whether)\b", re.IGNORECASE)


# Verbs of putting a question.
_ASKING = {"ask", "wonder", "inquire", "enquire", "query"}


def judge(actor_passages: list[dict], question_vec: np.ndarray | None, matter: dict, docs_by_id,
          config: Config, relevance_of: dict[str, float] | None = None,
          own: frozenset[str] = frozenset()) -> tuple[str, list[dict]]:
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
    heads: dict[str, int] = {}
    for p, text, sim in zip(actor_passages, texts, sims):
        doc = docs_by_id[p["article"]]
        if p["article"] not in heads:
            heads[p["article"]] = lead_start(doc_text(doc))
        if p["end"] <= heads[p["article"]]:
            # a headline or a standfirst before the report ("BP chief tells angry senators But
            # all three oil firms try to blame each other's errors"): the page's, not a side
            continue
        span = doc.char_span(p["start"], p["end"], alignment_mode="expand")
        if span is None or not len(span):
            continue
        span = own_clause(span, p)
        if text.rstrip().rstrip('"\u201d\' ').endswith("?"):
            # "Does Hayward think BP was shaken down ...?": a question about them; a question
            # they put ('"You ever ask to stop operations?" the attorney asked') takes no side
            continue
        if matter.get("factual") and _CONDITIONAL.search(text):
            # a fact is asserted, not supposed: "Even if it turns out that we can't maintain
            # this cap ..., the new cap allows us to ..." answers nothing of whether it held
            continue
        if p["kind"] == "statement" and lemma(span.root) in _ASKING:
            continue  # '"..." BP's attorney asked': a question put, not a side taken
        held = governed(span, p)
        has_matter = about_matter(held, matter)
        # (a label on "it" answers a question of fact only when it is the question's own
        # predicate: "it was illegal" for "Was the war legal?")
        put = predicate_put(held, matter) if matter.get("predicate") or not matter.get(
            "factual") else None
        if put == "matter" or (put == "pronoun" and (sim >= RELEVANCE or (
                sim >= PRONOUN_RELEVANCE and any(lemma(t) in matter.get("nouns", ())
                                                 for t in held)))):
            has_matter = True  # "the war was illegal", "it was legal to go to war"
        if not has_matter and sim < RELEVANCE and not refers_back(span, matter):
            continue
        if not has_matter and not refers_back(span, matter) and not _cue_on_root(span):
            # close in meaning but neither naming the matter nor pointing back at it: a bare
            # negation ("couldn't have cut corners") or a wish ("wants to know if") is about
            # something else
            continue
        relevant += 1
        if _passed_on(span, matter, p["kind"], own):
            continue  # 'Kroon said investigators were considering arson': their view, not his
        # the gate: the clause the actor holds must name the thing and the act (issue 12)
        # a label put on the matter ("is a shakedown", "was illegal") is a side taken on it
        # the actor's own verb counts with what it governs when it is the question's act ("Roe
        # will lead the board") or a verb of taking a side on what it governs ("denied that
        # he was the source", "defended her"); a plan or an agreement ("planned the war",
        # "agreed to a fund") is neither
        own_verb = [doc[p["verb"]]] if isinstance(p.get("verb"), int) and lemma(
            doc[p["verb"]]) in set(matter.get("acts", ())) | {matter.get("verb")} | SIDE_VERBS \
            else []
        if not put and not label_votes(span, matter)[0] and gate(
                list(held) + own_verb, matter,
                about_matter(held, matter) or refers_back(span, matter)):
            continue
        sign, bearing = polarity(span, matter)
        if not bearing or sign == 0:
            if NEUTRAL_CUES.search(text):
                neutral.append({**p, "polarity": "neutral", "weight": 0.5, "text": text})
            continue
        if matter.get("inverted"):
            sign = -sign  # the question proposes stopping (or failing) the thing: turn round
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


def _stated(evidence: dict, docs_by_id: dict, acts: set[str]) -> bool:
    """Whether a passage states a position in words: a quote, or a clause under a verb of
    saying or taking a side, not the proposal's own act done by the actor."""
    if evidence.get("kind") == "quote":
        return True
    verb = evidence.get("verb")
    if not isinstance(verb, int):
        return False
    return lemma(docs_by_id[evidence["article"]][verb]) not in acts


# ("Would the use of chemical weapons be met with action?" asks what would happen if, a
# question of fact to come: "the use would be completely unacceptable" does not answer it)
_PROPOSING = re.compile(r"^\s*(?:should|must|ought|shall|will)\b", re.IGNORECASE)


def _proposes(question: str) -> bool:
    """Whether a yes/no question asks for an act to be done ("Should ...", "Will ..."), not
    whether something is so or would be ("Is ...", "Was ...", "Did ...", "Would ...")."""
    return _PROPOSING.match(question or "") is not None


def _passed_on(span, matter: dict, kind: str, own: frozenset[str] = frozenset()) -> bool:
    """Whether the position the passage gives on the matter is another party's that the actor
    passes on: the verb taking it ("considering", "rejected") has a subject of its own, a named
    party other than the actor and the actor's organisation, or people ("investigators"),
    inside the actor's quotation or below the actor's own verb ("Kroon said investigators were
    considering arson"). "We are considering" and "the alliance is not considering" (the
    speaker's own side) stay the actor's, and so does what the actor says others should do
    ("leaders should keep the option open")."""
    mentions = matter_tokens(span, matter)
    if not mentions:
        # a passage that takes its side without naming the act (read from its verbs): the
        # verb of wanting or rejecting with another party as subject ("tens of thousands of
        # people want him to leave") is theirs
        mentions = [t for t in span if t.pos_ == "VERB" and (
            kind == "quote" or t.i != span.root.i) and (
            _is_cue(t, FAVOR) or _is_cue(t, AGAINST))][:1]
    for mention in mentions:
        t = mention
        for _ in range(12):
            owner = next((c for c in t.children if c.dep_ == "poss"), None) \
                if t.pos_ == "NOUN" else None
            if owner is not None and (_is_cue(t, FAVOR) or _is_cue(t, AGAINST)) and (
                    _party(owner, own) or (owner.pos_ == "PROPN" and owner.lower_ not in own)) \
                    and not any(
                        _is_cue(a, FAVOR) or _is_cue(a, AGAINST) for a in t.ancestors
                        if span.start <= a.i < span.end):
                # "Anadarko's refusal to pay its share will not affect ...": Anadarko's side,
                # not his ("voiced support for Macron's proposal" takes one on it)
                return True
            if t.pos_ == "VERB" and (_is_cue(t, FAVOR) or _is_cue(t, AGAINST)) and \
                    (kind == "quote" or t.i != span.root.i):
                subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subject is None and t.dep_ in {"advcl", "xcomp"} and any(
                        c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                    # "people gathered ... to demand that he resign": a purpose clause's
                    # subject is the clause's it serves
                    subject = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
                deontic = any(c.dep_ == "aux" and c.lower_ in ("should", "must", "ought")
                              for c in t.children)
                return subject is not None and not deontic and _party(subject, own)
            if t.head.i == t.i or not span.start <= t.head.i < span.end:
                break
            t = t.head
    return False


def _party(token, own: frozenset[str]) -> bool:
    """A party other than the actor: a name (not the actor's own or its organisation's) or
    people named by a plural noun ("investigators", "officials")."""
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return token.lower_ not in own
    for _ in range(3):
        if token.tag_ == "NNS" and (token.lower_ in lexicon.PEOPLE_NOUNS or
                                    lemma(token) in lexicon.PEOPLE_NOUNS):
            return True
        # "tens of thousands of people", "thousands of Egyptians": the people counted
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        token = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if token is None:
            return False
        if token.ent_type_ in ("NORP", "GPE"):
            return True
    return False


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


_NOUNS = ("NOUN", "PROPN")


def _similar_nouns(docs, obj: str, config: Config, phrase: str = "",
                   qualifiers: tuple[str, ...] = ()) -> set[str]:
    """Nouns of the story close in meaning to the matter's object (troops ~ soldiers, forces),
    or to the object's phrase when nouns qualify it ("aid agencies": a charity, not a bureau),
    and closer to it than to a qualifier alone ("influenza" is the flu, not "flu advice")."""
    if not obj:
        return set()
    nouns = Counter(lemma(t) for _, doc in docs for t in doc if t.pos_ == "NOUN" and t.is_alpha)
    candidates = [w for w, n in nouns.most_common(150) if w != obj and n >= 2]
    if not candidates:
        return set()
    heads = [phrase or obj, *qualifiers]
    vectors = _embed(heads + candidates, config)
    sims = vectors[len(heads):] @ vectors[:len(heads)].T
    return {w for w, row in zip(candidates, sims)
            if row[0] >= 0.6 and all(row[0] > q for q in row[1:])}


# A matter becomes the story's question only when at least this many actors take a position
# on it, and it is put as a proposal, plan or decision in at least this many articles.
MIN_POSITIONS = 2
MIN_PROPOSAL_ARTICLES = 2
MODALS = {"will", "would", "should", "could", "may", "might", "must", "shall", "wo", "ca"}
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
    if question is not None and given and not _names_the_parties(given, docs, config):
        # "Should Italy withdraw its troops from Iraq?" asked of a story about a British
        # medic that never names Italy: no one in it can take a side on Italy's troops
        question = None
    if question is None:
        story.question = None
        story.actors = [replace(a, stance=None, stance_evidence=()) for a in story.actors]
        story.positions = []
        return
    if matter and matter.get("object_name") and matter["object_name"] in {
            w.lower() for a in story.actors for n in (a.name, *a.aliases) for w in n.split()}:
        # the question's capitalised object is one of the story's people, tagged a noun in
        # the question ("Should Orozco be sentenced ...?"): a person, not a thing like "the
        # Oscars", so a report naming them names no matter
        matter["object_name"], matter["object_is_name"] = "", True
    if matter:
        # (a qualifier alone is another thing: "the flu" is not "the flu outbreak")
        matter["similar"] = (_similar_nouns(docs, matter.get("object", ""), config,
                                            matter.get("object_phrase", ""),
                                            tuple(sorted(matter.get("qualifiers", ()))))
                             - set(matter.get("qualifiers", ()))) | set(matter.get("also", ()))
    question_vec = _embed([question], config)[0]
    docs_by_id = {article.id: doc for article, doc in docs}
    by_id = {article.id: article for article, _ in docs}
    # doing the act is a position on a proposal ("Should troops be sent?": "Norland will send
    # troops"), not an answer to a question of fact or judgement ("Is she a good choice to host
    # the show?": "she will host it")
    proposes = _proposes(question)
    acts = set(matter.get("acts", ())) if matter and proposes else set()
    if matter and not proposes:
        matter["factual"] = True
    passages_of = [actor_statements(actor, story, docs, by_id, acts) for actor in story.actors]
    texts = sorted({held_text(docs_by_id[p["article"]], p)
                    for passages in passages_of for p in passages})
    relevance_of: dict[str, float] = {}
    if texts:
        relevance_of = dict(zip(texts, (_embed(texts, config) @ question_vec).tolist()))
    judged = []
    stated = 0  # actors with a position in words, not only by doing (or not doing) the act
    holders = stance_holders(story.actors, [a for a, _ in docs],
                             [doc_text(doc) for _, doc in docs])
    for actor, passages, holder in zip(story.actors, passages_of, holders):
        if not holder:
            judged.append(replace(actor, stance=None, stance_evidence=()))
            continue
        own = frozenset(w.lower() for w in re.findall(r"\w+", " ".join(
            [actor.name, *actor.aliases, actor.affiliation or ""])))
        if own & set(matter.get("doer", ())):
            # the one asked to step down takes a side only in his own words: "the calls for
            # Mubarak's resignation" name him as the doer, not as one who holds a position
            # ... and words that name him ("the calls for Mubarak's resignation") are someone
            # else's, given to him by a wrong attribution
            doer = set(matter["doer"])
            passages = [p for p in passages if p.get("kind") == "quote" and not doer & {
                w.lower() for w in re.findall(r"\w+", doc_text(docs_by_id[p["article"]])[
                    p["start"]:p["end"]])}]
        label, evidence = judge(passages, question_vec, matter, docs_by_id, config, relevance_of,
                                own)
        if label in {"favor", "against", "neutral"} and any(
                _stated(e, docs_by_id, acts) for e in evidence):
            stated += 1
        judged.append(replace(actor, stance=label, stance_evidence=tuple(
            StanceEvidence(e["article"], e["start"], e["end"], e["polarity"], e["kind"])
            for e in evidence)))
    if not given and stated < MIN_POSITIONS:
        # a derived question that fewer than two actors take a position on in words is not the
        # story's central question: show none rather than a table of "unclear" (an act done by
        # several, "X will miss the game", "Y did not play", is news, not a debate)
        story.question = None
        story.actors = [replace(a, stance=None, stance_evidence=()) for a in story.actors]
        story.positions = []
        return
    story.question = question
    story.actors = judged
    story.positions = roll_up(story.actors)
