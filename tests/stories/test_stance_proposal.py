"""stance@1 read relative to the question's proposal: its polarity (stopping, failing), its
predicate, the cause it asks after, uncertainty, and who may hold a stance (spaCy and MiniLM
backed; sentences written here)."""
from __future__ import annotations

import pytest

from newsweave.config import load_config
from newsweave.model import Actor, Article, Story
from newsweave.stories.stance import matter_from_question, stance_stage
from newsweave.stories.stance_actors import acronym_tail, glued, is_outlet

pytest.importorskip("spacy")


def _parsed(*texts: str) -> dict[str, Article]:
    from newsweave.pipeline import run_article_stages

    articles = {f"a{i}": Article.from_text(f"a{i}", t) for i, t in enumerate(texts)}
    run_article_stages(list(articles.values()), load_config(
        pipeline={"article_stages": ["spacy@1"], "story_stages": []}))
    return articles


def _stances(question: str, *texts: str, names=("Ann Roe", "Tom Hale")) -> dict[str, Actor]:
    # (a story about the question names its parties: a last report asks it in so many words)
    articles = _parsed(*texts, question)
    story = Story("s", list(articles))
    story.actors = [Actor(n) for n in names]
    stance_stage(story, articles, load_config(claims={"question": question}))
    return {a.name: a for a in story.actors}


SUSPEND = "Should Acme suspend its dividend payments to shareholders?"


def test_a_stopping_question_inverts_what_is_said_of_the_thing():
    matter = matter_from_question(SUSPEND, load_config())
    assert matter["inverted"] and "suspend" in matter["stop_acts"]
    assert "pay" in matter["acts"] and "dividend" in matter["also"]


@pytest.mark.parametrize("text, expected", [
    ("Ann Roe said she planned to maintain dividend payments despite the flood.", "against"),
    # what another party plans, passed on, is that party's position, not hers
    ("Ann Roe said Acme planned to maintain dividend payments despite the flood.", "unclear"),
    ("Ann Roe said officials were considering suspending the dividend payments.", "unclear"),
    # ... but what she says another party should do is hers
    # (weighing a thing takes no side, even when urged on another party: issue 12)
    ("Ann Roe said Acme should consider suspending the dividend payments.", "unclear"),
    ("Ann Roe said the dividend payments to investors should be halted.", "favor"),
    ("Ann Roe said Acme should suspend the dividend payments.", "favor"),
    ("Ann Roe said it would be wrong for Acme to pay investors a dividend this year.", "favor"),
    # paying for something else is no word on the dividend
    ("Ann Roe said Acme would pay for the new barriers along the coast.", "unclear"),
])
def test_stance_on_a_stopping_proposal(text, expected):
    assert _stances(SUSPEND, text)["Ann Roe"].stance == expected


LOOSEN = "Should the ministry loosen protections for coastal wetlands?"


@pytest.mark.parametrize("text, expected", [
    # an act that takes away from a thing is asked like a halt: keeping the thing is against
    ("Ann Roe said the ministry must keep protections for coastal wetlands.", "against"),
    ("Ann Roe said the ministry should loosen protections for coastal wetlands.", "favor"),
    # a label put on the clause the matter stands in takes its side
    ('"To admit the science and then deny the wetlands the protections the law should '
     'provide is nothing other than shameful," said Ann Roe.', "against"),
])
def test_stance_on_a_reducing_proposal(text, expected):
    assert _stances(LOOSEN, text)["Ann Roe"].stance == expected


def test_a_stopped_act_and_a_passive_subject_tagged_a_verb_are_the_matter():
    matter = matter_from_question("Should drivers stop using the coastal road until it is "
                                  "repaired?", load_config())
    assert matter["inverted"] and matter["object"] == "road" and "use" in matter["acts"]
    matter = matter_from_question("Should travel to Norland be restricted because of the "
                                  "outbreak?", load_config())
    assert matter["inverted"] and matter["object"] == "travel"


STEP_DOWN = "Should President Ivo Dane step down?"


