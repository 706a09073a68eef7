"""Divergences: the same-matter check, comparable parts and the one-line description
(hand-built statements, no model)."""
from __future__ import annotations

import numpy as np
import pytest

from newsweave.stories.divergence import compare, describe, find_divergences
from newsweave.stories.matter import same_event, same_statement
from newsweave.stories.parts import LIGHT_PREDICATES
from newsweave.stories.statements import Statement


def _st(text, *, article="a", predicate=None, negated=False, agents=(), numbers=(), dates=(),
        speaker=None, cue=None, content_agent=None, modality=(), labels=False, places=(),
        sentence="", outlet="", groups=(), lemmas=()):
    claim = {"text": text, "start": 0, "predicate": predicate, "negated": negated,
             "modality": list(modality),
             "numbers": [{"text": str(v), "value": v, "unit": u, **({"label": True} if labels
                                                                     else {})}
                         for v, u in numbers],
             "dates": [{"text": t, "value": v} for t, v in dates],
             "entities": [{"text": k, "label": "GPE", "key": k, "role": "agent"} for k in agents]
             + [{"text": k, "label": "GPE", "key": k, "role": "other"} for k in places],
             "speaker": speaker, "cue": cue, "content": None, "content_agent": content_agent,
             "groups": [{"head": h, "members": list(m)} for h, m in groups],
             "lemmas": list(lemmas)}
    return Statement(article, 0, claim, np.zeros(2), np.zeros(2),
                     keys=frozenset(agents) | frozenset(places), sentence=sentence,
                     lemmas=frozenset(lemmas),
                     outlet=outlet)


