"""Who is the speaker: the mention at the cue (the span attribution corpora score), what it
denotes, and the person or organisation it names. Tables of cases, negatives beside positives.

Every sentence here is written for this test (no corpus text). All cases load the spaCy model.
"""
from __future__ import annotations

import pytest

from newsweave.config import load_config
from newsweave.model import Article
from newsweave.nlp import quote_rules as rules
from newsweave.nlp.speaker_kind import kind_of
from newsweave.nlp.spacy_stage import load_nlp
from newsweave.pipeline import run_article_stages

pytestmark = pytest.mark.slow

# ----------------------------------------------------------------------------- the span
SPANS = [
    # (text, cue, speaker span the candidate gets; None = no speaker); a preposition that
    # introduces the content belongs to the cue ("accused of", "warned against")
    # passives: the subject is talked about, only an agent speaks
    ("The mayor was accused of hiding the report from the council.", "accused of", None),
    ("Asked about the fire, the mayor said the building had been inspected.", "Asked about", None),
    ("Asked about the fire, the mayor said the building had been inspected.", "said", "the mayor"),
    # "Asked whether ..., X said": the one asked answers, no one asking is named
    ("Asked whether she would run again, Senator Ruiz said she had not decided.", "Asked",
     None),
    ("Asked whether she would run again, Senator Ruiz said she had not decided.", "said",
     "Senator Ruiz"),
    ("The reporter asked whether the mayor would resign.", "asked", "The reporter"),
    ("The mayor was arrested and charged with taking bribes.", "charged with", None),
    ("The plan was criticized by the opposition leader.", "criticized by",
     "the opposition leader"),
    # "'s said" over a reported clause is "has said", except "it's said"
    ("He's said he would stay in the race until the end.", "said", "He"),
    ("It's said that the castle is haunted.", "said", None),
    # ... but a passive of feeling has its subject as the source
    ("Residents were angered that the council had closed the library.", "angered", "Residents"),
    # a verb hung on the reported clause belongs to the reporter
    ("The minister said he had doubts about the plan, adding that it would fail.", "adding",
     "The minister"),
    ("The mayor said she would review the budget and warned against deep cuts.", "warned against",
     "The mayor"),
    # a participle after "X said," and after a name
    ('"We will appeal," the coach said, going on to say that the referee had erred.', "say",
     "the coach"),
    ('The ad shows a clip of Maria Lopez saying, "We will not raise taxes this year."', "saying",
     "Maria Lopez"),
    ("He refused to discuss the case, apart from saying that he was innocent.", "saying", "He"),
    # object control
    ("The panel pressed the banker to admit that the fees had been too high.", "admit",
     "the banker"),
    # an occasion does not speak; the one who spoke at it does
    ("She spoke at a briefing announcing that the department would sue the company.",
     "announcing", "She"),
    # inversion
    ('Said Dr. Okafor: "The results are very encouraging for patients."', "Said", "Dr. Okafor"),
    ('"The results are encouraging," said Ada Okafor, half joking.', "said", "Ada Okafor"),
    # datelines are not speakers, acronyms are
    ("PARIS (AP) -- The minister said the talks would resume on Monday.", "said", "The minister"),
    ("The IMF said the economy would grow by two percent.", "said", "The IMF"),
    # raising verbs are the writer's impression: no speaker, even over a verb of speech
    ("The senator appeared to suggest that the tariffs would be lifted soon.", "appeared",
     None),
    ("The striker seemed to think that the referee had been bribed.", "seemed", None),
    ("Several economists who studied the plan warned that it would raise prices.", "warned",
     "Several economists"),
    ("Several economists warned that the plan, which raises taxes, would hurt growth.",
     "warned", "Several economists"),
    # an inverted cue after a quote: the plain noun phrase after it speaks
    ('"The budget is balanced," read the statement.', "read", "the statement"),
    ('"We need a new plan," tweeted another.', "tweeted", "another"),
    ('"We will win," added a party veteran from the north.', "added", "a party veteran"),
    ('"We will win," recalling the night she was elected.', "recalling", None),
    # a participle hung on a quoted clause belongs to the reporter outside the quote
    ('The senator insisted that she had "changed the debate," claiming that turnout had '
     'doubled.', "claiming", "The senator"),
    # a preposition on a noun: the subject of that noun's verb speaks
    ("The mayor has a long history of blaming the unions for the strikes.", "blaming",
     "The mayor"),
    ("The governor took the unusual step of criticizing the court in public.", "criticizing",
     "The governor"),
    ("It seems that the plan has failed.", "seems", None),
    # a message is no messenger
    ("Speculation grew that the chancellor would resign before the summer.", "grew", None),
    # the author of a speech given "according to"
    ("According to a speech the governor gave in May, the bridge was unsafe.", "According to",
     "the governor"),
]


@pytest.mark.parametrize("text, cue, speaker", SPANS)
def test_speaker_span(text, cue, speaker):
    doc = load_nlp()(text)
    found = [c for c in rules.candidates(doc) if text[c.cue[0]:c.cue[1]] == cue]
    assert found, [text[c.cue[0]:c.cue[1]] for c in rules.candidates(doc)]
    got = found[0].source
    assert (text[got[0]:got[1]] if got else None) == speaker


# ----------------------------------------------------------------------------- what it is
KINDS = [
    # (text, mention, kind)
    ("Maria Lopez said the vote was fair.", "Maria Lopez", "person"),
    ("The Kremlin said the talks were over.", "The Kremlin", "organisation"),
    ("The ministry said the talks were over.", "The ministry", "organisation"),
    ("The spokesman said the talks had stalled.", "The spokesman", "people"),
    ("Officials said the road was closed.", "Officials", "people"),
    ("A NATO official said there were no plans.", "A NATO official", "people"),
    ("She said the road was closed.", "She", "pronoun"),
    # negatives: nothing that speaks in its own name
    ("The report said the river had flooded.", "The report", "document"),
    ("The ad said the senator had lied.", "The ad", "document"),
    ("The union, which represents nurses, backed the strike.", "which", "relative"),
    ("The second time the council met, it said no.", "The second time", "other"),
]


@pytest.mark.parametrize("text, mention, kind", KINDS)
def test_kind_of(text, mention, kind):
    doc = load_nlp()(text)
    start = text.index(mention)
    span = doc.char_span(start, start + len(mention))
    assert kind_of(span) == kind


