"""People across a story: names grouped by similarity, quotes linked across outlets, and the
briefing shape of ``story.quotes`` / ``story.actors``. Hand-built articles; no model loaded."""
from __future__ import annotations

from dataclasses import replace

import pytest
from briefed import view

from newsweave.config import load_config
from newsweave.model import Article, Quote, Span, Story
from newsweave.stories.people import (NameGroups, content_similarity, normalise_name,
                                      people_stage, same_person, word_diff)

SAME = [
    # (a, b, same person?)
    ("Volodymyr Zelensky", "Volodymyr Selensky", True),    # transliteration
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
    ("Volodymyr Zelensky", "Zelensky", True),               # surname only
    ("John Kirby", "Kirby", True),
    ("John Kirby", "J. Kirby", True),                       # an initial
    ("President Emmanuel Macron", "Emmanuel Macron", True),  # a title
    ("Evika Siliņa", "Evika Silina", True),                  # accents
    ("Joe Biden", "Jill Biden", False),                      # same surname, other person
    ("John Kirby", "John Kerry", False),
    ("Olaf Scholz", "Rishi Sunak", False),
    ("J. Kirby", "M. Kirby", False),
    ("Stanley Varga", "Stan Varga", True),                   # a short form of the given name
    ("Jeremy Varga", "Gerald Varga", False),                 # "Jerry" is either, not both
]


@pytest.mark.parametrize("a, b, same", SAME)
def test_same_person(a, b, same):
    assert same_person(a, b) is same
    assert same_person(b, a) is same


def test_normalise_name():
    assert normalise_name("Mr. Biden's") == "biden"
    assert normalise_name("Evika Siliņa") == "evika silina"


def test_name_groups_keep_two_bidens_apart_and_pick_the_full_name():
    groups = NameGroups()
    joe = groups.add("Joe Biden")
    assert groups.add("Biden") == joe
    assert groups.add("Joe Biden") == joe
    jill = groups.add("Jill Biden")
    assert jill != joe
    assert groups.canonical(joe) == "Joe Biden"
    assert groups.aliases(joe) == ["Biden"]


@pytest.mark.parametrize("written, full", [
    ("HILLARY CLINTON", "Hillary Clinton"),  # a transcript's capitals: the name as written
    ("T. Hale", "Tom Hale"),  # a live blog's initial: the given name written out
])
def test_a_persons_name_is_the_one_written_out(written, full):
    groups = NameGroups()
    one = groups.add(written)
    groups.add(written)
    assert groups.add(full) == one
    assert groups.canonical(one) == full


def test_a_credit_lines_journalist_is_no_one_the_story_quotes():
    from newsweave.stories.people import _credited

    text = ("Ahmed said he was disappointed. CNN's Mary Rogers and Housam Ahmed contributed to "
            "this report.")
    assert _credited(text, text.index("Housam")) and _credited(text, text.index("Mary"))
    assert not _credited(text, text.index("Ahmed said"))


@pytest.mark.parametrize("a, b, low, high", [
    ("We won't send troops to Ukraine", "that we won't send troops to Ukraine", 0.99, 1.0),
    ("We will not send troops to Ukraine", "we won't send any troops to Ukraine", 0.5, 0.9),
    ("We will not send troops to Ukraine", "The economy grew by two percent last year", 0.0, 0.3),
])
def test_content_similarity(a, b, low, high):
    assert low <= content_similarity(a, b) <= high


def test_word_diff_shows_the_change():
    assert word_diff("no troops on the ground", "no soldiers on the ground") == \
        "no [-troops-]{+soldiers+} on the ground"
    assert word_diff("same words", "same words") == "same words"


