"""The PostgreSQL store: the SQLite store's behaviour (round trips, idempotence, ids, stories,
aliases, errors), its writer lock, crash safety under SIGKILL, full-text search, and the CLI."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

psycopg = pytest.importorskip("psycopg", reason="the psycopg driver is not installed (make venv)")

from newsweave import errors
from newsweave.cli.store_cmd import ingest_command, stories_command
from newsweave.config import load_config
from newsweave.model import Article
from newsweave.store import PostgresStore, open_store
from newsweave.store.postgres import STORE_BUSY, is_postgres_url, require_sqlite
from store_helpers import kill_part_way, make_article

LIGHT = load_config(pipeline={"article_stages": ["fingerprint@1"], "story_stages": []})


def _article(article_id: str, text: str, *, day: int | None = None):
    return make_article(article_id, text, day=day, source="Wire")


def _write_inputs(folder, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"r{i:03d}.txt").write_text(
            f"Report {i}: the harbour of town number {i} flooded after storm {i % 4} on "
            f"Monday, officials in district {i} said, and roads {i * 7} were closed.", "utf-8")


def _count(url: str, sql: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_urls_are_told_from_paths():
    assert is_postgres_url("postgresql://u@127.0.0.1:5432/db")
    assert is_postgres_url("postgresql:/u@127.0.0.1:5432/db")  # through pathlib.Path
    assert is_postgres_url("postgres://u@h/db")
    assert not is_postgres_url("news.db") and not is_postgres_url("./postgresql.db")
    with pytest.raises(errors.NewsweaveError) as info:
        require_sqlite("postgresql://u:secret@h/db", "serve")
    assert info.value.code == errors.BAD_CONFIG and "secret" not in str(info.value)


def test_unreachable_server_is_a_coded_error_without_the_password():
    with pytest.raises(errors.NewsweaveError) as info:
        open_store("postgresql://nw:hunter2@127.0.0.1:1/nothing")
    assert info.value.code == errors.CANNOT_WRITE
    assert "hunter2" not in str(info.value) and "cannot connect" in str(info.value)


def test_round_trip_equals_the_sqlite_store(pg_db, tmp_path):
    raw = "Title\u00a0line\r\n\r\nBody text of the article."
    pg = open_store(pg_db, config=LIGHT)
    lite = open_store(tmp_path / "news.db", config=LIGHT)
    assert isinstance(pg, PostgresStore)
    for store in (pg, lite):
        assert store.add_articles([_article("x1", raw, day=4)]) == (1, 0)
    a, b = pg.get_articles(["x1"])["x1"], lite.get_articles(["x1"])["x1"]
    original = _article("x1", raw, day=4)
    for got in (a, b):
        assert (got.raw, got.text, got.offsets) == (original.raw, original.text, original.offsets)
        assert got.meta == original.meta
        assert got.layers == original.layers
        assert np.array_equal(got.values["embedding"], original.values["embedding"])
        assert got.values["embedding"].dtype == np.float32
        assert got.values["sentence_embeddings"].shape == (1, 64)
        assert got.values["model"] == "test"
    assert a.values.keys() == b.values.keys()
    assert pg.list_stories() == lite.list_stories()
    pg.close()
    lite.close()


def test_idempotent_and_ids_taken_by_other_content_get_a_suffix(pg_db):
    with open_store(pg_db, config=LIGHT) as store:
        assert store.add_articles([Article.from_text("a", "One text here."),
                                   Article.from_text("b", "One text, here!")]) == (1, 1)
        assert store.add_articles([Article.from_text("a", "One text here.")]) == (0, 1)
        assert store.add_articles([Article.from_text("a", "Another text entirely."),
                                   Article.from_text("a", "A third text, different.")]) == (2, 0)
        assert sorted(store.get_articles(["a", "a~2", "a~3"])) == ["a", "a~2", "a~3"]
        counts = store.counts()
        assert (counts["articles"], counts["unassigned"]) == (3, 0)
    with open_store(pg_db, config=LIGHT) as again:  # reopening keeps everything
        assert again.counts()["articles"] == 3
        assert again.has_article("a~3") and not again.has_article("b")


def test_stories_survive_reopening_and_unknown_story_is_coded(pg_db):
    with open_store(pg_db, config=LIGHT) as store:
        store.add_articles([_article("f1", "Flood waters rose along the Danube in Passau on "
                                     "Monday as rescue boats patrolled the old town.", day=4)])
    with open_store(pg_db, config=LIGHT) as store:
        store.add_articles([_article("f2", "Flood waters rose along the Danube in Passau on "
                                     "Monday while rescue boats patrolled the old town.", day=4)])
        stories = store.list_stories()
        assert len(stories) == 1 and stories[0]["size"] == 2
        assert stories[0]["first"].startswith("2024-03-04")
        story, articles = store.load_story(stories[0]["id"])
        assert sorted(articles) == ["f1", "f2"] and story.title
        with pytest.raises(errors.NewsweaveError) as info:
            store.load_story("s-nope")
        assert info.value.code == errors.UNKNOWN_STORY


def test_merge_is_persisted_as_alias(pg_db, tmp_path):
    """The SQLite test's scenario: two stories joined by a bridging article; same ids both."""
    out = []
    for store in (open_store(pg_db, config=LIGHT), open_store(tmp_path / "m.db", config=LIGHT)):
        store.add_articles([_article("a", "Volcano erupts near Reykjavik, lava reaches the road")])
        store.add_articles([_article("b", "Grindavik evacuated as fissure opens near the town")])
        store.add_articles([_article("c", "Volcano erupts near Reykjavik; Grindavik evacuated as "
                                     "lava reaches the road and a fissure opens near the town")])
        store.reconcile_stories(["a", "b", "c"])
        out.append((store.list_stories(), store.counts()))
        store.close()
    assert out[0] == out[1]


