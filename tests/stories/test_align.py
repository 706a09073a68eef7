"""align@1 on hand-built statements: agreement, paraphrase that is not agreement, numbers,
negation flips, and the shapes the briefing needs (no models: vectors are made up here)."""
from __future__ import annotations

import numpy as np
import pytest
from briefed import view

from newsweave.config import load_config
from newsweave.model import Article, Story
from newsweave.stories import corroboration
from newsweave.stories.align import (align_stage, dates_conflict, group_difference, negation_flip,
                                     numbers_conflict, same_entity)

DIM = 16


def _vec(seed: int, near: int | None = None, noise: float = 0.0) -> np.ndarray:
    base = np.random.default_rng(seed if near is None else near).normal(size=DIM)
    if near is not None:
        base = base + noise * np.random.default_rng(seed + 1000).normal(size=DIM)
    return (base / np.linalg.norm(base)).astype(np.float32)


def _claim(text, *, predicate, negated=False, numbers=(), dates=(), entities=(), lemmas=(),
           speaker=None, score=1.2, groups=(), content_agent=None, cue=None):
    return {"text": text, "predicate": predicate, "negated": negated, "modality": [],
            "groups": list(groups), "content_agent": content_agent,
            "numbers": list(numbers), "dates": list(dates),
            "entities": [{"text": k, "label": "GPE", "key": k, "role": r, "start": 0, "end": 0}
                         for k, r in entities],
            "lemmas": list(lemmas), "speaker": speaker, "cue": cue, "content": None,
            "score": score, "kind": "sentence"}


def _article(aid: str, items: list[tuple[dict, np.ndarray]]) -> Article:
    text = " ".join(c["text"] for c, _ in items)
    article = Article.from_text(aid, text)
    claims, pos = [], 0
    for i, (c, _) in enumerate(items):
        start = text.index(c["text"], pos)
        pos = start + len(c["text"])
        claims.append({**c, "id": f"{aid}#{i}", "article": aid, "start": start, "end": pos,
                       "sentence": i})
    vectors = np.stack([v for _, v in items])
    article.values.update(claims=claims, claim_embeddings=vectors, claim_core_embeddings=vectors,
                          sentence_embeddings=vectors)
    return article


def _run(*articles: Article):
    """The stage's findings, in briefing shape (through the one builder)."""
    story = Story("s", [a.id for a in articles])
    align_stage(story, {a.id: a for a in articles}, load_config())
    return view(story, list(articles))


def _number(value, unit, approx=False, bound=None):
    return {"text": str(value), "value": float(value), "unit": unit, "approx": approx,
            "bound": bound}


# ----------------------------------------------------------------------------- parts
@pytest.mark.parametrize("a, b, differ", [
    ([_number(20, "leader")], [_number(35, "leader")], True),
    ([_number(20, "leader", True)], [_number(22, "leader")], False),   # "about 20" ~ 22
    ([_number(95e9, "USD")], [_number(95e9, "USD")], False),
    ([_number(20, "leader")], [_number(35, "ship")], False),           # other units: no clash
    ([_number(228, "passenger")], [_number(216, "passenger")], True),
    # a bound is consistent with any value on its side: "at least 2 bodies" / "16 bodies"
    ([_number(2, "body", True, "min")], [_number(16, "body")], False),
    ([_number(20, "body", True, "min")], [_number(10, "body")], True),
    ([_number(300, "person", True, "max")], [_number(250, "person")], False),
])
def test_numbers_conflict(a, b, differ):
    assert bool(numbers_conflict({"numbers": a}, {"numbers": b})) is differ


def test_an_amount_given_in_two_currencies_is_not_compared():
    a = {"text": "Damage was estimated at $US1 million ($1.52 million), police said.",
         "numbers": [_number(1.52e6, "USD")]}
    b = {"text": "Damage was estimated at $1 million, police said.",
         "numbers": [_number(1e6, "USD")]}
    assert numbers_conflict(a, b) == []
    assert numbers_conflict({**a, "text": "Damage was estimated at $1.52 million."}, b)