@pytest.mark.parametrize("a, b, sim, kinds", [
    # the same act by the same agent, one side denies it
    (_st("Norland will send troops to the border.", predicate="send", agents=["norland"]),
     _st("Norland will not send troops.", article="b", predicate="send", negated=True,
         agents=["norland"]), 0.8, ["negation"]),
    # opposite polarity, but different agents: two different matters
    (_st("Norland will send troops.", predicate="send", agents=["norland"]),
     _st("Eastland will not send troops.", article="b", predicate="send", negated=True,
         agents=["eastland"]), 0.8, []),
    # both sides write the negation, though the parse missed one ("hadn ’ t" spaced off):
    # they agree
    (_st("The office said the case hadn ’ t been filed as of Tuesday.", predicate="file",
         agents=["office"]),
     _st("The office said the case had not been filed as of Tuesday.", article="b",
         predicate="file", negated=True, agents=["office"]), 0.8, []),
    (_st("The office said the case hadn't been filed.", predicate="file", agents=["office"]),
     _st("The office said the case was never filed.", article="b",
         predicate="file", negated=True, agents=["office"]), 0.8, []),
    # a condition is not a denial
    (_st("Norland will send troops.", predicate="send", agents=["norland"]),
     _st("Norland would not send troops if asked.", article="b", predicate="send",
         negated=True, agents=["norland"]), 0.8, []),
    # one count of one thing, told differently
    (_st("The storm killed 12 people in Norland.", predicate="kill", agents=["storm"],
         numbers=[(12, "people")]),
     _st("The storm killed 15 people.", article="b", predicate="kill", agents=["storm"],
         numbers=[(15, "people")]), 0.85, ["number"]),
    # numbers that name ("stage 13") count nothing
    (_st("Evans won stage 13 of the race.", predicate="win", agents=["evans"],
         numbers=[(13, "stage")], labels=True),
     _st("Evans won stage 15 of the race.", article="b", predicate="win", agents=["evans"],
         numbers=[(15, "stage")], labels=True), 0.9, []),
    # a count of what will happen and of what happened are two matters
    (_st("Okafor will miss the final two games.", predicate="miss", agents=["okafor"],
         numbers=[(2, "game")], modality=["will"]),
     _st("Okafor missed four games.", article="b", predicate="miss", agents=["okafor"],
         numbers=[(4, "game")]), 0.9, []),
    # a dateline is not when the act happened
    (_st("Tuesday, January 18 Rescuers found the climbers.", predicate="find",
         agents=["rescuers"], dates=[("January 18", "2005-01-18")]),
     _st("Rescuers found the climbers on January 16.", article="b", predicate="find",
         agents=["rescuers"], dates=[("January 16", "2005-01-16")]), 0.9, []),
    # several numbers of one unit on a side cannot be matched number to number
    (_st("Police held 12 Somali and 11 Yemeni pirates.", predicate="hold", agents=["police"],
         numbers=[(12, "pirate"), (11, "pirate")]),
     _st("Police held 23 pirates.", article="b", predicate="hold", agents=["police"],
         numbers=[(23, "pirate")]), 0.85, []),
    # numbers of different acts (a request and an offer) are not one matter
    (_st("The city asked for 5 billion dollars.", predicate="ask", agents=["city"],
         numbers=[(5e9, "USD")]),
     _st("The state offered 1.3 billion dollars.", article="b", predicate="offer",
         agents=["state"], numbers=[(1.3e9, "USD")]), 0.75, []),
    # the same sentence in two reports: no difference to report
    (_st("The storm killed 12 people.", predicate="kill", agents=["storm"],
         numbers=[(12, "people")]),
     _st("The storm killed 12 people.", article="b", predicate="kill", agents=["storm"],
         numbers=[(12, "people"), (3, "people")]), 0.99, []),
    # one figure whose scale was lost on one side ("$990m" / "$990") is not two figures
    (_st("The firm lost approximately $990m in the quarter.", predicate="lose", agents=["firm"],
         numbers=[(990e6, "USD")]),
     _st("The firm lost about $990 in the quarter, analysts said.", article="b",
         predicate="lose", agents=["firm"], numbers=[(990, "USD")]), 0.9, []),
    # two transcriptions of one quotation: a word more is not a denial
    (_st("He said there was nothing like as great a risk to the region.", predicate="be",
         agents=["he"]),
     _st("He said there was not nothing as great a risk to the region.", article="b",
         predicate="be", negated=True, agents=["he"]), 0.95, []),
    # a clause cut from a quotation at "but" against the whole quotation in another report
    (_st("big companies do not care", predicate="care", negated=True, agents=["companies"],
         sentence="I hear that big companies do not care, but we care about the coast."),
     _st("I hear that big companies do not care, but we do care about the coast.",
         article="b", predicate="care", agents=["companies"]), 0.8, []),
    # the same act on different days (a January and a December cut) is two events
    (_st("Vessels cut three cables off Sicily in December.", predicate="cut",
         agents=["vessels"], numbers=[(3, "cable")], dates=[("December", "2008-12")]),
     _st("Vessels cut five cables in January.", article="b", predicate="cut",
         agents=["vessels"], numbers=[(5, "cable")], dates=[("January", "2008-01")]),
     0.8, []),
    # ... and in different places
    (_st("Storms killed 12 people in Norland.", predicate="kill", agents=["storms"],
         numbers=[(12, "people")], places=["norland"]),
     _st("Storms killed 15 people in Eastland.", article="b", predicate="kill",
         agents=["storms"], numbers=[(15, "people")], places=["eastland"]), 0.8, []),
    # lists of things (affected services) are not who took part
    (_st("Services in Egypt were down.", predicate="be", places=["paris"],
         groups=[("service", ["egypt"])]),
     _st("Services to Egypt, Taiwan and Pakistan were hit.", article="b", predicate="hit",
         places=["paris"], groups=[("service", ["egypt", "taiwan", "pakistan"])]), 0.7, []),
    # the members of one group of people at one rarely named occasion
    (_st("About 20 European leaders met in Paris.", predicate="meet", places=["paris"],
         groups=[("leader", ["european"])]),
     _st("A meeting in Paris drew leaders from the US, Canada and Europe.", article="b",
         predicate="draw", places=["paris"], groups=[("leader", ["us", "canada", "european"])],
         lemmas=["meeting", "draw", "leader"]),
     0.6, ["participants"]),
    # ... told as one gathering in other words ("gathered" / "a summit attended by")
    (_st("Thirty mayors gathered in Paris.", predicate="gather", places=["paris"],
         groups=[("mayor", ["french"])], lemmas=["mayor", "gather"]),
     _st("The storm hit a summit in Paris attended by mayors from Spain and Italy.",
         article="b", predicate="hit", places=["paris"], groups=[("mayor", ["spain", "italy"])],
         lemmas=["storm", "hit", "summit", "attend", "mayor"]),
     0.6, ["participants"]),
    # ... not two groups that did different things, however rare the name they share
    (_st("The campaign was directed by officials of the Ministry and the Party.",
         predicate="direct", places=["paris"], groups=[("official", ["ministry", "party"])],
         lemmas=["campaign", "direct", "official"]),
     _st("When Ministry officials tried to block the inquiry in Paris", article="b",
         predicate="try", places=["paris"], groups=[("official", ["ministry"])],
         lemmas=["official", "try", "block", "inquiry"]),
     0.6, []),
])
def test_compare(a, b, sim, kinds):
    # "paris" is a rarely named place of the story (it anchors two statements to one occasion)
    assert [k for k, _, _ in compare(a, b, sim, {"@paris": 3.0})] == kinds


