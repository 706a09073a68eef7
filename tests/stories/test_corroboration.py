"""Corroboration checks: what counts as saying the same thing, and what counts once
(hand-built statements with stand-in vectors, no model)."""
from __future__ import annotations

import numpy as np
import pytest

from newsweave.model import OriginGroup, Story
from newsweave.stories.corroboration import (same_proposition, says_same, shares_run,
                                                 verify)
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
    # the copy adds no support (its article is in no origin of this claim)
    assert [ids for _, ids in verdict.origins] == [["a"], ["c"]]
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
    # ... but a person in the speaker's title is another person: "Obama's chief of staff"
    aide = _claim_st("a", "President Ivo Dane's chief of staff, Tom Hale, condemned the trip as "
                     "a gaffe.", speaker="Tom Hale",
                     entities=[("ivo dane", "PERSON", "agent"), ("tom hale", "PERSON",
                                                                 "agent")])
    boss = _claim_st("b", "President Ivo Dane said the chief should look for another job.",
                     core=0.7, speaker="Ivo Dane",
                     entities=[("ivo dane", "PERSON", "agent")])
    assert says_same(aide, boss) is None


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


def test_takes_of_one_story_count_once_and_relays_join_the_agency():
    # the copies stage's groups (shared sentences included) are the claim's origins
    rep = _claim_st("a", "Protesters set up barricades.", sim=1.0)
    other = _claim_st("b", "Barricades went up across the city.", sim=0.95)
    third = _claim_st("c", "Barricades were set up by protesters.", sim=0.9)
    members = [rep, other, third]
    story = Story("s", ["a", "b", "c"])
    assert verify(0, [0, 1, 2], members, np.ones((3, 3)), story, {}).independent == 3
    story.origins = [OriginGroup(("a", "b"), "a", ("b shares a sentence of its own words "
                                                   "with a",)), OriginGroup(("c",), "c", ())]
    verdict = verify(0, [0, 1, 2], members, np.ones((3, 3)), story, {})
    assert [ids for _, ids in verdict.origins] == [["a", "b"], ["c"]]
    # an article relaying an agency is that agency's origin for the claim
    third.claim["text"] = "Barricades were set up by protesters, according to Reuters."
    story.origins = [OriginGroup(("a",), "Reuters", ("credits Reuters",)),
                     OriginGroup(("b",), "b", ()), OriginGroup(("c",), "c", ())]
    verdict = verify(0, [0, 1, 2], members, np.ones((3, 3)), story, {})
    assert sorted(ids for _, ids in verdict.origins) == [["a", "c"], ["b"]]
    assert "c relays Reuters" in verdict.check()


def test_words_given_to_an_agency_reach_other_outlets_through_it():
    # "he told AP news agency": the interview is the agency's, so another outlet printing the
    # same words (six in a row or more) joins the agency's origin; other words do not
    said = [("graber", "PERSON", "agent")]
    rep = _claim_st("a", '"The spill is getting so much faster and expanding much quicker than '
                    'they estimated," said Hans Graber.', speaker="Hans Graber", entities=said)
    relay = _claim_st("b", '"The spill is ... expanding much quicker than they estimated," he '
                      'told AP news agency.', speaker="Hans Graber", entities=said)
    story = Story("s", ["a", "b"])
    verdict = verify(0, [0, 1], [rep, relay], np.ones((2, 2)), story, {})
    assert verdict.independent == 1
    assert "a quotes words given to Associated Press" in verdict.check()
    # without the interview the two outlets are two origins
    relay.claim["text"] = relay.claim["text"].replace("told AP news agency", "said")
    assert verify(0, [0, 1], [rep, relay], np.ones((2, 2)), story, {}).independent == 2
    assert not shares_run("the spill is expanding fast".split(),
                          "the spill is expanding much quicker".split())