# ----------------------------------------------------------------------------- the name
CONFIG = load_config(pipeline={"article_stages": ["spacy@1", "quotes@1"], "story_stages": []})

NAMES = [
    # (text, content key, speaker name, speaker type)
    # junk speakers get no name: a document, a pronoun for a thing, a plain noun
    ("The report said the river had flooded twice this year.", "river had flooded", None, None),
    ("It said the shipment had arrived on Monday.", "shipment had arrived", None, None),
    ("Critics say the plan will cost too much.", "cost too much", None, None),
    # ... but a document with a named author speaks for it
    ("A Reuters report said the deal was close.", "deal was close", "Reuters", "organisation"),
    ("According to a report by Amnesty International, the prisoners were mistreated.",
     "prisoners were mistreated", "Amnesty International", "organisation"),
    # a full name in apposition to a role names a person, even one NER missed
    ("The prices would rise again in the spring, the agency's deputy head, Keiji Fukuda, said. "
     "Fukuda told reporters that the shops should prepare.", "shops should prepare",
     "Keiji Fukuda", "person"),
    # a name inside the previous speaker's quotation is not who "he" is next
    ('Team manager Marc Biver declared: "Tom Vino denies any blood manipulation. He says there '
     'may be anomalies." He added that his team was in shock after the events.',
     "team was in shock", "Marc Biver", "person"),
    # a dateline is not the speaker; the one after the dash is
    ("Meadow Lake, Saskatchewan \u2013 The municipal council of a small town said it had "
     "accidentally donated $10,000 to the Red Cross.", "accidentally donated",
     "municipal council of a small town", "organisation"),
    # a preposition inside an organisation's name is part of it
    ("The Campaign for Fair Elections, an advocacy group, said the donations were troubling.",
     "donations were troubling", "Campaign for Fair Elections", "organisation"),
    # a relative pronoun stands for the noun before it
    ("Nurses at the hospital backed the union, which said the strike would go on.",
     "strike would go on", "union", "organisation"),
    # the mention's own head, not another name inside it
    ("Tom Okafor, a Lopez ally, said the vote would be close.", "vote would be close",
     "Tom Okafor", "person"),
    ("Maria Lopez won the primary. Lopez supporters said the vote had been fair.",
     "vote had been fair", None, None),
    # ... but an apposition to a role names the same person
    ("The paper's editor, Anna Berg, said the story was accurate.", "story was accurate",
     "Anna Berg", "person"),
    # two people of one surname: "Okafor" is the one just named, not the first of the article
    ("Ada Okafor, a teacher, spoke at the rally in March about the school budget and the new "
     "buses. The rally drew a large crowd and lasted for several hours into the evening, with "
     "music and speeches from many local groups. Health Minister Tom Okafor said on Monday "
     "that the clinics would stay open. Okafor added that the budget had been approved.",
     "budget had been approved", "Tom Okafor", "person"),
    # ... but not one named only in a list beside the one the story is about
    ("Tom Okafor opened the new clinic in the town on Friday. Okafor has said that the town "
     "needs more doctors. The mayor had cast the visit by the minister, Ada Okafor and "
     "their son Ben as a family trip. \"The clinic will stay open ,\" Okafor told reporters.",
     "clinic will stay open", "Tom Okafor", "person"),
    ("Tom Okafor opened the new clinic in the town on Friday. The mayor had cast the visit by "
     "the minister, Ada Okafor and their son Ben as a family trip. \"The clinic will stay "
     "open ,\" Okafor told reporters.", "clinic will stay open", "Tom Okafor", "person"),
    # an indefinite role is someone new, not the person named next ("The" inside the
    # prepositional phrase does not make "A spokesperson" definite)
    ("A spokesperson for The Orange County Superior Court confirmed to reporters that a judge "
     "signed an order yesterday allowing the transfer. Her attorney, Ana Holt, spoke about the "
     "move. \u201cShe is grateful for the care she received.\u201d",
     "judge signed an order", None, "person"),
    # "she" is not the man just named when her words speak of him as "he"
    ('"He was incredibly bright," said Nora Hale, a longtime family friend. She said Tom Reed '
     "and his wife grew up as neighbours on the island. She said he travelled to China for a "
     "while, where he studied Mandarin.", "travelled to China", "Nora Hale", "person"),
    # "he" is not a woman the article calls "Ms." or "actress": the man named before her
    ("Coach Dan Ebert spoke to the team on Friday. The actress Lena Moor was at the game. "
     "He said the team would play better next week.", "play better", "Dan Ebert", "person"),
    ("Officer Paul Grant arrested the driver. Ms. Vance left the court. He said the driver had "
     "been speeding.", "been speeding", "Paul Grant", "person"),
    # ... even when a sentence that names only her goes on about a man as "he"
    ("Officer Paul Grant arrested the driver. Ms. Vance left the court, hours after the judge "
     "gave his ruling. He said the driver had been speeding.", "been speeding", "Paul Grant",
     "person"),
    # a name the recogniser missed, subject of the pronoun's own sentence, is who "he" is:
    # nobody named rather than the writer named before
    ("Few expect to see change, writes Dan Ebert. Mamduh Shawqi sees the whole process as a "
     'play: "The candidates are all chosen by the current system," he writes.',
     "candidates are all chosen", None, None),
    # a place the recogniser takes for a person, named only inside the quotation, is not who
    # "he" is
    ('On Wednesday, a member of the opposition council, Dan Ebert, said they would set up a '
     'base in the city. "Nothing will stand in our way. Hama, Homs to the outskirts of Damascus '
     'have in large part been freed," he said.', "outskirts of Damascus", "Dan Ebert",
     "person"),
    # ... and when the article names nobody who fits, "he" names nobody
    ("The actress Lena Moor checked into a clinic on Tuesday. He said she was doing well.",
     "doing well", None, None),
    # "she" skips a man the article refers to as "he" for the woman before him
    ("Lena Moor arrived at the court early. Dan Ebert said he would testify. She said the "
     "hearing was unfair.", "hearing was unfair", "Lena Moor", "person"),
    # a ship NER tags as a person is not who "he" is, with or without a prefix
    ("The navy said the Mysore had repelled the pirates. The Mysore then escorted the tanker "
     "to port, he said.", "escorted the tanker", None, None),
    # a ship NER tags as a person is not who "he" is: the unnamed spokesperson is
    ("A navy spokesperson said the warship INS Talwar had answered the call. The pirates had "
     "fired at the cargo ship MV Orla, he said.", "pirates had fired", None, "person"),
    # "I" outside quotation marks is the writer, not the person named last ...
    ("Senator Dan Ebert spoke for an hour. I said the speech was far too long.",
     "speech was far too long", None, None),
    # ... inside them, the one quoted
    ('"I said the speech was far too long," Senator Dan Ebert told reporters.',
     "speech was far too long", "Dan Ebert", "person"),
    # a woman introduced without a name between a man and "she" is who "she" is
    ("Dan Ebert left the hall early. A woman in the crowd shouted at the stage. She said the "
     "vote had been rigged.", "vote had been rigged", None, None),
    # a title's abbreviation ends no sentence: the speaker is the name after it
    ('"This is the kind of crime the law was made for," said Dist. Atty. Steve Cooley. '
     "The hearing ended.", "kind of crime", "Steve Cooley", "person"),
    # a relative or a friend who speaks between a name and "she said" is who "she" is:
    # nobody named
    ("Mara Lind was found dead at her home on Saturday. Her brother has been charged. The "
     "relative said he had asked for help for weeks. She said he had told doctors he feared "
     "he would hurt someone.", "told doctors", None, None),
    ("Mara Lind studied in Cardiff. 'She was a happy girl,' said the friend. She recalled "
     "meeting Mara's mother on Friday.", "meeting Mara", None, None),
    ("Mara Lind was found dead. According to a relative, her son had been ill for years. "
     "'He has had a dark past,' she said.", "dark past", None, None),
    # ... and so is a friend who takes the stand and talks
    ("Dan Ebert, 16, is on trial. Ebert's best friend took the stand and talked about the "
     "gun. He said the gun was nicknamed Shaq.", "nicknamed Shaq", None, None),
    # a person the reported words name is not who "he" is
    ("Dan Ebert, 16, is on trial for the shooting. On the stand, he told jurors that Ebert "
     "had asked him to lie to the police.", "asked him to lie", None, None),
    # ... but one only mentioned, saying nothing, leaves "she" to the name
    ("Lena Moor spoke at the rally. The neighbour was at home. She said the vote had been "
     "rigged.", "vote had been rigged", "Lena Moor", "person"),
    # ... but a woman named and then described is still herself
    ("Lena Moor spoke at the rally. The former first lady waved to the crowd. She said the "
     "vote had been rigged.", "vote had been rigged", "Lena Moor", "person"),
    # a paragraph that opens on a name is its own sentence: the name is not the subject of
    # the paragraph before, and "said" does not fall back to the adjective "Egyptian"
    ('Dan Ebert, head of the port authority, said: "The ships have left."\n'
     'Rafi Hanna, from the Egyptian ministry, said: "We are working as fast as we can."',
     "working as fast", "Rafi Hanna", "person"),
    # "quoted X as saying": X speaks, not the agency that relays it
    ("Senator Dan Ebert toured the coast on Monday. The news agency quoted him as saying: "
     '"There is still a lot to see here."', "a lot to see", "Dan Ebert", "person"),
    # initials open a person's name, not an acronym's: "He added" follows P.J. Hale
    ('Senator Dan Ebert toured the coast on Friday. "The water is red," said P.J. Hale, a '
     'local official. He added: "It makes me want to cry."', "want to cry", "P.J. Hale",
     "person"),
    # the field of an office written before the name is not part of it
    ('"The old guard was wiped out," Professor of Law Maria Lopez said.',
     "guard was wiped out", "Maria Lopez", "person"),
    # an organisation's short name is the full name the article gave it before
    ("The Sydney Morning Herald reported that the town was hit. More than 30 homes were "
     "damaged, according to the Herald.", "30 homes", "Sydney Morning Herald", "organisation"),
    # "the company" is the organisation named just before it ...
    ("Acme Oil said it was collecting oil through the cap. The admiral said the effort could "
     "not be expanded. The company said it plans to replace the cap next month.",
     "replace the cap", "Acme Oil", "organisation"),
    # several organisations named before: the one a sentence is about
    ("A picture by Getty Images. Acme Petroleum Corp could suspend its dividend, the oil giant "
     "has confirmed. The company said its board would meet on Monday.", "board would meet",
     "Acme Petroleum Corp", "organisation"),
    # a given name written out is the name, not a live blog's initial
    ("Tom Hale spoke at nine. T. Hale says the dome failed. T. Hale says they will try again. "
     "He said the cap would hold.", "cap would hold", "Tom Hale", "person"),
    # a lone initial is nobody's name
    ("Tom Hale spoke at nine. The line may fail, W says.", "line may fail", None, None),
    # a journalist of the credit line is not the one quoted by surname
    ('"We had to stand on the cold floor," said Ahmed, who would not give his last name. '
     'Ahmed said he was disappointed. The Daily Planet\'s Rafi Ahmed contributed to this '
     'report.', "was disappointed", "Ahmed", "person"),
    # ... and not one of two named there
    ("Acme Oil and Transocean met on Monday. The company said it plans to replace the cap.",
     "replace the cap", "company", "organisation"),
    # two people speaking together are neither one of them
    ('Producers Dan Ebert and Rafi Hanna chose the host. "He has style," Ebert and Hanna said '
     'in a joint statement.', "He has style", None, None),
    ('"He has style," said Dan Ebert and Rafi Hanna, the new producers.', "He has style",
     None, None),
    # a "he says" inside the words another is reported with, before that report's cue, is
    # someone that speaker speaks of ...
    ("Legal analyst Dan Ebert spoke on Monday. Because the Florida judge ruled that the "
     "mandate is unconstitutional, he says the whole law has to go out the window, Ebert said.",
     "go out the window", None, None),
    # ... while the speaker's own earlier words, reported after his cue, are his
    ("Dan Ebert spoke on Monday. Ebert said he told the court that the plan would fail.",
     "the plan would fail", "Dan Ebert", "person"),
    # the one told something is not who the next "he said" is: the teller is (unnamed)
    ("Dan Ebert spoke on Monday. A spokesman for the union told the station's Dan Ebert that "
     "the union would not take part. He said talks could start only after the strike.",
     "talks could start", None, "person"),
    ("Dan Ebert spoke to reporters on Monday. He said the plan would fail.",
     "plan would fail", "Dan Ebert", "person"),
    ("Rafi Hanna spoke on Monday. President Ivo Dane told ABC correspondent Rafi Hanna that he "
     "was troubled by the clashes. He says he cannot leave for fear of chaos.",
     "cannot leave", "Ivo Dane", "person"),
    # an unnamed role takes the name of a speaker named a few sentences on, not of a reporter
    # named in a later entry of a live page
    ("The toll has climbed to 896, the country's health minister told state media. Eight "
     "people have been killed, he said. Protesters beat drums in the square. Troops freed 18 "
     "journalists. The defence minister is on his way to the square. Shops stayed closed all "
     "day. Officials have closed the river bridge, Dan Ebert of the local radio reported.",
     "Eight people", None, "person"),
    # ... but one of them speaking about the other is himself
    ('Producers Dan Ebert and Rafi Hanna chose the host. Ebert said he and Hanna wanted a '
     'short show.', "wanted a short show", "Dan Ebert", "person"),
    # a person the quotation itself speaks of by name is not its speaker; nor is a woman the
    # article calls "Ms" its "he"
    ("Reporter Lena Moor is now in Dover, President Ivo Dane told a news conference. Ms Moor "
     'was hurt in the shelling last week. "I have just spoken to Lena Moor, who is very '
     'tired but happy to be free," he said.', "happy to be free", "Ivo Dane", "person"),
    # readers' comments under the report name no one ("Comrade Roe")
    ("Obama has said the spill is a disaster. Posted by: jo | May 27, 2010 6:00 PM | Report "
     "abuse Comrade Obama did nothing at all. Comrade Obama failed us. Comrade Obama is to "
     "blame. Posted by: al | May 27, 2010 6:01 PM | Report abuse", "spill is a disaster",
     "Obama", "person"),
    # a country and a description before an organisation's name are not its name
    ("Markets will watch a speech by the chairman, but U.S. investment bank Citigroup (C. N) "
     "noted this week that even if the United States printed more money, weak growth would "
     "weigh on prices.", "weak growth", "Citigroup", "organisation"),
    # whom the writer has been talking to is the next "he", not the writer
    ("Tom Hale writes: the well is still leaking. I've been talking to Ben Roe, a professor at "
     "the university. He says that about seven hours of pumping will be needed.",
     "seven hours", "Ben Roe", "person"),
    # "he" is not the man the words name in apposition to their subject
    ("Council coordinator Tom Hale confirmed the capture on Sunday. His eldest son Ben Roe had "
     "surrendered to rebel forces, he told Reuters.", "surrendered", "Tom Hale", "person"),
    # a title takes the name of a person named just before it, not two sentences back
    ("Lena Moor met the harbour minister in Dover on Monday. The city has refused the ferry "
     "company's plan. The US president has described the closure as heartbreaking.",
     "heartbreaking", None, "person"),
    # a name opening a line is no dateline because a word's hyphen follows it ("New
    # York-based"): "she" is the lawyer just named
    ("Robert Hale, a lawyer, said the law was unfair.\nLena A. Moor, a New York-based lawyer "
     "who represented the plaintiffs, invoked the state's history in June. \"There can't be "
     "separate but equal marriage,\" she told the judge.", "separate but equal", "Lena A. Moor",
     "person"),
    # a word opening a sentence before "polls" is a kind of poll, not its author
    ("Exit polls taken in Karsa found that most voters back the harbour plan. A Gallup poll "
     "found that most voters were undecided.", "undecided", "Gallup", "organisation"),
    # "who identified himself only as Matt": the name the speaker gave
    ("The guests emerged clapping and cheering. \"It is nice to smell fresh air,\" added a "
     "British man who identified himself only as Matt. It was a marked change.", "fresh air",
     "Matt", "person"),
    # an acronym is a name, not the pronoun it spells: "the WHO" is no "who" pointing back
    ("From Dover, Lena Moor wonders on the blog why the port closed. The ferries still sail. "
     "And the WHO said that there was no point in stopping ferries.", "no point", None, None),
]