# ----------------------------------------------------------------------------- the stage
def _article(article_id: str, raw: str, quotes: list[tuple[str, str, str, dict]],
             people: list[str] = ()) -> Article:
    """An article with hand-made attributions: (speaker text, cue text, content text, fields)."""
    article = Article.from_text(article_id, raw)
    text = article.text
    made = []
    for speaker, cue, content, fields in quotes:
        s = text.index(speaker)
        c = text.index(cue, s if cue not in content else 0)
        q = text.index(content)
        made.append(Quote(
            speaker=Span(s, s + len(speaker), "SPEAKER"), cue=Span(c, c + len(cue), "CUE"),
            content=(Span(q, q + len(content), "CONTENT"),), direct=content.startswith('"'),
            **fields))
    article.values["quotes"] = made
    article.layers["entities"] = [Span(text.index(p), text.index(p) + len(p), "PERSON")
                                  for p in people]
    return article


def test_people_stage_briefing_shape_and_links():
    a = _article(
        "a", 'Title\n\nKremlin spokesman Dmitry Peskov said: "NATO troops would make a clash '
             'inevitable." Zelensky asked for help.',
        [("Kremlin spokesman Dmitry Peskov", "said", '"NATO troops would make a clash inevitable."',
          {"speaker_name": "Dmitry Peskov", "role": "Kremlin spokesman", "affiliation": "Kremlin"})],
        people=["Dmitry Peskov", "Zelensky"])
    b = _article(
        "b", 'Peskov said: "NATO troops would make a conflict inevitable." '
             'Volodymyr Selensky and Volodymyr Zelensky asked for help.',
        [("Peskov", "said", '"NATO troops would make a conflict inevitable."',
          {"speaker_name": "Peskov"})],
        people=["Peskov", "Volodymyr Selensky", "Volodymyr Zelensky"])
    c = _article(
        "c", "A NATO official said there were no plans to send troops.",
        [("A NATO official", "said", "there were no plans to send troops",
          {"anonymous": True, "role": "NATO official", "affiliation": "NATO"})])
    story = Story("s", ["a", "b", "c"])
    people_stage(story, {"a": a, "b": b, "c": c}, load_config())
    story = view(story, [a, b, c])

    assert [q["article"] for q in story.quotes] == ["a", "b", "c"]
    first = story.quotes[0]
    assert set(first) >= {"article", "speaker", "cue", "content", "direct", "also_reported_by"}
    assert set(first["speaker"]) >= {"name", "text", "start", "end", "role", "affiliation"}
    assert first["speaker"]["name"] == "Dmitry Peskov"
    assert story.quotes[1]["speaker"]["name"] == "Dmitry Peskov"    # "Peskov" resolved
    # raw offsets: the title's blank lines are kept in raw, so raw and text positions differ
    for q in story.quotes:
        raw = {"a": a, "b": b, "c": c}[q["article"]].raw
        for part in [q["speaker"], q["cue"], *q["content"]]:
            assert raw[part["start"]:part["end"]] == part["text"]
    # the same quote from two outlets, with the changed word shown
    assert first["also_reported_by"] == ["b"]
    assert story.quotes[1]["also_reported_by"] == ["a"]
    assert first["altered"][0]["article"] == "b"
    assert "[-clash-]{+conflict+}" in first["altered"][0]["diff"]
    anonymous = story.quotes[2]
    assert anonymous["anonymous"] is True and anonymous["speaker"]["name"] is None
    assert anonymous["also_reported_by"] == []

    actors = {actor["name"]: actor for actor in story.actors}
    assert actors["Dmitry Peskov"]["aliases"] == ["Peskov"]
    assert actors["Dmitry Peskov"]["role"] == "Kremlin spokesman"
    assert actors["Dmitry Peskov"]["affiliation"] == "Kremlin"
    zelensky = [a for a in story.actors if "Zelensky" in a["name"] or "Selensky" in a["name"]]
    assert len(zelensky) == 1 and zelensky[0]["aliases"]
    for actor in story.actors:
        assert set(actor) >= {"name", "aliases", "role", "affiliation"}


