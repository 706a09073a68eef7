"""The search endpoint's answer (web/api.py, web/search_pool.py): encoded once, without a
response model pass, so its bytes must stay those of ``SearchOut``; and searches run on their
own few threads or processes, still bounded in time, and a search process that dies costs one
request, not the server.

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
    from newsweave.web import search_pool

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
    assert len(set(seen)) <= search_pool.SEARCH_THREADS


QUERIES = [{"q": "ferry"}, {"q": "Ferry strike", "limit": 1, "offset": 1}, {"q": "qzxv"},
           {"q": "museum \x00 \u2028 é\"\\"}, {"q": "?!"}, {"q": "crowns", "offset": 7}]


def test_search_processes_answer_what_the_threads_answer(make_light_db):
    db = make_light_db()
    answers = []
    for processes in (0, 1):
        app = app_for(db, search_processes=processes)
        with TestClient(app) as client:
            answers.append([client.get("/api/v1/search", params=params).content
                            for params in QUERIES])
        assert app.state.services.searches.processes == processes
    assert answers[0] == answers[1]
    assert b'"total":3' in answers[1][0]


def test_a_search_process_that_dies_costs_one_request_not_the_server(make_light_db):
    import os
    import signal

    app = app_for(make_light_db(), search_processes=1)
    with TestClient(app) as client:
        assert client.get("/api/v1/search", params={"q": "ferry"}).json()["total"] == 3
        pool = app.state.services.searches
        for pid in list(pool._executor._processes):  # noqa: SLF001 - the test kills it
            os.kill(pid, signal.SIGKILL)
        response = client.get("/api/v1/search", params={"q": "strike"})
        assert response.status_code == 503
        assert response.json()["error"] == {
            "code": "E104", "message": "the search process stopped (fix: try again)",
            "input": "strike"}
        assert client.get("/api/v1/search", params={"q": "strike"}).json()["total"] == 3
        assert client.get("/api/v1/stories").status_code == 200


def test_a_search_process_keeps_the_time_bound(make_light_db):
    app = app_for(make_light_db(), search_processes=1)
    index = app.state.services.search  # the search process takes its bound from here
    index.seconds, index.progress_steps = 0.0, 1  # the tiny store's queries are short
    with TestClient(app) as client:
        response = client.get("/api/v1/search", params={"q": "ferry strike"})
    assert response.status_code == 503 and response.json()["error"]["code"] == "E104"


# -- where a snippet starts (web/search.py: first_match) -------------------------------------

def test_the_ascii_folds_are_every_letter_that_pairs_with_ascii_or_lowers_to_several():
    import re
    import sys

    from newsweave.web.search import ASCII_FOLDS

    ascii_word = re.compile(r"[a-z0-9_]", re.IGNORECASE)
    found = [chr(cp) for cp in range(0x80, sys.maxunicode + 1)
             if not 0xD800 <= cp <= 0xDFFF
             and (len(chr(cp).lower()) != 1 or chr(cp).lower().isascii()
                  or ascii_word.fullmatch(chr(cp)))]
    assert "".join(found) == ASCII_FOLDS


@pytest.mark.parametrize("text", ["Troops: MACRON said", "İstanbul police",
                                  "KELVIN 5\u212a police", "Chaſe the ſaid",
                                  "çà et là, Police Said", "no term here",
                                  "ÉLECTION election", "saidsaid"])
@pytest.mark.parametrize("terms", [["said"], ["police", "said"], ["election"], ["é", "said"],
                                   ["k", "s"], ["i"]])
def test_the_first_match_is_the_patterns_own(text, terms):
    from newsweave.web.search import first_match, terms_pattern

    pattern = terms_pattern(terms)
    match = pattern.search(text)
    assert first_match(text, terms, pattern) == (match.start() if match else -1)


def test_the_first_match_is_the_patterns_own_for_any_text():
    from hypothesis import given, settings, strategies as st

    from newsweave.web.search import first_match, search_terms, terms_pattern

    letters = st.sampled_from(list("aAbBkKsSiI ._-é\u0130\u0131\u017f\u212a\u00df\n"))

    @settings(max_examples=400, deadline=None)
    @given(st.text(letters, max_size=60), st.text(letters, min_size=1, max_size=12))
    def check(text, query):
        terms = search_terms(query)
        if not terms:
            return
        pattern = terms_pattern(terms)
        match = pattern.search(text)
        assert first_match(text, terms, pattern) == (match.start() if match else -1)

    check()


@pytest.mark.parametrize("processes", ["-1", "33"])
def test_serve_refuses_a_number_of_search_processes_out_of_range(make_light_db, processes):
    from typer.testing import CliRunner

    from newsweave.cli.main import app as cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(make_light_db()),
                                      "--search-processes", processes])
    assert result.exit_code != 0
    assert "--search-processes between 0 and 32" in result.output


def test_serve_starts_two_search_processes_on_two_cores_or_more():
    from newsweave.web.search_pool import default_processes

    assert [default_processes(n) for n in (None, 1, 2, 8)] == [0, 0, 2, 2]


def test_search_processes_leave_when_the_server_is_killed(make_light_db):
    import os
    import subprocess
    import sys
    import time

    script = (
        "import os, signal, sys\n"
        "from newsweave.web.reads import Reader\n"
        "from newsweave.web.search import SearchIndex\n"
        "from newsweave.web.search_pool import SearchPool\n"
        "index = SearchIndex(sys.argv[1], Reader(sys.argv[1]))\n"
        "pool = SearchPool(index, processes=2)\n"
        "pool.warm()\n"
        "print(' '.join(map(str, pool._executor._processes)), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", script, str(make_light_db())],
                          capture_output=True, text=True, timeout=120)
    pids = [int(p) for p in done.stdout.split()]
    assert len(pids) == 2, done.stderr

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # A zombie has left; only its entry waits for a parent that reaps it.
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"

    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in pids)
