"""A story shows an attribution only when it passes the checks of stories/quote_checks.py:
an identifiable speaker, a verb of saying that is not negated, a clause or quotation as
content, and no first person of the writer. Invented sentences, one pattern each."""
from __future__ import annotations

import pytest

from newsweave.config import load_config
from newsweave.model import Article, Story
from newsweave.pipeline import run_article_stages, run_story_stages

pytestmark = pytest.mark.slow

CONFIG = load_config(pipeline={"article_stages": ["spacy@1", "quotes@1"],
                               "story_stages": ["people@1"]})


def _shown(text: str) -> list[tuple[str | None, str, str]]:
    articles, skipped = run_article_stages([Article.from_text("a", text)], CONFIG)
    assert not skipped
    story = Story("s", ["a"])
    assert not run_story_stages([story], {"a": articles[0]}, CONFIG)
    article = articles[0]
    return [(q.speaker_name or q.role, article.span_text(q.cue) if q.cue else "",
             " / ".join(article.span_text(c) for c in q.content)) for q in story.quotes]


STATEMENTS = [
    # "so many times": how often, not what came of it
    "Mayor Ann Roe said so many times that the plan was dead.",
    # a pronoun "that" or a preposition may end the words
    'Senator Ana Ruiz said: "I will not say that."',
    "Senator Ana Ruiz said the bill was one she could believe in.",
    "Fire Chief James Steele said the blaze was being treated as arson.",
    "A spokesman for the company said it would appeal the ruling.",
    # an attitude held by a named person
    "Senator Ana Ruiz is confident that the bill will pass next week.",
    # a demand made of someone names who is to act and what
    "Senator Ann Roe urged supporters to monitor polling places on Tuesday.",
    "Mayor Tom Okafor has called on the two governments to provide a full explanation.",
    # a commitment's infinitive states what the speaker will do
    "Senator Ana Ruiz vowed to block the bill when it reaches the floor next week.",
    "Senator Ana Ruiz told reporters that the bill would pass next week.",
    # a short quotation is the speaker's own word when the verb puts it on something
    'Senator Ana Ruiz described the raid on the camp as "barbaric".',
]
NOT_STATEMENTS = [
    # the writer imagining what someone could come to say
    "Should the party govern Karsa, I imagine the borders would open. Tom Hale can then stop "
    "referring to the two countries as an axis and can just begin calling us the \"Big Lump of "
    "Evil\".",
    # a related-stories teaser cut mid-word by the page
    "The firm settled the lawsuits ... Scientists at the agency predict this year's dead zone in "
    "the bay will be the largest in history becaus ... A judge "
    "approved the deal.",
    # the writer's reading of what an act conveys
    "By standing up for the junta, the Kremlin is telling the world that no body has the right "
    "to decide who governs a state.",
    # what came of the speaking ("such ... that", "so quietly that"), not what was said
    "Sergeant Tom Hale spoke in such a low voice that even prosecutors sitting nearby had "
    "trouble hearing.",
    "Mayor Ann Roe spoke so quietly that few in the hall heard her.",
    # a photo's caption run into the page: where the speaker stands in the picture
    "Tom Hale (right) said he hoped for a peaceful transition in the country.",
    # words cut where they go on
    "Western diplomats say this means that while the draft no longer mentions the details of "
    "the plan, it still clearly backs the substance.",
    # the writer describing a noun, with the reason a party gave
    "The League sought the support of the Security Council for its reform plan, rejected by "
    "Damascus on the grounds that it would infringe on national sovereignty.",
    # a term in quotation marks inside the writer's account of an act
    'A former minister, Ana Ruiz, announced the formation of an "interim government" in the '
    "city.",
    # the writer's first person, whoever the resolver would give it to
    'Governor Sarah Lane visited the site. I was appalled to hear comments like, "She put '
    'herself in the limelight."',
    # a speaker that names nobody, a verb of thinking
    "The neighbors thought it was cool.",
    # a negated verb of knowing
    "Authorities also did not know whether the mayor's visit was relevant to the fire.",
    # a relative clause's verb with a noun phrase as "content"
    "The group, which has frequently criticized the government, organised the march.",
    # an adjective that reports no statement
    "Singer Lina Park left the clinic on Monday. She is interested in going back to the "
    "clinic because she knows everyone there.",
    # a bare noun phrase as content
    "Authorities estimate the damages to the church at $1 million.",
    # a clause whose subject is outside what was said
    "Mayor Tom Okafor met his deputy, Ana Ruiz, who he said had cut the budget by half.",
    # a noun phrase (with a verb only in its relative clause) for a verb that merely has an
    # object
    "Rep. Tom Okafor apologized for his comment under pressure from leaders who threatened "
    "him.",
    "The two aides requested anonymity to discuss the private talks.",
    # a headline of the "NAME: text" shape
    "Tour de France: Evans wins the thirteenth stage in the Alps.",
    # a refusal or an agreement that is an act
    "The singer Lina Park agreed to be photographed for the magazine in the spring.",
    "The singer Lina Park refused to be photographed as she left the court on Monday.",
    # a reader call-out, flattened into the text of a report
    "Officials said that if you have been to Mexico recently, tell us about it.",
    # the topic of what was said, after a preposition; a statistic "added"
    "Ben Kroll insisted on remaining completely anonymous until May 2005.",
    "Striker Ben Kroll added 12 points for the Rovers, who had 90 points in a losing effort.",
    # what a statement was about, not what was said: an evaluated object, a refusal, an
    # agreement to speak later
    "Senator Ana Ruiz decried the administration for pressuring the company to pay.",
    "Pastor Larry Kroon declined to say whether the church had received any threats.",
    "Mayor Tom Okafor declined to comment on the investigation when asked on Monday.",
    "Senator Ana Ruiz agreed to testify before the committee next week.",
    # "that" pointing at what came before the cue, not opening what was said
    "Norland does not want to intervene in Tarsia, warning that could lead to a regional war.",
    # a memory the writer tells
    "Senator Ann Roe could recall visiting the rebels in the mountains in 1991.",
    # an object defended or decried, whose infinitive clause holds the only finite verb
    "Critics in Congress, led by Senator Ann Roe, decried the company's failure to say "
    "precisely how much oil it thinks has spilled into the gulf.",
    "Admiral Tom Okafor defended the government's decision to let Acme and its contractors "
    "use vast quantities of dispersants.",
    # the object condemned, whose relative clause has the only finite verb
    "Earlier, Norland and Tarsia condemned a UN resolution passed on Friday which criticised "
    "the council for failing to halt the violence.",
    # an organisation named only by its kind
    "The company said it would appeal the ruling.",
    # the writer's guess at a belief
    "The coaches should keep Ben Kroll, who apparently thinks he is the best striker alive, "
    "on the bench.",
]