@pytest.mark.parametrize("text, expected", [
    # an act with no object is asked of its doer: the act put on them names the matter
    ("Ann Roe said President Ivo Dane must step down immediately.", "favor"),
    ("Ann Roe demanded that Dane resign.", "favor"),
    ("Ann Roe said President Ivo Dane should not step down.", "against"),
    ("Ann Roe rejected calls for Dane to step down.", "against"),
    # the act's noun with its doer
    ("Ann Roe called for the resignation of President Ivo Dane.", "favor"),
    ("Ann Roe opposed the resignation of the finance minister.", "unclear"),
    # "stand against" and "steps" are not the act ("stand down", "step down")
    ('Ann Roe called on Dane to "stand against corruption" and stressed the need for new '
     'steps toward reform.', "unclear"),
    # another phrasal verb, or the act of someone else, is no word on it
    ("Ann Roe said Dane would step up his efforts.", "unclear"),
    ("Ann Roe said the minister of finance should resign.", "unclear"),
    # staying on is the other side, said of the one asked to go ...
    ("Ann Roe said Dane should stay in office until September.", "against"),
    ("Ann Roe said Dane should not remain in power.", "favor"),
    # ... not of others staying, nor a state he remains in
    ("Ann Roe said protesters would stay in the square until Dane resigns.", "unclear"),
    ("Ann Roe said Dane would remain calm.", "unclear"),
    # a verb "plans" with its clause's "that" points back at no plan
    ("Acme to cut tax bill by $10 billion because of losses. Ann Roe said Tuesday that it "
     "plans to cut its tax bill by deducting costs related to the spill.", "unclear"),
    # backing him is against his going; not backing him, or another's backing, is no side
    ("But Ann Roe defended Ivo Dane, saying the answers would have to wait for an inquiry.",
     "against"),
    ("Ann Roe did not defend Dane.", "unclear"),
    ("Ann Roe said the board would back Dane.", "unclear"),
])
def test_stance_on_an_act_asked_of_its_doer(text, expected):
    assert _stances(STEP_DOWN, text)["Ann Roe"].stance == expected


RESTRICT = "Should travel to Norland be restricted because of the outbreak?"


@pytest.mark.parametrize("text, expected", [
    # the stop's noun on the matter ("travel restrictions") is the stop
    ("Ann Roe said the agency does not recommend travel restrictions or border closures "
     "because of the outbreak.", "against"),
    # putting off is stopping for now
    ("Ann Roe urged tourists to postpone nonessential travel to Norland.", "favor"),
    # the matter's noun naming a kind of another thing is not the matter
    ("Ann Roe said the new wildlife-travel law was passed in 2001.", "unclear"),
])
def test_stance_on_a_restriction(text, expected):
    assert _stances(RESTRICT, text)["Ann Roe"].stance == expected


def test_withdrawing_troops_is_stopping_their_presence():
    question = "Should the army withdraw its troops from Tarsia?"
    text = ("General Ann Roe said the army had planned troop rotations up to 2009 to ensure "
            "enough soldiers would be available.")
    assert _stances(question, text)["Ann Roe"].stance == "against"
    text = "General Ann Roe said she supported the withdrawal of the troops."
    assert _stances(question, text)["Ann Roe"].stance == "favor"


def test_a_failing_question_asks_about_the_act_failed():
    matter = matter_from_question(
        "Did the coastal authorities fail to give a timely flood warning?", load_config())
    assert matter["inverted"] and matter["acts"] == {"give"}
    assert matter["object"] == "warning"


RELEASE = "Should the government release the detained fishermen?"


@pytest.mark.parametrize("text", [
    # refusing to bargain for a release is not opposing the release
    "Ann Roe said the country will not negotiate the release of the fishermen.",
    # uncertainty is no position
    "Ann Roe said she isn't sure whether the fishermen will be released.",
    "Ann Roe said the fishermen could be released next week.",
])
def test_another_act_or_uncertainty_is_no_position(text):
    assert _stances(RELEASE, text)["Ann Roe"].stance == "unclear"


def test_a_copular_question_is_answered_by_its_predicate():
    question = "Was the blockade of the port legal under international law?"
    assert matter_from_question(question, load_config())["predicate"] == "legal"
    stances = _stances(
        question, "Ann Roe said the blockade of the port was illegal. Tom Hale said he stood by "
        "his opinion that it was legal for the navy to block the port.")
    assert stances["Ann Roe"].stance == "against"
    assert stances["Tom Hale"].stance == "favor"


def test_a_justified_question_is_answered_by_what_is_said_of_the_act():
    question = "Were the harbour guards justified in shooting Tom Hale?"
    matter = matter_from_question(question, load_config())
    assert matter["predicate"] == "justified" and matter["object"] == "shooting"
    stances = _stances(
        question, "Ann Roe said the shooting was unjustified. Bo Lund said it was a justified "
        "shooting. Tom Hale said the guards opened fire at dawn.",
        names=("Ann Roe", "Bo Lund", "Tom Hale"))
    assert stances["Ann Roe"].stance == "against"
    assert stances["Bo Lund"].stance == "favor"
    # telling what the guards did takes no side on whether they were justified
    assert stances["Tom Hale"].stance == "unclear"