@pytest.mark.parametrize("text, key, name, speaker_type", NAMES)
def test_speaker_name(text, key, name, speaker_type):
    article = Article.from_text("t", text)
    _, skipped = run_article_stages([article], CONFIG)
    assert not skipped
    found = [q for q in article.values["quotes"]
             if key in " ".join(article.span_text(s) for s in q.content)]
    assert found, [(q.speaker_name, [article.span_text(s) for s in q.content])
                   for q in article.values["quotes"]]
    # the innermost attribution holding the words ("backed the union, which said ...")
    q = min(found, key=lambda q: sum(s.end - s.start for s in q.content))
    assert (q.speaker_name, q.speaker_type) == (name, speaker_type)


def test_a_colon_on_a_run_together_page_hands_over_one_quotation_or_sentence():
    # a live blog flattened into one line: "says the answer is simple:" must not take the
    # rest of the page, where the next speakers' words are
    text = ('The paper El Diario says the answer is simple: "Poverty explains it." Ann Roe '
            'says the city is calm. "The plane touched down," writes the correspondent, Ivo '
            'Lund. "The airport is quiet," he adds. The mayor said: Schools close today. Tom '
            'Hale said the roads were empty.')
    article = Article.from_text("t", text)
    run_article_stages([article], CONFIG)
    said = {article.span_text(q.content[0]): q.speaker_name for q in article.values["quotes"]}
    assert said.get('"Poverty explains it."') == "El Diario"
    assert said.get('"The airport is quiet,"') == "Ivo Lund"
    assert any(content.startswith("Schools close") and "roads" not in content
               for content in said), said


