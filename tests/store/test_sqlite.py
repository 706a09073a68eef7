"""The embedded store: round trips, idempotent re-ingest, crash safety, stories and aliases."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from newsweave.cli.store_cmd import ingest_command, stories_command
from newsweave.config import load_config
from newsweave.store import open_store
from store_helpers import kill_part_way
from store_helpers import make_article as _article

# No models: fingerprints only, so these tests run in a second.
LIGHT = load_config(pipeline={"article_stages": ["fingerprint@1"], "story_stages": []})

EVENTS = {
    "flood": "Flood waters rose along the Danube in Passau on Monday, forcing hundreds of "
             "residents to leave their homes as rescue boats patrolled the old town.",
    "strike": "Dock workers in Rotterdam began a three-day strike over pay on Tuesday, halting "
              "container traffic at Europe's largest port, the union said.",
    "launch": "A rocket carrying a weather satellite lifted off from Kourou in French Guiana on "
              "Wednesday night, the European space agency said after the launch.",
}


def test_round_trip_keeps_text_offsets_layers_and_values(tmp_path):
    store = open_store(tmp_path / "news.db", config=LIGHT)
    raw = "Title\u00a0line\r\n\r\nBody text of the article."
    article = _article("x1", raw, day=4)
    assert store.add_articles([article]) == (1, 0)
    story_id = store.list_stories()[0]["id"]
    story, articles = store.load_story(story_id)
    back = articles["x1"]
    assert (back.raw, back.text, back.offsets) == (article.raw, article.text, article.offsets)
    assert back.meta.published == article.meta.published
    assert back.layers["entities"][0].attrs == {"note": "hand-made"}
    assert back.layers == article.layers
    assert np.array_equal(back.values["embedding"], article.values["embedding"])
    assert back.values["sentence_embeddings"].shape == (1, 64)
    assert back.values["model"] == "test"
    assert story.articles == ["x1"]


def test_reingest_same_content_adds_nothing(tmp_path):
    store = open_store(tmp_path / "news.db", config=LIGHT)
    batch = [_article(f"a{i}", text) for i, text in enumerate(EVENTS.values())]
    assert store.add_articles(batch) == (3, 0)
    again = [_article(f"other-id-{i}", text.upper()) for i, text in enumerate(EVENTS.values())]
    assert store.add_articles(again) == (0, 3)  # same words: known, whatever the id or case
    assert store.counts()["articles"] == 3
    # New content under a taken id is kept under a fresh id, not dropped.
    assert store.add_articles([_article("a0", "Completely different report about a quiet day.")]) \
        == (1, 0)
    assert store.has_article("a0~2")


def test_stories_listed_with_dates_and_sizes(tmp_path):
    store = open_store(tmp_path / "news.db", config=LIGHT)
    texts = [EVENTS["flood"], EVENTS["flood"] + " More rain is expected.",
             EVENTS["strike"]]
    store.add_articles([_article(f"a{i}", t, day=i + 1) for i, t in enumerate(texts)])
    listed = store.list_stories()
    assert [s["size"] for s in listed] == [2, 1]
    assert listed[0]["first"].startswith("2024-03-01") and listed[0]["last"].startswith("2024-03-02")
    assert set(listed[0]) >= {"id", "title", "size", "first", "last"}


def test_assignment_survives_reopening(tmp_path):
    path = tmp_path / "news.db"
    store = open_store(path, config=LIGHT)
    store.add_articles([_article("a1", EVENTS["launch"])])
    first_id = store.list_stories()[0]["id"]
    store.close()
    store = open_store(path, config=LIGHT)  # clusterer state restored from the db
    store.add_articles([_article("a2", EVENTS["launch"] + " The satellite reached orbit.")])
    listed = store.list_stories()
    assert len(listed) == 1 and listed[0]["id"] == first_id and listed[0]["size"] == 2


def test_unknown_story_is_a_coded_error(tmp_path):
    from newsweave.errors import NewsweaveError

    store = open_store(tmp_path / "news.db", config=LIGHT)
    with pytest.raises(NewsweaveError) as info:
        store.load_story("s-nope")
    assert info.value.code == "E202"


def _write_inputs(folder, n):
    folder.mkdir()
    names = list(EVENTS)
    for i in range(n):
        event = names[i % len(names)]
        (folder / f"{i:03d}.txt").write_text(
            f"Report {i} on the {event}\n\n{EVENTS[event]} Update number {i} adds detail {i * 7}.",
            "utf-8")


def test_ingest_command_is_idempotent(tmp_path, capsys):
    inputs = tmp_path / "in"
    _write_inputs(inputs, 9)
    db = str(tmp_path / "news.db")
    assert ingest_command([str(inputs)], db, None, True, config=LIGHT) == 0
    assert ingest_command([str(inputs)], db, None, True, config=LIGHT) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 9
        assert conn.execute("SELECT count(*) FROM story_members").fetchone()[0] == 9
    capsys.readouterr()
    assert stories_command(db, "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert sum(s["size"] for s in listed) == 9
    assert stories_command(str(tmp_path / "missing.db")) == 2


def test_killed_ingest_loses_nothing_committed_and_rerun_completes(tmp_path):
    """SIGKILL an ingest part way, check the committed batches are whole, rerun, check all."""
    inputs = tmp_path / "in"
    n = 40
    _write_inputs(inputs, n)
    db = tmp_path / "news.db"
    script = textwrap.dedent(f"""
        import time
        from newsweave.cli import store_cmd
        from newsweave.config import load_config
        from newsweave.store import sqlite as store_sqlite
        original = store_sqlite.SqliteStore.add_articles
        def slow(self, articles, **kw):
            result = original(self, articles, **kw)
            time.sleep(0.4)   # a slow batch, so the kill lands between and inside batches
            return result
        store_sqlite.SqliteStore.add_articles = slow
        cfg = load_config(pipeline={{"article_stages": ["fingerprint@1"], "story_stages": []}})
        store_cmd.ingest_command([{str(inputs)!r}], {str(db)!r}, None, True, config=cfg,
                                 batch_size=5)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)

    def stored() -> int | None:
        if not db.exists():
            return 0
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            return None

    stored = kill_part_way(proc, stored, at_least=10)
    assert 10 <= stored < n, "the ingest was not killed part way"
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        members = conn.execute("SELECT count(*) FROM story_members").fetchone()[0]
    assert count % 5 == 0 and count == members  # whole batches, each with its assignments
    assert ingest_command([str(inputs)], str(db), None, True, config=LIGHT) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
        assert conn.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0] == n
        assert conn.execute("SELECT count(*) FROM story_members").fetchone()[0] == n
        sizes = conn.execute("SELECT sum(size) FROM stories").fetchone()[0]
    assert sizes == n


