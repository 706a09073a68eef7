"""Corroboration and disputes, each with a check a reader can verify.

A claim is a group of statements of different articles (``align.align_statements``). Before a
statement counts as support for the claim's representative statement it must pass three checks:

1. it says the same thing (``says_same``): no part that disagrees (polarity, numbers of one unit,
   the members of one group — ``parts.agree``), and
   - when both are attributed: the same speaker and reported words close in meaning
     (SAME_SPEAKER_SIMILARITY between the reported clauses), or two speakers reporting the same
     of the same subject (TWO_VOICES_SIMILARITY, stricter);
   - otherwise the same agent and statements close in meaning (SAME_AGENT_SIMILARITY), or no
     agent on either side and near-identical meaning (NO_AGENT_SIMILARITY);
2. the claim-support function (``nlp.support``, measured on FNC-1) does not read its article as
   unrelated to the claim (its most reliable decision: F1 0.99 out of sample; its support and
   dispute decisions are about 0.55 precise on their own, too weak to decide alone);
3. it comes from another origin: articles of one wire story, one outlet or copies count once
   (``story.origins``), and so do two articles that share a long sentence of their own words
   word for word, or most of it in the same order (``copies.shared_sentence_links``: two
   takes of one wire story; only the writer's words count, as a quotation printed word for
   word by two outlets is what the speaker said, not a sign that one outlet copied the other),
   and a sentence that is word for word the representative's (a copy, whatever the outlet).

A claim is ``corroborated`` when two origins or more stand behind it after these checks.

A claim is ``disputed`` only when a passage of another origin contradicts it on a comparable part
(a divergence of kind negation, number or date between reports of the same day) *and* the
claim-support function reads that passage's article as leaning to dispute the claim rather than
support it. Both the rule and the model must agree: either alone is wrong too often.

>>> same_words("Nine rifles were seized, the navy said.", "Nine rifles were seized, the Navy said")
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from newsweave import lexicon
from newsweave.model import Article, Story
from newsweave.nlp.claims import NEGATIVE_PREDICATES, NEGATORS, entity_key
# The copy rules live with the copies stage (one detector); re-exported for callers here.
from newsweave.stories.copies import (COPY_MIN_WORDS, COPY_SIMILARITY,  # noqa: F401
                                      copied, narrative, same_words)
from newsweave.stories.claim_wording import shown_wording
from newsweave.stories.origins import WIRES
from newsweave.stories.parts import LIGHT_PREDICATES, agree, dates_conflict
from newsweave.stories.quote_checks import NAMELESS_KINDS
from newsweave.stories.statements import Statement, _agents, _overlaps, same_entity

# Cosine similarities of MiniLM vectors at which two statements say the same thing: between the
# reported clauses of one speaker; between two statements of one agent; between two statements
# that name no agent (only a near paraphrase).
SAME_SPEAKER_SIMILARITY = 0.65
TWO_VOICES_SIMILARITY = 0.75
SAME_AGENT_SIMILARITY = 0.72
NO_AGENT_SIMILARITY = 0.85
# Candidates below this combined score are not checked at all.
CORROBORATION_SIMILARITY = 0.6
# Entity labels that act: a shared one anchors two statements to one act. Places and
# nationalities ("Greek rioters", "between Europe and Asia") are the setting of most statements.
ACTOR_LABELS = {"PERSON", "ORG"}


# "has yet to endorse", "are yet to decide": what has not happened (no negator word in it).
_YET_TO = re.compile(r"\b(?:has|have|had|is|are|was|were|'s|\u2019s)\s+(?:\w+ly\s+)?yet\s+to\s",
                     re.IGNORECASE)


def denies(claim: dict) -> bool:
    """Whether a statement denies or refuses anything: a negator or a verb of denying anywhere
    in it, or a negated main verb. Two statements of which only one denies do not say the same
    ("does not require surgery" is no support for "underwent an MRI"), whatever their topic.

    >>> denies({"text": "Italy said its support excludes troops.", "lemmas": ["exclude"]})
    True
    >>> denies({"text": "Bush underwent an MRI.", "lemmas": ["undergo", "mri"]})
    False
    >>> denies({"text": "Trump has yet to endorse Ryan's re-election bid.", "lemmas": []})
    True
    """
    if claim.get("negated") or _YET_TO.search(claim.get("text", "")):
        return True
    words = set(re.findall(r"[a-z]+(?:'t)?", claim.get("text", "").lower().replace("\u2019", "'")))
    if words & NEGATORS or any(w.endswith("n't") for w in words):
        return True
    return bool(set(claim.get("lemmas", ())) & NEGATIVE_PREDICATES)


# Verbs that ask rather than assert: "Waxman asked the executives whether BP made mistakes"
# states nothing about BP's mistakes, "the president asked BP for a contribution" no payment;
# a demand ("demanded", "calling for a special prosecutor") asks for what has not happened.
ASKING = {"ask", "wonder", "inquire", "enquire", "query", "question", "request", "urge",
          "demand"}
_ASK_STEMS = {"inquire": "inquir", "enquire": "enquir", "query": "quer", "urge": "urg"}
_CALL_FOR = re.compile(r"^call(?:s|ed|ing)?\s+for$", re.IGNORECASE)
# A sentence that ends in a question mark, inside its quotation marks or not.
_QUESTION = re.compile(r"\?[\s\"'\u201d\u2019)\]]*$")


def asks(claim: dict) -> bool:
    """Whether a statement asks or requests: its main verb or verb of saying does (see
    ASKING), or it is a question ("How many times do we have to see this?" states nothing).

    >>> asks({"predicate": "ask", "cue": None}), asks({"predicate": "fall", "cue": "say"})
    (True, False)
    >>> asks({"predicate": "make", "cue": "queried"})
    True
    >>> asks({"predicate": "join", "cue": "calling for"})
    True
    >>> asks({"predicate": "have", "cue": "said", "text": '"How many times must we see this?"'})
    True
    """
    if claim.get("predicate") in ASKING or _QUESTION.search(claim.get("text", "")):
        return True
    # the cue may be the quotes stage's word as written ("asked"), not a lemma
    cue = (claim.get("cue") or "").split()
    return bool(cue) and (_CALL_FOR.match(" ".join(cue)) is not None or any(
        cue[-1].startswith(_ASK_STEMS.get(verb, verb)) for verb in ASKING))


# ----------------------------------------------------------------------------- one proposition
# Verbs that only discuss what may happen, or wait for it: "we're expecting BP to confirm
# whether", "we will have to wait until tomorrow", "the board will decide in July". Such a
# passage states nothing that happened, so it supports only a statement that discusses too.
DISCUSSING = ASKING | {"wait", "expect", "speculate", "consider", "debate", "weigh", "mull",
                       "wonder", "predict", "anticipate", "hope", "await",
                       # an intention is not the act: "was ready to build barriers"
                       "ready", "intend", "want", "plan", "prepare"}
# ... and "decide", "determine", "confirm" when still to come (a modal or "to" before them).
DECIDING = {"decide", "determine", "confirm", "announce", "rule", "vote"}
_WHETHER = re.compile(r"\b(?:whether|if or when)\b", re.IGNORECASE)
# An expectation or an intention worded around the verb the parse took as the predicate
# ("said it expected BP to face", "was ready to build barriers").
_EXPECTING = re.compile(r"\b(?:expects?|expected|expecting)\b|\b(?:ready|prepared|planning|"
                        r"plans?|planned|wants?|wanted|intends?|intended) to\b", re.IGNORECASE)


# A headline named as a headline: 'an article entitled "DNA results confirm ..."' reports what
# another site wrote, it does not say so.
_TITLED = re.compile(r"\b(?:entitled|titled|headlined|(?:under|with) the (?:headline|title))"
                     r"\s*[,:]?\s*[\"“‘']", re.IGNORECASE)


def discusses(claim: dict) -> bool:
    """Whether a statement only discusses, asks or waits (see DISCUSSING): its main or saying
    verb is one of them, a deciding verb is still to come, it asks "whether", or it names a
    headline as a headline ("an article entitled '...' has shocked fans").

    >>> discusses({"text": "Analysts expect BP to confirm whether it will pay.",
    ...            "predicate": "confirm", "cue": None, "lemmas": ["expect", "confirm"]})
    True
    >>> discusses({"text": "BP cut its dividend.", "predicate": "cut", "cue": None,
    ...            "lemmas": ["bp", "cut", "dividend"]})
    False
    """
    text = claim.get("text", "")
    # "has no plans to deploy", "does not expect to halt": a denial states something
    if asks(claim) or _WHETHER.search(text) or _TITLED.search(text) or (
            _EXPECTING.search(text) and not claim.get("negated")):
        return True
    verbs = {claim.get("predicate"), (claim.get("cue") or "").lower()} - {None, ""}
    if verbs & DISCUSSING:  # the statement's own verbs, not any word in it
        return True
    return claim.get("predicate") in DECIDING and bool(
        set(claim.get("modality") or ()) & {"will", "would", "may", "could", "should"})


# Verbs that tell one event in other words (news usage). Two statements of one event must
# share the predicate (or have it among each other's words), be in one of these groups, or be
# near paraphrases (NEAR_PARAPHRASE).
EVENT_SYNONYMS = [
    {"cut", "sever", "damage", "break", "rupture", "snap", "slice"},
    {"disrupt", "hamper", "affect", "hit", "interrupt", "cripple", "slow", "degrade"},
    {"kill", "die", "dead", "slay", "murder"},
    {"shoot", "fire", "gun", "open"},
    {"arrest", "detain", "apprehend", "hold", "custody"},
    {"charge", "accuse", "indict"},
    {"injure", "wound", "hurt"},
    {"attack", "assault", "storm", "raid", "target", "firebomb"},
    {"riot", "clash", "protest", "battle", "fight"},
    {"rise", "climb", "gain", "jump", "surge", "soar"},
    {"fall", "drop", "decline", "slide", "plunge", "tumble", "sink"},
    {"downgrade", "lower", "cut"},
    {"release", "free", "return"},
    {"close", "shut", "suspend", "halt", "stop"},
    {"agree", "accept", "consent"},
    {"establish", "set", "create", "form", "launch"},
    {"pay", "compensate", "fund"},
    {"leak", "spill", "gush", "flow"},
    {"resign", "quit", "step"},
    {"seize", "capture", "take"},
    {"reroute", "divert", "redirect"},
    {"repair", "fix", "restore", "mend"},
]
_SYNONYMS: dict[str, set[str]] = {}
for _group in EVENT_SYNONYMS:
    for _verb in _group:
        _SYNONYMS.setdefault(_verb, set()).update(_group)
# Statements this close in meaning tell one event whatever their verbs.
NEAR_PARAPHRASE = 0.85
# ... and the same speaker's reported words this close state one position.
SAME_SPEAKER_PROPOSITION = 0.69
NUMBER_TOLERANCE = 0.02  # two values are one number within 2 % (rounding, "65%" / "65 percent")


# Verbs that link a subject to a state ("will remain closed", "is down"): like the light
# predicates, they name no event; the state word does.
COPULAS = LIGHT_PREDICATES | {"remain", "become", "seem", "appear", "stay", "continue", "keep"}
# The shortest stem two inflected forms must share ("closed" / "close", "shootings" / "shoot").
STEM = 4


def _event_words(claim: dict) -> set[str]:
    words = {w.lower() for w in claim.get("lemmas", ()) if w}
    if claim.get("predicate"):
        words.add(claim["predicate"].lower())
    return words


def _inflected(word: str, words: set[str]) -> bool:
    """Whether ``word`` stands in ``words``, maybe inflected ("close" in "closed")."""
    return word in words or (len(word) >= STEM and any(
        w.startswith(word) and len(w) - len(word) <= 3 for w in words))


def same_event(r: dict, s: dict) -> str | None:
    """The event two statements share, in words, or None: the same predicate, a predicate
    among the other's words ("downgraded" / "the downgrade", "close" / "will remain closed"),
    or predicates of one group of EVENT_SYNONYMS. A light or linking predicate ("be", "have",
    "say", "remain") names no event: the other side's event verb must then stand among its
    words, and when neither side has an event verb they must share a content word.

    >>> same_event({"predicate": "cut", "lemmas": ["cable", "cut"]},
    ...            {"predicate": "damage", "lemmas": ["cable", "damage"]})
    "'cut' / 'damage'"
    >>> same_event({"predicate": "downgrade", "lemmas": ["fitch", "downgrade", "bp"]},
    ...            {"predicate": "expect", "lemmas": ["fitch", "expect", "dividend"]}) is None
    True
    >>> same_event({"predicate": "close", "lemmas": ["plant", "close"]},
    ...            {"predicate": "remain", "lemmas": ["plant", "remain", "closed"]})
    "'close'"
    >>> apple = [{"key": "apple", "label": "ORG"}]
    >>> same_event({"predicate": "be", "lemmas": ["apple", "expensive"], "entities": apple},
    ...            {"predicate": "be", "lemmas": ["apple", "gold"], "entities": apple})
    """
    pr, ps = r.get("predicate"), s.get("predicate")
    if pr in lexicon.SAYING_VERBS and ps in lexicon.SAYING_VERBS:
        # the verb is the act of saying ("underscored ..., stating that" / "cautioned"): the
        # event is what was said, compared by the reported words (``says_same``)
        return f"'{pr}' / '{ps}': both report what was said"
    wr, ws = _event_words(r), _event_words(s)
    for a, words in ((pr, ws), (ps, wr)):
        if a in COPULAS:
            continue
        if _inflected(a, words):
            return f"'{a}'"
        near = sorted(w for w in _SYNONYMS.get(a, set()) if _inflected(w, words))
        if near:
            return f"'{a}' / '{near[0]}'"
    if pr in COPULAS and ps in COPULAS:
        # a name both mention is what they are about, not what they state of it ("Apple's
        # watch is the luxury version" / "there is little doubt the Apple watch could be the
        # most expensive gadget")
        names = {w for c in (r, s) for e in c.get("entities", ())
                 for w in (e.get("key") or "").split()}
        shared = sorted((wr & ws) - COPULAS - names)
        return f"no event verb; both say '{shared[0]}'" if shared else None
    return None


def _values(claim: dict) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for n in claim.get("numbers", ()):
        try:
            value = float(n["value"])
        except (KeyError, TypeError, ValueError):
            continue
        # one unit however written ("Barrels" / "barrel")
        unit = (n.get("unit") or "").lower().removesuffix("s")
        if not (unit in {"", "year"} and 1900 <= value <= 2100):  # a bare year is a date
            out.setdefault(unit, []).append(value)
    return out


def shares_numbers(r: dict, s: dict) -> bool:
    """Whether the two statements agree on the numbers they both give: for every unit both
    count, a value in common ("83.3 percent of Greeks" is not supported by another poll's
    "68 percent"). A supporter that gives no number of a unit supports the rest.

    >>> n = lambda v, unit="percent": {"value": v, "unit": unit}
    >>> shares_numbers({"numbers": [n(83.3)]}, {"numbers": [n(68)]})
    False
    >>> shares_numbers({"numbers": [n(65)]}, {"numbers": [n(65.0), n(12, "day")]})
    True
    >>> shares_numbers({"numbers": [n(2, "count")]}, {"numbers": []})
    True
    >>> shares_numbers({"numbers": [n(1000, "barrel")]}, {"numbers": [n(100000, "Barrels")]})
    False
    >>> shares_numbers({"numbers": [n(1000, None)]}, {"numbers": [n(100000, "barrels")]})
    False
    >>> shares_numbers({"numbers": [n(60)]}, {"numbers": [n(7.7e9, "usd")]})
    False
    >>> shares_numbers({"numbers": [n(60, None)]}, {"numbers": [n(60, "usd")]})
    True
    """
    theirs, ours = _values(s), _values(r)
    if ours and theirs and not (set(ours) & set(theirs)) and "" not in ours and \
            "" not in theirs:
        # both count, but different things ("dragged profit down by 60 percent" / "cost rose
        # by $7.7bn"): two figures, not one
        return False
    for unit, mine in ours.items():
        # a bare number ("1,000 barrels a day" read without its unit) meets every unit
        other = theirs.get(unit) if unit else [v for vs in theirs.values() for v in vs]
        if other and not any(abs(a - b) <= NUMBER_TOLERANCE * max(abs(a), abs(b), 1e-9)
                             for a in mine for b in other):
            return False
    return True


def gives_no_more(part: dict, whole: dict) -> bool:
    """Whether ``part`` states no number and no date or time that ``whole`` does not state too
    (``whole`` may state more): the passage a claim is narrowed to adds no detail of its own
    ("died on Friday" for "has died"; "in July 1973" for "on June 27, 1973").

    >>> d = lambda text, value=None: {"text": text, "value": value}
    >>> gives_no_more({"dates": [d("Friday")]}, {"dates": []})
    False
    >>> gives_no_more({"dates": [d("Thursday", "2008-12-18")]},
    ...               {"dates": [d("on Thursday", "2008-12-18")], "numbers": []})
    True
    >>> gives_no_more({"dates": [d("the second Tuesday of every month")]},
    ...               {"text": "on the second Tuesday of each month", "dates": []})
    True
    >>> gives_no_more({"dates": [d("July 1973")]}, {"text": "On June 27, 1973, he pleaded."})
    False
    >>> gives_no_more({"numbers": [{"value": 95, "unit": "year"}]},
    ...               {"numbers": [{"value": 95.0, "unit": "years"}]})
    True
    """
    theirs = [v for vs in _values(whole).values() for v in vs]
    for values in _values(part).values():
        if not all(any(abs(a - b) <= NUMBER_TOLERANCE * max(abs(a), abs(b), 1e-9)
                       for b in theirs) for a in values):
            return False
    their_values = {other.get("value") for other in whole.get("dates") or ()} - {None}
    their_words = set(_DATE_WORD.findall((whole.get("text") or "").lower()))
    for date in part.get("dates") or ():
        if date.get("value") and date["value"] in their_values:
            continue
        # the date's own words, each in the whole ("the second Tuesday of every month" in
        # "on the second Tuesday of each month"; not "Friday" in "has died")
        words = set(_DATE_WORD.findall((date.get("text") or "").lower())) - _DATE_FILLER
        if not words <= their_words:
            return False
    return True


_DATE_WORD = re.compile(r"[a-z]+|\d+")
# Words around a date that name no time of their own.
_DATE_FILLER = {"the", "of", "on", "in", "at", "a", "an", "each", "every", "this", "that",
                "shortly", "just", "about", "around", "some", "early", "late", "by", "until"}


# "was on probation for a previous DUI arrest": an event of another, earlier occasion.
_EARLIER = re.compile(r"\b(?:previous|prior|earlier|past)\s+(?:[\w-]+\s+){0,2}?"
                      r"(?:arrest|conviction|charge|attack|shooting|crash|case|incident|"
                      r"offen[cs]e|spill|leak|quake|earthquake|election|vote|trial)s?\b",
                      re.IGNORECASE)


def _earlier_occasion(claim: dict) -> bool:
    """Whether a statement tells of an event's earlier occasion ("a previous DUI arrest").

    >>> _earlier_occasion({"text": "He was on probation for a previous DUI arrest."})
    True
    >>> _earlier_occasion({"text": "He was arrested on a DUI charge on Tuesday."})
    False
    """
    return bool(_EARLIER.search(claim.get("text", "")))


# Modals of what is only possible: "could face charges" is not "faces charges".
POSSIBLE = {"could", "may"}


def _possible(claim: dict) -> bool:
    """Whether a statement's verb is only possible ("could", "may", "might").

    >>> _possible({"modality": ["could"]}), _possible({"modality": ["will"]})
    (True, False)
    """
    return bool(set(claim.get("modality") or ()) & POSSIBLE)


def same_proposition(r: Statement, s: Statement) -> str | None:
    """Why ``s`` states the proposition ``r`` states (not only its topic or speaker), or None:
    both or neither only discuss (``discusses``), one event (``same_event``, or a near
    paraphrase), the claim's numbers and no other date."""
    if discusses(r.claim) != discusses(s.claim):
        return None
    if not shares_numbers(r.claim, s.claim) or dates_conflict(r.claim, s.claim):
        return None
    if _earlier_occasion(r.claim) != _earlier_occasion(s.claim):
        return None  # "arrested on a DUI charge" / "on probation for a previous DUI arrest"
    if _possible(r.claim) != _possible(s.claim):
        return None  # "speaks directly to white people" / "she could speak directly to ..."
    event = same_event(r.claim, s.claim)
    if event is not None:
        return f"same event {event}"
    both_said = bool(r.claim.get("speaker") and s.claim.get("speaker"))
    core = float(r.core @ s.core) if both_said else float(r.full @ s.full)
    if core >= NEAR_PARAPHRASE:
        return f"near paraphrase (similarity {core:.2f})"
    # one speaker's position put in other words ("excludes troops" / "did not entail sending
    # troops"): the reported words must be closer than for a mere same-speaker match
    if both_said and core >= SAME_SPEAKER_PROPOSITION and _overlaps(
            _speakers(r.claim), _speakers(s.claim)):
        return f"one speaker's reported words in other words (similarity {core:.2f})"
    return None


