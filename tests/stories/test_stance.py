"""stance@1: polarity toward the question's matter, actors' stances and the roll-up (spaCy and
MiniLM backed; short texts written here)."""
from __future__ import annotations

import pytest
from briefed import view

from newsweave.config import load_config
from newsweave.model import Actor, Article, Story
from newsweave.stories.stance import (derive_matter, polarity, question_from_matter, roll_up,
                                      stance_stage)

pytest.importorskip("spacy")

MATTER = {"object": "troop", "acts": {"send", "deploy", "deployment"}, "similar": {"soldier"}}


def _doc(text):
    from newsweave.nlp.spacy_stage import load_nlp

    return load_nlp()(text)


@pytest.mark.parametrize("text, sign", [
    ("The government will send troops to the island.", 1),
    ("The government will not send troops to the island.", -1),
    ("The minister said they have no plans to deploy troops.", -1),
    ("The chancellor rejected the idea of sending troops.", -1),
    ("The prime minister voiced support for the proposal to send troops.", 1),
    ("Leaders should keep the option of sending troops open.", 1),
    ("The alliance is not considering the deployment of troops.", -1),
    ("The administration was against sending troops.", -1),
    ("Sending troops would lead to a direct war with the neighbour.", -1),
    ("Aid will come as supplies rather than troop deployment.", -1),
    # double negation: ruling nothing out keeps the option open
    ("Nothing should be ruled out, the president said.", 1),
    # pleasure or displeasure at the act, counted once however the parse hangs the adjective
    ("The governor was pleased that troops will be sent to the island.", 1),
    ("Islanders were disappointed that troops will be sent.", -1),
    ("The council encouraged the ministry to deploy troops quickly.", 1),
])
def test_polarity_toward_the_matter(text, sign):
    got, bearing = polarity(_doc(text)[:], MATTER)
    assert bearing, text
    assert got == sign, text


@pytest.mark.parametrize("text", [
    "The troops arrived at the base on Monday.",        # a fact, no position
    "If troops were sent, the talks would end.",        # a condition, not a position
    "Officials discussed the weather in the capital.",  # not about the matter
])
def test_no_position(text):
    sign, bearing = polarity(_doc(text)[:], MATTER)
    assert not bearing or sign == 0, text


def test_question_is_derived_from_the_shared_act():
    texts = ["Paris may send troops to Mali, the minister said.",
             "Berlin refuses to send troops to Mali.",
             "Nobody wants to send troops to Mali, and the troops were sent home in 2020."]
    docs = [(Article.from_text(str(i), t), _doc(t)) for i, t in enumerate(texts)]
    matter = derive_matter(docs)
    assert matter["object"] == "troop" and "send" in matter["acts"]
    assert question_from_matter(matter) == "Should troops be sent to Mali?"


ACTORS = [
    Actor("Anna Berg", role="Defence minister", affiliation="Norland"),
    Actor("Karl Lind", aliases=("Lind",), role="Prime Minister", affiliation="Norland"),
    Actor("Otto Vik"),
]


def _troop_story(parse: str = "doc"):
    """Two parsed articles and their story. ``parse`` is what each article holds when stance runs:
    its Doc ("doc", in-process analysis), the packed parse ("packed", as worker processes send
    it back) or nothing ("none", as loaded from the store)."""
    from newsweave.nlp.parse_pack import PACK_KEY, pack
    from newsweave.pipeline import run_article_stages

    a = Article.from_text("a", "Defence minister Anna Berg said Norland will send troops to the "
                               "border. Prime Minister Karl Lind rejected the idea of sending troops "
                               "to the border.")
    b = Article.from_text("b", "Karl Lind said Norland will not send troops to the border. "
                               "Troops were sent to the border in 2019.")
    config = load_config(pipeline={"article_stages": ["spacy@1"], "story_stages": []})
    run_article_stages([a, b], config)
    for article in (a, b):
        doc = article.cache.pop("doc")
        if parse == "doc":
            article.cache["doc"] = doc
        elif parse == "packed":
            article.cache[PACK_KEY] = pack(doc)
    story = Story("s", ["a", "b"])
    story.actors = list(ACTORS)
    return story, {"a": a, "b": b}


