"""The timeline stage on hand-built articles (no models), and on the example corpus (slow)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pytest
from briefed import view

from newsweave import errors
from newsweave.config import load_config
from newsweave.model import Article, ArticleMeta, Span, Story
from newsweave.nlp.dates import find_dates
from newsweave.stories.timeline import (Reference, build_timeline, collect_references,
                                        lead_candidates, rank_dates,
                                        report_leads, retrospect_weight, timeline_stage,
                                        timestamps)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "macron-troops"


def make_article(article_id: str, raw: str, published: dt.datetime | None = None, *,
                 parse: bool = False) -> Article:
    """An article with sentence, date and (deterministic) embedding layers, no model needed
    (``parse``: with its spaCy Doc too, for the checks that read it)."""
    article = Article.from_text(article_id, raw, ArticleMeta(published=published))
    if parse:
        from newsweave.nlp.spacy_stage import load_nlp

        article.cache["doc"] = load_nlp()(article.text)
    sentences = [Span(m.start(), m.end(), "SENT")
                 for m in re.finditer(r"[^\s.][^.]*\.", article.text)]
    article.layers["sentences"] = sentences
    article.layers["dates"] = find_dates(article.text, published, sentences=sentences)
    rng = np.random.default_rng(len(raw))
    vectors = rng.normal(size=(len(sentences), 8)).astype(np.float32)
    article.values["sentence_embeddings"] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return article


def run(articles: list[Article], **timeline):
    """The stage's timeline in briefing shape (through the one builder)."""
    story = Story("s1", [a.id for a in articles])
    config = load_config(timeline=timeline) if timeline else load_config()
    timeline_stage(story, {a.id: a for a in articles}, config)
    return view(story, articles)


def test_events_are_ordered_by_the_date_they_happened_not_the_publication_date():
    # Published in order b, a; the events they report happened in the opposite order.
    a = make_article("a", "The dam burst on Monday.  Rescuers arrived.",
                     dt.datetime(2023, 6, 7))  # Wednesday: Monday = 5 June
    b = make_article("b", "Heavy rain began on May 30 in the valley.", dt.datetime(2023, 6, 1))
    story = run([a, b])
    assert [e["date"] for e in story.timeline] == ["2023-05-30", "2023-06-05"]
    assert story.timeline[1]["text"] == "The dam burst on Monday."


def test_raw_offsets_slice_to_the_evidence():
    raw = "Intro\u00a0line here.\n\n\nOn  March 4, the  talks  opened in Geneva."
    article = make_article("x", raw, dt.datetime(2022, 3, 9))
    story = run([article])
    (entry,) = story.timeline
    assert entry["date"] == "2022-03-04"
    (ev,) = entry["evidence"]
    assert ev["article"] == "x"
    sliced = raw[ev["start"]:ev["end"]]
    assert " ".join(sliced.split()) == "On March 4, the talks opened in Geneva."
    assert " ".join(sliced.split()) == entry["text"]


def test_no_year_keeps_month_and_day():
    a = make_article("a", "On March 5, the minister resigned. On February 26, the talks began.")
    story = run([a])
    assert [e["date"] for e in story.timeline] == ["--02-26", "--03-05"]
    assert all("year_evidence" not in e for e in story.timeline)


def test_year_is_inferred_only_from_a_full_date_in_the_same_article_and_shown():
    a = make_article("a", "The law passed on January 12, 2021. On March 5, the minister resigned.")
    b = make_article("b", "The Cuban Missile Crisis of 1962 was recalled. On March 6, talks began.")
    story = run([a, b])
    by_date = {e["date"]: e for e in story.timeline}
    assert set(by_date) == {"2021-01-12", "2021-03-05", "--03-06"}
    evidence = by_date["2021-03-05"]["year_evidence"]
    assert evidence["article"] == "a" and evidence["text"] == "January 12, 2021"
    assert a.raw[evidence["start"]:evidence["end"]] == "January 12, 2021"
    assert "year_evidence" not in by_date["--03-06"]
    # and the dates without a year sort beside the known ones
    assert [e["date"] for e in story.timeline] == ["2021-01-12", "2021-03-05", "--03-06"]


# (text without a publication date, the date given to "December 11")
@pytest.mark.parametrize("text, death", [
    # a year written far away, for another matter, is not lent
    ("She was a model in the 1950s. Her career began on April 4, 1950, in New York. She "
     "suffered a stroke on December 2 at her home. She died on December 11 at a hospital.",
     "--12-11"),
    # the date's own sentence gives it
    ("She was born on April 4, 1923. She died on December 11, a week after the stroke of "
     "December 4, 2008.", "2008-12-11"),
    # and so does a dateline: a full date in the first sentence, within two months
    ("LOS ANGELES, December 12, 2008 - The star is dead. She was born on April 4, 1923. She "
     "died on December 11 at a hospital.", "2008-12-11"),
])
def test_without_publication_date_a_year_comes_only_from_the_sentence_or_a_dateline(text, death):
    article = make_article("a", text)
    refs = collect_references(["a"], {"a": article})
    got = {r.date for r in refs if article.span_text(r.date_span) == "December 11"}
    assert got == {death}


