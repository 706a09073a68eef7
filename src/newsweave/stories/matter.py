"""Whether two statements of different reports are one statement told twice, or two statements
about one event: the checks every divergence and every dispute must pass (audit 3 found all
seven divergences wrong: the same sentence on both sides, or two different events paired).

- ``same_statement``: the two sides are one statement (two transcriptions of one quotation,
  one wire sentence in two articles, "$990m" and "$990" after a unit was lost, a quotation and
  the clause cut from it at "but"): any "difference" between them is an artefact.
- ``same_event``: the same act (same predicate lemma) with the same arguments (the agent, the
  places and the days, whenever both sides state them); different days or places mean two
  events, not two accounts of one.

>>> normalise("He said: \u201cWe lost $990m.\u201d")
'he said we lost 990'
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from newsweave.lexicon import NEGATORS
from newsweave.stories.statements import Statement, _agents, same_entity

# Two sentences whose normalised words match at least this much (difflib ratio) are one
# statement: two transcriptions of a quotation differ by a word or two ("nothing as great" /
# "nothing like as great").
SAME_STATEMENT_RATIO = 0.8
# Named places and other occasion-naming entities: both sides naming some, none shared, means
# two occasions ("cables outside Alexandria" / "cables between Italy and Egypt").
PLACE_LABELS = {"GPE", "LOC", "FAC"}

# A number's scale or unit glued to it or after it: "990m", "$990", "990 million", "5bn".
_SCALE = re.compile(r"(?<=\d)\s*(?:m|mn|bn|b|k|million|billion|trillion|thousand)\b")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def normalise(text: str) -> str:
    """Lower case, plain quotes and spacing, numbers without their scale or currency, so that
    two transcriptions of one sentence compare equal."""
    text = _SCALE.sub("", text.translate(_QUOTES).lower())
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text))


def _compare_words(a: str, b: str, names: set[str]) -> tuple[float, bool]:
    """The difflib ratio of two normalised word sequences, and whether the words that differ
    carry a comparable part (a number, a negator, a word of a name): then the near-identical
    sentences tell one thing differently ("found 12 survivors" / "found 21 survivors")."""
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return 0.0, False
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    changed = [w for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
               for w in wa[i1:i2] + wb[j1:j2]]
    content = any(any(c.isdigit() for c in w) or w in NEGATORS or w in names for w in changed)
    return matcher.ratio(), content


def _name_words(statement: Statement) -> set[str]:
    return {w for e in statement.claim.get("entities", ()) for w in (e.get("key") or "").split()}


def same_statement(a: Statement, b: Statement) -> str | None:
    """Why the two statements are one statement told twice, or None. Compares the statements
    and the sentences they were cut from, so that a clause of a quotation is not set against
    the whole quotation. Near-identical sentences that differ in a number, a negator or a name
    are not one statement: that difference is what a divergence reports."""
    ta, tb = normalise(a.claim.get("text", "")), normalise(b.claim.get("text", ""))
    sa, sb = normalise(a.sentence or a.claim.get("text", "")), normalise(
        b.sentence or b.claim.get("text", ""))
    if ta and tb and (ta in sb or tb in sa):
        return "one side is a part of the other's sentence"
    names = _name_words(a) | _name_words(b)
    for x, y in ((ta, tb), (sa, sb)):
        ratio, content = _compare_words(x, y, names)
        if ratio >= SAME_STATEMENT_RATIO and not content:
            return "near-identical sentences"
    return None


def _places(statement: Statement) -> set[str]:
    return {e["key"] for e in statement.claim.get("entities", ())
            if e.get("label") in PLACE_LABELS and e.get("key") and e.get("role") == "other"}


def _dates(statement: Statement) -> list[str]:
    return [d["value"] for d in statement.claim.get("dates", ()) if d.get("value")]


def _shape(value: str) -> str:
    return re.sub(r"\d", "9", value)


def dates_differ(a: Statement, b: Statement) -> bool:
    """Both sides date what they tell, and no date of one matches a date of the other at the
    same precision ("In January ..." / "on December 19 ..."): two events."""
    da, db = _dates(a), _dates(b)
    if not da or not db:
        return False
    comparable = [(x, y) for x in da for y in db if _shape(x) == _shape(y)]
    if not comparable:
        # "2008-01" against "2008-12-19": compare the month the day falls in
        comparable = [(x[:7], y[:7]) for x in da for y in db
                      if len(x) >= 7 and len(y) >= 7 and x[:4].isdigit() and y[:4].isdigit()]
    return bool(comparable) and all(x != y for x, y in comparable)


def places_differ(a: Statement, b: Statement) -> bool:
    """Both sides name where it happened, and no place of one is a place of the other."""
    pa, pb = _places(a), _places(b)
    return bool(pa and pb) and not any(same_entity(x, y) for x in pa for y in pb)


def shared_agent(a: Statement, b: Statement) -> str | None:
    agents_a, agents_b = _agents(a.claim), _agents(b.claim)
    return next((x for x in sorted(agents_a) for y in sorted(agents_b) if same_entity(x, y)),
                None)


def same_event(a: Statement, b: Statement, light: set) -> tuple[str, str | None] | None:
    """Why two statements tell the same event, with the agent they share (None when neither
    names one), or None: the same (non-light) predicate, the same agent when both name one
    (and one named on neither or both sides), and no conflicting days or places."""
    pa, pb = a.claim.get("predicate"), b.claim.get("predicate")
    if not pa or pa != pb or pa in light:
        return None
    agent = shared_agent(a, b)
    if agent is None and (_agents(a.claim) or _agents(b.claim)):
        return None
    if dates_differ(a, b) or places_differ(a, b):
        return None
    reason = f"same act '{pa}'" + (f" by '{agent}'" if agent else ", no agent named on either side")
    return reason + ", no conflicting day or place", agent
