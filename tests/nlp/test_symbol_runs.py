"""Long runs of one symbol held spaCy's tokenizer for minutes (16,000 `*` took 27 s, 8,000
took 5 s: quadratic); the parse now reads a same-length copy with such runs cut short."""
from __future__ import annotations

import time

import pytest

from newsweave.api import analyse_articles
from newsweave.config import load_config
from newsweave.model import Article
from newsweave.nlp.spacy_stage import MAX_CHUNK, SYMBOL_RUN, parse_text


@pytest.mark.parametrize("run", ["*" * 30_000, "[" * 30_000, "\U0001F600" * 30_000,
                                 "\U0001F600\u2764\U0001F601" * 10_000, "(" * 5000 + ")" * 5000])
def test_parse_text_keeps_length_and_words_and_cuts_runs(run):
    text = f"The minister said so. {run} Then the vote came."
    parsed = parse_text(text)
    assert len(parsed) == len(text)
    assert parsed.startswith("The minister said so. ") and parsed.endswith(" Then the vote came.")
    assert max(len(chunk) for chunk in parsed.split()) <= max(MAX_CHUNK, SYMBOL_RUN)


def test_ordinary_text_is_parsed_as_it_is():
    text = "Prices rose 5% -- the most since 2008... \"We're worried,\" he said (AP).\n\n---\n"
    assert parse_text(text) == text


@pytest.mark.slow
def test_a_symbol_run_article_is_handled_in_seconds_and_the_batch_keeps_its_findings():
    quote = ('"We will not send troops," the minister said on Monday in Paris, after talks '
             'with the allies.')
    articles = [Article.from_text("before", quote),
                Article.from_text("stars", "Headline\n\n" + quote + "\n\n" + "*" * 50_000),
                Article.from_text("emoji", quote + "\n\n" + "\U0001F600" * 50_000),
                Article.from_text("after", quote)]
    config = load_config(pipeline={"article_stages": ["spacy@1", "quotes@1"], "story_stages": []})
    t0 = time.monotonic()
    kept, skipped = analyse_articles(articles, config=config)
    assert skipped == []
    assert [a.id for a in kept] == ["before", "stars", "emoji", "after"]
    assert all(a.values["quotes"] for a in kept)
    assert time.monotonic() - t0 < 120  # took minutes before (the models load in this time too)
