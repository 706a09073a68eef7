"""Hedges, refusals, plans and stated positions (issue 12), on invented sentences about a
made-up matter (a ferry link, a nominee): weighing or withholding takes no side; putting a
thing forward or denying it does."""
from __future__ import annotations

import pytest

from newsweave.stories.stance import polarity

pytest.importorskip("spacy")

FERRY = {"object": "ferry", "acts": {"launch", "open"}, "similar": {"boat"}}
NOMINEE = {"object": "okafor", "acts": {"confirm"}}


def _span(text):
    from newsweave.nlp.spacy_stage import load_nlp

    return load_nlp()(text)[:]


@pytest.mark.parametrize("text", [
    "The harbour board is weighing a new ferry to the islands.",
    "A ferry to the islands remains a serious option, the mayor's aide said.",
    "The council first wanted to figure out what a ferry could achieve.",
    "The ministry is studying whether to launch a ferry.",
    "The operator will not reveal the name of the ferry's buyer.",
    "The operator declined to comment on the ferry.",
    "The port authority will not be rushed into a decision on the ferry.",
    "A ferry could ease the pressure on the bridge.",
    "If the ferry were launched, fares would fall.",
])
def test_hedges_and_refusals_take_no_side(text):
    sign, bearing = polarity(_span(text), FERRY)
    assert not bearing or sign == 0, text


@pytest.mark.parametrize("text, sign", [
    ("The harbour board rejected the option of a ferry.", -1),
    ("The harbour board is not considering a ferry.", -1),
    ("The harbour board wants to launch a ferry.", 1),
    ("The mayor will not launch the ferry.", -1),
])
def test_positions_around_hedges_still_count(text, sign):
    got, bearing = polarity(_span(text), FERRY)
    assert bearing and got == sign, text


@pytest.mark.parametrize("text", [
    "The governor nominated Okafor for the post last spring.",
    "The senator recommended Okafor to the committee.",
])
def test_putting_forward_favours_adoption(text):
    got, bearing = polarity(_span(text), NOMINEE)
    assert bearing and got == 1, text


def test_own_denial_is_against():
    # the question asserts a fact about the speaker; the speaker denies it
    matter = {"object": "informant", "acts": set()}
    got, bearing = polarity(_span("Mr. Dunmore denied claims that he was the informant."),
                            matter)
    assert bearing and got == -1


def test_a_plan_does_not_point_back_at_a_question_of_fact():
    from newsweave.stories.stance_passages import refers_back

    fact = {"object": "informant", "acts": set(), "verb": "", "predicate": "",
            "factual": True}
    proposal = {"object": "ferry", "acts": {"launch"}, "verb": "launch", "predicate": ""}
    span = _span("The governor approved the plan in a phone call.")
    assert not refers_back(span, fact)
    assert refers_back(span, proposal)


def test_no_reports_of_a_cause_is_not_knowing():
    matter = {"object": "delay", "acts": {"cause"}, "similar": set()}
    sign, bearing = polarity(_span(
        "She said there have not been clear reports about a cause of the delay."), matter)
    assert not bearing or sign == 0


def test_a_name_the_question_is_about_is_not_its_matter_by_itself():
    # every passage of the story names the person or company the question is about; held-out
    # stories showed "support the Gulf coast economy" and "stop making payments" taken as
    # positions on questions about BP and a dairy through the name alone
    from newsweave.stories.stance_polarity import about_matter

    assert not about_matter(_span("The governor met Okafor on Monday."), NOMINEE)


@pytest.mark.parametrize("text, sign", [
    ("It will not happen.", -1),
    ("We will not launch it.", -1),
    ("That can't help but move you.", 0),
])
def test_a_bare_negation_is_a_side_only_on_the_act(text, sign):
    got, bearing = polarity(_span(text), FERRY)
    assert (got if bearing else 0) == sign, text


def _matter(question: str) -> dict:
    from newsweave.config import load_config
    from newsweave.stories.stance import matter_from_question
    return matter_from_question(question, load_config())


@pytest.mark.parametrize("question, text, sign", [
    # what was held back is exactly what was not said or done
    ("Should a no-fly zone be imposed over Tarsia?",
     "Ann Roe stopped short of calling for a no-fly zone over Tarsia.", 0),
    ("Should a no-fly zone be imposed over Tarsia?",
     "Ann Roe called for a no-fly zone over Tarsia.", 1),
    # a label put on another act, which "it" stands for, is no label on the matter
    ("Should a no-fly zone be imposed over Tarsia?",
     "Ann Roe said it was unacceptable that the colonel can be murdering his own people using "
     "airplanes.", 0),
    ("Should a no-fly zone be imposed over Tarsia?",
     "Ann Roe said it was unacceptable that a no-fly zone was imposed.", -1),
    # the act done by another party than the one the question names
    ("Should Acme pay the full cost of the oil spill?",
     "The Pentagon said Monday that Defense Secretary Ann Roe has approved a request from "
     "Louisiana Gov. Tom Hale to have the federal government pay the cost of mobilizing the "
     "National Guard.", 0),
    ("Should Acme pay the full cost of the oil spill?",
     "Ann Roe said the company should pay the full cost of the oil spill.", 1),
    # the matter as the time of another act
    ("Should new offshore drilling be halted?",
     "Industry practice is to avoid methane-bearing areas during drilling for oil and gas.", 0),
])
def test_held_back_put_on_another_or_done_by_another(question, text, sign):
    got, bearing = polarity(_span(text), _matter(question))
    assert (got if bearing else 0) == sign