# ----------------------------------------------------------------------------- readable alone
_OPENERS = re.compile(r"^[\"'\u201c\u2018(\[]*")
# A subordinate clause cut from its sentence: a subordinator with no main clause after a comma
# ("When three undersea cables were damaged"), or a relative pronoun.
_SUBORDINATE = re.compile(r"^(?:(?:just|even|only|right|soon|long)\s+)?(?:when|while|whereas|"
                          r"because|although|though|if|unless|until|since)\b"
                          r"(?!.*,)", re.IGNORECASE | re.DOTALL)
# A sentence the page lost words of ('Obama said on .'): a preposition with nothing after it.
_CUT_SHORT = re.compile(r"\b(?:on|in|at|to|by|with|for|of|from|about)\s*[.!?]?[\"\u201d']?\s*$",
                        re.IGNORECASE)
_RELATIVE = re.compile(r"^(?:which|who|whom|whose|where)\b", re.IGNORECASE)
# A quantifier standing for people named before ("One was charged with murder"): who?
_ELLIPTIC = re.compile(r"^(?:one|some|both|neither|either|none|most|many|several|all)\s+"
                       r"(?:was|were|is|are|had|has|have|will|would|of them)\b", re.IGNORECASE)


# "he said", "she bluntly told", "they added": a pronoun as the subject of a reporting verb.
_PRONOUN_SAYS = re.compile(
    r"\b(?:he|she|they)\s+(?:\w+ly\s+)?(?:said|says|added|adds|told|tells|explained|explains|"
    r"continued|continues|stated|states|noted|notes|wrote|writes|asked|asks|responded|responds|"
    r"replied|replies|insisted|insists|warned|warns|argued|argues|claimed|claims)\b|"
    # "the Jerusalem Post quoted him saying": quoted whom?
    r"\bquot(?:ed|es|ing)\s+(?:him|her|them)\b", re.IGNORECASE)
