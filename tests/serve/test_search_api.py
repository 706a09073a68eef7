"""The search endpoint's answer (web/api.py, web/services.py): encoded once, without a response
model pass, so its bytes must stay those of ``SearchOut``; and searches run on their own few
threads, still bounded in time.

No models: the stores here use the fingerprint stage only and no story stages.
"""
from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from serve_stores import app_for


@pytest.mark.parametrize("query", ["ferry", "Ferry strike", "museum crowns", "qzxv",
                                   "ferry \x00 \u2028 é\"\\", "?!"])
def test_a_search_answer_is_what_the_response_model_encodes(make_light_db, query):
    from newsweave.web.api import SearchOut

    with TestClient(app_for(make_light_db())) as client:
        response = client.get("/api/v1/search", params={"q": query, "limit": 2})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    model = SearchOut.model_validate_json(response.content)  # the documented shape, strictly
    assert response.content == model.model_dump_json().encode("utf-8")
    assert model.query == query


def test_searches_run_on_the_search_threads(make_light_db, monkeypatch):
    from newsweave.web import services

    app = app_for(make_light_db())
    index = app.state.services.search
    seen: list[str] = []
    original = index.search

    def recording(*args, **kwargs):
        seen.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(index, "search", recording)
    with TestClient(app) as client:
        for offset in range(5):
            assert client.get("/api/v1/search", params={"q": "ferry", "offset": offset}
                              ).json()["total"] == 3
    assert len(seen) == 5 and all(name.startswith("newsweave-search") for name in seen)
    assert len(set(seen)) <= services.SEARCH_THREADS
