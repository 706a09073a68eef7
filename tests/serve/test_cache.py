"""The briefing cache: kept in the store by story version, served stale (never waiting for a
build) when the story changed, rebuilt in the background; lists filter by date and text.

No models: the stores here use the fingerprint stage only and no story stages.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time

import pytest
from fastapi.testclient import TestClient

from serve_stores import FERRY, app_for, ingest, light_config, story_of, wait_for, write_reports

_app, _story_of = app_for, story_of
_wait = wait_for


def test_briefing_is_built_once_then_served_from_the_store(make_light_db):
    db = make_light_db(FERRY)
    with TestClient(_app(db)) as client:
        story_id = _story_of(client, "ferry-a")
        first = client.get(f"/api/v1/stories/{story_id}/briefing")
        assert first.headers["x-newsweave-briefing"] == "built"
        second = client.get(f"/api/v1/stories/{story_id}/briefing")
        assert second.headers["x-newsweave-briefing"] == "fresh"
        assert second.content == first.content
        assert sorted(second.json()["stories"][0]["articles"]) == ["ferry-a", "ferry-b"]
    # kept in the store: a new server process serves it without building
    rows = sqlite3.connect(db).execute("SELECT story_id, articles FROM briefing_cache").fetchall()
    assert [(r[0], sorted(json.loads(r[1]))) for r in rows] == [(story_id, FERRY_IDS)]
    app = _app(db)
    app.state.services.cache.builder.build = _never
    with TestClient(app) as client:
        response = client.get(f"/api/v1/stories/{story_id}/briefing")
        assert response.headers["x-newsweave-briefing"] == "fresh"


FERRY_IDS = ["ferry-a", "ferry-b"]


def _never(story_id):
    raise AssertionError("no build expected")


def test_a_changed_story_is_served_stale_at_once_and_rebuilt(make_light_db, tmp_path):
    db = make_light_db(FERRY)
    app = _app(db, poll_seconds=3600)  # only requests queue rebuilds here
    builder = app.state.services.cache.builder
    real_build = builder.build
    gate = threading.Event()

    def slow_build(story_id):
        gate.wait(60)  # a build that takes as long as the test wants
        return real_build(story_id)

    with TestClient(app) as client:
        story_id = _story_of(client, "ferry-a")
        old = client.get(f"/api/v1/stories/{story_id}/briefing").json()
        # a third report of the same event arrives (as `newsweave ingest` or `watch` adds it)
        ingest(db, write_reports(tmp_path / "more", ["ferry-c.md"]), light_config())
        builder.build = slow_build
        assert _story_of(client, "ferry-c") == story_id
        listed = client.get("/api/v1/stories").json()["stories"]
        assert {s["id"]: s["briefing"] for s in listed}[story_id] == "stale"

        response = client.get(f"/api/v1/stories/{story_id}/briefing")
        # answered from the cache while the rebuild waits on the gate
        assert response.headers["x-newsweave-briefing"] == "stale"
        assert response.json() == old
        assert builder.pending() == 1
        page = client.get(f"/stories/{story_id}", headers={"accept": "text/html"})
        assert page.status_code == 200 and "has changed since this briefing" in page.text
        gate.set()
        _wait(lambda: builder.pending() == 0)
        fresh = client.get(f"/api/v1/stories/{story_id}/briefing")
        assert fresh.headers["x-newsweave-briefing"] == "fresh"
        assert sorted(fresh.json()["stories"][0]["articles"]) == ["ferry-a", "ferry-b", "ferry-c"]


def test_the_background_check_rebuilds_changed_stories_without_a_request(make_light_db,
                                                                         tmp_path):
    db = make_light_db(FERRY)
    app = _app(db, poll_seconds=0.2)
    cache = app.state.services.cache
    builder = cache.builder
    real_build = builder.build
    gate = threading.Event()

    def gated_build(story_id):
        # Holds the rebuild until the test has seen the story stale: on a busy machine the
        # 0.2 s check could otherwise rebuild it before the test looks.
        assert gate.wait(120), "the test never opened the gate"
        return real_build(story_id)

    with TestClient(app) as client:
        story_id = _story_of(client, "ferry-a")
        client.get(f"/api/v1/stories/{story_id}/briefing")
        builder.build = gated_build
        ingest(db, write_reports(tmp_path / "more", ["ferry-c.md"]), light_config())
        assert cache.lookup_quiet(story_id) == "stale"
        # no request asked for it: the background check queues the rebuild by itself
        _wait(lambda: builder.pending() == 1, seconds=120)
        gate.set()
        _wait(lambda: cache.lookup_quiet(story_id) == "fresh", seconds=120)
        assert "ferry-c" in cache.cached(story_id).articles


def test_concurrent_requests_for_a_new_story_build_it_once(make_light_db):
    db = make_light_db(FERRY)
    app = _app(db)
    builder = app.state.services.cache.builder
    calls = []
    real_build = builder.build

    def counted(story_id):
        calls.append(story_id)
        time.sleep(0.3)
        return real_build(story_id)

    builder.build = counted
    with TestClient(app) as client:
        story_id = _story_of(client, "ferry-a")
        results = []
        threads = [threading.Thread(target=lambda: results.append(
            client.get(f"/api/v1/stories/{story_id}/briefing"))) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert calls == [story_id]
    assert len(results) == 4 and all(r.status_code == 200 for r in results)
    assert len({r.content for r in results}) == 1


def test_a_failed_build_is_an_error_in_the_shape_and_the_next_request_retries(make_light_db):
    db = make_light_db(FERRY)
    app = _app(db)
    builder = app.state.services.cache.builder
    real_build = builder.build

    def broken(story_id):
        raise RuntimeError("model exploded")

    builder.build = broken
    with TestClient(app, raise_server_exceptions=False) as client:
        story_id = _story_of(client, "ferry-a")
        response = client.get(f"/api/v1/stories/{story_id}/briefing")
        assert response.status_code == 500
        assert response.json()["error"]["code"] == "E999"
        builder.build = real_build
        assert client.get(f"/api/v1/stories/{story_id}/briefing").status_code == 200


def test_stories_newest_first_with_outlets_and_date_filters(make_light_db):
    db = make_light_db()
    with TestClient(_app(db)) as client:
        stories = client.get("/api/v1/stories").json()["stories"]
        assert [s["size"] for s in stories] == [2, 3]  # the museum (September) before the ferry
        museum, ferry = stories
        assert museum["first"].startswith("2025-09-10") and ferry["last"].startswith("2025-06-03")
        assert ferry["outlets"] == ["Harbour News", "Coast Daily"]  # most articles first
        assert ferry["outlet_count"] == 2

        def ids(**params):
            return [s["id"] for s in client.get("/api/v1/stories", params=params).json()["stories"]]

        assert ids(since="2025-06-03") == [museum["id"], ferry["id"]]
        assert ids(since="2025-06-04") == [museum["id"]]
        assert ids(until="2025-06-02") == [ferry["id"]]
        assert ids(since="2025-06-04", until="2025-09-09") == []
        assert ids(q="crossing") == [ferry["id"]]
        assert ids(q="museum crowns") == [museum["id"]]
        assert ids(q="museum ferry") == []


@pytest.mark.parametrize("engine", ["fts5", "like"])
def test_search_engines_agree(make_light_db, engine):
    db = make_light_db()
    with TestClient(_app(db, search=engine)) as client:
        found = client.get("/api/v1/search", params={"q": "Lena Marsh"}).json()
        assert found["engine"] == engine and found["complete"] is True
        assert sorted(h["article"] for h in found["hits"]) == ["ferry-a", "ferry-b", "ferry-c"]
        assert found["total"] == 3
        paged = client.get("/api/v1/search", params={"q": "Lena Marsh", "limit": 2,
                                                     "offset": 2}).json()
        assert len(paged["hits"]) == 1 and paged["total"] == 3
        # LIKE reads words inside words (e.g. "50%" or "_"), FTS5 whole words; both are safe
        assert client.get("/api/v1/search", params={"q": "100%_"}).status_code == 200


def test_new_articles_reach_the_search_index(make_light_db, tmp_path):
    db = make_light_db(FERRY)
    app = _app(db)
    with TestClient(app) as client:
        assert client.get("/api/v1/search", params={"q": "Orlen"}).json()["total"] == 0
        ingest(db, write_reports(tmp_path / "more", ["museum-b.md"]), light_config())
        app.state.services.search.catch_up()  # what the indexing thread does every 2 s
        found = client.get("/api/v1/search", params={"q": "Orlen"}).json()
        assert [h["article"] for h in found["hits"]] == ["museum-b"]


def test_the_server_refuses_a_missing_or_foreign_database(tmp_path):
    from newsweave.errors import NewsweaveError
    from newsweave.web import create_app

    with pytest.raises(NewsweaveError) as missing:
        create_app(tmp_path / "none.db")
    assert missing.value.code == "E011"
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT)")
    with sqlite3.connect(other) as conn:
        conn.execute("INSERT INTO info VALUES ('schema', '1')")
    with pytest.raises(NewsweaveError) as foreign:
        create_app(other)
    assert foreign.value.code == "E302"


def test_host_names_other_than_loopback_are_refused(make_light_db):
    from newsweave.web.app import loopback_hosts

    db = make_light_db(FERRY)
    with TestClient(_app(db, allowed_hosts=loopback_hosts("127.0.0.1")),
                    base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/v1/stories").status_code == 200
        assert client.get("/api/v1/stories", headers={"host": "localhost:8000"}).status_code == 200
        refused = client.get("/api/v1/stories", headers={"host": "attacker.example"})
        assert refused.status_code == 400
        assert refused.json()["error"] == {
            "code": "E301", "input": "attacker.example",
            "message": refused.json()["error"]["message"]}
