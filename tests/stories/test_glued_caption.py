"""A caption or headline without a full stop glued to a report's sentence: the summary reads
the sentence from where the report resumes (``furniture.glued_caption_end``). Invented
sentences."""
from __future__ import annotations

import pytest

from newsweave.nlp.spacy_stage import load_nlp
from newsweave.stories.furniture import glued_caption_end

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize("text, resumes", [
    ("Volunteers from the river towns, who are trying to save the levee The state government "
     "sent two hundred soldiers on Monday.", "The state government sent"),
    ("Some families stayed, others were told to get out In the late evening, three buses "
     "left the camp.", "In the late evening"),
    ("Shares of the bank fell 5 percent in early trading The main index rose slightly.",
     "The main index rose"),
    ("Activist Dan Ebert shows a reporter oil still in local waters Before the accident in the "
     "gulf, the country's worst oil leak was in the bay.", "Before the accident"),
    ("Thousands have fled the fighting in the hills of northern Kenya The UN envoy for the region, "
     "Ana Ruiz, says she is sending a team to Nairobi.", "The UN envoy"),
    ("Flood levels raise questions The dead cattle found near the creek include calves and "
     "ewes, county officials say Officials in the county have called for an inquiry after "
     "the flood.", "Officials in the county"),
    ("The rebellion has entered a grim new phase, says Tom Ridley The army has shelled the "
     "northern town of Karsa for a week.", "The army has shelled"),
    ("The firm's share price has fallen since the flood began One of its top bosses is due in "
     "Karsa to reassure staff.", "One of its top bosses"),
    # a person's name, then "The": no sentence runs a name into it
    ("Army deserters have joined the uprising against President Assad The Arab League's "
     "monitoring chief has warned of more violence in recent days.", "The Arab League's"),
    # ... an organisation's ("the Karsa Liberation Front The Karsan army ...")
    ("Rebels claimed to have taken the base held by the Karsa Liberation Front The Karsan army "
     "has come under fresh bombardment, activists say.", "The Karsan army"),
    # ... or a capitalised "A" after a name
    ("At least 109 people killed in a massacre in Karsa A UN official now says the country is "
     "in full-scale civil war.", "A UN official"),
    # a name, then a preposition opening a time phrase with a number
    ("The meeting in Geneva will try to find a new way to end the violence in Karsa For 16 "
     "months, troops and rebels have been fighting in the hills.", "For 16 months"),
    # an adverb that opens an inverted sentence
    ("Most of the port's people support the uprising Nowhere is the strain on the region more "
     "apparent than in the port.", "Nowhere is the strain"),
    # a caption, then the writer's "That is ..."
    ("The UN head urged the government to start implementing the envoy's plan That is perhaps "
     "one reason why half of the leaders did not come to the summit.", "That is perhaps"),
    # a word that approximates a count opens the report
    ("No home for the soldiers Around 120,000 veterans of the war have already come back to "
     "the towns.", "Around 120,000 veterans"),
    # a capitalised subject pronoun after a caption that ends on a verb
    ("The mayor said the panel would look at how the harbour board operates They are a former "
     "senator and a retired judge from the coast.", "They are a former"),
    # a caption's quotation closed on a word, then the report
    ('Ann Roe\'s envoy: "Those who order attacks on civilians are liable for their actions" In '
     "the vote, 41 members voted in favour of the resolution.", "In the vote"),
])
def test_the_report_resumes_after_a_glued_caption(nlp, text, resumes):
    at = glued_caption_end(nlp(text), 0, len(text))
    assert text[at:].startswith(resumes)


@pytest.mark.parametrize("text", [
    "The man who ran The Times for a decade said he would retire next year.",
    "The minister told The Guardian on Monday that he would resign next week.",
    "He won the election in 2008 and then he ran again in 2012 as the party candidate.",
    "Troops moved into the city after dark as the fighting spread to the north.",
    "The band from Kenya The Wanderers played their first concert in the capital last night.",
    "He said he was tired of the talks, officials say Obama will visit the city on Monday.",
    "The concert, which included Ann Roe and Three Dog Night, raised money for the island.",
    "He said the bill was one of the best he had seen in his years in the house.",
])
def test_a_sentence_without_glue_is_read_whole(nlp, text):
    assert glued_caption_end(nlp(text), 0, len(text)) == 0
