"""Time expressions resolved against the publication date: a table of cases, negatives beside
positives. No model is loaded: spaCy DATE entities are given by hand where a case needs one."""
from __future__ import annotations

import datetime as dt

import pytest

from newsweave.model import Article, ArticleMeta, Span
from newsweave.nlp.dates import dates_stage, find_dates, normalise

WED = dt.datetime(2024, 2, 28, 9, 30)  # a Wednesday
JAN = dt.date(2011, 1, 5)

CASES = [
    # (text, published, expected value or None, granularity, year_evidence)
    ("on Monday", WED, "2024-02-26", "day", "published"),
    ("on Wednesday", WED, "2024-02-28", "day", "published"),  # the day itself
    ("on Thursday", WED, "2024-02-22", "day", "published"),  # past: last week's Thursday
    ("last Monday", WED, "2024-02-26", "day", "published"),
    ("last Wednesday", WED, "2024-02-21", "day", "published"),
    ("next Monday", WED, "2024-03-04", "day", "published"),
    ("yesterday", WED, "2024-02-27", "day", "published"),
    ("today", WED, "2024-02-28", "day", "published"),
    ("last night", WED, "2024-02-27", "day", "published"),
    ("three days ago", WED, "2024-02-25", "day", "published"),
    ("Two weeks and two days ago", WED, "2024-02-12", "day", "published"),  # both parts count
    ("A week ago today", WED, "2024-02-21", "day", "published"),  # that very day
    ("a week ago", WED, "2024-02-21", "week", "published"),
    ("last week", WED, "2024-02-19", "week", "published"),
    ("last month", WED, "2024-01", "month", "published"),
    ("last year", WED, "2023", "year", "published"),
    ("February 26", WED, "2024-02-26", "day", "published"),
    ("26 February", WED, "2024-02-26", "day", "published"),
    ("Feb. 26", WED, "2024-02-26", "day", "published"),
    ("March 4", WED, "2024-03-04", "day", "published"),  # a few days ahead: same year
    ("December 28", JAN, "2010-12-28", "day", "published"),  # would be months ahead: last year
    ("November 3", WED, "2023-11-03", "day", "published"),
    ("February 29", dt.date(2025, 3, 10), "2024-02-29", "day", "published"),
    ("in May", dt.date(2010, 4, 29), "2010-05", "month", "published"),
    # no publication date: keep month and day, year unknown; relative words cannot be placed
    ("February 26", None, "--02-26", "day", None),
    ("On March 14", None, "--03-14", "day", None),
    ("February 29", None, "--02-29", "day", None),
    ("on Monday", None, None, None, None),
    ("last week", None, None, None, None),
    ("yesterday", None, None, None, None),
    # the year written in the text wins over the publication date
    ("March 4, 2022", WED, "2022-03-04", "day", "text"),
    ("4 March 2022", None, "2022-03-04", "day", "text"),
    ("May 2009", WED, "2009-05", "month", "text"),
    ("in 2005", None, "2005", "year", "text"),
    ("2011-02-13", None, "2011-02-13", "day", "text"),
    # negatives: names, verbs, decades, durations, amounts
    ("On Easter Monday", WED, None, None, None),  # a feast's name, not this week's Monday
    ("until Good Friday", WED, None, None, None),
    ("Theresa May", WED, None, None, None),
    ("May", WED, None, None, None),
    ("the March of Dimes", WED, None, None, None),
    ("March Madness", WED, None, None, None),
    ("the 1990s", WED, None, None, None),
    ("two years", WED, None, None, None),
    ("three decades", WED, None, None, None),
    ("February 30", None, None, None, None),
]


