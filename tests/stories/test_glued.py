"""A headline or caption run into the next sentence with no full stop (``stories.glued``)."""
import pytest

from newsweave.nlp.spacy_stage import load_nlp
from newsweave.stories.glued import head_end, looks_glued, side_by_side_start


def _glued(text: str) -> bool:
    doc = load_nlp()(text)
    first = next(iter(doc.sents))
    return looks_glued(doc, first.start_char, first.end_char)


@pytest.mark.parametrize("text", [
    "Acme says the pump test was successful Acme pumped mud into the well for eight hours.",
    "Port workers strike: dockers face pay loss Acme will book a $10bn charge against costs.",
    "Greenpeace said it wanted the firm to adopt greener policies BP filling stations across "
    "London have been shut down by protesters.",
    "Rigco is the world's largest offshore drilling contractor Offshore drilling firm Rigco has "
    "lost a contract in Brazil.",
    # a video's caption run into the lead, whose verb the parser hung on the caption's noun
    "Our reporter says it may take days to complete the operation Underwater robots have begun "
    "removing the cap from the leaking well.",
])
def test_a_head_run_into_the_lead_is_told(text):
    assert _glued(text)


@pytest.mark.parametrize("text", [
    # a title or a role before a name, an attributive adjective, a clause after a verb
    "Former Labor secretary Robert Reich wants to place the company in receivership.",
    "Passengers are in isolation, the state news agency Xinhua reported on Sunday morning.",
    "U.S. President Barack Obama spoke with embattled Egyptian President Hosni Mubarak by phone.",
    "Administration officials insist Acme will be held responsible for the spill anyway.",
    # an adverbial before the subject, not a head
    "Last week President Obama said the government would pay for the clean-up.",
    # a relative clause without its "that"
    "It was cementing the well shut until the day Acme was ready to begin extracting oil.",
    "Investigators traced the money Saddam Hussein obtained from the oil sales to a bank.",
])
def test_a_sentence_that_runs_on_is_not_glued(text):
    assert not _glued(text)


@pytest.mark.parametrize("text, glued", [
    # a caption run into the lead: one report before the speaker with no comma, one after
    ("Booms are being used against the oil off Louisiana Interior Secretary Ken Salazar said "
     "the company had missed deadline after deadline in its efforts to seal the well.", True),
    # a caption that reports the speech the lead reports again
    ("Ann Roe said no country should hesitate to condemn the violence in Portland Ann Roe said "
     "that the campaign of violence had shocked the conscience of the world.", True),
    ("The plan will fail, he said, and costs will rise.", False),
    ("The knee was examined over the weekend and coach Sean Payton said at practice on "
     "Wednesday that the team decided to put Bush on injured reserve.", False),
])
def test_two_reports_of_one_verb_side_by_side_are_glued(text, glued):
    assert _glued(text) is glued


@pytest.mark.parametrize("text, resumes", [
    # a caption with no full stop, then the lead: the parser joins the two clauses with
    # nothing between them
    ("Russia is one of the regime's last remaining allies Russia has said Syria should not be "
     "given any more deadlines, a day after the West called for action.", "Russia has said"),
    ("China is among the government's few remaining friends China has said Syria must not "
     "face any more threats from the West this week.", "China has said"),
    ("Anti-government rallies were held across Velia after Friday's prayers The Arab League "
     "has sent an urgent message to the government in Velia.", "The Arab League"),
    # joined with a conjunction, an adverb or a comma: one sentence
    ("The company said profits rose and the shares jumped ten percent on Monday.", None),
    ("They may fight on and indeed Karl Vog may actually be there with his guards.", None),
    ("The plan failed, the shares fell and the board resigned on Monday morning.", None),
    # a cleft's relative clause without its "that"
    ("It was an argument Mr Libby, a former lawyer himself, took a lead role in assembling.",
     None),
    # ... and a verb missing its object after a noun
    ("Now the focus of dealing with Karsa has become working out what sort of nuclear devices "
     "North Korea might possess and how it could deliver them.", None),
])
def test_two_clauses_side_by_side_read_from_the_second(text, resumes):
    _reads_from(side_by_side_start, text, resumes)
    if resumes is not None:
        assert _glued(text)


def _reads_from(cut, text: str, resumes: str | None) -> None:
    """The first sentence of ``text``, cut by ``cut``, reads from ``resumes`` (or is not cut)."""
    doc = load_nlp()(text)
    first = next(iter(doc.sents))
    start = cut(doc, first.start_char, first.end_char)
    if resumes is None:
        assert start == first.start_char
    else:
        assert text[start:].startswith(resumes)