def test_every_divergence_states_its_check_and_reads_as_a_line():
    a = _st("The storm killed 12 people in Norland.", predicate="kill", agents=["storm"],
            numbers=[(12, "people")])
    b = _st("The storm killed 15 people.", article="b", predicate="kill", agents=["storm"],
            numbers=[(15, "people")])
    (kind, _, check), = compare(a, b, 0.85)
    assert "same act 'kill' by 'storm'" in check and "not one statement" in check
    assert describe(kind, a, b) == "How many people killed: 12 (a) or 15 (b)"
    neg_a = _st("Norland will send troops to the border.", predicate="send", agents=["norland"],
                speaker="Anna Berg", outlet="Daily Post")
    neg_b = _st("Norland will not send troops.", article="b", predicate="send", negated=True,
                agents=["norland"], speaker="Karl Lind", outlet="Evening Star")
    assert describe("negation", neg_b, neg_a) == (
        "Whether Norland will send troops to the border: Anna Berg, Daily Post says so, "
        "Karl Lind, Evening Star says not")


def test_no_line_no_divergence():
    """A denial whose asserted side cannot be told in one line is not shown."""
    long = "Norland will send " + "many more well equipped and trained " * 4 + "troops."
    a = _st(long, predicate="send", agents=["norland"])
    b = _st("Norland will not send troops.", article="b", predicate="send", negated=True,
            agents=["norland"])
    assert describe("negation", a, b) is None


def test_same_event_needs_the_same_act_and_arguments():
    a = _st("Rain fell.", predicate="fall")
    b = _st("Prices rose.", article="b", predicate="rise")
    assert same_event(a, b, LIGHT_PREDICATES) is None
    c = _st("Norland sent troops.", predicate="send", agents=["norland"])
    d = _st("Eastland sent troops.", article="b", predicate="send", agents=["eastland"])
    e = _st("Troops were sent by Norland.", article="b", predicate="send", agents=["norland"])
    assert same_event(c, d, LIGHT_PREDICATES) is None
    assert same_event(c, e, LIGHT_PREDICATES)[1] == "norland"


def test_same_statement_normalises_quotes_and_units():
    a = _st("\u201cWe lost $990m,\u201d she said.")
    b = _st('"We lost $990," she said.', article="b")
    assert same_statement(a, b)
    assert same_statement(a, _st("Rain fell on the coast all day.", article="b")) is None