def test_a_surname_inside_another_persons_name_is_not_the_actor():
    question = "Should the harbour board be dissolved?"
    stances = _stances(question, "His sister, Mia Hale, said the harbour board should be "
                       "dissolved.", names=("Tom Hale", "Mia Hale"))
    assert stances["Mia Hale"].stance == "favor"
    assert stances["Tom Hale"].stance == "unclear"


def test_a_cause_question_needs_its_cause_named():
    question = "Were the pipelines damaged by trawlers' nets?"
    assert matter_from_question(question, load_config())["agents"] == {"net"}
    stances = _stances(question, "Ann Roe said the pipelines were badly damaged on Friday.")
    assert stances["Ann Roe"].stance == "unclear"


def test_outlets_and_glued_names_hold_no_stance():
    sources = {"daily planet"}
    assert is_outlet(Actor("Reuters news agency", type="organisation"), sources)
    assert is_outlet(Actor("Radio Cooperativa", type="organisation"), sources)
    assert is_outlet(Actor("Daily Planet", type="organisation"), sources)
    assert not is_outlet(Actor("Ann Roe"), sources)
    actors = [Actor("Tony Lake"), Actor("GMT Tony Lake"), Actor("Tony Lake Acme"),
              Actor("Acme", type="organisation"), Actor("Lake")]
    assert [glued(a, actors) for a in actors] == [False, True, True, False, False]
    texts = ["Acme said. ACME shares fell. ACME will pay. ACME agreed. Bill ACME wrote."]
    assert acronym_tail(Actor("Bill ACME"), texts)
    assert not acronym_tail(Actor("John Smith MP"), ["MP said. MP voted. MP left."])


def test_a_pronoun_quote_after_another_speaker_is_not_the_actors():
    from newsweave.model.findings import Quote
    from newsweave.model.span import Span
    from newsweave.stories.stance_passages import actor_statements

    text = ("Ann Roe said the strike was long. A student, Lia, said the fishermen should be "
            "released. She also said the fishermen should be released at once.")
    articles = _parsed(text)
    article = articles["a0"]
    s = text.index("the fishermen should be released at once")
    she = text.index("She also")
    quote = Quote(speaker=Span(she, she + 3, "SPEAKER"), cue=None,
                  content=(Span(s, len(text) - 1, "CONTENT"),), direct=False,
                  speaker_name="Ann Roe", article="a0")
    story = Story("s", ["a0"])
    story.quotes = [quote]
    docs = [(article, article.cache["doc"])]
    passages = actor_statements(Actor("Ann Roe"), story, docs, {"a0": article})
    assert all(p["kind"] != "quote" for p in passages)


@pytest.mark.parametrize("question, expected", [
    # doing the act answers a proposal ...
    ("Should Ann Roe lead the harbour board?", "favor"),
    # ... but not whether the act is a good idea, or whether something is so
    ("Is Ann Roe a good choice to lead the harbour board?", "unclear"),
])
def test_doing_the_act_is_a_position_on_a_proposal_only(question, expected):
    text = "Ann Roe will lead the harbour board from March, the council announced."
    assert _stances(question, text)["Ann Roe"].stance == expected


def test_a_question_of_fact_has_no_plan_to_point_back_at():
    text = ("Tom Hale was named as the source of the leak by two papers. Ann Roe approved the "
            "plan in a telephone call with the mayor.")
    assert _stances("Was Tom Hale the source of the leak?", text)["Ann Roe"].stance == "unclear"


def test_a_surname_two_actors_share_names_neither_alone():
    from newsweave.stories.stance_passages import _name_forms, shared_surnames

    actors = [Actor("Mark Hale", aliases=("Hale",), type="person"),
              Actor("Joan Hale", type="person"), Actor("Ann Roe", type="person")]
    shared = shared_surnames(actors)
    assert shared == {"hale"}
    assert "hale" in _name_forms(actors[0], shared)       # the people stage's "Hale"
    assert "hale" not in _name_forms(actors[1], shared)
    assert "roe" in _name_forms(actors[2], shared)


def test_an_own_denial_of_the_fact_is_against():
    text = ("Two papers named Tom Hale as the source of the leak. Tom Hale denied claims that he "
            "was the source of the leak.")
    assert _stances("Was Tom Hale the source of the leak?", text)["Tom Hale"].stance == "against"


PENALTY = "Should Tom Hale get the death penalty?"


