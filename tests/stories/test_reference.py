"""What a sentence needs from earlier ones, read from spaCy's parse (stories/reference.py):
invented sentences, one pattern each; the last sentence of each text is the one judged."""
from __future__ import annotations

import pytest

from newsweave.nlp.spacy_stage import load_nlp
from newsweave.stories.reference import NOTHING, Need, sentence_needs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _needs(nlp, text: str):
    doc = nlp(text)
    last = list(doc.sents)[-1]
    return sentence_needs(doc, last.start_char, last.end_char)


@pytest.mark.parametrize("text", [
    "If it falls again, that could mean a sale.",
    "That is why the talks collapsed.",
    "Although she objected, the board voted for the merger.",
    "Not because the ferry was late on the first day of the strike.",
    "In the harbour town, it has more than lost fares to answer for.",
    "Never mind that the ferry company is owned abroad.",
    "For this is the longest closure of the quay in its history.",
    "Which is odd, considering that the ferry made money last year.",
    "The tide carries it right out into the estuary.",
    "Harbour pilots believe that this is just the latest closure in a long row.",
    "The ferry operator also cut two routes on Monday.",
    "Many of these ferry workers had been on the quay for a decade.",
    "That closure was the longest in the history of the harbour.",
    'Brennan also blamed "plain neglect" for the closure: "If the quay had been in the capital, '
    'that wall would have been fixed."',
    "In the harbour town, both are in easy reach.",
    # "added" goes on from what the speaker said before
    'The harbour master added: "The quay will reopen in May."',
    # compared with something told before
    "The Karsa plan, much earlier, was close.",
    "The Nol harbour plan is different.",
    "Ann Roe added that the quay would reopen in May.",
    # a man or woman the sentence never names, told of by a thing that cannot be them
    "A statement issued by the ferry company said he had the full support of the board.",
    "The ferry company issued a statement in response on Monday.",
    "Please make sure you have read the ferry timetable.",
    "The ferry company responded on Monday by calling the letter a stunt.",
    "There seven judges must decide how the ferry claims should be dealt with.",
    "When the passengers stay away, for example, the ferry loses money.",
    # a picture or a post the page embeds, which the summary cannot show
    "Harbour correspondent Ed Brennan stirred a row on Wednesday when he posted the following "
    "picture to his page.",
])
def test_a_sentence_that_leans_on_the_one_before(nlp, text):
    assert _needs(nlp, text).previous


@pytest.mark.parametrize("text, name", [
    ("The demand sent the company's shares tumbling on Friday.", "demand"),
    ("Orla Brennan ran the depot for years. Brennan was replaced by her deputy.", "Brennan"),
    ("Tomas Varga spoke first. Mr Varga said the vote would be held in May.", "Varga"),
    ("The company's action committee gave money to lawmakers of both parties.", "company"),
    ("The under-fire company faced calls from lawmakers to pay for the clean-up.", "company"),
    # a place's body, the place never named
    ("The town hall called in a demining company from the south.", "hall"),
    ("The Mississippi-bred, wispy-haired Tolley has been paraded through the coast towns.",
     "Tolley"),
    # after a modifier of its clause the subject still opens it; a man never named is someone
    ("On Monday, the company said it would close the depot.", "company"),
    # an office with the words of a race around it: whoever holds it was named before
    ("The Republican presidential nominee flew briefly to Karsa on Wednesday for a hastily "
     "arranged visit.", "nominee"),
    ("Strapped into a helicopter, peering down at the oily water, the most serious man in "
     "Portville is starting to sound ridiculous.", "man"),
    # an owner with no name in a clause of its own
    ("Hopes for a quick fix were dampened today, when the company's chief executive said it "
     "would not be clear for two days whether the operation had worked.", "company"),
])
def test_a_word_an_earlier_sentence_must_name(nlp, text, name):
    need = _needs(nlp, text)
    assert not need.previous and need.name == name and need.reason