def test_people_stage_does_not_link_different_speakers():
    a = _article("a", "Joe Biden said the deal was good for workers.",
                 [("Joe Biden", "said", "the deal was good for workers", {"speaker_name": "Joe Biden"})],
                 people=["Joe Biden"])
    b = _article("b", "Rishi Sunak said the deal was good for workers.",
                 [("Rishi Sunak", "said", "the deal was good for workers", {"speaker_name": "Rishi Sunak"})],
                 people=["Rishi Sunak"])
    story = Story("s", ["a", "b"])
    people_stage(story, {"a": a, "b": b}, load_config())
    story = view(story, [a, b])
    assert all(q["also_reported_by"] == [] for q in story.quotes)
    assert {q["speaker"]["name"] for q in story.quotes} == {"Joe Biden", "Rishi Sunak"}


ACTORS = [
    # (speaker text, fields of the attribution, people tagged in the text, actor expected)
    ("Tom Okafor", {"speaker_name": "Tom Okafor", "speaker_type": "person"}, ["Tom Okafor"],
     "Tom Okafor"),
    ("Okafor", {"speaker_name": "Okafor"}, ["Tom Okafor", "Okafor"], "Tom Okafor"),
    ("The Sierra Club", {"speaker_name": "Sierra Club", "speaker_type": "organisation"}, [],
     "Sierra Club"),
    # negatives: what a parse may hand over as a speaker, but no actor
    ("The report", {"speaker_name": "report", "speaker_type": "organisation"}, [], None),
    ("It", {"speaker_name": "It", "speaker_type": "organisation"}, [], None),
    ("which", {"speaker_name": "which"}, [], None),
    ("that", {"speaker_name": "that"}, [], None),
    ("The agency", {"speaker_name": "agency", "speaker_type": "organisation"}, [], None),
    ("Inflation", {"speaker_name": "Inflation"}, [], None),   # capitalised, but no one's name
    ("The spokesman", {"role": "spokesman", "speaker_type": "person"}, [], None),
]


@pytest.mark.parametrize("speaker, fields, people, actor", ACTORS)
def test_only_people_and_organisations_become_actors(speaker, fields, people, actor):
    names = " and ".join(people) + " met on Monday. " if people else ""
    text = f"{names}{speaker} said the river was polluted."
    article = _article("a", text, [(speaker, "said", "the river was polluted", fields)],
                       people=people)
    story = Story("s", ["a"])
    people_stage(story, {"a": article}, load_config())
    story = view(story, [article])
    # the speaker's own mention names no actor unless it is one
    spoken = [a["name"] for a in story.actors if a["name"] in (fields.get("speaker_name"), actor)]
    assert spoken == ([actor] if actor else [])


def _tagged(article_id: str, text: str, entities: list[tuple[str, str]], source=None) -> Article:
    article = Article.from_text(article_id, text)
    if source:
        article.meta = replace(article.meta, source=source)
    spans = []
    for name, label in entities:
        start = 0
        while (i := article.text.find(name, start)) >= 0:
            spans.append(Span(i, i + len(name), label))
            start = i + len(name)
    article.layers["entities"] = spans
    article.values["quotes"] = []
    return article


def test_actors_speak_or_act_and_are_not_staff_places_or_things():
    a = _tagged(
        "a", "Mayor Jo Park rejected the plan. My colleague Sam Reed has the details. The "
             "Herald's Lu Chen and Max Fry have produced a map. Ola Dahl, a Herald reader, "
             "said the map was good. The Harbor Queen ferry sank near Dover. "
             "The Harbor Queen was built in 1990. Ria Moss was mentioned in the report. "
             "Texas sued the operator. Nobody asked Texas.",
        [("Jo Park", "PERSON"), ("Sam Reed", "PERSON"), ("Lu Chen", "PERSON"),
         ("Max Fry", "PERSON"), ("Ola Dahl", "PERSON"),
         ("Harbor Queen", "PERSON"), ("Harbor Queen", "FAC"), ("Ria Moss", "PERSON"),
         ("Dover", "GPE"), ("Texas", "ORG"), ("Herald", "ORG")], source="Herald")
    b = _tagged("b", "The Harbor Queen ferry carried 200 people. Texas will appeal. "
                     "Dover is a port. Dover was quiet.",
                [("Harbor Queen", "FAC"), ("Texas", "ORG"), ("Dover", "GPE"),
                 ("Dover", "ORG")])
    story = Story("s", ["a", "b"])
    people_stage(story, {"a": a, "b": b}, load_config())
    names = {actor.name for actor in story.actors}
    assert "Jo Park" in names and "Texas" in names        # they act
    assert not names & {"Sam Reed", "Lu Chen", "Max Fry"}  # the outlet's staff
    assert "Ola Dahl" in names                           # a reader of it is not
    assert "Harbor Queen" not in names                   # a ferry, mostly tagged as a thing
    assert "Ria Moss" not in names                       # only mentioned
    assert "Dover" not in names                          # a place that does nothing