# A pointer at a picture beside the text ("a woman calling herself X (left) announced"): the
# claim leans on something the briefing does not show.
_PICTURE_POINTER = re.compile(r"\((?:left|right|centre|center|pictured|above|below|top|"
                              r"bottom|inset|second (?:left|right)|far (?:left|right))\)",
                              re.IGNORECASE)


def _names_speaker(text: str, speaker: str | None) -> bool:
    """Whether the text names its resolved speaker (a capitalised word of the name)."""
    words = [w for w in re.findall(r"\w+", speaker or "") if w[:1].isupper() and len(w) > 2]
    return any(re.search(r"\b" + re.escape(w) + r"\b", text) for w in words)


def readable(text: str, speaker: str | None = None) -> bool:
    """Whether a claim's text reads alone: it starts a sentence (a capital or a digit, not a
    subordinate clause cut from its sentence: "when three cables were damaged", "that is not
    the case"), does not open on a word that points back ("He said", "And it", "But"), and
    does not open or close a quotation it does not also close or open ("And this fund will
    not be controlled by BP.).

    >>> readable("that is not the case with BP."), readable("When the leak began, BP said so.")
    (False, True)
    >>> readable('"And this fund will not be controlled by BP.'), readable("He said it fell.")
    (False, False)
    >>> readable('"We will pay," BP said.'), readable("65% of traffic to India is down")
    (True, True)
    >>> readable("One was charged with murder."), readable("One man was charged with murder.")
    (False, True)

    Words given to "he" do not read alone even when the speaker was resolved to a name: a
    reader sees "he said" with no one named (auditors mark such a claim a fragment), so a
    passage that names the speaker is preferred as the claim's text:

    >>> q = '"Of course we will not send troops," he said.'
    >>> readable(q), readable(q, speaker="Matthew Miller")
    (False, False)
    >>> readable("Asked about the levy she bluntly said the fund was closed.", speaker="Ann Lee")
    False
    >>> readable('"We are closed," Lee said, and she added that the fund was empty.', "Ann Lee")
    True
    """
    from newsweave.stories.summarize import _DANGLING

    body = _OPENERS.sub("", text.strip())
    if not body or not (body[0].isupper() or body[0].isdigit()):
        return False
    pointing = _DANGLING.match(text.strip()) or (
        _PRONOUN_SAYS.search(text) and not _names_speaker(text, speaker)) or \
        _person_pronoun_first(text) or _kind_for_a_name(body) or \
        _bare_quotation(text) or _PICTURE_POINTER.search(text) or _CUT_SHORT.search(text)
    if pointing or any(
            rule.match(body) for rule in (_SUBORDINATE, _RELATIVE, _ELLIPTIC)):
        return False
    straight = text.count('"') % 2
    curly = text.count("\u201c") != text.count("\u201d")
    return not (straight or curly)