# ---------------------------------------------------------------- sides that assert, quantities
def test_a_wish_or_a_question_is_no_side():
    """'X should visit Y' or 'Will X visit Y?' asserts nothing: set against 'X will not visit
    Y' it is not a negation divergence."""
    yes = _st("Ms Ilves should visit the flooded valley, but I doubt she cares.",
              predicate="visit", agents=["ilves"])
    no = _st("Ms Ilves will not visit the flooded valley this week.", article="b",
             predicate="visit", negated=True, agents=["ilves"])
    assert compare(yes, no, 0.9) == []
    ask = _st("Will Ms Ilves visit the flooded valley?", predicate="visit", agents=["ilves"])
    assert compare(ask, no, 0.9) == []


def test_clock_times_and_pages_are_not_counts():
    """Two printing times ('09.12 CET', '17.40 CET') or two pages are not two counts."""
    a = _st("The notice was printed at 09.12 CET on Monday.", predicate="print",
            numbers=[("09.12", "cet")])
    b = _st("The notice was printed at 17.40 CET on Monday.", article="b", predicate="print",
            numbers=[("17.40", "cet")])
    a.claim["numbers"][0]["value"], b.claim["numbers"][0]["value"] = 9.12, 17.4
    assert compare(a, b, 0.9) == []
    pa = _st("The notice ran on page 12 of the weekend section.", predicate="run",
             numbers=[(12, None)])
    pb = _st("The notice ran on page 31 of the weekend section.", article="b",
             predicate="run", numbers=[(31, None)])
    assert compare(pa, pb, 0.9) == []
    # a count with a time of day in the same sentence is still a count
    ca = _st("By 6.30 pm the flood had killed 40 goats.", predicate="kill", agents=["flood"],
             numbers=[(40, "goat")])
    cb = _st("The flood killed 75 goats.", article="b", predicate="kill", agents=["flood"],
             numbers=[(75, "goat")])
    assert [k for k, *_ in compare(ca, cb, 0.9)] == ["number"]


def test_sides_from_one_origin_are_not_compared():
    """One outlet's two reports (or two takes of one wire story) are not two accounts."""
    a = _st("The flood killed 40 goats.", predicate="kill", agents=["flood"],
            numbers=[(40, "goat")], outlet="Valley Post")
    b = _st("The flood killed 75 goats.", article="b", predicate="kill", agents=["flood"],
            numbers=[(75, "goat")], outlet="Valley Post")
    a.cluster, b.cluster = 1, 2
    sim = np.array([[1.0, 0.9], [0.9, 1.0]])
    opts = {"divergence_similarity": 0.5}
    assert find_divergences([a, b], sim, opts, {}, {"a": 0, "b": 0}) == []
    assert find_divergences([a, b], sim, opts, {}) == []  # no origins known: the outlet
    found = find_divergences([a, b], sim, opts, {}, {"a": 0, "b": 1})
    assert [d["kind"] for d in found] == ["number"]


def test_one_count_of_described_things_told_with_different_verbs():
    """'after two rail bridges collapsed' / 'three rail bridges fell': one count, two figures,
    though the main verbs differ; a bare unit ('three bridges') or a count of what may happen
    is not enough."""
    a = _st("Thousands were stranded after two rail bridges over the river collapsed.",
            predicate="strand", numbers=[("two", "bridge")])
    b = _st("Three rail bridges over the river fell on Sunday, the ministry said.",
            article="b", predicate="fall", agents=["ministry"], numbers=[("Three", "bridge")])
    a.claim["numbers"][0]["value"], b.claim["numbers"][0]["value"] = 2, 3
    found = compare(a, b, 0.6)
    assert [k for k, *_ in found] == ["number"]
    assert describe("number", a, b) == "How many rail bridges: two (a) or Three (b)"
    bare = _st("Three bridges fell on Sunday.", article="b", predicate="fall",
               numbers=[("Three", "bridge")])
    bare.claim["numbers"][0]["value"] = 3
    assert compare(a, bare, 0.6) == []
    maybe = _st("Three rail bridges over the river may fall.", article="b", predicate="fall",
                numbers=[("Three", "bridge")], modality=["may"])
    maybe.claim["numbers"][0]["value"] = 3
    assert compare(a, maybe, 0.6) == []