@pytest.mark.parametrize("text", STATEMENTS)
def test_statements_with_an_identifiable_speaker_are_shown(text):
    shown = _shown(text)
    assert len(shown) == 1, shown
    assert shown[0][0]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_attributions_that_fail_a_check_are_withheld(text):
    assert _shown(text) == []


@pytest.mark.parametrize("text", [
    # the writer asking, not a report of speech
    "Governor Ann Roe attacked the response on Monday. Did she ever ask Acme how prepared it "
    "was for something like this?",
    # a question asked, not an answer given
    "Governor Ann Roe asked Acme how prepared it was for a spill.",
    # "others": no one a reader can find
    "But others say the uprising in the capital might have come too soon.",
])
def test_no_statement_of_anyone_a_reader_can_find(text):
    assert _shown(text) == []


def test_a_clause_whose_subject_the_parse_split_off_is_what_was_said():
    shown = _shown("Northwind Oil says its latest effort to stem the flow of oil from the well "
                   "after a rig explosion is going to plan.")
    assert [(who, content) for who, _, content in shown] == [
        ("Northwind Oil", "its latest effort to stem the flow of oil from the well after a rig "
                          "explosion is going to plan")]


def test_a_chronology_s_day_is_no_part_of_what_was_said():
    shown = _shown("Here is a timeline of the war: September 1 - Rebels enter the port. "
                   "September 11 - Libya has started producing oil again, Mahmoud Jibril says.")
    assert ("Mahmoud Jibril", "says", "Libya has started producing oil again") in shown


def test_a_headline_s_words_are_no_one_s_after_the_head():
    shown = _shown("` The first rule ... you do not shell towns ' Jo Lee on a new Human Rights "
                   "Watch report on the war in Iraq Monday 3 October 2005 14.34 BST Aisha "
                   "Rahman, the daughter of the Libyan leader, declared her support for "
                   "insurgents in Iraq last week.")
    assert not any("shell towns" in content for _, _, content in shown), shown


def test_a_described_organisation_is_the_one_named_before():
    assert ("BP", "said", "the top kill had been suspended overnight") in _shown(
        "BP said on Friday it would try again. The oil firm said the top kill had been "
        "suspended overnight.")


def test_an_option_weighed_is_no_view_held():
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.stories.quote_checks import cue_check

    doc = load_nlp()("The company also is still considering using a smaller dome. Ruiz "
                     "considers that the dome failed.")
    considered = [doc[t.i:t.i + 1] for t in doc if t.lower_.startswith("consider")]
    assert [cue_check(c, named=True) for c in considered] == ["cue", None]


def test_a_wish_for_what_others_do_is_no_view_held():
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.stories.quote_checks import cue_check

    doc = load_nlp()("The council would want independent auditors to publish a report. "
                     "Analysts expect prices to rise.")
    cues = [doc[t.i:t.i + 1] for t in doc if t.lower_ in ("want", "expect")]
    assert [cue_check(c, named=True) for c in cues] == ["cue", None]


def test_speech_inside_a_quotation_is_the_quoted_speaker_s():
    shown = _shown('"On sighting the boats, the warship closed in and ordered them to stop," '
                   "the Defence Ministry said in a statement.")
    assert [cue for _, cue, _ in shown] == ["said"]


def test_a_quoted_title_is_no_part_of_what_was_said():
    text = ("Ken Vale, who runs the fund, says that speeding up the claims process is part of "
            "the effort to help people. He was speaking on CNN's \"State of the Union.\" A "
            "newspaper reported that the firm is selling assets.")
    shown = {speaker: content for speaker, _, content in _shown(text)}
    assert shown["Ken Vale"].endswith("effort to help people")


def test_a_telling_after_a_sentence_the_splitter_missed_is_cut_off():
    text = ("About 44,500 people are now engaged in the response. Acme Oil said on Monday that "
            "almost 95,000 claims have been submitted and more than 47,000 payments have been "
            "made, totalling almost $147m. Acme Oil said two containment systems continue to "
            "collect oil from the failed blow-out preventer.")
    first, *_ = [c for s, _, c in _shown(text) if s == "Acme Oil"]
    assert first.endswith("$147m.")


def test_the_writers_note_of_a_denial_is_no_part_of_the_claim():
    text = ("Critics, including Ann Roe, a former Acme contractor, have alleged that the platform "
            "was built without proper safety controls, which Acme denies.")
    assert [c for _, _, c in _shown(text)] == [
        "the platform was built without proper safety controls"]


def test_the_one_told_is_not_content():
    shown = _shown('"We have no idea what caused it," the Rev. Larry Kroon told CNN.')
    assert shown == [("Larry Kroon", "told", '"We have no idea what caused it,"')]
    shown = _shown('"We ask for privacy," her agent Tom Vale told the magazine.')
    assert shown == [("Tom Vale", "told", '"We ask for privacy,"')]


