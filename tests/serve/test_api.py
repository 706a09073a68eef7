"""The JSON API over the example store: stories, a cached briefing, an article, search, errors.

Model-backed: the store is the example ingested with the default pipeline and briefed once.
"""
from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsweave.cli.main import app as cli

pytestmark = pytest.mark.slow

ERROR_KEYS = {"code", "message", "input"}


@pytest.fixture(scope="module")
def client(example_db):
    from newsweave.web import create_app

    with TestClient(create_app(example_db)) as client:
        yield client


@pytest.fixture(scope="module")
def story(client) -> dict:
    (story,) = client.get("/api/v1/stories").json()["stories"]
    return story


def assert_error(response, status: int, code: str, input_value: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    assert body["error"]["code"] == code and body["error"]["message"]
    if input_value is not None:
        assert body["error"]["input"] == input_value
    return body["error"]


def test_story_list_gives_the_stored_story(client, story, example_dir):
    assert story["size"] == len(list(example_dir.glob("*.txt")))
    assert story["briefing"] == "fresh"
    assert story["links"] == {"page": f"/stories/{story['id']}",
                              "briefing": f"/api/v1/stories/{story['id']}/briefing"}
    page = client.get("/api/v1/stories", params={"limit": 1, "offset": 1}).json()
    assert page["stories"] == [] and page["total"] == 1 and page["offset"] == 1


def test_story_detail_lists_its_articles(client, story):
    detail = client.get(f"/api/v1/stories/{story['id']}").json()
    assert len(detail["articles"]) == story["size"]
    assert {a["id"] for a in detail["articles"]} == {
        a["id"] for a in json.loads(client.get(story["links"]["briefing"]).content)["articles"]}


def test_cached_briefing_is_the_briefing_brief_db_writes(client, story, example_db, tmp_path):
    import jsonschema

    from newsweave.report.build import briefing_schema

    response = client.get(story["links"]["briefing"])
    assert response.status_code == 200
    assert response.headers["x-newsweave-briefing"] == "fresh"
    served = response.json()
    jsonschema.Draft202012Validator(briefing_schema()).validate(served)
    assert all("raw" not in a for a in served["articles"])

    result = CliRunner().invoke(cli, ["brief", "--db", str(example_db), "--story", story["id"],
                                      "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    written = json.loads((tmp_path / "out" / "briefing.json").read_text("utf-8"))
    (mine,), (theirs,) = served["stories"], written["stories"]
    for key in ("summary", "quotes", "claims", "divergences", "actors", "timeline", "copies",
                "coverage", "question", "articles", "title"):
        assert mine[key] == theirs[key], key
    assert mine["summary"] and mine["claims"]
    assert served["articles"] == [{k: v for k, v in a.items() if k != "raw"}
                                  for a in written["articles"]]


def test_article_has_raw_text_and_the_passages_its_briefing_cites(client, story, example_dir):
    briefing = json.loads(client.get(story["links"]["briefing"]).content)
    cited = {(c["article"], c["start"], c["end"])
             for s in briefing["stories"][0]["summary"] for c in s["citations"]}
    article_id = sorted(cited)[0][0]
    article = client.get(f"/api/v1/articles/{article_id}").json()
    assert article["raw"] == (example_dir / f"{article_id}.txt").read_text("utf-8")
    assert article["story"] == story["id"] and article["briefing"] == "fresh"
    for passage in article["citations"]:
        assert article["raw"][passage["start"]:passage["end"]] == passage["text"]
        assert passage["by"]
    shown = {(article_id, p["start"], p["end"]) for p in article["citations"]}
    assert {c for c in cited if c[0] == article_id} <= shown
    assert any(b.startswith("summary sentence") for p in article["citations"] for b in p["by"])


def _a_word_of(text: str) -> str:
    # a long word of the article, so that the test does not depend on a chosen example word
    return max(re.findall(r"[A-Za-z]{6,}", text), key=lambda w: (len(w), w))


def test_search_finds_an_article_by_a_word_of_it(client, story):
    detail = client.get(f"/api/v1/stories/{story['id']}").json()
    article_id = detail["articles"][-1]["id"]
    raw = client.get(f"/api/v1/articles/{article_id}").json()["raw"]
    word = _a_word_of(raw)
    found = client.get("/api/v1/search", params={"q": word.upper()}).json()
    assert found["engine"] == "fts5" and found["complete"] is True
    assert article_id in [h["article"] for h in found["hits"]]
    hit = next(h for h in found["hits"] if h["article"] == article_id)
    assert hit["story"] == story["id"]
    assert [hit["snippet"][s:e].casefold() for s, e in hit["highlights"]][0] == word.casefold()
    nothing = client.get("/api/v1/search", params={"q": "qzxv wq"}).json()
    assert nothing["total"] == 0 and nothing["hits"] == []
    # the story list filters by the same words
    assert client.get("/api/v1/stories", params={"q": word}).json()["total"] == 1
    assert client.get("/api/v1/stories", params={"q": "qzxv"}).json()["total"] == 0


@pytest.mark.parametrize("query", ['"', "NEAR(a b", "a* OR", "-x", "'; DROP TABLE articles;--",
                                   "\x00troops", "ü" * 150])
def test_search_syntax_from_the_user_never_breaks_the_query(client, query):
    response = client.get("/api/v1/search", params={"q": query})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert_error(response, 422, "E301", "q")


def test_errors_have_one_shape_with_the_cli_codes(client, story):
    assert_error(client.get("/api/v1/stories/s-nope"), 404, "E202", "s-nope")
    assert_error(client.get("/api/v1/stories/s-nope/briefing"), 404, "E202", "s-nope")
    assert_error(client.get("/api/v1/articles/nope/x"), 404, "E011", "nope/x")
    assert_error(client.get("/api/v1/nowhere"), 404, "E011", "/api/v1/nowhere")
    error = assert_error(client.get("/api/v1/stories", params={"limit": 0}), 422, "E301",
                         "limit")
    assert "limit" in error["message"]
    assert_error(client.get("/api/v1/stories", params={"since": "yesterday"}), 422, "E301",
                 "since")
    # a number is not a day (pydantic would read it as a Unix time)
    assert_error(client.get("/api/v1/stories", params={"until": "0.0"}), 422, "E301", "until")
    assert_error(client.get("/api/v1/search"), 422, "E301", "q")
    # a query with no words is valid and finds nothing (the schema cannot say "has a word")
    assert client.get("/api/v1/search", params={"q": "?!"}).json()["total"] == 0
    assert_error(client.delete(story["links"]["briefing"]), 405, "E301")


def test_internal_errors_have_the_shape_too(example_db):
    from newsweave.web import create_app

    app = create_app(example_db)

    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    app.state.services.reader.stories = broken
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/v1/stories")
        error = assert_error(response, 500, "E999", "/api/v1/stories")
        assert "disk on fire" not in error["message"]  # details go to the log, not the client


def test_openapi_documents_the_api_and_the_briefing_schema(client):
    doc = client.get("/openapi.json").json()
    assert {"/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/stories/{story_id}/briefing",
            "/api/v1/articles/{article_id}", "/api/v1/search"} == set(doc["paths"])
    schemas = doc["components"]["schemas"]
    assert schemas["Briefing"]["properties"]["schema"]["const"] == "newsweave/briefing@1"
    refs = re.findall(r'"\$ref": "([^"]+)"', json.dumps(doc))
    assert refs and all(r.startswith("#/components/schemas/") and r.rsplit("/", 1)[1] in schemas
                        for r in refs)
    for path in doc["paths"].values():
        assert path["get"]["responses"]["422"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorResponse"}


def test_responses_carry_security_headers(client, story):
    response = client.get("/api/v1/stories")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]