def test_a_flattened_transcripts_turns_end_at_the_next_speakers_label():
    for label in ("TOM HALE, EGYPTIAN AMERICAN", "TOM HALE, PROFESSOR, UNIVERSITY OF ESSEX"):
        text = (f"LEMON: What do you think of the protests tonight? {label}: I think the "
                "president should leave now. LEMON: So you say he should resign?")
        article = Article.from_text("t", text)
        run_article_stages([article], CONFIG)
        said = {q.speaker_name.lower(): " / ".join(article.span_text(c) for c in q.content)
                for q in article.values["quotes"] if q.speaker_name}
        assert said.get("tom hale", "").startswith("I think the president should leave"), said
        assert "should leave" not in said.get("lemon", "")
    # a correspondent's report ("(voice-over)") is a turn of its own, and the people it quotes
    # speak in it
    article = Article.from_text("t", "LEMON: Here is our correspondent. ANN ROE (voice-over): "
                                     "The square was full. Egypt is like a newborn baby, Tom "
                                     "Hale adds. LEMON: Thank you.")
    run_article_stages([article], CONFIG)
    said = {q.speaker_name: " / ".join(article.span_text(c) for c in q.content)
            for q in article.values["quotes"] if q.speaker_name}
    assert said.get("Tom Hale", "").startswith("Egypt is like a newborn baby"), said
    assert "newborn" not in said.get("LEMON", "")
    # a live page's marker is nobody's label
    article = Article.from_text("t", 'The king backed the president. NEW: Stocks fell 6 % on '
                                     'Sunday. "It is great," said Ann Roe, an Egyptian.')
    run_article_stages([article], CONFIG)
    assert [q.speaker_name for q in article.values["quotes"] if q.speaker_name] == ["Ann Roe"]


