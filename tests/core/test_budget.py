"""Per-article time budgets: an article whose stages run over budget is stopped in its worker
process and skipped (E104), the worker is replaced and the batch goes on."""
from __future__ import annotations

import os
import time

import pytest

from newsweave import errors
from newsweave.api import analyse_articles
from newsweave.config import load_config
from newsweave.model import Article
from newsweave.parallel import WorkerPool, article_budget
from newsweave.registry import article_stage


@article_stage("test-hang@1", requires=("article.text",), assigns=("article.hang",))
def _hang(articles, config):
    """Hangs on an article that says "hang" (as a stuck tokenizer would), dies on "crash"."""
    for article in articles:
        if "hang" in article.text:
            while True:  # busy, like compiled code that never returns
                time.sleep(0.01)
        if "crash" in article.text:
            os._exit(9)
        article.values["hang"] = False


def _articles(*texts: str) -> list[Article]:
    return [Article.from_text(f"a{i}", text) for i, text in enumerate(texts)]


def _config(seconds: float, **nlp):
    return load_config(pipeline={"article_stages": ["test-hang@1"], "story_stages": [],
                                 "article_seconds": seconds}, nlp=nlp or None)


def test_an_article_over_its_budget_is_skipped_and_the_batch_goes_on():
    config = _config(2)
    t0 = time.monotonic()
    kept, skipped = analyse_articles(_articles("fine one", "hang here", "fine two", "fine three"),
                                     config=config)
    assert [a.id for a in kept] == ["a0", "a2", "a3"]
    assert all(a.values["hang"] is False for a in kept)
    assert [(s["input"], s["code"]) for s in skipped] == [("a1", errors.OVER_BUDGET)]
    assert "article_seconds" in skipped[0]["reason"]
    assert time.monotonic() - t0 < 60  # stopped at its budget, not left to run


def test_a_stuck_worker_is_replaced_and_several_workers_share_the_batch():
    config = _config(2, processes=2)
    texts = ["fine"] * 5 + ["hang"] + ["fine"] * 3 + ["hang again"] + ["fine"] * 4
    with WorkerPool(config, processes=2, chunk_size=4) as pool:
        chunks = list(pool.analyse(_articles(*texts)))
        assert pool.replaced == 2
        # the pool keeps working after replacing its workers
        again = list(pool.analyse(_articles("fine", "fine")))
    kept = [a.id for chunk in chunks for a in chunk[0]]
    skipped = [s["input"] for chunk in chunks for s in chunk[1]]
    assert skipped == ["a5", "a9"]
    assert kept == [f"a{i}" for i in range(len(texts)) if i not in (5, 9)]
    assert [a.id for a in again[0][0]] == ["a0", "a1"]


def test_a_worker_that_dies_costs_its_article_only():
    kept, skipped = analyse_articles(_articles("fine", "crash now", "fine"), config=_config(30))
    assert [a.id for a in kept] == ["a0", "a2"]
    assert [(s["input"], s["code"]) for s in skipped] == [("a1", errors.STAGE_FAILED)]
    assert "worker process" in skipped[0]["reason"]


def test_budget_grows_with_length_and_zero_turns_it_off():
    config = load_config(pipeline={"article_seconds": 4})
    assert article_budget(Article.from_text("s", "short text"), config) == 4
    assert article_budget(Article.from_text("l", "word " * 20_000), config) == pytest.approx(20, abs=0.01)
    assert article_budget(Article.from_text("s", "x"), load_config(
        pipeline={"article_seconds": 0})) is None
    with pytest.raises(errors.NewsweaveError):
        load_config(pipeline={"article_seconds": -1})