@pytest.mark.parametrize("part, junk", [
    ("9.55 pm", True), ("10.12 pm:", True), ("that", True), ("which", True),
    ('" said a pensioner from Chester', True),
    ("the bridge would reopen at 9.30 pm", False), ('"We will appeal,"', False),
    # the second part of a quotation the cue interrupts: a straight mark before a word opens
    ('"promises to make life harder."', False), ('\u201d said the mayor', True),
])
def test_junk_content_parts(part, junk):
    from newsweave.stories.quote_checks import _junk_part

    assert _junk_part(part) is junk


def test_one_quotation_given_to_two_speakers_goes_to_the_nearest_cue():
    from newsweave.model import Quote, Span
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.stories.quote_checks import shown_quotes

    text = ('Senator Ana Ruiz spoke at length on Monday. "We will win the vote next week," '
            "said spokesman Tom Okafor.")
    doc = load_nlp()(text)
    quoted = text.index('"We'), text.index('week,"') + len('week,"')
    said = text.index("said")

    def quote(name, cue_start, cue_end, speaker_start, speaker_end):
        return Quote(Span(speaker_start, speaker_end), Span(cue_start, cue_end),
                     (Span(*quoted),), True, speaker_name=name, speaker_type="person")

    near = quote("Tom Okafor", said, said + 4, text.index("Tom"), text.index("Tom") + 10)
    far = quote("Ana Ruiz", text.index("spoke"), text.index("spoke") + 5, 8, 16)
    assert [q.speaker_name for q in shown_quotes([far], doc, text)] == ["Ana Ruiz"]
    assert [q.speaker_name for q in shown_quotes([far, near], doc, text)] == ["Tom Okafor"]


def test_a_debates_billing_is_no_speaker():
    from newsweave.model import Quote, Span
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.stories.quote_checks import shown_quotes

    text = 'Hitchens v Galloway: "The war was a crime," said Galloway on the night.'
    doc = load_nlp()(text)
    quoted = (text.index('"The'), text.index('crime,"') + len('crime,"'))
    said = text.index("said")

    def quote(name):
        return Quote(Span(0, 19), Span(said, said + 4), (Span(*quoted),), True,
                     speaker_name=name, speaker_type="person")

    assert shown_quotes([quote("Hitchens v Galloway")], doc, text) == []
    assert len(shown_quotes([quote("George Galloway")], doc, text)) == 1


def test_the_writer_speaking_for_himself_is_no_part_of_the_words():
    text = ("Afterwards Ann Roe told me that in the US it was hard 'to get a debate in which two "
            "people disagreed with each other'. I'm not sure that that's true, though it might "
            "be that you have to look to Britain for one.")
    assert [c for _, _, c in _shown(text)] == [
        "in the US it was hard 'to get a debate in which two people disagreed with each other'"]


def test_the_one_told_is_trimmed_from_what_was_said():
    shown = _shown('"We will call it the Mexico flu from now on," deputy health minister Yakov '
                   "Litzman told a news conference.")
    assert [c for _, _, c in shown] == ['"We will call it the Mexico flu from now on,"']


def test_an_attribution_running_over_another_is_not_shown():
    shown = _shown("According to agency analyst Dale Grant, the tremor was the largest quake "
                   "recorded in the area, he noted.")
    assert len(shown) == 1, shown


def test_speech_reported_within_speech_is_shown():
    shown = _shown("Mayor Tom Okafor said on Monday that officials had claimed the vote was "
                   "rigged.")
    assert any(s[0] == "Tom Okafor" for s in shown), shown


def test_an_attribution_repeating_one_of_its_speaker_is_not_shown_twice():
    shown = _shown("Head coach Sean Okafor said the knee did not need surgery this time, just "
                   "rest, he said on Monday.")
    assert len(shown) == 1, shown


def test_a_he_after_a_sentence_that_brings_in_one_man_is_that_man():
    shown = _shown("Ben Kroll ran for 101 yards on Sunday.\nThe big reason was Tom Okafor, who "
                   "threw two interceptions.\n\"This game was on my shoulders,\" he said.")
    assert [s[0] for s in shown] == ["Tom Okafor"], shown


@pytest.mark.parametrize("text, speaker", [
    ('The regime must go, says UK-based al-Hayat in its editorial.', "al-Hayat"),
    ("The attack leaves forces at a crossroads, says Lebanon's al-Mustaqbal.", "al-Mustaqbal"),
    ("The end is near, says Jordan's pro-government al-Dustur.", "al-Dustur"),
    ('"We are about to witness the end," says Jordan\'s pro-government al-Dustur, although '
     "another writer disagrees.", "al-Dustur"),
    ("Officers used a Taser to subdue him, said Sgt. Marty Earley.", "Marty Earley"),
    ("CAIRO (Reuters) - One of Muammar Gaddafi's sons, Saadi, said on Monday the talks "
     "would go on.", "Saadi"),
    ("The spokesman, Tom Okafor, said the talks would resume.", "Tom Okafor"),
])
def test_a_speaker_name_keeps_its_particle_and_loses_its_title(text, speaker):
    assert [s[0] for s in _shown(text)] == [speaker]


@pytest.mark.parametrize("text", [
    # a surname the tagger reads as a plural noun or a company
    "Jon Marks, a consultant, said the city was calm. Marks said the rebels were waiting for "
    "reinforcements.",
    # a surname with a capital inside it, tagged an organisation
    "Ian MacDonald, an oceanographer, said the plan was wrong. As a result, the estimate was "
    "5,768 barrels. MacDonald said that most of the oil remains in the gulf.",
    # the full name written with a nickname between its parts
    '"Everybody is asking where the oil went," said chief study author William "Monty" Graham, '
    "a plankton expert. Graham said the oil had become food for plankton.",
    # an Arabic article on the surname written once and dropped after
    "Commander Ismail al-Marks said the brigade would stay. Marks said the fighters would join "
    "the battle for the city.",
])
def test_a_surname_alone_is_the_person_named_in_full_before(text):
    speakers = {s[0] for s in _shown(text)}
    assert len(speakers) == 1 and len(speakers.pop().split()) >= 2


