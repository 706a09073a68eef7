"""Divergences: two reports that tell the same matter differently, each with a one-line
description of what differs.

Precision first. No pair is compared whose two sides are one statement told twice
(``matter.same_statement``: near-identical sentences after normalising quotes, spacing and
number units, or one side a part of the other's sentence). Then only parts that can be compared:

- ``negation``: one asserts what the other denies about one event (``matter.same_event``: the
  same non-light predicate, the same agent, no conflicting day or place), the agent named on
  both sides, and neither side a question or a condition;
- ``number``: one count or amount of one event told differently: the same unit counted exactly
  once on each side, values that differ beyond rounding and are not one figure whose scale was
  lost ("$990m" / "$990");
  or one count of the same described things told with different verbs ("lost access after two
  undersea cables broke" / "three undersea cables were damaged"), with no modality and no
  conflicting day or place; or, below the same-matter similarity, one count that is each
  side's own act ("12 people were injured" / "18 people had been injured"), with no day named
  on one side only (``count_as_act``); a clock time, a page or an edition ("10.47 BST", "p25"),
  or a piece of a figure split at its separator ("26, 000"), is no count;
- ``date``: the same act by the same agent, in near-identical words, put on different days;
- ``participants``: the members of one group of people or institutions at a rarely named
  occasion differ, and both sides tell one act ("met" / "a meeting"; ``shared_occasion``) (a
  list of things, "cables", "services", is not who took part);
- ``framing``: two voices explain what one third person meant, differently (both with a verb
  of explaining: clarify, explain, mean, refer).

Whatever the kind, each side asserts something (a question, a condition or a wish, "X should
discuss it", is no side), and the two sides come from different origins (origin groups of the
copies stage, else the outlet): one outlet's two reports are not two accounts.

Each divergence has a one-line description (subject and attribute, then each side with who
tells it); a pair for which none can be written is not shown. Each check is written so the
briefing can state it. Pairs from reports of different days are kept but marked ``over_time`` (a
development, not a contradiction).

>>> describe_number("troop", {"text": "20,000"}, {"text": "35,000"})
'How many troops: 20,000 or 35,000'
"""
from __future__ import annotations

import re

import numpy as np

from newsweave.model import Article
from newsweave.nlp.claims import entity_key
from newsweave.lexicon import GATHERING_WORDS, NEGATORS, ORG_NOUNS, PEOPLE_NOUNS
from newsweave.stories.matter import (dates_differ, places_differ, same_event, same_statement,
                                      shared_agent)
from newsweave.stories.parts import (LIGHT_PREDICATES, dates_contradict, group_difference,
                                     numbers_conflict)
from newsweave.stories.statements import (Statement, anchor_idf, lexical_overlap,
                                          same_entity)
from newsweave.stories.timeline import published_day

# Least similarity of two statements with the same predicate and agent to be one matter; and
# the similarity at which wording alone says they are one matter.
SAME_MATTER_SIMILARITY = 0.7
NEAR_IDENTICAL_SIMILARITY = 0.86
# Two statements counting the same described things ("three undersea cables") may be told
# with different main verbs, so they need less similarity than one act told twice.
SAME_COUNT_SIMILARITY = 0.5
# Two statements that each are the count ("Police said 12 people were injured in the riots" /
# "Police said 18 people had been injured in the violence and 12 arrested") differ in the words
# around a short count, so one event counted twice is often below SAME_MATTER_SIMILARITY; the
# count being both sides' own act (and the other same-event checks) stands in for the rest.
COUNT_ACT_SIMILARITY = 0.6
# Two accounts of what one person meant must be closer than two statements of one matter.
THIRD_PARTY_SIMILARITY = 0.55
# Verbs of explaining what someone meant; "say" or "add" report anything at all, and made
# any two statements about one person a "framing" divergence.
EXPLAIN_CUES = {"clarify", "explain", "mean", "refer", "interpret"}
# Heads of groups whose members are "who took part": people and institutions, and the countries
# they stand for; things ("cables", "services") are not participants.
ACTING_GROUP_HEADS = (PEOPLE_NOUNS | ORG_NOUNS | {"country", "nation", "delegation", "power",
                                                  "ally", "member"}) - {"service", "network"}
