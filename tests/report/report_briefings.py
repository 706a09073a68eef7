"""Hand-built briefings for the report tests (invented text, no real news)."""
from __future__ import annotations

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_ATTR = '"><svg onload=alert(1)>'
HOSTILE_URL = "javascript:alert(1)"

HARBOUR = (
    "Port officials in Eastbay closed the north harbour on Monday after a crane collapsed.\n"
    "\"Nobody was hurt,\" said Dana Reyes, the harbour master. Repairs will take two weeks.\n"
    "Shipping firms said delays could cost them money."
)
FERRY = (
    "The Eastbay north harbour shut on Monday. The harbour master, Dana Reyes, said nobody was "
    "injured. Local traders dispute the two-week estimate and expect a month of closure."
)
# An article whose title, text and metadata are all hostile.
HOSTILE_RAW = (
    f"Headline {HOSTILE_SCRIPT} body {HOSTILE_IMG} tail {HOSTILE_ATTR} & more &amp; end."
)


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def ev(article: str, text: str, needle: str) -> dict:
    start, end = span(text, needle)
    return {"article": article, "start": start, "end": end}


def full_briefing() -> dict:
    """A briefing with every section filled, overlapping citations and hostile strings."""
    closed = ev("a1", HARBOUR, "closed the north harbour on Monday")
    crane = ev("a1", HARBOUR, "closed the north harbour on Monday after a crane collapsed")  # contains `closed`
    hurt = ev("a1", HARBOUR, "Nobody was hurt")
    master = ev("a1", HARBOUR, "Nobody was hurt,\" said Dana Reyes")  # overlaps `hurt`, same start
    reyes = ev("a1", HARBOUR, "said Dana Reyes, the harbour master")  # crosses `master`
    two_weeks = ev("a1", HARBOUR, "Repairs will take two weeks.")
    ferry_shut = ev("a2", FERRY, "The Eastbay north harbour shut on Monday.")
    dispute = ev("a2", FERRY, "Local traders dispute the two-week estimate and expect a month of closure.")
    hostile = ev("h1", HOSTILE_RAW, HOSTILE_SCRIPT)
    hostile_img = ev("h1", HOSTILE_RAW, f"body {HOSTILE_IMG} tail")
    return {
        "schema": "newsweave/briefing@1",
        "articles": [
            {"id": "a1", "title": "Crane collapse shuts harbour", "source": "Eastbay Post",
             "published": "2024-03-04", "path": "in/a1.txt", "url": "https://example.org/a1",
             "raw": HARBOUR},
            {"id": "a2", "title": "Harbour closed", "source": "Ferry News",
             "published": "2024-03-05", "path": "in/a2.txt", "raw": FERRY},
            {"id": "h1", "title": f"{HOSTILE_SCRIPT} {HOSTILE_IMG} {HOSTILE_ATTR}",
             "source": HOSTILE_ATTR, "published": HOSTILE_IMG, "path": HOSTILE_URL,
             "url": HOSTILE_URL, "raw": HOSTILE_RAW},
            {"id": "n1", "title": "No raw text kept", "source": "Wire", "published": None,
             "path": "in/n1.jsonl#3"},
        ],
        "skipped": [
            {"input": "in/empty.txt", "code": "E001", "reason": "the file is empty; fix: give a file with text"},
            {"input": f"in/{HOSTILE_IMG}.html", "code": "E006", "reason": f"bad markup {HOSTILE_SCRIPT}"},
        ],
        "warnings": [{"input": "in/a2.txt", "code": "E010", "reason": "language looks mixed"}],
        "stories": [{
            "id": "s1",
            "title": "# Eastbay harbour closed after crane collapse",
            "articles": ["a1", "a2", "h1", "n1"],
            "summary": [
                {"text": "Eastbay's north harbour closed on Monday after a crane collapsed.",
                 "citations": [closed, crane, ferry_shut]},
                {"text": "The harbour master said nobody was hurt.",
                 "citations": [hurt, master, reyes]},
                {"text": "Repairs are expected to take two weeks.", "citations": [two_weeks]},
                {"text": f"A hostile page said {HOSTILE_SCRIPT}.", "citations": [hostile, hostile_img]},
                {"text": "A wire report agreed.",
                 "citations": [{"article": "n1", "start": 0, "end": 5}]},
            ],
            "quotes": [
                {"article": "a1",
                 "speaker": {"name": "Dana Reyes", "text": "Dana Reyes", "start": reyes["start"] + 5,
                             "end": reyes["start"] + 15, "role": "harbour master",
                             "affiliation": "Eastbay Port Authority"},
                 "cue": {"text": "said", "start": reyes["start"], "end": reyes["start"] + 4},
                 "content": [{"text": "Nobody was hurt,", "start": hurt["start"], "end": hurt["end"] + 1}],
                 "direct": True, "also_reported_by": ["a2"]},
                {"article": "a2",
                 "speaker": {"name": "dana reyes", "text": "Dana Reyes", "start": 0, "end": 0,
                             "role": "", "affiliation": ""},
                 "cue": None,
                 "content": [{"text": "nobody was injured", **{k: v for k, v in ev("a2", FERRY, "nobody was injured").items() if k != "article"}}],
                 "direct": False, "also_reported_by": []},
                {"article": "h1",
                 "speaker": {"name": HOSTILE_SCRIPT, "text": "x", "start": 0, "end": 1,
                             "role": HOSTILE_IMG, "affiliation": HOSTILE_ATTR},
                 "cue": None,
                 "content": [{"text": HOSTILE_IMG, **{k: v for k, v in hostile_img.items() if k != "article"}}],
                 "direct": True, "also_reported_by": []},
            ],
            "claims": [
                {"id": "c1", "text": "The north harbour closed on Monday.", "status": "corroborated",
                 "sources": ["a1", "a2"], "independent_sources": 2, "evidence": [closed, ferry_shut]},
                {"id": "c2", "text": "Repairs will take two weeks.", "status": "disputed",
                 "sources": ["a1", "a2"], "independent_sources": 1, "evidence": [two_weeks, dispute]},
                {"id": "c3", "text": f"Hostile {HOSTILE_IMG}", "status": f"{HOSTILE_ATTR}",
                 "sources": ["h1"], "independent_sources": 1, "evidence": [hostile]},
            ],
            "divergences": [{"about": "How long the closure lasts", "sides": [
                {"text": "Two weeks", "evidence": [two_weeks]},
                {"text": "About a month", "evidence": [dispute]},
            ]}],
            "actors": [
                {"name": "Dana Reyes", "aliases": ["Reyes"], "role": "harbour master",
                 "affiliation": "Eastbay Port Authority", "stance": "repairs are quick",
                 "stance_evidence": [{**two_weeks, "text": "Repairs will take two weeks."}]},
                {"name": "Local traders", "aliases": [], "role": "", "affiliation": "",
                 "stance": f"sceptical {HOSTILE_SCRIPT}", "stance_evidence": [dispute]},
            ],
            "question": "Will the harbour reopen within two weeks?",
            "timeline": [
                {"date": "2024-03-04", "text": "Crane collapses; harbour closes.", "evidence": [crane]},
                {"date": "2024-03-18", "text": "Expected reopening.", "evidence": [two_weeks]},
                {"date": "--04-01", "text": f"Traders' estimate {HOSTILE_IMG}", "evidence": [dispute]},
            ],
            "copies": [{"articles": ["a1", "h1"], "kind": "rewrite", "similarity": 0.71}],
            "coverage": {"claims": ["c1", "c2"], "sources": ["a1", "a2", "h1"],
                         "cells": [["carries", "carries", "omits"], ["carries", "disputes", "omits"]]},
        }],
        "meta": {"version": "0.1.0", "created": "2024-03-06T10:00:00+00:00",
                 "config": {"cluster": {"threshold": 0.5}}, "timings": {"ingest": 0.12},
                 "models": {"spacy": "en_core_web_sm 3.8.0", HOSTILE_SCRIPT: HOSTILE_IMG}},
    }


def empty_briefing() -> dict:
    """No stories: every input was skipped."""
    return {
        "schema": "newsweave/briefing@1",
        "articles": [],
        "skipped": [
            {"input": "in/blank.txt", "code": "E001", "reason": "the file is empty"},
            {"input": "in/photo.jpg", "code": "E002", "reason": "the file is binary, not text"},
        ],
        "warnings": [],
        "stories": [],
        "meta": {},
    }