def test_a_name_after_the_is_a_person_only_as_a_modifier():
    from newsweave.nlp.speakers import PeopleIndex

    doc = load_nlp()("Hillary Clinton spoke on Monday. That is what the Clinton campaign now hopes. "
              "The Mysore then escorted the tanker to port.")
    mentions = [doc.text[a:b] for p in PeopleIndex(doc).people for a, b in p.mentions]
    assert mentions.count("Clinton") == 1 and "Mysore" not in mentions, mentions


def test_an_apposed_role_keeps_its_words_as_written():
    article = Article.from_text("t", 'The river flooded on Monday. "The water is red," said '
                                'P.J. Hale, director of coastal zone management for the parish.')
    run_article_stages([article], CONFIG)
    [quote] = article.values["quotes"]
    assert quote.role == "director of coastal zone management for the parish"


def test_a_courtesy_title_is_no_role():
    article = Article.from_text("t", 'The paper kept the secret. "We never told," Mr. Hale '
                                'said on Monday.')
    run_article_stages([article], CONFIG)
    [quote] = article.values["quotes"]
    assert quote.speaker_name == "Hale" and quote.role is None


def test_a_name_only_a_title_case_headline_gives_is_no_person():
    from spacy.tokens import Span

    from newsweave.nlp.speakers import _headline_only

    doc = load_nlp()("Inmate Pulls Gun On And Handcuffs Guards, Runs Away\n\nA convicted robber "
                     "fled on Monday, officials said. Pedro Alvarez was last seen in Baytown.")
    words = [t.text for t in doc]
    junk = Span(doc, words.index("Handcuffs"), words.index("Handcuffs") + 2, label="PERSON")
    named = Span(doc, words.index("Pedro"), words.index("Pedro") + 2, label="PERSON")
    assert _headline_only(junk) and not _headline_only(named)
    doc2 = load_nlp()("Pedro Alvarez Escapes From Prison Van Near Baytown\n\nAlvarez fled.")
    assert not _headline_only(Span(doc2, 0, 2, label="PERSON"))


def test_a_nickname_in_brackets_inside_a_name_ends_no_sentence():
    # the parser cut "... of 16-year-old Kimani (Kiki) | Gray says ..." after a timestamp line,
    # and "Gray" became the speaker of what an eyewitness said; the cut is ruled out before it
    from newsweave.nlp.spacy_stage import load_nlp

    nlp = load_nlp()
    doc = nlp.get_pipe("newsweave_line_starts")(nlp.make_doc(
        "A woman who saw the shooting of Kimo (Kiki) Lund says he had no gun (none). He ran."))
    assert [t.is_sent_start for t in doc if t.text in ("Lund", "He")] == [False, None]


def test_a_flattened_media_link_is_a_sentence_of_its_own():
    # "Ann Roe on the flood Link to this audio Lund confirmed ...": the page's link glued the
    # caption to the next sentence, whose speaker became the caption's name
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp()("Ann Roe on the flood defences Link to this audio Ivo Lund confirmed the "
                     "river had risen.")
    sents = [s.text for s in doc.sents]
    assert "Link to this audio" in sents
    assert any(s.startswith("Ivo Lund confirmed") for s in sents)


def test_a_live_pages_update_stamp_and_a_transcripts_stage_direction_end_a_sentence():
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp()("Crowds defied a curfew on Monday. (Update 4:02 p.m. Cairo, 9:02 a.m. ET) "
                     "Six reporters who were held have been released, the network said. "
                     "(voice-over): An officer insisted the museum is still open. The minister "
                     "(on Monday) said the plan (which was new) would work.")
    sents = [s.text for s in doc.sents]
    assert any(s.startswith("Six reporters") for s in sents)
    assert any(s.startswith("An officer insisted") for s in sents)
    assert "The minister (on Monday) said the plan (which was new) would work." in sents


@pytest.mark.parametrize("text", [
    "Oil washes ashore on a beach in Louisiana on Friday. Getty Images BP said it would pay for "
    "the clean-up.",
    "Workers clean a beach in Alabama. AP BP said it would pay no more dividends this year.",
])
def test_a_captions_credit_run_into_a_speakers_name_is_not_part_of_it(text):
    article = Article.from_text("t", text)
    run_article_stages([article], CONFIG)
    assert [q.speaker_name for q in article.values["quotes"]] == ["BP"]


def test_a_place_the_tagger_took_for_a_person_is_no_one():
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.nlp.speakers import PeopleIndex

    doc = load_nlp()(
        "Lena Moor said the shelling of Baba Amr had been relentless. Troops shelled the Baba "
        "Amr district again. Ms Moor and Tom Hale were staying in a house in Baba Amr when it "
        "was hit.")
    assert any(e.text == "Baba Amr" and e.label_ == "PERSON" for e in doc.ents)  # the premise
    names = {p.name for p in PeopleIndex(doc).people}
    assert "Baba Amr" not in names and {"Lena Moor", "Tom Hale"} <= names


def test_an_unnamed_group_s_description_loses_a_clock_run_into_it():
    article = Article.from_text("t", "Friday, May 28, 2010; 5:21 PM Federal health officials "
                                     "Friday called on the firm to protect the health of workers.")
    run_article_stages([article], CONFIG)
    assert [q.role for q in article.values["quotes"]] == ["Federal health officials"]


def _quotes(text: str) -> tuple[Article, list]:
    article = Article.from_text("t", text)
    run_article_stages([article], CONFIG)
    return article, article.values["quotes"]