def test_support_states_the_same_proposition():
    # same speaker, another statement: a downgrade is not supported by a dividend remark
    rep = _claim_st("a", "Fitch downgraded BP's credit rating.", speaker="Fitch",
                    entities=[("fitch", "ORG", "speaker")], lemmas=["fitch", "downgrade", "bp"])
    rep.claim["predicate"] = "downgrade"
    other = _claim_st("b", "Fitch said it expected BP to keep its dividend.", core=0.66,
                      speaker="Fitch", entities=[("fitch", "ORG", "speaker")],
                      lemmas=["fitch", "expect", "bp", "dividend"])
    other.claim["predicate"] = "keep"
    assert says_same(rep, other) is not None and same_proposition(rep, other) is None
    # a passage that only discusses never supports a statement of fact
    fact = _claim_st("a", "BP will not decide on its dividend until July.",
                     lemmas=["bp", "decide", "dividend"], negated=True)
    fact.claim["predicate"] = "decide"
    wait = _claim_st("b", "Analysts expect BP to confirm whether it will pay a dividend.",
                     lemmas=["analyst", "expect", "bp", "confirm", "dividend"])
    wait.claim["predicate"] = "confirm"
    assert same_proposition(fact, wait) is None
    # another poll's figure is not support
    poll = _claim_st("a", "A poll said 83 percent were unhappy.", lemmas=["poll", "unhappy"])
    poll.claim.update(predicate="be", numbers=[{"value": 83.0, "unit": "percent"}])
    other_poll = _claim_st("b", "Another poll said 68 percent were unhappy.",
                           lemmas=["poll", "unhappy"])
    other_poll.claim.update(predicate="be", numbers=[{"value": 68.0, "unit": "percent"}])
    assert same_proposition(poll, other_poll) is None
    other_poll.claim["numbers"] = [{"value": 83.0, "unit": "percent"}]
    assert same_proposition(poll, other_poll) is not None
    # one event in other words
    cut = _claim_st("a", "Three undersea cables were damaged.", lemmas=["cable", "damage"])
    cut.claim["predicate"] = "damage"
    severed = _claim_st("b", "Three data lines were cut.", lemmas=["line", "cut"])
    severed.claim["predicate"] = "cut"
    assert same_proposition(cut, severed) is not None


def test_a_fragment_is_not_shown_as_corroborated():
    rep = _claim_st("a", "that is not the case with the company.")
    other = _claim_st("b", "that is not the case with the company.", sim=0.99)
    other.claim["text"] = "It is not the case with the company, he said."
    verdict = verify(0, [0, 1], [rep, other], np.ones((2, 2)), Story("s", ["a", "b"]), {})
    assert verdict.independent == 2 and verdict.status == "single-source"
    assert "does not read alone" in verdict.check()


def test_words_given_to_he_are_shown_with_the_name_every_origin_gives_them():
    quote = '"Of course we will not send any troops to the region," he said.'
    rep = _claim_st("a", quote, speaker="Matthew Miller",
                    entities=[("matthew miller", "PERSON", "speaker")],
                    lemmas=["troop", "send", "region"])
    other = _claim_st("b", quote, sim=0.99, speaker="Matthew Miller",
                      entities=[("matthew miller", "PERSON", "speaker")],
                      lemmas=["troop", "send", "region"])
    other.claim["text"] = "We will not send any troops to the region, Matthew Miller said."
    verdict = verify(0, [0, 1], [rep, other], np.ones((2, 2)), Story("s", ["a", "b"]), {})
    assert verdict.status == "corroborated"
    assert verdict.shown == ('"Of course we will not send any troops to the region," '
                             'he [Matthew Miller] said.')
    assert "in brackets" in verdict.check()
    # another origin gives the words to someone else: no name is added, so no corroboration
    other.claim["speaker"] = "Ann Lee"
    other.claim["entities"] = [{"text": "ann lee", "label": "PERSON", "key": "ann lee",
                                "role": "speaker"}]
    verdict = verify(0, [0, 1], [rep, other], np.ones((2, 2)), Story("s", ["a", "b"]), {})
    assert verdict.shown is None and verdict.status == "single-source"