def test_a_day_without_a_year_takes_the_one_year_another_report_writes_for_it():
    a = make_article("a", "The minister resigned on March 5, 2021 in Paris. Talks went on.")
    b = make_article("b", "On March 5, the minister resigned after a long row. Talks went on.")
    story = run([a, b])
    entry, = [e for e in story.timeline]
    assert entry["date"] == "2021-03-05" and entry["sources"] == 2
    # two years written for that day in the story: the day keeps no year
    c = make_article("c", "On March 5, 2020, the earlier minister had resigned too. Talks.")
    b = make_article("b", "On March 5, the minister resigned after a long row. Talks went on.")
    refs = collect_references(["a", "b", "c"], {x.id: x for x in (a, b, c)})
    assert {r.date for r in refs if r.article == "b"} == {"--03-05"}


def test_infer_year_can_be_switched_off():
    a = make_article("a", "The law passed on January 12, 2021. On March 5, the minister resigned.")
    story = run([a], infer_year=False)
    assert [e["date"] for e in story.timeline] == ["2021-01-12", "--03-05"]


def test_dates_need_enough_support_and_are_capped():
    texts = ["On May 1 the strike began.", "Workers walked out on May 1 at dawn.",
             "The talks failed on May 3 in the capital."]
    articles = [make_article(f"a{i}", t, dt.datetime(2019, 5, 10)) for i, t in enumerate(texts)]
    story = run(articles, min_references=2)
    assert [e["date"] for e in story.timeline] == ["2019-05-01"]
    assert story.timeline[0]["sources"] == 2
    story = run(articles, max_dates=1)
    assert [e["date"] for e in story.timeline] == ["2019-05-01"]


def test_build_timeline_takes_l_and_k_and_a_window():
    texts = ["On May 1 the strike began.", "Workers walked out on May 1 at dawn.",
             "The talks failed on May 3 in the capital.", "On April 2 a union formed."]
    articles = {f"a{i}": make_article(f"a{i}", t, dt.datetime(2019, 5, 10))
                for i, t in enumerate(texts)}
    entries = build_timeline(list(articles), articles, l=2, k=2, start="2019-05-01", min_words=3)
    assert [e["date"] for e in entries] == ["2019-05-01", "2019-05-03"]
    assert [len(e["sentences"]) for e in entries] == [2, 1]


def test_unknown_config_key_is_an_error():
    with pytest.raises(errors.NewsweaveError):
        run([make_article("a", "On May 1 the strike began.")], max_date=3)


# A date beside a clock time is the page's timestamp, not a day the text reports on; the
# sentence it is glued to is shown from after the stamp.
@pytest.mark.parametrize("raw, published, stamps, dates, text", [
    ("Comment posted January 27, 2011 at 7:59 pm | Report abuse The crowd grew on January 26.",
     dt.datetime(2011, 1, 28), ["January 27, 2011 at 7:59 pm"], ["2011-01-26"],
     "The crowd grew on January 26."),
    # a flattened page's head and dateline before the lead
    ("Article | PORTVILLE -- The ferry company cut two routes on Monday, its owners said.",
     dt.datetime(2011, 1, 26), [], ["2011-01-24"],
     "The ferry company cut two routes on Monday, its owners said."),
    ("Headline words Tuesday 4 January 2005 08:43 GMT The governor was shot on Monday.",
     dt.datetime(2005, 1, 4), ["4 January 2005 08:43 GMT", "Tuesday 4 January 2005 08:43 GMT"],
     ["2005-01-03"],
     "The governor was shot on Monday."),
    ("Updated 07:41 GMT, Wednesday, 9 June 2010 The well was capped on June 8 after weeks.",
     dt.datetime(2010, 6, 9), ["9 June 2010", "Wednesday"], ["2010-06-08"],
     "The well was capped on June 8 after weeks."),
    ("The rig exploded on April 20 at 9:45 pm, killing eleven workers on board.",
     dt.datetime(2010, 4, 22), [], ["2010-04-20"],
     "The rig exploded on April 20 at 9:45 pm, killing eleven workers on board."),
    ("The rig exploded on April 20, 2010, killing eleven workers on the platform.",
     dt.datetime(2010, 4, 22), [], ["2010-04-20"],
     "The rig exploded on April 20, 2010, killing eleven workers on the platform."),
])
def test_timestamps_name_no_day(raw, published, stamps, dates, text):
    article = make_article("a", raw, published)
    found = timestamps(article)
    assert sorted(article.text[start:end] for start, end in found.items()) == sorted(stamps)
    story = run([article], min_sentence_words=1)
    assert [e["date"] for e in story.timeline] == dates
    assert story.timeline[0]["text"] == text
    (ev,) = story.timeline[0]["evidence"]
    assert article.raw[ev["start"]:ev["end"]] == text


