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


def _claim_st(article, text, *, sim=1.0, core=None, speaker=None, entities=(), lemmas=(),
              negated=False, kind="sentence"):
    """A statement with entities given as (key, label, role)."""
    claim = {"text": text, "predicate": "say", "negated": negated, "numbers": [], "groups": [],
             "entities": [{"text": k, "label": label, "key": k, "role": role}
                          for k, label, role in entities],
             "speaker": speaker, "content_agent": None, "lemmas": list(lemmas), "kind": kind}
    return Statement(article, 0, claim, _cos(sim), _cos(core if core is not None else sim))


def test_one_denying_and_one_not_are_not_the_same():
    rep = _claim_st("a", "Bush underwent an MRI, and the coach decided to place Bush on reserve.",
                    entities=[("bush", "PERSON", "agent")])
    other = _claim_st("b", "He said Bush's injury does not require surgery.", sim=0.9,
                      entities=[("bush", "PERSON", "agent")])
    assert says_same(rep, other) is None
    # a verb of denying counts as denial on both sides: "excludes" / "did not entail"
    italy = _claim_st("a", "Italy said its support excludes troops.", speaker="Italy",
                      entities=[("italy", "GPE", "speaker")], lemmas=["exclude"])
    italian = _claim_st("b", "The Italian government said support did not entail troops.",
                        core=0.8, speaker="Italian government",
                        entities=[("italian", "NORP", "agent")])
    assert "same speaker" in says_same(italy, italian)


def test_a_question_or_request_supports_no_statement():
    claim = _claim_st("a", "It appears BP made decisions that increased the risk of a blowout.",
                      entities=[("bp", "ORG", "agent")])
    asked = _claim_st("b", "Waxman asked the executives whether BP made mistakes.", sim=0.8,
                      entities=[("bp", "ORG", "agent")])
    asked.claim["predicate"] = "ask"
    assert says_same(claim, asked) is None
    # two reports that someone was asked tell the same event
    claim.claim["predicate"] = "ask"
    assert says_same(claim, asked) is not None


def test_speakers_are_compared_by_their_own_names():
    # two polls that both speak of "Greeks": the place in what they said is not the speaker
    a = _claim_st("a", "A poll by Ethnos said 83 percent of Greeks were unhappy.", core=1.0,
                  speaker="A poll by Ethnos", entities=[("ethnos", "ORG", "speaker"),
                                                        ("greeks", "NORP", "agent")])
    b = _claim_st("b", "A poll for Kathimerini found 68 percent of Greeks disapprove.", core=0.8,
                  speaker="A poll for Kathimerini",
                  entities=[("kathimerini", "ORG", "speaker"), ("greeks", "NORP", "agent")])
    assert says_same(a, b) is None
    # the organisation of a speaker who is the sentence's subject speaks for them
    peskov = _claim_st("a", "Kremlin spokesman Dmitry Peskov warned, stating that war would "
                       "follow.", speaker="Dmitry Peskov",
                       entities=[("kremlin", "ORG", "agent"), ("dmitry peskov", "PERSON",
                                                                 "agent")])
    kremlin = _claim_st("b", "The Kremlin cautioned that war would follow.", core=0.7,
                        speaker="Kremlin", entities=[("kremlin", "ORG", "agent")])
    assert "same speaker" in says_same(peskov, kremlin)


def test_places_do_not_anchor_one_act_and_unnamed_voices_need_a_paraphrase():
    a = _claim_st("a", "Greek rioters attacked shops on the eighth day.", sim=1.0,
                  entities=[("greek", "NORP", "agent")])
    b = _claim_st("b", "Rioting youths in the Greek capital attacked a police station.", sim=0.8,
                  entities=[("greek", "NORP", "agent")])
    assert says_same(a, b) is None
    company = _claim_st("a", "65% of traffic to India is down, the company says.",
                        speaker="company", entities=[("india", "GPE", "agent")])
    spokesman = _claim_st("b", "Sixty-five per cent of traffic to India was down, a spokesman "
                          "said.", sim=0.9, core=0.8, speaker="a spokesman",
                          entities=[("india", "GPE", "agent")])
    assert "unnamed voice" in says_same(company, spokesman)
    spokesman.core = _cos(0.7)
    spokesman.full = _cos(0.7)
    assert says_same(company, spokesman) is None


def test_articles_sharing_their_own_words_are_one_origin():
    from newsweave.stories.corroboration import copied_articles

    wire = ("Several hundred protesters set up burning barricades and attacked police with "
            "rocks and flares in the centre of the city.")
    quote = ('"We want to create the social conditions that will generate more uprisings and '
             'get more people out in the streets," said a protester.')
    statements = [_claim_st("a", wire), _claim_st("b", wire.replace("centre", "center")),
                  _claim_st("c", quote), _claim_st("d", quote.replace("a protester",
                                                                        "the protester"))]
    sim = np.ones((4, 4))
    copies = copied_articles(statements, sim)
    assert copies["a"] == copies["b"]
    # a take whose lead-in was edited shares most of its words in order
    from newsweave.stories.corroboration import copied
    assert copied("After the record point, officials briefly stopped the game to allow the coach "
                  "and the athletics director to present him with the game ball.",
                  "As soon as the record shot went through the net, officials briefly stopped "
                  "the game to allow the coach and the athletic director to present him with "
                  "the game ball.")
    assert not copied("Obama met Monday with his Cabinet and Allen for a briefing on the oil "
                      "spill, which began April 20 with an explosion.",
                      "Yesterday, Obama met with Admiral Thad Allen and the president's cabinet "
                      "for a briefing on the oil spill, which began with the rig explosion.")
    # a quotation printed word for word by two outlets is what was said, not a copy
    assert copies["c"] != copies["d"] and copies["c"] not in {copies["a"]}
    # the claim then counts the two takes once
    rep = _claim_st("a", "Protesters set up barricades.", sim=1.0)
    other = _claim_st("b", "Barricades went up across the city.", sim=0.95)
    third = _claim_st("c", "Barricades were set up by protesters.", sim=0.9)
    story = Story("s", ["a", "b", "c"])
    members = [rep, other, third]
    assert verify(0, [0, 1, 2], members, np.ones((3, 3)), story, {}).independent == 3
    verdict = verify(0, [0, 1, 2], members, np.ones((3, 3)), story, {},
                     {"a": "a", "b": "a", "c": "c"})
    assert [ids for _, ids in verdict.origins] == [["a", "b"], ["c"]]
