"""Kept responses (web/responses.py): a repeated request is answered from the kept bytes with no
store read, carries an ETag and gets a 304 when the client has it; any change to the store
gives the next request a fresh answer (new bytes, new ETag).

No models: the stores here use the fingerprint stage only and no story stages.
"""
from __future__ import annotations

import functools
import threading

from fastapi.testclient import TestClient

from serve_stores import FERRY, app_for, ingest, light_config, story_of, wait_for, write_reports

_app, _story_of = app_for, story_of
_wait = functools.partial(wait_for, seconds=120.0)


def test_a_repeated_request_is_answered_without_reading_the_store(make_light_db):
    db = make_light_db()
    app = _app(db)
    reader = app.state.services.reader
    with TestClient(app, raise_server_exceptions=False) as client:
        first = client.get("/api/v1/stories")
        assert first.status_code == 200 and first.headers["etag"]

        def no_reads(*args, **kwargs):
            raise AssertionError("the store was read for a kept answer")

        reader.stories = no_reads
        again = client.get("/api/v1/stories")
        assert again.status_code == 200
        assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
        # the guard's headers are on kept answers too
        assert again.headers["x-content-type-options"] == "nosniff"
        assert "content-security-policy" in again.headers
        # a different query is a different answer: it goes to the app (and its reader)
        other = client.get("/api/v1/stories", params={"limit": 1})
        assert other.status_code == 500


def test_if_none_match_gets_a_304_with_the_same_etag(make_light_db):
    db = make_light_db(FERRY)
    with TestClient(_app(db)) as client:
        story_id = _story_of(client, "ferry-a")
        for path in (f"/api/v1/stories/{story_id}/briefing", "/api/v1/stories",
                     "/api/v1/search?q=ferry", f"/stories/{story_id}", "/", "/search?q=ferry"):
            full = client.get(path)
            assert full.status_code == 200, path
            etag = full.headers["etag"]
            assert full.headers["cache-control"] == "no-cache"
            unchanged = client.get(path, headers={"if-none-match": etag})
            assert unchanged.status_code == 304 and unchanged.content == b"", path
            assert unchanged.headers["etag"] == etag
            assert unchanged.headers["x-content-type-options"] == "nosniff"
            other = client.get(path, headers={"if-none-match": '"something-else"'})
            assert other.status_code == 200 and other.content == full.content
        page = client.get(f"/stories/{story_id}")
        assert "script-src" in page.headers["content-security-policy"]


def test_a_changed_story_gets_new_bytes_and_a_new_etag(make_light_db, tmp_path):
    db = make_light_db(FERRY)
    app = _app(db, poll_seconds=3600)  # only requests queue rebuilds here
    builder = app.state.services.cache.builder
    with TestClient(app) as client:
        story_id = _story_of(client, "ferry-a")
        path = f"/api/v1/stories/{story_id}/briefing"
        client.get(path)  # built
        old = client.get(path)
        assert old.headers["x-newsweave-briefing"] == "fresh"
        listed = client.get("/api/v1/stories")
        ingest(db, write_reports(tmp_path / "more", ["ferry-c.md"]), light_config())

        # the store changed: the next answers are made again, from the store as it is now
        relisted = client.get("/api/v1/stories")
        assert relisted.headers["etag"] != listed.headers["etag"]
        assert {s["id"]: s["briefing"] for s in relisted.json()["stories"]}[story_id] == "stale"
        # served stale: the old bytes, so a client holding them gets a 304 that says stale
        stale = client.get(path, headers={"if-none-match": old.headers["etag"]})
        assert stale.status_code == 304 and stale.headers["x-newsweave-briefing"] == "stale"
        _wait(lambda: builder.pending() == 0)
        fresh = client.get(path, headers={"if-none-match": old.headers["etag"]})
        assert fresh.status_code == 200 and fresh.headers["x-newsweave-briefing"] == "fresh"
        assert fresh.headers["etag"] != old.headers["etag"] and fresh.content != old.content
        assert sorted(fresh.json()["stories"][0]["articles"]) == ["ferry-a", "ferry-b", "ferry-c"]


def test_a_stale_briefing_is_never_replayed(make_light_db, tmp_path):
    """Each request for a stale briefing goes through the app (it queues the rebuild), so the
    rebuild is asked for again after a failed one."""
    db = make_light_db(FERRY)
    app = _app(db, poll_seconds=3600)
    builder = app.state.services.cache.builder
    real_build = builder.build
    asked = []
    gate = threading.Event()

    def gated(story_id):
        asked.append(story_id)
        assert gate.wait(120)
        raise RuntimeError("model exploded")

    with TestClient(app) as client:
        story_id = _story_of(client, "ferry-a")
        path = f"/api/v1/stories/{story_id}/briefing"
        client.get(path)
        ingest(db, write_reports(tmp_path / "more", ["ferry-c.md"]), light_config())
        builder.build = gated
        assert client.get(path).headers["x-newsweave-briefing"] == "stale"
        gate.set()
        _wait(lambda: builder.pending() == 0)
        assert client.get(path).headers["x-newsweave-briefing"] == "stale"
        _wait(lambda: len(asked) == 2)
        builder.build = real_build


def test_errors_are_not_kept(make_light_db):
    db = make_light_db(FERRY)
    with TestClient(_app(db)) as client:
        for _ in range(2):
            missing = client.get("/api/v1/stories/no-such-story/briefing")
            assert missing.status_code == 404 and "etag" not in missing.headers
            assert missing.json()["error"]["code"] == "E202"
        page = client.get("/stories/no-such-story", headers={"accept": "text/html"})
        assert page.status_code == 404 and "text/html" in page.headers["content-type"]


def test_a_search_over_its_time_bound_is_stopped_with_the_error_shape(make_light_db,
                                                                      monkeypatch):
    from newsweave.web import search

    monkeypatch.setattr(search, "PROGRESS_STEPS", 1)  # the tiny store's queries are short
    db = make_light_db()
    app = _app(db)
    app.state.services.search.seconds = 0.0  # every search is over its bound
    with TestClient(app) as client:
        for path in ("/api/v1/search?q=ferry", "/api/v1/stories?q=ferry"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert response.json()["error"]["code"] == "E104"
        app.state.services.search.seconds = 30.0
        assert client.get("/api/v1/search?q=ferry").json()["total"] == 3