@pytest.mark.parametrize("text, glued", [
    # an object, then a report with no "that" and no comma: a caption run into the lead
    ('Activists have reported new army attacks on parts of Hama Syria has "firmly rejected" '
     'a League plan calling for a joint peacekeeping mission.', True),
    ("After her death in a bomb attack last weekend, our reporter mourns his friend It was "
     "Christmas in the capital and the snow was falling.", True),
    # verbs that take the person told, then what they were told
    ("He told reporters the army had withdrawn from the town overnight.", False),
    ("On Tuesday Rustland warned Velia's leadership it was making a lot of mistakes.", False),
    ("Kent Wells told the hearing it would take two or three days to determine the effect.",
     False),
])
def test_an_object_then_a_report_is_glued(text, glued):
    assert _glued(text) is glued


@pytest.mark.parametrize("text, resumes", [
    # a headline, then a caption, run into a page's lead
    ("Acme sells oil field stakes to Borel Acme faces paying out billions of dollars to the "
     "victims of the spill Acme has said it will sell its interests in four oil fields to "
     "Borel of Japan.", "Acme has said"),
    # ... a caption's quotation closed on a word, then the lead
    ('Portland calls meeting on ferry sunk by Karsa Karsa said it hit the ship in its waters '
     '"according to the laws that govern such cases" Portland has called a meeting of its '
     'allies to discuss the sinking of the ferry on Friday.', "Portland has called"),
    # ... a gerund used as a noun, a month ending a time phrase, a possessive before "The"
    ("The Portville district has endured weeks of daily shelling A United Nations panel has "
     "delivered a list of officials who could be investigated.", "A United Nations panel"),
    ("Sanctions halve Karsa's foreign currency reserves The European Union expanded its "
     "sanctions to target Karsa's central bank in February French Foreign Minister Ann Roe has "
     "said that the sanctions have halved the reserves.", "French Foreign Minister"),
    ("History will judge Tom Hale as a defender of his ally's agenda above Britain's The prime "
     "minister's role has been to find excuses for his ally.", "The prime minister's role"),
    # ... a place ending a phrase, then another name beginning
    ("The envoy visited a camp for refugees in Ankara US Secretary of State John Kerry has said "
     "a new group will be set up to plan a response.", "US Secretary of State"),
    # a gerund with its object, a title after a possessive: no cut
    ("Governments are trying to walk a fine line between supporting Egypt's president and "
     "supporting protesters, officials said on Monday.", None),
    # a relative clause without its "that", read down its infinitive: no cut
    ("The court will decide how many billions of dollars of fines Acme will have to pay under "
     "the Clean Water Act.", None),
    # a lead that reports someone's words, its teller after them
    ("Karsa troops shell Portville and other towns Portville has been under almost continuous "
     "attack since the truce began last Thursday Karsa security forces are carrying out deadly "
     "attacks on the old town, activists say.", "Karsa security forces"),
    # ... but not a name after its kind, nor words in a relative clause without its "that"
    ("The pirates were trying to board the ferry around noon today, when the destroyer INS "
     "Mysore intervened and repulsed the attack, a navy spokesman said.", None),
    ("Technically, Karsa could do the same thing Portville did to block the harbour road, Ann "
     "Roe said.", None),
    # ... nor a noun phrase begun before the name ("his three-year Karsa adventure")
    ("When the council and the port begin to pull out staff from Nol next year, as they hope, "
     "Tom Hale will do everything he can to ensure his three-year Karsa adventure is not "
     "portrayed as a total failure.", None),
])
def test_a_page_head_run_into_the_lead_is_cut_at_the_lead(text, resumes):
    _reads_from(head_end, text, resumes)


def test_an_article_after_a_standfirst_s_credit_begins_the_report():
    # "..., says Tom Hale The engineers at Nol broke and ran.": built by hand, as the parse of
    # such a run-on varies with the words around it
    from spacy.tokens import Doc

    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.stories.glued import _credit_ends

    words = ["Nol", "fell", ",", "says", "Tom", "Hale", "The", "engineers", "broke", "."]
    heads = [1, 8, 3, 8, 5, 3, 7, 8, 8, 8]
    deps = ["nsubj", "ccomp", "punct", "parataxis", "compound", "nsubj", "det", "nsubj", "ROOT",
            "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "VERB", "PROPN", "PROPN", "DET", "NOUN", "VERB", "PUNCT"]
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert [t.text for t in doc if _credit_ends(t)] == ["The"]
    # ... not an article after a name that is no credit ("Tom Hale The ..." as an object)
    deps[3] = "ROOT"
    heads[5] = 1
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert not any(_credit_ends(t) for t in doc)
