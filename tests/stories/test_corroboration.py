"""Corroboration checks: what counts as saying the same thing, and what counts once
(hand-built statements with stand-in vectors, no model)."""
from __future__ import annotations

import numpy as np
import pytest

from newsweave.model import OriginGroup, Story
from newsweave.stories.corroboration import says_same, verify
from newsweave.stories.statements import Statement


def _vec(angle: float) -> np.ndarray:
    """A unit vector whose cosine with _vec(0) is cos(angle)."""
    return np.array([np.cos(angle), np.sin(angle), 0.0], dtype=np.float32)


def _cos(c: float) -> np.ndarray:
    return _vec(float(np.arccos(c)))


def _st(article, text, *, sim=1.0, core=None, speaker=None, agents=(), content_agent=None,
        negated=False):
    claim = {"text": text, "predicate": "send", "negated": negated, "numbers": [], "groups": [],
             "entities": [{"text": k, "label": "GPE", "key": k, "role": "agent"} for k in agents],
             "speaker": speaker, "content_agent": content_agent}
    return Statement(article, 0, claim, _cos(sim), _cos(core if core is not None else sim))


REP = _st("a", "Kim said the city will send aid.", speaker="Kim", agents=["kim"])


@pytest.mark.parametrize("other, same", [
    (_st("b", "Kim said aid will be sent.", core=0.8, speaker="Kim", agents=["kim"]), True),
    (_st("b", "Kim said aid will be sent.", core=0.5, speaker="Kim", agents=["kim"]), False),
    # another voice: only with the same subject and close reported words
    (_st("b", "Lee said the city will send aid.", core=0.8, speaker="Lee", agents=["lee"],
         content_agent="the city"), False),  # the representative names no subject
    # the same words, opposite polarity: not support
    (_st("b", "Kim said the city will not send aid.", core=0.9, speaker="Kim", agents=["kim"],
         negated=True), False),
    # unattributed, no agents: only a near paraphrase
    (_st("b", "Aid will be sent.", sim=0.9), False),
])
def test_says_same(other, same):
    assert (says_same(REP, other) is not None) is same


def test_two_voices_about_one_subject():
    a = _st("a", "Kim said the city will send aid.", speaker="Kim", agents=["kim"],
            content_agent="city")
    b = _st("b", "Lee said the city will send aid.", core=0.8, speaker="Lee", agents=["lee"],
            content_agent="city")
    assert "two voices" in says_same(a, b)


def _verdict(statements, origins=None):
    story = Story("s", sorted({s.article for s in statements}))
    story.origins = origins
    n = len(statements)
    sim = np.ones((n, n))
    return verify(0, list(range(n)), statements, sim, story, {})


def test_copies_and_one_outlet_count_once():
    rep = _st("a", "The storm killed 12 people.")
    copy = _st("b", "The storm killed 12 people!")            # word for word: a copy
    other = _st("c", "Twelve people died in the storm.", sim=0.9)
    verdict = _verdict([rep, copy, other])
    assert verdict.independent == 2 and verdict.status == "corroborated"
    assert [ids for _, ids in verdict.origins] == [["a", "b"], ["c"]]
    # one outlet: a and c are bulletins of one outlet
    verdict = _verdict([rep, other], [OriginGroup(("a", "c"), "Daily News", ("same outlet",))])
    assert verdict.independent == 1 and verdict.status == "single-source"
    assert "Daily News" in verdict.check()