@pytest.mark.parametrize("text, speakers", [
    # "he" after a speaker goes on with the speaker, not with whom the speaker's words named
    ("Omar Kell spoke on Monday. But General Tom Hale was adamant that Kell was conducting "
     'massacres. "Day by day people are dying," he said.', ["Tom Hale", "Tom Hale"]),
    # a relative "who" is the noun phrase its clause hangs on
    ('Colonel Ali Derbek took reporters to the site. "I heard about it last night," said one '
     "of the visitors, who said he worked for an oil company.",
     ["one of the visitors", "one of the visitors"]),
    # an unnamed envoy is the envoy named just after; a spokesman is not a mayor
    ("On Friday, the senior European Union representative in Tripoli said the bloc was "
     'concerned about the weapons. "This is an evident risk," said EU envoy Agostino Miozzo.',
     ["Agostino Miozzo", "Agostino Miozzo"]),
    ("The spokesman for the council said the road would reopen. "
     '"We are working on it," said Mayor Ann Roe.', ["spokesman for the council", "Ann Roe"]),
    # whose a title is must agree: Spain's foreign minister is not China's
    ("Spain's Foreign Minister on a visit to the city on Wednesday said his country now "
     "recognized the council. China's Foreign Minister Yang Jiechi said on Thursday that talks "
     "were needed.", ["Spain's Foreign Minister on a visit to the city on Wednesday",
                      "Yang Jiechi"]),
    # "the commission" is no company named before
    ('Norbrook Oil also supplied the top executive. "The firm called the shots," said Tom Lake, '
     "a researcher. The state commission concluded that cost-cutting contributed to the fire. "
     '"Norbrook\'s leadership was asleep at the switch," the commission\'s report concluded.',
     ["Tom Lake", "state commission"]),
    # a participle's aside is no part of an unnamed speaker
    ("Representatives of both, appearing Monday at a commission hearing at the Grand Hotel, "
     "denied that they made such a mistake.", ["Representatives of both"]),
])
def test_who_speaks(text, speakers):
    assert [s[0] for s in _shown(text)] == speakers


def test_a_headline_run_into_the_words_is_no_part_of_them():
    shown = _shown("Papers assess the harbour flood The dead fish found near the quay include "
                   "pike and eel, officials say Officials in the county have called for an "
                   "inquiry after the flood.")
    assert [s[2] for s in shown][:1] == ["The dead fish found near the quay include pike and eel"]


def test_he_also_after_a_sentence_about_someone_new_is_that_person():
    shown = _shown("Omar Kell told a crowd the city would stand. One of his sons, the "
                   "London-educated Saif Kell, again appeared on television on Saturday to deny "
                   'that the city was in revolt. But he also warned: "The door is open to all '
                   'options."')
    assert [s[0] for s in shown][-1] == "Saif Kell"


def test_a_label_recalled_in_passing_reports_no_one():
    assert _shown('Kell, once branded a "mad dog" by Washington for his support of militant '
                  "groups, has ruled for 41 years.") == []


def test_a_name_given_is_no_cue():
    from newsweave.nlp.quote_rules import candidates
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp()('"We will march again," a man who called himself Ali, aged 25, told '
                     "Reuters. She calls herself a patriot.")
    cues = {doc[c.cue_token].lower_ for c in candidates(doc)}
    assert "told" in cues and not cues & {"called", "calls"}


def test_she_after_a_daughter_named_in_apposition_is_the_daughter():
    shown = _shown("Karl Brenner died on Friday.\nBrenner ran the ferry for 40 years.\nHis "
                   "daughter Lena Brenner said he ate breakfast and went to sleep, she told the "
                   "Gazette.")
    assert shown and all(s[0] == "Lena Brenner" for s in shown), shown


def test_a_name_a_who_clause_describes_is_a_person_for_he():
    # the tagger may type a lone surname as a place; "who" says it is a person
    shown = _shown("Ben Kroll ran for 101 yards on Sunday.\nA big reason why was Quinn, who "
                   "threw two interceptions.\n\"This game was on my shoulders,\" he said.")
    assert [s[0] for s in shown] == ["Quinn"], shown


@pytest.mark.parametrize("text, content", [
    # a noun phrase after a quotation that ends on a comma is the writer's apposition
    ('Harold Benn, 88, told the Gazette in 2009, "I never regretted a single day of it," his '
     'only interview on the matter.', '"I never regretted a single day of it,"'),
    # "without explaining ..." says how the speaker spoke, not what
    ("Senator Anna Kole said the plant would close next year, without explaining who would "
     "pay for the cleanup.", "the plant would close next year"),
    # what the quoted words were about, in the writer's words
    ('"We saw a crack in the hull, so we told the owners," Mr Benn said of the fault he had '
     'found.', '"We saw a crack in the hull, so we told the owners,"'),
    # a closing cue after the writer's own sentence about the speaker: only the quoted words
    # are the speaker's
    ("As the city's leaders turn their attention to the stadium vote this week, Mayor Dan "
     'Ortiz picked Ruth Vale, 61, as the new fire chief, the "best firefighter this city has '
     'ever had," Ortiz said.', '"best firefighter this city has ever had,"'),
    # a day that opens reported speech is when it was said
    ("The executive in charge of the cleanup, Dan Ortiz, acknowledged Monday everyone is "
     "frustrated at the delay.", "everyone is frustrated at the delay"),
    # the one told, before "that", is not what was said
    ("Press secretary Dan Ortiz would only tell ABC's \"This Week\" that officials have been to "
     "the coast.", "officials have been to the coast"),
    # ... nor is a long one the parser hangs the said clause on, nor a "that" it calls a
    # pronoun
    ("Mr Dunn told the panel of seven officers who are trying the men that Pte Lake had been "
     "described as a hero.", "Pte Lake had been described as a hero"),
    ("Mr Dunn told newspaper editors that Norland was offering logistical support to the aid "
     "convoys.", "Norland was offering logistical support to the aid convoys"),
    # the writer's comparison with what others say
    ("The state commission concluded that cost-cutting by the operator contributed to the "
     "fire, just as critics allege that the mill's focus on profits contributed to the flood.",
     "cost-cutting by the operator contributed to the fire"),
])
def test_the_writers_words_around_a_statement_are_not_shown_as_said(text, content):
    assert [q[2] for q in _shown(text)] == [content]