@pytest.mark.parametrize("text,published,value,granularity,evidence", CASES,
                         ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_normalise(text, published, value, granularity, evidence):
    got = normalise(text, published)
    if value is None:
        assert got is None
        return
    assert got == {"value": value, "granularity": granularity, "year_evidence": evidence}


def test_future_tense_weekday_is_after_publication():
    assert normalise("on Monday", WED, future=True)["value"] == "2024-03-04"
    text = "The ministers will meet on Friday. They met on Friday."
    values = [s.attrs["value"] for s in find_dates(text, WED, sentences=[Span(0, 34), Span(35, 54)])]
    assert values == ["2024-03-01", "2024-02-23"]


@pytest.mark.parametrize("text,expected", [
    ("Theresa May said on Monday that the vote may come in March.", ["Monday", "March"]),
    ("The March for Our Lives was held on March 24.", ["March 24"]),
    ("Prices rose 5% in the 1990s and May 5 million people vote?", []),
    ("Since the 2008 crisis, on 26 February 2024, leaders met.", ["26 February 2024"]),
    ("He may march on Tuesday.", ["Tuesday"]),
    # any such day, not one date
    ("The ferry crew met one Saturday afternoon and sails every Friday.", []),
    # a date inside a name is no day; after a preposition of time it is one
    ("A group called the 25th of January Youth will form a party.", []),
    ("On the 25th of January Egyptians rose up.", ["25th of January"]),
])
def test_find_dates_spans(text, expected):
    spans = find_dates(text, WED)
    assert [text[s.start:s.end] for s in spans] == expected


def test_spacy_date_entities_go_to_dateparser_only_when_they_name_a_point():
    text = "Over the past two years, and by mid-January 2011, the 1990s boom ended."
    ents = [Span(5, 23, "DATE"), Span(32, 48, "DATE"), Span(50, 59, "DATE"), Span(0, 4, "ORG")]
    assert [text[e.start:e.end] for e in ents[:3]] == ["the past two years", "mid-January 2011",
                                                       "the 1990s"]
    spans = find_dates(text, JAN, entities=ents)
    assert [(text[s.start:s.end], s.attrs["value"]) for s in spans] == [
        ("January 2011", "2011-01")]


def test_stage_fills_the_layer_in_cleaned_coordinates():
    raw = "Leaders  met on February\u00a026.\n\nThey met again on Monday."
    article = Article.from_text("a", raw, ArticleMeta(published=WED))
    article.layers["sentences"] = [Span(0, 27), Span(29, 54)]
    article.layers["entities"] = []
    dates_stage([article], config=None)
    got = [(article.span_text(s), s.attrs["value"]) for s in article.layers["dates"]]
    assert got == [("February 26", "2024-02-26"), ("Monday", "2024-02-26")]
    start, end = article.to_raw(article.layers["dates"][0].start, article.layers["dates"][0].end)
    assert raw[start:end] == "February\u00a026"


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31),
                                       dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
                                       dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(
                                           dt.timedelta(hours=-14)))])
def test_dates_past_the_calendar_are_left_out_not_an_error(published):
    text = ("Yesterday the council met. Tomorrow the talks resume. Next week the court rules. "
            "Last month the budget passed. Three days ago the strike began. Last year it rained. "
            "On Monday the mayor resigned. Next month the vote comes. On March 5 it ended.")
    spans = find_dates(text, published)
    values = [s.attrs["value"] for s in spans]
    assert values  # the dates inside the calendar are still found
    for value in values:
        if not value.startswith("--"):
            assert 1 <= int(value[:4]) <= 9999 and len(value.split("-")[0]) == 4
    day = published if isinstance(published, dt.date) and not isinstance(
        published, dt.datetime) else published.date()
    inside = "tomorrow" if day.year == 1 else "yesterday"
    expected = day + dt.timedelta(days=1 if inside == "tomorrow" else -1)
    assert normalise(inside, published)["value"] == expected.isoformat()
    assert normalise("yesterday" if day.year == 1 else "tomorrow", published) is None


