"""The Spark job in local[2] on loopback: the same stories as the embedded path (light
pipeline: fingerprint only), the reconcile step across partitions, near-duplicates against
every pair, incremental runs, skipped inputs and briefings of the same schema."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from serve_stores import REPORTS, light_config, write_reports

from newsweave.api import analyse_articles, group_stories, read_articles


def partition(story_of: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid, sid in story_of.items():
        groups.setdefault(sid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def embedded(folder: Path, config) -> list:
    articles, skipped = read_articles([str(folder)], config=config)
    articles, _ = analyse_articles(articles, config=config)
    return group_stories(articles, config)


def table(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def test_session_is_local_on_loopback_without_ui(spark):
    conf = spark.sparkContext.getConf()
    assert spark.sparkContext.master == "local[2]"
    assert conf.get("spark.driver.host") == "127.0.0.1"
    assert conf.get("spark.driver.bindAddress") == "127.0.0.1"
    assert conf.get("spark.ui.enabled") == "false"


@pytest.mark.parametrize("partition_days", [28.0, 1.0])
def test_same_stories_as_the_embedded_path(spark, tmp_path, partition_days):
    """One partition per event (28 days), and with 1-day partitions a story cut in two
    (ferry-a/b on 2 June, ferry-c on 3 June) that only the reconcile step puts back together."""
    from newsweave.spark.job import run_job

    config = light_config()
    folder = write_reports(tmp_path / "in")
    result = run_job(spark, inputs=[str(folder)], out=tmp_path / "out", config=config,
                     partition_days=partition_days)
    stories = embedded(folder, config)
    assert result.articles == len(REPORTS) and result.skipped == 0
    assert partition(result.story_of()) == partition({a: s.id for s in stories
                                                       for a in s.articles})
    if partition_days == 1.0:
        assert result.reconciled >= 1
    rows = table(tmp_path / "out" / "stories")
    # Same order (largest first), members in reading order, ids and titles as brief's.
    assert [(r["story"], r["articles"], r["title"]) for r in rows] == [
        (s.id, s.articles, s.title) for s in stories]


def test_briefings_have_the_briefing_schema(spark, tmp_path):
    import jsonschema

    from newsweave.report.build import briefing_schema
    from newsweave.spark.job import run_job

    folder = write_reports(tmp_path / "in")
    run_job(spark, inputs=[str(folder)], out=tmp_path / "out", config=light_config())
    rows = table(tmp_path / "out" / "stories")
    assert rows
    for row in rows:
        briefing = json.loads(row["briefing"])
        jsonschema.validate(briefing, briefing_schema())
        assert [s["id"] for s in briefing["stories"]] == [row["story"]]
        assert sorted(a["id"] for a in briefing["articles"]) == sorted(row["articles"])
    articles = table(tmp_path / "out" / "articles")
    assert {a["id"] for a in articles} == {Path(n).stem for n in REPORTS}
    assert all(len(a["minhash"]) == 128 for a in articles)


def test_skipped_inputs_are_reported_as_brief_reports_them(spark, tmp_path):
    from newsweave.spark.job import run_job

    config = light_config()
    folder = write_reports(tmp_path / "in", ["ferry-a.md", "museum-a.md"])
    (folder / "empty.txt").write_text("", "utf-8")
    (folder / "broken.jsonl").write_text('{"id": "x", "text": \n', "utf-8")
    result = run_job(spark, inputs=[str(folder), str(tmp_path / "missing")], out=tmp_path / "o",
                     config=config)
    _, skipped = read_articles([str(folder), str(tmp_path / "missing")], config=config)
    assert result.articles == 2
    got = sorted((r["input"], r["code"]) for r in table(tmp_path / "o" / "skipped"))
    assert got == sorted((e["input"], e["code"]) for e in skipped)
    assert len(got) == 3


def _text(words: int, seed: int) -> str:
    import random

    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(400)]
    return " ".join(rng.choice(vocab) for _ in range(words))


def test_duplicates_are_the_pairs_over_the_threshold(spark, tmp_path):
    """LSH band explode + group-by finds exactly the pairs that comparing every pair finds."""
    import numpy as np

    from newsweave.model import Article
    from newsweave.spark.job import run_job

    base = [_text(300, seed) for seed in range(4)]
    texts = {}
    for i, text in enumerate(base):
        words = text.split()
        texts[f"orig{i}"] = text
        texts[f"copy{i}"] = " ".join(words[:290] + ["edited"] * 10)        # a light edit
        texts[f"half{i}"] = " ".join(words[:150] + _text(150, 100 + i).split())  # half kept
    articles = [Article.from_text(aid, t) for aid, t in texts.items()]
    config = light_config()
    run_job(spark, articles=articles, out=tmp_path / "out", config=config)
    found = {(r["a"], r["b"]) for r in table(tmp_path / "out" / "duplicates")}
    rows = table(tmp_path / "out" / "articles")
    sig = {r["id"]: np.asarray(r["minhash"]) for r in rows}
    ids = sorted(sig)
    threshold = config.stories.copies_duplicate_jaccard
    expected = {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
                if float(np.mean(sig[a] == sig[b])) >= threshold}
    assert {(f"copy{i}", f"orig{i}") for i in range(4)} <= expected
    assert found == expected


def test_incremental_run_takes_only_new_files(spark, tmp_path):
    from newsweave.spark.stream import run_incremental

    config = light_config()
    folder = write_reports(tmp_path / "in", ["ferry-a.md", "museum-a.md"])
    out = tmp_path / "out"
    first = run_incremental(spark, source=folder, out=out, config=config)
    assert first.articles == 2
    write_reports(folder)  # the other three arrive; the first two are written again
    second = run_incremental(spark, source=folder, out=out, config=config)
    third = run_incremental(spark, source=folder, out=out, config=config)
    ids = [r["id"] for r in table(out / "articles")]
    assert second.articles == 3 and third.articles == 0
    assert sorted(ids) == sorted(Path(n).stem for n in REPORTS)  # nothing analysed twice
    stories = embedded(folder, config)
    assert partition(second.story_of()) == partition({a: s.id for s in stories
                                                       for a in s.articles})