@pytest.mark.parametrize("text, content", [
    # a verb after the quotation: the speaker's paraphrase goes on, nothing is cut
    ('Governor Lisa Park said the bridge is "a national priority" and promised quick work.',
     'the bridge is "a national priority"'),
    # "without" + a gerund that is no saying
    ("Senator Anna Kole said the plant would close next year without losing any jobs.",
     "the plant would close next year without losing any jobs"),
    # a short lead-in before the quotation is the speaker's
    ('Lee said, "We will win this case."', '"We will win this case."'),
    # a lead-in that does not name the speaker is the speaker's paraphrase
    ('The answers to veteran suicides are "not meeting the demand," says Paul Rieckhoff.',
     'The answers to veteran suicides are "not meeting the demand,"'),
])
def test_the_speakers_own_words_are_kept_whole(text, content):
    assert [q[2] for q in _shown(text)] == [content]


def test_a_name_that_qualifies_the_speakers_description_is_not_the_speaker():
    # the parser hangs "Flynn" on the quotation, leaving "said" without a subject
    text = ('"He is absolutely right. There is a severe disconnect between this White House '
            'and the military," Flynn, a top Trump surrogate, said Thursday morning on Fox News.')
    assert [q[0] for q in _shown(text)] == ["Flynn"]


def test_a_lone_given_name_is_the_one_person_named_in_full_with_it():
    text = ("One of the ruler's sons, Karim, said on Monday the army had not yet moved. In an "
            "interview with a television channel, Karim Haddad also said the ruler could not "
            "resign. Karim said the talks would go on.")
    assert [q[0] for q in _shown(text)] == ["Karim Haddad"] * 3


def test_he_also_said_goes_on_with_the_last_speaker():
    text = ('Mayor Tom Ruiz said Governor Dan Okafor wanted the bridge "open by June." He also '
            "said the council would vote on the budget on Friday.")
    assert [q[0] for q in _shown(text)] == ["Tom Ruiz", "Tom Ruiz"]


def test_added_to_puts_something_in_and_says_nothing():
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.stories.quote_checks import cue_check

    doc = load_nlp()("The marshals added to their list a man who escaped. Ruiz added that the "
                     "van was late.")
    added = [doc[t.i:t.i + 1] for t in doc if t.lower_ == "added"]
    assert [cue_check(a, named=True) for a in added] == ["cue", None]


def test_readers_comments_under_a_report_are_nobodys_quotes():
    report = "Mayor Tom Okafor said the bridge would reopen on Monday. "
    thread = ("Good news. May 3, 2011 at 2:59 pm | My sister said the bridge was never safe. "
              "May 3, 2011 at 3:10 pm | Report abuse")
    assert [s for s, _, _ in _shown(report + thread)] == ["Tom Okafor"]
    policy = ("We welcome comments that advance the story. Views expressed in the comments do "
              "not represent those of the site. Dan Ebert, a reader, said the bridge was never "
              "safe.")
    assert [s for s, _, _ in _shown(report + policy)] == ["Tom Okafor"]


def test_a_speaker_is_not_part_of_his_own_words():
    shown = _shown("Oil prices rose. (Update 10:58 p.m. in Cairo, 3:58 p.m. ET) It is important "
                   "for the next Egyptian government to recognize the Camp David accords, White "
                   "House Press Secretary Robert Gibbs said Friday.")
    assert shown[0] == ("Robert Gibbs", "said", "It is important for the next Egyptian "
                        "government to recognize the Camp David accords")


def test_a_paper_quoting_someone_is_not_the_speaker():
    shown = _shown("Sen. Ana Ruiz, D-Calif., was quoted by The Daily Courier saying, \"the bill "
                   "isn't going to stop the leak.\"")
    assert [s for s, _, _ in shown] == ["Ana Ruiz"]


def test_a_party_and_state_after_a_name_is_no_dateline():
    # a dash at the text's start ends a dateline only when spaced ("PORTVILLE -- The mayor")
    assert _shown("Sen. Ana Ruiz, D-Calif., said the bill would fail.")[0][0] == "Ana Ruiz"
    assert _shown("PORTVILLE -- The mayor said the bill would fail.")[0][0] == "mayor"


def test_words_not_said_yet_are_no_quote():
    shown = _shown("A senior official said President Ivo Dane is expected to announce that he "
                   "will transfer power to the army.")
    assert [s for s, _, _ in shown] == ["senior official"]
    # a plan under a noun, or "for X to" say, is not a saying either
    assert _shown("If the flood worsens, plans are in place for the council to warn every "
                  "household to leave its home.") == []
    # what was held back is what was not said
    assert [s for s, _, _ in _shown("Ambassador Ann Roe said the talks would go on. She "
                                    "stopped short of saying the government was ready to "
                                    "impose a no-fly zone.")] == ["Ann Roe"]
    # ... while going on to say something is saying it
    assert [s for s, _, _ in _shown("Ivo Dane went on to say that the talks failed.")] == [
        "Ivo Dane"]


@pytest.mark.parametrize("text, speakers", [
    # the writer's guess at a saying
    ("Governor Tom Okafor may still emerge as a winner. His handling of the flood has made him "
     "look competent. But since the state must rely on federal money, Okafor is in a dilemma "
     "he can't control. Okafor may claim he energized Washington, but winning big in his state "
     "may make him less attractive nationally.", []),
    # half of a hyphenated word speaks for no one
    ("There are those who say that the network is anti-American, say that it is biased.", []),
])
def test_guesses_questions_and_word_halves_are_no_speakers(text, speakers):
    assert [s for s, _, _ in _shown(text)] == speakers


