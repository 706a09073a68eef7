"""claims@1: statements and their comparable parts (spaCy-backed, small texts written here)."""
from __future__ import annotations

import pytest

from newsweave.config import load_config
from newsweave.model import Article
from newsweave.nlp.claims import entity_key, statement_parts_of
from newsweave.pipeline import run_article_stages

pytest.importorskip("spacy")


@pytest.mark.parametrize("text, predicate, negated, modality", [
    ("The US will send troops to the region.", "send", False, ["will"]),
    ("The US will not send troops to the region.", "send", True, ["will"]),
    ("The US won't send troops to the region.", "send", True, ["will"]),
    ("We have no plans to deploy soldiers there.", "have", True, []),
    # two negations cancel: nothing is excluded
    ("Nothing should be ruled out, the president said.", "rule", False, ["should"]),
    ("The minister ruled out sending soldiers.", "rule", True, []),
    # predicates that deny their object carry negative polarity
    ("The government rejected the idea of sending troops.", "reject", True, []),
    ("The administration was against sending troops to the region.", "be", True, []),
    ("His aim is to never send soldiers to the country.", "send", True, []),
    ("The spokesman denied that troops would be sent.", "send", True, ["would"]),
    # ... and a word that merely sounds negative does not
    ("The mayor warned that the river would rise.", "rise", False, ["would"]),
    ("The minister said the army might withdraw next week.", "withdraw", False, ["may"]),
    # negation of the reporting verb's clause, reached through "made clear that ..."
    ('"We have made clear that the country is not going to send any troops," he said.',
     "send", True, []),
    # a negation inside a subordinate clause does not negate the statement
    ("The council approved the plan, although two members did not vote.", "approve", False, []),
])
def test_predicate_negation_and_modality(text, predicate, negated, modality):
    parts = statement_parts_of(text)
    assert parts["predicate"] == predicate
    assert parts["negated"] is negated
    assert parts["modality"] == modality


@pytest.mark.parametrize("text, value, unit, approx", [
    ("Approximately 20 European leaders gathered in Paris.", 20.0, "leader", True),
    ("The package is worth $95 billion.", 95e9, "USD", False),
    ("Unemployment rose to 7.5 percent in May.", 7.5, "%", False),
    ("Rescuers found twelve survivors on Tuesday.", 12.0, "survivor", False),
])
def test_numbers_have_values_and_units(text, value, unit, approx):
    numbers = statement_parts_of(text)["numbers"]
    assert numbers, text
    assert numbers[0]["value"] == pytest.approx(value)
    assert numbers[0]["unit"] == unit
    assert numbers[0]["approx"] is approx


@pytest.mark.parametrize("text, bound", [
    ("At least two bodies were recovered.", "min"),
    ("More than 20 people were hurt.", "min"),
    ("Up to 300 people were evacuated.", "max"),
    ("Approximately 20 European leaders gathered in Paris.", None),
    ("Rescuers found twelve survivors on Tuesday.", None),
])
def test_numbers_know_their_bounds(text, bound):
    assert statement_parts_of(text)["numbers"][0]["bound"] == bound


@pytest.mark.parametrize("text, agent", [
    # "he" after a plural speaker is the last person named before it
    ("After Macron's remarks, French officials clarified that he was discussing demining.",
     "macron"),
    ("The minister clarified that Macron was referring to training.", "macron"),
    ("Kirby said he would not comment on the visit.", "kirby"),   # "he" is the speaker
    ("The minister said the army would withdraw.", None),         # the subject is no person
    ("Macron visited Kyiv on Monday.", None),                     # not attributed
])
def test_content_agent(text, agent):
    assert statement_parts_of(text)["content_agent"] == agent


def test_no_numbers_in_dates_or_plain_text():
    assert statement_parts_of("On March 4, the talks resumed in Geneva.")["numbers"] == []
    assert statement_parts_of("The talks resumed in Geneva.")["numbers"] == []


def test_attribution_gives_speaker_cue_and_content():
    parts = statement_parts_of("Kremlin spokesman Dmitry Peskov said that the talks had failed.")
    assert parts["speaker"] and "Peskov" in parts["speaker"]
    assert parts["cue"] == "say"
    assert parts["predicate"] == "fail"
    roles = {e["key"]: e["role"] for e in parts["entities"]}
    assert roles.get("dmitry peskov") == "speaker"


@pytest.mark.parametrize("raw, key", [("the U.S.", "us"), ("Russia’s", "russia"),
                                      ("The Kremlin", "kremlin"), ("NATO", "nato")])
def test_entity_keys(raw, key):
    assert entity_key(raw) == key