@pytest.mark.parametrize("text, expected", [
    # seeking a thing, or judging that a case calls for it, is a side taken on it
    ("Prosecutor Ann Roe will seek the death penalty against Tom Hale.", "favor"),
    ("Prosecutor Ann Roe said she would not seek the death penalty.", "against"),
    ("Ann Roe said the crime deserves the death penalty.", "favor"),
    # ... not a thing sought that is not the question's
    ("Prosecutor Ann Roe will seek a new trial date.", "unclear"),
])
def test_seeking_or_warranting_the_thing_is_a_side(text, expected):
    assert _stances(PENALTY, text)["Ann Roe"].stance == expected


def test_a_person_the_question_is_about_names_no_matter():
    # "Orozco" is tagged a noun in the question; in the report it is the man, and what he
    # agreed to is no side on his sentence
    found = _stances("Should Orozco be sentenced to death for killing the deputy?",
                     "Defence attorney Ann Roe said Orozco agreed not to force his mother to "
                     "take the stand, a decision that cost him the jury's mercy.",
                     names=("Ann Roe", "Jose Orozco"))
    assert found["Ann Roe"].stance == "unclear"


def test_an_acts_noun_qualifying_another_noun_is_not_the_act():
    # "share" of "the share price" is not the sharing the question asks about
    question = "Were the causes of the harbour spill failures shared across the industry?"
    stances = _stances(question, "Ann Roe said the company deserved the share price rise.")
    assert stances["Ann Roe"].stance == "unclear"


def test_a_participle_before_the_questions_subject_is_not_its_act():
    # the parser makes "frozen" the root of "Should frozen assets be released ...?": the act
    # asked about is the release, and seeking it is a side for it, not against a freeze
    question = "Should frozen Libyan assets be released to the rebels?"
    assert matter_from_question(question, load_config())["acts"] == {"release"}
    stances = _stances(question, "Ann Roe said on Tuesday she was seeking to release $1 billion "
                       "of frozen Libyan assets to the rebels within days.")
    assert stances["Ann Roe"].stance == "favor"


TAKE_OVER = "Should the federal government take over the spill response from Acme?"


@pytest.mark.parametrize("question, text, expected", [
    # a light verb's thing alone says nothing of the act: supporting or defending the
    # response is no word on taking it over
    (TAKE_OVER, "Ann Roe said she would mobilize soldiers to support the response to the spill.",
     "unclear"),
    (TAKE_OVER, "Ann Roe defended the federal response so far.", "unclear"),
    (TAKE_OVER, "Ann Roe said the federal government should take over the response.", "favor"),
    # not calling for an act takes no side on it
    (STEP_DOWN, "Ann Roe did not call on Dane to step down, but she did call for the emergency "
     "law to be lifted.", "unclear"),
    # "that prospect" points back at what the sentences before speak of, not at the matter
    (STEP_DOWN, "Traders warned that the company could break up within a year. Ann Roe rejected "
     "that prospect.", "unclear"),
])
def test_passages_that_do_not_bear_on_the_act(question, text, expected):
    assert _stances(question, text)["Ann Roe"].stance == expected



def test_a_named_subjects_title_is_not_the_questions_object():
    matter = matter_from_question("Should BP chief executive Tony Hayward step down?",
                                  load_config())
    assert matter["object"] == "" and matter["doer"] == {"tony", "hayward"}


ESCROW = ("Should Acme put money for damage claims into an escrow fund run by an independent "
          "administrator?")


@pytest.mark.parametrize("text, expected", [
    # the destination's words carry a light verb's act: an escrow account demanded, called
    # for or rejected is a side on putting the money there
    ("Ann Roe demanded that Acme set aside $20 billion in an escrow account for damage claims.",
     "favor"),
    ("Ann Roe called for an independent escrow account.", "favor"),
    ("Ann Roe rejected the escrow account.", "against"),
    # ... while the money or a fund alone is not it
    ("Ann Roe said the average pension fund member is not an expert on fund management.",
     "unclear"),
    ("Ann Roe said the escrow talks were slow.", "unclear"),
])
def test_a_light_verbs_destination_carries_its_act(text, expected):
    assert _stances(ESCROW, text)["Ann Roe"].stance == expected


@pytest.mark.parametrize("question, text, expected", [
    # every option kept open is no side
    ("Should Acme face criminal charges over the oil spill?", "Ann Roe said that nothing is off "
     "the table on the range of charges prosecutors could pursue, including criminal charges.",
     "unclear"),
    # another's words, passed on inside the speaker's, are not the speaker's side
    (STEP_DOWN, "Ann Roe said people are getting confusing messages about whether Dane should "
     "leave office, referring to a U.S. envoy's comments that Ivo Dane must stay in place.",
     "unclear"),
    (STEP_DOWN, "Ann Roe said Ivo Dane must stay in place during a transition.", "against"),
])
def test_options_kept_open_and_words_passed_on(question, text, expected):
    assert _stances(question, text)["Ann Roe"].stance == expected


