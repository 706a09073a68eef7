"""Staged ingest (``[pipeline] ingest_substitutes``): a deferred article stage runs when a story
is first briefed, once, and its results are kept in the store; `brief --db --story` of an
unchanged story gives the kept briefing, and never one built from other members.

No model: two invented stages stand for the cheap ingest work and the deep parse.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsweave import api
from newsweave.cli.brief_cmd import brief_command
from newsweave.config import load_config
from newsweave.pipeline import ingest_stage_names, missing_article_stages
from newsweave.registry import article_stage
from newsweave.store import open_store
from newsweave.store.ingest import ingest_into

RUNS = {"cheap": 0, "deep": 0}


@article_stage("test-cheap@1", requires=("article.text",), assigns=("article.cheap",))
def _cheap(articles, config):
    for article in articles:
        RUNS["cheap"] += 1
        article.values["cheap"] = len(article.text)


@article_stage("test-deep@1", requires=("article.cheap",), assigns=("article.deep",))
def _deep(articles, config):
    for article in articles:
        RUNS["deep"] += 1
        article.layers.setdefault("deep", [])
        article.values["deep"] = article.text.split()[:3]


REPORTS = {
    "a.txt": "Quake hits the coast of Chile. Rescuers search collapsed homes in Valparaiso.",
    "b.txt": "A strong quake hit the coast of Chile, and rescuers searched homes in Valparaiso.",
    "c.txt": "Chile quake: rescuers search the collapsed homes of Valparaiso after the shock.",
}


def _config(substitutes: dict[str, str] | None = None, **summary):
    return load_config(
        nlp={"processes": 1},
        pipeline={"article_stages": ["fingerprint@1", "test-cheap@1", "test-deep@1"],
                  "story_stages": [], "article_seconds": 0,
                  "ingest_substitutes": substitutes or {"test-deep@1": ""}},
        summary=summary)


def _ingest(tmp_path: Path, config, names=("a.txt", "b.txt", "c.txt")) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(REPORTS[name], "utf-8")
    db = tmp_path / "nw.db"
    with open_store(db, config=config) as store:
        ingest_into(store, [str(folder / n) for n in names], config=config)
    return db


def _story(db: Path, config) -> str:
    with open_store(db, config=config) as store:
        (story,) = store.list_stories()
    return story["id"]


def _brief(tmp_path: Path, db: Path, story: str, config, name: str, monkeypatch) -> dict:
    monkeypatch.setattr("newsweave.cli.brief_cmd.load_config", lambda *a, **k: config)
    code = brief_command([], out=tmp_path / name, db=db, story=story, quiet=True)
    assert code == 0
    return json.loads((tmp_path / name / "briefing.json").read_text("utf-8"))


def _stored_values(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    try:
        return [json.loads(v) for (v,) in conn.execute("SELECT vals FROM articles ORDER BY seq")]
    finally:
        conn.close()


def _same(a: dict, b: dict) -> bool:
    strip = [dict(x, meta={k: v for k, v in x["meta"].items() if k != "created"}) for x in (a, b)]
    for x in strip:
        x["meta"].pop("timings", None)
    return strip[0] == strip[1]


def test_ingest_runs_the_substitutes():
    config = _config()
    assert ingest_stage_names(config) == ["fingerprint@1", "test-cheap@1"]
    assert ingest_stage_names(_config({"test-deep@1": "test-deep@1"})) == [
        "fingerprint@1", "test-cheap@1", "test-deep@1"]


def test_missing_stages_bring_what_they_need():
    from newsweave.model import Article

    config = _config()
    article = Article.from_text("x", "Some text here.")
    assert missing_article_stages(article, config) == [
        "fingerprint@1", "test-cheap@1", "test-deep@1"]
    article.values["cheap"] = 1
    article.values["minhash"] = article.values["content_hash"] = 0
    # test-deep@1 needs what test-cheap@1 assigns: both run, in order
    assert missing_article_stages(article, config) == ["test-cheap@1", "test-deep@1"]
    article.values["deep"] = []
    assert missing_article_stages(article, config) == []


def test_deferred_stage_runs_once_and_is_stored(tmp_path, monkeypatch):
    config = _config()
    RUNS.update(cheap=0, deep=0)
    db = _ingest(tmp_path, config)
    assert RUNS == {"cheap": 3, "deep": 0}
    assert all("deep" not in v for v in _stored_values(db))
    story = _story(db, config)

    first = _brief(tmp_path, db, story, config, "one", monkeypatch)
    assert RUNS == {"cheap": 6, "deep": 3}
    assert all(v["deep"] for v in _stored_values(db))

    # Another config (no kept briefing for it): the stored results are used, nothing reruns.
    other = _config(words=50)
    second = _brief(tmp_path, db, story, other, "two", monkeypatch)
    assert RUNS == {"cheap": 6, "deep": 3}
    assert second["stories"] == first["stories"]


def test_rebrief_of_an_unchanged_story_is_the_kept_briefing(tmp_path, monkeypatch):
    config = _config()
    db = _ingest(tmp_path, config, names=("a.txt", "b.txt"))
    story = _story(db, config)
    first = _brief(tmp_path, db, story, config, "one", monkeypatch)

    def no_build(*args, **kwargs):
        raise AssertionError("an unchanged story was briefed again")

    with monkeypatch.context() as patch:
        patch.setattr(api, "brief_articles", no_build)
        again = _brief(tmp_path, db, story, config, "again", monkeypatch)
    assert _same(first, again)
    # the articles' text is back for the Markdown citations
    assert (tmp_path / "again" / "briefing.md").read_text("utf-8") == (
        tmp_path / "one" / "briefing.md").read_text("utf-8")

    # The story gains an article: its kept briefing is stale and never served.
    (tmp_path / "in" / "c.txt").write_text(REPORTS["c.txt"], "utf-8")
    with open_store(db, config=config) as store:
        ingest_into(store, [str(tmp_path / "in" / "c.txt")], config=config)
        (entry,) = store.list_stories()
    assert entry["id"] == story and entry["size"] == 3
    grown = _brief(tmp_path, db, story, config, "grown", monkeypatch)
    assert len(grown["articles"]) == 3


def test_a_store_analysed_in_full_at_ingest_briefs_without_rerunning(tmp_path, monkeypatch):
    """What an older newsweave wrote (every article stage run at ingest, no parse kept)."""
    config = _config({"test-deep@1": "test-deep@1"})
    RUNS.update(cheap=0, deep=0)
    db = _ingest(tmp_path, config)
    assert RUNS == {"cheap": 3, "deep": 3}
    story = _story(db, config)
    briefing = _brief(tmp_path, db, story, _config(), "one", monkeypatch)
    assert RUNS == {"cheap": 3, "deep": 3}
    assert len(briefing["articles"]) == 3


@pytest.fixture(autouse=True)
def _reset():
    RUNS.update(cheap=0, deep=0)
    yield
