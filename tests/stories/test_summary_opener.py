"""Which sentence opens a summary when a report's lead cannot (spaCy backed; sentences written
here): one from further down opens only when its subject names someone."""
from __future__ import annotations

import pytest

from newsweave.config import load_config
from newsweave.model import Article, Story
from newsweave.stories.summarize import summarize_stage

pytest.importorskip("spacy")


def _summary(text: str) -> list[str]:
    from newsweave.pipeline import run_article_stages

    config = load_config()
    articles, skipped = run_article_stages([Article.from_text("a", text)], config)
    assert not skipped
    story = Story("s", ["a"])
    summarize_stage(story, {"a": articles[0]}, config)
    return [s.text for s in story.summary]


def test_a_feature_s_colour_does_not_open_the_summary():
    summary = _summary(
        "She still keeps his old coat by the door of the house. "
        "A major in the Portville police, 39, was a nurse in the army for three years. "
        "People at nearby tables in the Portville cafe listen in as they stir their coffee. "
        "Mayor Ann Roe said on Monday that the Portville harbour would reopen in May. "
        "He kept the coat.")
    assert summary[0].startswith("Mayor Ann Roe said")


def test_a_chronology_s_lines_are_no_summary():
    # each line, read without its day, would tell an old event as the day's news
    assert _summary(
        "Here is a timeline of the floods in Karsa since the rains began in February: "
        "February 15, 2011 - The arrest of an engineer sparks a riot in Nol. February 24 - "
        "Militias take control of the port of Karsa. March 19 - The army shells the dam. "
        "April 30 - A strike on a house in the capital kills three people.") == []


def test_a_live_chat_s_lines_are_no_summary():
    # readers' questions and a guest's answers run together: no line is the story's news
    assert _summary(
        "Ann Roe, the harbour engineer, was online Friday, May 28, at 1 p.m. ET to discuss "
        "the floods in Karsa and the work on the dam. Laurel, Md.: Why is the water still "
        "rising after a month? Ann Roe: The dam was built to hold back far less water. "
        "Sarasota, Fla.: Could the army have opened the gates earlier? Ann Roe: The engineers "
        "opened the gates on Monday, and the river fell by a metre.") == []


_ESSAY = ("The port of Nol is the worst answer to what is wrong with Karsa. We must ask why. "
          "Its cranes are slow. Its owners think only of the next quarter. The river deserves "
          "better. ") * 5


def test_a_long_page_that_argues_and_attributes_nothing_is_no_summary():
    # a column or an editorial with no disclaimer: its writer's views, not the news
    assert _summary(_ESSAY) == []


def test_a_long_report_that_attributes_its_news_is_summarised():
    report = ("Mayor Ann Roe said on Monday that the port of Nol would reopen in May. " +
              _ESSAY.replace("The river deserves better.", "The river deserves better, "
                                                           "the mayor's office said."))
    assert _summary(report)


def test_a_long_page_that_attributes_nothing_but_does_not_argue_is_summarised():
    # an explainer or a report written without attributions
    assert _summary(_ESSAY.replace("We must ask why.", "Its quays are old."))


def test_a_story_with_no_sentence_that_reads_alone_has_no_summary():
    # each sentence leans on one the story does not give: which storm? close to what?
    assert _summary("Biblical in its rage, the storm has left thousands of people in Karsa "
                    "without food. The flood, much earlier, was close.") == []
    assert _summary("Such repairs cost the city of Nol two million dollars on Monday.") == []


@pytest.mark.parametrize("lead", [
    "There are fears the fighting in Karsa will spread to the neighbouring port of Nol.",
    "The BBC's Tom Hale, who is in Karsa, has seen fierce battles in the streets of the city.",
])
def test_a_mood_or_the_outlets_own_reporter_does_not_open_the_summary(lead):
    summary = _summary(f"{lead} Shells fired from Karsa killed a woman in the port of Nol on "
                       "Monday, residents of Nol said.")
    assert summary and summary[0].startswith("Shells fired"), summary


def test_a_column_that_quotes_a_few_others_but_argues_throughout_is_no_summary():
    # two sentences of five in the writer's voice, one reporting verb in ten
    block = ("The port of Nol fails the city of Karsa every winter. We must ask why. Should "
             "its owners pay for the repairs? Our river deserves better. Its quays are old. ")
    column = block * 4 + block.replace("Its quays are old.", "Its quays are old, the mayor "
                                       "said.") * 2
    assert _summary(column) == []


def test_a_short_page_in_its_writer_s_voice_throughout_is_no_summary():
    # ten sentences, the first person or "must" in nearly every one: a short column
    column = ("The port of Nol must change. Mayor Ann Roe reopened the quay on Monday. We pay "
              "for its quays. Should the council pay? Our river is silting up. I asked the "
              "council why. We must act now. Ferries returned to Nol on Tuesday. Shall we "
              "cheer? My neighbours agree. ")
    assert _summary(column) == []
    # ... a brief of that length that tells the news without its writer's voice is summarised
    brief = ("Mayor Ann Roe reopened the port of Nol on Monday. The quays were rebuilt in May. "
             "The river was dredged in June. Ships returned from Portville. Cranes came from "
             "Glasgow. The harbour road was widened. Ferries ran on time. Shops reopened near "
             "the quay. Fishermen landed their catch. Traders sold it at the market. ")
    assert _summary(brief)


def test_a_book_review_is_no_summary():
    review = ("Ann Roe charts the floods of Karsa in Rising Water 244pp, Harbour Press, £15.99. "
              "Mayor Tom Hale reopened the port of Nol on Monday. The river fell by a metre.")
    assert _summary(review) == []
    assert _summary(review.replace("244pp, Harbour Press, £15.99", "her new book"))


def test_a_very_long_page_with_almost_no_attribution_is_no_summary():
    # an essay or a review: forty sentences and more, no one said anything, and the writer's
    # own voice now and then
    history = ("The port of Nol was built in 1890 by the Karsa Harbour Company. Its cranes came "
               "from Glasgow. Its quays were widened in 1920. The river silted up in the war. "
               "Ships went to Portville instead. ")
    essay = history * 6 + history.replace("Ships went to Portville instead.",
                                          "What did we learn from it?") * 2
    assert _summary(essay) == []
    # ... a report of that length attributes its news; a race report may attribute nothing,
    # but has no voice of its writer's
    assert _summary(essay.replace("Ships went to Portville instead.", "Ships went to "
                                  "Portville instead, the mayor said."))
    assert _summary(history * 8)


def test_a_story_some_reports_debunk_opens_on_the_debunk():
    from newsweave.pipeline import run_article_stages

    config = load_config()
    hoax = Article.from_text("h", "Lena Moor, publicist of the singer Tom Hale, has been fired "
                             "today after she revealed that Hale was born on the Moon. Moor "
                             "said the singer had kept the secret for years.")
    debunk = Article.from_text("d", "Fans of Tom Hale were shocked this week by a story on a "
                               "fake-news website. The site published an article claiming that "
                               "the singer Tom Hale was born on the Moon. The story is bogus: "
                               "Hale was born in Ohio.")
    articles, skipped = run_article_stages([hoax, debunk], config)
    assert not skipped
    story = Story("s", ["h", "d"])
    summarize_stage(story, {a.id: a for a in articles}, config)
    assert story.summary
    assert story.summary[0].citations[0].article == "d"