def test_findings_round_trip_and_are_dropped_when_the_story_changes(pg_db):
    with open_store(pg_db, config=LIGHT) as store:
        store.add_articles([_article("q1", "Dock workers in Rotterdam began a strike over pay "
                                     "on Tuesday, the union said.", day=5)])
        sid = store.list_stories()[0]["id"]
        story, _ = store.load_story(sid)
        story.set_findings({"summary": [{"text": "Dock workers struck.", "cites": []}]})
        store.save_findings(story)
        again, _ = store.load_story(sid)
        assert again.findings_dict() == story.findings_dict()
        store.add_articles([_article("q2", "Dock workers in Rotterdam began a strike over pay "
                                     "on Tuesday, halting traffic, the union said.", day=5)])
        assert store.resolve_story(sid)
        assert _count(pg_db, "SELECT count(*) FROM findings") == 0


def test_search_matches_every_word_with_stemming_and_ignores_operators(pg_db):
    with open_store(pg_db, config=LIGHT) as store:
        store.add_articles([_article("s1", "Ferry crews walked out on Monday, halting crossings."),
                            _article("s2", "The museum reopened after a renovation.")])
        hits = store.search("ferry crossing")
        assert [h["id"] for h in hits] == ["s1"] and "<b>" in hits[0]["snippet"]
        assert store.search("museum ferry") == []
        assert store.search("') & !!:* <-> (") == []
        assert store.search("") == []


def test_second_writer_run_waits_then_fails_with_e306(pg_db):
    holder = open_store(pg_db, config=LIGHT)
    other = open_store(pg_db, config=LIGHT)
    told = []
    with holder.writer_lock():
        with pytest.raises(errors.NewsweaveError) as info:
            with other.writer_lock(timeout=0.5, on_wait=told.append):
                pass
    assert info.value.code == STORE_BUSY == "E306"
    assert f"newsweave[{os.getpid()}" in str(info.value)   # names the holder
    assert len(told) == 1 and "waiting" in told[0]
    with other.writer_lock(timeout=0.5):   # released by the holder: taken at once
        other.add_articles([Article.from_text("w", "Written under the lock.")])
    holder.close()
    other.close()


def test_writer_lock_of_a_killed_process_is_released(pg_db):
    script = textwrap.dedent(f"""
        import sys, time
        from newsweave.store import open_store
        store = open_store({pg_db!r})
        with store.writer_lock():
            print("locked", flush=True)
            time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked", proc.stderr.read()
        store = open_store(pg_db, config=LIGHT)
        with pytest.raises(errors.NewsweaveError):
            with store.writer_lock(timeout=0.3):
                pass
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with store.writer_lock(timeout=30):   # the server ended the dead client's session
        pass
    store.close()


def test_killed_ingest_loses_nothing_committed_and_rerun_completes(pg_db, tmp_path):
    inputs = tmp_path / "in"
    n = 40
    _write_inputs(inputs, n)
    script = textwrap.dedent(f"""
        import time
        from newsweave.cli import store_cmd
        from newsweave.config import load_config
        from newsweave.store import postgres
        original = postgres.PostgresStore._assign
        def slow(self, conn, articles):
            result = original(self, conn, articles)
            time.sleep(0.4)   # inside the transaction: the kill lands mid-batch too
            return result
        postgres.PostgresStore._assign = slow
        cfg = load_config(pipeline={{"article_stages": ["fingerprint@1"], "story_stages": []}})
        store_cmd.ingest_command([{str(inputs)!r}], {pg_db!r}, None, True, config=cfg,
                                 batch_size=5)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)

    def stored() -> int | None:
        try:
            return _count(pg_db, "SELECT count(*) FROM articles")
        except psycopg.Error:
            return None   # tables not created yet

    stored = kill_part_way(proc, stored, at_least=10)
    assert 10 <= stored < n, "the ingest was not killed part way"
    time.sleep(0.5)  # the server notices the dead client and rolls its transaction back
    count = _count(pg_db, "SELECT count(*) FROM articles")
    assert count % 5 == 0 and count == _count(pg_db, "SELECT count(*) FROM story_members")
    assert ingest_command([str(inputs)], pg_db, None, True, config=LIGHT) == 0
    assert _count(pg_db, "SELECT count(*) FROM articles") == n
    assert _count(pg_db, "SELECT count(DISTINCT content_hash) FROM articles") == n
    assert _count(pg_db, "SELECT count(*) FROM story_members") == n
    assert _count(pg_db, "SELECT sum(size) FROM stories") == n


def test_cli_ingest_and_stories_on_a_url(pg_db, tmp_path, capsys):
    inputs = tmp_path / "in"
    _write_inputs(inputs, 6)
    assert ingest_command([str(inputs)], pg_db, None, False, config=LIGHT) == 0
    assert ingest_command([str(inputs)], pg_db, None, True, config=LIGHT) == 0
    assert "6 articles in" in capsys.readouterr().out
    assert stories_command(pg_db, "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert sum(s["size"] for s in listed) == 6
    # A URL that went through pathlib (the CLI's --db is a Path) still opens the database.
    from pathlib import Path

    assert stories_command(str(Path(pg_db)), "jsonl") == 0
    assert len(capsys.readouterr().out.splitlines()) == len(listed)