FACT = "Has Acme's new cap stopped the oil leak for good?"


@pytest.mark.parametrize("text, expected", [
    # a question of fact is answered by what happened, not by a feeling about it
    ("Ann Roe says it is encouraged by the first test data following the stoppage of the oil "
     "from its well.", "unclear"),
    ("Ann Roe said the cap has stopped the leak.", "favor"),
    ("Ann Roe said the new cap had not stopped the leak.", "against"),
])
def test_a_question_of_fact_is_answered_by_the_fact(text, expected):
    assert _stances(FACT, text)["Ann Roe"].stance == expected


def test_a_fact_is_asserted_not_supposed():
    text = ('Ann Roe said: "Even if it turns out that we cannot keep this cap and shut off the '
            'leak, the new cap has stopped the leak for now."')
    assert _stances(FACT, text)["Ann Roe"].stance == "unclear"



def test_another_speakers_words_and_advice_about_an_actor_are_not_its_position():
    text = ('Protesters rallied on Sunday. Tom Hale, a filmmaker in the crowd, said the ouster '
            'of the leader is the only acceptable outcome. "The United States can urge Ivo '
            'Dane to step down and leave the country," he said.')
    assert _stances(STEP_DOWN, text, names=("United States", "Tom Hale"))[
        "United States"].stance == "unclear"
    assert _stances(STEP_DOWN, "The United States urged Ivo Dane to step down on Sunday.",
                    names=("United States", "Tom Hale"))["United States"].stance == "favor"


def test_a_former_official_speaks_for_himself_not_for_the_body():
    text = ("I heard the special envoy, Tom Hale, a retired U.S. diplomat, say he wants "
            "President Ivo Dane to stay until September.")
    found = _stances(STEP_DOWN, text, names=("U.S.", "Tom Hale"))
    assert (found["U.S."].stance, found["Tom Hale"].stance) == ("unclear", "against")


def test_a_representative_speaks_for_who_sent_them_not_for_the_body():
    text = ("Norland's deputy UN ambassador Tom Hale said Ivo Dane must step down at once.")
    found = _stances(STEP_DOWN, text, names=("UN", "Tom Hale"))
    assert (found["UN"].stance, found["Tom Hale"].stance) == ("unclear", "favor")
    found = _stances(STEP_DOWN, "UN envoy Tom Hale said Ivo Dane must step down at once.",
                     names=("UN", "Tom Hale"))
    assert found["UN"].stance == "favor"


def test_a_body_dealing_with_an_actor_does_not_speak_for_it():
    text = "The commission on the Norland oil spill said Ivo Dane must step down at once."
    assert _stances(STEP_DOWN, text, names=("Norland", "Tom Hale"))["Norland"].stance == \
        "unclear"
    text = "The head of Norland said Ivo Dane must step down at once."
    assert _stances(STEP_DOWN, text, names=("Norland", "Tom Hale"))["Norland"].stance == \
        "favor"


def test_what_a_speaker_hopes_another_will_do_is_not_the_others_position():
    text = "Ann Roe said she hoped Norland would support her call for Ivo Dane to step down."
    found = _stances(STEP_DOWN, text, names=("Norland", "Ann Roe"))
    assert found["Norland"].stance == "unclear"
    found = _stances(STEP_DOWN, "Ann Roe said Norland supported the call for Ivo Dane to step "
                     "down.", names=("Norland", "Ann Roe"))
    assert found["Norland"].stance == "favor"


@pytest.mark.parametrize("question, fields", [
    # a verb the chunker folded into the subject ("the army hand power")
    ("Should the army hand power to civilians?", {"verb": "hand", "object": "power"}),
    # the capacity an act is done in is not its object
    ("Should Tom Hale step down as Acme chief executive?", {"verb": "step", "object": "",
                                                            "doer": ["hale", "tom"]}),
    # a compound's modifier is not the object
    ("Should the air strikes on Tarsia continue?", {"object": "strike"}),
])
def test_question_forms_give_their_act_and_object(question, fields):
    matter = matter_from_question(question, load_config())
    got = {k: sorted(matter[k]) if isinstance(matter[k], (set, frozenset)) else matter[k]
           for k in fields}
    assert got == fields