def test_an_aim_or_a_removal_from_office_is_no_statement():
    # a belief verb with an infinitive is an aim, an act to come
    assert _shown("Senator Ann Roe plans to vote against the bill.") == []
    assert _shown("In theory, the plan sounds awe-inspiring, like a myth made possible with "
                  "money: To keep out the flood, the state wants to make new land rise from "
                  "the sea.") == []
    # ... while a belief in a clause is held, and shown for a named holder
    assert [s for s, _, _ in _shown("Senator Ann Roe is confident that the bill will pass.")] \
        == ["Ann Roe"]
    # "dismissed his government" removed it from office
    text = ("President Ivo Dane said Tuesday he will step down in September. King Tom Hale "
            "dismissed his government in Tarsia as calls for reform swept across the region.")
    assert [s for s, _, _ in _shown(text)] == ["Ivo Dane"]
    assert [s for s, _, _ in _shown("Ann Roe dismissed suggestions that she would resign.")] \
        == ["Ann Roe"]


@pytest.mark.parametrize("text, speakers", [
    # what someone was urged or is expected to say has not been said
    ("Aides said an envoy sent by the president urged Ivo Dane to announce he would not run "
     "again.", ["Aides"]),
    ("Senator Ann Roe said she expects the commission to question other decisions that look "
     "irregular.", ["Ann Roe"]),
    # "called in the army" summoned it
    ("Crowds took to the streets five days ago and in four days President Ivo Dane called in "
     "the army.", []),
    # the subject of a passive verb of saying is the one spoken of
    ("Police targeted reporters. A reporter on Wednesday was arrested, beaten and accused of "
     "being a spy by men in plain clothes.", []),
    ("Mayor Ann Roe was arrested and said the charges were false.", ["Ann Roe"]),
])
def test_urged_expected_or_accused_is_not_saying(text, speakers):
    assert [s for s, _, _ in _shown(text)] == speakers


def test_the_question_put_to_someone_is_not_his_words():
    shown = _shown("Mr Hanna, the former ambassador, is the most senior politician to have "
                   "defected. The country is known to have a stockpile of chemical weapons. Asked "
                   "if he thought President Dane might use chemical weapons against the "
                   "opposition, Mr Hanna told the BBC's Ana Ruiz that he would not rule it out, "
                   "describing Mr Dane as \"a wounded wolf\".")
    assert "thought" not in [cue for _, cue, _ in shown]


@pytest.mark.parametrize("text, shown", [
    ("Lawmakers and residents began questioning whether the company will take full "
     "responsibility for the losses.", False),
    ("Authors Dan Ortiz and Ana Ruiz tell the morning show how their research can be applied "
     "to predicting the final.", False),
    # a statement whose subject is a "what" clause is one
    ("Mayor Dan Ortiz said what happened at the port was a tragedy for the town.", True),
])
def test_a_question_or_a_topic_in_the_writers_words_is_not_what_was_said(text, shown):
    assert bool(_shown(text)) is shown


def test_a_second_telling_joined_by_and_is_not_the_first_speakers():
    shown = _shown("Mayor Ann Roe said the bridge would reopen and officials said the road "
                   "would stay closed.")
    assert ("Ann Roe", "said", "the bridge would reopen") in shown
    # ... while "that" joins two things one speaker said
    # (a reader call-out run on after the report is no one's words either)
    assert _shown("Officials said the virus had spread to six states and you should tell us "
                  "about your trip to Mexico.") == [
        ("Officials", "said", "the virus had spread to six states")]
    shown = _shown("Mayor Ann Roe said the bridge would reopen and that the road would stay "
                   "closed.")
    assert shown == [("Ann Roe", "said",
                      "the bridge would reopen and that the road would stay closed")]


@pytest.mark.parametrize("text, content", [
    ('"The streets are empty," a resident told Reuters by telephone.',
     '"The streets are empty,"'),
    ("A resident, Ivo Lund, told Reuters by telephone the soldiers had joined the revolt.",
     "the soldiers had joined the revolt"),
    ("Mayor Ann Roe said in a statement that the bridge would reopen.",
     "the bridge would reopen"),
])
def test_how_the_words_were_told_is_not_part_of_them(text, content):
    assert [c for _, _, c in _shown(text)] == [content]


def test_a_quote_in_the_pages_head_is_not_shown():
    text = ("Acme boss says he was 'demonised' over flood Tom Hale says he has been vilified "
            "by the press Saturday 19 June 2010 13.47 BST The chief of Acme, Tom Hale, said the "
            "firm would pay for the damage.")
    assert [c for _, _, c in _shown(text)] == ["the firm would pay for the damage"]
    # (nor is a photo credit run into the dateline anyone who speaks)
    text = ("Acme boss Tom Hale says he was demonised over the flood Photograph: Jo Lee/Reuters "
            "PORTVILLE -- The chief of Acme, Tom Hale, said the firm would pay for the damage.")
    assert all("/" not in (speaker or "") for speaker, _, _ in _shown(text))


def test_words_whose_subject_is_a_fronted_what_are_withheld():
    # "what X said was an effort to ...": what the effort was is the writer's, outside
    assert _shown('The council lifted sanctions on two oil firms as part of what Ambassador '
                  'Tom Hale said was an effort to "help kick-start the economy".') == []


def test_words_of_a_head_run_into_the_lead_are_no_quote():
    shown = _shown('Portland calls meeting on ferry sunk by Karsa Karsa said it hit the ship in '
                   'its waters "according to the laws that govern such cases" Portland has '
                   'called a meeting of its allies to discuss the sinking of the ferry on '
                   'Friday. The foreign minister said the ferry was in open waters.')
    assert [s[1] for s in shown] == ["said"] and shown[0][2] == "the ferry was in open waters"