# Said first in every divergence's check: the sides are not one statement told twice.
DISTINCT = "the sides are not one statement (sentences compared after normalising quotes, " \
    "spacing and number units, and neither a part of the other's sentence)"
_CONDITION = re.compile(r"\b(if|unless|whether|would|could|might)\b|\?", re.IGNORECASE)
# A negation as written, whatever the tokenizer made of it: the lexicon's negators ("had
# not", "never"), "nor" and "without", and "hadn't" also when an apostrophe is curly or spaced
# off ("hadn ’ t"), which the parse can miss.
_NEGATION_WRITTEN = re.compile(
    r"\b(?:" + "|".join(sorted((NEGATORS - {"n't"}) | {"nor", "without"})) + r")\b"
    r"|n\s*['’]\s*t\b", re.IGNORECASE)
# A side must be a statement of what is (or was, or will be): a question, a condition or a wish
# ("Should Mr X discuss it?", "if asked", "X should discuss this") asserts nothing, for any kind.
_NOT_ASSERTED = re.compile(r"\?|\b(if|unless|whether|should|ought)\b|\bshouldn.t\b",
                           re.IGNORECASE)
# A clock time ("10.47 BST", "6:30 pm", "at 18.20"), a page, edition or issue ("p25", "page
# 34") is not a quantity: two values of it are two moments or places in print, not two counts.
_ZONES = r"(?:a\.?m\.?|p\.?m\.?|[A-Z]{1,2}[SDM]?T|UTC|GMT|hrs|h|local\b)"
_CLOCK = re.compile(r"^\d{1,2}[.:][0-5]\d$")
_PAGE = re.compile(r"\b(p|pp|page|pages|edition|issue|no|vol|volume|section|paragraph)\.?\s*$",
                   re.IGNORECASE)
_TIME_UNITS = {"am", "pm", "a.m.", "p.m.", "bst", "gmt", "utc", "cet", "cest", "et", "est",
               "edt", "pst", "pdt", "hrs", "o'clock", "page", "edition", "issue"}


# "-point plays", " - year - old": a hyphen and a word after the number (not "65 - 53", a score)
_COMPOUND_AFTER = re.compile(r"\s?-\s?[A-Za-z]")
# "3 of his 11 rebounds": a part of the total that follows
_PART_OF = re.compile(r"\s+of\s+(?:his|her|its|their|the|our|my|your)\s+\d", re.IGNORECASE)


def is_quantity(number: dict, text: str) -> bool:
    """Whether a number of a statement counts or measures something, rather than telling a
    clock time, a page or an edition.

    >>> is_quantity({"text": "10.47", "unit": "bst"}, "appeared at 10.47 BST on Thursday")
    False
    >>> is_quantity({"text": "25", "unit": None}, "It ran on page 25 of the paper")
    False
    >>> is_quantity({"text": "12", "unit": "people"}, "The storm killed 12 people")
    True

    Nor does a number that makes a word of a compound ("two three - point plays": the plays
    are counted, not points; "a 16-year-old") or counts a part of a total written beside it
    ("grabbed 3 of his 11 rebounds": the 11 is the count):

    >>> [is_quantity({"text": t, "unit": "point"}, s) for t, s in [
    ...     ("three", "scored two three - point plays"), ("65", "won 65 - 53 on Friday"),
    ...     ("3", "grabbed 3 of his 11 rebounds"), ("11", "grabbed 3 of his 11 rebounds")]]
    [False, True, False, True]
    """
    value = str(number.get("text", "")).strip()
    if (number.get("unit") or "").lower() in _TIME_UNITS:
        return False
    for m in re.finditer(re.escape(value), text) if value else ():
        before, after = text[: m.start()], text[m.end():]
        if _split_figure(value, before, after):
            return False
        if (before == "" or not before[-1].isalnum()) and (
                _COMPOUND_AFTER.match(after) or _PART_OF.match(after)):
            return False
        if _PAGE.search(before) or re.search(r"\bp$", before):
            return False
        if _CLOCK.match(value) and (re.match(r"\s*" + _ZONES + r"\b", after)
                                    or (not number.get("unit")
                                        and re.search(r"\b(at|until)\s*$", before))):
            return False
    return True


