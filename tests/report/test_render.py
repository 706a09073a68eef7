"""Rendering a briefing to JSON, Markdown and one self-contained HTML page."""
from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
import shutil
import subprocess

import pytest
from markupsafe import escape

from newsweave import errors
from newsweave.report import render_html, render_markdown, write_briefing
from newsweave.report.html import TEMPLATES, safe_url
from report_briefings import (
    HOSTILE_ATTR,
    HOSTILE_IMG,
    HOSTILE_SCRIPT,
    HOSTILE_URL,
    empty_briefing,
    full_briefing,
)
from report_htmlcheck import parse

CONTRACT_KEYS = {"schema", "articles", "skipped", "warnings", "stories", "meta"}
STORY_KEYS = {"id", "title", "articles", "summary", "quotes", "claims", "divergences", "actors",
              "question", "timeline", "copies", "coverage"}
SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")
HOSTILE = [HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_ATTR]


@pytest.fixture(scope="module")
def briefing() -> dict:
    return full_briefing()


@pytest.fixture(scope="module")
def page(briefing) -> str:
    return render_html(briefing)


@pytest.fixture(scope="module")
def markdown(briefing) -> str:
    return render_markdown(briefing)


def raws(briefing: dict) -> dict[str, str]:
    return {a["id"]: a["raw"] for a in briefing["articles"] if "raw" in a}


def anchor_to_article(briefing: dict) -> dict[str, str]:
    # Article sections are numbered in briefing order: article-1-..., article-2-...
    return {f"article-{i}": a["id"] for i, a in enumerate(briefing["articles"], 1)}


def article_of(anchor: str, briefing: dict) -> str:
    return anchor_to_article(briefing)[re.match(r"article-\d+", anchor).group(0)]


def all_evidence(briefing: dict) -> set[tuple[str, int, int]]:
    """Every passage the briefing cites, as (article, start, end)."""
    found = set()

    def add(ev, article=None):
        found.add((article or ev["article"], ev["start"], ev["end"]))

    for story in briefing["stories"]:
        for sentence in story["summary"]:
            for ev in sentence["citations"]:
                add(ev)
        for quote in story["quotes"]:
            for part in quote["content"]:
                add(part, quote["article"])
        for claim in story["claims"]:
            for ev in claim["evidence"]:
                add(ev)
        for divergence in story["divergences"]:
            for side in divergence["sides"]:
                for ev in side["evidence"]:
                    add(ev)
        for actor in story["actors"]:
            for ev in actor.get("stance_evidence", []):
                add(ev)
        for event in story["timeline"]:
            for ev in event["evidence"]:
                add(ev)
    return found


# --- files -------------------------------------------------------------------------------------

def test_write_briefing_writes_the_three_files(tmp_path, briefing):
    paths = write_briefing(briefing, tmp_path / "out" / "nested")

    assert set(paths) == {"json", "md", "html"}
    assert [p.name for p in paths.values()] == ["briefing.json", "briefing.md", "briefing.html"]
    for path in paths.values():
        assert path.is_file() and path.stat().st_size > 0
    assert paths["html"].read_text(encoding="utf-8") == render_html(briefing)
    assert paths["md"].read_text(encoding="utf-8") == render_markdown(briefing)
    assert not list(paths["json"].parent.glob(".*.tmp"))


def test_json_round_trips_without_raw_text(tmp_path, briefing):
    changed = copy.deepcopy(briefing)
    changed["articles"][0]["title"] = "Café “quoted” harbour"
    path = write_briefing(changed, tmp_path)["json"]
    text = path.read_text(encoding="utf-8")
    loaded = json.loads(text)

    assert "Café “quoted” harbour" in text  # ensure_ascii=False
    assert set(loaded) == CONTRACT_KEYS
    assert STORY_KEYS <= set(loaded["stories"][0])
    assert all("raw" not in a for a in loaded["articles"])
    expected = copy.deepcopy(changed)
    for article in expected["articles"]:
        article.pop("raw", None)
    assert loaded == expected
    assert "raw" in changed["articles"][0]  # the caller's briefing is not modified


def test_write_briefing_reports_a_directory_it_cannot_create(tmp_path, briefing):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    out_dir = blocker / "out"

    with pytest.raises(errors.NewsweaveError) as caught:
        write_briefing(briefing, out_dir)

    assert caught.value.code == errors.CANNOT_WRITE
    assert caught.value.input == str(out_dir)
    assert caught.value.fix