def test_an_earlier_occasion_of_the_event_is_another_proposition():
    rep = _claim_st("a", "Lee was arrested on a DUI charge.", lemmas=["lee", "arrest", "dui"])
    rep.claim["predicate"] = "arrest"
    again = _claim_st("b", "Lee was arrested on Tuesday on a DUI charge.",
                      lemmas=["lee", "arrest", "tuesday", "dui"])
    again.claim["predicate"] = "arrest"
    before = _claim_st("b", "Lee was on probation for a previous DUI arrest.",
                       lemmas=["lee", "probation", "previous", "dui", "arrest"])
    before.claim["predicate"] = "be"
    assert same_proposition(rep, again) is not None
    assert same_proposition(rep, before) is None


def test_a_sentence_inside_a_quotation_is_shown_as_its_speakers_words():
    text = "Acme will not be leaving the country."
    rep = _claim_st("a", text, speaker="Bob Dale", lemmas=["acme", "leave", "country"],
                    entities=[("bob dale", "PERSON", "speaker")])
    other = _claim_st("b", text, sim=0.99, speaker="Bob Dale",
                      lemmas=["acme", "leave", "country"],
                      entities=[("bob dale", "PERSON", "speaker")])
    other.claim["text"] = "Acme is not going to be leaving the country."
    verdict = verify(0, [0, 1], [rep, other], np.ones((2, 2)), Story("s", ["a", "b"]), {})
    assert verdict.status == "corroborated"
    assert verdict.shown == "Bob Dale: Acme will not be leaving the country."
    # the writer's own sentence, with no speaker: shown as written
    rep.claim["speaker"] = other.claim["speaker"] = None
    verdict = verify(0, [0, 1], [rep, other], np.ones((2, 2)), Story("s", ["a", "b"]), {})
    assert verdict.shown is None


def test_what_has_yet_to_happen_denies_it():
    # "has yet to endorse" (PolNeAR train, West Journal) is no support for "I endorse"
    rep = _claim_st("a", "“I support and endorse Paul Ryan,” Trump told a crowd.",
                    core=1.0, speaker="Donald Trump", entities=[("trump", "PERSON", "speaker")])
    other = _claim_st("b", "Donald Trump has yet to endorse House Speaker Paul Ryan’s bid.",
                      core=0.8, speaker="Donald Trump",
                      entities=[("donald trump", "PERSON", "speaker")])
    assert says_same(rep, other) is None
    again = _claim_st("b", "“I fully support and endorse Paul Ryan,” Trump said.", core=0.9,
                      speaker="Donald Trump", entities=[("donald trump", "PERSON", "speaker")])
    assert says_same(rep, again) is not None


def test_a_question_and_a_demand_state_nothing_a_statement_can_share():
    question = _claim_st("a", "“How many times do we have to see this in our country?”",
                         speaker="Hillary Clinton", entities=[])
    clause = _claim_st("b", "it needs to be intolerable", core=0.88, speaker="Hillary Clinton",
                       entities=[])
    assert says_same(question, clause) is None
    asked_again = _claim_st("b", "“How many times do we have to see this?” she asked.",
                            core=0.95, speaker="Hillary Clinton", entities=[])
    asked_again.claim["cue"] = "asked"
    assert says_same(question, asked_again) is not None
    demand = _claim_st("a", "Pence is joining Trump in calling for a special prosecutor.",
                       speaker="Mike Pence", entities=[("mike pence", "PERSON", "speaker")])
    demand.claim["cue"] = "calling for"
    said = _claim_st("b", "“The schedule is further evidence of pay-to-play politics,” "
                     "Pence said.", core=0.77, speaker="Mike Pence",
                     entities=[("mike pence", "PERSON", "speaker")])
    said.claim["cue"] = "said"
    assert says_same(demand, said) is None