@pytest.mark.parametrize("lag, weight", [(None, 1.0), (-5, 1.0), (0, 1.0), (1, 1.585),
                                         (2, 2.0), (6, 3.0), (30, 5.0)])
def test_retrospect_weight(lag, weight):
    assert retrospect_weight(lag) == pytest.approx(weight, abs=1e-3)


def _refs(date: str, lags: list[int | None]) -> list[Reference]:
    return [Reference(f"{date}-{i}", 0, Span(0, 1), date, Span(0, 1), lag=lag)
            for i, lag in enumerate(lags)]


# (lags of the articles naming day A, of those naming day B, reports of A, of B, first day)
@pytest.mark.parametrize("lags_a, lags_b, reports_a, reports_b, first", [
    ([0, 0], [14], 0, 0, "B"),          # named two weeks later beats two same-day reports
    ([0, 0, 0, 0, 0], [14], 0, 0, "A"),  # ... but not five
    ([0, 0], [0], 0, 0, "A"),            # same day: the count decides
    ([None, None], [None], 0, 0, "A"),   # no publication dates: plain article counts
    ([3], [3], 0, 2, "B"),               # equal naming: the day with more reports
    ([0, 0, 0], [0], 0, 3, "B"),
])
def test_rank_dates_weighs_naming_articles_by_hindsight_and_adds_reports(
        lags_a, lags_b, reports_a, reports_b, first):
    days = {"A": "2020-03-01", "B": "2020-03-02"}
    refs = _refs(days["A"], lags_a) + _refs(days["B"], lags_b)
    ranked = rank_dates(refs, published={days["A"]: reports_a, days["B"]: reports_b})
    assert ranked[0][0] == days[first]


# (days from the event to publication, the report's lead, is it a report of the event's day)
@pytest.mark.parametrize("offset, lead, listed", [
    (0, "Troops fired on the crowd in the square.", True),
    (1, "Troops fired on the crowd in the square.", True),     # counts for the day's rank
    (2, "Troops fired on the crowd in the square.", False),    # not a report of the day
    (1, "Troops fired on the crowd on Sunday in the square.", False),  # names a day itself
    (1, "Troops fired on the crowd in March in the square.", False),   # names a month
    (-1, "Troops fired on the crowd in the square.", False),   # published before it
])
def test_report_leads_are_the_undated_leads_of_the_day_and_the_next(offset, lead, listed):
    day = dt.date(2012, 3, 5)
    published = dt.datetime.combine(day + dt.timedelta(days=offset), dt.time())
    article = make_article("r", f"{lead} Crowds gathered. Shops closed. Police left.", published)
    leads = report_leads(["r"], {"r": article}, days=2, lead=2)
    texts = [article.span_text(r.span) for r in leads.get(day.isoformat(), [])]
    assert (lead in texts) is listed
    assert all(not r.named for rs in leads.values() for r in rs)
    assert "Shops closed." not in texts  # beyond the lead
    # without a parse, nothing tells whether a lead is an event: none stands for a day
    assert lead_candidates(leads.get(day.isoformat(), [])) == []


# (days from the event to publication, the report's lead, may it stand for the day)
@pytest.mark.slow
@pytest.mark.parametrize("offset, lead, candidate", [
    (0, "Troops fired on the crowd in the square.", True),
    # the present perfect tells what is done by the time of writing, not on which day
    (0, "Rescuers have pulled a girl from the rubble of the school.", False),
    (0, "Officials said that twenty people were killed in the square.", True),
    # what is said is a non-event: nothing happened on the day
    (0, "A witness said the gate was not locked at the time of the fire.", False),
    (1, "Troops fired on the crowd in the square.", False),   # never the day before
    (0, "The disease is a highly contagious illness of the lungs.", False),  # a state
    (0, "The minister will resign after the vote in the assembly.", False),  # a future
    (0, "Cyclist wins the opening stage of the race in the capital.", False),  # present
    (0, "Did the troops fire on the crowd in the square?", False),  # a question
    (0, "The firm claims it has been on top of the crisis.", False),
    # the writer's own anecdote, not the day's news
    (0, "At a recent dinner, I heard a dean remark that he had marched twice.", False),
    # the event's own words place it at another time
    (0, '"The country\'s troubles began before the general," an analyst wrote in a column.',
     False),
    (0, "A ship was hijacked off the coast two months ago, the navy said.", False),
    (0, "Tar balls were discovered over the weekend along the shore of the bay.", False),
    (0, "The oil leak began more than a month ago, when a rig leased by the firm exploded.",
     False),
    (0, "Rebels recently seized the town on the coast road.", False),
    # a day told by another event's: "on the same day", "the next day"
    (0, "On the same day a tank shelled the hotel in the capital, killing two reporters.",
     False),
    (0, "The next day the army withdrew from the town on the coast road.", False),
    (0, "Tar balls were discovered on the shore of the bay.", True),
    # a document's finding of an act at some earlier time
    (0, "The ministry blocked the scientists from warning the public, a draft report said.",
     False),
    (0, "The ministry blocked the scientists from warning the public, officials said.", True),
    # an era the lead is set in: history, not the day's news
    (0, "The fishermen of Karsa were brutally suppressed under Hale, who banned their boats.",
     False),
    (0, "At the end of the Karsa war, vast sums were given to the port authority.", False),
    (0, "During the last phase of the floods, the army shelled the dam at Nol.", False),
    (0, "The fishermen of Karsa were suppressed under cover of darkness.", True),
])
def test_a_report_lead_stands_for_its_publication_day_only_when_it_tells_an_event(
        offset, lead, candidate):
    day = dt.date(2012, 3, 5)
    published = dt.datetime.combine(day + dt.timedelta(days=offset), dt.time())
    article = make_article("r", f"{lead} Crowds gathered.", published, parse=True)
    leads = report_leads(["r"], {"r": article}, days=2, lead=1)
    texts = [article.span_text(r.span) for r in lead_candidates(leads.get(day.isoformat(), []))]
    assert (lead in texts) is candidate