# A figure that tokenised text split at its separator ("26, 000", "5. 9"): the parser reads
# two numbers ("26" and "000" people, "5" and "9" magnitude), neither of which is the figure.
_SPLIT_BEFORE = re.compile(r"\d[.,] $")
_SPLIT_AFTER = re.compile(r"^[.,] \d")


def _split_figure(value: str, before: str, after: str) -> bool:
    """Whether a number as written is a piece of a figure split at its separator: "000" after
    "26, ", "9" after "5. ", or "26" before ", 000" (three digits) or "5" before ". 9".

    >>> _split_figure("000", "killed more than 26, ", " people"), _split_figure("5", "a ", ". 9")
    (True, True)
    >>> _split_figure("612", "In 2003 it killed ", " people. 5 more died later")
    False
    """
    if _SPLIT_BEFORE.search(before) and value[:1].isdigit():
        return before[-2] == "." or re.match(r"\d{3}\b", value) is not None
    if _SPLIT_AFTER.match(after) and value[-1:].isdigit():
        return after[0] == "." or re.match(r", \d{3}\b", after) is not None
    return False


def conflicting_numbers(a: Statement, b: Statement) -> list[tuple[dict, dict]]:
    """``parts.numbers_conflict`` without clock times, pages and editions, and only between
    sides that each assert something (not a question, a condition or a wish)."""
    ta, tb = a.claim.get("text", ""), b.claim.get("text", "")
    if not (asserted(a) and asserted(b)):
        return []
    return [(na, nb) for na, nb in numbers_conflict(a.claim, b.claim)
            if is_quantity(na, ta) and is_quantity(nb, tb)]


def count_as_act(a: Statement, b: Statement) -> str | None:
    """Why two statements, each of which is the count ("12 people were injured" / "18 people
    had been injured"), count one event's things differently, or None: one event
    (``matter.same_event``: the same predicate, the same agent or none, no conflicting day or
    place), a conflicting number whose verb is that predicate on both sides, neither side about
    what may or will happen, and no day named on one side only ("In February a quake killed
    612 people" tells another quake than "it killed ten people")."""
    event = same_event(a, b, LIGHT_PREDICATES)
    if event is None or a.claim.get("modality") or b.claim.get("modality"):
        return None
    if not _same_days_named(a, b):
        return None
    act = a.claim.get("predicate")
    for na, nb in conflicting_numbers(a, b):
        if na.get("verb") == nb.get("verb") == act:
            return f"{event[0]}; both sides are the count ('{act}' with its number)"
    return None


def _same_days_named(a: Statement, b: Statement) -> bool:
    """Neither side names a day or a time, or both name one they share (by value or text)."""
    def told(s: Statement) -> set[str]:
        return {str(d.get("value") or d.get("text") or "").lower()
                for d in s.claim.get("dates", ())} - {""}
    da, db = told(a), told(b)
    return (not da and not db) or bool(da & db)


def _counted_by_act(a: Statement, b: Statement, na: dict, nb: dict) -> bool:
    """Whether each number belongs to its statement's act, so that one event's numbers are
    compared: "Echenique scored ..., grabbed ... and blocked two shots" counts shots blocked,
    not scored. A number whose verb is not known (a claim stored before the verb was kept)
    passes."""
    return all(n.get("verb") in (None, s.claim.get("predicate")) for n, s in ((na, a), (nb, b)))