def test_a_speaker_in_the_page_head_given_the_leads_cue_is_withheld():
    # a caption run into the lead: the parse gives the lead's "told" to the caption's subject
    shown = _shown("Annan demands Karsa government begins ceasefire ' now ' Activists said at "
                   "least 20 people were killed in clashes across Karsa on Thursday Mr Hale's "
                   "spokesman, Ahmed Fawzi, told reporters: \"The deadline is now .\" The "
                   "peace plan, which the government accepted on Tuesday, calls for a "
                   "UN-supervised cessation of armed violence.")
    assert not any(speaker == "Activists" for speaker, _, _ in shown)


@pytest.mark.parametrize("text", [
    # someone's words leaned on in passing
    "The council means to rule the harbour for the next decade, as the author Ann Roe says. "
    "Ann Roe said on Monday that the harbour would close.",
    # the outlet's own reporters, no source
    "Reuters reporters near both towns said rockets had been fired at the port. Ann Roe said "
    "on Monday that the harbour would close.",
])
def test_only_the_source_s_statement_is_shown(text):
    assert [(name, cue) for name, cue, _ in _shown(text)] == [("Ann Roe", "said")]


def test_a_participle_hung_on_the_cue_is_not_the_speaker_s_words():
    shown = _shown('Fighters left Nol on Friday. "Men are coming from Nol, from Karsa, from '
                   'Portville, it is a mix," harbour guard Tom Hale told Reuters as he ran out '
                   "of the town with a Kalashnikov assault rifle slung over each of his "
                   "shoulders.")
    assert [content for _, _, content in shown] == [
        '"Men are coming from Nol, from Karsa, from Portville, it is a mix,"']


def test_unquoted_words_in_another_sentence_naming_the_speaker_are_not_theirs():
    shown = _shown("The port of Nol fell silent on Monday. We should follow the advice of the "
                   "former envoy to Karsa, Sir Tom Hale. Only in this way, argues Hale, can the "
                   "council take a considered view. We need to be clear that our councillors "
                   "have no mandate to close the port.")
    assert shown and all("advice" not in content for _, _, content in shown)


def test_the_writer_s_reading_after_a_dash_is_not_the_speaker_s():
    shown = _shown("Fighting went on in Nol on Sunday. Doctors said four fighters had been "
                   "killed in friendly fire -- testament to the chaotic conduct of the forces.")
    assert [content for _, _, content in shown] == [
        "four fighters had been killed in friendly fire"]


def test_a_relative_clause_on_a_thing_told_is_not_what_was_said():
    # what the story is, not what the reporters said
    shown = _shown("The Karsa channel has angered the council for years. Its reporters have "
                   "told a story that the council either disputes or would rather keep quiet.")
    assert shown == []


def test_the_writer_s_note_on_a_name_at_the_end_of_the_words_is_cut():
    shown = _shown("A second tremor struck near Portville, which was badly damaged by the "
                   "first quake, the Karsa Survey said on Monday.")
    assert [content for _, _, content in shown] == ["A second tremor struck near Portville"]


def test_the_role_after_an_opening_according_to_is_not_the_words():
    shown = _shown("Rescuers worked through the night in Nol. According to Ann Roe, the Karsa "
                   "spokeswoman, 132 people have been rescued since the quake.")
    assert [(name, content) for name, _, content in shown] == [
        ("Ann Roe", "132 people have been rescued since the quake")]


def test_a_headline_line_s_quote_is_not_shown():
    shown = _shown('Nol Talks soon to conclude in Karsa; UN "concerned by the pace of things"\n\n'
                   "Thursday, December 13, 2007\n\nThe talks in Nol will end on Friday, Ann "
                   "Roe, the council's head, said on Thursday.")
    assert [(name, cue) for name, cue, _ in shown] == [("Ann Roe", "said")]


def test_words_the_parse_left_out_between_two_parts_withhold_the_quote():
    shown = _shown("Karsa restated the position it took in the first week, calling for 2010 "
                   'as target year for the so called "Nol Roadmap".')
    assert shown == []


def test_what_another_named_party_also_did_is_not_the_speaker_s():
    shown = _shown("Talks went on in Nol on Monday. Karsa says its proposal is merely an "
                   "attempt to get the talks started, and council chief Ann Roe has also "
                   "sought to play down any differences.")
    assert [content for _, _, content in shown] == [
        "its proposal is merely an attempt to get the talks started"]


def test_the_writer_s_description_of_a_named_body_is_cut():
    shown = _shown("Talks went on in Nol on Monday. Tom Hale says the plan is needed to fill "
                   "gaps in the current Nol Protocol, an international agreement to limit "
                   "emissions which does not cover forests.")
    assert [content for _, _, content in shown] == [
        "the plan is needed to fill gaps in the current Nol Protocol"]


def test_a_title_cased_headline_is_not_a_report_of_words():
    shown = _shown("Ann Roe Says She Has Already Started Writing Her Inaugural Address.\n\n"
                   "Ann Roe spoke in Nol on Monday.")
    assert shown == []


def test_a_book_s_title_is_not_the_speaker_s_words():
    shown = _shown("Ann Roe spoke about the port on Monday, as recalled by Tom Hale in Jo Lee's "
                   'book "Backfire: Ann Roe\'s High-Stakes Battle for the Soul of the Karsa Port '
                   'Company." She moved around the table.')
    assert shown == []


def test_what_one_could_say_is_nobody_s_statement():
    assert _shown("The notion is nebulous. One could say the port of Karsa is failing its "
                  "workers.") == []


def test_what_happened_after_a_quotation_s_cue_is_the_writer_s():
    shown = _shown('The women met a group of boys near the port. "Follow us," Ann Roe said, and '
                   "the boys, intrigued, trailed behind, en route to the plaza.")
    assert [content for _, _, content in shown] == ['"Follow us,"']


def test_what_went_on_meanwhile_after_a_dash_is_the_writer_s():
    shown = _shown("Ann Roe is pledging to take her campaign to the convention floor -- even as "
                   "Tom Hale closed in on the delegates needed.")
    assert [content for _, _, content in shown] == [
        "to take her campaign to the convention floor"]


