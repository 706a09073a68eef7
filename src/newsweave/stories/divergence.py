"""Divergences: two reports that tell the same matter differently, each with a one-line
description of what differs.

Precision first: a pair of statements of different articles is compared only when it passes a
check that they are about the same matter, and then only on parts that can be compared:

- ``negation``: one asserts what the other denies — the same (non-light) predicate, the same
  agent named on both sides, opposite polarity, and neither side a question or a condition;
- ``number``: one count or amount of the same thing told differently — the same unit counted
  exactly once on each side, with the same predicate or near-identical wording;
- ``date``: the same act by the same agent put on different days (one day named on each side);
- ``participants``: the members of one acting group at a rarely named occasion differ;
- ``framing``: two voices explain what one third person meant, differently (both with a verb
  of explaining: clarify, explain, mean, refer).

Each check is written so the briefing can state it: "same predicate 'send', same agent 'us',
opposite polarity". Pairs from reports of different days are kept but marked ``over_time`` (a
development, not a contradiction).

>>> describe_number("troop", {"text": "20,000"}, {"text": "35,000"})
'How many troop: 20,000 or 35,000'
"""
from __future__ import annotations

import re

import numpy as np

from newsweave.model import Article
from newsweave.nlp.claims import entity_key
from newsweave.stories.parts import (LIGHT_PREDICATES, dates_contradict, group_difference,
                                     numbers_conflict)
from newsweave.stories.statements import Statement, _agents, anchor_idf, lexical_overlap, same_entity
from newsweave.stories.timeline import published_day

# Least similarity of two statements with the same predicate and agent to be one matter; and
# the similarity at which wording alone says they are one matter.
SAME_MATTER_SIMILARITY = 0.7
NEAR_IDENTICAL_SIMILARITY = 0.86
# Two accounts of what one person meant must be closer than two statements of one matter.
THIRD_PARTY_SIMILARITY = 0.55
# Verbs of explaining what someone meant; "say" or "add" report anything at all, and made
# any two statements about one person a "framing" divergence.
EXPLAIN_CUES = {"clarify", "explain", "mean", "refer", "interpret"}
_CONDITION = re.compile(r"\b(if|unless|whether|would|could|might)\b|\?", re.IGNORECASE)


def same_matter(a: Statement, b: Statement, sim: float) -> tuple[str, str | None] | None:
    """Why two statements are about the same matter, with the agent they share (None when
    neither names one), or None when nothing says they are."""
    pa, pb = a.claim.get("predicate"), b.claim.get("predicate")
    agents_a, agents_b = _agents(a.claim), _agents(b.claim)
    shared = next((x for x in agents_a for y in agents_b if same_entity(x, y)), None)
    same_act = bool(pa) and pa == pb and pa not in LIGHT_PREDICATES
    if same_act and shared and sim >= SAME_MATTER_SIMILARITY:
        return f"same act '{pa}' by '{shared}'", shared
    if sim >= NEAR_IDENTICAL_SIMILARITY and (shared or not (agents_a or agents_b)):
        return ("near-identical wording" + (f", same agent '{shared}'" if shared else ""),
                shared)
    return None


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


def compare(a: Statement, b: Statement, sim: float, idf: dict[str, float] | None = None,
            anchor: float = 2.0) -> list[tuple[str, float, str]]:
    """The ways two statements about one matter differ: ``(kind, strength, check)`` with the
    check stated in words."""
    idf = idf or {}
    if _near_copy(a, b):
        return []
    found: list[tuple[str, float, str]] = []
    matter = same_matter(a, b, sim)
    if matter is not None:
        reason, agent = matter
        conditional = _CONDITION.search(a.claim.get("text", "")) or _CONDITION.search(
            b.claim.get("text", ""))
        same_predicate = a.claim.get("predicate") == b.claim.get("predicate")
        if bool(a.claim.get("negated")) != bool(b.claim.get("negated")) and agent \
                and same_predicate and not conditional:
            found.append(("negation", 1.0, f"{reason}; one side negates it"))
        if numbers_conflict(a.claim, b.claim):
            found.append(("number", 1.0, f"{reason}; the same unit counted once on each side"))
        if agent and dates_contradict(a.claim, b.claim):
            found.append(("date", 0.8, f"{reason}; one day named on each side"))
    if found:
        return found
    if group_difference(a.claim, b.claim) and _anchored(a, b, idf, anchor):
        return [("participants", 0.8, "the same acting group at one rarely named occasion")]
    if sim >= THIRD_PARTY_SIMILARITY and _third_party(a, b):
        return [("framing", 0.6, "two voices explain what one person meant")]
    return []