def test_what_a_crowd_wants_passed_on_is_not_the_speakers_side():
    # an anchor telling what others want: "tens of thousands of people want him to leave"
    text = ("Ann Roe said tens of thousands of people want Ivo Dane to leave the presidency, "
            "but at least two men have signed on to help him stay.")
    assert _stances(STEP_DOWN, text)["Ann Roe"].stance == "unclear"
    assert _stances(STEP_DOWN, "Ann Roe said Ivo Dane must step down.")["Ann Roe"].stance == \
        "favor"
    # ... also as a transcript's turn
    text = ("The president says he is staying. ANN ROE: Well, tens of thousands of Egyptians "
            "want Ivo Dane to leave the presidency, but at least two men have signed on to help "
            "him stay.")
    assert _stances(STEP_DOWN, text, names=("ANN ROE", "Tom Hale"))["ANN ROE"].stance == \
        "unclear"
    # ... and what a crowd gathered to demand (the purpose clause's subject is the crowd's)
    for text in ("Ann Roe said tens of thousands of people gathered in the city on Friday to "
                 "demand that President Ivo Dane resign.",
                 "\"Tens of thousands of people gathered in the city on Friday to demand that "
                 "President Ivo Dane resign,\" Ann Roe said."):
        assert _stances(STEP_DOWN, text)["Ann Roe"].stance == "unclear"
    for text in ("Ann Roe said she came to the city on Friday to demand that President Ivo Dane "
                 "resign.",
                 "\"I came to the city on Friday to demand that President Ivo Dane resign,\" Ann "
                 "Roe said."):
        assert _stances(STEP_DOWN, text)["Ann Roe"].stance == "favor"


def test_the_ones_an_act_goes_to_are_no_mention_of_it():
    # "released to the rebels": a call to drive out the rebels says nothing of the release
    question = "Should frozen Portland assets be released to the rebels?"
    assert _stances(question, "Ann Roe called on her followers to free Portland from the "
                              "rebels.")["Ann Roe"].stance == "unclear"
    assert _stances(question, "Ann Roe said the frozen assets should be released to the "
                              "rebels.")["Ann Roe"].stance == "favor"


def test_a_side_taken_on_the_thing_does_not_answer_whether_it_is_so():
    # "Was the war legal?": opposing the war is not calling it illegal
    question = "Was the Portland war legal?"
    assert _stances(question, "Ann Roe opposed the war in Portland.")["Ann Roe"].stance == \
        "unclear"
    assert _stances(question, "Ann Roe said the war in Portland was illegal.")["Ann Roe"] \
        .stance == "against"


@pytest.mark.parametrize("question, unclear, against", [
    # people a question asks to act are its doers, not its thing
    ("Should British soldiers serve in Iraq?",
     'Ann Roe said: "I want to act as a beacon for other soldiers to come out and say they are '
     'against the war."', "Tom Hale said British soldiers should refuse to serve in Iraq."),
    # asked whether an act should be allowed: doing it or not is no side on allowing it
    ("Should oil companies be allowed to make political contributions?",
     "A spokesman, Ann Roe, said its policy bans contributions only to individual candidates.",
     "Tom Hale said oil companies should be banned from making political contributions."),
    # the audience of an act is not its matter
    ("Did the Norland government mislead the public about the size of the flood?",
     "Ann Roe is denying accusations that the government prevented scientists from informing "
     "the public of the worst case for the flood.",
     "Tom Hale said the government did not mislead the public."),
])
def test_only_the_act_names_a_matter_asked_of_people(question, unclear, against):
    actors = _stances(question, unclear, against)
    assert actors["Ann Roe"].stance == "unclear"
    assert actors["Tom Hale"].stance == "against"


@pytest.mark.parametrize("question, obj, acts, light_words", [
    # what is allowed is the matter, not the permission
    ("Should oil companies be allowed to make political contributions?", "contribution",
     {"make"}, set()),
    # a verb that is not light takes no meaning from where it is done
    ("Should BP use chemical dispersants on the oil spill?", "dispersant", {"use"}, set()),
])
def test_the_matter_of_a_question(question, obj, acts, light_words):
    matter = matter_from_question(question, load_config())
    assert (matter["object"], matter["acts"], matter["light_words"]) == (obj, acts, light_words)


def test_people_asked_to_act_are_the_doers():
    matter = matter_from_question("Should British soldiers serve in Iraq?", load_config())
    assert matter["doer"] == {"soldier"} and matter["object"] == ""


def test_a_thing_that_goes_on_is_still_the_matter():
    matter = matter_from_question("Should the air strikes on Tarsia continue?", load_config())
    assert not matter["doer"]


@pytest.mark.parametrize("text, bearing", [
    ("It is not useful to a militia unless they have a source of fuel nearby.", False),
    ("It is a bad idea to disarm the militias.", True),
    ("The militias are not useful to the new state.", True),
])
def test_a_label_put_on_something_good_or_bad_for_the_thing(text, bearing):
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.stories.stance_polarity import polarity

    matter = {"object": "militia", "acts": {"disarm"}}
    assert polarity(load_nlp()(text)[:], matter)[1] is bearing


