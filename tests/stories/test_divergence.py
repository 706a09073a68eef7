"""Divergences: the same-matter check, comparable parts and the one-line description
(hand-built statements, no model)."""
from __future__ import annotations

import numpy as np
import pytest

from newsweave.stories.divergence import compare, describe, same_matter
from newsweave.stories.statements import Statement


def _st(text, *, article="a", predicate=None, negated=False, agents=(), numbers=(), dates=(),
        speaker=None, cue=None, content_agent=None, modality=(), labels=False):
    claim = {"text": text, "start": 0, "predicate": predicate, "negated": negated,
             "modality": list(modality),
             "numbers": [{"text": str(v), "value": v, "unit": u, **({"label": True} if labels
                                                                     else {})}
                         for v, u in numbers],
             "dates": [{"text": t, "value": v} for t, v in dates],
             "entities": [{"text": k, "label": "GPE", "key": k, "role": "agent"} for k in agents],
             "speaker": speaker, "cue": cue, "content": None, "content_agent": content_agent,
             "groups": [], "lemmas": []}
    return Statement(article, 0, claim, np.zeros(2), np.zeros(2),
                     keys=frozenset(agents))


@pytest.mark.parametrize("a, b, sim, kinds", [
    # the same act by the same agent, one side denies it
    (_st("Norland will send troops to the border.", predicate="send", agents=["norland"]),
     _st("Norland will not send troops.", article="b", predicate="send", negated=True,
         agents=["norland"]), 0.8, ["negation"]),
    # opposite polarity, but different agents: two different matters
    (_st("Norland will send troops.", predicate="send", agents=["norland"]),
     _st("Eastland will not send troops.", article="b", predicate="send", negated=True,
         agents=["eastland"]), 0.8, []),
    # a condition is not a denial
    (_st("Norland will send troops.", predicate="send", agents=["norland"]),
     _st("Norland would not send troops if asked.", article="b", predicate="send",
         negated=True, agents=["norland"]), 0.8, []),
    # one count of one thing, told differently
    (_st("The storm killed 12 people in Norland.", predicate="kill", agents=["storm"],
         numbers=[(12, "people")]),
     _st("The storm killed 15 people.", article="b", predicate="kill", agents=["storm"],
         numbers=[(15, "people")]), 0.85, ["number"]),
    # numbers that name ("stage 13") count nothing
    (_st("Evans won stage 13 of the race.", predicate="win", agents=["evans"],
         numbers=[(13, "stage")], labels=True),
     _st("Evans won stage 15 of the race.", article="b", predicate="win", agents=["evans"],
         numbers=[(15, "stage")], labels=True), 0.9, []),
    # a count of what will happen and of what happened are two matters
    (_st("Okafor will miss the final two games.", predicate="miss", agents=["okafor"],
         numbers=[(2, "game")], modality=["will"]),
     _st("Okafor missed four games.", article="b", predicate="miss", agents=["okafor"],
         numbers=[(4, "game")]), 0.9, []),
    # a dateline is not when the act happened
    (_st("Tuesday, January 18 Rescuers found the climbers.", predicate="find",
         agents=["rescuers"], dates=[("January 18", "2005-01-18")]),
     _st("Rescuers found the climbers on January 16.", article="b", predicate="find",
         agents=["rescuers"], dates=[("January 16", "2005-01-16")]), 0.9, []),
    # several numbers of one unit on a side cannot be matched number to number
    (_st("Police held 12 Somali and 11 Yemeni pirates.", predicate="hold", agents=["police"],
         numbers=[(12, "pirate"), (11, "pirate")]),
     _st("Police held 23 pirates.", article="b", predicate="hold", agents=["police"],
         numbers=[(23, "pirate")]), 0.85, []),
    # numbers of different acts (a request and an offer) are not one matter
    (_st("The city asked for 5 billion dollars.", predicate="ask", agents=["city"],
         numbers=[(5e9, "USD")]),
     _st("The state offered 1.3 billion dollars.", article="b", predicate="offer",
         agents=["state"], numbers=[(1.3e9, "USD")]), 0.75, []),
    # the same sentence in two reports: no difference to report
    (_st("The storm killed 12 people.", predicate="kill", agents=["storm"],
         numbers=[(12, "people")]),
     _st("The storm killed 12 people.", article="b", predicate="kill", agents=["storm"],
         numbers=[(12, "people"), (3, "people")]), 0.99, []),
])
def test_compare(a, b, sim, kinds):
    assert [k for k, _, _ in compare(a, b, sim)] == kinds


def test_every_divergence_states_its_check_and_reads_as_a_line():
    a = _st("The storm killed 12 people in Norland.", predicate="kill", agents=["storm"],
            numbers=[(12, "people")])
    b = _st("The storm killed 15 people.", article="b", predicate="kill", agents=["storm"],
            numbers=[(15, "people")])
    (kind, _, check), = compare(a, b, 0.85)
    assert "same act 'kill' by 'storm'" in check
    assert describe(kind, a, b) == "How many people: 12 or 15"
    neg_a = _st("Norland will send troops to the border.", predicate="send", agents=["norland"],
                speaker="Anna Berg")
    neg_b = _st("Norland will not send troops.", article="b", predicate="send", negated=True,
                agents=["norland"], speaker="Karl Lind")
    assert describe("negation", neg_b, neg_a) == (
        "Whether Norland will send troops to the border: Anna Berg says so, Karl Lind says not")


def test_same_matter_needs_a_reason():
    a = _st("Rain fell.", predicate="fall")
    b = _st("Prices rose.", article="b", predicate="rise")
    assert same_matter(a, b, 0.6) is None
    assert same_matter(a, b, 0.9) == ("near-identical wording", None)