def test_counts_of_two_fates_are_two_matters():
    """'two rail workers were killed' / 'three rail workers were injured' count two things."""
    a = _st("Two rail workers were killed when the bridge fell.", predicate="kill",
            numbers=[("Two", "worker")])
    b = _st("Three rail workers were injured as the bridge fell.", article="b",
            predicate="injure", numbers=[("Three", "worker")])
    a.claim["numbers"][0]["value"], b.claim["numbers"][0]["value"] = 2, 3
    assert compare(a, b, 0.7) == []


def test_numbers_of_another_act_in_the_sentence_are_not_compared():
    def side(text, article, shots):
        st = _st(text, article=article, predicate="score", agents=["lee"],
                 numbers=[(shots, "shot")])
        st.claim["numbers"][0]["verb"] = "block"
        return st

    a = side("Lee scored 11 points and blocked six shots.", "a", 6)
    b = side("In the final run Lee scored twice and blocked two shots.", "b", 2)
    assert [k for k, _, _ in compare(a, b, 0.8)] == []
    # the same sides with the numbers told as the act's own: a divergence
    for st in (a, b):
        st.claim["numbers"][0]["verb"] = "score"
    assert [k for k, _, _ in compare(a, b, 0.8)] == ["number"]


def _counted(text, article, value, unit, verb, **kw):
    st = _st(text, article=article, predicate=verb, numbers=[(value, unit)], **kw)
    st.claim["numbers"][0]["verb"] = verb
    return st


def test_one_count_told_as_each_sides_act_below_the_same_matter_similarity():
    """'Wardens said 14 people were hurt at the fair' / 'Wardens said 21 people had been hurt
    at the fair and nine held': each side is the count, so the words around it, not the
    matter, keep the similarity low; a count of another day, another act or a weaker
    similarity is not set against it."""
    a = _counted("Wardens said 14 people were hurt at the fair.", "a", 14, "people", "hurt",
                 speaker="Wardens")
    b = _counted("Wardens said 21 people had been hurt at the fair and nine held for theft.",
                 "b", 21, "people", "hurt", speaker="Wardens")
    found = compare(a, b, 0.62)
    assert [k for k, *_ in found] == ["number"]
    assert "both sides are the count ('hurt'" in found[0][2]
    assert describe("number", a, b) == "How many people hurt: 14 (Wardens, a) or 21 (Wardens, b)"
    assert compare(a, b, 0.55) == []  # too far apart to be one matter
    # a day named on one side only: another event ("In May a storm hurt 300 people")
    dated = _counted("In May the storm hurt 300 people at the fair.", "b", 300, "people",
                     "hurt", dates=[("In May", None)])
    assert compare(a, dated, 0.65) == []
    # the number belongs to another act of the sentence ("hurt" counted, "held" told)
    other = _counted("Wardens held 21 people at the fair after some were hurt.", "b", 21,
                     "people", "hurt", speaker="Wardens")
    other.claim["predicate"] = "hold"
    assert compare(a, other, 0.65) == []


def test_a_figure_split_at_its_separator_is_no_count():
    """'more than 26, 000 people' read as '26' and '000' people: the '000' is no count of
    people to set against '612 people'."""
    a = _counted("A quake killed more than 26, 000 people in the old city.", "a", 0, "people",
                 "kill")
    a.claim["numbers"][0]["text"] = "000"
    b = _counted("The quake killed 612 people in the old city.", "b", 612, "people", "kill")
    assert compare(a, b, 0.9) == []


def test_groups_shown_with_the_same_members_tell_no_difference():
    # each side has two "men" groups; the ones a line would show are the same
    a = _st("Ultra-Orthodox Jewish men refused to sit between two women.", predicate="refuse",
            groups=[("man", ["jewish", "ultraorthodox"]), ("man", ["rabbi"])])
    b = _st("Ultra-Orthodox Jewish men would not sit next to women.", article="b",
            predicate="refuse", groups=[("man", ["jewish", "ultraorthodox"]),
                                        ("man", ["pilot"])])
    assert describe("participants", a, b) is None