@pytest.mark.parametrize("a, b, flip", [
    (dict(predicate="send", negated=False), dict(predicate="send", negated=True), True),
    (dict(predicate="send", negated=True), dict(predicate="send", negated=True), False),
    # the same light verb says nothing about being the same act
    (dict(predicate="be", negated=False), dict(predicate="be", negated=True), False),
    (dict(predicate="send", negated=False), dict(predicate="deploy", negated=True), False),
])
def test_negation_flip(a, b, flip):
    assert negation_flip(a, b) is flip


def test_dates_conflict_needs_same_precision():
    assert dates_conflict({"dates": [{"value": "--02-26"}]}, {"dates": [{"value": "--02-27"}]})
    assert not dates_conflict({"dates": [{"value": "2024-02"}]}, {"dates": [{"value": "--02-27"}]})


@pytest.mark.parametrize("a, b, same", [
    ("us", "united states", True), ("italy", "italian", True), ("ukraine", "ukrainian", True),
    ("john kirby", "kirby", True), ("iran", "iraq", False), ("austria", "australia", False),
])
def test_same_entity(a, b, same):
    assert same_entity(a, b) is same


@pytest.mark.parametrize("a, b, differ", [
    ([("leader", ["european"])], [("leader", ["us", "canada", "european"])], True),
    ([("leader", ["us", "canada"])], [("leader", ["united states", "canada"])], False),
    ([("leader", ["european"])], [("minister", ["us"])], False),  # not the same group
    ([], [("leader", ["us"])], False),
    # one name against another is a naming difference more often than a participant one
    ([("personnel", ["royal navy"])], [("personnel", ["british"])], False),
])
def test_group_difference(a, b, differ):
    def groups(items):
        return {"groups": [{"head": h, "members": m} for h, m in items]}
    assert (group_difference(groups(a), groups(b)) is not None) is differ


# ----------------------------------------------------------------------------- the stage
@pytest.fixture
def model_reads(monkeypatch):
    """Stand in for the claim-support model: every pair gets the given label, so these tests
    check how align combines its rules with the model, not the model itself."""
    def set_label(label: str) -> None:
        probs = {"supports": 0.05, "disputes": 0.05, "discusses": 0.05, "unrelated": 0.05}
        probs[label] = 0.85
        monkeypatch.setattr(corroboration, "assess",
                            lambda pairs, *args, **kwargs: {p: dict(probs) for p in pairs})
    set_label("discusses")
    return set_label


def test_agreement_that_shares_few_words_is_one_corroborated_claim(model_reads):
    a = _article("a", [(_claim("The US will not send troops to Ukraine.", predicate="send",
                               negated=True, entities=[("us", "agent")],
                               lemmas=["troop", "send", "ukraine"]), _vec(1))])
    b = _article("b", [(_claim("The US has no plans to deploy soldiers there.", predicate="deploy",
                               negated=True, entities=[("us", "agent")],
                               lemmas=["plan", "deploy", "soldier"]), _vec(2, near=1, noise=0.2))])
    story = _run(a, b)
    corroborated = [c for c in story.claims if c["status"] == "corroborated"]
    assert len(corroborated) == 1
    assert corroborated[0]["sources"] == ["a", "b"] and corroborated[0]["independent_sources"] == 2


@pytest.mark.parametrize("model, disputed", [("disputes", True), ("supports", False)])
def test_paraphrase_that_is_not_agreement_is_disputed_with_a_divergence(model_reads, model,
                                                                         disputed):
    """A denial is a divergence by the rule; the claim is disputed only when the claim-support
    model also reads the other report as disputing it."""
    model_reads(model)
    a = _article("a", [(_claim("Paris will send troops to the border.", predicate="send",
                               entities=[("paris", "agent")], lemmas=["troop", "send", "border"]),
                        _vec(1))])
    b = _article("b", [(_claim("Paris will not send troops to the border.", predicate="send",
                               negated=True, entities=[("paris", "agent")],
                               lemmas=["troop", "send", "border"]), _vec(2, near=1, noise=0.1))])
    story = _run(a, b)
    assert not [c for c in story.claims if c["status"] == "corroborated"]
    assert story.divergences and story.divergences[0]["kind"] == "negation"
    sides = story.divergences[0]["sides"]
    assert {s["evidence"][0]["article"] for s in sides} == {"a", "b"}
    if disputed:
        assert {c["status"] for c in story.claims} == {"disputed"}
        assert all(c["disputed_by"] and "disputing" in c["check"] for c in story.claims)
        coverage = story.coverage
        assert coverage["sources"] == ["a", "b"]
        assert sorted(coverage["cells"][0]) == ["carries", "disputes"]
    else:
        assert not [c for c in story.claims if c["status"] == "disputed"]


