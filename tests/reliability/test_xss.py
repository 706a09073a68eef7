"""The XSS payload corpus in every input-derived field (Markdown front matter and body, JSON
Lines fields and id, RSS entries, HTML pages), briefed with the fingerprint stage only, then
the report and the `serve` pages over a store of the same inputs opened in headless Chromium:
no payload runs, with or without the Content-Security-Policy, no CSP violation, no injected
markup. (`make fuzz` adds a run through the default pipeline, where quotes and speakers come
from the text.)"""
from __future__ import annotations

import pytest
from reliability_xss import CHROMIUM, PAYLOADS, PLACEMENTS, run_xss

pytestmark = pytest.mark.slow


def test_no_payload_executes_in_the_report_or_the_serve_pages(tmp_path):
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it)")
    pytest.importorskip("playwright.sync_api")
    result = run_xss(tmp_path, article_pages=10, story_pages=10)
    assert result["control_caught"], "the detector missed an unescaped payload"
    assert result["placements"] == len(PAYLOADS) * len(PLACEMENTS) >= 900
    assert result["articles"] >= 3 * len(PAYLOADS)    # md, html and jsonl at least
    assert result["pages"] >= 20   # the report, the list, stories, articles, searches
    assert result["executed"] == set() and result["executed_without_csp"] == set(), result
    assert result["csp_violations"] == [], result["csp_violations"][:5]
    assert result["injected"] == [], result["injected"][:10]