def counted_phrase(number: dict, text: str) -> tuple[str, ...]:
    """What a number counts, as written after it up to its unit: "two undersea cables" ->
    ("undersea", "cable"); empty when the unit does not follow within three words.

    >>> counted_phrase({"text": "three", "unit": "cable"}, "after three undersea cables broke")
    ('undersea', 'cable')
    """
    unit = (number.get("unit") or "").lower()
    value = str(number.get("text", ""))
    at = text.find(value) if value and unit else -1
    if at < 0:
        return ()
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text[at + len(value):])[:4]
    for k, word in enumerate(words):
        if word.lower().startswith(unit[: max(3, len(unit) - 1)]):
            return tuple(w.lower() for w in words[:k]) + (unit,)
    return ()


def same_count(a: Statement, b: Statement) -> str | None:
    """Why two statements give one count of one thing, told differently, or None: the same
    counted phrase with at least one word that says which things ("two undersea cables" /
    "three undersea cables"), counted once on each side, neither side about what may or will
    happen (no modality), no conflicting day or place. Their main verbs may differ ("lost
    access after two cables broke" / "were disrupted when three cables broke")."""
    if a.claim.get("modality") or b.claim.get("modality"):
        return None
    if dates_differ(a, b) or places_differ(a, b):
        return None
    for na, nb in conflicting_numbers(a, b):
        pa = counted_phrase(na, a.claim.get("text", ""))
        if len(pa) >= 2 and pa == counted_phrase(nb, b.claim.get("text", "")) \
                and _same_fate(na, a.claim.get("text", ""), nb, b.claim.get("text", "")):
            return (f"the same things counted ('{' '.join(pa)}') and what happened to them told "
                    f"in the same word, no conflicting day or place")
    return None


def _fate(number: dict, text: str) -> set[str]:
    """What the text says happened to the counted things: the stems (five letters) of the
    lower-case words of at least four letters after the number's phrase, in its clause ("two
    cables suffered severe damage" -> {"suffe", "sever", "damag"}); names are left out, since
    they say where, not what happened."""
    value = str(number.get("text", ""))
    at = text.find(value)
    if at < 0:
        return set()
    # the clause of the counted things only: a subordinate clause or a comma starts another
    # event ("were killed when the bridge fell")
    clause = _CLAUSE_END.split(text[at + len(value):], maxsplit=1)[0]
    skip = len(counted_phrase(number, text)) or 1  # the counted phrase itself
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", clause)[skip: skip + 8]
    return {w[:5] for w in words if len(w) >= 4 and w.islower() and w not in _FUNCTION_WORDS}


# Words that say nothing of what happened ("were killed" / "were injured" share only "were").
_FUNCTION_WORDS = {"were", "have", "been", "being", "with", "from", "into", "onto", "this",
                   "that", "these", "those", "their", "there", "they", "them", "will", "would",
                   "also", "more", "than", "only", "about", "over", "under", "each", "some",
                   "other", "what", "where", "then", "just", "still", "such", "very", "most"}
_CLAUSE_END = re.compile(r"[,;:\u2014()]|\s(?:when|as|after|before|because|while|since|until|"
                         r"and|but|which|who|that|so)\s", re.IGNORECASE)


def _same_fate(na: dict, ta: str, nb: dict, tb: str) -> bool:
    """Both sides tell the same thing happening to what they count ("two cables suffered
    damage" / "three cables were damaged"), not two fates ("two workers were killed" /
    "three workers were injured")."""
    return bool(_fate(na, ta) & _fate(nb, tb))


def asserted(statement: Statement) -> bool:
    """Whether a side asserts something, rather than asking, supposing or wishing ("Should he
    resign?", "if asked", "he should discuss this"): a question or a condition is no side.

    >>> st = lambda t: Statement("a", 0, {"text": t}, None, None)
    >>> asserted(st("Nobody knows whether the firm will pay")), asserted(st("The firm paid"))
    (False, True)
    """
    return not _NOT_ASSERTED.search(statement.claim.get("text", ""))