def test_a_price_charged_is_no_accusation():
    shown = _shown("In 2009, the Nol Country Club, a private course in Karsa, charged a $100,000 "
                   'initiation fee for what it called "the full package."')
    assert all(cue != "charged" for _, cue, _ in shown)


def test_words_that_go_on_past_a_colon_are_withheld():
    shown = _shown("According to Karsa Television, the ties between Nol and Karsa became "
                   "strained, especially in such sporting events as:\n\n* The Nol Cup in April.")
    assert shown == []


def test_words_passed_on_second_hand_are_not_shown_as_said():
    shown = _shown("Ann Roe spoke at a rally in Nol on Saturday. When asked whether the port "
                   'would close, Tom Hale reportedly said, "You tell me," before he left.')
    assert all(name != "Tom Hale" for name, _, _ in shown)


@pytest.mark.parametrize("text, content", [
    # the writer's link to the sentence before is not the speaker's word
    ('Nothing changed in Nol. Yet the port is also a "change agent," Tom Hale said.',
     'the port is also a "change agent,"'),
    ("Fees rose in Nol. However, slower growth is being offset by faster growth in Karsa, the "
     "Karsa Fund said.", "slower growth is being offset by faster growth in Karsa"),
    # ... but "However" before an adjective is no connective
    ("Fees rose in Nol. However laudable the goal, using the ferry tax is a misguided approach, "
     "Tom Hale said.", "However laudable the goal, using the ferry tax is a misguided approach"),
])
def test_a_connective_opening_reported_words_is_the_writer_s(text, content):
    assert [c for _, _, c in _shown(text)] == [content]


def test_words_cut_inside_a_bracket_are_withheld():
    shown = _shown("Hetwell said he remembers celebrating with the Kennedy and Jo Dodd (D-Conn.) "
                   "the night the final conference report was filed.")
    assert all("(D-Conn" not in content for _, _, content in shown)


def test_quoted_words_that_leave_their_subject_to_the_writer_are_withheld():
    # the writer's "Nothing" reverses the quoted words; a sentence of the speaker's own
    # ("Don't ...") needs no subject
    text = ('Sen. Ana Ruiz spoke after the address. Nothing the president said "will assuage '
            'people\'s fears," the Florida senator said. "Don\'t screw this up!" Ruiz told '
            'the crowd.')
    shown = _shown(text)
    assert not any("assuage" in content for _, _, content in shown)
    assert any("screw this up" in content for _, _, content in shown)


def test_the_writers_reading_after_a_comma_is_no_part_of_what_was_said():
    shown = _shown("On Thursday, Senator Ana Ruiz told reporters that she would not seek a "
                   "recount, conceding the race to her rival.")
    assert [content for _, _, content in shown] == ["she would not seek a recount"]


def test_words_outside_a_relative_clause_cue_are_not_its_subjects():
    shown = _shown("The bill did something Republicans wanted: It allowed veterans to go outside "
                   "the official hospital system to get care.")
    assert not any("allowed veterans" in content for _, _, content in shown)


def test_nor_did_he_say_is_no_statement():
    shown = _shown("Bob Dale spoke to the panel. Nor, he said, did he say anything that could "
                   "be \"interpreted as equivalent\" to an order to stand down.")
    # what he said is that he did not say it ("Nor / did he say ..."), never "anything that ..."
    assert not any(content.startswith("anything") for _, _, content in shown), shown


def test_the_one_an_outlet_quotes_without_as_speaks():
    shown = _shown("Then Abu Karim, said to be the group's spokesman, dispatched his own "
                   "update. \u201cPerhaps you suspected that the movement ended with the death "
                   "of its leader,\u201d the Jerusalem Post quoted him saying. \u201cI assure "
                   "the nation that the leader is well.\u201d")
    assert [who for who, _, _ in shown] == ["Abu Karim"]
    assert "him saying" not in shown[0][2]


def test_the_writers_words_after_a_quotation_its_cue_introduced_are_cut():
    shown = _shown("Ann Lee has drawn criticism online. Lee posted \u201cPain is temporary, "
                   "glory is forever\u201d from her Facebook page. An hour earlier she wrote: "
                   "\u201cDon\u2019t be afraid to be different\u201d and also posted a photo "
                   "of her dog.")
    contents = [content for _, _, content in shown]
    assert "\u201cPain is temporary, glory is forever\u201d" in contents, shown
    assert not any("posted a photo" in c or c.endswith("and also") for c in contents), shown
    # words going on after a quoted phrase inside reported speech stay
    shown = _shown("Lord Hale said Obama shows \u201cgreat charm\u201d and exhibits a fondness "
                   "for the country.")
    assert any("fondness" in content for _, _, content in shown), shown


def test_the_title_of_a_show_is_no_part_of_the_words():
    shown = _shown("\"Well I am crazy,\" Ann Lee told the \"The News Junkie\" show last week. "
                   "\"Crazy people don't know they are crazy.\"")
    assert shown and not any("News Junkie" in content for _, _, content in shown), shown


def test_a_captions_label_and_words_are_no_ones_statement():
    text = ("Major Mariam Al Mansouri flew the mission over Syria, officials said.\n\n"
            "The group's original name was the Islamic State of Iraq and the Levant, or Isil.\n\n"
            "Courageous: Major Mansouri, from Abu Dhabi, made a remarkable rise through the ranks "
            "of the air force. She's pictured here in an F-16 jet\n\n"
            "Major Al Mansouri's jet was one of several from a group of nations.")
    assert not any("remarkable rise" in content for _, _, content in _shown(text))


def test_the_writers_note_of_a_dispute_after_though_is_no_part_of_the_claim():
    text = ("The mission commander, General Ann Roe, said that security forces had also stopped "
            "shooting at demonstrators, though activists dispute that.")
    assert [c for _, _, c in _shown(text)] == [
        "security forces had also stopped shooting at demonstrators"]