def _said(text: str) -> dict[str, str | None]:
    """Each attribution's words (parts joined by " … ") and who says them."""
    article, quotes = _quotes(text)
    return {" … ".join(article.span_text(s) for s in q.content): q.speaker_name for q in quotes}


def test_a_label_over_quoted_words_says_them_and_is_no_ones_he_after_them():
    # a video's caption run into the text between two of the president's sentences
    text = ('Mr Obama said the booms would help. He said 20,000 people had been deployed to '
            'clean up the spill. Doug Suttles of BP :" We have had periods of pumping followed '
            'by periods of monitoring" He said Energy Secretary Steven Chu was leading a team '
            'of experts.')
    said = _said(text)
    assert said.get('" We have had periods of pumping followed by periods of monitoring"') \
        == "Doug Suttles", said
    assert said.get("20,000 people had been deployed to clean up the spill") == "Obama", said
    assert said.get("Energy Secretary Steven Chu was leading a team of experts") is None, said


@pytest.mark.parametrize("text, said", [
    # the prime minister is the head of government named just before, not the leader after
    ('Mr Blair, speaking in London, said he offered his "profound condolences" to the family. '
     'The prime minister said his death "underlines once again the sacrifice of the armed '
     'forces". The Conservative leader, Michael Howard, expressed his "deep sympathy" to the '
     'family.', "Blair"),
    # with two people just before, the title is neither's: the one named after, as before
    ("Tony Blair met Ann Lee on Monday. The Israeli prime minister said the talks had gone "
     "well. Ehud Olmert added that he was pleased.", "Ehud Olmert"),
])
def test_the_prime_minister_is_the_one_person_just_named_without_a_role(text, said):
    article, quotes = _quotes(text)
    second = sorted(quotes, key=lambda q: q.speaker.start)[1]
    assert second.speaker_name == said


def test_a_caption_run_into_the_next_sentence_ends_before_its_capitalised_opener():
    text = ("Ann Roe said the council backs the plan At least 19 people were killed on Sunday, "
            "the group added.")
    article, quotes = _quotes(text)
    said = {q.speaker_name or q.role: article.span_text(q.content[0])
            for q in quotes}
    assert said.get("Ann Roe") == "the council backs the plan", said


@pytest.mark.parametrize("text, content", [
    # a clause set against the words by "while", with a speaker of its own
    ("The damage has now been repaired, the company said, while rebel officials say they have "
     "set up a special force.", "The damage has now been repaired"),
    # what the speaker went on to do, in the writer's words
    ("He said the plan was sound, only to add that it was late.", "the plan was sound"),
    # the speaker's next act, in the cue's form where the reported verb cannot carry it
    ("The government says 2,000 police officers have been killed in the uprising and blames "
     "the violence on armed gangs.", "2,000 police officers have been killed in the uprising"),
    ("He said a ceasefire could only come into force once observers had arrived, but also "
     "accused the neighbours of arming the rebels.",
     "a ceasefire could only come into force once observers had arrived"),
    # a verb that can go on the reported one stays in it
    ("Ann Roe said the quay was closed and reopened on Monday.",
     "the quay was closed and reopened on Monday"),
])
def test_reported_words_end_where_the_speaker_stops(text, content):
    article, quotes = _quotes(text)
    first = min(quotes, key=lambda q: q.cue.start)
    assert " … ".join(article.span_text(s) for s in first.content) == content


def test_a_spokesman_is_named_by_the_next_speaker_called_a_spokesman_too():
    text = ('Rebel fighters secured the junction, a rebel spokesman said. "We are going '
            'slowly," spokesman Tom Hale told Reuters. The port reopened on Monday, a spokesman '
            'said. The mayor was pleased. "We are pleased," spokesman Ben Roe told Reuters.')
    article, quotes = _quotes(text)
    said = {" ".join(article.span_text(s) for s in q.content): q.speaker_name for q in quotes}
    assert said.get("Rebel fighters secured the junction") == "Tom Hale", said
    # a sentence between: the second spokesman may be another one
    assert said.get("The port reopened on Monday") is None, said


def test_a_clause_before_a_colon_ahead_of_the_cue_s_subject_is_not_what_it_reports():
    # a plan's box run into the report: its lines are nobody's words
    text = ("All forms of violence must be stopped on all sides Next step: All parties to hold "
            "talks on a political solution After having agreed to the plan, Damascus on Sunday "
            "called for written guarantees from the rebels.")
    article, quotes = _quotes(text)
    contents = [" ".join(article.span_text(s) for s in q.content)
                for q in quotes if q.speaker_name == "Damascus"]
    assert contents and all("violence" not in c for c in contents), contents


def test_a_quotation_broken_by_its_cue_goes_on_after_it_whatever_cue_comes_later():
    text = ('"I think we would delude ourselves," he emphasised, "in thinking that the system '
            'would change if the man was gone." His candour comes after what he detailed as '
            'months of efforts.')
    article, quotes = _quotes(text)
    broken = [q for q in quotes if article.span_text(q.cue) == "emphasised"]
    assert broken and len(broken[0].content) == 2
    assert not any(article.span_text(q.cue) == "detailed" for q in quotes)


def test_a_royal_title_names_a_person_in_apposition_to_a_role_whatever_the_tagger_says():
    text = ("On Tuesday, the former Saudi ambassador to the US, Prince Turki al-Faisal, said it "
            "was inevitable that the president would step down. Hopes for a settlement remain "
            "alive, says Jim Muir.")
    article, quotes = _quotes(text)
    said = {q.speaker_name for q in quotes
            if "inevitable" in " ".join(article.span_text(s) for s in q.content)}
    assert said == {"Turki al-Faisal"}, said


def test_a_press_reviews_labels_say_whose_words_follow():
    text = ('Karsa\'s state paper is defiant, branding the ban "a foreign decision". Editorial '
            'in Nol\'s Al-Bayan: "If the Karsa government wants to save the port, it has no '
            'choice but to accept the plan." Tom Hale in Nol\'s Daily Star: "The port has '
            'received an unexpected blow from its neighbours."')
    article, quotes = _quotes(text)
    said = {" ".join(article.span_text(s) for s in q.content)[:20]: q.speaker_name
            for q in quotes}
    assert said.get('"If the Karsa govern') == "Al-Bayan", said
    assert said.get('"The port has receiv') == "Tom Hale", said