def _mine_reports() -> tuple[Article, Article]:
    """Two reports of one rescue that differ in the number of survivors."""
    a = _article("a", [(_claim("Rescuers found 12 survivors in the mine.", predicate="find",
                               numbers=[_number(12, "survivor")], lemmas=["survivor", "mine"]),
                        _vec(1))])
    b = _article("b", [(_claim("Rescuers found 21 survivors in the mine.", predicate="find",
                               numbers=[_number(21, "survivor")], lemmas=["survivor", "mine"]),
                        _vec(2, near=1, noise=0.05))])
    return a, b


def test_numbers_that_differ_are_a_divergence_not_agreement(model_reads):
    model_reads("disputes")
    story = _run(*_mine_reports())
    assert [d["kind"] for d in story.divergences] == ["number"]
    assert all(c["status"] == "disputed" for c in story.claims)
    # the check shows both passages: the claim and the one that disputes it
    check = story.claims[0]["check"]
    assert "found 12 survivors" in check and "found 21 survivors" in check


def test_topical_statements_that_say_different_things_stay_apart():
    a = _article("a", [(_claim("The storm killed three people in Manila.", predicate="kill",
                               lemmas=["storm", "kill", "manila"]), _vec(1))])
    b = _article("b", [(_claim("The storm closed the airport for a day.", predicate="close",
                               lemmas=["storm", "close", "airport"]), _vec(9))])
    story = _run(a, b)
    assert all(c["status"] == "single-source" for c in story.claims)
    assert len(story.claims) == 2


def test_copies_count_once(monkeypatch):
    import newsweave.stories.align as align

    monkeypatch.setattr(align, "_independent", lambda ids, story: 1)
    a = _article("a", [(_claim("The bridge reopened on Monday.", predicate="reopen",
                               lemmas=["bridge", "reopen"]), _vec(1))])
    b = _article("b", [(_claim("The bridge reopened on Monday.", predicate="reopen",
                               lemmas=["bridge", "reopen"]), _vec(1))])
    story = _run(a, b)
    # a short sentence word for word another's is a copy: it adds no support, no source
    assert story.claims[0]["sources"] == ["a"]
    assert story.claims[0]["independent_sources"] == 1
    assert story.claims[0]["status"] == "single-source"


def test_evidence_is_in_raw_offsets():
    raw = "The\u00a0bridge   reopened on Monday."
    article = Article.from_text("a", raw)
    claim = _claim(article.text, predicate="reopen", lemmas=["bridge"])
    article.values.update(claims=[{**claim, "id": "a#0", "article": "a", "start": 0,
                                   "end": len(article.text), "sentence": 0}],
                          claim_embeddings=_vec(1)[None], claim_core_embeddings=_vec(1)[None],
                          sentence_embeddings=_vec(1)[None])
    story = _run(article)
    ev = story.claims[0]["evidence"][0]
    assert raw[ev["start"]:ev["end"]] == raw


def test_empty_story():
    story = _run(Article.from_text("a", "Nothing here at all."))
    assert story.claims == [] and story.divergences == []
    assert story.coverage["cells"] == []


def _filler(aid: str, n: int, seed: int) -> list[tuple[dict, np.ndarray]]:
    """Statements on other matters, so that the story has a main actor named everywhere."""
    return [(_claim(f"Filler statement number {k} of {aid} about Ukraine.", predicate="be",
                    entities=[("ukraine", "other")], lemmas=[f"filler{aid}{k}"]),
             _vec(seed + k)) for k in range(n)]