def test_what_could_happen_is_not_what_happened():
    rep = _claim_st("a", "Clinton speaks directly to white people.", lemmas=["clinton", "speak"])
    rep.claim["predicate"] = "speak"
    could = _claim_st("b", "Clinton asserted she could speak directly to white people.",
                      lemmas=["clinton", "assert", "speak"])
    could.claim.update(predicate="speak", modality=["could"])
    did = _claim_st("b", "Clinton spoke directly to white people.", lemmas=["clinton", "speak"])
    did.claim["predicate"] = "speak"
    assert same_proposition(rep, could) is None
    assert same_proposition(rep, did) is not None


def test_a_narrowed_claim_keeps_only_the_passages_that_state_it():
    # the representative states two things; a passage that matched the other one ("killed")
    # does not back the narrower passage the claim is shown as ("wounded")
    people = [("sam kay", "PERSON", "agent")]
    rep = _claim_st("a", "Officials said Sam Kay was wounded, and a strategist said the attack "
                    "killed his aide.", entities=people,
                    lemmas=["official", "sam", "kay", "wound", "strategist", "attack", "kill",
                            "aide"])
    short = ["official", "sam", "kay", "wound"]
    b = _claim_st("b", "Officials said Sam Kay was wounded.", entities=people, lemmas=short)
    c = _claim_st("c", "Officials said that Sam Kay was wounded.", entities=people, lemmas=short)
    d = _claim_st("d", "Sam Kay had been killed in the attacks late Friday.", sim=0.8,
                  entities=people,
                  lemmas=["sam", "kay", "kill", "attack", "late", "friday"])
    for s, verb in ((rep, "wound"), (b, "wound"), (c, "wound"), (d, "kill")):
        s.claim["predicate"] = verb
        s.lemmas = frozenset(s.claim["lemmas"])
    verdict = verify(0, [0, 1, 2, 3], [rep, b, c, d], np.ones((4, 4)),
                     Story("s", ["a", "b", "c", "d"]), {})
    assert verdict.supporters[0] in (1, 2) and verdict.wording   # shown as b's or c's passage
    assert "d" not in [aid for _, ids in verdict.origins for aid in ids]


@pytest.mark.parametrize("text, reads", [
    ("\u201c[We] have the right to do so.\u201d", False),       # whose words?
    ("\u2018It should be supported because it is a pillar of Islam.", False),
    ("'I got it to look unattractive,' she claims.", False),
    ("\u201cThe caliphate ended,\u201d the Jerusalem Post quoted him saying.", False),
    ("Jay Tee (left), a woman from Tampa, announced she had surgery.", False),
    ("\u201cWe have the right to do so,\u201d Sheikh Nabet said.", True),
    ("Jay Tee, a woman from Tampa, announced she had surgery.", True),
    ("Just when the groom lifted his arms to put the garland around her neck", False),
    ("\u201cThey took the chance,\u201d Obama said on .", False),
    ("As the minister said, the bill will pass.", True),
])
def test_a_claim_that_leans_on_what_is_not_shown_does_not_read_alone(text, reads):
    from newsweave.stories.corroboration import readable

    assert readable(text) is reads


def test_a_sentence_is_shown_as_words_of_a_name_only():
    # the parse made "it" or a phrase the speaker: no one to show the words as
    text = "Acme will not be leaving the country."
    for speaker in ("it", "the karma of past actions"):
        rep = _claim_st("a", text, speaker=speaker, lemmas=["acme", "leave", "country"])
        other = _claim_st("b", "Acme is not going to be leaving the country.", sim=0.99,
                          speaker=speaker, lemmas=["acme", "leave", "country"])
        verdict = verify(0, [0, 1], [rep, other], np.ones((2, 2)), Story("s", ["a", "b"]), {})
        assert verdict.shown is None, speaker


def test_a_headline_named_as_a_headline_supports_nothing():
    from newsweave.stories.corroboration import discusses

    named = {"text": 'An article published by a satire site entitled, "Mayor Confirms Ferry Is '
                     'Haunted," has shocked readers.', "predicate": "shock", "cue": None}
    assert discusses(named)
    said = {"text": "The mayor confirmed the ferry is haunted.", "predicate": "confirm",
            "cue": None}
    assert not discusses(said)