def _bare_quotation(text: str) -> bool:
    """Whether a claim is a quotation and nothing else (no one named as saying it), or opens a
    quotation it never closes (a quote running on from the paragraph before): whose words they
    are is in a sentence not shown.

    >>> _bare_quotation("\u201c[We] have the right to do so.\u201d")
    True
    >>> _bare_quotation("\u2018It should be supported because it is a pillar of Islam.")
    True
    >>> _bare_quotation('"We will pay," BP said.'), _bare_quotation('BP said: "We will pay."')
    (False, False)
    """
    t = text.strip()
    if not t or t[0] not in "\"\u201c\u2018'":
        return False
    # the first closing mark that is not an apostrophe inside a word ("it\u2019s", "don't")
    m = re.match(r"^.((?:(?![\"\u201d\u2019'](?!\w)).)*)[\"\u201d\u2019'](?!\w)(.*)$", t,
                 re.DOTALL)
    return m is None or not re.search(r"[A-Za-z]", m.group(2))


_PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "hers", "himself", "herself"}
# Words a parse may make a speaker that name no one ("it", "they", "she").
_NOT_A_NAME = frozenset(_PERSON_PRONOUNS | lexicon.PERSON_PRONOUNS | lexicon.GROUP_PRONOUNS)
_FUNCTION_WORDS = {"as", "when", "while", "after", "before", "in", "on", "at", "the", "a", "an",
                   "but", "and", "since", "if", "although", "during", "with", "for", "by",
                   "from", "once", "until", "asked", "speaking"}