def _near_copy(a: Statement, b: Statement) -> bool:
    """The same sentence in both reports (a copy): any "difference" is an artefact of parsing."""
    return _words(a.claim.get("text", "")) == _words(b.claim.get("text", ""))


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _third_party(a: Statement, b: Statement) -> bool:
    """Two voices explain what one person did or meant ("officials clarified that he was
    discussing demining" / "Kuleba clarified that Macron was referring to training"): the
    subject of both reported clauses is that person, who is neither speaker, and both cues are
    verbs of explaining."""
    agent_a, agent_b = a.claim.get("content_agent"), b.claim.get("content_agent")
    if not (agent_a and agent_b and same_entity(agent_a, agent_b)):
        return False
    if a.claim.get("cue") not in EXPLAIN_CUES or b.claim.get("cue") not in EXPLAIN_CUES:
        return False
    speakers = {entity_key(c["speaker"]) for c in (a.claim, b.claim) if c.get("speaker")}
    if len(speakers) < 2:
        return False  # one voice told two ways is not two accounts
    return not any(same_entity(agent_a, sp) for sp in speakers)


def _anchored(a: Statement, b: Statement, idf: dict[str, float], anchor: float) -> bool:
    """Whether two statements share a specific named thing (a place, an event, a person that
    few statements of the story mention), so that they are about one occasion."""
    return any(idf.get("@" + k, 0.0) >= anchor for k in a.keys & b.keys)


def _negated_in_words(statement: Statement) -> bool:
    """Whether the statement's text writes a negation. A negation divergence needs the text to
    agree with the parse: one side writes one and the other none."""
    return bool(_NEGATION_WRITTEN.search(statement.claim.get("text", "")))


def compare(a: Statement, b: Statement, sim: float, idf: dict[str, float] | None = None,
            anchor: float = 2.0) -> list[tuple[str, float, str]]:
    """The ways two statements about one matter differ: ``(kind, strength, check)`` with the
    check stated in words. Nothing when the two are one statement told twice
    (``matter.same_statement``); a negation or a number only between statements of one event
    (``matter.same_event``)."""
    idf = idf or {}
    if _near_copy(a, b) or same_statement(a, b):
        return []
    if not (asserted(a) and asserted(b)):
        return []  # a question, a condition or a wish is no side
    found: list[tuple[str, float, str]] = []
    event = same_event(a, b, LIGHT_PREDICATES) if sim >= SAME_MATTER_SIMILARITY else None
    if event is not None:
        reason, agent = event
        conditional = _CONDITION.search(a.claim.get("text", "")) or _CONDITION.search(
            b.claim.get("text", ""))
        if bool(a.claim.get("negated")) != bool(b.claim.get("negated")) and agent \
                and not conditional and _negated_in_words(a) != _negated_in_words(b):
            found.append(("negation", 1.0, f"{DISTINCT}; {reason}; one side negates it"))
        if [pair for pair in conflicting_numbers(a, b) if _counted_by_act(a, b, *pair)]:
            found.append(("number", 1.0, f"{DISTINCT}; {reason}; the same unit counted once "
                          f"on each side, values that differ beyond rounding and a lost scale"))
    if not found and event is None and sim >= COUNT_ACT_SIMILARITY:
        # one event's count, told as each side's own act, below SAME_MATTER_SIMILARITY
        counted = count_as_act(a, b)
        if counted:
            found.append(("number", 0.9, f"{DISTINCT}; {counted}; no day named on one side "
                          f"only; the same unit counted once on each side, values that differ "
                          f"beyond rounding and a lost scale"))
    if found:
        return found
    counted = same_count(a, b) if sim >= SAME_COUNT_SIMILARITY else None
    if counted:
        return [("number", 0.9, f"{DISTINCT}; {counted}; the same unit counted once on each "
                 f"side, values that differ beyond rounding and a lost scale")]
    agent = shared_agent(a, b)
    if sim >= NEAR_IDENTICAL_SIMILARITY and agent and a.claim.get("predicate") \
            and a.claim.get("predicate") == b.claim.get("predicate") \
            and a.claim.get("predicate") not in LIGHT_PREDICATES \
            and not places_differ(a, b) and dates_contradict(a.claim, b.claim):
        return [("date", 0.8, f"{DISTINCT}; same act '{a.claim['predicate']}' by '{agent}' in "
                 f"near-identical words; one day named on each side")]
    if _acting_group(a, b) and _anchored(a, b, idf, anchor) and not dates_differ(a, b) \
            and not places_differ(a, b):
        occasion = shared_occasion(a, b)
        if occasion:
            return [("participants", 0.8, f"{DISTINCT}; the same group of people at one rarely "
                     f"named occasion ('{occasion}' on both sides), no conflicting day or place; "
                     f"its members differ")]
    if sim >= THIRD_PARTY_SIMILARITY and _third_party(a, b):
        return [("framing", 0.6, f"{DISTINCT}; two voices explain what one person meant")]
    return []


