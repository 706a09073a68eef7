"""JSON Lines: one article per line; a bad line is reported and the next lines still come out."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from ingest_helpers import ENGLISH, read_all


def _jsonl(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_jsonl_articles_of_each_kind(write):
    path = write("batch.jsonl", _jsonl(
        {"id": "ap-1", "text": ENGLISH, "title": "Troops", "url": "https://ap.example/1",
         "source": "AP", "author": "Jane Roe", "published": "2024-02-27T10:00:00Z"},
        {"id": "html-2", "html": f"<html><body><article><p>{ENGLISH}</p></article></body></html>",
         "url": "https://daily.example/2"},
        {"sentences": ["Macron said troops could not be ruled out.", ENGLISH]},
        {"id": 17, "text": ENGLISH, "published": "last Tuesday", "url": "javascript:alert(1)"},
    ))
    articles, problems = read_all([path])
    assert problems == []
    ap, page, sentences, numbered = articles
    assert (ap.id, ap.meta.title, ap.meta.source, ap.meta.author) == ("ap-1", "Troops", "AP", "Jane Roe")
    assert ap.meta.published == datetime(2024, 2, 27, 10, tzinfo=timezone.utc)
    assert ap.meta.url == "https://ap.example/1"
    assert ap.meta.path == f"{path}#line 1" and ap.raw == ENGLISH
    assert page.id == "html-2" and page.text == ENGLISH and page.raw.startswith("<html>")
    assert page.meta.url == "https://daily.example/2"
    assert sentences.id == "batch-3"  # no id: <file stem>-<line number>
    assert sentences.raw == "Macron said troops could not be ruled out.\n" + ENGLISH
    assert sentences.text.splitlines()[0] == "Macron said troops could not be ruled out."
    assert numbered.id == "17"
    assert numbered.meta.published is None  # an unparsable date is dropped, not the article
    assert numbered.meta.url is None


def test_broken_line_between_two_good_ones(write):
    path = write("mixed.ndjson", _jsonl(
        {"id": "good-1", "text": ENGLISH},
        '{"id": "broken", "text": "unterminated',
        {"id": "good-2", "text": ENGLISH},
    ))
    articles, problems = read_all([path])
    assert [a.id for a in articles] == ["good-1", "good-2"]
    (problem,) = problems
    assert problem.code == "E007"
    assert problem.input == f"{path}#line 2"
    assert str(path) in str(problem) and "JSON" in problem.reason and problem.fix


@pytest.mark.parametrize("line, reason", [
    ('["a", "list"]', "not an object"),
    ('{"id": "x"}', "has no text"),
    ('{"id": "x", "text": 42}', "has no text"),
    ('{"id": "x", "sentences": ["a", 3]}', "has no text"),
    ("[" * 100_000, "nested too deeply"),
])
def test_unusable_lines(write, line, reason):
    path = write("bad.jsonl", _jsonl({"id": "ok", "text": ENGLISH}, line))
    articles, (problem,) = read_all([path])
    assert [a.id for a in articles] == ["ok"]
    assert problem.code == "E007" and reason in problem.reason
    assert problem.input.endswith("#line 2")


def test_line_checks_name_the_line(write):
    path = write("checks.jsonl", _jsonl(
        {"id": "short", "text": "Too short."},
        {"id": "fr", "text": "Le président de la République a déclaré que l'envoi de troupes "
                             "occidentales en Ukraine ne pouvait pas être exclu, selon les "
                             "déclarations faites à la presse."},
        {"id": "empty-page", "html": "<html><body></body></html>"},
    ).encode() + b'{"id": "latin1", "text": "caf\xe9"}\n')
    articles, problems = read_all([path])
    assert articles == []
    assert [(p.code, p.input) for p in problems] == [
        ("E012", f"{path}#line 1"), ("E010", f"{path}#line 2"),
        ("E006", f"{path}#line 3"), ("E003", f"{path}#line 4"),
    ]


def test_large_jsonl_is_streamed_with_a_cap_per_line(write):
    good = json.dumps({"id": "ok", "text": ENGLISH})
    huge = json.dumps({"id": "huge", "text": "word " * 3_000})
    path = write("bulk.jsonl", _jsonl(good, huge, good, good))
    assert path.stat().st_size > 10_000
    articles, (problem,) = read_all([path], ingest={"max_file_bytes": 10_000})
    assert [a.id for a in articles] == ["ok", "ok-2", "ok-3"]
    assert (problem.code, problem.input) == ("E004", f"{path}#line 2")


def test_empty_and_binary_jsonl(write):
    _, (empty,) = read_all([write("empty.jsonl", "")])
    _, (binary,) = read_all([write("binary.jsonl", b"\x00\x01\x02" * 100)])
    assert (empty.code, binary.code) == ("E001", "E002")


def test_headline_only_item_is_read_from_its_title(write):
    title = "Regional council approves the new river bridge after a two-year planning dispute"
    path = write("headlines.jsonl", _jsonl({"id": "h1", "title": title, "sentences": []}))
    (article,), problems = read_all([path])
    assert problems == []
    assert article.raw == title and article.text == title and article.meta.title == title