def _kind_for_a_name(body: str) -> bool:
    """Whether a claim opens on a body named only by its kind ("The company also says ...",
    "The committee found ..."): which one is in a sentence not shown.

    >>> _kind_for_a_name("The company also says the tests differed."), _kind_for_a_name(
    ...     "The company's shares fell.")
    (True, False)
    """
    words = body.split(maxsplit=2)
    return len(words) >= 3 and words[0] == "The" and words[1].lower() in NAMELESS_KINDS


def _person_pronoun_first(text: str) -> bool:
    """Whether a person's pronoun comes before any name ("As he delivered the update on Sunday,
    he also defended the decision"): whom it means is in a sentence not shown.

    >>> _person_pronoun_first("As he delivered the update, he defended it.")
    True
    >>> _person_pronoun_first("Admiral Allen said he defended it.")
    False
    """
    for i, word in enumerate(re.findall(r"[\w'\u2019-]+", text)):
        if word.lower() in _PERSON_PRONOUNS:
            return True
        if word[:1].isupper() and not (i == 0 and word.lower() in _FUNCTION_WORDS):
            return False
    return False


# A quotation's attribution to a pronoun ('"...," he said'): the pronoun is group 1.
_QUOTE_TO_PRONOUN = re.compile(
    r"[\"\u201d\u2019'],?\s+(he|she|they)\s+(?:\w+ly\s+)?(?:said|says|added|told|explained|"
    r"continued|stated|noted|wrote|asked|responded|replied|insisted|warned|argued|claimed)\b",
    re.IGNORECASE)


def with_speaker(text: str, speaker: str | None) -> str | None:
    """The text with its speaker's name in brackets after the pronoun a quotation is given to,
    as an editor adds a name a reader needs ('"...," he [Matthew Miller] said.'); None when no
    quotation is given to a pronoun, the text names its speaker already, or the speaker is no
    name.

    >>> with_speaker('"We will not send troops," he said.', "Matthew Miller")
    '"We will not send troops," he [Matthew Miller] said.'
    >>> with_speaker('"We will not," he said.', "a spokesman") is None
    True
    """
    m = _QUOTE_TO_PRONOUN.search(text)
    if m is None or not re.search(r"\b[A-Z][a-z]", speaker or "") \
            or _names_speaker(text, speaker) or any(c in (speaker or "") for c in "[]"):
        return None
    return f"{text[:m.end(1)]} [{speaker}]{text[m.end(1):]}"