def test_outlets_bylines_and_agencies_passing_news_on_are_no_actors():
    a = _tagged(
        "a", "The Sierra Club sued the mill. Wire Service reported the suit. The Daily Ledger "
             "said the mill was closed. Ann Brook of the Daily Ledger contributed to this report.",
        [("Sierra Club", "ORG"), ("Wire Service", "ORG"), ("Daily Ledger", "ORG"),
         ("Ann Brook", "PERSON")], source="Daily Ledger")
    b = _tagged("b", "The Sierra Club will appeal. Wire Service reported the appeal.",
                [("Sierra Club", "ORG"), ("Wire Service", "ORG")])
    story = Story("s", ["a", "b"])
    people_stage(story, {"a": a, "b": b}, load_config())
    names = {actor.name for actor in story.actors}
    assert "Sierra Club" in names
    assert not names & {"Wire Service", "Daily Ledger", "Ann Brook"}


def test_two_names_run_together_by_a_flattened_page_are_no_actor():
    from newsweave.model import Article, Span
    from newsweave.stories.people import _glued_names

    text = ("Acme rating downgraded by Rating Co Acme has seen its shares fall. Rating Co said "
            "Acme faced costs. Acme said it would pay. Acme and Acme staff met. Bill Acme for "
            "the costs, one reader wrote, and send the bill. Fitch Acme fell; Fitch Ratings "
            "said so.")
    article = Article.from_text("a", text)
    names = ["Rating Co Acme", "Rating Co", "Acme", "Acme", "Acme", "Acme", "Bill Acme",
             "Fitch Acme", "Fitch Ratings"]
    spans, at = [], 0
    for name in names:
        at = text.index(name, at)
        spans.append(Span(at, at + len(name), "ORG"))
        at += 1
    article.layers["entities"] = sorted(spans, key=lambda s: s.start)
    assert _glued_names([article]) == {"Rating Co Acme", "Bill Acme", "Fitch Acme"}


def test_a_lone_given_name_joins_the_one_person_it_begins():
    names = NameGroups()
    karim = names.add("Karim Haddad")
    names.add("Omar Haddad")
    assert names.find("Karim") == karim
    names.add("Karim Nasser")
    assert names.find("Karim") is None  # two people of that given name: no guess


@pytest.mark.parametrize("name, expected", [
    ("Gunman Kills Harbour Guard", True),      # a headline tagged as a person
    ("Tolland County Sheriff", True),          # a title, no name
    ("Harbour Guard Lena Marsh", False),       # titles beside a name
    ("Will Marsh", False),                     # one common word
    ("Piet Varga", False),                     # written in lower case only as the name itself
])
def test_a_person_named_mostly_in_common_words_is_a_phrase(name, expected):
    from newsweave.model import Actor, Article
    from newsweave.stories.people import _PROSE_WORD, _phrase

    members = [Article.from_text("a", "A gunman kills a harbour guard in Tolland. The county "
                                      "sheriff said the guard will be buried on Friday."),
               Article.from_text("b", "Union official piet varga said crews will strike.")]
    prose = {w for a in members for w in _PROSE_WORD.findall(a.text)}
    assert _phrase(Actor(name), members, prose) is expected