def test_actor_stances_with_evidence_and_roll_up():
    story, articles = _troop_story()
    a, b = articles["a"], articles["b"]
    stance_stage(story, articles, load_config())
    story = view(story, articles)
    assert story.question.startswith("Should troops be sent")
    by_name = {x["name"]: x for x in story.actors}
    assert by_name["Anna Berg"]["stance"] == "favor"
    assert by_name["Karl Lind"]["stance"] == "against"
    assert by_name["Otto Vik"]["stance"] == "unclear" and by_name["Otto Vik"]["stance_evidence"] == []
    for ev in by_name["Karl Lind"]["stance_evidence"]:
        raw = {"a": a.raw, "b": b.raw}[ev["article"]]
        assert raw[ev["start"]:ev["end"]] == ev["text"]
    groups = story.positions_by_affiliation
    assert groups[0]["affiliation"] == "Norland" and groups[0]["stance"] == "mixed"


@pytest.mark.parametrize("parse", ["packed", "none"])
def test_same_stances_without_the_doc(parse):
    """Articles from worker processes (packed parse) or from the store (no parse) get the
    stances, evidence and question an in-process article gets, and keep a Doc for later
    stages (summarize reads it)."""
    with_doc, articles = _troop_story("doc")
    stance_stage(with_doc, articles, load_config())
    other, other_articles = _troop_story(parse)
    stance_stage(other, other_articles, load_config())
    assert other.question == with_doc.question
    assert other.actors == with_doc.actors
    assert other.positions == with_doc.positions
    for article in other_articles.values():
        assert article.cache["doc"].text == article.text


def test_no_question_without_a_shared_act():
    docs = [(Article.from_text("a", "The plane vanished over the ocean."),
             _doc("The plane vanished over the ocean.")),
            (Article.from_text("b", "Rescuers searched the area."), _doc("Rescuers searched the area."))]
    assert question_from_matter(derive_matter(docs)) is None


def test_given_question_wins():
    a = Article.from_text("a", "Mayor Jo Park said the city will build the new stadium.")
    from newsweave.pipeline import run_article_stages

    run_article_stages([a], load_config(pipeline={"article_stages": ["spacy@1"],
                                                  "story_stages": []}))
    story = Story("s", ["a"])
    story.actors = [Actor("Jo Park", role="Mayor")]
    stance_stage(story, {"a": a}, load_config(claims={"question": "Should the stadium be built?"}))
    assert story.question == "Should the stadium be built?"
    assert story.actors[0].stance == "favor"


@pytest.mark.parametrize("stances, expected", [
    (["favor", "favor", "against"], "favor"),
    (["against", "neutral"], "against"),
    (["favor", "against"], "mixed"),
    (["neutral"], "neutral"),
])
def test_roll_up(stances, expected):
    actors = [Actor(f"p{i}", affiliation="X", stance=s) for i, s in enumerate(stances)]
    assert roll_up(actors)[0].stance == expected


def _parsed(*texts: str) -> dict[str, Article]:
    from newsweave.pipeline import run_article_stages

    articles = {f"a{i}": Article.from_text(f"a{i}", t) for i, t in enumerate(texts)}
    run_article_stages(list(articles.values()), load_config(
        pipeline={"article_stages": ["spacy@1"], "story_stages": []}))
    return articles


def test_no_question_is_derived_from_an_event_nobody_debates():
    articles = _parsed(
        "Police said a gunman killed a man at an office party on Friday. Officer Ann Lee said "
        "the man was killed instantly.",
        "A man was killed at a party in the city, police said. Witness Tom Park said he heard "
        "shots before the man was killed.")
    story = Story("s", list(articles))
    story.actors = [Actor("Ann Lee"), Actor("Tom Park")]
    stance_stage(story, articles, load_config())
    assert story.question is None
    assert story.positions == []
    assert all(a.stance is None and a.stance_evidence == () for a in story.actors)