@pytest.mark.slow
def test_a_bare_definite_subject_after_the_lead_is_background():
    day = dt.date(2012, 3, 5)
    article = make_article(
        "r", "Rebels seized the port of Karsa. The commission was appointed by the president.",
        dt.datetime.combine(day, dt.time()), parse=True)
    leads = report_leads(["r"], {"r": article}, days=2, lead=2)
    texts = [article.span_text(r.span) for r in lead_candidates(leads.get(day.isoformat(), []))]
    assert texts == ["Rebels seized the port of Karsa."]


@pytest.mark.slow
def test_a_lead_sentence_after_one_that_names_a_time_goes_on_in_it():
    day = dt.date(2012, 3, 5)
    article = make_article(
        "r", "A panel visited the region in late January. Its members found shell holes in the "
        "school. Mortars and rockets were used.", dt.datetime.combine(day, dt.time()),
        parse=True)
    leads = report_leads(["r"], {"r": article}, days=2, lead=3)
    texts = [article.span_text(r.span) for r in lead_candidates(leads.get(day.isoformat(), []))]
    assert texts == []


@pytest.mark.slow
def test_a_reports_findings_and_the_leads_going_on_with_them_tell_of_no_day():
    day = dt.date(2012, 3, 5)
    article = make_article(
        "r", "Rebels seized the port of Karsa. Poor planning hampered the relief effort, "
        "according to a draft report by the commission. Two agencies spent only modest "
        "amounts.", dt.datetime.combine(day, dt.time()), parse=True)
    leads = report_leads(["r"], {"r": article}, days=2, lead=3)
    texts = [article.span_text(r.span) for r in lead_candidates(leads.get(day.isoformat(), []))]
    assert texts == ["Rebels seized the port of Karsa."]


@pytest.mark.slow
@pytest.mark.parametrize("clock, candidate", [("00.03", False), ("14.03", True)])
def test_a_page_posted_in_the_small_hours_tells_the_day_before(clock, candidate):
    lead = "Officials in the ministry were removed from their posts by the prime minister."
    article = make_article("r", f"Monday 22 August 2005 {clock} BST {lead} Crowds gathered.",
                           dt.datetime(2005, 8, 22), parse=True)
    leads = report_leads(["r"], {"r": article}, days=2, lead=2)
    texts = [article.span_text(r.span) for r in lead_candidates(leads.get("2005-08-22", []))]
    assert any(lead in t for t in texts) is candidate


@pytest.mark.slow
def test_a_report_lead_can_stand_for_the_day_and_report_days_0_turns_it_off():
    named = make_article("n", "Protests spread across the country on March 5 and beyond it.",
                         dt.datetime(2012, 3, 20), parse=True)
    report = make_article("r", "Security forces opened fire on the marchers in the capital.",
                          dt.datetime(2012, 3, 5), parse=True)
    # (the two texts differ in length, so their test embeddings differ)
    story = run([named, report], sentences_per_date=2)
    (entry,) = story.timeline
    assert entry["date"] == "2012-03-05"
    assert {ev["article"] for ev in entry["evidence"]} == {"n", "r"}
    story = run([named, report], sentences_per_date=2, report_days=0)
    assert [ev["article"] for ev in story.timeline[0]["evidence"]] == ["n"]
    # published the day after, the same lead is not entered under the day before
    report = make_article("r", "Security forces opened fire on the marchers in the capital.",
                          dt.datetime(2012, 3, 6), parse=True)
    story = run([named, report], sentences_per_date=2)
    assert [ev["article"] for ev in story.timeline[0]["evidence"]] == ["n"]


