"""The HTML pages: escaping, Content-Security-Policy, the list, search, an article, errors.

No models: a store of invented reports with the fingerprint stage only.
"""
from __future__ import annotations

import re

from fastapi.testclient import TestClient
from serve_stores import light_config

HTML = {"accept": "text/html"}


def _client(db):
    from newsweave.web import create_app

    return TestClient(create_app(db, config=light_config()))


def _no_script(page: str) -> None:
    assert "<script" not in page.lower()


def test_story_list_shows_stories_escaped_under_a_strict_policy(make_light_db):
    from newsweave.web.pages import PAGE_CSP, PAGE_META_CSP

    with _client(make_light_db()) as client:
        response = client.get("/", headers=HTML)
        page = response.text
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == PAGE_CSP
    assert f'content="{PAGE_META_CSP}"'.replace("'", "&#39;") in page
    assert "frame-ancestors" in PAGE_CSP and "frame-ancestors" not in PAGE_META_CSP
    _no_script(page)  # the title "<script>alert(1)</script> Museum reopens" is shown as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Museum reopens" in page
    rows = re.findall(r'<a class="story-link" href="/stories/([^"]+)">', page)
    assert len(rows) == 2
    assert "Harbour News, Coast Daily" in page
    assert '<form class="search" method="get" action="/search"' in page


def test_search_page_marks_the_words(make_light_db):
    with _client(make_light_db()) as client:
        page = client.get("/search", params={"q": "crossing"}, headers=HTML).text
        _no_script(page)
        assert len(re.findall(r'class="hit-title" href="/articles/ferry-', page)) == 3
        assert "<mark>crossing</mark>" in page
        assert 'value="crossing"' in page
        markup = client.get("/search", params={"q": "<b>museum</b>"}, headers=HTML).text
        assert "<b>museum" not in markup and "&lt;b&gt;museum&lt;/b&gt;" in markup
        _no_script(markup)


def test_article_page_before_and_after_its_story_is_briefed(make_light_db):
    with _client(make_light_db()) as client:
        page = client.get("/articles/museum-a", headers=HTML).text
        _no_script(page)
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Museum reopens" in page
        assert "has no briefing yet" in page
        story = client.get("/api/v1/articles/museum-a").json()["story"]
        assert f'href="/stories/{story}"' in page


def test_story_page_is_the_report_page_with_a_way_back(make_light_db):
    from newsweave.report.html import content_security_policy

    with _client(make_light_db()) as client:
        story = client.get("/api/v1/articles/ferry-a").json()["story"]
        response = client.get(f"/stories/{story}", headers=HTML)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert policy.startswith(content_security_policy()) and "frame-ancestors 'none'" in policy
    page = response.text
    assert page.count("<script>") == 1  # the report's own, allowed by its hash
    assert '<a href="/">← All stories</a>' in page
    assert 'href="/articles/ferry-a">article page</a>' in page


def test_errors_on_pages_are_pages(make_light_db):
    with _client(make_light_db()) as client:
        response = client.get("/stories/s-nope", headers=HTML)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "<code>E202</code>" in response.text and "s-nope" in response.text
        _no_script(response.text)
        # without asking for HTML the same error comes as JSON
        assert client.get("/stories/s-nope").json()["error"]["code"] == "E202"
        bad = client.get("/?offset=-1", headers=HTML)
        assert bad.status_code == 422 and "<code>E301</code>" in bad.text