# ----------------------------------------------------------------------------- relayed outlets
_OUTLET_NAMES = "|".join(sorted((re.escape(k) for k in WIRES if len(k) > 2), key=len,
                                reverse=True))
# "according to Bloomberg", "told Bloomberg", "Bloomberg reported", "(AP)", "the AP reported";
# the two-letter credits ("AP", "PA", "CP") only in capitals, as "told ap" is no credit
_SHORT_NAMES = "|".join(k.upper() for k in WIRES if len(k) <= 2)
_NAME = rf"(?:{_OUTLET_NAMES}|(?-i:{_SHORT_NAMES}))"
_RELAY = re.compile(
    rf"\baccording to (?:the )?(?P<a>{_NAME})\b|\b(?P<told>told) (?:the )?(?P<b>{_NAME})\b"
    rf"|\b(?:the )?(?P<c>{_NAME})(?: news agency| reported| reports| said| says)\b"
    rf"|\((?P<d>AP|AFP|Reuters|Bloomberg|dpa|UPI)\)", re.IGNORECASE)
_QUOTED = re.compile(r'["\u201c]([^"\u201c\u201d]{10,})["\u201d]')
# Consecutive words two quotations share before one is taken from the other's interview.
INTERVIEW_RUN = 6


def relayed_outlet(text: str) -> str | None:
    """The news agency a statement relays ("..., according to Bloomberg.", "told Reuters",
    "AP news agency reports"), by the name readers know it by, or None.

    >>> relayed_outlet("Vodafone's service was hit, according to Bloomberg.")
    'Bloomberg'
    >>> relayed_outlet("Orange officials told Bloomberg that traffic was down.")
    'Bloomberg'
    >>> relayed_outlet("The firm said a spill was unlikely, AP news agency reports.")
    'Associated Press'
    >>> relayed_outlet("The cables were cut near Alexandria.") is None
    True
    """
    found = _RELAY.search(text)
    if found is None:
        return None
    name = next(v for k, v in found.groupdict().items() if v and k != "told")
    return WIRES.get(name.lower())


def interview_words(text: str) -> tuple[str, list[str]] | None:
    """When a statement quotes words said to a news agency ("... ," he told AP news agency), the
    agency and the quoted words in lower case: an interview is one origin, so the same words in
    another outlet came through that agency.

    >>> interview_words('"The spill is expanding much quicker than they estimated," he told AP.')
    ('Associated Press', ['the', 'spill', 'is', 'expanding', 'much', 'quicker', 'than', 'they', \
'estimated'])
    >>> interview_words('The spill is growing, AP news agency reports.') is None
    True
    """
    found = _RELAY.search(text)
    if found is None or not found.group("told"):
        return None
    words = [w for q in _QUOTED.findall(text) for w in re.findall(r"[a-z0-9']+", q.lower())]
    return (WIRES[found.group("b").lower()], words) if words else None


def shares_run(a: list[str], b: list[str], run: int = INTERVIEW_RUN) -> bool:
    """Whether two word lists share ``run`` consecutive words."""
    grams = {tuple(a[i:i + run]) for i in range(len(a) - run + 1)}
    return any(tuple(b[i:i + run]) in grams for i in range(len(b) - run + 1))


def _speakers(claim: dict) -> set[str]:
    """Who speaks: the speaker's key and the names inside the speaker's phrase ("the Italian
    government" -> italian), and, when the speaker is the subject of the sentence ("Kremlin
    spokesperson Dmitry Peskov underscored ..., stating that"), the people and organisations
    of that subject; never a place or subject named in what was said."""
    entities = claim.get("entities", ())
    name = entity_key(claim.get("speaker") or "")
    keys = {e["key"] for e in entities if e["role"] == "speaker" and e["key"]}
    if name:
        keys.add(name)
    agents = [e for e in entities if e["role"] == "agent" and e["key"]]
    keys |= {e["key"] for e in agents if set(e["key"].split()) <= set(name.split())}
    if name and any(same_entity(name, e["key"]) for e in agents):
        # (the body a spokesperson speaks for, not another person: "Obama's chief of staff,
        # Rahm Emanuel" is not Obama)
        keys |= {e["key"] for e in agents if e["label"] in ACTOR_LABELS and (
            e["label"] != "PERSON" or same_entity(name, e["key"]))}
    return keys


def _named_speaker(claim: dict) -> bool:
    """Whether the speaker is named (a person, organisation or place), not "a spokesman"."""
    return any(e["role"] == "speaker" for e in claim.get("entities", ())) or bool(
        re.search(r"\b[A-Z][a-z]", claim.get("speaker") or ""))


def _actors(claim: dict) -> set[str]:
    """The people and organisations that act in a statement (subject or speaker)."""
    keys = {e["key"] for e in claim.get("entities", ())
            if e["role"] in {"agent", "speaker"} and e["label"] in ACTOR_LABELS and e["key"]}
    if claim.get("speaker"):
        keys.add(entity_key(claim["speaker"]))
    return {k for k in keys if k}


# "than the other available alternatives" / "than oil alone": what a comparison is made with.
_THAN = re.compile(r"\bthan\s+(?:the\s+|a\s+|an\s+|other\s+|any\s+|available\s+)*"
                   r"([a-z][a-z-]+)", re.IGNORECASE)
# Words after "than" that name no thing compared with ("than expected", "than ever").
_THAN_NO_THING = {"expected", "forecast", "predicted", "anticipated", "thought", "usual",
                  "ever", "before", "previously", "planned", "estimated", "feared", "hoped",
                  "last", "in", "at", "during", "for", "that", "those", "it", "they", "we",
                  "he", "she", "one", "ones", "originally", "initially", "first"}


def compared_to_other(a: str, b: str) -> bool:
    """Whether two statements compare with different things ("no more toxic than the other
    available alternatives" / "no more toxic than oil alone"): two findings, not one.

    >>> compared_to_other("X was no more toxic than the other available alternatives.",
    ...                   "X is no more toxic than oil alone.")
    True
    >>> compared_to_other("Sales rose faster than expected.", "Sales grew more than forecast.")
    False
    """
    words = []
    for text in (a, b):
        found = {m.group(1).lower() for m in _THAN.finditer(text)} - _THAN_NO_THING
        words.append({w[:-1] if w.endswith("s") else w for w in found})
    return bool(words[0]) and bool(words[1]) and not words[0] & words[1]