def test_a_sentence_is_shown_under_one_date_only():
    # Two days in one sentence: each day still counts, but the sentence stands for neither.
    a = make_article("a", "Troops entered the city on May 3 and left it on May 5. "
                          "On May 3 the mayor fled the city with his staff.",
                     dt.datetime(2019, 5, 10))
    story = run([a])
    shown = [(e["date"], e["text"]) for e in story.timeline]
    assert shown == [("2019-05-03", "On May 3 the mayor fled the city with his staff.")]


@pytest.mark.slow
def test_a_day_in_a_clause_a_subordinator_opens_dates_that_clause():
    # "before the dam failed on May 3": the poll is not May 3's event
    a = make_article("a", "In early May, before the dam failed on May 3, most residents said "
                          "they trusted it. The dam failed on May 3 after days of rain.",
                     dt.datetime(2019, 5, 10), parse=True)
    shown = [(e["date"], e["text"]) for e in run([a]).timeline]
    assert shown == [("2019-05-03", "The dam failed on May 3 after days of rain.")]


@pytest.mark.slow
def test_a_sentence_telling_two_days_events_is_shown_under_neither():
    a = make_article("a", "The index fell 4% on Monday but regained 2% on Tuesday. "
                          "Regulators met the exchange's board on Tuesday.",
                     dt.datetime(2019, 5, 8), parse=True)
    shown = [(e["date"], e["text"]) for e in run([a]).timeline]
    assert shown == [("2019-05-07", "Regulators met the exchange's board on Tuesday.")]


@pytest.mark.slow
def test_a_pronoun_subject_is_shown_only_after_the_entry_naming_it():
    # "she" follows the entry that names the mayor: shown; alone it is not
    a = make_article("a", "On May 2, Mayor Ana Ruiz closed the old bridge. On May 6, she "
                          "opened the new bridge to traffic.", dt.datetime(2019, 5, 10),
                     parse=True)
    assert [e["date"] for e in run([a]).timeline] == ["2019-05-02", "2019-05-06"]
    b = make_article("b", "Rain fell for days across the region. On May 6, she opened the new "
                          "bridge to traffic.", dt.datetime(2019, 5, 10), parse=True)
    assert run([b]).timeline == []
    # a bare count as the subject takes its noun from the sentence before too
    c = make_article("c", "Rain fell for days across the region. Some 1,200 left the town on "
                          "May 6 by bus.", dt.datetime(2019, 5, 10), parse=True)
    assert run([c]).timeline == []


@pytest.mark.slow
def test_example_corpus_orders_its_dated_events():
    from newsweave.pipeline import run_article_stages

    config = load_config(pipeline={"article_stages": ["spacy@1", "embed@1", "dates@1"],
                                   "story_stages": ["timeline@1"]})
    articles = [Article.from_text(p.stem, p.read_text("utf-8"))
                for p in sorted(EXAMPLES.glob("*.txt"))]
    articles, skipped = run_article_stages(articles, config)
    assert not skipped
    by_id = {a.id: a for a in articles}
    story = Story("s1", list(by_id))
    timeline_stage(story, by_id, config)
    story = view(story, articles)
    expected = [("02-26", "European leaders gathered in Paris"), ("02-29", "Kaja Kallas"),
                ("03-04", "no plans to deploy French troops"), ("03-05", "urged allies")]
    got = [(e["date"][-5:], e) for e in story.timeline]
    positions = []
    for month_day, words in expected:
        hits = [i for i, (md, e) in enumerate(got) if md == month_day and words in e["text"]]
        assert hits, f"{month_day} {words!r} missing from {[g[0] for g in got]}"
        positions.append(hits[0])
    assert positions == sorted(positions)
    for _, entry in got:
        # No year is written anywhere in these reports, so none may be made up.
        assert entry["date"].startswith("--") or "year_evidence" in entry
        for ev in entry["evidence"]:
            raw = by_id[ev["article"]].raw
            assert " ".join(raw[ev["start"]:ev["end"]].split()) == " ".join(entry["text"].split())