def test_merge_is_persisted_as_alias(tmp_path):
    store = open_store(tmp_path / "news.db", config=LIGHT)
    store.add_articles([_article("a", "Volcano erupts near Reykjavik, lava reaches the road")])
    store.add_articles([_article("b", "Airlines cancel flights over Iceland as ash cloud spreads")])
    before = {s["id"] for s in store.list_stories()}
    bridge = ("Volcano erupts near Reykjavik: lava reaches the road and airlines cancel flights "
              "over Iceland as the ash cloud spreads")
    store.add_articles([_article("c", bridge), _article("d", bridge + " again today")])
    after = store.list_stories()
    if len(before) == 2 and len(after) == 1:
        (alias,) = before - {after[0]["id"]}
        assert after[0]["aliases"] == [alias]
        story, articles = store.load_story(alias)  # the old id still opens the story
        assert story.id == after[0]["id"] and set(articles) == {"a", "b", "c", "d"}


HEADLINES = {
    "quake": ["Strong earthquake strikes Chile coast, tsunami warning issued for Valparaiso",
              "Chile earthquake: tsunami warning after strong quake near Valparaiso coast",
              "Valparaiso shaken as strong earthquake hits Chile; tsunami warning lifted later",
              "Tsunami warning in Chile after a strong earthquake off the Valparaiso coast"],
    "rates": ["Central bank of Norway raises interest rates by half a point to fight inflation",
              "Norway's central bank lifts interest rates half a point as inflation climbs",
              "Norges Bank raises rates by 0.5 points, citing stubborn inflation"],
    "volcano": ["Volcano erupts in Iceland near Grindavik, flights grounded across Europe",
                "Iceland volcano eruption near Grindavik grounds flights in Europe"],
}


def test_ingest_groups_as_brief_does_even_one_article_per_batch(tmp_path):
    from newsweave.stories.cluster import group_into_stories
    from newsweave.store.ingest import ingest_into

    folder = tmp_path / "in"
    folder.mkdir()
    for event, titles in HEADLINES.items():
        for i, title in enumerate(titles):
            (folder / f"{event}-{i}.txt").write_text(
                f"{title}\n\n{title}. More details were given by officials on the day.\n", "utf-8")
    config = load_config(pipeline={"article_stages": ["fingerprint@1"], "story_stages": []})
    store = open_store(tmp_path / "nw.db", config=config)
    report = ingest_into(store, [folder], config=config, batch_size=1)
    assert report.added == 9 and report.reconciled
    stored = {frozenset(s.articles) for s in
              (store.load_story(e["id"])[0] for e in store.list_stories())}
    _, articles = zip(*[store.load_story(e["id"]) for e in store.list_stories()])
    everything = [a for group in articles for a in group.values()]
    batch = {frozenset(s.articles) for s in group_into_stories(everything, config)}
    assert stored == batch

    # With the pass switched off nothing is re-clustered (and the report says so).
    off = load_config(pipeline={"article_stages": ["fingerprint@1"], "story_stages": []},
                      stories={"reconcile_limit": 0})
    other = open_store(tmp_path / "off.db", config=off)
    assert not ingest_into(other, [folder], config=off, batch_size=1).reconciled