def says_same(r: Statement, s: Statement) -> str | None:
    """Why statement ``s`` says what ``r`` says, or None (see check 1 of the module docstring)."""
    full = float(r.full @ s.full)
    if not agree(r.claim, s.claim, full) or denies(r.claim) != denies(s.claim) \
            or asks(r.claim) != asks(s.claim) or compared_to_other(r.claim.get("text", ""),
                                                                    s.claim.get("text", "")):
        return None
    speakers = [c.get("speaker") for c in (r.claim, s.claim)]
    if all(speakers):
        core = float(r.core @ s.core)
        if _overlaps(_speakers(r.claim), _speakers(s.claim)):
            return (f"same speaker, same reported words (similarity {core:.2f})"
                    if core >= SAME_SPEAKER_SIMILARITY else None)
        # two voices: what they report must be the same, about the same subject
        subject_r, subject_s = r.claim.get("content_agent"), s.claim.get("content_agent")
        if subject_r and subject_s and same_entity(entity_key(subject_r), entity_key(subject_s)) \
                and core >= TWO_VOICES_SIMILARITY:
            return f"two voices report the same of '{subject_r}' (similarity {core:.2f})"
        # an unnamed voice ("a spokesman said") can only repeat the other nearly word for word
        if not all(_named_speaker(c) for c in (r.claim, s.claim)) \
                and max(core, full) >= NO_AGENT_SIMILARITY:
            return f"unnamed voice, near paraphrase (similarity {max(core, full):.2f})"
        return None
    actors_r, actors_s = _actors(r.claim), _actors(s.claim)
    shared = next((x for x in actors_r for y in actors_s if same_entity(x, y)), None)
    if shared:
        return (f"same agent '{shared}' (similarity {full:.2f})"
                if full >= SAME_AGENT_SIMILARITY else None)
    if actors_r or actors_s:
        return None  # different actors, or an actor on one side only
    if full >= NO_AGENT_SIMILARITY:
        return f"near paraphrase (similarity {full:.2f})"
    return None


@dataclass
class Verdict:
    """What the checks found for one claim."""

    supporters: list[int]                 # statement indices that passed, the representative first
    origins: list[tuple[str, list[str]]]  # (label, article ids) per origin behind the claim
    disputed_by: list[int] = field(default_factory=list)  # statement indices
    dispute_checks: list[str] = field(default_factory=list)
    readable: bool = True                 # the claim's text reads alone (``readable``)
    relays: list[str] = field(default_factory=list)  # "article relays Agency" notes
    wording: str | None = None            # which passage the claim is shown as, and why
    # The text shown when it is not the passage's own words (``with_speaker``).
    shown: str | None = None

    @property
    def independent(self) -> int:
        return len(self.origins)

    @property
    def status(self) -> str:
        if self.disputed_by:
            return "disputed"
        # a fragment ("that is not the case with BP.") is no claim a reader can check
        return "corroborated" if self.independent >= 2 and self.readable else "single-source"

    def check(self) -> str:
        """The checks in words, as the briefing shows them."""
        named = "; ".join(label if ids == [label] else f"{label}: {', '.join(ids)}"
                          for label, ids in self.origins)
        relays = f"; {', '.join(self.relays)}" if self.relays else ""
        if self.independent >= 2 and self.readable:
            text = (f"{self.independent} independent origins ({named}; takes sharing a "
                    f"sentence of their own words, one outlet or one wire count once{relays}); "
                    f"each supporting passage states the same proposition as the claim (the "
                    f"same event verb or a near synonym, the claim's numbers, no other date, "
                    f"neither only discussing or asking unless both do), says the same (same "
                    f"speaker or agent, close meaning, no conflicting part, both or neither "
                    f"denying) and the claim-support model does not read its article as "
                    f"unrelated")
        elif self.independent >= 2:
            text = (f"{self.independent} origins ({named}{relays}), but the claim's text does "
                    f"not read alone (a clause fragment, a word pointing back, or a cut "
                    f"quotation): not shown as corroborated")
        else:
            text = f"one origin ({named}{relays})"
        if self.wording:
            text += f"; {self.wording}"
        if self.dispute_checks:
            text += "; disputed: " + "; ".join(self.dispute_checks)
        return text


def origin_of_articles(story: Story) -> dict[str, tuple[int, str]]:
    """Article id -> (origin group number, its label) from the copies stage (each article its
    own origin when it did not run)."""
    out: dict[str, tuple[int, str]] = {}
    for n, group in enumerate(story.origins or []):
        for aid in group.articles:
            out[aid] = (n, group.label)
    base = len(out) + len(story.origins or [])
    for k, aid in enumerate(story.articles):
        out.setdefault(aid, (base + k, aid))
    return out