@pytest.mark.slow
@pytest.mark.parametrize("text, day, days_named, kept", [
    # the main clause's day, not the day of a noun inside it
    ("On November 19, the frigate sank a trawler held by pirates, its third strike since its "
     "deployment on November 2.", "November 2", 2, False),
    ("On November 19, the frigate sank a trawler held by pirates, its third strike since its "
     "deployment on November 2.", "November 19", 2, True),
    # no event: nothing happens in "is due"
    ("Its next set of updates is due Jan. 13.", "Jan. 13", 1, False),
    ("Police said the suspect was fired on Dec. 11.", "Dec. 11", 1, True),
    # the day a source spoke is not the day of what it tells, when the sentence names both
    ("The site was hit by an attack on November 11, the security firm said on Nov. 27.",
     "Nov. 27", 2, False),
    # a day inside a noun phrase or a side clause dates that, not the sentence's event
    ("Shares have fallen by half since the April 20 explosion.", "April 20", 1, False),
    ("Feinberg, who ran the fund for victims of the Sept. 11, 2001 attacks, was named to run "
     "it.", "Sept. 11, 2001", 1, False),
    ("Cases were confirmed in two people who returned from the coast two days ago.",
     "two days ago", 1, False),
    ("The mayor kept silent about the events of 1 April.", "1 April", 1, False),
    # a parse that runs two clauses into one root cannot say which the day dates
    ("A team of scientists, trying to find out how much oil has been flowing since the "
     "offshore rig Deepwater Horizon exploded on 20 April, found the rate was more than twice "
     "as high.", "20 April", 1, False),
    ("Both parties criticized his support, expressed in an interview on March 14.",
     "March 14", 1, False),
    # the main event's day: directly, through "on", fronted, or reported by a saying verb
    ("On February 26, twenty leaders gathered in Paris.", "February 26", 1, True),
    ("The company said Monday it had suspended the dividend.", "Monday", 1, True),
    ("The rig exploded on the night of April 20.", "April 20", 1, True),
    ("April 30 - A missile strike on a house in the capital kills three people.", "April 30", 1,
     True),  # a chronology's line
])
def test_a_day_enters_the_timeline_only_for_the_event_it_dates(text, day, days_named, kept):
    from newsweave.nlp.spacy_stage import load_nlp
    from newsweave.stories.timeline import event_day

    doc = load_nlp()(text)
    at = text.index(day)
    assert event_day(doc, Span(0, len(text)), Span(at, at + len(day)), days_named) is kept


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
                                       "0001-01-01T00:00:00", "9999-12-31T00:00:00"])
def test_publication_dates_at_the_edge_of_the_calendar_do_not_fail_the_story(published):
    # Relative dates reckoned from them fall before year 1 or after 9999: they are left out,
    # and the story keeps the timeline of its other reports.
    text = ("Yesterday the council met in the town hall. On Monday the mayor resigned after "
            "the vote. Tomorrow the talks resume in the capital city. Next week the court "
            "rules on the case. Three days ago the strike began in the port.")
    edge = make_article("edge", text, dt.datetime.fromisoformat(published))
    normal = make_article("normal", text, dt.datetime(2024, 3, 7))
    story = run([edge, normal])
    dates = [e["date"] for e in story.timeline]
    assert {"2024-03-04", "2024-03-06", "2024-03-08"} <= set(dates)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d|--\d\d-\d\d", d) for d in dates)
    assert all("0001" <= d[:4] <= "9999" for d in dates if not d.startswith("--"))


@pytest.mark.parametrize("text, published, day, shown", [
    # a credit glued to a sentence is cut, and a caption is never an entry
    ("Jane Doe/AP The rig exploded on 20 April in the Gulf of Mexico. Photograph: Jane "
     "Doe/Reuters shows a bird covered in oil on 20 April.", dt.datetime(2010, 4, 22),
     "2010-04-20", "The rig exploded on 20 April in the Gulf of Mexico."),
    # a writer's or an anchor's own voice is no entry
    ("Nic, we have heard so many reports of violence on Monday morning. Troops fired on the "
     "crowd in the square on Monday morning.", dt.datetime(2011, 1, 29), "2011-01-24",
     "Troops fired on the crowd in the square on Monday morning."),
])
def test_furniture_and_own_voices_are_never_entries(text, published, day, shown):
    from newsweave.model import Span as S
    from newsweave.stories.timeline import select_sentences

    a = make_article("a", text, published)
    refs = [Reference("a", i, S(s.start, s.end), day, None)
            for i, s in enumerate(a.layers["sentences"])]
    chosen = select_sentences(refs, {"a": a}, 2, min_words=3)
    assert [a.span_text(r.span) for r in chosen] == [shown]


@pytest.mark.slow
def test_a_heading_run_into_a_sentence_is_cut_off_its_entry():
    from newsweave.model import Span as S
    from newsweave.stories.timeline import select_sentences

    a = make_article("a", "Nations facing unrest The streets of the capital erupted in protest "
                          "on Friday after prayers.", dt.datetime(2011, 1, 30), parse=True)
    day = a.text.index("Friday")
    refs = [Reference("a", 0, S(0, len(a.text)), "2011-01-28", S(day, day + 6))]
    chosen = select_sentences(refs, {"a": a}, 1, min_words=3)
    assert [a.span_text(r.span) for r in chosen] == [
        "The streets of the capital erupted in protest on Friday after prayers."]