def test_no_question_is_derived_from_an_act_people_only_do():
    # several people do (or do not do) the act: news of it, not a debate anyone takes a side in
    articles = _parsed(
        "Winger Tom Park will miss the game against Leeds because of an injury. Coach Ann "
        "Lee will miss the game too after a red card.",
        "Tom Park, who has missed the game twice before, will miss the game on Sunday with a "
        "knee injury. Striker Max Roe did not miss the game and scored twice.")
    story = Story("s", list(articles))
    story.actors = [Actor("Tom Park"), Actor("Ann Lee"), Actor("Max Roe")]
    stance_stage(story, articles, load_config())
    assert story.question is None
    assert story.positions == []


def test_neutral_needs_an_actor_who_says_they_take_no_side():
    articles = _parsed(
        "Mayor Jo Park said the city will build the new stadium. Councillor Eva Lind said she "
        "had not decided whether the stadium should be built. Councillor Max Roe said the "
        "stadium was built in 1990 and that the city will build the stadium and will not build "
        "the stadium.")
    story = Story("s", list(articles))
    story.actors = [Actor("Jo Park"), Actor("Eva Lind"), Actor("Max Roe"), Actor("Ola Berg")]
    stance_stage(story, articles, load_config(claims={"question": "Should the stadium be built?"}))
    by_name = {a.name: a for a in story.actors}
    assert by_name["Jo Park"].stance == "favor"
    assert by_name["Eva Lind"].stance in ("neutral", "unclear")
    assert by_name["Ola Berg"].stance == "unclear" and by_name["Ola Berg"].stance_evidence == ()
    assert all(a.stance != "neutral" or a.stance_evidence for a in story.actors)


# ----------------------------------------------------------------------------- precision rules
LEVY = "Should the council set up a $5 million flood levy for the residents of the valley?"


def _levy_stances(*texts: str, names=("Ann Roe", "Tom Hale", "Eva Lind")) -> dict[str, Actor]:
    articles = _parsed(*texts)
    story = Story("s", list(articles))
    story.actors = [Actor(n) for n in names]
    stance_stage(story, articles, load_config(claims={"question": LEVY}))
    return {a.name: a for a in story.actors}


def test_the_matter_of_a_given_question_is_its_act_and_object():
    from newsweave.stories.stance import matter_from_question

    matter = matter_from_question(LEVY, load_config())
    assert matter["object"] == "levy" and matter["acts"] == {"set"}
    assert matter["numbers"] == {"5"}   # "residents" and "valley" are not the matter


@pytest.mark.parametrize("text, expected", [
    # a negated label of blame defends the proposal; the label itself is no mention
    ("Senator Ann Roe said the levy is not a shakedown.", "favor"),
    ("Ann Roe said she did not think the levy was a slush fund.", "favor"),
    ("Ann Roe called the levy a slush fund.", "against"),
    ("Ann Roe said the levy amounts to a shakedown.", "against"),
    ("Ann Roe said the levy is a step in the right direction.", "favor"),
    ("Ann Roe denied that the levy was a shakedown.", "favor"),
])
def test_labels_and_their_negation(text, expected):
    assert _levy_stances(text)["Ann Roe"].stance == expected


@pytest.mark.parametrize("text", [
    # not about the question: another levy, the levy as a detail of something else, a question
    # asked of the actor, an open question, a bare negation about something else
    "Ann Roe said a $2 million levy would also be set up for farmers.",
    "Ann Roe said the costs may not be limited to the $5 million planned for the levy.",
    "Does Ann Roe think the levy is a shakedown?",
    "Asked whether the levy was a shakedown, Ann Roe said the valley had suffered enough.",
    "Ann Roe said she does not want to answer questions about the flood.",
    "Ann Roe began her remarks by saying the flood never should have happened.",
])
def test_passages_not_about_the_question_take_no_position(text):
    roe = _levy_stances("The council agreed to set up a $5 million flood levy. " + text)["Ann Roe"]
    assert roe.stance == "unclear", (text, roe.stance_evidence)


