"""A headline or caption run into the next sentence with no full stop (``stories.glued``)."""
import pytest

from newsweave.nlp.spacy_stage import load_nlp
from newsweave.stories.glued import looks_glued


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