def _meeting(aid: str, members: list[str], place: str, vec: np.ndarray) -> tuple[dict, np.ndarray]:
    return (_claim(f"Leaders from {', '.join(members)} met in {place} about Ukraine.",
                   predicate="meet", entities=[(m, "agent") for m in members]
                   + [(place, "other"), ("ukraine", "other")],
                   lemmas=["leader", "meet", place], groups=[{"head": "leader", "members": members}]),
            vec)


def test_who_took_part_is_a_divergence_when_one_occasion_is_named():
    a = _article("a", [_meeting("a", ["france", "germany"], "paris", _vec(1))] + _filler("a", 6, 100))
    b = _article("b", [_meeting("b", ["france", "canada"], "paris", _vec(2, near=1, noise=0.8))]
                 + _filler("b", 6, 200))
    story = _run(a, b)
    kinds = [d["kind"] for d in story.divergences]
    assert "participants" in kinds
    sides = story.divergences[kinds.index("participants")]["sides"]
    assert {s["evidence"][0]["article"] for s in sides} == {"a", "b"}


def test_different_members_without_a_shared_occasion_are_no_divergence():
    # the only shared name is the story's main actor, named in every statement
    a = _article("a", [_meeting("a", ["germany"], "ukraine", _vec(1))] + _filler("a", 6, 100))
    b = _article("b", [_meeting("b", ["canada"], "ukraine", _vec(2, near=1, noise=0.8))]
                 + _filler("b", 6, 200))
    story = _run(a, b)
    assert "participants" not in [d["kind"] for d in story.divergences]


@pytest.mark.parametrize("speaker_b, agent_b, framed", [
    ("Kuleba", "macron", True),      # two voices on what one person meant
    ("Kuleba", "meloni", False),     # ... about two different people
    ("Macron", "macron", False),     # the person on himself is his own account, not a report
])
def test_two_accounts_of_what_one_person_meant(speaker_b, agent_b, framed):
    a = _article("a", [(_claim("Officials clarified that he was discussing demining.",
                               predicate="discuss", speaker="French officials",
                               entities=[("macron", "other")], lemmas=["clarify", "demining"],
                               content_agent="macron", cue="clarify"), _vec(1))])
    b = _article("b", [(_claim(f"{speaker_b} clarified that the leader was referring to training.",
                               predicate="refer", speaker=speaker_b,
                               entities=[(speaker_b.lower(), "speaker")],
                               lemmas=["clarify", "training"], content_agent=agent_b,
                               cue="clarify"),
                        _vec(2, near=1, noise=0.5))])
    story = _run(a, b)
    assert ("framing" in [d["kind"] for d in story.divergences]) is framed


def test_two_people_saying_things_about_one_person_is_no_framing():
    # "said" reports anything: only verbs of explaining make two accounts of what one meant
    a = _article("a", [(_claim("Officials said that he was discussing demining.",
                               predicate="discuss", speaker="French officials",
                               entities=[("macron", "other")], lemmas=["say", "demining"],
                               content_agent="macron", cue="say"), _vec(1))])
    b = _article("b", [(_claim("Kuleba said that the leader was referring to training.",
                               predicate="refer", speaker="Kuleba",
                               entities=[("kuleba", "speaker")], lemmas=["say", "training"],
                               content_agent="macron", cue="say"),
                        _vec(2, near=1, noise=0.5))])
    assert "framing" not in [d["kind"] for d in _run(a, b).divergences]


@pytest.mark.parametrize("days_apart, disputed", [(0, True), (1, False)])
def test_a_count_that_changed_between_days_is_a_development_not_a_dispute(days_apart, disputed,
                                                                          model_reads):
    from datetime import datetime, timedelta

    model_reads("disputes")
    a, b = _mine_reports()
    a.meta.published = datetime(2024, 3, 1, 9)
    b.meta.published = datetime(2024, 3, 1, 18) + timedelta(days=days_apart)
    story = _run(a, b)
    assert [d["kind"] for d in story.divergences] == ["number"]
    assert story.divergences[0]["over_time"] is (not disputed)
    assert any(c["status"] == "disputed" for c in story.claims) is disputed