# --- HTML: citations and marks -----------------------------------------------------------------

def test_every_mark_is_the_escaped_raw_slice(page, briefing):
    text_of = raws(briefing)
    parsed = parse(page)
    sources = re.findall(r'<mark[^>]*data-start="(\d+)" data-end="(\d+)">([^<]*)</mark>', page)

    assert parsed.marks and len(sources) == len(parsed.marks)
    for mark, (start, end, inner) in zip(parsed.marks, sources):
        raw = text_of[article_of(mark.article_anchor, briefing)]
        assert inner == str(escape(raw[int(start):int(end)]))
        assert mark.text == raw[int(start):int(end)]


def test_every_cited_passage_is_marked_whole_once(page, briefing):
    pieces: dict[int, list[tuple[str, int, int]]] = {}
    for mark in parse(page).marks:
        article = article_of(mark.article_anchor, briefing)
        for cite in mark.attrs["data-cites"].split():
            pieces.setdefault(int(cite), []).append(
                (article, int(mark.attrs["data-start"]), int(mark.attrs["data-end"])))
    passages = set()
    for cite, parts in pieces.items():
        assert len({a for a, _, _ in parts}) == 1, f"cite {cite} spans articles"
        for (_, _, end), (_, start, _) in zip(parts, parts[1:]):
            assert end == start, f"cite {cite} has a hole"
        passages.add((parts[0][0], parts[0][1], parts[-1][2]))

    assert len(passages) == len(pieces)  # one page id per distinct passage
    cited_with_text = {e for e in all_evidence(briefing) if e[0] in raws(briefing)}
    assert passages == cited_with_text


def test_citation_links_point_at_existing_anchors(page):
    parsed = parse(page)
    ids = parsed.ids
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert all(SAFE_ID.fullmatch(i) for i in ids), [i for i in ids if not SAFE_ID.fullmatch(i)]
    internal = [a["href"] for t, a in parsed.tags if t == "a" and (a.get("href") or "").startswith("#")]
    assert internal
    assert {h[1:] for h in internal} <= set(ids)
    cite_links = [a for t, a in parsed.tags if t == "a" and a.get("data-cite")]
    assert all(a["href"] == f"#cite-{a['data-cite']}" for a in cite_links)


def test_summary_sentences_carry_numbered_citation_links(page):
    sentence = "The harbour master said nobody was hurt.</span>"
    after = page.split(sentence, 1)[1].split("<span", 1)[0]
    assert re.findall(r">\[(\d+)\]</a>", after) == ["4", "5", "6"]


def test_overlapping_citations_render_as_valid_flat_marks(page):
    parsed = parse(page)
    assert parsed.errors == []
    shared = [m for m in parsed.marks if m.text == "Nobody was hurt"]
    assert len(shared) == 1 and len(shared[0].attrs["data-cites"].split()) == 3


def test_passage_without_raw_text_links_to_its_article(page):
    assert 'href="#article-4-n1" title="No raw text kept (Wire) (passage not available)">[10]</a>' in page
    assert "The article's text is not included in this briefing." in page


def test_sections_are_rendered_when_filled(page):
    for heading in ["Summary", "Who said what", "Key facts", "Where reports diverge", "Positions",
                    "Timeline", "Copies and rewrites", "Coverage by source", "Sources",
                    "Skipped inputs (2)", "Warnings (1)", "Articles (4)"]:
        assert f">{heading}</h" in page, heading
    assert '<span class="badge corroborated" title="independent sources">2 independent sources</span>' in page
    assert '<td class="disputes">✗ disputes</td>' in page
    assert "<summary><strong>Dana Reyes</strong>" in page and "harbour master · Eastbay Port Authority" in page
    assert page.count('<circle cx=') == 2  # the "--04-01" event has no year: listed, not charted


# --- HTML: hostile input and self-containment --------------------------------------------------

def test_hostile_strings_appear_only_escaped(page):
    for hostile in HOSTILE:
        assert hostile not in page
        assert str(escape(hostile)) in page
    assert "<svg onload" not in page and "<img" not in page
    parsed = parse(page)
    tags = {t for t, _ in parsed.tags}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
                    "h4", "p", "nav", "ol", "ul", "li", "a", "main", "article", "section", "span",
                    "div", "table", "thead", "tbody", "tr", "th", "td", "strong", "code", "br",
                    "svg", "line", "circle", "title", "text", "details", "summary", "time", "mark",
                    "pre", "footer", "script"}
    for tag, attributes in parsed.tags:
        assert not [k for k in attributes if k.startswith("on")], (tag, attributes)
        assert "src" not in attributes and "style" not in attributes, (tag, attributes)