def test_a_future_weekday_equal_to_the_publication_weekday_is_that_day():
    # WED is a Wednesday: "will meet on Wednesday" is today, "next Wednesday" a week on
    assert normalise("on Wednesday", WED, future=True)["value"] == "2024-02-28"
    assert normalise("next Wednesday", WED, future=True)["value"] == "2024-03-06"
    assert normalise("next Wednesday", WED)["value"] == "2024-03-06"


THU = dt.datetime(2010, 6, 17)  # a Thursday


# (sentence of a report published on THU, the weekday in it, its date or None when left out)
@pytest.mark.slow
@pytest.mark.parametrize("text, day, value", [
    # the tense of the verb governing the date, not a "will" or "planned" elsewhere
    ("The firm, which will pay the fund, said on Wednesday that it had acted.", "Wednesday",
     "2010-06-16"),
    ("The rig sank on Tuesday, a day that will be remembered for years.", "Tuesday",
     "2010-06-15"),
    ("The group met on Saturday and planned to meet again soon.", "Saturday", "2010-06-12"),
    ("Officials will meet the families on Tuesday.", "Tuesday", "2010-06-22"),
    ("The chief executive plans to tell the committee on Thursday that it acted.", "Thursday",
     "2010-06-17"),  # the publication's weekday: that day, not a week on
    ("The first payment is due on Monday.", "Monday", "2010-06-21"),
    ("The vote is scheduled for Friday in the capital.", "Friday", "2010-06-18"),
    # a plan told in the past: before or after publication, nothing tells
    ("The first payment was due on Monday.", "Monday", None),
    ("The first payment was due on Monday, but has now been cancelled.", "Monday", None),
    ("The firm was due to make a payment on Monday, which it cancelled.", "Monday", None),
    ("The vote was scheduled to take place on Friday.", "Friday", None),
    # the day of an anticipated event, hung from a noun or a noun's infinitive: ahead of a
    # present telling, either side of a past one
    ("The speech comes on the eve of the mayor's meeting with the unions on Tuesday.",
     "Tuesday", "2010-06-22"),
    ("He said so in testimony to be delivered to a Senate panel Monday.", "Monday",
     "2010-06-21"),
    ("The committee sent a letter to the firm, ahead of its hearing with the chief on Tuesday.",
     "Tuesday", None),
    ("The council will hold a hearing scheduled for Monday.", "Monday", "2010-06-21"),
    # a verb's own day stays the verb's: "ahead of" after the date changes nothing
    ("Shares rose on Monday ahead of the vote.", "Monday", "2010-06-14"),
    # a possibility is ahead of its telling: after a present one, either side of a past one
    ("The storm may hit the coast on Monday.", "Monday", "2010-06-21"),
    ("Officials warned on Sunday that the storm might hit the coast on Monday.", "Monday",
     None),
    ("The ships may have sailed on Monday.", "Monday", "2010-06-14"),
    # the day prepared for is ahead of the preparing
    ("Shops readied themselves for Monday, the start of the work week.", "Monday", None),
    ("Shops are preparing for Monday, the start of the work week.", "Monday", "2010-06-21"),
    # what one party has another do comes after the order: ahead of a present telling, either
    # side of a past one
    ("I have ordered the secretaries to visit the site on Friday.", "Friday", "2010-06-18"),
    ("The mayor asked the ministers to visit the site on Friday.", "Friday", None),
    # an imperative's day is ahead: what the speaker asks for has not happened yet
    ('"Dear neighbours, go back to your work on Sunday and help the town," the mayor wrote.',
     "Sunday", "2010-06-20"),
])
def test_a_weekday_takes_the_tense_of_the_clause_governing_it(text, day, value):
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp()(text)
    at = text.index(day)  # spaCy's DATE entity too: it must not date a weekday left out
    spans = find_dates(text, THU, sentences=[Span(0, len(text))], doc=doc,
                       entities=[Span(at, at + len(day), "DATE")])
    got = [s.attrs["value"] for s in spans if text[s.start:s.end] == day]
    assert got == ([value] if value else [])