def test_stage_keeps_checkworthy_statements_with_clean_offsets():
    article = Article.from_text("a", "Good morning.\n\nThe army said 300 soldiers crossed the "
                                     "border on Monday, with officials warning that more "
                                     "would follow. What now?")
    config = load_config(pipeline={"article_stages": ["spacy@1", "claims@1"], "story_stages": []})
    kept, skipped = run_article_stages([article], config)
    assert not skipped
    claims = article.values["claims"]
    texts = [c["text"] for c in claims]
    assert not any(t.startswith("Good morning") or t.endswith("?") for t in texts)
    assert any("300 soldiers" in t for t in texts)
    # the clause with its own subject is a statement of its own
    assert any(c["kind"] == "clause" and c["text"].startswith("officials warning") for c in claims)
    for c in claims:
        assert article.text[c["start"]:c["end"]] == c["text"]
    # Vectors are deferred until a story needs them (nlp.sentence_embeddings = "lazy").
    assert "claim_embeddings" not in article.values
    from newsweave.nlp.claims import embed_claims

    embed_claims([article], config)
    assert article.values["claim_embeddings"].shape[0] == len(claims)
    assert len(article.values["sentence_embeddings"]) == len(article.layer("sentences"))


@pytest.mark.parametrize("text, label", [
    ("Evans won stage 13 of the race on Friday.", True),
    ("The plane, Flight 370, vanished over the sea.", True),
    ("Evans has won 13 stages of the race.", False),
])
def test_numbers_that_name_are_labels(text, label):
    [number] = statement_parts_of(text)["numbers"]
    assert bool(number.get("label")) is label, number


def test_coordinated_report_without_subject_is_its_own_statement():
    # "X did A, but reiterated that Y": Y is a statement of its own, said by X
    article = Article.from_text("b", "The port authority refused to discuss the strike, but "
                                     "reiterated that the new terminal would open in 2031.")
    config = load_config(pipeline={"article_stages": ["spacy@1", "claims@1"], "story_stages": []})
    run_article_stages([article], config)
    clauses = [c for c in article.values["claims"] if c["kind"] == "clause"]
    reported = [c for c in clauses if c["text"].startswith("the new terminal would open")]
    assert reported and reported[0]["speaker"] == "The port authority"
    assert reported[0]["cue"] == "reiterate"
    for c in article.values["claims"]:
        assert article.text[c["start"]:c["end"]] == c["text"]


def test_coordinated_report_with_pronoun_content_subject_is_not_split():
    # "said it would ..." read alone would not say who "it" is
    article = Article.from_text("c", "The cycling federation rejected the appeal but said it "
                                     "would review the rules before the next season.")
    config = load_config(pipeline={"article_stages": ["spacy@1", "claims@1"], "story_stages": []})
    run_article_stages([article], config)
    assert not any(c["text"].startswith("it would") for c in article.values["claims"])


def test_each_number_keeps_the_verb_it_belongs_to():
    numbers = statement_parts_of("Echenique scored 11 points and blocked two shots.")["numbers"]
    assert {n["text"]: n.get("verb") for n in numbers} == {"11": "score", "two": "block"}


def test_a_sentence_that_leads_in_to_what_follows_is_no_claim():
    article = Article.from_text("a", "Maria Lopez, director of the Harbour Trust's river programme, "
                                     "commented,\n\n\"The new rules will ruin the estuary.\"\n\n"
                                     "The trust filed a lawsuit in the district court on Monday.")
    config = load_config(pipeline={"article_stages": ["spacy@1", "claims@1"], "story_stages": []})
    run_article_stages([article], config)
    texts = [c["text"] for c in article.values["claims"]]
    assert not any(t.rstrip().endswith((",", ":")) for t in texts)
    assert any(t.startswith("The trust filed a lawsuit") for t in texts)


def test_wire_dateline_is_not_part_of_the_statement():
    # where a report was filed is furniture: the claim shown starts at the sentence's words
    article = Article.from_text("c", "Sanders wins\n\nCONCORD, N.H. - Sen. Bernie Sanders won "
                                     "the New Hampshire primary by 22 points on Tuesday.")
    config = load_config(pipeline={"article_stages": ["spacy@1", "claims@1"], "story_stages": []})
    run_article_stages([article], config)
    [claim] = [c for c in article.values["claims"] if "22 points" in c["text"]]
    assert claim["text"].startswith("Sen. Bernie Sanders won")
    assert article.text[claim["start"]:claim["end"]] == claim["text"]


def test_a_phrase_without_a_finite_verb_is_no_statement():
    article = Article.from_text("e", "Rehana being killed by ISIS fighters in Kobani\n\nThe "
                                     "fighters said on Monday that Rehana was killed in Kobani.")
    config = load_config(pipeline={"article_stages": ["spacy@1", "claims@1"], "story_stages": []})
    run_article_stages([article], config)
    texts = [c["text"] for c in article.values["claims"]]
    assert not any(t.startswith("Rehana being") for t in texts), texts
    assert any("said on Monday" in t for t in texts)


@pytest.mark.parametrize("text, predicate", [
    ("The Taliban is yet to comment about the incident.", "comment"),
    ("Trump has yet to endorse Ryan.", "endorse"),
])
def test_what_is_yet_to_happen_is_negated(text, predicate):
    parts = statement_parts_of(text)
    assert (parts["predicate"], parts["negated"]) == (predicate, True)