def shared_occasion(a: Statement, b: Statement) -> str | None:
    """The act both sides tell (a non-light main verb of one side that the other names, as a
    verb or its noun: "met" / "a meeting"), or the gatherings both name ("gathered" / "a
    meeting attended by"), or None. Two groups that did different things
    ("officials directed the campaign" / "officials tried to block the inquiry") are no
    account of one occasion, however rare the name they share."""
    for one, other in ((a, b), (b, a)):
        act = one.claim.get("predicate")
        if not act or act in LIGHT_PREDICATES:
            continue
        words = set(other.lemmas) | {other.claim.get("predicate") or ""}
        if any(_one_word(act, w) for w in words if w):
            return act
    gatherings = [_gathering(s) for s in (a, b)]
    if all(gatherings):
        # "leaders gathered in Paris" / "a meeting in Paris attended by leaders"
        return " / ".join(dict.fromkeys(gatherings))
    return None


def _gathering(statement: Statement) -> str | None:
    words = set(statement.lemmas) | {statement.claim.get("predicate") or ""}
    return next((w for w in sorted(words) if w in GATHERING_WORDS), None)


def _one_word(act: str, word: str) -> bool:
    """A verb and a word of the same stem ("meet" / "meeting", "vote" / "voting")."""
    if act == word:
        return True
    stem = act[:-1] if act.endswith("e") and len(act) > 4 else act
    return len(stem) >= 4 and word.startswith(stem) and len(word) - len(act) <= 4


def _acting_group(a: Statement, b: Statement) -> bool:
    """The two sides name one group of people or institutions (leaders, officials, countries)
    with different members; a list of things ("cables", "services") is not who took part."""
    found = group_difference(a.claim, b.claim)
    return bool(found) and found[0] in ACTING_GROUP_HEADS