def find_divergences(statements: list[Statement], sim: np.ndarray, opts: dict,
                     idf: dict[str, float]) -> list[dict]:
    """Pairs of statements of different articles and claims, about the same matter, whose parts
    differ; the strongest pair per pair of claims, strongest first."""
    best: dict[tuple[int, int], tuple[float, str, int, int, str]] = {}
    n = len(statements)
    anchor = anchor_idf(n)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = statements[i], statements[j]
            if a.article == b.article or a.cluster == b.cluster:
                continue
            s = float(sim[i, j])
            if s < opts["divergence_similarity"]:
                continue
            lex = lexical_overlap(a, b, idf)
            for kind, weight, check in compare(a, b, s, idf, anchor):
                strength = weight * (s + 0.5 * lex)
                key = tuple(sorted((a.cluster, b.cluster)))
                if key not in best or best[key][0] < strength:
                    best[key] = (strength, kind, i, j, check)
    ranked = sorted(best.values(), key=lambda r: (-r[0], r[2], r[3]))
    return [{"strength": st, "kind": kind, "a": i, "b": j, "check": check}
            for st, kind, i, j, check in ranked]


def reported_on_different_days(a: Article, b: Article) -> bool:
    """Whether both articles carry a publication date and the dates are different days."""
    pa, pb = published_day(a), published_day(b)
    return bool(pa and pb and pa != pb)


# ----------------------------------------------------------------------------- descriptions
def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split()).strip(" .,;:\u201c\u201d\"")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _who(statement: Statement) -> str:
    speaker = statement.claim.get("speaker")
    return _short(speaker, 40) if speaker else statement.article


def _name(key: str) -> str:
    """An entity key ("united states", "us", "macron") as a name ("United States", "US",
    "Macron"): keys of up to three letters are read as acronyms."""
    return key.upper() if len(key) <= 3 and key.isalpha() else key.title()


def _core(statement: Statement, limit: int = 90) -> str:
    """What a statement asserts: its reported clause when attributed, else the statement."""
    text = statement.claim.get("text", "")
    content = statement.claim.get("content")
    if content:
        start = statement.claim.get("start", 0)
        a, b = content[0] - start, content[1] - start
        if 0 <= a < b <= len(text):
            text = text[a:b]
    return _short(re.sub(r"^(that|whether)\s+", "", text.strip(), flags=re.IGNORECASE), limit)


def describe_number(unit: str, na: dict, nb: dict) -> str:
    return f"How many {unit}: {na.get('text')} or {nb.get('text')}"


def describe(kind: str, a: Statement, b: Statement) -> str:
    """One readable line saying what differs between the two sides."""
    if kind == "number":
        pairs = numbers_conflict(a.claim, b.claim)
        if pairs:
            na, nb = pairs[0]
            return describe_number(na["unit"], na, nb)
    if kind == "date":
        pairs = dates_contradict(a.claim, b.claim)
        if pairs:
            da, db = pairs[0]
            return f"When: {da.get('text')} or {db.get('text')}"
    if kind == "negation":
        positive, negative = (a, b) if not a.claim.get("negated") else (b, a)
        return (f"Whether {_core(positive)}: {_who(positive)} says so, "
                f"{_who(negative)} says not")
    if kind == "participants":
        found = group_difference(a.claim, b.claim)
        if found:
            head = found[0]
            members = [next((g["members"] for g in s.claim.get("groups", ())
                             if g["head"] == head), []) for s in (a, b)]
            told = [", ".join(_name(m) for m in ms) or "unnamed" for ms in members]
            return f"Who the {head}s were: {told[0]}; or {told[1]}"
    if kind == "framing":
        person = _name(a.claim.get("content_agent") or "the person")
        return f"What {person} meant: {_core(a, 60)}; or {_core(b, 60)}"
    return f"{kind}: {_core(a)} or {_core(b)}"