@pytest.mark.parametrize("text", [
    "It was not immediately clear whether the bridge would reopen.",
    "After the talks ended this morning, the so called Harbour Roadmap has been agreed on.",
    "The water company said supplies were safe.",
    "The city council of Portville closed the park.",
    "The harbour police added two ferries to their fleet.",  # "added" an act, not a saying
    "Ann Roe returned to Nol much later than planned.",  # compared with what it says
    "Police said the men who attacked Nol on July 7th had rehearsed nine days earlier.",
    "The shooting of a cyclist by a lorry driver led to new rules.",
    "The day began with a storm over the harbour.",
    '"It is a disaster for the town," Mayor Ana Ruiz said.',
    "When Ruiz arrived, she said the harbour was closed.",
    "Because the well was capped, fishing resumed on Monday.",
    "Despite the Harbour Authority's efforts, it has failed to reopen the quay.",
    "What happened next shocked the harbour town.",
    "This year the Portville ferry lost money for the first time.",
    "The Portville council said the quay would reopen when engineers repair it.",
    "Mayor Ana Ruiz met the fishermen and told them the quay would reopen.",
    "Officials said that this week the quay would reopen.",
    "This year's ferry timetable was cut by half.",
    "The ferry company has answered Mr Tomas Varga's complaint about the timetable.",
    "A spokesman for the ferry company said he was confident the quay would reopen.",
    "In response to the strike, the ferry company cut two routes.",
    "The ferry company responded to the letter on Monday.",
    # an owner's pronoun that the named subject right after it resolves
    "In her black coat and white headscarf, Ana Ruiz looked like any other commuter.",
    # an owner the sentence names before it
    "A strong earthquake struck Chile on Thursday, minutes before the country's new president "
    "was due to be sworn in.",
    # ... or one there is only one of, or the main subject after an opening phrase
    "In an abrupt about-face, the world's wealthiest nations have begun pouring money into "
    "the region.",
    # a country acting as a subject is what "it" stands for
    "France does not plan to arm the rebels, although it does not oppose others doing so, an "
    "official said.",
])
def test_sentences_that_read_alone(nlp, text):
    assert _needs(nlp, text) == NOTHING


def test_no_parse_means_no_need():
    assert sentence_needs(None, 0, 10) == NOTHING


def test_a_summary_names_a_person_in_full_before_it_uses_the_surname():
    from newsweave.config import load_config
    from newsweave.model import Article, Story
    from newsweave.pipeline import run_article_stages, run_story_stages

    config = load_config(pipeline={"article_stages": ["spacy@1", "embed@1"],
                                   "story_stages": ["summarize@1"]}, summary={"words": 25})
    text = ("The Portville ferry service will stop running in May, the council said.\n\n"
            "Orla Brennan, who is 61, ran the small depot on the north quay for years.\n\n"
            "Brennan said the Portville ferry service had lost its budget.")
    articles, skipped = run_article_stages([Article.from_text("a", text)], config)
    assert not skipped
    story = Story("s", ["a"])
    assert not run_story_stages([story], {"a": articles[0]}, config)
    texts = [s.text for s in story.summary]
    assert texts and texts[0].startswith("The Portville ferry")
    # Without the full name read first, "Brennan said ..." would leave the reader asking who.
    assert not any(t.startswith("Brennan") for t in texts)


@pytest.mark.parametrize("text,name", [
    # a lone surname as the first mention of a person: introduced on a part of the page the
    # reader does not have (a caption, a heading)
    ("The ferry strike entered its third week. Halvorsen has run the depot since 1998.",
     "Halvorsen"),
    ("Talks on the budget resumed. Dr. Okonkwo has led the clinic for a decade.", "Okonkwo"),
    ("Brennan was replaced by her deputy on Monday.", "Brennan"),
    # a title and a surname anywhere: a second mention
    ("The ferry company has answered Mr Varga's complaint about the timetable.", "Varga"),
])
def test_a_one_word_person_with_no_earlier_name_needs_one(nlp, text, name):
    need = _needs(nlp, text)
    assert not need.previous and need.name == name


