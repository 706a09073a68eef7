"""The report page in a real browser: clicking a citation shows its highlighted passage.

Drives Debian's headless Chromium through Playwright (no browser download: `executable_path` is
set). `.ci/run` installs chromium; without it these tests are skipped locally.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def served_report(tmp_path_factory, example_dir):
    """Brief the example and serve the output folder on 127.0.0.1 for the browser."""
    from newsweave.api import brief
    from newsweave.report import write_briefing

    out = tmp_path_factory.mktemp("report")
    briefing = brief([str(example_dir)])
    write_briefing(briefing, out)
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/briefing.html", briefing, out
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="module")
def page():
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.requests = requests
        yield page
        browser.close()


def test_clicking_a_citation_reveals_its_passage(page, served_report, example_dir):
    url, briefing, out = served_report
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    citation = page.locator("a.cite[data-cite]").first
    n = citation.get_attribute("data-cite")
    # the link target is the passage's first mark, or an empty anchor where the passage starts
    # inside another cited passage; either way the marks carrying the number must show
    assert page.locator(f"#cite-{n}").count() == 1
    mark = page.locator(f'mark[data-cites~="{n}"]').first
    assert not mark.is_visible(), "articles start folded"
    citation.click()
    mark.wait_for(state="visible", timeout=5000)
    assert mark.is_visible()
    # The highlighted passage is the raw text the first summary citation points at.
    first = briefing["stories"][0]["summary"][0]["citations"][0]
    raw = (example_dir / f"{first['article']}.txt").read_text("utf-8")
    passage = raw[first["start"]:first["end"]]
    marks = page.locator(f'mark[data-cites~="{n}"]').all_inner_texts()
    assert " ".join("".join(marks).split()) == " ".join(passage.split())
    assert errors == []
    page.screenshot(path=str(out / "report.png"), full_page=False)


def test_page_makes_no_outside_requests(page, served_report):
    url, _, _ = served_report
    page.requests.clear()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.requests and all(r.startswith(url.rsplit("/", 1)[0]) for r in page.requests)


def test_phone_layout_has_no_horizontal_scroll(page, served_report):
    url, _, _ = served_report
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 1
