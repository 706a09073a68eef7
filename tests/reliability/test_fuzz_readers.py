"""The fast subset of the generated inputs (`make fuzz` runs 500+ per format): every format's
named hostile inputs that no known failure covers, plus seeded mutations of valid seed files,
each read by the real readers in a worker under a time budget. Every input must end as
articles or skipped entries, with no uncaught exception, no reader bug, no input over its
budget and no article that breaks an invariant."""
from __future__ import annotations

import pytest
from reliability_harness import Worker, brief_sample, failures_text, run_cases, summarize
from reliability_inputs import FORMATS, cases, hostile

# Seconds an input may take in the fast subset (the slowest here takes about 4 s on 2 busy
# cores; the failures this guards against take minutes).
BUDGET = 20.0
MUTATIONS_PER_FORMAT = 25


def fast_cases(fmt: str):
    """Named hostile inputs without a known failure, then seeded mutations without one."""
    named = [c for c in hostile(fmt) if not c.known]
    mutated = [c for c in cases(fmt, MUTATIONS_PER_FORMAT, seed=1, include_hostile=False)
               if not c.known]
    return named + mutated


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_and_mutated_inputs_are_read_or_skipped(fmt, tmp_path):
    worker = Worker(fmt)
    try:
        outcomes = run_cases(fmt, fast_cases(fmt), tmp_path, budget=BUDGET, worker=worker)
    finally:
        worker.stop()
    row = summarize(fmt, outcomes, worker.peak_rss_mb)
    assert row["tried"] >= 40
    assert all(o.ok for o in outcomes), failures_text(outcomes)
    assert row["peak_rss_mb"] < 1536, row


def test_generators_are_deterministic():
    for fmt in FORMATS:
        first = [(c.name, c.data) for c in cases(fmt, 60, seed=3)]
        assert first == [(c.name, c.data) for c in cases(fmt, 60, seed=3)]
        assert first != [(c.name, c.data) for c in cases(fmt, 60, seed=4)]


def test_brief_runs_end_to_end_on_a_sample_of_every_format(tmp_path):
    """`newsweave brief` (fingerprint stage only) over a folder mixing a few inputs of every
    format: exit 0, no traceback, every input an article or a skipped entry, a report whose size
    grows with the input."""
    sample = []
    for fmt in FORMATS:
        if fmt == "sgml":   # not an extension `brief` reads
            continue
        usable = [c for c in cases(fmt, 12, seed=7, include_hostile=False) if not c.known]
        small = [c for c in hostile(fmt) if not c.known and len(c.data) < 50_000]
        sample += usable[:4] + small[:4]
    result = brief_sample(sample, tmp_path, timeout=600)
    assert result.get("exit") == 0 and result["failures"] == [], result