def test_a_full_name_as_first_mention_needs_nothing(nlp):
    need = _needs(nlp, "The ferry strike entered its third week. Ingrid Halvorsen has run "
                       "the depot since 1998.")
    assert need.name is None


def test_a_surname_named_in_full_before_needs_the_name_in_the_opening_words_too(nlp):
    need = _needs(nlp, "Ingrid Halvorsen was arrested on Monday. During Halvorsen's hearing, "
                       "the court heard from the ferry crew.")
    assert need.name == "Halvorsen"
    # the full name itself, or the surname after the main verb, needs nothing of this kind
    assert _needs(nlp, "Ferry crews spoke on Monday during the hearing of Ingrid "
                       "Halvorsen.") == NOTHING


@pytest.mark.parametrize("text, need", [
    # a surname named in full before, as the reported clause's subject
    ("Deputy Ingrid Halvorsen was killed on Monday. Police earlier confirmed that Halvorsen "
     "was shot from behind.", Need(name="Halvorsen")),
    # a nationality's people with "the" and nothing else: which ones?
    ("Police said the Americans did not have the papers to take the children.",
     Need(previous=True)),
])
def test_reported_clauses_need_their_people_introduced(nlp, text, need):
    got = _needs(nlp, text)
    assert (got.previous, got.name) == (need.previous, need.name)


@pytest.mark.parametrize("text, previous", [
    # a place of a kind with "the" and no name, in a sentence that names no place: which town?
    ("General Tom Hale predicted the rebels would face a hard fight to capture the town.", True),
    ("Five people died when the army shelled the city on Monday.", True),
    # ... named in the sentence, or by its own phrase
    ("Rebels shelled Denver, killing five people in the town.", False),
    ("The town of Portville was shelled on Monday.", False),
    # a person is no "it"; nor is "it" with no clause after it a stand-in for one
    ('According to advice given by Ann Roe to the council in August, it "must be equivalent '
     'to the pain of organ failure".', True),
    ("It was an exclamation more than a statement.", True),
    ("As of Tuesday, it was about 20 miles offshore.", True),
    # ... nor a place named only as where (a country as the subject is one: "France ...,
    # although it ...")
    ("In Paris, it said the plan had failed.", True),
    # ... but a body, a thing named as a subject, or a clause after it
    ("Despite the Harbour Authority's efforts, it has failed to reopen the quay.", False),
    ("When the convoy reached Portville, it was denied permission to enter.", False),
    ("It was not immediately clear whether the bridge would reopen.", False),
    ("Yet the council, it seems, can do little about the floods.", False),
])
def test_a_place_of_a_kind_needs_its_name_and_it_a_thing(nlp, text, previous):
    assert _needs(nlp, text).previous is previous


def test_the_he_who_says_the_reported_words_is_someone_told_of_before(nlp):
    # a name inside the reported words is not the one who says them
    text = ("The weapons plant at Aldermaston, and the dockyard at Devonport, should also be "
            "subject to extra safeguards, he says.")
    assert _needs(nlp, text).previous
    assert _needs(nlp, "The plant should be made safe, Tom Hale says.") == NOTHING


@pytest.mark.parametrize("text, previous", [
    # "his" in a sentence that names no one: whose?
    ('A "low moment" was his decision to seek evidence from the families.', True),
    ("The minister said his decision was final.", False),
    ("A teenage boy was brought in with horrific injuries, most of his face gone.", False),
    # a country is no one "his" stands for
    ("Israel has denied impeding his visit.", True),
    ("Tom Hale said his visit had gone well.", False),
])
def test_his_or_her_in_a_sentence_naming_no_one_needs_who(nlp, text, previous):
    assert _needs(nlp, text).previous is previous
