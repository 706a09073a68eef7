"""Which dated sentences a timeline shows: events told in a tense that places them on the day,
sentences that read on their own, no teaser pages, no dateline as an event's day."""
from __future__ import annotations

import datetime as dt

import pytest

from newsweave.model import Article, ArticleMeta
from newsweave.nlp.dates import find_dates
from newsweave.stories.timeline import timestamps
from newsweave.stories.timeline_checks import dated_event, reads_alone, teaser_page


@pytest.mark.slow
@pytest.mark.parametrize("text, day, reason", [
    # events on the day, told in the past, the present perfect or as a plan
    ("Flights to the US were stopped on Wednesday.", "Wednesday", None),
    ("The president Wednesday asked BP for a contribution.", "Wednesday", None),
    ("Tuesday saw one of the low points for the president.", "Tuesday", None),
    ("The hotel was raided and searched late Wednesday by the police.", "Wednesday", None),
    ("He will testify Thursday before a House subcommittee.", "Thursday", None),
    ("We started receiving calls about swine flu on Sunday.", "Sunday", None),
    # states, the present, backgrounds, plans told in the past, possibilities
    ("Today they are running wild.", "Today", "present"),
    ("The death toll, as of Friday, is estimated to be 110,000.", "Friday", "as-of"),
    ("On Wednesday morning, we were in the early stages of increasing collection.",
     "Wednesday", "state"),
    ("Early on Wednesday morning, investors were pricing a 40 percent chance of default.",
     "Wednesday", "progressive"),
    ("She was scheduled to be released December 2, but suffered a heart attack.",
     "December 2", "past-plan"),
    ("I wanted to share two of them with you today.", "today", "state"),
    ("She was set to be released and sent home on 2 December.", "2 December", "past-plan"),
    ("The firm had been scheduled to start slowly closing the valves Tuesday on the cap.",
     "Tuesday", "past-plan"),
    ("The firm started closing the valves on Tuesday.", "Tuesday", None),
    ("As reported by the UN, January 12 Haiti earthquake left 222,570 deaths.", "January 12",
     "modifier"),
    ("On January 12 Haiti was struck by an earthquake.", "January 12", None),
    # the day of an anticipated event named by a noun, not of the sentence's event
    ("The speech comes on the eve of the mayor's meeting with the unions on Tuesday.",
     "Tuesday", "anticipated"),
    ("The explosion was a tragedy, he said in testimony to be delivered to a panel Thursday.",
     "Thursday", "anticipated"),
    ("They wrote to the chief, ahead of their hearing with him on Thursday.", "Thursday",
     "anticipated"),
    ("Shares rose on Monday ahead of the vote.", "Monday", None),
    # no event: an imperative, the writer's own anecdote, a rule, a habit, a possibility
    ("Please crash your car today.", "today", "imperative"),
    # ... quoted too, when the day is ahead: what is asked for has not happened
    ('"Dear neighbours, go back to your work on Sunday and help the town," the mayor wrote.',
     "Sunday", "imperative"),
    ('He urged him: "Leave today and save the country."', "today", None),
    ("At a dinner on Monday, I heard a dean remark that he had marched.", "Monday",
     "first-person"),
    ('"At a dinner on Monday, I heard him say it," the minister said.', "Monday", None),
    ("Lawmakers must show the value of their assets on Dec. 31 of the previous year.",
     "Dec. 31", "modal"),
    ("They would rather spend Saturday afternoon watching football than march.", "Saturday",
     "modal"),
    ("The cap could be placed over the well as early as Wednesday.", "Wednesday", "modal"),
    # no event on the day: a count up to it, a guess at it, a future state, a note to the
    # reader, a verb of telling with nothing told, a participle with no clause
    ("As of Sunday, 4,000 volunteers had registered for the clean-up.", "Sunday", "as-of"),
    ("The union may call the strike sooner, possibly as early as Friday.", "Friday", "hedged"),
    ("The new mayor will be 41 on March 3, a week after the vote.", "March 3", "state"),
    ("The final vote will be on Monday.", "Monday", None),
    ("You can hear the interview on the station's website on Tuesday.", "Tuesday", "modal"),
    ("You heard the interview on the station's website on Tuesday.", "Tuesday", "address"),
    ("The river authority confirmed on Thursday (2 May 2019)", "2 May 2019", "incomplete"),
    ("The river authority confirmed on 2 May 2019 that the dam held.", "2 May 2019", None),
    ("Rescuers spoke with the stranded climbers on Friday.", "Friday", None),
    ("[2 May 2019] raising the water level to 80% of the dam's height.", "2 May 2019",
     "fragment"),
])
def test_a_day_is_shown_only_for_an_event_told_on_it(text, day, reason):
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp()(text)
    at = text.index(day)
    assert dated_event(doc, at, at + len(day)) == reason


