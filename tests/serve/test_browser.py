"""`newsweave serve` in a real browser: the story list, a story page (a click on a citation
shows the passage), search, and an article with its cited passages.

The server runs on 127.0.0.1 (uvicorn in a thread) over the example store; Debian's headless
Chromium is driven through Playwright as in tests/browser (skipped where it is not installed).
"""
from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def server(example_db):
    import uvicorn

    from newsweave.web import create_app
    from newsweave.web.app import loopback_hosts

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(example_db, allowed_hosts=loopback_hosts("127.0.0.1"))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    # a CSP violation or a failed load shows as a console error
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    page.problems, page.requests = problems, requests
    yield page
    assert problems == []
    assert all(url.startswith(server) for url in requests), requests
    context.close()


def test_story_list_links_to_the_story_page(page, server, example_dir):
    page.goto(server + "/")
    rows = page.locator("table.stories tbody tr")
    assert rows.count() == 1
    size = rows.first.locator("td").nth(1).inner_text()
    assert int(size) == len(list(example_dir.glob("*.txt")))
    rows.first.locator("a.story-link").click()
    page.wait_for_url(server + "/stories/**")
    assert page.locator("section.summary .sentence").count() >= 1


def test_clicking_a_citation_on_the_story_page_shows_its_passage(page, server, example_dir):
    page.goto(server + "/")
    page.locator("a.story-link").first.click()
    page.wait_for_url(server + "/stories/**")
    citation = page.locator("section.summary a.cite[data-cite]").first
    n = citation.get_attribute("data-cite")
    mark = page.locator(f'mark[data-cites~="{n}"]').first
    assert not mark.is_visible(), "articles start folded"
    citation.click()
    mark.wait_for(state="visible", timeout=5000)
    # the marked text is the raw passage the briefing cites (read from the served briefing)
    story_id = page.url.split("#")[0].rsplit("/", 1)[1]
    briefing = page.request.get(f"{server}/api/v1/stories/{story_id}/briefing").json()
    assert "stories" in briefing, briefing
    first = briefing["stories"][0]["summary"][0]["citations"][0]
    raw = (example_dir / f"{first['article']}.txt").read_text("utf-8")
    shown = "".join(page.locator(f'mark[data-cites~="{n}"]').all_inner_texts())
    assert " ".join(shown.split()) == " ".join(raw[first["start"]:first["end"]].split())


def test_search_finds_articles_and_opens_one_with_its_cited_passages(page, server):
    page.goto(server + "/")
    # a word of the first summary sentence: the article it cites must be among the hits
    story_id = page.locator("a.story-link").first.get_attribute("href").rsplit("/", 1)[1]
    briefing = page.request.get(f"{server}/api/v1/stories/{story_id}/briefing").json()
    citation = briefing["stories"][0]["summary"][0]["citations"][0]
    word = max(citation["text"].split(), key=len).strip(".,;:“”\"'’")
    page.fill("input#q", word)
    page.press("input#q", "Enter")
    page.wait_for_url(server + "/search?**")
    hits = page.locator("li.hit")
    assert hits.count() >= 1
    assert page.locator("li.hit mark").first.inner_text().casefold() == word.casefold()
    link = page.locator(f'a.hit-title[href="/articles/{citation["article"]}"]')
    assert link.count() == 1
    link.click()
    page.wait_for_url(server + f"/articles/{citation['article']}")
    marks = page.locator(".raw mark")
    assert marks.count() >= 1
    # every listed passage links to its highlighted place in the text
    first = page.locator("ol.sources a").first
    target = first.get_attribute("href")
    assert page.locator(target).count() == 1
    first.click()
    n = target.removeprefix("#cite-")
    assert page.locator(f'.raw mark[data-cites~="{n}"]').first.is_visible()