def test_a_position_is_held_in_the_clause_the_actors_verb_governs():
    stances = _levy_stances(
        "Tom Hale said the council will set up the $5 million levy. Ann Roe, who opposes the "
        "levy, said the weather was fine.")
    assert stances["Tom Hale"].stance == "favor"
    # Roe's own verb governs "the weather was fine"; "opposes the levy" is Roe's too but in a
    # clause about her, and it is read as such
    assert stances["Ann Roe"].stance in ("against", "unclear")


def test_no_question_from_a_reporting_verb_or_a_forecast_without_agent():
    articles = _parsed(
        "New cases should be reported in the city, officials said. Dr Ann Lee said cases will "
        "be reported soon.",
        "More cases will be reported in the city. Tom Park said cases could be reported "
        "tomorrow.")
    story = Story("s", list(articles))
    story.actors = [Actor("Ann Lee"), Actor("Tom Park")]
    stance_stage(story, articles, load_config())
    assert story.question is None and story.positions == []


def test_hearsay_is_passed_on_not_held():
    sign, bearing = polarity(_doc("The minister said some countries are reportedly considering "
                                  "sending troops.")[:], MATTER)
    assert not bearing or sign == 0


def test_a_named_thing_of_the_question_is_found_in_a_reports_proper_noun():
    # the question's parse reads "the Regatta" as a noun, a report's as a name
    from newsweave.stories.stance import matter_from_question

    matter = matter_from_question("Should Lena Park host the Regatta?", load_config())
    sign, bearing = polarity(_doc("The club said it was thrilled to have Lena Park host the "
                                  "Regatta.")[:], matter)
    assert (sign, bearing) == (1, True)
    assert polarity(_doc("The Regatta will be shown on television.")[:], matter)[0] == 0


def test_another_kind_of_the_thing_asked_about_takes_no_side():
    from newsweave.config import load_config
    from newsweave.stories.stance import matter_from_question

    matter = matter_from_question("Should the summit set binding targets for cutting "
                                  "emissions?", load_config())
    # voluntary targets are not the binding ones asked about, whatever is said of them
    for text in ("Karsa proposed that any deal should favor voluntary emissions targets.",
                 "The council rejected voluntary targets."):
        sign, bearing = polarity(_doc(text)[:], matter)
        assert not bearing or sign == 0, text
    assert polarity(_doc("The council rejected binding targets.")[:], matter) == (-1, True)
    assert polarity(_doc("Karsa wants to set targets now.")[:], matter) == (1, True)


def test_denying_the_story_of_a_stop_is_against_the_question_as_asked():
    # the question asks about a ban, the matter is read as keeping the thing and turned round
    # by the caller: a denial that does not name the matter must come out against the ban
    from newsweave.stories.stance import matter_from_question

    matter = matter_from_question("Did the city ban loud parties?", load_config())
    assert matter.get("inverted")
    sign, bearing = polarity(_doc("The city denies the story of the illegal loud parties.")[:],
                             matter)
    assert bearing and -sign == -1   # (the caller turns an inverted matter's sign round)


def test_not_doing_the_act_to_another_thing_takes_no_side():
    from newsweave.stories.stance import matter_from_question

    matter = matter_from_question("Did the woman have a third arm added by surgery?",
                                  load_config())
    sign, bearing = polarity(_doc("And for a while it didn't have a nail but I got one.")[:],
                             matter)
    assert not bearing or sign == 0


def test_what_others_report_an_actor_does_is_not_the_actors_position():
    articles = _parsed(
        "Acme is preparing to cut more than 1,000 jobs in the biggest cull in its history, "
        "according to a report.",
        "Acme said on Monday that it will cut more than 1,000 jobs.")
    story = Story("s", list(articles))
    story.actors = [Actor("Acme")]
    stance_stage(story, articles, load_config(
        claims={"question": "Will Acme cut jobs?"}))
    assert [(e.article, e.polarity) for e in story.actors[0].stance_evidence
            if e.polarity != "neutral"] == [("a1", "favor")]
