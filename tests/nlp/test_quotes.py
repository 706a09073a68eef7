"""Who said what inside one article: a table of cases, negatives beside positives.

Every sentence here is written for this test (no corpus text). Quote-mark finding is pure
Python; the cases that need a parse load the spaCy model and are marked slow.
"""
from __future__ import annotations

import pytest

from newsweave.config import load_config
from newsweave.model import Article
from newsweave.nlp.quote_rules import find_quoted_spans, stem, trim
from newsweave.pipeline import run_article_stages

# ----------------------------------------------------------------------------- quote marks
QUOTED = [
    # (text, quoted passages)
    ('He said "we will win" today.', ['"we will win"']),
    ("He said \u201cwe will win\u201d today.", ["\u201cwe will win\u201d"]),
    ("''We are ready,'' she said.", ["''We are ready,''"]),
    ('Mixed marks: "we are ready\u201d she said.', ['"we are ready\u201d']),
    # a quote left open runs to the end of its paragraph (it goes on in the next one)
    ("\u201cFirst paragraph of a long quote.\n\u201cSecond one.\u201d", [
        "\u201cFirst paragraph of a long quote.", "\u201cSecond one.\u201d"]),
    # negatives: apostrophes, single quotes and inch marks are not quote marks
    ("The company's chief didn't attend the party's dinner.", []),
    ("He called it 'a mistake' on Monday.", []),
    ('The screen measures 6" across.', []),
    # an unbalanced mark does not swallow the next paragraph
    ('The "deal was signed.\nNothing else happened.', ['"deal was signed.']),
    # ... nor, on a page flattened into one line, the rest of the page: its first sentences
    ('The department said: "Aides were warned. A second sentence follows here. ' +
     "Table of contents: jobless claims down and other economic news. " * 40 + "End.",
     ['"Aides were warned. A second sentence follows here. Table of contents: jobless claims '
      'down and other economic news. Table of contents: jobless claims down and other '
      'economic news. Table of contents: jobless claims down and other economic news.']),
    # a straight mark hugging the word after it opens a quotation: the one before was left
    # open, and takes its sentences up to 300 characters, not the writer's words after them
    ('She said: "Films appeal to reason. This one aims at the heart. The film takes no side '
     'and, surprisingly perhaps, it shows the army in a good light, in every scene but one, '
     'in which troops search a house and shout at a family, and in which a hero dressed as a '
     'bomber is stopped at a checkpoint. "I am not judging them", she said.',
     ['"Films appeal to reason. This one aims at the heart.', '"I am not judging them"']),
    # a paragraph that opens with a closing mark: a typo for the opening one
    ("\u201dWe never close.\u201d \u2015 Tom Baker", ["\u201dWe never close.\u201d"]),
    # ... but a closing mark inside a line or before a space opens nothing
    ("He left.\u201d Then she spoke.", []),
    ("\u201d he said.", []),
]


@pytest.mark.parametrize("text, expected", QUOTED)
def test_find_quoted_spans(text, expected):
    assert [text[a:b] for a, b in find_quoted_spans(text)] == expected


@pytest.mark.parametrize("word, expected", [
    ("said", "say"), ("stating", "state"), ("warned", "warn"), ("clarified", "clarify"),
    ("emphasized", "emphasize"), ("stopped", "stop"), ("tells", "tell"), ("argues", "argue"),
])
def test_stem(word, expected):
    assert stem(word) == expected


def test_trim_keeps_quote_marks_and_drops_final_stop():
    text = ' "We will win," '
    assert text[slice(*trim(text, 0, len(text)))] == '"We will win,"'
    text = "that prices will rise."
    assert text[slice(*trim(text, 0, len(text)))] == "that prices will rise"