def find_divergences(statements: list[Statement], sim: np.ndarray, opts: dict,
                     idf: dict[str, float], origin: dict[str, object] | None = None
                     ) -> list[dict]:
    """Pairs of statements of different articles and claims, about the same matter, whose parts
    differ; the strongest pair per pair of claims, strongest first. The two sides come from
    different origins (``origin``: article -> origin group, from ``stories.origins`` and the
    copies stage; else the outlet): one outlet or one wire story told twice differs only by
    its own revision, or by the page furniture around it, not between two accounts."""
    origin = origin or {}
    best: dict[tuple[int, int], tuple[float, str, int, int, str]] = {}
    n = len(statements)
    anchor = anchor_idf(n)
    # Only the pairs similar enough, in the order of a loop over i < j (numpy, not a Python
    # loop over all pairs: a large story has millions; ``not sim < x`` as the loop read NaN).
    near = np.triu(~(np.asarray(sim)[:n, :n] < opts["divergence_similarity"]), k=1)
    for i, j in zip(*(x.tolist() for x in np.nonzero(near))):
        a, b = statements[i], statements[j]
        if a.article == b.article or a.cluster == b.cluster or _one_origin(a, b, origin):
            continue
        s = float(sim[i, j])
        lex = lexical_overlap(a, b, idf)
        for kind, weight, check in compare(a, b, s, idf, anchor):
            if describe(kind, a, b) is None:
                continue  # no one-line description of what differs: abstain
            strength = weight * (s + 0.5 * lex)
            key = tuple(sorted((a.cluster, b.cluster)))
            if key not in best or best[key][0] < strength:
                best[key] = (strength, kind, i, j, check)
    ranked = sorted(best.values(), key=lambda r: (-r[0], r[2], r[3]))
    out, told = [], set()
    for st, kind, i, j, check in ranked:
        # one difference told by several pairs of reports ("two or three cables") is shown once,
        # by its strongest pair
        what = _what_differs(describe(kind, statements[i], statements[j]) or "")
        if what in told:
            continue
        told.add(what)
        out.append({"strength": st, "kind": kind, "a": i, "b": j, "check": check})
    return out


def _what_differs(about: str) -> str:
    """A description without who tells each side: "How many cables: two (A) or three (B)" ->
    "how many cables: two or three"."""
    return " ".join(re.sub(r"\s*\([^)]*\)", "", about).lower().split())


def _one_origin(a: Statement, b: Statement, origin: dict[str, object]) -> bool:
    """Whether the two sides come from one origin: the same origin group, else one outlet."""
    oa, ob = origin.get(a.article), origin.get(b.article)
    if oa is not None and ob is not None:
        return oa == ob
    return bool(a.outlet) and a.outlet.lower() == b.outlet.lower()


def reported_on_different_days(a: Article, b: Article) -> bool:
    """Whether both articles carry a publication date and the dates are different days."""
    pa, pb = published_day(a), published_day(b)
    return bool(pa and pb and pa != pb)


# ----------------------------------------------------------------------------- descriptions
# A divergence whose one line would cut what a side asserts is not shown: the reader could not
# tell what differs.
MAX_CORE = 110


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split()).strip(" .,;:\u201c\u201d\"")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _who(statement: Statement) -> str:
    """Who tells a side: the speaker and the outlet ("Anna Berg, BBC"), or the outlet, or the
    article when no outlet is known."""
    where = statement.outlet or statement.article
    speaker = statement.claim.get("speaker")
    return f"{_short(speaker, 40)}, {where}" if speaker else where


def _name(key: str) -> str:
    """An entity key ("united states", "us", "macron") as a name ("United States", "US",
    "Macron"): keys of up to three letters are read as acronyms."""
    return key.upper() if len(key) <= 3 and key.isalpha() else key.title()


def _core(statement: Statement, limit: int = 90) -> str:
    """What a statement asserts: its reported clause when attributed, else the statement."""
    return _short(_core_text(statement), limit)


def _core_text(statement: Statement) -> str:
    text = statement.claim.get("text", "")
    content = statement.claim.get("content")
    if content:
        start = statement.claim.get("start", 0)
        a, b = content[0] - start, content[1] - start
        if 0 <= a < b <= len(text):
            text = text[a:b]
    text = " ".join(text.split()).strip(" .,;:\u201c\u201d\"")
    return re.sub(r"^(that|whether)\s+", "", text, flags=re.IGNORECASE)


