"""Large batches run in worker processes and give the same findings as in-process runs."""
import numpy as np
import pytest

from newsweave.api import analyse_articles, read_articles
from newsweave.config import load_config
from newsweave.nlp.parse_pack import PACK_KEY, unpack

pytestmark = pytest.mark.slow


def test_workers_match_in_process(example_dir):
    # article_seconds = 0: in-process, so the serial articles keep their Doc to compare with
    base = load_config(pipeline={"article_stages": ["spacy@1", "embed@1", "quotes@1"],
                                 "story_stages": [], "article_seconds": 0})
    articles, _ = read_articles([str(example_dir)], config=base)
    serial, _ = analyse_articles(articles, config=base)
    parallel_config = load_config(
        nlp={"processes": 2, "parallel_min_articles": 2},
        pipeline={"article_stages": ["spacy@1", "embed@1", "quotes@1"], "story_stages": []})
    fresh, _ = read_articles([str(example_dir)], config=parallel_config)
    seen = []
    parallel, skipped = analyse_articles(fresh, config=parallel_config, chunk_size=2,
                                         progress=lambda label, done, total: seen.append(done))
    assert skipped == [] and [a.id for a in parallel] == [a.id for a in serial]
    assert seen[-1] == len(serial)
    for a, b in zip(serial, parallel):
        assert a.layers["sentences"] == b.layers["sentences"]
        assert a.layers["entities"] == b.layers["entities"]
        assert np.allclose(a.values["embedding"], b.values["embedding"], atol=1e-4)
        assert [q.content for q in a.values["quotes"]] == [q.content for q in b.values["quotes"]]
        assert "doc" not in b.cache
        # the parse comes back packed (nlp.parse_pack) and rebuilds to the in-process Doc
        rebuilt = unpack(b.cache[PACK_KEY], a.cache["doc"].vocab)
        assert [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in rebuilt] == \
            [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in a.cache["doc"]]


def test_vectors_after_the_budget_match_in_process(example_dir):
    # A brief's sentence and claim vectors run in the workers after each article's budgeted
    # stages (``after_stages``): the same vectors as the brief stages give in this process.
    from newsweave.pipeline import prepare_for_stories

    stages = ["spacy@1", "embed@1", "quotes@1", "claims@1"]
    base = load_config(pipeline={"article_stages": stages, "story_stages": [],
                                 "article_seconds": 0})
    articles, _ = read_articles([str(example_dir)], config=base)
    serial, _ = analyse_articles(articles, config=base)
    prepare_for_stories(serial, base)
    parallel_config = load_config(nlp={"processes": 2, "parallel_min_articles": 2},
                                  pipeline={"article_stages": stages, "story_stages": []})
    fresh, _ = read_articles([str(example_dir)], config=parallel_config)
    timings: dict[str, float] = {}
    parallel, skipped = analyse_articles(fresh, config=parallel_config, chunk_size=2,
                                         timings=timings,
                                         after_stages=["sentence-vectors@1", "claim-vectors@1"])
    assert skipped == [] and [a.id for a in parallel] == [a.id for a in serial]
    assert "sentence-vectors@1 in workers" in timings
    for a, b in zip(serial, parallel):
        for key in ("sentence_embeddings", "claim_embeddings", "claim_core_embeddings"):
            assert np.array_equal(a.values[key], b.values[key]), (a.id, key)