C, P = "context", "published"  # year_evidence: the passage's frame, the publication


# (text of a report published on THU, {expression: (value, year_evidence)}); sentences end
# at ". "
@pytest.mark.parametrize("text, expected", [
    # a chronology stays in the year written at its start, the nearest year to it
    ("The envoy reported on March 3 2008 that talks stalled. He reported again on March 20. "
     "On April 2, the talks ended.",
     {"March 20": ("2008-03-20", C), "April 2": ("2008-04-02", C)}),
    ("The memo was written on May 4 2007. It recalls what the minister said on 20 November "
     "about it.", {"20 November": ("2006-11-20", C)}),
    ("The inspectors came back in November 2006. Their first report in January was short.",
     {"January": ("2007-01", C)}),
    # past the passage, a year-less day takes the year of the document's own date (its first
    # sentence), unless something reckoned from publication came between
    ("Advice given on March 7 2003. It runs long. It cites a ruling of August 1992. One. Two. "
     "Three. Four. Five. Six. Seven. The minister stated on 25 November that it was so.",
     {"25 November": ("2002-11-25", C)}),
    # ... but not a day of the last month as reckoned from publication: that is news
    ("A bomb went off on 18 April 1953 at a test site. One. Two. Three. Four. Five. Six. Seven. "
     "The former president spoke on June 9 in Pretoria.",
     {"June 9": ("2010-06-09", P)}),
    ("Advice given on March 7 2003. Yesterday it was published. One. Two. Three. Four. Five. "
     "Six. Seven. The minister stated on 25 November that it was so.",
     {"25 November": ("2009-11-25", P)}),
    # something reckoned from publication ends the passage's frame
    ("The levee broke on 12 May 2009. Yesterday the firm paid. On June 2, a barge sank.",
     {"June 2": ("2010-06-02", P)}),
    # ... and so does a passage back in the present ("now")
    ("The unrest began in January 2009. It is now believed the army has lost the cities. A "
     "ceasefire started on 12 April in the north.", {"12 April": ("2010-04-12", P)}),
    # ... and a time that runs up to the present frames nothing
    ("She has run the agency since July 2009. Eleven workers were killed on 20 April at sea.",
     {"20 April": ("2010-04-20", P)}),
    # a weekday in a retrospective clause right after a written day is that day's weekday
    ("The storm hit on Sunday, March 7, 2010. Hours earlier, on Saturday, crowds came.",
     {"Sunday": ("2010-03-07", "text"), "Saturday": ("2010-03-06", C)}),
    ("The storm hit on March 7, 2010. A day later, on Monday, crews arrived.",
     {"Monday": ("2010-03-08", C)}),
    # without such a clause a weekday is reckoned from publication ("earlier on Monday" is
    # earlier that day)
    ("The storm hit on March 7, 2010. Earlier on Monday, crews said the roads were open.",
     {"Monday": ("2010-06-14", P)}),
    ("The storm hit on March 7, 2010. On Monday, crews said the roads were open.",
     {"Monday": ("2010-06-14", P)}),
    # ... but a weekday in a passage about another year is in no week the report can name
    ("The tanker ran aground on 18 March 1967. On Easter Monday, the tanker broke up.",
     {"Monday": None}),
    # a frame within a month of publication is the present: the usual reckoning
    ("The rig sank on June 1, 2010. On 20 April it exploded.", {"20 April": ("2010-04-20", P)}),
])
def test_dates_are_read_in_their_passages_own_time(text, expected):
    bounds, start = [], 0
    for part in text.split(". "):
        end = min(start + len(part) + 1, len(text))
        bounds.append(Span(start, end))
        start = end + 1
    found = {text[s.start:s.end]: s.attrs for s in find_dates(text, THU, sentences=bounds)}
    for expression, wanted in expected.items():
        if wanted is None:
            assert not any(expression in k for k in found), found
            continue
        value, evidence = wanted
        assert (found[expression]["value"], found[expression]["year_evidence"]) == (value,
                                                                                    evidence)
        if evidence == C:  # the written date that gave the year is named
            a, b = found[expression]["year_from"]
            assert text[a:b][-4:].isdigit()