@pytest.mark.parametrize("text, lead, reason", [
    ("Barton said he was sorry on Thursday.", False, None),
    ("Is today Thursday?", False, "question"),
    # a transcript's line is a question put or an answer, not an event
    ("Here's the exchange: Q: The firm will release its report tomorrow.", False, "question"),
    ("Group A: the team won its match on Monday.", False, None),
    ('It\'s pretty simple," the spokesman said yesterday.', False, "inside-quote"),
    ('NHS Direct said: "We started receiving calls on Sunday.', False, None),
    ("He returned to action against Tampa Bay on October 30.", False, "pronoun"),
    ("The man was taken to the hospital Saturday.", False, "pronoun"),
    ("The man who shot the mayor was arrested on Saturday.", False, None),
    ("And the disease has now spread to several areas.", True, "connective"),
    ("And later Wednesday, the chairman apologized for his apology.", False, None),
])
def test_a_shown_sentence_reads_on_its_own(text, lead, reason):
    assert reads_alone(None, 0, len(text), text, lead=lead) == reason


@pytest.mark.slow
@pytest.mark.parametrize("text, reason", [
    ("On Friday she signed the lease for the new depot.", "needs-previous"),
    ("Late on Monday their lawyers filed an appeal.", "needs-previous"),
    ("On Friday the mayor signed the lease for the new depot.", None),
    ("After the mayor resigned, she signed the lease on Friday.", None),
    ("It was announced on Friday that the depot would close.", None),
    # a lone surname as subject with no name before: who is Jenkins?
    ("Jenkins resigned on Friday after the vote.", "needs-previous"),
    ("Mary Jenkins resigned on Friday after the vote.", None),
    ("The company cut its dividend on Friday.", "needs-previous"),
    ("The dam failed on Friday after days of rain.", None),
    # a demonstrative on a noun points at something the entry does not show (here a picture)
    ("A device tested on 18 April 1953 in the desert produced this cloud of dust.",
     "needs-previous"),
    ("On Friday the ferry operator lost its licence for this year.", None),
    ("[3 June 2019] lifting output to 90% of the plant's capacity.", "fragment"),
    ("On 3 June, as the water rose along the river.", "fragment"),
    # it goes on from, or answers, what the entry does not show
    ("French photographer Tom Hale also died on Friday.", "needs-previous"),
    ("The ferry company responded on Friday by calling the letter a stunt.", "needs-previous"),
    ("A statement issued by the ferry company on Friday said he had the board's support.",
     "needs-previous"),
    # a part of a group an owner pronoun points at
    ("One of its reporters was arrested in Spain on Friday.", "needs-previous"),
    ("One of the ferry company's captains was arrested in Spain on Friday.", None),
])
def test_a_shown_sentence_names_who_acts(text, reason):
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp()(text)
    assert reads_alone(doc, 0, len(text), text) == reason


def test_an_agency_glued_in_front_is_cut():
    from newsweave.model import Span
    from newsweave.stories.timeline import Reference, _without_credit

    raw = "AFP2019 Prime Minister Jane Roe on Monday opened the new bridge to traffic."
    article = Article.from_text("a", raw)
    ref = Reference("a", 0, Span(0, len(article.text)), "2019-05-06", None)
    cut = _without_credit(ref, {"a": article})
    assert article.span_text(cut.span).startswith("Prime Minister Jane Roe")