AID = "Should Vinland let aid agencies into Portmouth?"


@pytest.mark.parametrize("text, expected", [
    ("Ann Roe said Vinland must let the aid agencies into Portmouth now.", "favor"),
    # the question's thing with another qualifying noun is another thing
    ("Ann Roe said Vinland must let the news agencies into Portmouth now.", "unclear"),
    # a noun close to the bare head ("bureau" ~ "agency") is not one of the aid agencies
    ("The Vinland Council said the new bureau would control the flow of weapons to avoid "
     "chaos. Ann Roe said the bureau would control the flow of weapons to avoid chaos.",
     "unclear"),
    # a clause joined to hers with a subject of its own (or a live page's next item run on)
    # is not what she holds
    ("Ann Roe has called for unity, and Vinland has responded to criticism that it refused "
     "to allow aid agencies into Portmouth.", "unclear"),
])
def test_what_she_holds_is_her_own_clause_on_the_questions_own_thing(text, expected):
    assert _stances(AID, text)["Ann Roe"].stance == expected


def test_the_qualifier_of_the_questions_thing_alone_is_another_thing():
    # "the fever" is not "the cattle fever outbreak": plans to deal with the disease say
    # nothing of declaring its outbreak an emergency
    text = ('The fever spread to two more farms on Monday. Ann Roe said there were "very '
            'strong" plans in place to deal with the fever and so far the approach, including '
            'closing markets where necessary, had worked well.')
    question = "Should the cattle fever outbreak be declared an emergency?"
    assert _stances(question, text)["Ann Roe"].stance == "unclear"


@pytest.mark.parametrize("text, expected", [
    # the refusal is the partner's, named as one of the company's partners
    ("One of Acme's partners in the harbour project has refused to pay its share of the costs "
     'so far. "Anadarko\'s refusal to pay its share will in no way affect our commitment to pay '
     'all claims," spokesman Tom Hale said.', {"Acme": "unclear", "Tom Hale": "unclear"}),
    ("Acme said its partners must pay their share of the costs.", {"Acme": "favor"}),
    # ... but support for another's proposal is a side taken on it
    ("Tom Hale voiced support for Harbco's proposal that Acme's partners pay their share of "
     "the costs.", {"Tom Hale": "favor"}),
])
def test_another_partys_side_is_not_the_actors(text, expected):
    question = "Should Acme's partners pay their share of the costs?"
    got = _stances(question, text, names=("Acme", "Tom Hale"))
    assert {name: got[name].stance for name in expected} == expected


def test_a_noun_closer_to_the_qualifier_than_to_the_thing_is_not_the_thing():
    # "influenza" is the flu, not the flu advice asked about
    text = ("Cases of influenza rose in Portville on Monday. Cases of influenza rose again in "
            'Dover. Ann Roe said the country was "better prepared for an influenza outbreak than '
            'at any time in history", largely because of precautions taken earlier.')
    assert _stances("Should the swine flu advice be changed?", text)["Ann Roe"].stance == \
        "unclear"


@pytest.mark.parametrize("text, expected", [
    ("Ann Roe said the council should condemn the violence in Portville.", "favor"),
    ("Ann Roe said the council must not condemn the violence in Portville.", "against"),
    ("Ann Roe opposed condemning the violence in Portville.", "against"),
])
def test_the_questions_own_act_is_no_side_against_its_thing(text, expected):
    # "condemn" is a word of blame, but condemning is what is asked: urging it is a yes
    question = "Should the Security Council condemn the violence in Portville?"
    assert _stances(question, text)["Ann Roe"].stance == expected


@pytest.mark.parametrize("text, expected", [
    ("Ann Roe has warned countries to be on alert for any unusual flu outbreaks after a swine "
     "flu virus was implicated in deaths.", "unclear"),
    ("Ann Roe urged people to prepare for an outbreak of swine flu.", "unclear"),
    ("Ann Roe denied that the outbreak was a pandemic.", "against"),
])
def test_a_question_of_fact_is_denied_not_warned_against(text, expected):
    assert _stances("Is the swine flu outbreak a pandemic?", text)["Ann Roe"].stance == expected


@pytest.mark.parametrize("text, expected", [
    ("Ann Roe agreed on Monday to look into using frozen Portland funds to assist the rebels.",
     "unclear"),
    ("Ann Roe agreed on Monday to use frozen Portland funds to assist the rebels.", "favor"),
])
def test_agreeing_to_look_into_an_act_takes_no_side_on_it(text, expected):
    question = "Should frozen Portland funds be used to help the rebels?"
    assert _stances(question, text)["Ann Roe"].stance == expected