@pytest.mark.slow
def test_a_columns_leads_stand_for_no_day():
    published = dt.datetime(2012, 3, 5)
    text = ("At a recent dinner, I heard a dean remark that he had marched twice. "
            "Students marched to the pub instead.")
    article = make_article("r", text, published, parse=True)
    leads = report_leads(["r"], {"r": article}, days=1, lead=2)
    assert lead_candidates(leads.get("2012-03-05", [])) == []
    plain = make_article("p", "Students marched to the pub instead.", published, parse=True)
    leads = report_leads(["p"], {"p": plain}, days=1, lead=2)
    assert len(lead_candidates(leads.get("2012-03-05", []))) == 1


def _planned_days(text: str) -> dict[str, bool]:
    """Each timeline day of one report published on Monday 5 June 2023, and whether it is
    marked planned."""
    story = run([make_article("a", text, dt.datetime(2023, 6, 5), parse=True)])
    return {e["date"]: e.get("planned", False) for e in story.timeline}


def test_a_day_every_report_names_ahead_of_it_is_marked_planned():
    # Published on Monday 5 June: the council meets on Wednesday 7 June (ahead), the dam burst
    # on Saturday 3 June (done).
    planned = _planned_days("The council will meet on Wednesday to discuss the repairs in the "
                            "valley. The dam burst on Saturday after heavy rain in the valley.")
    assert planned == {"2023-06-03": False, "2023-06-07": True}


def test_a_day_told_in_the_future_on_the_day_itself_is_marked_planned():
    planned = _planned_days("Today the former mayor and seven officials will be tried for the "
                            "flooding of the valley. The dam burst on Saturday after heavy rain.")
    assert planned.get("2023-06-05") is True and planned.get("2023-06-03") is False, planned


def test_a_captions_day_in_the_page_head_dates_no_sentence_it_runs_into():
    a = make_article("a", "June 23: Crews clean up oil washed ashore at the beach in Nol, Fla.. "
                     "AP KARSA, Alaska -- Acme is suspending construction of a rig off the coast "
                     "to review its plans.", dt.datetime(2010, 12, 1), parse=True)
    # (the splitter ran the caption and the report into one sentence, as on such pages)
    a.layers["sentences"] = [Span(0, len(a.text), "SENT")]
    a.values["sentence_embeddings"] = a.values["sentence_embeddings"][:1]
    story = run([a])
    assert "2010-06-23" not in {e["date"] for e in story.timeline}, story.timeline


def test_undated_reports_take_the_year_of_a_day_the_story_writes_in_full_nearby():
    a = make_article("a", "Friday, June 7, 2013. The singer was born on August 8, 1921.")
    b = make_article("b", "The singer died on June 6 in her sleep at home.")
    refs = collect_references(["a", "b"], {"a": a, "b": b})
    died, = [r for r in refs if r.article == "b"]
    assert died.date == "2013-06-06" and died.year_evidence["article"] == "a"
    # a birthday near the day is no lender: only the story's latest year lends
    c = make_article("c", "The actor, born January 3, 1925, was remembered in 2008 by friends.")
    d = make_article("d", "The actor died on December 28 at his home.")
    refs = collect_references(["c", "d"], {"c": c, "d": d})
    assert {r.date for r in refs if r.article == "d"} == {"--12-28"}


def test_a_plans_day_lends_no_year_and_a_page_stamped_later_dates_no_weekday():
    a = make_article("a", "The sequel is scheduled to open on November 20, 2009 in cinemas.",
                     parse=True)
    b = make_article("b", "The first film was released in theatres on November 21 to acclaim.",
                     parse=True)
    refs = collect_references(["a", "b"], {"a": a, "b": b})
    assert {r.date for r in refs if r.article == "b"} == {"--11-21"}
    # a topic page stamped a year after the day its feed gives: its "Tuesday" is not that week's
    stamped = make_article("c", "Updated: Sun Jul 29 2012 08:01:00. The minister resigned on "
                                "Tuesday after a long row.",
                           dt.datetime(2011, 1, 31), parse=True)
    refs = collect_references(["c"], {"c": stamped})
    assert not [r for r in refs if stamped.span_text(r.date_span) == "Tuesday"]
    fresh = make_article("d", "The minister resigned on Tuesday after a long row.",
                         dt.datetime(2011, 1, 31), parse=True)
    assert [r.date for r in collect_references(["d"], {"d": fresh})] == ["2011-01-25"]
    # a sidebar's stamp at the page's end says nothing of the page
    sidebar = make_article("e", "The minister resigned on Tuesday after a long row. " + "Crowds "
                           "gathered in the square and stayed there all night. " * 6 + "Posted "
                           "7:01 pm ET February 11, 2013.", dt.datetime(2011, 1, 31), parse=True)
    assert "2011-01-25" in [r.date for r in collect_references(["e"], {"e": sidebar})]