# ----------------------------------------------------------------------------- candidate spans
CANDIDATE_SPANS = [
    # (text, cue, content the candidate gets); the corpus conventions, whatever the model says
    # a preposition that introduces the content belongs to the cue
    ("The senator called for a delay in the vote.", "called for", "a delay in the vote"),
    ("The union complained about the new shift rules.", "complained about",
     "the new shift rules"),
    # a passive with an agent: the agent speaks about the subject
    ("The plan was criticized by the opposition leader.", "criticized by", "The plan"),
    # "according to" at either end of its sentence takes the rest, without a leading "But"
    ("But ticket prices will rise next spring, according to the city council.", "according to",
     "ticket prices will rise next spring"),
    ("According to the harbour authority, two ships ran aground overnight.", "According to",
     "two ships ran aground overnight"),
    # ... inside its sentence, never the cue itself, and not a clause coordinated after it
    ("The ferry, according to the harbour authority, ran aground after hitting rocks.",
     "according to", "The ferry | ran aground after hitting rocks"),
    ("Two people were hurt in the fire, according to police, and the road was closed for hours.",
     "according to", "Two people were hurt in the fire"),
    # a parenthetical cue: everything around it is said
    ("Though the vote was close, he said, the result would stand.", "said",
     "Though the vote was close | the result would stand"),
    # the one told is not what was said
    ("The coach told the crowd that the team would play again on Sunday.", "told",
     "that the team would play again on Sunday"),
    # an attitude in a predicate adjective
    ("The mayor is confident that the tunnel will be finished by May.", "is confident",
     "that the tunnel will be finished by May"),
    ("The teachers were angry about the new contracts.", "were angry about", "the new contracts"),
    # a speaker label opening a line
    ("BAKER: We have done everything we can for this town.", ":",
     "We have done everything we can for this town"),
    # negatives: a verb without a complement has no content of its own; the addressee and
    # the agent are never content
    ("The mayor spoke to the crowd for an hour.", "spoke", None),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, cue, content", CANDIDATE_SPANS)
def test_candidate_spans(text, cue, content):
    from newsweave.nlp.quote_rules import candidates
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp()(text)
    found = [c for c in candidates(doc) if text[c.cue[0]:c.cue[1]] == cue]
    if content is None:
        assert not any(c.content for c in found), [[text[a:b] for a, b in c.content] for c in found]
        return
    assert found, [text[c.cue[0]:c.cue[1]] for c in candidates(doc)]
    assert " | ".join(text[a:b] for a, b in found[0].content) == content


NOT_SPEAKER_LABELS = [
    "Note: The figures are preliminary and may change.",
    "Photo: A view of the harbour at dawn.",
    "Breaking: Two ships ran aground near the harbour",
    "Q: When will the bridge open?",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", NOT_SPEAKER_LABELS)
def test_labels_that_introduce_no_one(text):
    from newsweave.nlp.quote_rules import candidates
    from newsweave.nlp.spacy_stage import load_nlp

    assert not [c for c in candidates(load_nlp()(text)) if c.kind == "label"]


# ----------------------------------------------------------------------------- attributions
CONFIG = load_config(pipeline={"article_stages": ["spacy@1", "quotes@1"], "story_stages": []})


def run(text: str) -> tuple[Article, list]:
    article = Article.from_text("t", text)
    done, skipped = run_article_stages([article], CONFIG)
    assert not skipped
    return article, article.values["quotes"]


def described(article: Article, q) -> dict:
    return {
        "speaker": article.span_text(q.speaker) if q.speaker else None,
        "cue": article.span_text(q.cue) if q.cue else None,
        "content": " | ".join(article.span_text(s) for s in q.content),
        "direct": q.direct,
        "name": q.speaker_name,
        "anonymous": q.anonymous,
    }


POSITIVE = [
    # (text, expected fields of the attribution whose content contains `key`, key)
    ("The minister said that taxes would rise next year.", "taxes would rise",
     {"speaker": "The minister", "cue": "said", "content": "that taxes would rise next year",
      "direct": False}),
    ('"We will not send troops," the spokesman said.', "We will not send troops",
     {"speaker": "the spokesman", "cue": "said", "content": '"We will not send troops,"',
      "direct": True}),
    ("According to the report, the army withdrew from the city.", "the army withdrew",
     {"speaker": "the report", "cue": "According to", "direct": False}),
    ("Kremlin spokesman Dmitry Peskov emphasized that a conflict would be inevitable.",
     "conflict would be inevitable",
     {"cue": "emphasized", "name": "Dmitry Peskov", "direct": False}),
    ("John Kirby told reporters that no American troops would be sent.", "no American troops",
     {"speaker": "John Kirby", "cue": "told", "name": "John Kirby"}),
    ("Olaf Scholz warned that the plan would fail.", "the plan would fail",
     {"cue": "warned", "name": "Olaf Scholz"}),
    ("The ministry clarified that the talks would continue.", "the talks would continue",
     {"speaker": "The ministry", "cue": "clarified"}),
    ("Sunak's office stated that the UK would only train Ukrainian forces.", "only train",
     {"speaker": "Sunak's office", "name": "Sunak's office", "anonymous": False}),
    ('Olaf Scholz said in a message on X: "There will be no ground troops from Europe."',
     "no ground troops", {"name": "Olaf Scholz", "direct": True}),
    # split quote: both halves are one attribution
    ('"This is a mistake," she said, "and we will not accept it."', "This is a mistake",
     {"content": '"This is a mistake," | "and we will not accept it."', "direct": True}),
    # a quote that goes on in the next sentence after "he said."
    ('Paul Nagel spoke at noon. "We are ready," he said. "Our soldiers have trained for months."',
     "Our soldiers", {"name": "Paul Nagel", "direct": True}),
    # the dash attribution of reader comments and epigraphs
    ("\u201cThe worst decision this town has ever made.\u201d \u2015 Maria Lopez",
     "worst decision", {"speaker": "Maria Lopez", "direct": True}),
    # anonymous sources
    ("A NATO official, speaking anonymously, said there were no plans to deploy troops.",
     "no plans", {"anonymous": True, "name": None}),
    # a second quote after "said X, <who X is>." goes on with the first
    ('"We are closing the mill," said Maria Lopez, the owner. "Nobody buys our wool any more."',
     "Nobody buys", {"speaker": "Maria Lopez, the owner",
                     "content": '"We are closing the mill," | "Nobody buys our wool any more."'}),
    # a name right after "said" that the parser made the subject of what follows
    ("\u201cI am more at home on a boat than in an office,\u201d said Tom Baker, half joking.",
     "more at home", {"speaker": "Tom Baker", "cue": "said",
                      "content": "\u201cI am more at home on a boat than in an office,\u201d"}),
    # "she's said": the perfect, not a passive
    ("While she's said she backs the plan, she has not voted on it.", "backs the plan",
     {"speaker": "she", "cue": "said", "content": "she backs the plan"}),
    # a reader comment whose opening mark was typed as a closing one
    ("\u201dThe new bridge has cut my commute in half. I hope they build another.\u201d "
     "\u2015 Tom Baker", "commute in half", {"speaker": "Tom Baker", "direct": True}),
    # a quotation after an attribution goes on with it, not with a later sentence that
    # reports a clause of its own ...
    ('"We are close to a deal," an aide to the mayor told reporters at City Hall on Monday. '
     '"The talks end on Friday." Senator Ruiz had warned on Monday that the talks would fail.', "talks end on",
     {"speaker": "an aide to the mayor", "content": '"We are close to a deal," | '
      '"The talks end on Friday."'}),
    # ... but a speaker named after an exclamation is its speaker
    ('"What a year this has been!" Maria Lopez shouted to the crowd.', "What a year",
     {"name": "Maria Lopez", "direct": True}),
    # transcripts and headlines: "NAME: what they said"
    ("BAKER: We have done everything we can for this town.\n"
     "OKAFOR: That is simply not true, and you know it.", "simply not true",
     {"speaker": "OKAFOR", "cue": ":", "content": "That is simply not true, and you know it"}),
    ("Poll: Most voters back the new bridge", "Most voters",
     {"speaker": "Poll", "content": "Most voters back the new bridge"}),
    # a trailing attribution the parser hung inside the first one's clause is not said
    ("Neighbours said the gunman used a shotgun or a rifle, police Captain Ann Roe said.",
     "used a shotgun", {"speaker": "Neighbours",
                      "content": "the gunman used a shotgun or a rifle"}),
    # a headline clause before a semicolon is not what the cue after it reports
    ("2 dead, 3 hurt in harbour shooting; police say gunman had worked there.", "gunman",
     {"speaker": "police", "content": "gunman had worked there"}),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, key, expected", POSITIVE)
def test_attribution_found(text, key, expected):
    article, quotes = run(text)
    matching = [described(article, q) for q in quotes
                if key in " ".join(article.span_text(s) for s in q.content)]
    assert matching, f"no attribution holds {key!r}: {[described(article, q) for q in quotes]}"
    got = matching[0]
    assert {k: got[k] for k in expected} == expected


NEGATIVE = [
    # (text, words that must not be the content of any attribution)
    ('The so-called "peace plan" was published on Monday.', "peace plan"),          # scare quotes
    ('She starred in "The Long Goodbye" last year.', "The Long Goodbye"),           # a title
    ("The company's chief didn't attend the party's dinner in Paris.", "dinner"),   # apostrophes
    ('The "deal was signed on Monday in Paris by both sides.', "deal was signed"),  # unbalanced
    ("The said property was sold in 2010 to a local family.", "property"),         # "said" adj.
    ("He ate dinner and watched the match on television.", "dinner"),
    ('The band played "Born in the U.S.A." at the end of the concert.', "Born in"),  # song title
]


@pytest.mark.slow
@pytest.mark.parametrize("text, words", NEGATIVE)
def test_no_attribution(text, words):
    article, quotes = run(text)
    for q in quotes:
        content = " ".join(article.span_text(s) for s in q.content)
        assert words not in content or not q.direct, described(article, q)
        assert not (q.direct and words in content), described(article, q)
    assert not [q for q in quotes if q.direct]


NOT_SAID = [
    # (text, words no attribution may hold, or None: then no attribution at all on that cue)
    # a linking phrase, not a speaker
    ("That said, the mayor still wants the new bridge over the harbour.", "still wants"),
    # where a journalist worked says nothing; the caption's quotation after it is another's
    ('Mr Tom Hale, 28, had reported from Dover. Editor Ann Lee: "He may have been targeted" '
     "Mr Hale had been a correspondent for a decade.", "targeted"),
    # a name someone gives a thing
    ('She told me a partner wanted her to be what she called a "Laura Ashley" at home.',
     "Laura Ashley"),
    # the writer's own next sentence after an account of what someone often spoke of
    ("She often spoke of how humbled she was by the bravery of the fishermen. We have come to "
     "expect that she would be there.", "come to expect"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, words", NOT_SAID)
def test_words_no_one_is_reported_to_say(text, words):
    article, quotes = run(text)
    held = [described(article, q) for q in quotes if words in " ".join(
        article.span_text(s) for s in q.content)]
    assert all(h["cue"] not in ("said", "reported", "called", "spoke of") for h in held), held
    if words in ("targeted", "come to expect"):
        assert all(h["name"] not in ("Tom Hale",) and h["cue"] != "spoke of" for h in held), held


@pytest.mark.slow
def test_a_verb_sharing_the_reported_clauses_auxiliary_is_part_of_it():
    article, quotes = run("Russia's envoy Ivo Dane said the alliance was choosing targets and then "
                          "declaring them to be legitimate.")
    got = [described(article, q) for q in quotes if q.speaker_name == "Ivo Dane"]
    assert [g["content"] for g in got] == [
        "the alliance was choosing targets and then declaring them to be legitimate"]


# ----------------------------------------------------------------------------- speakers
SPEAKERS = [
    # (text, content key, name, role, affiliation)
    ('Kremlin spokesman Dmitry Peskov spoke on Monday. "We will respond," he said.',
     "We will respond", "Dmitry Peskov", "Kremlin spokesman", "Kremlin"),
    ("Matthew Miller, a State Department spokesperson, said the policy had not changed.",
     "policy had not changed", "Matthew Miller", "State Department spokesperson",
     "State Department"),
    ("Prime Minister Ulf Kristersson of Sweden said that the idea was not on the table.",
     "not on the table", "Ulf Kristersson", "Prime Minister", "Sweden"),
    # "the spokesman" named in the next sentences (cataphora), then "he"
    ("The White House spokesman said the embassy staff would stay. "
     "Kirby added that no troops would be sent.", "embassy staff", "Kirby", None, None),
    # a surname alone takes the full name given earlier
    ("German Chancellor Olaf Scholz met the press. Scholz said that Germany would not send troops.",
     "would not send troops", "Olaf Scholz", "German Chancellor", None),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, key, name, role, affiliation", SPEAKERS)
def test_speaker_resolved(text, key, name, role, affiliation):
    article, quotes = run(text)
    found = [q for q in quotes if key in " ".join(article.span_text(s) for s in q.content)]
    assert found, [described(article, q) for q in quotes]
    q = found[0]
    assert q.speaker_name == name
    if role is not None:
        assert q.role == role
    if affiliation is not None:
        assert q.affiliation == affiliation


@pytest.mark.slow
def test_records_are_raw_offsets():
    """Prediction records point into the raw text even where cleanup changed it."""
    from newsweave.nlp.quotes import attribution_records

    raw = 'Title\r\n\r\n\r\nThe\u00a0minister said "we will\u200b win the vote."'
    article, _ = run(raw)
    records = attribution_records(article)
    assert records
    rec = records[0]
    s, e = rec["content"]
    assert raw[s:e].replace("\u200b", "") == '"we will win the vote."'
    assert raw[slice(*rec["source"])] == "The\u00a0minister"
    assert rec["direct"] is True


@pytest.mark.slow
def test_example_corpus_quotes(example_dir, expected):
    """Every quote listed in expected.json is found, with the right person as speaker once
    people are resolved across the story."""
    from newsweave.model import Story
    from newsweave.pipeline import run_story_stages

    config = load_config(pipeline={"article_stages": ["spacy@1", "quotes@1"],
                                   "story_stages": ["people@1"]})
    articles = [Article.from_text(p.stem, p.read_text("utf-8")) for p in
                sorted(example_dir.glob("*.txt"))]
    articles, skipped = run_article_stages(articles, config)
    assert not skipped
    story = Story("s", [a.id for a in articles])
    assert not run_story_stages([story], {a.id: a for a in articles}, config)

    def norm(text: str) -> str:
        return text.replace("\u2019", "'")

    from briefed import briefed

    quotes = briefed(story, articles)["quotes"]
    missing = []
    for item in expected["quotes"]:
        speakers = [q["speaker"]["name"] for q in quotes if q["article"] == item["article"]
                    and norm(item["content_contains"]) in norm(" ".join(c["text"] for c in q["content"]))]
        if item["speaker"] not in speakers:
            missing.append((item["speaker"], item["content_contains"], speakers))
    assert not missing


@pytest.mark.slow
def test_a_saying_relayed_by_according_to_keeps_its_own_speaker():
    article, quotes = run("The officer said the youth had a gun, according to the Harbour "
                          "Gazette. According to the mayor, it said the port would close.")
    got = {(d["speaker"], d["content"]) for d in (described(article, q) for q in quotes)}
    assert ("The officer", "the youth had a gun") in got
    assert ("the Harbour Gazette", "The officer said the youth had a gun") in got
    # a pronoun's saying inside it is left to the model
    assert not any(speaker == "it" for speaker, _ in got)


@pytest.mark.parametrize("text", [
    # a broadcast transcript's interrupted sentence: the words stop on "from" / "is"
    "ANCHOR: Estimates of the fortune of the family range wildly from -- people say "
    "$20 billion.",
    "One of the last things the president said in his statement last night I think is -- "
    "probably we will hear more of it.",
    # ... in a transcript's spaced tokens, with the cue after the break
    "ANCHOR : There have been some estimates , Ivan , estimates of the family fortune range "
    "wildly from -- people say $ 20 billion to $ 70 billion .",
])
def test_reported_words_cut_off_mid_clause_are_no_quote(text):
    from newsweave.nlp.quotes import find_attributions
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp()(text)
    parts = [doc.text[c.start:c.end] for q in find_attributions(doc) for c in q.content]
    assert not any(p.rstrip(" -").endswith((" from", " is")) for p in parts), parts


@pytest.mark.parametrize("text, content", [
    # a caption run into a quotation that opens on a capital: the caption is not the speech,
    # and the person it names is not kept from being the "he"
    ('Tom Hale said the fund was closed on Monday. Tom Hale expresses doubt over the clean-up '
     '"They have pushed the firm in every way that they can," he said.',
     '"They have pushed the firm in every way that they can,"'),
    # a quotation that goes on the sentence keeps the words before it
    ('Tom Hale said the fund was closed. The plan is "dead in the water," he said.',
     'The plan is "dead in the water,"'),
])
def test_a_quotation_opening_a_sentence_after_a_run_in_caption(text, content):
    article, quotes = run(text)
    last = described(article, quotes[-1])
    assert (last["name"], last["content"]) == ("Tom Hale", content)


def test_a_main_verb_the_parser_hung_on_a_root_noun_has_that_noun_as_speaker():
    # the parser reads "The chief ..., Tom Hale, acknowledged" as a noun with a participle
    article, quotes = run("The chief of the US coast guard, Ned Allen, acknowledged on Sunday "
                          "that the government was forced to rely on the company.")
    got = described(article, quotes[0])
    assert (got["speaker"], got["name"]) == ("The chief of the US coast guard, Ned Allen",
                                             "Ned Allen")
    # a true participle reports nothing: "a man accused of fraud" is not its speaker
    article, quotes = run("A man accused of fraud said that he was innocent.")
    assert described(article, quotes[0])["speaker"] == "A man"


def test_someone_unnamed_who_tells_the_writer_is_the_next_he():
    # a first-person report: the driver the writer met speaks, not the reporter named before
    article, quotes = run("The BBC reporter Tom Hale has recently returned from Portland. On "
                          "the road from the airport, my taxi driver told me about his country. "
                          '"People grew up in classes together," he said.')
    last = described(article, quotes[-1])
    assert last["content"].startswith('"People grew up') and last["name"] is None


def test_a_clause_with_another_speaker_ends_the_report_it_is_joined_to():
    article, quotes = run("The radio station said the visit was agreed with Portugal but the "
                          "Portuguese Foreign Ministry said there had been no contact.")
    got = {described(article, q)["content"] for q in quotes}
    assert got == {"the visit was agreed with Portugal", "there had been no contact"}


def test_a_relative_clause_after_a_quoted_phrase_is_the_writers_gloss():
    article, quotes = run('Tom Hale said the spill would not be the administration\'s "Hurricane '
                          'Katrina," which deeply wounded the last president\'s second term.')
    assert described(article, quotes[0])["content"] == (
        'the spill would not be the administration\'s "Hurricane Katrina,"')


def test_the_role_pointing_back_to_someone_brought_in_unnamed_takes_no_later_name():
    article, quotes = run(
        'More countries will free frozen assets for the rebels, a British official said. "It is '
        'only a matter of time," the official said. Britain is playing a leading role. "The '
        'forces are conducting checks at fuel stations," defense ministry official Tom Hale '
        "told a news conference.")
    assert [described(article, q)["name"] for q in quotes] == [None, None, "Tom Hale"]
    # ... but a role put on someone named is theirs
    article, quotes = run('Tom Hale, a spokesman for the firm, said the talks would go on. "We '
                          'are hopeful," the spokesman said.')
    assert [described(article, q)["name"] for q in quotes] == ["Tom Hale", "Tom Hale"]


def test_a_surname_the_recogniser_took_for_a_place_is_still_the_person():
    # "Denver" alone is tagged a place; Sarah Denver is who uses Twitter and writes
    article, quotes = run('Sarah Denver said the president was slow to act. Robert Gibbs fired '
                          'back. Denver used Twitter shortly thereafter to respond to Gibbs. '
                          '"Dispute these facts," she wrote.')
    last = described(article, quotes[-1])
    assert (last["content"], last["name"]) == ('"Dispute these facts,"', "Sarah Denver")


def test_the_government_is_not_the_organisation_named_before():
    article, quotes = run('The UN has conceded it can not keep track of the death toll. The '
                          'government says it is fighting "armed gangs".')
    last = described(article, quotes[-1])
    assert (last["speaker"], last["name"]) == ("The government", "government")


def test_a_thing_the_parser_made_the_object_of_warned_is_the_clauses_subject():
    article, quotes = run('Tom Hale has warned any foreign military action will turn Portland '
                          '"into another war zone".')
    assert described(article, quotes[0])["content"] == (
        'any foreign military action will turn Portland "into another war zone"')


@pytest.mark.parametrize("text, attributed", [
    ("The paper has seen more evidence of the extent to which the army has lost control.", False),
    ("Reporters saw soldiers firing on the crowd.", False),
    ("Tom Hale sees the deal as a mistake.", True),
])
def test_seeing_a_thing_is_no_view_held(text, attributed):
    article, quotes = run(text)
    assert bool(quotes) is attributed


def test_a_role_of_someones_takes_no_later_name_without_that_role():
    article, quotes = run("Portland became the first state to sue the firm. The state's attorney "
                          "general said it was suing the firm for the harm caused by the spill. "
                          '"Beaches are open for business," Tom Hale told reporters.')
    got = [(described(article, q)["speaker"], described(article, q)["name"]) for q in quotes]
    assert ("The state's attorney general", None) in got


@pytest.mark.parametrize("text, cue, name", [
    # a titled person "of" a place is the person, not the place
    ("The crisis deepened on Thursday. In an interview with the radio, Prince Faisal of Jordan "
     "said there was a danger of the country splitting into pieces.", "said", "Faisal"),
    # the name between commas after a role the parser read as an adjective
    ("Kofi Annan met the president on Monday. Even the cautious UN secretary-general, Ban "
     "Ki-moon, who rarely utters a critical remark, commented yesterday that \"the world is "
     "watching with sceptical eyes\".", "commented", "Ban Ki-moon"),
])
def test_the_speaker_is_the_person_the_mention_names(text, cue, name):
    article, quotes = run(text)
    got = {described(article, q)["cue"]: q.speaker_name for q in quotes}
    assert got.get(cue) == name


@pytest.mark.parametrize("text, cue", [
    # the writer's guess at what others think
    ("I'm sure the British and French still think they might yet reclaim their old glory.",
     "think"),
    # a relative clause whose noun is what the reported words leave out
    ("Police found the weapons the minister said were hidden in the basement.", "said"),
])
def test_no_one_is_reported_to_speak(text, cue):
    article, quotes = run(text)
    assert cue not in {described(article, q)["cue"] for q in quotes}


@pytest.mark.parametrize("text, content", [
    # the relative word is the cue's own object or adverbial: what was said is whole
    ("The officials dismissed the proposal, which Tom Hale deemed \"a very important new "
     "element\" of the talks.", "a very important new element"),
    ("Democrats seized upon his TV appearance, in which he said he was skeptical of the "
     "officials' high confidence.", "he was skeptical of the officials' high confidence"),
    ("The firm chose to file in Richmond, where restructuring experts say some judges are "
     "eager to move large cases through quickly.", "some judges are eager to move large"),
])
def test_a_relative_word_of_the_cues_own_keeps_the_quote(text, content):
    article, quotes = run(text)
    assert any(content in described(article, q)["content"] for q in quotes)


def test_the_place_of_an_office_is_no_part_of_the_holders_name():
    # "Ambassador to X Gene Cretz": the recogniser takes the office's place into the name
    article, quotes = run("U.S. Ambassador to Libya Jon Cretz said the United States had not "
                          "made a decision on recognizing the council. But Cretz said the "
                          "United States was still studying the legal implications.")
    assert [q.speaker_name for q in quotes] == ["Jon Cretz", "Jon Cretz"]


def test_the_one_told_is_no_part_of_what_was_told():
    # the parser reads "Reuters clashes" as one noun
    article, quotes = run("Omar Badi, a rebel spokesman in Misrata, told Reuters clashes had "
                          "broken out in Zlitan on Thursday and resumed on Friday.")
    assert [described(article, q)["content"] for q in quotes] == [
        "clashes had broken out in Zlitan on Thursday and resumed on Friday"]
    article, quotes = run("A rebel spokesman told Reuters clashes had resumed in the west of "
                          "the city.")
    assert [described(article, q)["content"] for q in quotes] == [
        "clashes had resumed in the west of the city"]


def test_an_honorific_makes_a_person_of_a_name_tagged_otherwise():
    # the recogniser tags "Gareth Peirce" and "Ms Peirce" organisations; "She added" follows
    # Ms Peirce's sentences, not the earlier speaker's
    article, quotes = run("Flanked by the family's solicitor, Gareth Peirce, she condemned the "
                          "policy. \"My cousin was an honest person,\" said Ms Figueiredo. Ms "
                          "Peirce condemned Sir Ian's statements on the case, saying there had "
                          "been a \"regrettable rush to judgment\". She was astonished that the "
                          "phrase was being used. She added that the family were ready to "
                          "cooperate with the complaints body.")
    got = {described(article, q)["cue"]: q.speaker_name for q in quotes}
    assert got["added"] == "Peirce"


def test_a_dash_between_the_object_and_its_clause_keeps_the_subject():
    # the parser makes "gains" the object of "said" and the clause subjectless
    article, quotes = run("Analysts said Friday's sharp gains in oil, wheat, copper and gold -- "
                          "while stocks slipped -- stemmed from a big wave of new investment.")
    assert described(article, quotes[0])["content"].startswith("Friday's sharp gains")


def test_an_unnamed_fighter_who_speaks_is_the_next_he():
    article, quotes = run("After the uprising began, Karl Vog recruited several thousand "
                          "mercenaries. Hired in March as the commander of a mortar battery, "
                          "the fighter, who used a nom-de-guerre, told Reuters he had been paid "
                          "in cash. \"I knew the army had poor discipline,\" he told Reuters.")
    assert all(q.speaker_name != "Karl Vog" for q in quotes)


def test_someones_spokesman_is_not_the_next_speaker_named_without_a_role():
    article, quotes = run("The prime minister, Ann Roe, opposes southern autonomy. \"The idea of "
                          "a southern region is unacceptable to us,\" her spokesman said "
                          "yesterday. Secular voters say the election was not a call for "
                          "intolerance. Tom Hale said the talks would go on.")
    got = {described(article, q)["content"][:20]: q.speaker_name for q in quotes}
    assert got['"The idea of a south'] in (None, "Ann Roe")


def test_a_quotation_without_a_cue_goes_to_the_attribution_that_ends_right_before_it():
    article, quotes = run("The allies say they will not stop until the colonel is toppled. "
                          "Court prosecutor Ann Roe said she would request three arrest warrants "
                          "for her investigation into the killing of demonstrators. \"Crimes "
                          "against humanity have been and continue to be committed in Karsa, "
                          "attacking unarmed civilians including killings and persecutions in "
                          "many cities across Karsa .\" At a U.N. Security Council meeting, "
                          "Portland criticised the NATO campaign, saying it was using "
                          "disproportionate force.")
    owner = next(q.speaker_name for q in quotes
                 if "Crimes against humanity" in described(article, q)["content"])
    assert owner == "Ann Roe"


def test_who_after_a_description_in_apposition_is_the_name_described():
    article, quotes = run("The claim came from the information gathered from Ibn Omar al-Kari, "
                          "a Yemeni, who claimed the network was linked to Iraq.")
    assert [q.speaker_name for q in quotes if described(article, q)["cue"] == "claimed"] == [
        "Ibn Omar al-Kari"]


def test_what_is_held_of_a_person_is_not_their_words():
    # "X, believed to be in his 40s, has ...": X is spoken of, not speaking (the claims stage
    # takes its speakers from these attributions)
    article, quotes = run("Omar Haddad was hurt on Friday. Haddad, believed to be in his early "
                          "40s, has a $10 million bounty on his head.")
    assert not [q for q in quotes if "40s" in article.span_text(q.content[0])]