def test_a_page_of_cut_off_teasers_is_no_report():
    assert teaser_page("Homes lost power in a region b... Fuel reached the shore, officials "
                       "said Thursday. A barge sank ... Officials found a body while fro ...")
    assert not teaser_page('He said: "We will see..." The vote was on Monday.')


@pytest.mark.parametrize("raw", [
    "Romanians raise money\n\nTuesday, January 18, 2005Through a telethon, they raised lei.",
    "Gender imbalance\n\nSaturday, March 26, 2005 Up to four times as many women died.",
])
def test_a_dateline_glued_to_the_lead_is_the_pages_stamp(raw):
    article = Article.from_text("a", raw, ArticleMeta(published=dt.datetime(2005, 3, 26)))
    article.layers["dates"] = find_dates(article.text, article.meta.published)
    stamps = timestamps(article)
    assert all(d.start in stamps for d in article.layers["dates"])


@pytest.mark.parametrize("raw, stamped", [
    ("Trial ordered\n\nPOSTED: December 08, 2010\nThe woman was charged on Monday.", True),
    ("Trial ordered\nLast updated on Wednesday, 8 December 2010\nThe woman was charged.", True),
    ("The results were published on December 8, 2010, by the agency.", False),
])
def test_a_pages_posting_line_is_its_stamp(raw, stamped):
    article = Article.from_text("a", raw, ArticleMeta(published=dt.datetime(2010, 12, 9)))
    article.layers["dates"] = find_dates(raw, article.meta.published)
    day = next(s for s in article.layers["dates"] if "8" in raw[s.start:s.end])
    assert (day.start in timestamps(article)) == stamped


def test_a_date_opening_a_sentence_in_prose_is_no_stamp():
    raw = "Earlier.\nJanuary 16, 2005 was the day of the telethon. On Sunday, January 16, it ran."
    article = Article.from_text("a", raw, ArticleMeta(published=dt.datetime(2005, 1, 18)))
    article.layers["dates"] = find_dates(article.text, article.meta.published)
    assert not timestamps(article)


def test_a_live_blogs_entry_time_is_cut_off_the_entry():
    from newsweave.model import Span
    from newsweave.stories.timeline import Reference, _without_credit

    raw = "10.12 pm: Welch says the chief executive answered no question today."
    article = Article.from_text("a", raw)
    ref = Reference("a", 0, Span(0, len(article.text)), "2010-06-17", None)
    cut = _without_credit(ref, {"a": article})
    assert article.span_text(cut.span).startswith("Welch says")


@pytest.mark.slow
def test_a_day_after_publication_is_shown_only_for_a_future_and_a_heading_is_no_governor():
    from newsweave.nlp.spacy_stage import load_nlp

    nlp = load_nlp()
    text = "September 11 deepened the relationship with the regime."
    assert dated_event(nlp(text), 0, 12, ahead=True) == "after-publication"
    text = "The minister will speak on September 11 in the capital."
    at = text.index("September 11")
    assert dated_event(nlp(text), at, at + 12, ahead=True) is None
    text = "The torch will travel the world and end in China on August 8, 2008."
    at = text.index("August 8")
    assert dated_event(nlp(text), at, at + 8, ahead=True) is None
    # a heading without a full stop, parsed as one clause with the next paragraph's sentence
    text = "Reconstruction begins\n\nOn March 20, the mayor announced a tourism campaign."
    at = text.index("March 20")
    sentence = (text.index("On March"), len(text))
    assert dated_event(nlp(text), at, at + 8, sentence=sentence) is None


@pytest.mark.slow
@pytest.mark.parametrize("text, event", [
    ("Rescuers pulled a girl from the rubble: she was alive.", True),
    ("Officials confirmed the news: the rig sank.", True),
    # the parser makes the clause after the colon the root; the sentence compares, in the
    # present, and tells no event of its day
    ("The fire and collapse of the Ixtoc rig is eerily similar to what happened at Deepwater "
     "Horizon: in both cases, the blowout preventer failed to function.", False),
])
def test_an_undated_lead_tells_an_event_in_its_first_clause(text, event):
    from newsweave.model import Span
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.stories.timeline import tells_event

    assert tells_event(load_nlp()(text), Span(0, len(text))) is event
