"""The relevance gate every favor/against passage must pass (issue 12).

Held-out audits found most wrong positions came from a passage of the actor that is not about
the question at all (a plan, a past event, an unrelated act), admitted because it was close in
meaning or pointed back with "it". The gate asks what the clause the actor holds names, not
how similar it is: it must name the question's thing (its object, a noun close to it, or a
pointer back at it) AND the question's act, its stopping/continuing counterpart, the predicate
asked about, or a word of taking a side (support, reject). A passage failing it states no
position on this question, so it is not evidence; the actor then stays "unclear".
"""

from __future__ import annotations

from newsweave.nlp.claims import lemma
from newsweave.stories.stance_polarity import (AGAINST, CONSEQUENCE_VERBS, CONTINUING, FAVOR,
                                               HARM, STOPPING, _act_noun_of)

# Verbs by which an actor takes a side on what they govern (not plans, wishes or agreements):
# the actor's own such verb counts as the side taken ("denied that he was the source").
SIDE_VERBS = {"deny", "reject", "dismiss", "refute", "dispute", "contest", "oppose", "condemn",
              "denounce", "criticize", "criticise", "support", "back", "endorse", "welcome",
              "approve", "favor", "favour", "advocate", "defend", "praise", "nominate",
              "propose", "recommend", "urge",
              # seeking or demanding a thing, or judging that something calls for it ("will
              # seek the death penalty", "the case warrants death")
              "seek", "pursue", "demand", "warrant", "deserve", "merit"}

# Verbs that answer a question of fact ("denied claims that he was the source"), unlike words
# of feeling or judgement ("encouraged", "premature").
FACT_VERBS = {"deny", "refute", "dispute", "contest", "dismiss", "reject", "confirm",
              "acknowledge", "admit", "concede"}

# why a passage was refused, shown with the check
NO_THING = "the clause does not name the question's matter"
NO_ACT = "the clause names the matter but not the question's act or a side taken on it"


def act_words(matter: dict) -> set[str]:
    """The lemmas that say the question's act happens or not: its verb, the act nouns, the
    stopping verb and its continuing counterparts, and the predicate of a "was X legal"
    question; words of taking a side count too."""
    words = set(matter.get("acts", ())) | set(matter.get("stop_acts", ()))
    if matter.get("verb"):
        words.add(matter["verb"])
    if matter.get("stop_acts") or words & STOPPING:
        words |= STOPPING | CONTINUING  # halting and going on are the act and its opposite
    if matter.get("predicate"):
        words.add(matter["predicate"])
    # a light verb's destination carries its act ("an escrow account" for "put money into an
    # escrow fund")
    words |= set(matter.get("light_words", ()))
    return words | FAVOR | AGAINST


def gate(held, matter: dict, names_thing: bool) -> str:
    """Why ``held`` (the tokens the actor holds) fails the gate, or "" when it passes.
    ``names_thing`` is the caller's finding that the clause names the thing or points back at
    it (noun, coreferent pointer); the act is checked here on the same clause."""
    if not names_thing:
        return NO_THING
    acts = act_words(matter)
    if matter.get("factual") and not matter.get("predicate"):
        # a question of fact ("Has the cap stopped the leak?") is answered by its act, not by
        # a word of taking a side ("encouraged", "welcomed")
        acts = acts - ((FAVOR | AGAINST) - set(matter.get("acts", ())) - set(
            matter.get("stop_acts", ())) - FACT_VERBS)
    predicate = matter.get("predicate", "")
    lemmas = {lemma(tok) for tok in held}
    if lemmas & CONSEQUENCE_VERBS and lemmas & HARM:
        return ""  # "the ferry would lead to a disaster": a harm foretold is a side taken
    for tok in held:
        lem = lemma(tok)
        if lem in acts or (predicate and lem in {predicate, "il" + predicate,
                                                  "un" + predicate}):
            return ""
        if matter.get("doer") and tok.pos_ == "NOUN" and _act_noun_of(
                tok, set(matter.get("acts", ()))):
            return ""  # "called for the resignation of X": the act asked of its doer
    return NO_ACT