def test_a_person_the_story_writes_after_the_is_a_thing():
    a = _tagged("a", "The Sea Harmon rig exploded on Monday. Jo Park said the crew had left. "
                     "Sea Harmon sank. The Sea Harmon burned for two days.",
                [("Sea Harmon", "PERSON"), ("Jo Park", "PERSON")])
    b = _tagged("b", "Divers reached the Sea Harmon on Friday. Jo Park said they found oil.",
                [("Sea Harmon", "PERSON"), ("Jo Park", "PERSON")])
    story = Story("s", ["a", "b"])
    people_stage(story, {"a": a, "b": b}, load_config())
    names = {actor.name for actor in story.actors}
    assert "Jo Park" in names and "Sea Harmon" not in names


def test_wire_credits_and_glued_places_make_no_actor():
    a = _tagged(
        "a", "Army must save Norland Ivo Dane refused to go. Ivo Dane said he would stay. "
             "Ivo Dane rejected the deal. "
             "(Reporting by Jane Doe and Tom Roe; editing by Bill Hale)",
        [("Norland", "GPE"), ("Norland Ivo Dane", "PERSON"), ("Ivo Dane", "PERSON"),
         ("Jane Doe", "PERSON"), ("Tom Roe", "PERSON"),
         ("Bill Hale", "PERSON")])
    b = _tagged("b", "Ivo Dane will stay. (Reporting by Jane "
                     "Doe; Editing by Bill Hale)",
                [("Ivo Dane", "PERSON"), ("Jane Doe", "PERSON"),
                 ("Tom Roe", "PERSON"), ("Bill Hale", "PERSON")])
    story = Story("s", ["a", "b"])
    people_stage(story, {"a": a, "b": b}, load_config())
    names = {actor.name for actor in story.actors}
    assert "Ivo Dane" in names and "Norland Ivo Dane" not in names
    assert not names & {"Jane Doe", "Bill Hale"}


def test_an_organisation_and_the_acronym_the_story_defines_for_it_are_one_actor():
    a = _tagged(
        "a", "The Harbour Workers Union (HWU) sued the mill. The HWU will appeal. "
             "Later the HWU marched. The Tide Council (TC) met.",
        [("Harbour Workers Union", "ORG"), ("HWU", "ORG"), ("Tide Council", "ORG"),
         ("TC", "ORG")])
    b = _tagged("b", "The Harbour Workers Union will appeal. The Tide Council met again.",
                [("Harbour Workers Union", "ORG"), ("Tide Council", "ORG")])
    story = Story("s", ["a", "b"])
    people_stage(story, {"a": a, "b": b}, load_config())
    union = [actor for actor in story.actors if "HWU" in (actor.name, *actor.aliases)]
    assert [(u.name, u.aliases) for u in union] == [("Harbour Workers Union", ("HWU",))]
    assert union[0].mentions == 5  # both forms counted


def test_a_promotion_crawled_at_the_foot_of_each_page_is_no_ones_quote():
    from newsweave.pipeline import run_article_stages

    promo = "Hopes for a harbour deal remain alive, despite new strikes, says Tom Hale."
    a = Article.from_text("a", "The Portville council closed the quay on Monday. "
                               "Mayor Ann Roe said the quay would reopen in May. " + promo)
    b = Article.from_text("b", "Ferry workers walked out in Dover on Tuesday. "
                               "The union said the strike would last a week. " + promo)
    done, skipped = run_article_stages([a, b], load_config())
    assert not skipped
    story = Story("s", ["a", "b"])
    people_stage(story, {"a": a, "b": b}, load_config())
    assert any(q.speaker_name == "Ann Roe" for q in story.quotes)
    assert not [q for q in story.quotes if q.speaker_name == "Tom Hale"]


def test_an_acronym_that_spells_a_pronoun_names_an_organisation():
    from newsweave.stories.people import _names_an_organisation

    assert _names_an_organisation("the WHO") and _names_an_organisation("IT")
    assert not _names_an_organisation("Who") and not _names_an_organisation("It")
