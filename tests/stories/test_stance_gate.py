"""The relevance gate on invented clauses (not from any corpus): thing AND act."""

import pytest

from newsweave.stories.stance_gate import NO_ACT, NO_THING, gate


class Tok:
    """A token stand-in: the gate reads only lemmas."""

    def __init__(self, word: str) -> None:
        self.lemma_ = word
        self.lower_ = word
        self.text = word
        self.pos_ = "NOUN"


def toks(words: str) -> list[Tok]:
    return [Tok(w) for w in words.split()]


MATTER = {"object": "bridge", "acts": {"close"}, "verb": "close", "stop_acts": set(),
          "predicate": ""}


@pytest.fixture(autouse=True)
def plain_lemma(monkeypatch):
    monkeypatch.setattr("newsweave.stories.stance_gate.lemma", lambda t: t.lemma_)


def test_thing_and_act_pass():
    assert gate(toks("the council should close the bridge"), MATTER, True) == ""


def test_thing_without_act_fails():
    # a passage about the bridge's paint says nothing on closing it
    assert gate(toks("the bridge be repaint last spring"), MATTER, True) == NO_ACT


def test_side_word_counts_as_act():
    assert gate(toks("she oppose the bridge plan"), MATTER, True) == ""


def test_no_thing_fails_whatever_the_act():
    assert gate(toks("they close the school"), MATTER, False) == NO_THING


def test_stopping_question_takes_continuing_as_opposite():
    matter = {"object": "ferry", "acts": {"continue"}, "verb": "suspend",
              "stop_acts": {"suspend"}, "predicate": ""}
    assert gate(toks("the ferry will keep run"), matter, True) == ""


def test_predicate_and_its_negative():
    matter = {"object": "strike", "acts": set(), "verb": "", "stop_acts": set(),
              "predicate": "lawful"}
    assert gate(toks("the strike be unlawful"), matter, True) == ""


def test_a_harm_foretold_is_a_side():
    assert gate(toks("a bridge there would lead to disaster"), MATTER, True) == ""