def test_only_http_urls_are_linked(page):
    parsed = parse(page)
    hrefs = [(a.get("href") or "") for t, a in parsed.tags if "href" in a]
    assert all(h.startswith("#") or h.startswith("https://") for h in hrefs), hrefs
    external = [a for t, a in parsed.tags if t == "a" and a.get("href", "").startswith("http")]
    assert [a["href"] for a in external] == ["https://example.org/a1"]
    assert all(a["rel"] == "noopener noreferrer nofollow" for a in external)
    assert not any(HOSTILE_URL in h for h in hrefs)


@pytest.mark.parametrize("url, linked", [
    ("https://example.org/a?b=1#c", True),
    ("HTTP://EXAMPLE.ORG/", True),
    ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    (" https://example.org/", False),
    ("https://example.org/\njavascript:x", False),
    ('https://example.org/"onmouseover=x', False),
    ("data:text/html,<script>", False),
    ("//example.org/", False),
    ("in/a1.txt", False),
    (None, False),
])
def test_safe_url(url, linked):
    assert (safe_url(url) is not None) == linked


def test_page_loads_nothing_from_outside(page):
    lowered = page.lower()
    for forbidden in ['src="http', "<link", "@import", "url(", "<script src", "<iframe", "<object",
                      "<embed", "<base", "<form"]:
        assert forbidden not in lowered, forbidden
    assert lowered.count("<script") == 1