def test_a_roundup_pages_item_about_another_story_lends_no_day():
    from newsweave.stories.timeline import build_timeline

    published = dt.datetime(2011, 2, 2)
    texts = {
        "a": "Protesters filled Tahrir Square in Cairo on Monday. Police left Cairo on Tuesday.",
        "c": "Tanks rolled into Tahrir Square on Monday, CNN said. The army stayed in Cairo.",
        "d": "Shops in Cairo closed on Tuesday. Banks in Cairo stayed shut.",
        "b": "Crowds in Cairo marched toward Tahrir Square on Monday. On February 8, the family "
             "vehicle was found in a parking lot in San Ysidro, CNN said. On January 30, "
             "troops in Cairo "
             "searched an empty building near the river.",
    }
    articles = {k: make_article(k, t, published) for k, t in texts.items()}
    for article in articles.values():  # (the outlet's own name is shared by all its pages)
        article.meta.source = "CNN"
    topic, other = np.eye(8, dtype=np.float32)[0], np.eye(8, dtype=np.float32)[1]
    for article in articles.values():
        vectors = [other if ("San Ysidro" in article.span_text(s) or "empty building" in
                             article.span_text(s)) else topic
                   for s in article.layers["sentences"]]
        article.values["sentence_embeddings"] = np.stack(vectors)
        article.layers["entities"] = [
            Span(m.start(), m.end(), "GPE" if m.group() != "Tahrir Square" else "FAC")
            for m in re.finditer(r"Tahrir Square|Cairo|San Ysidro|CNN(?:\.com)?",
                                 article.text)]
    dates = {e["date"] for e in build_timeline(list(texts), articles, min_words=3)}
    # the far sentence naming a place no other article names is another story's; the far one
    # naming Cairo, which the story names elsewhere, stays
    assert "2011-02-08" not in dates and "2011-01-30" in dates
    assert "2011-01-31" in dates


def test_a_day_by_day_log_that_lost_its_day_headings_dates_only_its_first_entry():
    entries = ["In the Gulf: Crews pumped mud into the well on Wednesday.",
               "At the White House: The president praised the crews.",
               "In the Gulf: Engineers tested the cap on Tuesday.",
               "In the Gulf: Officials said on Monday that the cap held.",
               "In the Gulf: The rig sank on April 22 after the blast.",
               "In the Gulf: Storms slowed the work on Saturday."]
    story = run([make_article("a", " ".join(entries), dt.datetime(2010, 8, 4), parse=True)])
    # (the entry's own weekdays name days the page no longer tells; a full date still dates)
    assert {e["date"] for e in story.timeline} <= {"2010-08-04", "2010-04-22"}
    assert "2010-04-22" in {e["date"] for e in story.timeline}


def test_a_day_given_up_or_told_after_since_dates_no_event():
    published = dt.datetime(2010, 6, 19)  # a Saturday
    texts = {"a": "Company spokesman Ivo Lund said the break is the first for Hale since the "
                  "Ocean Star rig Acme was leasing exploded April 20, killing 11 workers.",
             "b": "The firm will now try the fix next week, instead of Sunday as hoped."}
    articles = [make_article(k, t, published, parse=True) for k, t in texts.items()]
    refs = collect_references(list(texts), {a.id: a for a in articles})
    assert not refs


def test_a_list_items_mark_is_not_part_of_the_entry():
    published = dt.datetime(2007, 9, 22)
    text = ("Ties between Nol and Karsa became strained at sporting events.\n"
            "* Tom Hale deliberately elbowed Jo Lee at the Nol Cup on September 4, 2007.")
    article = make_article("a", text, published, parse=True)
    refs = collect_references(["a"], {"a": article})
    shown = [article.text[r.span.start:r.span.end] for r in refs if r.date == "2007-09-04"]
    assert shown and all(s.startswith("Tom Hale") for s in shown)


def test_the_pages_title_is_no_entry_and_a_paragraphs_dateline_is_cut_off():
    from newsweave.model import Span as S
    from newsweave.stories.timeline import select_sentences

    raw = ("Council approved harbour bridge on Monday.\n\n"
           "PORTVILLE, July 25 (UPI) -- The council approved the harbour bridge on Monday "
           "after a long fight.")
    a = make_article("a", raw, dt.datetime(2016, 7, 27))
    a.meta.title = "Council approved harbour bridge on Monday"
    texts = [e["text"] for e in run([a]).timeline]
    assert texts == ["The council approved the harbour bridge on Monday after a long fight."]
    # the title alone, with no lead to stand for it, is no entry either
    refs = [Reference("a", 0, S(0, raw.index("\n")), "2016-07-25", None)]
    assert select_sentences(refs, {"a": a}, 2, min_words=3) == []


def test_a_fact_check_pages_section_heading_is_no_part_of_the_entry():
    a = make_article("a", "A ship carrying rats is not heading for Florida. Origins: On 7 January "
                     "2015, a satire site published the story.", dt.datetime(2015, 1, 9),
                     parse=True)
    story = run([a])
    assert [e["text"] for e in story.timeline] == [
        "On 7 January 2015, a satire site published the story."]
