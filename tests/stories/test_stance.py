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
    ("Several countries are considering sending troops.", 1),
    ("The administration was against sending troops.", -1),
    ("Sending troops would lead to a direct war with the neighbour.", -1),
    ("Aid will come as supplies rather than troop deployment.", -1),
    # double negation: ruling nothing out keeps the option open
    ("Nothing should be ruled out, the president said.", 1),
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