def test_content_security_policy_allows_only_the_page_script(page):
    parsed = parse(page)
    csp = next(a["content"] for t, a in parsed.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    script = (TEMPLATES / "briefing.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()

    assert parsed.scripts == [script]
    assert "default-src 'none'" in csp and "img-src data:" in csp
    assert f"script-src 'sha256-{digest}'" in csp and "unsafe-inline'; img" not in csp.split("script-src")[1]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_page_script_is_valid_javascript():
    result = subprocess.run(["node", "--check", str(TEMPLATES / "briefing.js")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


# --- empty and malformed briefings -------------------------------------------------------------

@pytest.mark.parametrize("render", [render_html, render_markdown])
def test_empty_briefing_renders_the_skipped_inputs(render):
    out = render(empty_briefing())
    assert "No stories were found." in out
    assert "the file is binary, not text" in out and "E002" in out
    assert "in/blank.txt" in out


@pytest.mark.parametrize("render", [render_html, render_markdown])
def test_missing_keys_and_wrong_types_do_not_break_rendering(render):
    for broken in [
        {},
        {"stories": None, "articles": "nope", "meta": []},
        {"articles": [{"id": "a", "raw": "short"}, "junk", {"id": "a", "raw": "dup"}],
         "stories": [{"summary": [{"text": "x", "citations": [
             {"article": "a", "start": "0", "end": 3},    # offset not an int
             {"article": "a", "start": 3, "end": 1},      # reversed
             {"article": "a", "start": 0, "end": 99},     # past the text
             {"article": "a", "start": True, "end": 2},   # bool is not an offset
             {"article": "zzz", "start": 0, "end": 2},    # unknown article
             "junk"]}], "quotes": [{"speaker": None, "content": None}], "claims": [{}],
             "coverage": {"claims": ["c"], "sources": ["a"], "cells": "bad"},
             "timeline": [{"date": 5}], "copies": [{"articles": "ab"}], "actors": [{}],
             "divergences": [{"sides": [None]}]}, "story"],
         "skipped": [{}]},
    ]:
        out = render(broken)
        assert out
        if render is render_html:
            assert parse(out).errors == []
            assert "<mark" not in out


# --- Markdown ----------------------------------------------------------------------------------

def test_markdown_summary_sentences_have_citation_markers(markdown):
    assert "Eastbay's north harbour closed on Monday after a crane collapsed. [1][2][3]" in markdown
    assert "The harbour master said nobody was hurt. [4][5][6]" in markdown
    assert "A wire report agreed. [10]" in markdown


def test_markdown_sources_quote_the_cited_passage(markdown):
    assert "1. **a1** — Crane collapse shuts harbour (Eastbay Post, 2024-03-04): “closed the north harbour on Monday”" in markdown
    assert "10. **n1** — No raw text kept (Wire) (characters 0–5; text not included)" in markdown


def test_markdown_sources_are_shortened():
    long_raw = "word " * 200
    briefing = {"articles": [{"id": "a", "raw": long_raw}], "stories": [{"summary": [
        {"text": "Long.", "citations": [{"article": "a", "start": 0, "end": len(long_raw)}]}]}]}
    line = next(l for l in render_markdown(briefing).splitlines() if l.startswith("1. "))
    assert line.endswith("…”") and len(line) < 260


def test_markdown_lists_skipped_inputs_with_codes_and_reasons(markdown):
    assert "- **E001** in/empty.txt: the file is empty; fix: give a file with text" in markdown
    assert "## Warnings" in markdown and "language looks mixed" in markdown


def test_markdown_groups_quotes_by_person(markdown):
    assert "- **Dana Reyes** (harbour master, Eastbay Port Authority):" in markdown
    assert "  - “Nobody was hurt,” — Crane collapse shuts harbour (Eastbay Post, 2024-03-04) [12]" in markdown
    assert "  - nobody was injured _(reported speech)_ — Harbour closed (Ferry News, 2024-03-05) [13]" in markdown


def test_markdown_escapes_input_that_would_break_the_layout(markdown):
    assert "## 1. \\# Eastbay harbour closed after crane collapse" in markdown
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    ours = re.compile(r"# News briefing|## \d+\. \\#.*|### [A-Z][a-z ]+|## (Skipped inputs|Warnings)")
    assert all(ours.fullmatch(line) for line in headings), headings
    for hostile in HOSTILE:
        assert hostile not in markdown
    assert "\\<script\\>alert(1)\\</script\\>" in markdown


def test_markdown_table_cells_stay_on_one_row():
    briefing = {"articles": [], "stories": [{"title": "T", "actors": [
        {"name": "A | B\n# C", "affiliation": "x\ny", "stance": "for\n\n| evil | row |"}]}]}
    rows = [l for l in render_markdown(briefing).splitlines() if l.startswith("| ")]
    assert len(rows) == 2  # header and the one actor
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 6 for row in rows)


def test_sections_come_in_the_order_a_reader_needs_them(page, markdown):
    # the facts and their support, then disagreements, then positions, then who said what
    order = ["Summary", "Key facts", "Where reports diverge", "Positions", "Who said what",
             "Timeline"]
    html_at = [page.index(f">{heading}</h3>") for heading in order]
    md_at = [markdown.index(f"### {heading}") for heading in order]
    assert html_at == sorted(html_at) and md_at == sorted(md_at)
    # each person's quotes are folded under their name
    assert '<details class="person">' in page and '<details class="person" open' not in page


def test_articles_are_named_with_outlet_and_day(markdown):
    assert "Harbour closed (Ferry News, 2024-03-05)" in markdown


def test_a_story_without_a_question_says_that_no_stances_are_judged(briefing):
    asked = copy.deepcopy(briefing)
    story = asked["stories"][0]
    assert story["actors"]
    story["question"] = None
    for actor in story["actors"]:
        actor["stance"], actor["stance_evidence"] = None, []
    assert "No central question" in render_markdown(asked)
    assert "No central question" in render_html(asked)
    assert "No central question" not in render_markdown(briefing)


def test_a_day_without_a_stated_year_is_spelt_out(page, markdown):
    assert "**1 April (year not stated)**" in markdown and "--04-01" not in markdown
    assert "<strong>1 April (year not stated)</strong>" in page


def test_reported_words_a_speaker_denied_are_shown_with_the_denial():
    from newsweave.report.common import Articles, quote_text

    raw = "An official denied that the mayor ordered the raid. Ann Roe said the raid was legal."
    arts = Articles([{"id": "a1", "title": "T", "raw": raw}])
    denied = {"article": "a1", "direct": False, "cue": {"text": "denied", "start": 12, "end": 18},
              "content": [{"start": 24, "end": 50}]}
    said = {"article": "a1", "direct": False, "cue": {"text": "said", "start": 60, "end": 64},
            "content": [{"start": 65, "end": 83}]}
    assert quote_text(denied, arts) == "(denied) the mayor ordered the raid"
    assert quote_text(said, arts) == "the raid was legal"