def verify(rep: int, members: list[int], statements: list[Statement], sim: np.ndarray,
           story: Story, support: dict[tuple[int, str], dict[str, float]]) -> Verdict:
    """Apply the checks of the module docstring to one claim's statements.

    ``support[(rep, article)]`` holds the support model's probabilities for the representative
    statement against each other member's article (missing: not assessed, the check passes).

    Origins are the story's partition (``story.origins``: one wire, one outlet, copies and
    takes sharing a sentence), so an article sits in one origin for every claim; the only
    claim-level change is a relay: an article whose supporting passage relays a news agency
    ("according to Bloomberg") joins that agency's origin for this claim."""
    r = statements[rep]
    origin = origin_of_articles(story)
    kept = [rep]
    for k in members:
        s = statements[k]
        if k == rep or s.article == r.article:
            continue
        # it must state the claim's proposition, and say the same as the representative or
        # as a supporter already kept
        if float(sim[rep, k]) < CORROBORATION_SIMILARITY or same_proposition(r, s) is None \
                or not any(says_same(statements[j], s) is not None for j in kept):
            continue
        probs = support.get((rep, s.article))
        if probs is not None and max(probs, key=probs.get) == "unrelated":
            continue
        # a short sentence word for word a kept one of another origin is a copy that the
        # story's copy rule (long sentences only) could not see: it adds no support
        if any(same_words(statements[j].claim.get("text", ""), s.claim.get("text", ""))
               and origin[statements[j].article][0] != origin[s.article][0] for j in kept):
            continue
        kept.append(k)
    # Shown as a passage another origin states in full (``claim_wording``): a longer
    # representative would claim more than the other origins said.
    kept, wording = shown_wording(
        kept, statements, lambda aid: origin[aid][0],
        lambda s: readable(s.claim.get("text", ""), s.claim.get("speaker")),
        lambda part, whole: same_proposition(part, whole) is not None
        and gives_no_more(part.claim, whole.claim))
    if wording is not None:
        # The claim is now shown as a narrower passage: a supporter that matched another part of
        # the representative ("Iraqi officials said X was wounded, and a strategist said the
        # attack killed his aide" backed by "X had been killed") does not back what is shown.
        shown_as = statements[kept[0]]
        kept = [kept[0], rep] + [k for k in kept[1:] if k != rep and same_proposition(
            shown_as, statements[k]) is not None]
    r = statements[kept[0]]
    # Origins: the story's, with relaying articles joined to the relayed agency's origin.
    parent: dict[object, object] = {}

    def find(x: object) -> object:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    labels: dict[object, str] = {}
    relays: list[str] = []
    agency_key = {label.lower(): key for key, label in set(origin.values())}
    for k in kept:
        aid = statements[k].article
        key, label = origin[aid]
        labels.setdefault(key, label)
        agency = relayed_outlet(statements[k].claim.get("text", ""))
        if agency is None or agency.lower() == label.lower():
            continue
        target = agency_key.get(agency.lower(), ("relay", agency))
        labels.setdefault(target, agency)
        if find(key) != find(target):
            parent[find(key)] = find(target)
        note = f"{aid} relays {agency}"
        if note not in relays:
            relays.append(note)
    # Words given to an agency in an interview ("he told AP") reach every other outlet through
    # it: a passage quoting the same words joins the agency's origin.
    for k in kept:
        interview = interview_words(statements[k].claim.get("text", ""))
        if interview is None:
            continue
        agency, words = interview
        target = agency_key.get(agency.lower(), ("relay", agency))
        for j in kept:
            other = statements[j].claim.get("text", "")
            aid = statements[j].article
            theirs = [w for q in _QUOTED.findall(other) for w in re.findall(r"[a-z0-9']+",
                                                                           q.lower())]
            if j == k or find(origin[aid][0]) == find(target) or not shares_run(words, theirs):
                continue
            parent[find(origin[aid][0])] = find(target)
            relays.append(f"{aid} quotes words given to {agency}")
    groups: dict[object, list[str]] = {}
    for k in kept:
        aid = statements[k].article
        ids = groups.setdefault(find(origin[aid][0]), [])
        if aid not in ids:
            ids.append(aid)
    text, speaker = r.claim.get("text", ""), r.claim.get("speaker")
    reads, shown = readable(text, speaker), None
    same_speaker = all(entity_key(statements[k].claim.get("speaker") or "")
                       == entity_key(speaker or "") for k in kept)
    # A quotation given to "he" reads alone with the speaker's name added, when every origin's
    # passage was given to that same named speaker: two independent attributions agree.
    if not reads and len(groups) >= 2 and same_speaker:
        candidate = with_speaker(text, speaker)
        if candidate is not None and readable(candidate, speaker):
            reads, shown = True, candidate
            note = (f"shown with the speaker's name in brackets ({speaker}), whom every "
                    f"supporting passage is attributed to")
            wording = f"{wording}; {note}" if wording else note
    elif reads and speaker and not _names_speaker(text, speaker) and same_speaker and \
            re.match(r"[A-Z][\w.'\u2019-]*[a-z]", speaker) and \
            speaker.split()[0].lower() not in _NOT_A_NAME:
        # (a name: "it" or "the karma of past actions", what the parse made a speaker, is none)
        # a sentence inside someone's quotation ("BP will not be quitting America." inside
        # Dudley's speech) reads as the writer's fact without who said it; every origin gives
        # it to the same speaker, so it is shown as theirs
        shown = f"{speaker}: {text}"
        note = f"shown as the words of {speaker}, whom every supporting passage quotes"
        wording = f"{wording}; {note}" if wording else note
    return Verdict(kept, [(labels[g], ids) for g, ids in groups.items()],
                   readable=reads, relays=relays, wording=wording, shown=shown)


def support_pairs(claims: list[tuple[int, list[int]]], statements: list[Statement],
                  articles: dict[str, Article], sim: np.ndarray
                  ) -> list[tuple[int, str]]:
    """The (representative, article) pairs the support check needs: one per candidate
    supporter's article (those that pass the similarity check)."""
    pairs: dict[tuple[int, str], None] = {}
    for rep, members in claims:
        for k in members:
            aid = statements[k].article
            if k != rep and aid != statements[rep].article and aid in articles \
                    and float(sim[rep, k]) >= CORROBORATION_SIMILARITY:
                pairs[(rep, aid)] = None
    return list(pairs)


def assess(pairs: list[tuple[int, str]], statements: list[Statement],
           articles: dict[str, Article], config) -> dict[tuple[int, str], dict[str, float]]:
    """The support model's probabilities for each (statement, article) pair."""
    from newsweave.nlp.support import assess_pairs

    if not pairs:
        return {}
    results = assess_pairs([(statements[k].claim["text"], articles[aid]) for k, aid in pairs],
                           config=config)
    return {pair: dict(result.probabilities) for pair, result in zip(pairs, results)}


def leans_to_dispute(probs: dict[str, float] | None) -> bool:
    """Whether the support model reads an article as disputing a claim rather than supporting
    it (used only together with a rule that found a contradiction)."""
    if probs is None:
        return False
    return probs.get("disputes", 0.0) > probs.get("supports", 0.0)