def test_according_to_a_relayed_source_names_the_source_and_not_the_writers_where():
    text = ("Violence went on in Karsa where, according to the UK-based Karsa Observatory for "
            "Human Rights quoted by Agence France Presse, 89 people were killed.")
    article, quotes = _quotes(text)
    q = quotes[0]
    assert q.speaker_name == "Karsa Observatory for Human Rights"
    assert " … ".join(article.span_text(s) for s in q.content) == "89 people were killed"


def _speakers_of(text: str, cue: str) -> list[str | None]:
    """The speakers of the text's attributions whose cue is ``cue``, in text order."""
    article, quotes = _quotes(text)
    return [q.speaker_name for q in quotes if article.span_text(q.cue) == cue]


def test_a_pronoun_after_an_unnamed_person_gives_the_subject_no_gender():
    # "his" is the president's, so Ann Roe is not a man and "she added" is hers
    text = ('Tom Hale wrote: "The port now has a can\'t-do council." Ann Roe, a retired '
            'officer writing on a weblog, attacked the president for staying at his ranch. '
            '"He treats his own citizens with contempt," Professor Roe said. Referring to the '
            'speech, she added: "His heart may have been there."')
    assert _speakers_of(text, "added") == ["Ann Roe"]


@pytest.mark.parametrize("text, name", [
    ('"Output will not be halted," Karsa Group analysts said in a note on Tuesday.',
     "Karsa Group"),
    ("Israeli officials said on Monday the rockets came from the south.", None),
])
def test_a_named_bodys_unnamed_people_speak_for_it(text, name):
    article, quotes = _quotes(text)
    assert [q.speaker_name for q in quotes] == [name]


@pytest.mark.parametrize("text, speaker, content", [
    ("Briefing diplomats in a closed-door session, Mr Hale said he was alarmed by the surge.",
     "Hale", "he was alarmed by the surge"),
    ('"The people of Nol are not coping," said the activist, identified only as Ramy.',
     "Ramy", '"The people of Nol are not coping,"'),
    ("A resident, who gave his name as Abu Ali, said the shelling went on all night.",
     "Abu Ali", "the shelling went on all night"),
])
def test_the_writers_framing_and_the_name_a_description_is_given(text, speaker, content):
    said = _said(text)
    assert said.get(content) == speaker, said


def test_an_honorifics_surname_is_the_persons_and_he_after_several_names_is_no_one():
    text = ("On Monday, the rights chief, Ana Ruiz, said the veto had encouraged the army. In a "
            "special session, Ms Ruiz accused the government of an assault. Mr Hale's comments "
            "came as he met Tom Lund and Ben Roe in Nol. He insisted that Karsa remained "
            "committed to peace.")
    assert _speakers_of(text, "insisted") == [None]


def test_a_speaker_who_said_it_is_given_no_clause_before_him():
    text = "Ana Ruiz said it a year ago, the philosopher Tom Hale said it again a week ago."
    article, quotes = _quotes(text)
    hale = [" … ".join(article.span_text(s) for s in q.content)
            for q in quotes if q.speaker_name == "Tom Hale"]
    assert all("Ruiz" not in c for c in hale), hale


@pytest.mark.parametrize("text, name", [
    # the name after the comma is whom the role describes, not whom the role belongs to
    ("Karsa has asked for help, said the head of President Tom Hale's cabinet, Ann Roe.",
     "Ann Roe"),
    ("The port will close, said the mayor of Nol, Ann Roe.", "Ann Roe"),
    # one who speaks for a titled name is not the name
    ("A spokesman for Karsa Gov. Ann Roe said the port would close.", None),
])
def test_whom_a_role_s_mention_names(text, name):
    assert _speakers_of(text, "said") == [name]


def test_an_article_run_into_a_credited_name_is_not_the_name_s():
    from newsweave.nlp.speakers import clean_name

    assert clean_name("Neal Ascherson The") == "Neal Ascherson"
    assert clean_name("Anna Reid") == "Anna Reid"


def test_he_goes_on_with_the_unnamed_speaker_before_him():
    text = ("Tom Hale's council needs fuel for its ferries. The council will close the port, a "
            'harbour source told Reuters. "The concern is a long stalemate," the source said. '
            "The talks will take place next week, he said.")
    assert _speakers_of(text, "said") == [None, None]
    # ... but not when someone is named between them
    text = text.replace("The talks", "Tom Hale wants a deal. The talks")
    assert _speakers_of(text, "said")[-1] == "Tom Hale"


@pytest.mark.parametrize("text, name", [
    # the one body the sentence before names, though not as its subject
    ("Prices fell after comments from Karsa Holdings. The firm said that prices could fall "
     "further.", "Karsa Holdings"),
    # ... and no guess between two
    ("Prices fell after comments from Goldman Sachs and Morgan Stanley. The firm said that "
     "prices could fall further.", "firm"),
])
def test_a_described_body_is_the_one_named_just_before(text, name):
    assert _speakers_of(text, "said") == [name]


def test_she_goes_on_with_the_speaker_who_led_the_sentence_before():
    # a name inside the subordinate clause of her sentence is not who "she" is
    text = ("Ann Roe, the group's spokeswoman, insisted the group had acted in good faith. "
            'She defended the trip, "I was going to come back to do the paperwork," asserting '
            "that pastor Jean Hale, of the Nol Mission, allowed them to move the children. She "
            'claimed, "We had permission from the Karsa government."')
    assert _speakers_of(text, "claimed") == ["Ann Roe"]


def test_a_placed_title_is_the_one_the_report_gave_it_to():
    # "the Minister for London" is not the Prime Minister named before
    text = ("The memorial was opened by Prime Minister Tom Hale, Mayor Jo Lee and Minister for "
            "Nol, Ann Roe. The Minister for Nol said each column stood for a life.")
    assert _speakers_of(text, "said") == ["Ann Roe"]


def test_the_place_that_ends_an_affiliation_is_not_the_speaker():
    text = ('"The wave is spreading," Jo Marsh, professor of earth sciences and director of the '
            "Institute of Geophysics and Planetary Physics at the University of California, "
            "Santa Cruz said.")
    assert _speakers_of(text, "said") == ["Jo Marsh"]


def test_a_role_s_closing_name_before_a_relative_clause_speaks():
    text = ("He had a voice in decisions about major investments in Karsa, said a former "
            "spokesman for the Karsa Foreign Ministry, Tom Hale, who also ran as a candidate.")
    assert _speakers_of(text, "said") == ["Tom Hale"]