def test_it_that_says_or_wants_is_someone_not_the_matter():
    from newsweave.stories.stance_passages import refers_back

    proposal = {"object": "ferry", "acts": {"launch"}, "verb": "launch", "predicate": ""}
    first = "The board wants to launch the ferry. "
    wanted = list(_span(first + "It wanted the company to adopt greener policies.").sents)[1]
    rejected = list(_span(first + "It was rejected by the council.").sents)[1]
    assert not refers_back(wanted, proposal)
    assert refers_back(rejected, proposal)


class _Close(dict):
    """Every passage close in meaning to the question."""

    def get(self, key, default=None):
        return 0.9


def test_a_question_put_takes_no_side():
    from newsweave.config import load_config
    from newsweave.stories.stance import judge, matter_from_question

    config = load_config()
    matter = matter_from_question("Should the crew stop operations on the rig?", config)
    for text in ('"You ever ask to stop operations on the rig?" the attorney asked.',
                 '"Would you stop operations on the rig?"'):
        doc = _span(text).doc
        label, evidence = judge([{"article": "a", "start": 0, "end": len(text),
                                  "kind": "statement"}], None, matter, {"a": doc}, config,
                                relevance_of=_Close())
        assert (label, evidence) == ("unclear", []), text
    text = '"We must stop operations on the rig," the attorney said.'
    label, _ = judge([{"article": "a", "start": 0, "end": len(text), "kind": "statement"}],
                     None, matter, {"a": _span(text).doc}, config, relevance_of=_Close())
    assert label == "favor"


def test_a_pages_head_takes_no_side():
    from newsweave.config import load_config
    from newsweave.stories.stance import judge, matter_from_question

    config = load_config()
    matter = matter_from_question("Should the crew stop operations on the rig?", config)
    head = "Crew must stop operations on the rig, union says Saturday 19 June 2010 13.47 BST "
    text = head + "The union met on Friday."
    label, evidence = judge([{"article": "a", "start": 0, "end": len(head) - 36,
                              "kind": "statement"}], None, matter, {"a": _span(text).doc},
                            config, relevance_of=_Close())
    assert (label, evidence) == ("unclear", [])


def _matter(question):
    from newsweave.config import load_config
    from newsweave.stories.stance import matter_from_question

    return matter_from_question(question, load_config())


@pytest.mark.parametrize("text, sign", [
    # no worth in the act: "no point in stopping", "no need to restrict" are against it
    ("The agency said that there was no point in stopping travel to the islands.", 1),
    ("There is no need to restrict travel to the islands.", 1),
    # an act coordinated with a second is one side taken, not turned twice
    ("The union rejected and denounced the travel ban.", 1),
    # a label on the act as the clause's subject, through a second predicate
    ("Limiting travel and imposing travel restrictions would have little effect, but would be "
     "highly disruptive to the islands.", 1),
    ("The union called for a ban on travel to the islands.", -1),
])
def test_worth_coordination_and_labels_on_a_stopping_act(text, sign):
    # "Should ... restrict travel?" is read as the travel kept, with the sign turned round at
    # the end: +1 here is against restricting
    matter = _matter("Should the council restrict travel to the islands?")
    assert polarity(_span(text), matter) == (sign, True), text


def test_a_time_asked_about_must_be_named():
    matter = _matter("Will the ferry be launched on Midsummer Day?")
    assert polarity(_span("The operator will launch the ferry on Midsummer Day."), matter) \
        == (1, True)
    for text in ("The operator is planning to launch a larger ferry.",
                 "The operator will launch the ferry in March."):
        assert polarity(_span(text), matter) == (0, False), text


def test_safe_to_eat_asks_whether_it_is_safe():
    matter = _matter("Is fish from the bay safe to eat?")
    assert matter["predicate"] == "safe" and not matter["acts"]
    matter["factual"] = True  # (as the stage sets it for a question that proposes nothing)
    assert polarity(_span("The fish is safe to eat, the agency said."), matter) == (1, True)
    assert polarity(_span("The agency said the fish was unsafe."), matter) == (-1, True)
    # what threatens the fish's safety is no answer put on the fish
    assert polarity(_span("Dispersants do not appear to threaten the safety of fish in the "
                          "bay, the agency said."), matter) == (0, False)