def _plural(noun: str) -> str:
    """A counted noun in the plural ("troop" -> "troops", "body" -> "bodies", "man" -> "men");
    nouns already plural ("people", "police") stay.

    >>> _plural("man"), _plural("chairwoman"), _plural("country")
    ('men', 'chairwomen', 'countries')
    """
    if noun.endswith("s") or noun in {"people", "police", "personnel", "staff", "cattle"}:
        return noun
    irregular = {"man": "men", "woman": "women", "person": "people", "child": "children"}
    if noun in irregular or noun.endswith(("sman", "swoman", "chairman", "chairwoman",
                                           "policeman", "policewoman")):
        return irregular.get(noun) or noun[:-2] + "en"  # "congressman" -> "congressmen"
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("ch", "sh", "x")) else "s")


def _verb(statement: Statement) -> str:
    """The statement's predicate as written ("killed" for "kill"), else its lemma."""
    lemma = statement.claim.get("predicate") or ""
    stem = lemma[:-1] if lemma.endswith("e") and len(lemma) > 3 else lemma
    for word in re.findall(r"[A-Za-z]+", statement.claim.get("text", "")):
        if stem and word.lower().startswith(stem) and len(word) <= len(lemma) + 3:
            return word.lower()
    return lemma


def describe_number(unit: str, na: dict, nb: dict, verb: str = "",
                    who: tuple[str, str] = ("", "")) -> str:
    """What a number divergence is about, then each side's figure with who tells it.

    >>> describe_number("troop", {"text": "20,000"}, {"text": "35,000"}, "sent", ("A", "B"))
    'How many troops sent: 20,000 (A) or 35,000 (B)'
    """
    what = (f"How much money ({unit})" if len(unit) == 3 and unit.isupper()
            else f"How many {_plural(unit)}")
    told = [f"{n.get('text')} ({w})" if w else str(n.get("text")) for n, w in ((na, who[0]),
                                                                               (nb, who[1]))]
    return f"{what}{' ' + verb if verb else ''}: {told[0]} or {told[1]}"


def describe(kind: str, a: Statement, b: Statement) -> str | None:
    """One readable line saying what differs between the two sides (subject and attribute,
    then each side's value with who tells it), or None when no such line can be written."""
    who = (_who(a), _who(b))
    if kind == "number":
        pairs = conflicting_numbers(a, b)
        if pairs:
            na, nb = pairs[0]
            if same_event(a, b, LIGHT_PREDICATES) is None:
                # the sides count the same described things with different verbs: name the
                # things ("How many undersea cables"), not one side's verb
                phrase = counted_phrase(na, a.claim.get("text", ""))
                return describe_number(" ".join(phrase) if phrase else na["unit"], na, nb,
                                       "", who)
            return describe_number(na["unit"], na, nb, _verb(a), who)
    if kind == "date":
        pairs = dates_contradict(a.claim, b.claim)
        agent = shared_agent(a, b)
        if pairs and agent:
            da, db = pairs[0]
            return (f"When {_name(agent)} {_verb(a)}: {da.get('text')} ({who[0]}) or "
                    f"{db.get('text')} ({who[1]})")
    if kind == "negation":
        positive, negative = (a, b) if not a.claim.get("negated") else (b, a)
        core = _core_text(positive)
        if len(core) > MAX_CORE:
            return None
        return f"Whether {core}: {_who(positive)} says so, {_who(negative)} says not"
    if kind == "participants":
        found = group_difference(a.claim, b.claim)
        if found:
            head = found[0]
            members = [next((g["members"] for g in s.claim.get("groups", ())
                             if g["head"] == head), []) for s in (a, b)]
            if not all(members):
                return None
            told = [", ".join(_name(m) for m in ms) for ms in members]
            if told[0].lower() == told[1].lower():
                return None  # the groups shown name the same members: no difference to tell
            return (f"Which {_plural(head)} took part: {told[0]} ({who[0]}); or {told[1]} "
                    f"({who[1]})")
    if kind == "framing":
        person = _name(a.claim.get("content_agent") or "the person")
        return (f"What {person} meant: {_core(a, 70)} ({who[0]}); or {_core(b, 70)} "
                f"({who[1]})")
    return None