def test_a_story_that_never_names_the_question_s_parties_takes_no_side_on_it():
    articles = _parsed("Ann Roe said the army should check soldiers for trauma when they come "
                       "back from combat, but it has no obligation to do this.")
    story = Story("s", list(articles))
    story.actors = [Actor("Ann Roe")]
    stance_stage(story, articles, load_config(
        claims={"question": "Should Italy withdraw its troops from Iraq?"}))
    assert story.question is None and story.actors[0].stance is None


def test_a_label_on_a_pronoun_its_sentence_does_not_explain_is_put_on_nothing_asked():
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.stories.stance_polarity import label_votes

    matter = matter_from_question("Should Gaddafi step down as part of a ceasefire deal?",
                                  load_config())
    doc = load_nlp()("He is not likely to leave power readily as part of a negotiated deal. So "
                     "from the standpoint of the coalition it's not a great result.")
    assert label_votes(doc[:], matter) == ([], set())
    # "it" explained by the clause after it is the act that clause names
    doc = load_nlp()("Tom Hale said it was wrong for Gaddafi to step down as part of the deal.")
    assert label_votes(doc[:], matter)[0] == [-1]


def test_a_plans_box_run_in_before_a_colon_is_not_what_the_actor_holds():
    text = ("Government must withdraw troops and heavy weapons from towns, cities and villages "
            "Following 48 hours: Ceasefire to be implemented on the ground 06:00 local time on 12 "
            "April: All forms of violence must be stopped on all sides Next step: All parties to "
            "hold talks on a political solution After having earlier agreed to the plan, Karsa "
            "on Sunday called for written guarantees from rebel fighters to end attacks.")
    question = "Has the Karsa government withdrawn its troops from the cities as the plan requires?"
    assert _stances(question, text, names=["Karsa"])["Karsa"].stance == "unclear"


def test_a_would_question_asks_what_would_happen_and_a_label_on_its_subject_does_not_answer():
    question = "Would the use of chemical weapons in Karsa be met with action by Nolland?"
    text = "Nolland's foreign ministry said any possible use of such weapons would be " \
           "completely unacceptable."
    assert _stances(question, text, names=["Nolland"])["Nolland"].stance == "unclear"


@pytest.mark.parametrize("said, stance", [
    # what the thing pointed back at does is no side taken with its verb ("encourage"); harm
    # it does is a case against it
    ('Velia said the move would only worsen the crisis and encourage "terrorists".', "against"),
    ("Velia said the move would only encourage the rebels to fight on.", "unclear"),
])
def test_what_the_thing_pointed_at_does_is_the_side(said, stance):
    got = _stances("Should President Karl Vog step down?",
                   "The Arab-backed initiative, which also calls on President Karl Vog to "
                   "resign, is the latest of several attempts to end the crisis. " + said,
                   names=["Velia"])
    assert got["Velia"].stance == stance


@pytest.mark.parametrize("said, stance", [
    # a warning about what another party does to the matter is about that party
    ("Ann Roe warned that the regime was actively trying to evade sanctions and called for a "
     "firm response.", "unclear"),
    # ... what the speaker says it should do is the speaker's side
    ("Ann Roe said the council should tighten sanctions on Karsa.", "favor"),
])
def test_what_another_party_does_to_the_matter_is_not_the_speakers_side(said, stance):
    got = _stances("Should international sanctions on Karsa be tightened?", said)
    assert got["Ann Roe"].stance == stance


def test_a_name_in_a_quotation_or_a_films_scene_holds_no_position():
    from newsweave.model import Story
    from newsweave.stories.stance_passages import actor_statements

    # the parse gives "said" two subjects, the quoted "McCain" and "Trump"
    text = ("“And while I’m at it, I hold in the highest esteem Sen. John McCain,” Trump said, "
            "“and I fully support and endorse his re-election.” "
            "The movie shows Bob Roe wanting to stay behind to collect intelligence.")
    articles = _parsed(text)
    article = articles["a0"]
    story = Story("s", ["a0"])
    docs = [(article, article.cache["doc"])]
    assert actor_statements(Actor("John McCain"), story, docs, {"a0": article}) == []
    assert actor_statements(Actor("Bob Roe"), story, docs, {"a0": article},
                            acts={"stay"}) == []
    assert actor_statements(Actor("Donald Trump", aliases=("Trump",)), story, docs,
                            {"a0": article})