def test_an_indefinite_weekday_is_not_dated_by_spacy_either():
    from newsweave.nlp.spacy_stage import load_nlp

    text = '"It was a slow day," the skipper, 21, said one Saturday afternoon.'
    doc = load_nlp()(text)
    entities = [Span(e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert find_dates(text, WED, entities=entities, doc=doc) == []


def _parsed_dates(text: str, published: dt.date) -> dict[str, str]:
    from newsweave.nlp.spacy_stage import load_nlp

    doc = load_nlp()(text)
    entities = [Span(e.start_char, e.end_char, e.label_) for e in doc.ents]
    sentences = [Span(s.start_char, s.end_char) for s in doc.sents]
    return {text[s.start:s.end]: s.attrs["value"]
            for s in find_dates(text, published, entities=entities, sentences=sentences, doc=doc)}


def test_a_weekday_the_rules_leave_undated_is_not_dated_a_week_back_by_spacy():
    monday = dt.date(2011, 4, 11)
    # a weekday in a passage framed by another year is no date, whatever spaCy's entity says
    text = ("Crude rose to a high in September 2008. But Acme, the first to report, "
            "reported a large profit on Monday, after a loss a year ago.")
    assert "Monday" not in _parsed_dates(text, monday)
    # ... but "since" a time is up to the present, and frames no passage
    text = ("Crude rose to its highest since September 2008. But Acme, the first to report, "
            "reported a large profit on Monday, after a loss a year ago.")
    assert _parsed_dates(text, monday)["Monday"] == "2011-04-11"


def test_a_day_agreed_to_is_ahead_of_the_agreement():
    friday = dt.date(2011, 2, 4)
    text = ("Some opposition parties told reporters on Friday they have agreed to meet with the "
            "vice president on Saturday.")
    assert _parsed_dates(text, friday)["Saturday"] == "2011-02-05"


@pytest.mark.parametrize("printed, yesterday", [
    ("Saturday 29 May 2010", None),           # printed the day after the feed's: either day
    ("Friday 28 May 2010", "2010-05-27"),     # printed the same day: the feed's day before
])
def test_yesterday_in_a_page_printed_the_day_after_is_no_day(printed, yesterday):
    text = ("BP's chief executive, Tony Hayward, yesterday scaled up his assessment of the "
            "spill. Officials said today the plume had grown. A version appeared on p6 of the "
            f"Main section section of the Guardian on 02.03 BST on {printed}")
    dates = _parsed_dates(text, dt.date(2010, 5, 28))
    assert dates.get("yesterday") == yesterday, dates
    assert dates.get("today") == "2010-05-28", dates


@pytest.mark.parametrize("text, expression, value", [
    # a day with its year said right after it is in that year, whatever passage it is in
    ("The war began in March 2003. He died on December 17 last year.", "December 17",
     "2004-12-17"),
    # a time that runs up to the present frames no passage, however it is put
    ("The toll since the start of hostilities in March 2003 is 87. Owen died on December 17 "
     "while on patrol.", "December 17", "2004-12-17"),
])
def test_a_day_reads_the_year_said_beside_it_and_no_running_time(text, expression, value):
    dates = _parsed_dates(text, dt.date(2005, 5, 2))
    assert dates.get(expression) == value, dates


def test_a_date_that_names_a_movement_is_no_day():
    text = ("The alliance known as March 14 is fiercely opposed. Its rivals, the March 8 "
            "coalition, are allies. The talks began on March 14 in Nol.")
    found = [(text[s.start:s.end], s.start) for s in find_dates(text, dt.date(2011, 11, 29))]
    assert found == [("March 14", text.rindex("March 14"))], found