def test_the_unnamed_rest_of_a_list_is_not_part_of_the_name():
    text = "The EU and others say it is important to set the port's fees now."
    assert _speakers_of(text, "say") == ["EU"]


def test_one_the_writer_compares_with_is_not_who_he_is():
    text = ("Tom Hale raised the example of the mayor in 2008 inviting Ann Roe into his circle, "
            "just as President Jo Marsh did in building a team of rivals. \"He reached out to "
            'her and gave her the best job he had to offer," he said.')
    assert _speakers_of(text, "said") == ["Tom Hale"]


def test_another_first_name_before_a_surname_is_another_person_of_the_family():
    text = ("Carly Fiorina spoke in Philadelphia on Monday. Fiorina said the country needed a "
            "leader. Fiorina left early. Later she vented to her husband, Frank Fiorina, about "
            "the board.")
    assert _speakers_of(text, "said") == ["Carly Fiorina"]


def test_a_word_opening_a_sentence_before_polls_is_no_speaker():
    article = Article.from_text("t", "Ann Roe has won the Karsa primary. Exit polls taken in "
                                     "South Carolina found that about three-quarters of "
                                     "Republican voters support a ban on new harbours.")
    _, skipped = run_article_stages([article], CONFIG)
    assert not skipped
    assert all(q.speaker_name != "Exit" for q in article.values["quotes"])


def test_a_spokesman_is_not_the_principal_named_after_him():
    article = Article.from_text("t", (
        "LONDON - Tom Hale said he was unlikely to get on with Ben Roe because the British prime "
        "minister had called him divisive.\n"
        "The spokesman refused to answer questions but said there was no meeting planned with "
        "Hale, adding: \"If one is proposed we will consider it.\"\n"
        "On a more conciliatory note, Roe has said Hale deserves respect."))
    _, skipped = run_article_stages([article], CONFIG)
    assert not skipped
    spoken = [q for q in article.values["quotes"]
              if "no meeting planned" in " ".join(article.span_text(c) for c in q.content)]
    assert spoken and all(q.speaker_name != "Ben Roe" for q in spoken)


def _speakers_by_content(text: str) -> dict[str, str | None]:
    """The quotes stage's speaker of each attribution, by its first content part."""
    from newsweave.config import load_config
    from newsweave.model import Article
    from newsweave.pipeline import run_article_stages

    config = load_config(pipeline={"article_stages": ["spacy@1", "quotes@1"], "story_stages": []})
    [article], _ = run_article_stages([Article.from_text("t", text)], config)
    return {article.span_text(q.content[0]): q.speaker_name for q in article.values["quotes"]}


def test_a_description_of_trade_stands_for_the_one_person_just_named():
    speakers = _speakers_by_content(
        "Ann Lee had made headlines by posting pictures of her surgery. The Tampa massage "
        "therapist even spoke with a reporter and said it was legit. A veteran stood up at "
        "the back. After a pause, the man said the plan was wrong.")
    assert speakers.get("it was legit") == "Ann Lee"
    # "the man" after someone brought in unnamed is not the last person named
    assert speakers.get("the plan was wrong") != "Ann Lee"


def test_mr_with_a_surname_two_people_share_is_the_one_last_named_with_it():
    # the son named by his first name in between is no nearer mention of the Nash meant
    speakers = _speakers_by_content(
        "Five-year-old Alex Nash was billed for missing a party.\n\nDerek Nash and his "
        "partner found the invoice in their son's bag.\n\nAlex was handed the bill at "
        "school.\n\nPals of the Nash family are angry.\n\nMr Nash, a delivery driver, "
        "said the bill was a joke.")
    assert speakers.get("the bill was a joke") == "Derek Nash"


def test_a_hashtag_is_no_persons_name():
    from spacy.tokens import Span

    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.nlp.speakers import PeopleIndex

    doc = load_nlp()("Stay safe Sisters. #WeAreAllKobane October 22. Ed Royce spoke later.")
    tag = next(t.i for t in doc if "WeAreAll" in t.text)
    royce = next(t.i for t in doc if t.text == "Ed")
    doc.ents = [Span(doc, tag, tag + 1, label="PERSON"),
                Span(doc, royce, royce + 2, label="PERSON")]
    assert [p.name for p in PeopleIndex(doc).people] == ["Ed Royce"]


@pytest.mark.parametrize("text, key, place", [
    # a place after "in" locates the speaker; the noun it is said of speaks
    ("There are 120 cases in Wales and health officials in Cardiff said 40% of them were in "
     "children aged 5-14.", "40% of them", "Cardiff"),
    ("There are 337 cases in Ireland and health officials in Dublin said 30% of them were in "
     "young adults aged 15-24.", "30% of them", "Dublin"),
    # a place NER took for a person at the end of an acronym-led name is the body's name
    ("Ms Reid had underlying health problems. NHS Greater Glasgow said tonight that her "
     "daughter, named Amy, also died today.", "also died today", "Glasgow"),
    # ... even where a quarter of the place was taken for a person before ("in south Glasgow")
    ("Ann Reid, 38, from Carnwadric in south Glasgow, was named today as the first person to "
     "have died. NHS Greater Glasgow said tonight that her son, named Jack, also died today.",
     "also died today", "Glasgow"),
])
def test_a_place_is_where_the_speaker_is_not_who(text, key, place):
    article = Article.from_text("t", text)
    run_article_stages([article], CONFIG)
    found = [q for q in article.values["quotes"]
             if key in " ".join(article.span_text(s) for s in q.content)]
    assert found
    assert all(q.speaker_name != place and article.span_text(q.speaker) != place
               for q in found), [(q.speaker_name, article.span_text(q.speaker)) for q in found]


def test_a_progressive_of_its_own_goes_on_with_the_reported_clause():
    # "... that emissaries were in contact ..., and were saying that X": the emissaries say X,
    # inside what the minister reports, not the minister
    text = ("Foreign Minister Ann Roe said earlier this week that emissaries from Karsa's "
            "government were in contact with NATO members, and were saying that the mayor was "
            "ready to quit.")
    article = Article.from_text("t", text)
    run_article_stages([article], CONFIG)
    given = [(q.speaker_name, " ".join(article.span_text(s) for s in q.content))
             for q in article.values["quotes"]]
    assert ("Ann Roe", "that the mayor was ready to quit") not in given, given
